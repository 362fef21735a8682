"""The editorial record on the built site: verdicts on the page and as ClaimReview JSON-LD
that meets Google's requirements, badges following each fact's chain, the sheet's own
provenance and dates, dated roles, translations marked."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from urllib.parse import urlparse

import feedparser
import pytest
from conftest import FIXTURES, SHEET, soup
from test_content_errors import minimal_project
from test_structured_data import json_ld

from generator.build.pipeline import build

REVIEWS = FIXTURES / "reviews"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

CLAIM_REVIEW_REQUIRED = {"claimReviewed", "reviewRating", "url"}
"""Google Search's required properties of a ClaimReview (Fact check structured data);
``reviewRating`` must give an ``alternateName``, and ``url`` must be on the domain of
the page that holds the ClaimReview."""
CLAIM_REVIEW_RECOMMENDED = {"author", "datePublished", "itemReviewed"}


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    project, _ = minimal_project(tmp_path_factory.mktemp("reviewed"))
    shutil.copyfile(REVIEWS / "one.yml", project.content / "sheets" / "one.yml")
    shutil.copyfile(REVIEWS / "people.yml", project.content / "entities" / "people.yml")
    build(project)
    return project


def sheet_page(project, language: str):
    return soup(project.site / language / "sheets" / "one" / "index.html")


def text_of(element) -> str:
    """The element's text as read: spaces joined, none before a comma or closing bracket."""
    return re.sub(r" ([,.)])", r"\1", " ".join(element.get_text(" ").split()))


def claim_reviews(data: dict) -> list[dict]:
    return [part for part in data["hasPart"] if part["@type"] == "ClaimReview"]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_claim_reviews_meet_googles_requirements_and_match_the_page(reviewed, language):
    page = sheet_page(reviewed, language)
    data = json_ld(page)
    page_url = urlparse(page.select_one('link[rel="canonical"]')["href"])
    reviews = claim_reviews(data)
    assert [r["itemReviewed"]["@id"].rsplit("#", 1)[1] for r in reviews] == ["c1", "c2", "c3"]
    for review in reviews:
        assert set(review) >= CLAIM_REVIEW_REQUIRED | CLAIM_REVIEW_RECOMMENDED
        assert review["claimReviewed"].strip()
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating" and rating["alternateName"].strip()
        if "ratingValue" in rating:
            assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        url = urlparse(review["url"])
        assert (url.scheme, url.netloc, url.path) == (page_url.scheme, page_url.netloc,
                                                      page_url.path)
        claim = page.find(id=url.fragment)  # the anchor of the full check on the page
        assert text_of(claim.select_one(".verdict__label")).endswith(rating["alternateName"])
        assert review["author"]["name"] and ISO_DATE.match(review["datePublished"])
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["author"]["name"] and item["appearance"]
    assert [r["reviewRating"].get("ratingValue") for r in reviews] == [4, 1, None]
    assert reviews[0]["citation"][0]["archivedAt"].startswith("https://web.archive.org/")
    unverified = [part for part in data["hasPart"] if part["@type"] == "Claim"]
    assert [part["@id"].rsplit("#", 1)[1] for part in unverified] == ["c4"]


def test_the_page_shows_each_verdict_and_their_summary(reviewed):
    page = sheet_page(reviewed, "en")
    assert text_of(page.select_one(".verdict-summary")) == (
        "4 claims: 3 checked — 1 accurate, 1 false, 1 unsupported; 1 unverified")
    labels = [text_of(li.select_one(".verdict__label")) for li in page.select(".claim")]
    assert labels == ["Verdict: accurate", "Verdict: false", "Verdict: unsupported",
                      "Verdict: unverified"]
    details = page.find(id="c1").select_one(".verdict__details")
    assert "The official record confirms it." in text_of(details)
    assert details.select_one('a[href^="https://web.archive.org/"]')
    assert "Checked December 1, 2026 by The desk" in text_of(details)
    assert page.find(id="c4").select_one(".verdict__details") is None


def test_badges_follow_the_ultimate_source(reviewed):
    page = sheet_page(reviewed, "en")
    assert page.find(id="c1").select_one(".source--named")
    outlet = page.find(id="c2").select_one(".source--outlet")
    assert text_of(outlet) == "Reported by Daily News"
    assert text_of(page.find(id="c3").select_one(".source--anonymous")).endswith("a witness")
    assert "officials" in text_of(page.find(id="f1").select_one(".source--anonymous"))


def test_the_sheet_carries_its_own_provenance_and_dates(reviewed):
    page = sheet_page(reviewed, "en")
    header = page.select_one(".sheet-header")
    assert text_of(header.h1) == "Neutral headline"
    assert text_of(header.select_one(".source-headline")) == (
        "The source's headline: Headline as the source gave it")
    assert header.select_one(".source-headline q")  # quotation marks, by the browser
    byline = text_of(header.select_one(".byline"))
    assert byline.startswith("Edited by The desk")
    assert "Sheet published November 29, 2026 Updated December 3, 2026" in byline
    assert header.select_one('a[href="https://example.org/news/one"]')
    assert header.select_one('a[href^="https://web.archive.org/"]')
    data = json_ld(page)
    assert (data["datePublished"], data["dateModified"]) == ("2026-11-29", "2026-12-03")
    assert data["author"][0]["name"] == "The desk"
    assert data["about"]["headline"] == "Headline as the source gave it"
    assert data["about"]["archivedAt"].startswith("https://web.archive.org/")
    entry = feedparser.parse((reviewed.site / "en" / "feed.xml").read_bytes()).entries[0]
    assert (entry.published[:10], entry.updated[:10]) == ("2026-11-29", "2026-12-03")
    assert entry.author == "The desk"
    archive = text_of(soup(reviewed.site / "en" / "archive" / "index.html").select_one("li"))
    assert "Sheet published November 29, 2026 · Updated December 3, 2026" in archive


def test_roles_are_shown_as_of_the_sources_date(reviewed):
    en, ar = sheet_page(reviewed, "en"), sheet_page(reviewed, "ar")
    assert "Jane Doe, then-Spokesperson" in text_of(en.find(id="c1"))
    assert "متحدثة آنذاك" in text_of(ar.find(id="c1"))
    person = soup(reviewed.site / "en" / "people" / "jane-doe" / "index.html")
    history = [text_of(li) for li in person.select(".role-history li")]
    assert history == ["Spokesperson from March 2019 until December 31, 2020",
                       "Minister from January 4, 2021"]
    assert text_of(person.select_one(".lead")) == "Minister"


def test_translations_are_marked_once_a_page_and_on_each_quote(reviewed):
    translated, original = sheet_page(reviewed, "ar"), sheet_page(reviewed, "en")
    assert "ترجمة المحررين عن الإنجليزية" in text_of(translated.select_one(".translation-note"))
    assert text_of(translated.select_one(".quote .translated")) == "(مترجم عن الإنجليزية)"
    assert "مع ترجمة المحررين" in text_of(translated.select_one("#text-h"))
    assert original.select_one(".translation-note") is None
    assert original.select_one(".quote .translated") is None


def test_exports_carry_the_chain_and_the_verdicts(reviewed):
    sheet = json.loads((reviewed.site / "data" / "sheets" / "one.json").read_text("utf-8"))
    facts = {fact["id"]: fact for fact in sheet["facts"]}
    assert facts["c2"]["chain"] == {"outlets": ["daily-news"], "source": "outlet"}
    assert facts["c2"]["review"]["verdict"] == "false"
    assert facts["f1"]["chain"]["source"] == "anonymous" and "review" not in facts["f1"]
    assert (sheet["published"], sheet["updated"]) == ("2026-11-29", "2026-12-03")
    rows = list(csv.DictReader(io.StringIO(
        (reviewed.site / "data" / "claims.csv").read_bytes().decode("utf-8-sig"))))
    assert [(row["claim"], row["source_kind"], row["verdict"]) for row in rows] == [
        ("c1", "named", "accurate"), ("c2", "outlet", "false"),
        ("c3", "anonymous", "unsupported"), ("c4", "outlet", "unverified")]


def test_the_seed_sheet_shows_its_chain_and_inferred_year(built):
    page = soup(built.site / "en" / "sheets" / SHEET / "index.html")
    c4 = text_of(page.find(id="c4"))
    assert "on 20 September last" in c4 and "2020" not in c4
    assert "political leaders and leaders of armed groups (reported by Middle East Eye)" in c4
    assert "Mustafa al-Kadhimi then-Prime Minister of Iraq 8" in text_of(
        page.select_one(".entity-columns"))
    assert "the year is inferred" in text_of(page.select_one(".summary"))
    assert text_of(page.find(id="e2").select_one(".timeline__date")) == (
        "20 September 2020 inferred")  # stated as "20 September last": not "about" the day
    arabic = soup(built.site / "ar" / "sheets" / SHEET / "index.html")
    assert text_of(arabic.find(id="e2").select_one(".timeline__date .tag")) == "مستنتج"
    headline_claim = page.find(id="c19").select_one(".claim__source")
    assert text_of(headline_claim) == "Attributed to: Reported by Rudaw"  # its chain ends there
    data = json_ld(page)
    claims = {claim["@id"].rsplit("#", 1)[1]: claim for claim in data["hasPart"]}
    assert "firstAppearance" not in claims["c19"]
    assert claims["c4"]["firstAppearance"]["publisher"]["name"] == "Middle East Eye"
    assert page.select_one(".source-headline") and "translated from Arabic" in text_of(
        page.select_one(".source-headline"))
