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
    """A page loaded with console errors, failed local requests and outside requests kept."""

    def __init__(self, browser, url: str, width: int = 1280):
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.errors: list[str] = []
        self.tiles: list[str] = []
        self.outside: list[str] = []
        self.failed: list[str] = []
        origin = urlparse(url).netloc
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        own = lambda url: urlparse(url).netloc == origin  # noqa: E731
        # Leaflet cancels tile loads when the view changes: only the site's own count.
        self.page.on("requestfailed", lambda r: own(r.url) and self.failed.append(r.url))
        self.page.on("response", lambda r: r.status >= 400 and self.failed.append(r.url))
        self.page.route("**/*", lambda route: self._route(route, origin))
        self.page.goto(url, wait_until="networkidle")

    def _route(self, route, origin: str) -> None:
        host = urlparse(route.request.url).netloc
        if host == origin:
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
