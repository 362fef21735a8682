"""One folium render per kind of map, cut into parts a page's values go into.

folium takes about 15 ms to draw a map, so a site with thousands of maps would spend most
of its build there. Instead folium draws each kind of map (one place or several, fitted to
their bounds and clustered where they crowd; on raster tiles or on the self-hosted basemap)
once, with sentinel values for everything else (name, tiles, places...), and the script
is cut into a head, one marker's lines and a tail, with the sentinels as placeholders
(slots). ``shared.py`` makes each kind a function of a page's values, in one script all
pages share."""

from __future__ import annotations

import json
import multiprocessing
import re
from contextlib import suppress
from dataclasses import asdict, dataclass
from functools import cache
from importlib.metadata import version

from generator.digests import code_signature
from generator.maps.view import MapView, Marker

SLOT = "\x00"
"""Separates literal text from placeholder names in a template's parts."""
NUMBERS = {"clat": 0.000101, "clon": 0.000102, "south": 0.000131, "west": 0.000132,
           "north": 0.000133, "east": 0.000134, "lat": 0.000111, "lon": 0.000112}
"""Sentinel coordinates: no real map has them, so they mark where values go."""
INTEGERS = {"zoom": 9876, "max_zoom": 8765}
MARKER_TEXTS = ("alt", "html", "class_name", "popup", "tooltip")
TEXTS = (*MARKER_TEXTS, "tiles", "attribution")
NAME = "zzmapzz"
"""Sentinel map name, which every element id contains."""
KINDS = [(several, tiled) for several in (False, True) for tiled in (False, True)]
"""The kinds of map: whether they show several places (see ``MapView.clustered``), and
whether they load raster tiles (``MapView.tiled``)."""


@dataclass(frozen=True)
class MapTemplate:
    """A kind of map as head, marker and tail parts (``shared.kind_function`` makes them a
    JavaScript function).

    Parts alternate literal text and slot names; element numbers count from ``base`` and
    each marker takes ``stride`` of them.
    """

    head: list[str]
    marker: list[str]
    tail: list[str]
    base: int
    stride: int

    @classmethod
    def cut(cls, one: str, two: str) -> MapTemplate:
        """Cut from folium's scripts of the same map with one marker and with two.

        Their common beginning is the head and the first marker; their common end is the
        tail; what the second script has between them is one marker's lines.
        """
        first, second = one.split("\n"), two.split("\n")
        shared = _common_prefix(first, second)
        tail = min(_common_prefix(first[::-1], second[::-1]), len(first) - shared)
        lines = len(second) - shared - tail
        head, marker = first[:shared - lines], first[shared - lines:shared]
        base = _ids(marker[0])[0]
        stride = _ids(second[shared])[0] - base
        return cls(_parts("\n".join(head), base), _parts("\n".join(marker), base),
                   _parts("\n".join(first[shared:]), base + stride), base, stride)

TEMPLATES: dict[str, MapTemplate] = {}
"""Templates made so far, by ``template_key``; kept in the build cache between builds."""


@cache
def template_key(kind: tuple[bool, bool]) -> str:
    """A text naming a kind of map and the code that drew it: folium's version and ours,
    whose change (a cluster radius) must draw the maps again (cached: asking for a
    package's version reads its metadata from disk, on every page otherwise)."""
    return json.dumps([code_signature(), version("folium"), *kind])


def map_template(kind: tuple[bool, bool]) -> MapTemplate:
    """The template of one kind of map, (several, tiled) (see ``draw_templates``)."""
    key = template_key(kind)
    if key not in TEMPLATES:
        draw_templates()
    return TEMPLATES[key]


def draw_templates() -> None:
    """Have folium draw every kind of map no build has drawn yet.

    Called before the render workers start, so that they inherit the templates instead of
    each importing folium (half a second) to draw them again. Drawn in a process of its
    own where the build may fork: importing folium adds 26 MiB to the process that does,
    and to every worker forked from it.
    """
    from generator.processes import can_fork

    missing = [kind for kind in KINDS if template_key(kind) not in TEMPLATES]
    if not missing:
        return
    if can_fork():
        with multiprocessing.get_context("fork").Pool(1) as pool:
            restore_templates(pool.apply(_draw, (missing,)))
    else:
        restore_templates(_draw(missing))


class Drawing:
    """The kinds of map no build has drawn yet, being drawn by folium in a process of its
    own while the build loads its content (half a second of a first build otherwise spent
    waiting, one core idle). ``finish`` takes them; ``stop`` ends the drawing unused."""

    def __init__(self) -> None:
        from generator.processes import can_fork

        self.drawer = None
        missing = [kind for kind in KINDS if template_key(kind) not in TEMPLATES]
        if missing and can_fork():
            self.received, sending = multiprocessing.Pipe(duplex=False)
            self.drawer = multiprocessing.get_context("fork").Process(
                target=_draw_and_send, args=(missing, sending), daemon=True)
            self.drawer.start()
            sending.close()

    def finish(self) -> None:
        """Take the drawn templates; draw here whatever is still missing (all of them
        where the build may not fork, or if the drawing process failed: its error then
        shows here)."""
        if self.drawer is not None:
            with suppress(EOFError):  # the process failed
                restore_templates(self.received.recv())
            self.stop()
        draw_templates()

    def stop(self) -> None:
        if self.drawer is not None:
            self.received.close()
            self.drawer.terminate()
            self.drawer.join()
            self.drawer = None


def _draw_and_send(kinds: list[tuple[bool, bool]], sending) -> None:
    """In the drawing process: the templates, or nothing if they fail (the build then
    draws them itself and reports why)."""
    try:
        sending.send(_draw(kinds))
    except Exception:  # the build draws them again, and reports why
        pass
    finally:
        sending.close()


def _draw(kinds: list[tuple[bool, bool]]) -> dict[str, dict]:
    """Templates of these kinds of map, drawn by folium (``saved_templates``' form)."""
    from generator.maps.folium_map import folium_script

    def draw(count: int, kind: tuple[bool, bool]) -> str:
        markers = [Marker(NUMBERS["lat"], NUMBERS["lon"], *(f"@{t}@" for t in MARKER_TEXTS))]
        bounds = tuple(NUMBERS[k] for k in ("south", "west", "north", "east"))
        several, tiled = kind
        view = MapView(NAME, (NUMBERS["clat"], NUMBERS["clon"]), INTEGERS["zoom"],
                       bounds if several else None, "@tiles@" if tiled else None,
                       "@attribution@", INTEGERS["max_zoom"])
        return folium_script(view, markers * count)
    return {template_key(kind): asdict(MapTemplate.cut(draw(1, kind), draw(2, kind)))
            for kind in kinds}


def _common_prefix(a: list[str], b: list[str]) -> int:
    """How many leading lines ``a`` and ``b`` share."""
    count = 0
    while count < min(len(a), len(b)) and a[count] == b[count]:
        count += 1
    return count


def _ids(text: str) -> list[int]:
    return [int(n) for n in re.findall(rf"_{NAME}_(\d+)\b", text)]


def _parts(text: str, base: int) -> list[str]:
    """``text`` with sentinels and element numbers from ``base`` on turned into slots."""
    for key, number in NUMBERS.items():
        text = text.replace(json.dumps(number), f"{SLOT}{key}{SLOT}")
    for key, number in INTEGERS.items():
        text = text.replace(json.dumps(number), f"{SLOT}{key}{SLOT}")
    for key in TEXTS:
        text = text.replace(f'"@{key}@"', f"{SLOT}{key}{SLOT}")
    text = re.sub(rf"_{NAME}_(\d+)\b", lambda m: m[0] if int(m[1]) < base else
                  f"_{NAME}_{SLOT}+{int(m[1]) - base}{SLOT}", text)
    return text.replace(NAME, f"{SLOT}name{SLOT}").split(SLOT)


def saved_templates() -> dict[str, dict]:
    """The templates of this code's kinds of map, as JSON-ready data for the build cache
    (not those restored from other code's builds: they would pile up there)."""
    keys = sorted(template_key(kind) for kind in KINDS)
    return {key: asdict(TEMPLATES[key]) for key in keys if key in TEMPLATES}


def restore_templates(saved: dict[str, dict]) -> None:
    """Take templates a previous build made (see ``saved_templates``)."""
    for key, fields in saved.items():
        TEMPLATES.setdefault(key, MapTemplate(**fields))
