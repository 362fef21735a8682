"""The rules of the editorial record on real files: a verdict needs evidence, an
explanation in every language and who checked it when; a sheet's dates and corrections
agree; a role's dates are in order and of one kind."""

from __future__ import annotations

from conftest import FIXTURES, REPO

from generator.checks.editorial import check_reviews, check_roles, check_sheet_dates
from generator.content.loader import load_document

RULES = FIXTURES / "rules"


def problems_of(check, name: str, *args) -> list[tuple[int, int, str, str]]:
    document, problems = load_document(RULES / name, name)
    assert problems == []
    found: list = []
    check(document, *args, found)
    return [(p.line, p.col, p.rule, p.message) for p in found]


def test_each_reviewed_claim_lacking_a_part_is_reported_once():
    assert problems_of(check_reviews, "reviews.yml", ["ar", "en"]) == [
        (12, 16, "review-evidence", "verdict 'accurate' of c1 cites no evidence: add "
                                    "evidence: [{title, url, ...}]"),
        (22, 20, "review-explanation", "verdict 'false' of c2 has no explanation in ar"),
        (25, 16, "review-checked", "verdict 'misleading' of c3 does not say checked or "
                                   "checked_by")]


def test_explanations_are_asked_for_in_the_sites_languages_only():
    rules = [rule for _, _, rule, _ in problems_of(check_reviews, "reviews.yml", ["en"])]
    assert rules == ["review-evidence", "review-checked"]


def test_dates_out_of_order_point_at_the_date_to_change():
    assert [(line, col, message.split(" [")[0]) for line, col, _, message in
            problems_of(check_sheet_dates, "reviews.yml")] == [
        (5, 10, "updated 2020-10-01 is before published 2020-10-05"),
        (7, 12, "correction of 2020-10-09 is after the sheet's updated date 2020-10-01: "
                "set updated: 2020-10-09"),
        (8, 12, "correction of 2020-09 is before the sheet was published (2020-10-05)")]


def test_roles_backwards_doubly_dated_or_undated_are_refused():
    assert problems_of(check_roles, "roles.yml") == [
        (7, 53, "role-dates", "role of 'backwards' ends (2020-12) before it begins (2021-01)"),
        (10, 53, "role-dates", "give as_of only when from and until are not known"),
        (13, 7, "role-dates", "role of 'undated' has no date: add from/until or as_of")]


def test_the_shipped_people_and_sheet_break_no_editorial_rule():
    people, _ = load_document(REPO / "content" / "entities" / "people.yml", "people.yml")
    sheet_path = next((REPO / "content" / "sheets").glob("*.yml"))
    sheet, _ = load_document(sheet_path, sheet_path.name)
    found: list = []
    check_roles(people, found)
    check_reviews(sheet, ["ar", "en"], found)
    check_sheet_dates(sheet, found)
    assert found == []
