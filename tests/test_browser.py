"""The seed site in real headless Chromium, served under a GitHub Pages style sub-path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from browsing import PageVisit, click_a_marker, markers_shown
from conftest import REPO, SHEET

SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", REPO / "test-artifacts" / "screenshots"))



@pytest.mark.parametrize("language", ["ar", "en"])
def test_sheet_page_in_chromium(browser, served, built, language):
    with PageVisit(browser, f"{served}{language}/sheets/{SHEET}/") as visit:
        page = visit.page
        assert page.evaluate("document.documentElement.dir") == (
            "rtl" if language == "ar" else "ltr")
        assert page.evaluate("getComputedStyle(document.body).direction") == (
            "rtl" if language == "ar" else "ltr")
        map_box = page.locator(".leaflet-container").bounding_box()
        assert map_box and map_box["width"] > 300 and map_box["height"] > 200
        sheet = yaml.safe_load(built.content.joinpath("sheets", f"{SHEET}.yml").read_text("utf-8"))
        key = [m for m in sheet["places"] if len(m["sentences"]) > 1]  # the map opens on them
        assert markers_shown(page) + page.locator("path.basemap-outline").count() >= len(key)
        click_a_marker(page)
        popup = page.locator(".leaflet-popup-content .map-popup")
        assert popup.get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"sheet-{language}-desktop.png"), full_page=True)
        visit.assert_clean()




@pytest.mark.parametrize("path", ["ar/", "en/", "ar/about/", "en/places/baghdad/",
                                  "ar/people/mike-pompeo/", "en/organizations/badr-organization/"])
def test_other_pages_load_cleanly_under_a_sub_path(browser, served, path):
    with PageVisit(browser, served + path) as visit:
        visit.assert_clean()
        assert visit.page.evaluate("document.styleSheets.length") >= 1


def test_sheet_page_fits_a_phone_screen(browser, served):
    with PageVisit(browser, f"{served}ar/sheets/{SHEET}/", width=360) as visit:
        overflow = visit.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
        visit.page.screenshot(path=str(SCREENSHOTS / "sheet-ar-phone.png"), full_page=True)
