"""Markdown fields to safe HTML: rendered by markdown, then cut down to an allow-list by nh3."""

from __future__ import annotations

from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "a", "em", "strong", "code", "ul", "ol", "li", "blockquote", "br", "bdi",
                "span"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "span": {"lang", "dir"},
                      "bdi": {"lang", "dir"}}
URL_SCHEMES = {"http", "https"}
"""Links may be http(s) or relative; javascript:, data: and the rest are dropped."""


@lru_cache(maxsize=8192)
def render_markdown(text: str) -> Markup:
    """Markdown source as sanitized HTML: tags outside the allow-list (raw HTML in the
    source included) are dropped, their text kept; every attribute and URL is checked.

    Cached: a summary appears on its sheet, the home page, the feed and structured data.
    """
    return _sanitized(text)


def _sanitized(text: str) -> Markup:
    html = _converter().reset().convert(text)
    return Markup(nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                            url_schemes=URL_SCHEMES, link_rel="noopener noreferrer"))


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    """One converter, reset between texts: building one costs more than a conversion."""
    return markdown.Markdown(output_format="html")


def markdown_text(text: str) -> str:
    """Markdown source as the plain text its reader sees (no ``**`` or list dashes): for
    search records, whose snippets are shown as text. Not cached: a build makes each
    record once, and a big site's summaries would fill the pages' cache (about 11 MiB
    at 5,000 sheets)."""
    return str(_sanitized(text).striptags()) if text else ""
