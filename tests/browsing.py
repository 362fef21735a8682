"""Headless Chromium (Debian's, through Playwright) with every request watched.

Only the site's own origin is served; map tiles get a blank image (so pages render without
the network and without console errors); any other outside request is blocked and kept.
"""

from __future__ import annotations

import base64
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
