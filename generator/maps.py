"""folium maps as fragments of our own pages: vendored Leaflet, stable ids, safe popups.

folium builds the Leaflet calls; we take only its script, never its CDN header, so the page
loads Leaflet from ``site/assets/``. Element ids are numbered in order instead of folium's
random ones, so the same content gives the same bytes. Popups and tooltips go through
``tojson`` (never a JavaScript template literal), so no place name can break out of them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import folium
import nh3
from branca.element import Element, MacroElement
from folium.plugins import MarkerCluster
from folium.template import Template
from markupsafe import Markup

CLUSTER_ABOVE = 12
"""A map with more places than this clusters them (Leaflet.markercluster)."""
ZOOM_FOR_KIND = {"country": 5, "region": 7, "city": 11, "district": 14, "building": 16}
APPROXIMATE_KINDS = {"country", "region"}
"""Places drawn as an area marker: their point is only a centre, not a location."""


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


@dataclass(frozen=True)
class MapFragment:
    """What a template needs to show a map: the container id and the script."""

    element_id: str
    script: str
    marker_count: int
    clustered: bool
    """True when the page must also load Leaflet.markercluster."""


class _Bind(MacroElement):
    """Binds a popup and a tooltip to the parent marker, content passed as JSON strings."""

    _template = Template("""{% macro script(this, kwargs) %}
{{ this._parent.get_name() }}.bindPopup({{ this.popup }}, {maxWidth: 280});
{{ this._parent.get_name() }}.bindTooltip({{ this.tooltip }});
{% endmacro %}""")

    def __init__(self, popup: str, tooltip: str):
        super().__init__()
        self._name = "Bind"
        self.popup = js_string(popup)
        self.tooltip = js_string(tooltip)


def js_string(text: str) -> str:
    """A JavaScript string literal that is safe inside an HTML <script> element.

    Unlike JSON's ASCII escaping, Arabic stays as UTF-8 (a third of the bytes). Inside a
    script element only ``</`` (which could close it) and ``<!--`` (which changes how it is
    parsed) are dangerous, so those are escaped, with the two line separators JavaScript
    strings cannot hold.
    """
    literal = json.dumps(text, ensure_ascii=False)
    for unsafe, safe in (("<!--", "\\u003c!--"), ("</", "<\\/"), ("\u2028", "\\u2028"),
                         ("\u2029", "\\u2029")):
        literal = literal.replace(unsafe, safe)
    return literal


def build_map(name: str, places: list[MapPlace], tiles: str, attribution: str, max_zoom: int,
              language: str, direction: str) -> MapFragment:
    """A Leaflet map of ``places`` whose ids all derive from ``name``."""
    fmap = folium.Map(location=_centre(places), zoom_start=_zoom(places), tiles=None,
                      control_scale=True, max_zoom=max_zoom)
    folium.TileLayer(tiles=tiles, attr=_safe_attribution(attribution), max_zoom=max_zoom,
                     name="tiles").add_to(fmap)
    clustered = len(places) > CLUSTER_ABOVE
    layer = MarkerCluster(control=False).add_to(fmap) if clustered else fmap
    for place in places:
        marker = folium.Marker([place.lat, place.lon], icon=_icon(place), alt=place.name)
        marker.add_child(_Bind(_popup_html(place, language, direction), place.name))
        marker.add_to(layer)
    if len(places) > 1:
        fmap.fit_bounds(_bounds(places), padding=(24, 24))
    _number_ids(fmap, name)
    return MapFragment(fmap.get_name(), _script(fmap), len(places), clustered)


def _icon(place: MapPlace) -> folium.DivIcon:
    approximate = " place-marker--area" if place.kind in APPROXIMATE_KINDS else ""
    label = Markup('<span class="visually-hidden">{}</span>').format(place.name)
    return folium.DivIcon(html=str(label), icon_size=(22, 22), icon_anchor=(11, 11),
                          class_name=f"place-marker place-marker--{place.kind}{approximate}")


def _popup_html(place: MapPlace, language: str, direction: str) -> str:
    lines = Markup("").join(Markup('<p><a href="{}">{}</a></p>').format(href, text)
                            for text, href in place.links)
    return str(Markup('<div class="map-popup" lang="{}" dir="{}"><a href="{}">{}</a>'
                      '<small>{}</small>{}</div>').format(
        language, direction, place.href, place.name, place.kind_label, lines))


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


def _bounds(places: list[MapPlace]) -> list[list[float]]:
    lats = [p.lat for p in places]
    lons = [p.lon for p in places]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def _number_ids(root: Element, name: str) -> None:
    """Replace folium's random element ids by ``<name>_<n>`` in tree order."""
    counter = iter(range(1_000_000))

    def visit(element: Element) -> None:
        element._id = f"{name}_{next(counter)}"
        for child in element._children.values():
            visit(child)

    visit(root)
    root._id = name


def _script(fmap: folium.Map) -> str:
    """The map's JavaScript only (no folium header, no CDN links), whitespace trimmed."""
    figure = fmap.get_root()
    figure.render()
    lines = (line.strip() for line in figure.script.render().splitlines())
    return "\n".join(line for line in lines if line)

