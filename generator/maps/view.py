"""A map as folium and the shared script take it (its view, its markers), and text made
safe inside an HTML <script> element."""

from __future__ import annotations

import json
from dataclasses import dataclass

from markupsafe import Markup


@dataclass(frozen=True)
class Marker:
    """One marker as folium receives it: position and final strings."""

    lat: float
    lon: float
    alt: str
    html: Markup
    """The icon's HTML (the place's name, visually hidden)."""
    class_name: str
    popup: Markup
    tooltip: Markup
    """Leaflet puts these three in the page as HTML: they are ``Markup``, escaped."""


@dataclass(frozen=True)
class MapView:
    """Everything about a map except its markers."""

    name: str
    centre: tuple[float, float]
    zoom: int
    bounds: tuple[float, float, float, float] | None
    """South, west, north, east to fit, or None for a single place."""
    tiles: str | None
    """Raster tile URL template, or None for the basemap that ``assets/map.js`` draws."""
    attribution: str
    max_zoom: int

    @property
    def tiled(self) -> bool:
        return self.tiles is not None

    @property
    def clustered(self) -> bool:
        """A map of several places clusters those that crowd (``folium_map.CLUSTER_RADIUS``)."""
        return self.bounds is not None



def js_string(text: str) -> str:
    """A JavaScript string literal that is safe inside an HTML <script> element.

    Unlike JSON's ASCII escaping, Arabic stays as UTF-8 (a third of the bytes). Inside a
    script element only ``</`` (which could close it) and ``<!--`` (which changes how it is
    parsed) are dangerous, so those are escaped, with the two line separators JavaScript
    strings cannot hold.
    """
    return _inert(json.dumps(text, ensure_ascii=False))


def script_json(value) -> Markup:
    """``value`` as compact JSON safe inside an HTML <script> element, escaped as
    ``js_string`` escapes (still JSON: ``\\/`` and ``\\u`` escapes are JSON's own)."""
    return Markup(_inert(json.dumps(value, ensure_ascii=False, separators=(",", ":"))))


def _inert(literal: str) -> str:
    for unsafe, safe in (("<!--", "\\u003c!--"), ("</", "<\\/"), ("\u2028", "\\u2028"),
                         ("\u2029", "\\u2029")):
        literal = literal.replace(unsafe, safe)
    return literal
