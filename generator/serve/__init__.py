"""Serve: the preview server that rebuilds on save and reloads open pages."""
