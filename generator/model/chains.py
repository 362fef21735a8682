"""The chain a fact comes through, from the sheet's publisher through the outlet it cites
(and the fact's ``via``) to its ultimate source, and how a sheet's claims were judged."""

from __future__ import annotations

from collections import Counter

from generator.model.editorial import VERDICTS
from generator.model.facts import Fact, Sheet


def verdict_counts(claims: list[Fact]) -> list[tuple[str, int]]:
    """(verdict, number of claims) for each verdict the claims have, in scale order."""
    counts = Counter(claim.review.verdict for claim in claims)
    return [(verdict, counts[verdict]) for verdict in VERDICTS if counts[verdict]]


def outlets(sheet: Sheet, fact: Fact) -> list[str]:
    """The outlets a fact comes through, from the sheet's publisher to the nearest its
    source: publisher, the outlet it cites, the fact's ``via``; when the source is one of
    them (its own account), the chain ends there."""
    chain = list(dict.fromkeys(outlet for outlet in
                               (sheet.source.publisher, sheet.source.cites, fact.via) if outlet))
    who = fact.attribution.entity_id if fact.attribution else None
    return chain[:chain.index(who) + 1] if who in chain else chain


def source_kind(sheet: Sheet, fact: Fact) -> str:
    """What a fact rests on: ``named`` (a person or organization speaking),
    ``anonymous``, ``outlet`` (an outlet's own account, no source given), or ``none``."""
    who = fact.attribution
    if who is None:
        return "none"
    if who.entity_id is None:
        return "anonymous"
    return "outlet" if who.entity_id in outlets(sheet, fact) else "named"


def intermediaries(sheet: Sheet, fact: Fact) -> list[str]:
    """The outlets between the sheet's publisher and the fact's source (shown as
    "reported by"): the cited outlet and ``via``, but not the source itself."""
    who = fact.attribution.entity_id if fact.attribution else None
    return [outlet for outlet in outlets(sheet, fact)[1:] if outlet != who]
