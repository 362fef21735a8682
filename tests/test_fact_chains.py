"""The chain a fact comes through, on the shipped sheet: from the publisher through the
outlet it cites (and ``via``) to its ultimate source, what it rests on, and how a sheet's
claims were judged, counted in the order of the scale."""

from __future__ import annotations

import pytest

from generator.model.chains import intermediaries, outlets, source_kind, verdict_counts
from generator.model.facts import Fact


def claim(sheet, fact_id: str):
    return next(fact for fact in sheet.facts() if fact.id == fact_id)


@pytest.mark.parametrize(("fact_id", "kind", "chain", "between"), [
    ("c1", "outlet", ["rudaw", "middle-east-eye"], []),            # the cited outlet's own
    ("c4", "anonymous", ["rudaw", "middle-east-eye"], ["middle-east-eye"]),
    ("c17", "named", ["rudaw", "middle-east-eye"], ["middle-east-eye"]),
    ("c19", "outlet", ["rudaw"], []),                              # the publisher's own
])
def test_a_facts_chain_runs_from_the_publisher_to_its_source(seed_site, fact_id, kind, chain,
                                                             between):
    sheet = seed_site.sheets[0]
    fact = claim(sheet, fact_id)
    assert source_kind(sheet, fact) == kind
    assert outlets(sheet, fact) == chain
    assert intermediaries(sheet, fact) == between


def test_a_fact_without_attribution_rests_on_nothing(seed_site):
    sheet = seed_site.sheets[0]
    event = Fact("event", "e9", {"en": "It rained."}, ["s1"])
    assert source_kind(sheet, event) == "none"
    assert outlets(sheet, event) == ["rudaw", "middle-east-eye"]


def test_verdicts_are_counted_in_the_order_of_the_scale(reviewed_site):
    claims = reviewed_site.sheets[0].claims
    assert verdict_counts(claims) == [("unverified", 1), ("accurate", 1), ("false", 1),
                                      ("unsupported", 1)]
    assert [c.review.reviewed for c in claims] == [True, True, True, False]
