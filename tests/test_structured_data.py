"""Structured data and exports: JSON-LD agrees with the page and stays inert, Atom feeds
and the sitemap validate, the CSV keeps Arabic, corrections show everywhere."""

from __future__ import annotations

import csv
import datetime
import io
import json
import shutil

import feedparser
import pytest
from conftest import FIXTURES, SHEET, soup
from lxml import etree
from test_content_errors import minimal_project

from generator.build.load import load_and_check
from generator.build.pipeline import build
from generator.model.from_content import build_site_model


def json_ld(page) -> dict:
    scripts = page.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


@pytest.fixture(scope="module")
def corrected(tmp_path_factory):
    """The minimal project with a hostile claim and two corrections, built."""
    project, _ = minimal_project(tmp_path_factory.mktemp("corrected"))
    shutil.copyfile(FIXTURES / "corrections" / "one.yml", project.content / "sheets" / "one.yml")
    build(project)
    return project


def test_every_page_has_json_ld_that_parses(built):
    pages = list(built.site.rglob("*.html"))
    assert len(pages) > 80
    for path in pages:
        data = json_ld(soup(path))
        assert data["@context"] == "https://schema.org", path


@pytest.mark.parametrize("language", ["ar", "en"])
def test_claims_in_json_ld_match_the_visible_claims(built, language):
    page = soup(built.site / language / "sheets" / SHEET / "index.html")
    data = json_ld(page)
    assert data["@type"] == "Article"
    source = data["about"]
    assert source["@type"] == "NewsArticle"
    assert source["publisher"]["@type"] == "NewsMediaOrganization"
    assert source["citation"]["@id"].endswith("/organizations/middle-east-eye/")
    claims = data["hasPart"]
    assert claims and all(claim["@type"] == "Claim" for claim in claims)
    for claim in claims:
        item = page.find(id=claim["@id"].rsplit("#", 1)[1])
        visible = " ".join(item.select_one(".claim__text").get_text(" ").split())
        assert visible.startswith(" ".join(claim["text"].split()))
        assert claim["author"]["@type"] in ("Person", "Organization", "NewsMediaOrganization")
        if item.select_one(".source--anonymous"):
            assert claim["author"]["description"] in item.get_text(" ")
        for appearance in claim["appearance"]:
            assert page.find(id=appearance["url"].rsplit("#", 1)[1])


def test_place_json_ld_has_coordinates(built):
    data = json_ld(soup(built.site / "en" / "places" / "baghdad" / "index.html"))
    assert data["@type"] == "Place"
    assert data["geo"]["latitude"] == pytest.approx(33.3152)


@pytest.mark.slow
def test_hostile_claim_stays_inert_in_json_ld(corrected):
    html = (corrected.site / "en" / "sheets" / "one" / "index.html").read_text("utf-8")
    script = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<script>" not in script and "</" not in script
    data = json.loads(script)
    assert data["hasPart"][0]["text"].startswith("Hostile </script><script>window.pwned=1")
    assert "window.pwned=1</script>" in soup(corrected.site / "en/sheets/one/index.html").find(
        id="c1").get_text()


@pytest.mark.slow
def test_corrections_show_on_the_page_in_json_ld_and_in_the_feed(corrected):
    for language in ("ar", "en"):
        page = soup(corrected.site / language / "sheets" / "one" / "index.html")
        assert len(page.select(".corrections li")) == 2
        assert json_ld(page)["dateModified"] == "2020-10-02"
        feed = feedparser.parse((corrected.site / language / "feed.xml").read_bytes())
        assert feed.entries[0].updated.startswith("2020-10-02")
        assert "2020" in feed.entries[0].content[0].value


@pytest.mark.parametrize("language", ["ar", "en"])
def test_atom_feed_is_valid(built, language):
    raw = (built.site / language / "feed.xml").read_bytes()
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.language == language
    assert feed.feed.id.endswith(f"/{language}/") and feed.feed.updated
    entry = feed.entries[0]
    assert entry.id.endswith(f"/{language}/sheets/{SHEET}/")
    assert entry.title and entry.updated and entry.author
    assert any(link.rel == "self" for link in feed.feed.links)


def test_sitemap_validates_against_its_schema(built):
    schema = etree.XMLSchema(etree.parse(str(FIXTURES / "xsd" / "sitemap.xsd")))
    sitemap = etree.parse(str(built.site / "sitemap.xml"))
    assert schema.validate(sitemap), schema.error_log
    pages = [p for p in built.site.rglob("*.html") if p.name != "404.html"]
    assert len(sitemap.getroot()) == len(pages) - 1  # all but the landing redirect


def test_claims_csv_round_trips_with_arabic(built):
    raw = (built.site / "data" / "claims.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows and all(row["sheet"] == SHEET for row in rows)
    assert any("بومبيو" in row["text_ar"] for row in rows)
    assert any(row["anonymous_en"] and not row["attributed_to"] for row in rows)


def test_sheet_exports_are_linked_and_faithful(built):
    page = soup(built.site / "en" / "sheets" / SHEET / "index.html")
    links = {a["href"] for a in page.select(".downloads a")}
    assert f"../../../data/sheets/{SHEET}.yml" in links
    original = (built.content / "sheets" / f"{SHEET}.yml").read_bytes()
    assert (built.site / "data" / "sheets" / f"{SHEET}.yml").read_bytes() == original
    exported = json.loads((built.site / "data" / "sheets" / f"{SHEET}.json").read_text("utf-8"))
    assert exported["version"] and exported["slug"] == SHEET
    facts = json.loads((built.site / "data" / "facts.json").read_text("utf-8"))
    assert facts["version"] == exported["version"] and len(facts["sheets"]) == 1


def test_open_graph_and_alternates_on_every_page(built):
    page = soup(built.site / "ar" / "sheets" / SHEET / "index.html")
    meta = {m.get("property") or m.get("name"): m["content"] for m in page.find_all("meta")
            if m.get("content")}
    assert meta["og:type"] == "article" and meta["og:locale"] == "ar_IQ"
    assert meta["og:locale:alternate"] == "en_GB"
    assert meta["twitter:card"] == "summary" and meta["og:url"].startswith("https://")
    assert meta["og:title"] and meta["og:description"]  # the card's title and text: X reads
    assert "twitter:title" not in meta and "twitter:description" not in meta  # them, no copy
    hreflangs = {link["hreflang"] for link in page.find_all("link", hreflang=True)}
    assert hreflangs == {"ar", "en", "x-default"}


@pytest.mark.slow
def test_feed_lists_the_latest_sheets_newest_first(tmp_path):
    """Sixty sheets: the feed holds the fifty last updated, the corrected one first."""
    project, _ = minimal_project(tmp_path)
    sheets = project.content / "sheets"
    plain = (FIXTURES / "corrections" / "one.yml").read_text("utf-8").split("corrections:")[0]
    for number in range(60):
        (sheets / f"sheet-{number:02d}.yml").write_text(plain, "utf-8")
    shutil.copyfile(FIXTURES / "corrections" / "one.yml", sheets / "sheet-33.yml")
    (sheets / "one.yml").unlink(missing_ok=True)
    build(project)
    feed = feedparser.parse((project.site / "en" / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    ids = [entry.id.rstrip("/").rsplit("/", 1)[1] for entry in feed.entries]
    assert ids == ["sheet-33", *(f"sheet-{n:02d}" for n in range(60) if n != 33)][:50]
    assert feed.feed.updated.startswith("2020-10-02")


SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def lastmods(site) -> dict[str, str]:
    tree = etree.parse(str(site / "sitemap.xml"))
    return {url.findtext("s:loc", namespaces=SITEMAP_NS):
            url.findtext("s:lastmod", namespaces=SITEMAP_NS)
            for url in tree.getroot().iterfind("s:url", SITEMAP_NS)}


def newest_date(project) -> str:
    """The sheet's own newest date, as the model works it out (``Sheet.updated``)."""
    documents, _ = load_and_check(project)
    return build_site_model(documents).sheets[0].updated


@pytest.mark.slow
def test_sitemap_dates_each_page_by_its_newest_sheet(project):
    sheet = project.content / "sheets" / f"{SHEET}.yml"
    base = "https://example.github.io/factsheets/"
    build(project, quiet=True)
    dates, newest = lastmods(project.site), newest_date(project)
    assert dates[f"{base}en/sheets/{SHEET}/"] == newest
    assert dates[f"{base}ar/places/baghdad/"] == newest
    assert set(dates.values()) == {newest}

    day_before = (datetime.date.fromisoformat(newest) - datetime.timedelta(days=1)).isoformat()
    sheet.write_text(sheet.read_text("utf-8").replace(newest, day_before), "utf-8")
    build(project, quiet=True)  # an edit's build: the sitemap is made again
    dates, older = lastmods(project.site), newest_date(project)
    assert older < newest
    assert dates[f"{base}en/sheets/{SHEET}/"] == older
    assert dates[f"{base}ar/places/baghdad/"] == older
    assert dates[f"{base}en/"] == older


def test_robots_names_the_sitemap(built):
    robots = (built.site / "robots.txt").read_text("utf-8").splitlines()
    assert robots[:2] == ["User-agent: *", "Allow: /"]
    assert "Sitemap: https://example.github.io/factsheets/sitemap.xml" in robots
