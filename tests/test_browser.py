"""The seed site in real headless Chromium, served under a GitHub Pages style sub-path."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from conftest import REPO, SHEET

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = "/usr/bin/chromium"
TILE_HOSTS = ("tile.openstreetmap.org",)
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", REPO / "test-artifacts" / "screenshots"))
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (see README)")
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


class PageVisit:
    """A page loaded with every request and console error recorded; outside requests
    other than map tiles are blocked and kept."""

    def __init__(self, browser, url: str, width: int = 1280):
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.failed: list[str] = []
        origin = urlparse(url).netloc
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", lambda r: urlparse(r.url).netloc == origin
                     and self.failed.append(r.url))
        self.page.on("response", lambda r: r.status >= 400 and self.failed.append(r.url))
        self.page.route("**/*", lambda route: self._route(route, origin))
        self.page.goto(url, wait_until="networkidle")

    def _route(self, route, origin: str) -> None:
        host = urlparse(route.request.url).netloc
        if host == origin:
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def non_tile_requests(self) -> list[str]:
        return [u for u in self.outside if not urlparse(u).netloc.endswith(TILE_HOSTS)]

    def close(self):
        self.page.close()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_sheet_page_in_chromium(browser, served, built, language):
    visit = PageVisit(browser, f"{served}{language}/sheets/{SHEET}/")
    page = visit.page
    try:
        assert page.evaluate("document.documentElement.dir") == (
            "rtl" if language == "ar" else "ltr")
        assert page.evaluate("getComputedStyle(document.body).direction") == (
            "rtl" if language == "ar" else "ltr")
        map_box = page.locator(".leaflet-container").bounding_box()
        assert map_box and map_box["width"] > 300 and map_box["height"] > 200
        markers = page.locator(".leaflet-marker-icon")
        sheet = yaml.safe_load(built.content.joinpath("sheets", f"{SHEET}.yml").read_text("utf-8"))
        assert markers.count() == len(sheet["places"])
        markers.first.click(force=True)
        popup = page.locator(".leaflet-popup-content .map-popup")
        popup.wait_for()
        assert popup.get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"sheet-{language}-desktop.png"), full_page=True)
        assert visit.errors == [] or all("ERR_FAILED" in e for e in visit.errors)
        assert visit.failed == [u for u in visit.failed if urlparse(u).netloc.endswith(TILE_HOSTS)]
        assert visit.non_tile_requests() == []
    finally:
        visit.close()


def test_landing_page_leads_to_the_default_language(browser, served):
    visit = PageVisit(browser, served)
    try:
        visit.page.wait_for_url(f"{served}ar/")
        assert visit.page.evaluate("document.documentElement.lang") == "ar"
    finally:
        visit.close()


@pytest.mark.parametrize("path", ["ar/", "en/", "ar/about/", "en/places/baghdad/",
                                  "ar/people/mike-pompeo/", "en/organizations/badr-organization/"])
def test_other_pages_load_cleanly_under_a_sub_path(browser, served, path):
    visit = PageVisit(browser, served + path)
    try:
        assert visit.failed == [u for u in visit.failed if urlparse(u).netloc.endswith(TILE_HOSTS)]
        assert visit.non_tile_requests() == []
        assert [e for e in visit.errors if "ERR_FAILED" not in e] == []
        assert visit.page.evaluate("document.styleSheets.length") >= 1
    finally:
        visit.close()


def test_sheet_page_fits_a_phone_screen(browser, served):
    visit = PageVisit(browser, f"{served}ar/sheets/{SHEET}/", width=360)
    try:
        overflow = visit.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
        visit.page.screenshot(path=str(SCREENSHOTS / "sheet-ar-phone.png"), full_page=True)
    finally:
        visit.close()
