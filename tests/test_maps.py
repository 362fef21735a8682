"""Maps in real Chromium: right markers, countries as shaded outlines on the site's own
basemap, popups in the page's language with working links (a sheet's list its claims),
controls in the page's language, markers that would cover one another clustered, no
outside request at all; and the GeoJSON export."""

from __future__ import annotations

import json
import math
import shutil
import time

import geojson
import pytest
import yaml
from browsing import MARKERS, PageVisit, click_a_marker, markers_shown, open_popup
from conftest import FIXTURES, SHEET, copy_project, served_folder
from test_content_errors import minimal_project

from generator.build.pipeline import build
from generator.maps.fragment import MapPlace, build_map, js_string
from generator.render.page_kinds import POPUP_SHEETS


def sheet_places(built) -> list[str]:
    sheet = yaml.safe_load((built.content / "sheets" / f"{SHEET}.yml").read_text("utf-8"))
    return [mention["id"] for mention in sheet["places"]]


def all_places(built) -> list[str]:
    places = yaml.safe_load((built.content / "entities" / "places.yml").read_text("utf-8"))
    return [place["id"] for place in places]


def countries(built) -> set[str]:
    """The places the basemap draws as outlines rather than markers (the shipped
    countries all have an outline)."""
    places = yaml.safe_load((built.content / "entities" / "places.yml").read_text("utf-8"))
    return {place["id"] for place in places if place["kind"] == "country"}


def pinned(built, ids: list[str]) -> list[str]:
    return [place for place in ids if place not in countries(built)]


def key_places(built) -> list[str]:
    """The sheet's places its map opens on: those mentioned in more than one sentence."""
    sheet = yaml.safe_load((built.content / "sheets" / f"{SHEET}.yml").read_text("utf-8"))
    return pinned(built, [m["id"] for m in sheet["places"] if len(m["sentences"]) > 1])


def open_every_popup(visit, language: str) -> list[str]:
    """Open each marker's popup in turn (the first by a real click); check the popup's
    language and that its links load."""
    page = visit.page
    click_a_marker(page)
    hrefs = []
    for name in page.evaluate(MARKERS):
        popup = open_popup(page, name)
        assert popup.get_attribute("lang") == language
        assert popup.get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        for link in popup.locator("a").all():
            href = link.evaluate("a => a.href")
            if "#" not in href:
                assert page.request.get(href).status == 200, href
            hrefs.append(href)
    return hrefs


@pytest.mark.parametrize("language", ["ar", "en"])
def test_sheet_map_markers_and_popups(browser, served, built, language):
    with PageVisit(browser, f"{served}{language}/sheets/{SHEET}/") as visit:
        places = pinned(built, sheet_places(built))
        assert markers_shown(visit.page) >= len(key_places(built))  # in view
        assert len(visit.page.evaluate(MARKERS)) == len(places)
        hrefs = open_every_popup(visit, language)
        for place in places:
            assert any(h.endswith(f"/{language}/places/{place}/") for h in hrefs), place
        assert any("#c" in h for h in hrefs)  # popups list the claims about the place
        visit.assert_clean()


POINT_IN_OUTLINE = """() => {
  // A point of the map where a shaded country is on top (not a marker, label or control).
  const map = document.querySelector('.map').getBoundingClientRect();
  for (let y = map.top + 10; y < map.bottom - 10; y += 12) {
    for (let x = map.left + 10; x < map.right - 10; x += 12) {
      if (document.elementFromPoint(x, y).matches('path.basemap-outline')) return [x, y];
    }
  }
  return null;
}"""


@pytest.mark.parametrize("language", ["ar", "en"])
def test_countries_are_shaded_outlines_with_their_claims(browser, served, built, language):
    """Each country the sheet mentions is drawn as its outline on the site's own basemap
    (no outside request), and clicking it lists the sheet's claims about it; the zoom
    buttons are named in the page's language."""
    with PageVisit(browser, f"{served}{language}/sheets/{SHEET}/") as visit:
        page = visit.page
        mentioned = countries(built) & set(sheet_places(built))
        page.wait_for_selector("path.basemap-outline", state="attached")
        assert page.locator("path.basemap-outline").count() == len(mentioned)
        assert page.locator(".map--drawn .leaflet-overlay-pane canvas").count() == 1  # the rest
        page.locator(".map").scroll_into_view_if_needed()
        page.mouse.click(*page.evaluate(POINT_IN_OUTLINE))
        popup = page.locator(".leaflet-popup-content .map-popup")
        popup.wait_for()
        assert popup.get_attribute("lang") == language
        assert any("#c" in a.evaluate("a => a.href") for a in popup.locator("li a").all())
        zoom_in = page.locator(".leaflet-control-zoom-in")
        assert zoom_in.get_attribute("title") == {"ar": "تكبير", "en": "Zoom in"}[language]
        assert "Natural Earth" in page.locator(".leaflet-control-attribution").inner_text()
        assert visit.tiles == []
        visit.assert_clean()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_site_map_page_shows_every_place(browser, served, built, language):
    with PageVisit(browser, f"{served}{language}/map/") as visit:
        assert markers_shown(visit.page) == len(pinned(built, all_places(built)))
        hrefs = open_every_popup(visit, language)
        assert any(h.endswith(f"/{language}/sheets/{SHEET}/") for h in hrefs)
        visit.assert_clean()


def test_place_page_has_a_map_with_its_marker(browser, served):
    with PageVisit(browser, f"{served}ar/places/baghdad/") as visit:
        assert markers_shown(visit.page) == visit.page.locator(".leaflet-marker-icon").count() == 1
        open_every_popup(visit, "ar")
        assert visit.page.evaluate("Object.keys(window).filter(k => k.startsWith('map_'))"
                                   ".map(k => window[k].getZoom())") == [6]  # BASEMAP_ZOOM
        visit.assert_clean()


def test_many_places_are_clustered(browser, tmp_path):
    project, _ = minimal_project(tmp_path)
    shutil.copyfile(FIXTURES / "many-places" / "places.yml",
                    project.content / "entities" / "places.yml")
    shutil.copyfile(FIXTURES / "many-places" / "one.yml", project.content / "sheets" / "one.yml")
    build(project)
    with served_folder(project.site) as base, PageVisit(browser, f"{base}en/map/") as visit:
        page = visit.page
        assert page.locator(".marker-cluster").count() >= 1
        assert len(page.evaluate(MARKERS)) == 20
        layers = page.evaluate("Object.keys(window).filter(k => k.startsWith("
                               "'marker_cluster_')).map(k => window[k].getLayers().length)")
        assert layers == [20]
        visit.assert_clean()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_places_at_one_point_are_each_reached(browser, tmp_path, language):
    project, _ = minimal_project(tmp_path)
    for name, folder in (("places.yml", "entities"), ("one.yml", "sheets")):
        shutil.copyfile(FIXTURES / "one-point" / name, project.content / folder / name)
    build(project)
    with served_folder(project.site) as base, PageVisit(
            browser, f"{base}{language}/sheets/one/") as visit:
        assert markers_shown(visit.page) == 3
        hrefs = open_every_popup(visit, language)
        for place in ("baghdad", "embassy", "consulate"):
            assert any(h.endswith(f"/{language}/places/{place}/") for h in hrefs), place
        visit.assert_clean()


TARGETS = """() => [...document.querySelectorAll('.leaflet-marker-icon')].map(icon => {
  const box = icon.getBoundingClientRect();
  return [box.left + box.width / 2, box.top + box.height / 2];
})"""


@pytest.mark.parametrize("path", [f"ar/sheets/{SHEET}/", "en/map/"])
@pytest.mark.parametrize("width", [1280, 390])
def test_no_marker_covers_another(browser, served, built, path, width):
    """Places close together (a city, a district, a building in it) beside far ones: at the
    zoom that shows them all, their markers are clustered rather than drawn one on another,
    so that each can be seen and tapped (24 CSS pixels apart at least, WCAG 2.5.8)."""
    with PageVisit(browser, f"{served}{path}", width=width) as visit:
        shown = markers_shown(visit.page)  # once the map is still
        spots = visit.page.evaluate(TARGETS)
        close = [(a, b) for i, a in enumerate(spots) for b in spots[i + 1:]
                 if math.dist(a, b) < 24]
        if path.endswith("/map/"):
            assert shown == len(pinned(built, all_places(built)))
        else:
            assert shown >= len(key_places(built))
        assert close == []
        visit.assert_clean()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_busy_place_links_its_newest_sheets_then_its_page(browser, tmp_path, language):
    """On the site map, a place in more sheets than a popup holds links the newest
    (POPUP_SHEETS), then its own page, which lists them all."""
    project = copy_project(tmp_path / "project")
    sheets = project.content / "sheets"
    text = (sheets / f"{SHEET}.yml").read_text("utf-8")
    total = POPUP_SHEETS + 3
    for day in range(1, total):  # newer and newer copies of the shipped sheet
        (sheets / f"copy-{day}.yml").write_text(
            text.replace("updated: 2026-12-06", f"updated: 2027-01-{day:02d}", 1), "utf-8")
    build(project)
    with served_folder(project.site) as base, PageVisit(browser, f"{base}{language}/map/") as visit:
        page = visit.page
        page.locator(".leaflet-marker-icon").first.wait_for()
        first = sorted(page.evaluate(MARKERS), key=lambda name: int(name.rsplit("_", 1)[1]))[0]
        popup = open_popup(page, first)  # the first place, by id
        hrefs = [a.evaluate("a => a.href") for a in popup.locator("li a, p a").all()]
        newest = [f"/{language}/sheets/copy-{day}/" for day in range(total - 1, 2, -1)]
        assert [h[h.index(f"/{language}/"):] for h in hrefs[:-1]] == newest
        place = sorted(sheet_places(project))[0]
        assert hrefs[-1].endswith(f"/{language}/places/{place}/")
        assert f"({total})" in popup.locator(".map-popup-more").inner_text()
        visit.assert_clean()


def test_places_geojson_is_valid(built):
    data = geojson.loads((built.site / "data" / "places.geojson").read_text("utf-8"))
    assert data.is_valid, data.errors()
    places = yaml.safe_load((built.content / "entities" / "places.yml").read_text("utf-8"))
    by_id = {feature["id"]: feature for feature in data["features"]}
    for place in places:
        lon, lat = by_id[place["id"]]["geometry"]["coordinates"]
        assert (lat, lon) == (place["lat"], place["lon"])


def test_map_data_is_deterministic_and_inert():
    hostile = "`${alert(1)}` </script><script>alert(2)</script> <!-- \u2028'"
    places = [MapPlace("x", hostile, "city", "City", 33.3, 44.4, "../x/", ((hostile, "#s1"),))]
    maps = [build_map("m", places, "https://tile.openstreetmap.org/{z}/{x}/{y}.png", "OSM", 19,
                      "en", "ltr") for _ in range(2)]
    assert maps[0] == maps[1]
    data = maps[0].data
    assert "</" not in data and "<!--" not in data and "\u2028" not in data  # nothing ends
    marker = json.loads(data)["markers"][0]  # the data block early or changes its parsing
    assert marker[2] == hostile  # the alt text is text; what Leaflet takes as HTML is escaped:
    html, popup, tooltip = marker[3], marker[5], marker[6]
    assert all("<script>" not in text and "&lt;script&gt;" in text
               for text in (html, popup, tooltip))
    assert json.loads(js_string(hostile)) == hostile


def test_map_render_is_fast_enough_to_measure():
    places = [MapPlace(f"p{i}", f"Place {i}", "city", "City", 30 + i / 10, 44, "../x/")
              for i in range(8)]
    start = time.perf_counter()
    fragment = build_map("m", places, "https://t/{z}/{x}/{y}.png", "OSM", 19, "en", "ltr")
    assert time.perf_counter() - start < 5 and fragment.marker_count == 8
