"""folium maps as fragments of our own pages: vendored Leaflet, shared code, safe popups.

folium builds the Leaflet calls; we take only its script, never its CDN header, and make
it the shared ``assets/folium-maps.js`` (``shared.py``), loaded beside Leaflet from
``site/assets/``: a page holds only its map's data, as JSON in a data block (never code,
so the page's policy allows no inline script for it). Leaflet puts popups, tooltips and
icons in the page as HTML, so each is built here as escaped ``Markup``, and the data is
escaped for a <script> element (``script_json``): no place name can break out of them.

Countries the basemap has an outline of are not markers: the page lists them as areas
(``MapArea``), which ``assets/map.js`` shades on the basemap with the same popups.

A folium render costs about 15 ms, too much for every page of a large site, so folium draws
each kind of map once (``templates.py``) and each page gives only its own values.
"""

from __future__ import annotations

from dataclasses import dataclass

import nh3
from markupsafe import Markup, escape

from generator.maps.shared import map_data
from generator.maps.view import MapView, Marker, js_string, script_json

__all__ = ["MapArea", "MapFragment", "MapPlace", "build_map", "js_string"]

ZOOM_FOR_KIND = {"country": 5, "region": 7, "city": 11, "district": 14, "building": 16}
BASEMAP_ZOOM = 6
"""Closest a single place's map opens on the basemap: country outlines say nothing closer
in (raster tiles do; their maps open at ``ZOOM_FOR_KIND``)."""
APPROXIMATE_KINDS = {"country", "region"}
"""Places drawn as an area marker (when the basemap has no outline of them): their point is
only a centre, not a location."""


@dataclass(frozen=True)
class MapPlace:
    """One place as a map shows it, already in the page's language."""

    id: str
    name: str
    kind: str
    kind_label: str
    lat: float
    lon: float
    href: str
    """Relative URL of the place page, from the page the map is on."""
    links: tuple[tuple[str, str], ...] = ()
    """(text, URL) shown under the name: the sentences or sheets that mention it."""
    more: str | None = None
    """Text of a last link, to the place page, when ``links`` shows only some sheets."""
    outline: str | None = None
    """Id of the place's outline in the basemap (a country's ISO 3166 number), if drawn."""
    key: bool = True
    """Whether the map opens on it: a map fits its key places."""


@dataclass(frozen=True)
class MapArea:
    """A place drawn as its shaded outline on the basemap, with its popup."""

    outline: str
    name: str
    lat: float
    lon: float
    popup: Markup


@dataclass(frozen=True)
class MapFragment:
    """What a template needs to show a map: the container id and the map's data."""

    element_id: str
    data: Markup
    """The data ``assets/folium-maps.js`` draws the map from: JSON, safe in a <script>."""
    marker_count: int
    clustered: bool
    """True when the page must also load Leaflet.markercluster."""
    areas: tuple[MapArea, ...]
    symbols: tuple[str, ...]
    """What the legend explains, each shown on this map: place kinds, ``area``
    (a marker standing for a place with no outline), ``outline`` and ``cluster``."""
    basemap: bool
    """True when ``assets/map.js`` draws the country outlines (no raster tiles)."""


def build_map(name: str, places: list[MapPlace], tiles: str | None, attribution: str,
              max_zoom: int, language: str, direction: str) -> MapFragment:
    """A Leaflet map of ``places`` whose ids all derive from ``name`` (an identifier).

    With no ``tiles`` the map has no raster layer and places with an ``outline`` become
    areas; with tiles every place is a marker.
    """
    if not name.isidentifier():
        raise ValueError(f"map name {name!r} is not an identifier")
    basemap = tiles is None
    outlined = [p for p in places if basemap and p.outline]
    pinned = [p for p in places if not (basemap and p.outline)]
    key = [p for p in places if p.key] or places
    zoom = min(_zoom(key), BASEMAP_ZOOM) if basemap else _zoom(key)
    view = MapView(name, tuple(_centre(key)), zoom,
                   _bounds(key) if len(key) > 1 else None,
                   tiles, _safe_attribution(attribution), max_zoom)
    markers = [_marker(place, language, direction) for place in pinned]
    areas = tuple(MapArea(p.outline, p.name, float(p.lat), float(p.lon),
                          _popup_html(p, language, direction)) for p in outlined)
    data = script_json(map_data(view, markers))
    symbols = [kind for kind in ZOOM_FOR_KIND if any(_symbol(p) == kind for p in pinned)]
    symbols += ["area"] if any(_symbol(p) == "area" for p in pinned) else []
    symbols += ["outline"] if areas else []
    symbols += ["cluster"] if view.clustered and len(pinned) > 1 else []
    return MapFragment(f"map_{name}", data, len(pinned), view.clustered, areas,
                       tuple(symbols), basemap)


def _symbol(place: MapPlace) -> str:
    return "area" if place.kind in APPROXIMATE_KINDS else place.kind


def _marker(place: MapPlace, language: str, direction: str) -> Marker:
    approximate = " place-marker--area" if place.kind in APPROXIMATE_KINDS else ""
    label = Markup('<span class="visually-hidden">{}</span>').format(place.name)
    return Marker(float(place.lat), float(place.lon), place.name, label,
                  f"place-marker place-marker--{place.kind}{approximate}",
                  _popup_html(place, language, direction), escape(place.name))


def _popup_html(place: MapPlace, language: str, direction: str) -> Markup:
    lines = Markup("").join(Markup('<li><a href="{}">{}</a></li>').format(href, text)
                            for text, href in place.links)
    if lines:
        lines = Markup('<ul>{}</ul>').format(lines)
    if place.more:
        lines += Markup('<p class="map-popup-more"><a href="{}">{}</a></p>').format(
            place.href, place.more)
    return Markup('<div class="map-popup" lang="{}" dir="{}"><a href="{}">{}</a>'
                  '<small>{}</small>{}</div>').format(
        language, direction, place.href, place.name, place.kind_label, lines)


def _safe_attribution(attribution: str) -> str:
    """Attribution HTML from site.yml, reduced to text and plain links."""
    return nh3.clean(attribution, tags={"a"}, attributes={"a": {"href"}},
                     url_schemes={"http", "https"})


def _centre(places: list[MapPlace]) -> list[float]:
    if not places:
        return [0.0, 0.0]
    return [sum(p.lat for p in places) / len(places), sum(p.lon for p in places) / len(places)]


def _zoom(places: list[MapPlace]) -> int:
    return ZOOM_FOR_KIND.get(places[0].kind, 8) if len(places) == 1 else 5


def _bounds(places: list[MapPlace]) -> tuple[float, float, float, float]:
    lats = [float(p.lat) for p in places]
    lons = [float(p.lon) for p in places]
    return min(lats), min(lons), max(lats), max(lons)
