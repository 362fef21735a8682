"""The one type every part of the model shares: a text given per language."""

Text = dict[str, str]
"""A text per language code (``{"ar": ..., "en": ...}``); a language may be missing."""
