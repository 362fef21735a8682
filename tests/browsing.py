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
    requests kept (per page). With ``bypass_csp`` the pages' Content-Security-Policy is
    ignored, as on a host whose own headers or an override template dropped it."""

    def __init__(self, browser, url: str, width: int = 1280, bypass_csp: bool = False):
        self.context = browser.new_context(viewport={"width": width, "height": 900},
                                           bypass_csp=bypass_csp)
        self.page = self.context.new_page()
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
        self.context.close()

    def __enter__(self) -> PageVisit:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# Maps: each map is window[<its element id>] (map_<name>, set by assets/map.js); the
# markers folium's code draws from the page's data are its own. MARKERS gives the test
# names to them: marker_<map>_<n> (the places' markers, which have a permanent label, unlike
# the areas map.js adds, in the data's order) and marker_cluster_<map>_<n> (the marker
# cluster groups), as window globals the other helpers use; it returns the markers' names.
MARKERS = """(() => {
  const names = [];
  document.querySelectorAll('.map-figure .map').forEach(element => {
    const map = window[element.id], name = element.id.replace(/^map_/, '');
    const markers = new Set(), groups = [];
    map.eachLayer(layer => {
      if (L.MarkerClusterGroup && layer instanceof L.MarkerClusterGroup) groups.push(layer);
      else if (layer instanceof L.Marker) markers.add(layer);
    });
    groups.forEach((group, n) => {
      window[`marker_cluster_${name}_${n}`] = group;
      group.getLayers().forEach(marker => markers.add(marker));
    });
    [...markers].filter(marker => marker.getTooltip() && marker.getTooltip().options.permanent)
      .sort((a, b) => L.stamp(a) - L.stamp(b)).forEach((marker, n) => {
        window[`marker_${name}_${n}`] = marker;
        names.push(`marker_${name}_${n}`);
      });
  });
  return names;
})()"""
GROUP_OF = """const groupOf = marker => Object.keys(window)
  .filter(k => k.startsWith('marker_cluster_')).map(k => window[k])
  .find(group => group.hasLayer(marker));"""
MARKERS_SHOWN = "() => {" + GROUP_OF + """
  // Markers drawn in view: as themselves, or counted in a cluster drawn in view.
  return """ + MARKERS + """.map(k => window[k])
    .filter(marker => groupOf(marker) ? groupOf(marker).getVisibleParent(marker) !== null
                                      : Boolean(marker._icon)).length;
}"""
SETTLED = """() => {
  // The same icons in the same places as at the last look, none fading in or out, no zoom
  // or cluster animation: the map is still.
  const icons = [...document.querySelectorAll('.leaflet-marker-icon')];
  const now = JSON.stringify(icons.map(icon => [icon.className, icon.style.transform]));
  const still = window.__lastIcons === now;
  window.__lastIcons = now;
  return still && !document.querySelector('.leaflet-cluster-anim, .leaflet-zoom-anim')
    && icons.every(icon => getComputedStyle(icon).opacity === '1');
}"""
ZOOM_TO = "name => {" + GROUP_OF + """
  // Zoom in to a marker inside a cluster, as clicks on the clusters would. Not
  // markercluster's zoomToShowLayer: from far out it may never call back.
  const marker = window[name], group = groupOf(marker);
  if (group && !marker._icon) {
    group._map.setView(marker.getLatLng(), group._map.getMaxZoom(), {animate: false});
  }
}"""
SHOWN = """name => !document.querySelector('.leaflet-cluster-anim, .leaflet-zoom-anim')
  && window[name]._icon && getComputedStyle(window[name]._icon).opacity === '1'"""
CLOSE_POPUPS = """() => Object.keys(window).filter(k => /^(map|marker_cluster)_/.test(k))
  .forEach(k => k.startsWith('map_') ? window[k].closePopup() : window[k].unspiderfy())"""
"""Every popup closed, every spread cluster gathered again."""
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
POPUP = ".leaflet-popup-content .map-popup"


def settle(page) -> None:
    """Wait for the maps to be still (two looks 0.25 s apart: a first fit, a zoom and
    markercluster's own animations follow each other)."""
    page.locator(".leaflet-marker-icon").first.wait_for()
    page.wait_for_function(SETTLED, polling=250)


def markers_shown(page) -> int:
    """How many markers are drawn in view, once the map has settled."""
    settle(page)
    return page.evaluate(MARKERS_SHOWN)


def open_popup(page, name: str, attempts: int = 3):
    """Open the popup of marker ``name``, alone, where a reader finds it (a marker inside a
    cluster is shown first); its content (a locator). Tried again if it is not shown."""

    def show_and_open() -> None:
        page.evaluate(CLOSE_POPUPS)
        page.wait_for_function("() => !document.querySelector('.leaflet-popup')")  # faded
        settle(page)
        page.evaluate(ZOOM_TO, name)
        settle(page)
        if not page.evaluate(f"Boolean(window['{name}']._icon)"):  # others at its point
            page.evaluate(f"void window['{name}'].__parent.spiderfy()")
        page.wait_for_function(SHOWN, arg=name)  # its icon made anew, faded in
        page.evaluate(f"void window['{name}'].openPopup()")

    return _until_a_popup_opens(page, show_and_open, attempts, timeout=3000)


def click_a_marker(page, attempts: int = 3):
    """A real mouse click on a marker opens its popup (returned). Where every marker in view
    is in a cluster, clicks on clusters open them first, as a reader's would. The marker is
    looked up again on each attempt: on a busy machine the map may still be settling."""
    page.locator(".leaflet-container").scroll_into_view_if_needed()
    settle(page)
    for _ in range(5):
        if page.evaluate(CLICKABLE, MARKER) is not None:
            break
        cluster = page.evaluate(CLICKABLE, CLUSTER)
        assert cluster is not None, "neither a marker nor a cluster can be clicked"
        page.mouse.click(*cluster)
        settle(page)

    def click() -> None:
        spot = page.evaluate(CLICKABLE, MARKER)
        assert spot is not None, "no marker can be clicked"
        page.mouse.click(*spot)

    return _until_a_popup_opens(page, click, attempts, timeout=5000)


def _until_a_popup_opens(page, act, attempts: int, timeout: float):
    """Do ``act`` until a marker's popup shows (its content, a locator), ``attempts`` times
    at most."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    popup = page.locator(POPUP)
    for _ in range(attempts):
        act()
        with suppress(PlaywrightTimeout):
            popup.wait_for(timeout=timeout)
            return popup
    raise AssertionError(f"no popup opened in {attempts} attempts")
