"""``sitemap.xml``: the absolute URL (from ``base_url``) of every page a reader may land on,
each with its versions in the other languages (``hreflang`` alternates)."""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from . import urls
from .model import SiteSettings

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n')


def sitemap(settings: SiteSettings, page_paths: Iterable[str]) -> bytes:
    """The sitemap of the pages at ``page_paths`` (output paths relative to ``site/``).

    The landing page only redirects and the 404 pages are not content, so neither is listed.
    """
    versions: dict[str, dict[str, str]] = {}
    """Path inside a language folder -> {language: output path}."""
    for path in sorted(page_paths):
        language, _, inside = path.partition("/")
        if language in settings.languages and inside and not inside.endswith("404.html"):
            versions.setdefault(inside, {})[language] = path
    lines = [HEAD]
    default = settings.languages[0]
    for inside in sorted(versions):
        pages = {lang: urls.absolute(settings.base_url, path)
                 for lang, path in versions[inside].items()}
        alternates = ""
        if len(pages) > 1:
            links = [(lang, pages[lang]) for lang in settings.languages if lang in pages]
            if default in pages:
                links.append(("x-default", pages[default]))
            alternates = "".join(f'    <xhtml:link rel="alternate" hreflang="{lang}" '
                                 f"href={quoteattr(url)}/>\n" for lang, url in links)
        for lang in settings.languages:
            if lang in pages:
                lines.append(f"  <url>\n    <loc>{escape(pages[lang])}</loc>\n{alternates}"
                             "  </url>\n")
    lines.append("</urlset>\n")
    return "".join(lines).encode("utf-8")
