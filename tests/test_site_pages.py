"""The built seed site, parsed: content, anchors, languages and maps are all there."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from conftest import FIXTURES, REPO, SHEET, soup
from test_content_errors import minimal_project

from generator.build.pipeline import build
from generator.content.project import Project, load_documents
from generator.model.from_content import build_site_model
from generator.render.pages import Renderer

LANGUAGES = ("ar", "en")


def registry(name: str) -> dict:
    entries = yaml.safe_load((REPO / "content/entities" / f"{name}.yml").read_text("utf-8"))
    return {entry["id"]: entry for entry in entries}


def sheet_data() -> dict:
    return yaml.load((REPO / f"content/sheets/{SHEET}.yml").read_text("utf-8"),
                     Loader=yaml.BaseLoader)


def sheet_page(built, language):
    return soup(built.site / language / "sheets" / SHEET / "index.html")


def text_of(page) -> str:
    return " ".join(page.get_text(" ").split())


def test_counts_take_the_form_their_number_asks_for():
    site = build_site_model(load_documents(Project(REPO))[0])
    renderer = Renderer(site, (REPO / "templates",))
    forms = yaml.safe_load((FIXTURES / "counts.yml").read_text("utf-8"))
    for language, said in forms.items():
        page = renderer.context("home", language, None)
        for number, words in said.items():
            assert page.count("claims_count", number) == words.replace(
                "{count}", page.number(number)), (language, number)
    categories = {"ar": ("zero", "one", "two", "few", "many", "other"), "en": ("one", "other")}
    for language, names in categories.items():
        strings = renderer.context("home", language, None).strings
        for key in ("sheets", "claims", "quotes", "people", "places"):
            assert [f"{key}_count_{name}" in strings for name in names] == [True] * len(names)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_person_place_and_quote_is_on_the_sheet_page(built, language):
    page = sheet_page(built, language)
    text = text_of(page)
    data = sheet_data()
    people, places = registry("people"), registry("places")
    for mention in data["people"]:
        assert people[mention["id"]]["name"][language] in text
    for mention in data["places"]:
        assert places[mention["id"]]["name"][language] in text
    for quote in data["quotes"]:
        assert " ".join(quote["text"][language].split()) in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_sentence_link_resolves_to_an_anchor_on_the_page(built, language):
    page = sheet_page(built, language)
    ids = {element["id"] for element in page.find_all(id=True)}
    fragments = [a["href"][1:] for a in page.find_all("a", href=True)
                 if a["href"].startswith("#")]
    assert fragments
    missing = sorted(set(fragments) - ids)
    assert not missing
    data = sheet_data()
    sentence_ids = {s["id"] for s in data["text"]}
    assert sentence_ids <= ids
    for kind in ("claims", "quotes", "timeline", "figures"):
        for fact in data[kind]:
            item = page.find(id=fact["id"])
            linked = {a["href"][1:] for a in item.select("a.ref")}
            assert linked == set(fact["sentences"]), fact["id"]


def test_original_text_is_the_seed_verbatim(built):
    page = sheet_page(built, "ar")
    seed = (REPO / "seeds" / sheet_data()["source"]["seed"]).read_text("utf-8")
    body = "".join(seed.splitlines()[1:-1])
    sentences = [li.p.get_text() for li in page.select("ol.sentences > li")]
    assert re.sub(r"\s", "", "".join(sentences)) == re.sub(r"\s", "", body)


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("en", "ltr")])
def test_every_page_declares_its_language_and_direction(built, language, direction):
    pages = list((built.site / language).rglob("*.html"))
    assert len(pages) > 30
    for path in pages:
        html = soup(path).html
        assert (html["lang"], html["dir"]) == (language, direction), path


@pytest.mark.parametrize(("language", "other"), [("ar", "en"), ("en", "ar")])
def test_language_switch_lands_on_the_counterpart_page(built, language, other):
    for path in (built.site / language).rglob("index.html"):
        switch = soup(path).select_one(f"a.lang-switch[hreflang={other}]")
        target = (path.parent / switch["href"] / "index.html").resolve()
        counterpart = built.site / other / path.relative_to(built.site / language)
        assert target == counterpart.resolve(), path


@pytest.mark.parametrize("language", LANGUAGES)
def test_sheet_map_has_one_marker_or_outline_per_place(built, language):
    """Cities, districts and buildings are markers in the map's data; countries are
    areas the basemap shades, each with its popup in a template."""
    page = sheet_page(built, language)
    data = json.loads(page.select_one('script[type="application/json"]#data-map_sheet').string)
    areas = {t["data-outline"]: t for t in page.select("figure.map-figure template.map-area")}
    places = sheet_data()["places"]
    assert len(data["markers"]) + len(areas) == len(places)
    assert sorted(areas) == ["364", "368", "840"]  # Iran, Iraq, the United States
    popups = [marker[5] for marker in data["markers"]] + [str(t) for t in areas.values()]
    popups = "".join(popups)
    for mention in places:
        assert f'places/{mention["id"]}/' in popups


@pytest.mark.parametrize("language", LANGUAGES)
def test_claims_badges_follow_the_ultimate_source(built, language):
    """Anonymous with the report's words; an outlet of the chain giving no source: its
    own account ("reported by"); anyone else: named."""
    page = sheet_page(built, language)
    data = sheet_data()
    kinds = set()
    for claim in data["claims"]:
        item = page.find(id=claim["id"])
        who = claim["attributed_to"]
        chain = {data["source"]["publisher"], data["source"].get("cites"), claim.get("via")}
        if isinstance(who, dict):
            kind = "anonymous"
            assert " ".join(who["anonymous"][language].split()) in text_of(item)
        else:
            kind = "outlet" if who in chain else "named"
            assert item.select_one(f".source--{kind} a[href$='/{who}/']")
        assert item.select_one(f".source--{kind}") and len(item.select(".source")) == 1
        kinds.add(kind)
    assert kinds == {"anonymous", "outlet", "named"}


def test_dates_use_the_locale_month_names(built):
    assert "أيلول" in text_of(sheet_page(built, "ar"))
    assert "September" in text_of(sheet_page(built, "en"))


def test_every_entity_has_a_page_in_every_language(built):
    for kind in ("people", "organizations", "places"):
        for entity_id, entry in registry(kind).items():
            for language in LANGUAGES:
                page = soup(built.site / language / kind / entity_id / "index.html")
                assert page.h1.get_text(strip=True) == entry["name"][language]


def test_site_has_landing_about_and_not_found_pages(built):
    site = built.site
    for path in ("index.html", "404.html", ".nojekyll", "ar/index.html", "en/index.html",
                 "ar/about/index.html", "en/about/index.html", "ar/404.html", "en/404.html",
                 "assets/site.css", "assets/vendor/leaflet/leaflet.js",
                 "schema/sheet.schema.json", "schema/common.schema.json"):
        assert (site / path).is_file(), path
    landing = soup(site / "index.html")
    choices = {a["hreflang"]: a["href"] for a in landing.select("a.lang-choice")}
    assert choices == {"ar": "ar/", "en": "en/"}  # the page without script: both languages
    assert landing.find("link", rel="stylesheet")["href"] == "assets/site.css"


def test_internal_links_and_assets_are_relative_and_exist(built):
    for path in built.site.rglob("*.html"):
        if path.name == "404.html":
            continue  # served at any depth: resolved from <base>, tested in the browser
        page = soup(path)
        for element in page.find_all(["a", "link", "script"]):
            url = element.get("href") or element.get("src")
            if not url or url.startswith("#") or element.get("rel") in (["canonical"],
                                                                          ["alternate"]):
                continue
            if url.startswith(("https://", "http://")):
                assert "external" in (element.get("rel") or []) or element.name == "a", url
                continue
            assert not url.startswith("/"), f"{path}: {url}"
            target = (path.parent / url.split("#")[0])
            target = target / "index.html" if url.split("#")[0].endswith("/") else target
            assert target.resolve().is_file(), f"{path}: {url}"


@pytest.fixture
def many_sheets(tmp_path, monkeypatch) -> Project:
    """Twelve sheets, one of them corrected (the newest), with three cards on the home
    page and five sheets per archive page."""
    monkeypatch.setattr("generator.render.page_kinds.HOME_SHEETS", 3)
    monkeypatch.setattr("generator.render.page_kinds.ARCHIVE_PAGE", 5)
    project, _ = minimal_project(tmp_path)
    sheets = project.content / "sheets"
    fixture = (FIXTURES / "corrections" / "one.yml").read_text("utf-8")
    for number in range(12):
        (sheets / f"sheet-{number:02d}.yml").write_text(fixture.split("corrections:")[0])
    (sheets / "sheet-07.yml").write_text(fixture)
    (sheets / "one.yml").unlink(missing_ok=True)
    build(project)
    return project


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_shows_the_newest_sheets_and_the_archive_lists_all(many_sheets, language):
    newest = ["sheet-07", *(f"sheet-{n:02d}" for n in range(12) if n != 7)]
    home = soup(many_sheets.site / language / "index.html")
    cards = [a["href"].split("/")[1] for a in home.select(".sheet-card h2 a")]
    assert cards == newest[:3]
    assert home.select_one(".all-sheets a")["href"] == "archive/"
    listed, pages = [], []
    for folder in ("", "2/", "3/"):
        page = soup(many_sheets.site / language / "archive" / folder / "index.html")
        listed += [a["href"].rstrip("/").rsplit("/", 1)[1] for a in page.select(".archive-list a")]
        current = page.select('.pagination a[aria-current="page"]')
        assert len(current) == 1 and len(page.select(".pagination li")) >= 4
        pages.append(current[0].get_text())
    assert listed == newest
    assert not (many_sheets.site / language / "archive" / "4").exists()
    assert len(set(pages)) == 3
