"""``sitemap.xml``: the absolute URL (from ``base_url``) of every page a reader may land on,
each with its versions in the other languages (``hreflang`` alternates) and the date of
the newest news it shows (``lastmod``); ``robots.txt``, which names the sitemap."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from generator.model.site import EPOCH, Site, SiteSettings
from generator.render import urls

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n')


def page_dates(site: Site, specs) -> dict[str, str]:
    """Output path -> the newest date among the sheets each page shows (a sheet's last
    correction, else its publication: ``Sheet.updated``), "" when it shows none."""
    from generator.render.pages import ENTITY_KINDS, archive_sheets

    def newest(sheets) -> str:
        date = max((sheet.updated for sheet in sheets), default=EPOCH)
        return "" if date == EPOCH else date

    every = newest(site.newest_first[:1])
    sheets = {sheet.slug: sheet for sheet in site.sheets}
    dates = {}
    for spec in specs:
        if spec.kind == "sheet":
            dates[spec.output] = newest([sheets[spec.key]])
        elif spec.kind in ENTITY_KINDS:
            dates[spec.output] = newest(site.sheets_about(spec.key))
        elif spec.kind == "archive":
            dates[spec.output] = newest(archive_sheets(site, spec.key)[0])
        else:  # pages of which there is one: the whole site's newest
            dates[spec.output] = every
    return dates


def robots(settings: SiteSettings) -> bytes:
    """Every crawler welcome, and where the sitemap is (crawlers read it only at a host's
    root: a site under a path, such as a GitHub project site, is found by its sitemap)."""
    return (f"User-agent: *\nAllow: /\n\nSitemap: "
            f"{urls.absolute(settings.base_url, 'sitemap.xml')}\n").encode()


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
