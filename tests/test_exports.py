"""The data exports of the shipped content, made from the model: one JSON and the original
YAML per sheet, the whole content in facts.json, one CSV row per claim with its chain, and
every place as GeoJSON (longitude first)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from generator.digests import NoStore
from generator.outputs.exports import EXPORT_VERSION, export_files, inert_cell, places_geojson
from generator.outputs.files import Streamed, Unread


def materialized(files) -> dict[str, bytes]:
    """The files as a build writes them: each read or streamed as it is given."""
    made = {}
    for path, data in files:
        if isinstance(data, Unread):
            data = data.read()
        elif isinstance(data, Streamed):
            data = b"".join(data.pieces())
        made[path] = data
    return made


@pytest.fixture(scope="module")
def exports(seed_site) -> dict[str, bytes]:
    return materialized(export_files(seed_site, NoStore()))


def test_each_sheet_has_its_json_and_its_original_yaml(seed_site, exports):
    sheet = seed_site.sheets[0]
    assert set(exports) == {f"data/sheets/{sheet.slug}.json", f"data/sheets/{sheet.slug}.yml",
                            "data/facts.json", "data/claims.csv", "data/places.geojson"}
    assert exports[f"data/sheets/{sheet.slug}.yml"] == sheet.file.path.read_bytes()
    data = json.loads(exports[f"data/sheets/{sheet.slug}.json"])
    assert (data["version"], data["slug"], data["published"]) == (EXPORT_VERSION, sheet.slug,
                                                                  sheet.published)
    assert [fact["id"] for fact in data["facts"]] == [fact.id for fact in sheet.facts()]


def test_a_claim_carries_its_chain_and_review_and_other_facts_no_review(exports, seed_site):
    facts = json.loads(exports[f"data/sheets/{seed_site.sheets[0].slug}.json"])["facts"]
    c4 = next(fact for fact in facts if fact["id"] == "c4")
    assert c4["chain"] == {"outlets": ["rudaw", "middle-east-eye"], "source": "anonymous"}
    assert c4["review"]["verdict"] == "unverified"
    assert all("review" not in fact for fact in facts if fact["kind"] != "claim")


def test_facts_json_holds_the_site_its_entities_and_each_sheets_export(exports, seed_site):
    facts = json.loads(exports["data/facts.json"])
    assert facts["version"] == EXPORT_VERSION
    assert facts["site"]["languages"] == ["ar", "en"]
    assert {entity["id"] for entity in facts["entities"]} == set(seed_site.entities)
    sheet = seed_site.sheets[0]
    assert facts["sheets"] == [json.loads(exports[f"data/sheets/{sheet.slug}.json"])]
    assert all(None not in entity.values() for entity in facts["entities"])


def test_claims_csv_is_one_row_per_claim_with_a_bom_for_spreadsheets(exports, seed_site):
    text = exports["data/claims.csv"].decode("utf-8")
    assert text.startswith("\ufeffsheet,claim,text_ar,text_en,attributed_to,")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    sheet = seed_site.sheets[0]
    assert [row["claim"] for row in rows] == [claim.id for claim in sheet.claims]
    c17 = next(row for row in rows if row["claim"] == "c17")
    assert (c17["attributed_to"], c17["source_kind"], c17["chain"], c17["via"]) == (
        "ahmed-al-sahhaf", "named", "rudaw > middle-east-eye", "middle-east-eye")
    assert c17["text_ar"] == sheet.claims[16].text["ar"]


@pytest.mark.parametrize(("text", "cell"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-5", "'-5"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("قال الوزير = كذا", "قال الوزير = كذا"), ("", ""), ("5 - 3", "5 - 3"),
])
def test_a_cell_that_would_start_a_formula_is_made_text(text, cell):
    assert inert_cell(text) == cell


def test_places_are_points_with_longitude_first_and_their_pages(seed_site):
    features = {f["id"]: f for f in places_geojson(seed_site)["features"]}
    assert set(features) == {entity.id for entity in seed_site.of_kind("places")}
    baghdad = features["baghdad"]
    place = seed_site.entities["baghdad"]
    assert baghdad["geometry"]["coordinates"] == [place.lon, place.lat]
    assert baghdad["properties"]["url"] == "https://example.github.io/factsheets/ar/places/baghdad/"
    assert baghdad["properties"]["sheets"] == [seed_site.sheets[0].slug]


def test_exports_are_the_same_bytes_each_time(seed_site, exports):
    assert materialized(export_files(seed_site, NoStore())) == exports
