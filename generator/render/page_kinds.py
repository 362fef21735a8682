"""Every kind of page, in one table (``KINDS``): its template, where its pages go, which
pages it has, what each is made from and the map it shows.

Rendering, URLs, the sitemap and the build's decision that a page is stale all read it,
so a new kind of page is a row here and a template. "Made from" is what a page shows of
the sheets: the sheets themselves, in the order shown, and anything else (a count). The
build renders a page again only when its sheets or that "also" changed
(``cache/fingerprints.py``), and the sitemap dates a page by its newest sheet. A template
that shows more of the sheets than its row says would leave its pages stale: widen the
row.
"""

from __future__ import annotations

import math
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.model.drafts import sheet_key
from generator.model.site import Site
from generator.render.search_shards import shard_count, used_folders

HOME_SHEETS = 20
"""Sheets the home page shows as cards, newest first; the archive lists them all."""
ARCHIVE_PAGE = 100
"""Sheets per archive page: a newsroom's thousands of sheets in pages a phone can load."""
POPUP_SHEETS = 5
"""Sheets a place's popup on the map of every place lists, newest first."""
ENTITY_KINDS = ("people", "organizations", "places")


@dataclass(frozen=True)
class MadeFrom:
    """What a page shows of the sheets: their slugs, in the order shown, and ``also``
    anything else that changes with them (how many there are)."""

    slugs: list[str]
    also: str = ""


def _one_page(site: Site) -> list[str | None]:
    return [None]


def _no_sheet(site: Site, key: str | None) -> MadeFrom:
    """About, 404 and landing pages: made from the site's settings and texts alone."""
    return MadeFrom([])


def _nothing_more(site: Site, key: str | None) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class PageKind:
    name: str
    template: str
    folder: str = ""
    """Folder under the language folder (and the page's key under it)."""
    file: str = "index.html"
    in_language: bool = True
    """False: one page for the whole site, outside the language folders."""
    keys: Callable[[Site], list[str | None]] = _one_page
    """The key of every page of the kind in a language (None: the kind's only page)."""
    made_from: Callable[[Site, str | None], MadeFrom] = _no_sheet
    shows: Callable[[Site, str | None], dict[str, Any]] = _nothing_more
    """What its template is given besides the page and the site."""
    map: str | None = None
    """Which map the page shows (``maps.page_maps.MAPS``), if any."""

    @property
    def one_page(self) -> bool:
        """Whether the kind has one page per language (the home page) or many (sheets)."""
        return self.keys is _one_page

    def path(self, language: str, key: str | None = None) -> str:
        """Output path of one page, relative to ``site/``."""
        parts = [language if self.in_language else "", self.folder, key or "", self.file]
        return posixpath.join(*[part for part in parts if part])


def archive_key(number: int) -> str | None:
    """The page key of archive page ``number``: the first is the archive folder itself."""
    return None if number == 1 else str(number)


def archive_pages(site: Site) -> int:
    return max(1, math.ceil(len(site.sheets) / ARCHIVE_PAGE))


def archive_sheets(site: Site, key: str | None) -> tuple[list, int]:
    """The sheets of the archive page with this key, and how many pages there are."""
    start = (int(key or 1) - 1) * ARCHIVE_PAGE
    return site.newest_first[start:start + ARCHIVE_PAGE], archive_pages(site)


def popup_sheets(site: Site):
    """Every place, the newest sheets about it that its popup on the map of every place
    lists, and how many sheets are about it."""
    for place in site.of_kind("places"):
        sheets = site.sheets_about(place.id)
        yield place, site.by_newest(sheets)[:POPUP_SHEETS], len(sheets)


def search_shard_count(site: Site) -> int:
    """How many search indexes the site's sheet and entity pages are spread over."""
    return shard_count(len(site.settings.languages) * (len(site.sheets) + len(site.entities)))


def search_folders(site: Site) -> list[str]:
    """The ``site/`` folder of every search index, the main one (with Pagefind's script)
    first: the search page merges the others into it."""
    count = search_shard_count(site)
    language = site.settings.languages[0]
    pages = [KINDS["sheet"].path(language, sheet.slug) for sheet in site.sheets]
    pages += [KINDS[entity.kind].path(language, entity.id) for entity in site.entities.values()]
    return used_folders(pages, count)


def _home(site: Site, key: str | None) -> MadeFrom:
    """The newest sheets' cards, and the count of all sheets."""
    newest = site.newest_first[:HOME_SHEETS]
    return MadeFrom([sheet.slug for sheet in newest], f"{len(site.sheets)} sheets")


def _map(site: Site, key: str | None) -> MadeFrom:
    """Each place's popup: its newest sheets, and its count of sheets."""
    slugs, counts = [], []
    for place, newest, count in popup_sheets(site):
        slugs += [sheet.slug for sheet in newest]
        counts.append(f"{place.id}={count};")
    return MadeFrom(slugs, "".join(counts))


def _search(site: Site, key: str | None) -> MadeFrom:
    """The search indexes it merges."""
    return MadeFrom([], " ".join(search_folders(site)))


def _archive(site: Site, key: str | None) -> MadeFrom:
    """Its sheets in their order, and its count of pages."""
    listed, pages = archive_sheets(site, key)
    return MadeFrom([sheet.slug for sheet in listed], f"{pages} pages")


def _archive_shows(site: Site, key: str | None) -> dict[str, Any]:
    number = int(key or 1)
    sheets, count = archive_sheets(site, key)
    return {"sheets": sheets, "number": number, "count": count,
            "first": (number - 1) * ARCHIVE_PAGE + 1}


def _entity_kind(kind: str, map_name: str | None = None) -> PageKind:
    """The pages of one registry's entities, each made from the sheets involving it."""
    return PageKind(
        kind, "entity.html", kind,
        keys=lambda site: [entity.id for entity in site.of_kind(kind)],
        made_from=lambda site, key: MadeFrom([s.slug for s in site.sheets_about(key)]),
        shows=lambda site, key: {"entity": site.entities[key]}, map=map_name)


KINDS: dict[str, PageKind] = {kind.name: kind for kind in (
    PageKind("landing", "landing.html", in_language=False),
    PageKind("home", "home.html", made_from=_home,
             shows=lambda site, key: {"latest": site.newest_first[:HOME_SHEETS]}),
    PageKind("about", "about.html", "about"),
    PageKind("map", "map.html", "map", made_from=_map, map="site"),
    PageKind("search", "search.html", "search", made_from=_search),
    PageKind("404", "404.html", file="404.html"),
    PageKind("archive", "archive.html", "archive", made_from=_archive, shows=_archive_shows,
             keys=lambda site: [archive_key(n) for n in range(1, archive_pages(site) + 1)]),
    PageKind("sheet", "sheet.html", "sheets", keys=lambda site: [s.slug for s in site.sheets],
             made_from=lambda site, key: MadeFrom([key]),
             shows=lambda site, key: {"sheet": site.sheet(key)}, map="sheet"),
    _entity_kind("people"),
    _entity_kind("organizations"),
    _entity_kind("places", map_name="place"),
)}
"""Every kind of page, in the order a language's pages are listed and rendered."""


def page_key(kind: str, key: str | None) -> str:
    """The key ``Site.is_draft`` knows a sheet's or entity's page by ("" for others)."""
    if kind == "sheet":
        return sheet_key(key)
    return key if kind in ENTITY_KINDS else ""
