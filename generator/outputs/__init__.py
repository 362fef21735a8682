"""Outputs besides pages: data exports, Atom feeds and the sitemap."""
