"""sitemap.xml and robots.txt, made from the model: every page a reader may land on by its
absolute URL, with its other-language versions and the date of the newest sheet it shows;
the landing page and the 404 pages left out; robots.txt naming the sitemap."""

from __future__ import annotations

from dataclasses import replace
from xml.etree import ElementTree as ET

import pytest
from conftest import REPO

from generator.outputs.sitemap import page_dates, robots, sitemap
from generator.render.pages import Renderer
from generator.render.theme import template_dirs

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
BASE = "https://example.github.io/factsheets/"


@pytest.fixture(scope="module")
def dates(seed_site) -> dict[str, str]:
    return page_dates(seed_site, Renderer(seed_site, template_dirs(REPO / "templates"))
                      .page_specs())


@pytest.fixture(scope="module")
def urls(seed_site, dates) -> dict[str, ET.Element]:
    root = ET.fromstring(sitemap(seed_site.settings, dates))
    return {url.findtext("s:loc", namespaces=NS): url for url in root.findall("s:url", NS)}


def test_pages_are_dated_by_the_newest_sheet_they_show(seed_site, dates):
    newest = seed_site.sheets[0].updated
    slug = seed_site.sheets[0].slug
    assert dates[f"ar/sheets/{slug}/index.html"] == newest
    assert dates["en/places/baghdad/index.html"] == newest
    assert dates["en/index.html"] == newest


def test_pages_that_show_no_sheet_have_no_date(seed_site):
    specs = [spec for spec in Renderer(seed_site, template_dirs(REPO / "templates")).page_specs()
             if spec.kind != "sheet"]
    assert set(page_dates(replace(seed_site, sheets=[]), specs).values()) == {""}


def test_every_content_page_is_listed_in_each_language_once(dates, urls):
    listed = {path for path in dates if not path.endswith("404.html") and "/" in path}
    assert set(urls) == {BASE + path.removesuffix("index.html") for path in listed}
    assert BASE not in urls and BASE + "404.html" not in urls  # landing and 404 pages


def test_each_page_names_its_versions_and_the_default(urls, seed_site):
    slug = seed_site.sheets[0].slug
    url = urls[f"{BASE}en/sheets/{slug}/"]
    alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
    assert alternates == {"ar": f"{BASE}ar/sheets/{slug}/", "en": f"{BASE}en/sheets/{slug}/",
                          "x-default": f"{BASE}ar/sheets/{slug}/"}
    assert url.findtext("s:lastmod", namespaces=NS) == seed_site.sheets[0].updated


def test_a_page_without_a_date_has_no_lastmod(seed_site):
    root = ET.fromstring(sitemap(seed_site.settings, {"en/about/index.html": "",
                                                      "ar/about/index.html": "2020-10-01"}))
    english, = [u for u in root.findall("s:url", NS) if "/en/" in u.findtext("s:loc", "", NS)]
    assert english.find("s:lastmod", NS) is None
    assert len(root.findall("s:url", NS)) == 2


def test_robots_welcomes_every_crawler_and_names_the_sitemap(seed_site):
    assert robots(seed_site.settings) == (
        f"User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n".encode())
