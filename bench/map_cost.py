#!/usr/bin/env python3
"""Cost of one map: ours (the fragment a page embeds) against folium's default full page.

Usage: python bench/map_cost.py [RUNS]   (default 200), from the project folder.
Both maps show the seed sheet's places with the same popups (name, kind, the sentences
that mention the place) in Arabic. Prints median/min/max milliseconds per map (build +
render), bytes, and whether two builds give the same bytes. A benchmark, not a test.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import folium

from generator.build.load import load_and_check
from generator.content.project import Project
from generator.maps.page_maps import sheet_map, sheet_places
from generator.model.from_content import build_site_model
from generator.render.pages import Renderer
from generator.render.theme import template_dirs


def our_map(renderer: Renderer, sheet):
    page = renderer.context("sheet", "ar", sheet.slug)
    return sheet_map(page, sheet)


def folium_default(places) -> str:
    """The way folium's documentation draws it: full HTML page, CDN assets, random ids."""
    fmap = folium.Map(location=[33.3, 44.4], zoom_start=5)
    for place in places:
        popup = f"<b>{place.name}</b><br>{place.kind_label}<br>" + "<br>".join(
            text for text, _ in place.links)
        folium.Marker([place.lat, place.lon], popup=folium.Popup(popup, max_width=280),
                      tooltip=place.name).add_to(fmap)
    fmap.fit_bounds([[min(p.lat for p in places), min(p.lon for p in places)],
                     [max(p.lat for p in places), max(p.lon for p in places)]])
    return fmap.get_root().render()


def timed(function, runs: int) -> list[float]:
    function()  # warm-up: template compilation
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(name: str, times: list[float], size: int, stable: bool) -> None:
    print(f"{name:16} median {statistics.median(times):6.2f} ms  min {min(times):6.2f}  "
          f"max {max(times):6.2f}  bytes {size:6d}  identical-twice {stable}")


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    project = Project(Path.cwd())
    documents, _ = load_and_check(project)
    site = build_site_model(documents)
    renderer = Renderer(site, template_dirs(project.templates))
    sheet = site.sheets[0]
    ours = our_map(renderer, sheet)
    places = sheet_places(renderer.context("sheet", "ar", sheet.slug), sheet)
    report("ours (fragment)", timed(lambda: our_map(renderer, sheet), runs),
           len(ours.data.encode()), our_map(renderer, sheet) == ours)
    default = folium_default(places)
    report("folium default", timed(lambda: folium_default(places), runs),
           len(default.encode()), folium_default(places) == default)
    print(f"markers {ours.marker_count}; ratio bytes ours/default "
          f"{len(ours.data.encode()) / len(default.encode()):.2f}")


if __name__ == "__main__":
    main()
