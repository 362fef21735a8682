"""The maps' shared script, made from folium's own, and the data each page gives it.

Each kind of map folium draws (``templates.py``) becomes a JavaScript function of a page's
data: folium's script with every slot read from the data instead of written into the
code, one marker's lines run for each marker. The four functions make one script
(``SCRIPT``), which every page with a map loads from ``site/assets/`` and browsers keep;
a page holds only its map's values and markers, as JSON in a data block
(``<script type="application/json">``, never code: no inline script for the page's policy
to allow). ``assets/map.js`` calls the function of the page's kind. What it draws is what
folium's own script draws (a test compares them in a browser).
"""

from __future__ import annotations

import json
import re
from importlib.metadata import version

from generator.maps.templates import KINDS, MARKER_TEXTS, MapTemplate, map_template
from generator.maps.view import MapView, Marker

SCRIPT = "assets/folium-maps.js"
"""The shared script of every kind of map, beside the vendored Leaflet."""
MARKER_FIELDS = ("lat", "lon", *MARKER_TEXTS)
"""A marker in a page's data: a list of these, in this order."""
NAME_IN_CODE = "page"
"""The map's name in the shared script's variable names: each map is drawn by a call of
its own, so their names need not differ."""


def kind_name(kind: tuple[bool, bool]) -> str:
    """``one``, ``several``, ``one-tiled`` or ``several-tiled``: a kind of map (several,
    tiled) in the shared script."""
    several, tiled = kind
    return ("several" if several else "one") + ("-tiled" if tiled else "")


def map_data(view: MapView, markers: list[Marker]) -> dict:
    """A page's map as the data the function of its kind draws: the values its kind uses,
    and each marker as a list (``MARKER_FIELDS``)."""
    kind = (view.clustered, view.tiled)
    values = {"name": view.name, "clat": view.centre[0], "clon": view.centre[1],
              "zoom": view.zoom, "max_zoom": view.max_zoom, "tiles": view.tiles,
              "attribution": view.attribution}
    if view.bounds:
        values.update(zip(("south", "west", "north", "east"), view.bounds, strict=True))
    used = _slots(map_template(kind))
    return {"kind": kind_name(kind),
            **{key: value for key, value in values.items() if key in used},
            "markers": [[getattr(marker, field) for field in MARKER_FIELDS]
                        for marker in markers]}


def maps_script() -> bytes:
    """The shared script: ``foliumMaps[kind](data)`` draws a page's map, for every kind."""
    functions = ",\n".join(f"{json.dumps(kind_name(kind))}: {kind_function(map_template(kind))}"
                           for kind in KINDS)
    return (f"/* The maps of this site as folium {version('folium')} draws them, one function "
            "per kind of map, made\n   by build-site from folium's own script. Each draws a "
            "page's map from the page's data\n   (<script type=\"application/json\" "
            "id=\"data-map_NAME\">) and returns it; assets/map.js calls it. */\n"
            f"var foliumMaps = {{\n{functions}\n}};\n").encode()


def kind_function(template: MapTemplate) -> str:
    """A kind of map as a JavaScript function of a page's data (``map_data``) that draws
    the map and returns it."""
    head = _code(template.head, "d", template.base)
    found = re.search(r"var (\w+) = L\.map\(", head)
    if found is None:
        raise ValueError("folium's script no longer makes its map with L.map")
    lines = ["function (d) {", head, "d.markers.forEach(function (p) {",
             _code(template.marker, "p", template.base), "});",
             _code(template.tail, "d", template.base + template.stride),
             f"return {found[1]};", "}"]
    return "\n".join(line for line in lines if line)


def _slots(template: MapTemplate) -> set[str]:
    """The names of the values a page's data gives (its markers' aside)."""
    return {part for parts in (template.head, template.tail) for part in parts[1::2]
            if part[0] != "+"}


def _code(parts: list[str], values: str, first_id: int) -> str:
    """A template's parts as JavaScript reading each slot from ``values`` (``p``, a
    marker: its fields by their place in ``MARKER_FIELDS``). Element numbers are those
    of the first marker (each marker's variables are made anew in its turn); the map's
    name is ``NAME_IN_CODE`` in variable names, the page's own in strings (element ids)."""
    out: list[str] = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(part)
        elif part[0] == "+":
            out.append(str(int(part[1:]) + first_id))
        elif part == "name":
            line = "".join(out).rsplit("\n", 1)[-1]
            out.append(f'" + {values}.name + "' if line.count('"') % 2 else NAME_IN_CODE)
        elif values == "p":
            out.append(f"p[{MARKER_FIELDS.index(part)}]")
        else:
            out.append(f"{values}.{part}")
    return "".join(out).replace(' + ""', "")
