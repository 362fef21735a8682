"""Publish: the built site committed to a GitHub Pages branch."""
