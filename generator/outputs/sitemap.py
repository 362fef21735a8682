"""``sitemap.xml``: the absolute URL (from ``base_url``) of every page a reader may land on,
each with its versions in the other languages (``hreflang`` alternates) and the date of
the newest news it shows (``lastmod``); ``robots.txt``, which names the sitemap."""

from __future__ import annotations

from functools import cache
from xml.sax.saxutils import escape, quoteattr

from generator.model.facts import EPOCH
from generator.model.site import Site, SiteSettings
from generator.render import urls
from generator.render.page_kinds import KINDS

SITEMAP = "sitemap.xml"
HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n')


def page_dates(site: Site, specs) -> dict[str, str]:
    """Output path -> the newest date among the sheets a page of many of its kind shows
    (a sheet's last correction, else its publication: ``Sheet.updated``), the whole
    site's newest for a kind's only page; "" when there is none."""

    updated = {sheet.slug: sheet.updated for sheet in site.sheets}  # worked out once each

    def newest(slugs: list[str]) -> str:
        date = max(map(updated.__getitem__, slugs), default=EPOCH)
        return "" if date == EPOCH else date

    @cache  # by page, whatever the language: every language's shows the same sheets
    def date(kind: str, key: str | None) -> str:
        return newest(KINDS[kind].made_from(site, key).slugs)

    every = newest([sheet.slug for sheet in site.newest_first[:1]])
    return {spec.output: every if KINDS[spec.kind].one_page else date(spec.kind, spec.key)
            for spec in specs}


def robots(settings: SiteSettings) -> bytes:
    """Every crawler welcome, and where the sitemap is (crawlers read it only at a host's
    root: a site under a path, such as a GitHub project site, is found by its sitemap)."""
    return (f"User-agent: *\nAllow: /\n\nSitemap: "
            f"{urls.absolute(settings.base_url, SITEMAP)}\n").encode()


def sitemap(settings: SiteSettings, dates: dict[str, str]) -> bytes:
    """The sitemap of the pages whose output paths (relative to ``site/``) are the keys of
    ``dates``, each with its date (see ``page_dates``).

    The landing page only redirects and the 404 pages are not content, so neither is listed.
    """
    versions: dict[str, dict[str, str]] = {}
    """Path inside a language folder -> {language: output path}."""
    for path in sorted(dates):
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
                date = dates[versions[inside][lang]]
                lastmod = f"    <lastmod>{date}</lastmod>\n" if date else ""
                lines.append(f"  <url>\n    <loc>{escape(pages[lang])}</loc>\n{lastmod}"
                             f"{alternates}  </url>\n")
    lines.append("</urlset>\n")
    return "".join(lines).encode("utf-8")
