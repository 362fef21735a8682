"""Render: pages as HTML strings (templates, URLs, languages, markup, JSON-LD, CSP)."""
