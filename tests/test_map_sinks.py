"""Every place a map puts content into the page as HTML (Leaflet's popups, tooltips, marker
icons, the basemap's shaded countries) shows hostile place names as text, even with the
page's Content-Security-Policy taken away: no element, attribute or script of theirs gets
in, however the reader reaches them (hovering, opening popups, in both languages)."""

from __future__ import annotations

import re
import shutil

import pytest
from browsing import MARKERS, PageVisit, open_popup, settle
from conftest import FIXTURES, served_folder
from test_content_errors import minimal_project
from test_hostile import SENTINEL, STRUCTURE

from generator.build.pipeline import build

CSP_META = re.compile(rb'<meta http-equiv="Content-Security-Policy"[^>]*>')
INJECTED = """() => [...document.querySelectorAll(
  '.leaflet-container iframe, .leaflet-container img:not(.leaflet-tile), '
  + '.leaflet-container svg svg, .leaflet-container script, '
  + '.leaflet-container a[href^="javascript"]'
)].map(el => el.outerHTML)"""
AREAS = """() => {
  // The basemap's shaded countries: each one's popup opened and its tooltip shown.
  const layers = [];
  for (const key of Object.keys(window).filter(k => /^map_[a-z]+$/.test(k))) {
    window[key].eachLayer(layer => { if (layer.feature && layer.getPopup()) layers.push(layer); });
  }
  layers.forEach(layer => { layer.openTooltip(layer.getBounds().getCenter()); layer.openPopup(); });
  return layers.length;
}"""


@pytest.fixture(scope="module")
def hostile_map(tmp_path_factory):
    project, _ = minimal_project(tmp_path_factory.mktemp("hostile-map"))
    shutil.copyfile(FIXTURES / "hostile-map" / "places.yml",
                    project.content / "entities" / "places.yml")
    shutil.copyfile(FIXTURES / "hostile-map" / "one.yml", project.content / "sheets" / "one.yml")
    build(project)
    with served_folder(project.site) as base:
        yield base


def without_csp(route) -> None:
    """The site's page with its policy meta tag removed; other files as they are."""
    response = route.fetch()
    body = response.body()
    if response.headers.get("content-type", "").startswith("text/html"):
        body = CSP_META.sub(b"", body)
    route.fulfill(response=response, body=body)


@pytest.mark.parametrize("path", ["en/sheets/one/", "ar/sheets/one/", "en/map/",
                                  "ar/places/iraq/", "en/places/baghdad/"])
def test_hostile_place_names_stay_text_in_every_map_sink(browser, hostile_map, path):
    visit = PageVisit(browser, hostile_map + "en/")
    visit.page.unroute("**/*")
    visit.page.route("**/*", without_csp)
    visit.page.add_init_script(SENTINEL)
    dialogs = []
    visit.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with visit:
        visit.goto(hostile_map + path)
        page = visit.page
        assert "Content-Security-Policy" not in page.content()
        markers = page.evaluate(MARKERS)
        if markers:
            settle(page)
            for icon in page.locator(".leaflet-marker-icon").all():
                if icon.is_visible():
                    icon.hover()
            for name in markers:
                open_popup(page, name)
                assert page.evaluate(INJECTED) == []
        if "iraq" in path or "sheets" in path:
            page.wait_for_selector("path.basemap-outline", state="attached")
            assert page.evaluate(AREAS) >= 1
            page.locator("path.basemap-outline").first.hover(force=True)
        labels = page.locator(".leaflet-tooltip, .leaflet-popup-content").all_inner_texts()
        assert any("<IFRAME SRC=#" in text or "<svg onload" in text for text in labels), labels
        assert page.evaluate(INJECTED) == []
        assert page.evaluate(STRUCTURE) == []
        assert page.evaluate("window.__xss__") is None and dialogs == []
