"""Headless Chromium (Debian's, through Playwright) with every request watched.

Only the site's own origin is served; map tiles get a blank image (so pages render without
the network and without console errors); any other outside request is blocked and kept.
"""

from __future__ import annotations

import base64
from contextlib import suppress
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TILE_HOSTS = ("tile.openstreetmap.org",)
BLANK_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


def launch(driver):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (see README)")
    return driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)


class PageVisit:
    """A tab that loads pages with console errors, failed local requests and outside
    requests kept (per page)."""

    def __init__(self, browser, url: str, width: int = 1280):
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.origin = urlparse(url).netloc
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", self._on_failed)
        self.page.on("response", lambda r: r.status >= 400 and self.failed.append(r.url))
        self.page.route("**/*", self._route)
        self.goto(url)

    def goto(self, url: str) -> None:
        """Load another page in the same tab (much faster than a new tab); records reset."""
        self.errors: list[str] = []
        self.tiles: list[str] = []
        self.outside: list[str] = []
        self.failed: list[str] = []
        self.page.goto(url, wait_until="load")

    def _on_failed(self, request) -> None:
        # Leaflet cancels tile loads when the view changes: only the site's own count. A
        # request aborted because the tab moved on (the icon of the previous page) is not
        # a fault of the site; a missing file still shows as a response >= 400.
        aborted = request.failure == "net::ERR_ABORTED"
        if urlparse(request.url).netloc == self.origin and not aborted:
            self.failed.append(request.url)

    def _route(self, route) -> None:
        host = urlparse(route.request.url).netloc
        if host == self.origin:
            route.continue_()
        elif host.endswith(TILE_HOSTS):
            self.tiles.append(route.request.url)
            route.fulfill(status=200, content_type="image/png", body=BLANK_PNG)
        else:
            self.outside.append(route.request.url)
            route.abort()

    def assert_clean(self) -> None:
        """No console error, no failed request, nothing requested outside but tiles."""
        assert self.errors == [], self.errors
        assert self.failed == [], self.failed
        assert self.outside == [], self.outside

    def close(self) -> None:
        self.page.close()

    def __enter__(self) -> PageVisit:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# Maps: Leaflet objects as folium names them (marker_<map>_<n>, marker_cluster_<map>_<n>).
MARKERS = "Object.keys(window).filter(k => /^marker_[a-z]+_[0-9]+$/.test(k))"
MARKERS_SHOWN = """() => {
  // Markers on a map, either as themselves or inside a cluster that opens on a click.
  const layers = Object.keys(window).filter(k => /^(map|marker_cluster)_/.test(k))
    .map(k => window[k]);
  return Object.keys(window).filter(k => /^marker_[a-z]+_[0-9]+$/.test(k))
    .filter(k => layers.some(layer => layer.hasLayer(window[k]))).length;
}"""
SETTLED = """() => !document.querySelector('.leaflet-cluster-anim')
  && [...document.querySelectorAll('.leaflet-marker-icon')]
    .every(icon => getComputedStyle(icon).opacity === '1')"""
"""No cluster opening or closing: during the animation, old icons fade out over new ones."""
SHOW_MARKER = """name => {
  // Show a marker as clicks on its clusters would: zoomed in to it, spread if others share
  // its point. Not markercluster's zoomToShowLayer: from far out it may never call back.
  const marker = window[name];
  const cluster = Object.keys(window).filter(k => k.startsWith('marker_cluster_'))
    .map(k => window[k]).find(group => group.hasLayer(marker));
  if (cluster && !marker._icon) {
    cluster._map.setView(marker.getLatLng(), cluster._map.getMaxZoom(), {animate: false});
    if (!marker._icon) marker.__parent.spiderfy();
  }
}"""
CLOSE_POPUPS = """() => Object.keys(window).filter(k => /^map_[a-z]+$/.test(k))
  .forEach(k => window[k].closePopup())"""
CLICKABLE = """selector => {
  // The centre of an icon that is really on top there (not under a control or a neighbour).
  for (const icon of document.querySelectorAll(selector)) {
    const box = icon.getBoundingClientRect();
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    if (icon.contains(document.elementFromPoint(x, y))) return [x, y];
  }
  return null;
}"""
MARKER, CLUSTER = ".leaflet-marker-icon:not(.marker-cluster)", ".marker-cluster"


def markers_shown(page) -> int:
    return page.evaluate(MARKERS_SHOWN)


def open_popup(page, name: str, attempts: int = 3):
    """Open the popup of marker ``name``, alone, where a reader finds it (a marker inside a
    cluster is shown first); its content (a locator). Tried again if it is not shown."""
    popup = page.locator(".leaflet-popup-content .map-popup")
    for _ in range(attempts):
        page.evaluate(CLOSE_POPUPS)
        page.wait_for_function("() => !document.querySelector('.leaflet-popup')")  # faded
        page.wait_for_function(SETTLED)
        page.evaluate(SHOW_MARKER, name)
        page.wait_for_function(SETTLED)  # the clusters it opened: their icons are made anew
        page.evaluate(f"window['{name}'].openPopup()")
        with suppress(PlaywrightTimeout):
            popup.wait_for(timeout=3000)
            break
    else:
        raise AssertionError(f"the popup of {name} did not open in {attempts} attempts")
    return popup


def click_a_marker(page, attempts: int = 3) -> None:
    """A real mouse click on a marker opens its popup. Where every marker in view is in a
    cluster, clicks on clusters open them first, as a reader's would. The marker is looked
    up again on each attempt: on a busy machine the map may still be settling."""
    page.locator(".leaflet-container").scroll_into_view_if_needed()
    for _ in range(5):
        if page.evaluate(CLICKABLE, MARKER) is not None:
            break
        page.mouse.click(*page.evaluate(CLICKABLE, CLUSTER))
        page.wait_for_timeout(600)  # the zoom's animation
    popup = page.locator(".leaflet-popup-content .map-popup")
    for attempt in range(attempts):
        spot = page.evaluate(CLICKABLE, MARKER)
        assert spot is not None, "no marker can be clicked"
        page.mouse.click(*spot)
        try:
            popup.wait_for(timeout=5000)
            return
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise
