"""schema.org data of a page, made from the model: a sheet is an Article about its source
(a NewsArticle), its claims are Claims by their ultimate source or ClaimReviews when
reviewed; entity pages and the other pages get their own types; and the JSON is safe
inside a <script> element."""

from __future__ import annotations

import json

from conftest import page_of

from generator.render.jsonld import page_data, script_data

BASE = "https://example.org/facts/en/"


def sheet_data(site, language: str = "en") -> dict:
    sheet = site.sheets[0]
    return page_data(page_of(site, "sheet", language, sheet.slug), sheet)


def test_a_sheet_is_an_article_about_its_source(reviewed_site):
    data = sheet_data(reviewed_site)
    assert (data["@type"], data["@id"], data["headline"]) == (
        "Article", BASE + "sheets/one/#sheet", "Neutral headline")
    assert (data["datePublished"], data["dateModified"]) == ("2026-11-29", "2026-12-03")
    assert data["author"] == [{"@type": "Person", "name": "The desk",
                               "url": "https://example.org/desk"}]
    source = data["about"]
    assert source["@type"] == "NewsArticle" and source["headline"] == (
        "Headline as the source gave it")
    assert source["publisher"] == {"@type": "NewsMediaOrganization", "name": "Daily News",
                                   "@id": BASE + "organizations/daily-news/"}
    assert source["archivedAt"].startswith("https://web.archive.org/")


def test_reviewed_claims_are_claim_reviews_with_a_rating_on_the_scale(reviewed_site):
    parts = sheet_data(reviewed_site)["hasPart"]
    assert [part["@type"] for part in parts] == ["ClaimReview"] * 3 + ["Claim"]
    accurate, false, unsupported, _ = parts
    assert accurate["reviewRating"] == {"@type": "Rating", "alternateName": "accurate",
                                        "name": "accurate", "ratingValue": 4,
                                        "bestRating": 4, "worstRating": 1}
    assert false["reviewRating"]["ratingValue"] == 1
    assert "ratingValue" not in unsupported["reviewRating"]  # no evidence either way
    assert accurate["claimReviewed"] == accurate["itemReviewed"]["text"] == (
        "Something happened.")
    assert accurate["url"] == BASE + "sheets/one/#c1"
    assert accurate["citation"][0]["publisher"] == {"@type": "Organization",
                                                    "name": "Records Office"}
    assert unsupported["itemReviewed"]["author"] == {
        "@type": "Person", "name": "Anonymous source", "description": "a witness"}


def test_a_claim_that_came_through_a_cited_outlet_names_its_first_appearance(seed_site):
    parts = {part["@id"].rsplit("#", 1)[1]: part for part in sheet_data(seed_site)["hasPart"]}
    first = {"@type": "NewsArticle", "publisher": {
        "@type": "NewsMediaOrganization", "name": "Middle East Eye",
        "@id": "https://example.github.io/factsheets/en/organizations/middle-east-eye/"}}
    assert parts["c17"]["firstAppearance"] == first
    assert "firstAppearance" not in parts["c19"]  # the publisher's own account
    assert parts["c3"]["appearance"][0]["isPartOf"] == {"@id": parts["c3"]["@id"].replace(
        "#c3", "#source")}


def test_texts_are_in_the_pages_language(seed_site):
    arabic = sheet_data(seed_site, "ar")
    assert arabic["inLanguage"] == "ar"
    assert arabic["headline"] == seed_site.sheets[0].title["ar"]


def test_entity_and_other_pages_have_their_own_types(seed_site):
    place = page_data(page_of(seed_site, "places", "en", "baghdad"),
                      entity=seed_site.entities["baghdad"])
    assert place["@type"] == "Place" and place["geo"]["@type"] == "GeoCoordinates"
    assert place["mainEntityOfPage"].endswith("/en/places/baghdad/")
    person = page_data(page_of(seed_site, "people", "en", "barham-salih"),
                       entity=seed_site.entities["barham-salih"])
    assert (person["@type"], person["jobTitle"]) == ("Person", ["President of Iraq"])
    home = page_data(page_of(seed_site, "home", "en"))
    assert (home["@type"], home["name"], home["isPartOf"]["@type"]) == (
        "WebPage", "Fact Sheets", "WebSite")


def test_script_data_cannot_end_its_script_element():
    hostile = {"text": "</script><script>alert('x')</script> & <!--"}
    script = str(script_data(hostile))
    assert "<" not in script and ">" not in script and "&" not in script.replace("\\u0026", "")
    assert json.loads(script) == hostile
