"""The editorial record's model: a claim's review read from its mapping, the role a person
held on a source's date (and whether it has ended since), and partial dates."""

from __future__ import annotations

import pytest

from generator.model.editorial import NOT_REVIEWED, Role, full_date, review_of, role_on, verdict_of


def test_a_review_is_read_with_its_evidence_and_a_bare_false_as_the_word():
    review = review_of({"verdict": False, "checked": "2026-12-02",
                        "evidence": [{"title": "Record", "url": "https://example.org/r"}]})
    assert review.verdict == "false" and review.reviewed
    assert review.evidence[0].url == "https://example.org/r"
    assert review.evidence[0].publisher is None
    assert review_of(None) is NOT_REVIEWED and not NOT_REVIEWED.reviewed
    assert verdict_of("misleading") == "misleading"


SPOKESPERSON = Role({"en": "Spokesperson"}, "2019-03", "2020-12-31")
MINISTER = Role({"en": "Minister"}, "2021-01-04")
AS_OF = Role({"en": "Adviser"}, as_of="2020")


@pytest.mark.parametrize(("role", "date", "held"), [
    (SPOKESPERSON, "2019-03-01", True), (SPOKESPERSON, "2019-02", False),
    (SPOKESPERSON, "2020-12", True), (SPOKESPERSON, "2021", False),
    (MINISTER, "2021-01", True), (MINISTER, "2021", True), (MINISTER, "2020", False),
    (MINISTER, "2021-01-03", False),
    (AS_OF, "2020-10", True), (AS_OF, "2020", True), (AS_OF, "2021-01", False),
])
def test_a_role_is_held_on_the_dates_it_may_cover(role, date, held):
    assert role.held_on(date) is held


def test_the_role_shown_is_the_one_held_then_and_whether_it_ended():
    roles = (SPOKESPERSON, MINISTER)
    undated = {"en": "Official"}
    assert role_on(roles, undated, "2020-09").title == {"en": "Spokesperson"}
    assert role_on(roles, undated, "2020-09").ended
    assert not role_on(roles, undated, "2022").ended
    assert role_on(roles, undated, "2018") == role_on(roles, undated, None)
    assert role_on(roles, undated, None).title == undated
    assert role_on((), {}, "2020") is None


@pytest.mark.parametrize(("date", "full"), [("2020", "2020-01-01"), ("2020-10", "2020-10-01"),
                                            ("2020-10-05", "2020-10-05")])
def test_a_partial_date_is_the_first_day_it_may_mean(date, full):
    assert full_date(date) == full
