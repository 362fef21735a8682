"""A map drawn by folium itself: the model each ``MapTemplate`` is cut from.

Slow (folium's import takes half a second and each render about 15 ms), so the build calls
it once per kind of map, never per page. Only the script is kept, never folium's CDN
header, and element ids are numbered in tree order instead of folium's random ones.
"""

from __future__ import annotations

from functools import cache

import folium
from branca.element import Element, MacroElement
from folium.plugins import MarkerCluster
from folium.template import Template

from generator.maps.view import MapView, Marker, js_string

CLUSTER_RADIUS = 40
"""Markers of a map of several places that are closer than this (CSS pixels) are drawn as
one cluster (Leaflet.markercluster), which opens on a click. A sheet's places are often a
city, a district and a building there, beside a far capital: at the zoom that shows them
all, their 22-pixel markers would cover one another and could not be told or tapped apart.
Farther ones stay single markers."""


def folium_script(view: MapView, markers: list[Marker]) -> str:
    """The map's JavaScript as folium writes it, whitespace trimmed."""
    fmap = folium.Map(location=list(view.centre), zoom_start=view.zoom, tiles=None,
                      control_scale=True, maxZoom=view.max_zoom)
    if view.tiled:
        folium.TileLayer(tiles=view.tiles, attr=view.attribution, max_zoom=view.max_zoom,
                         name="tiles").add_to(fmap)
    layer = (MarkerCluster(control=False, max_cluster_radius=CLUSTER_RADIUS).add_to(fmap)
             if view.clustered else fmap)
    for marker in markers:
        icon = folium.DivIcon(html=marker.html, icon_size=(22, 22), icon_anchor=(11, 11),
                              class_name=marker.class_name)
        element = folium.Marker([marker.lat, marker.lon], icon=icon, alt=marker.alt)
        element.add_child(_bind_class()(marker.popup, marker.tooltip))
        element.add_to(layer)
    if view.bounds:
        south, west, north, east = view.bounds
        fmap.fit_bounds([[south, west], [north, east]], padding=(40, 40))
    _number_ids(fmap, view.name)
    figure = fmap.get_root()
    figure.render()
    lines = (line.strip() for line in figure.script.render().splitlines())
    return "\n".join(line for line in lines if line)


@cache
def _bind_class() -> type:
    """Binds a popup and a tooltip to the parent marker, content passed as JS strings."""

    class Bind(MacroElement):
        _template = Template("""{% macro script(this, kwargs) %}
{{ this._parent.get_name() }}.bindPopup({{ this.popup }}, {maxWidth: 280});
{{ this._parent.get_name() }}.bindTooltip({{ this.tooltip }},
    {permanent: true, direction: "right", className: "place-label"});
{% endmacro %}""")

        def __init__(self, popup: str, tooltip: str):
            super().__init__()
            self._name = "Bind"
            self.popup = js_string(str(popup))
            self.tooltip = js_string(str(tooltip))
    return Bind


def _number_ids(root: Element, name: str) -> None:
    """Replace folium's random element ids by ``<name>_<n>`` in tree order."""
    counter = iter(range(1_000_000))

    def visit(element: Element) -> None:
        element._id = f"{name}_{next(counter)}"
        for child in element._children.values():
            visit(child)

    visit(root)
    root._id = name
