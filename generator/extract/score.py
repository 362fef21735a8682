"""Recall and precision of extract against a gold annotation in the corpus format.

The format and its matching rules are those of the shared extraction corpus (see
docs/commands.md): names match after Arabic normalization with clitics and the article
taken off each word; places also by distance (50 km for a city or site, 800 km for a
country, region or river); dates by ISO value (a set); figures by value within 0.5 %;
quotes by 80 % word overlap and the same speaker; claims by their sentence and the same
source. Gold items marked ``optional`` are not counted as missed, nor as wrong when found.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from generator.extract.analyze import REGISTRIES, Findings
from generator.extract.found import Found
from generator.text.arabic import key, name_key

KINDS = (*REGISTRIES, "dates", "figures", "quotes", "claims")
NEAR_KM = {"city": 50, "site": 50, "country": 800, "region": 800, "river": 800}


@dataclass(frozen=True)
class Score:
    """One category's counts: what was found, what the gold has, and what matched."""

    kind: str
    found: int
    gold: int
    matched: int

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(self.kind, self.found + other.found, self.gold + other.gold,
                     self.matched + other.matched)

    def __str__(self) -> str:
        return (f"{self.kind:<14} recall {self.recall:6.1%} ({self.matched}/{self.gold})   "
                f"precision {self.precision:6.1%} ({self.matched}/{self.found})")


def score(findings: Findings, gold: dict) -> dict[str, Score]:
    """A Score per kind, from ``findings`` against one gold annotation."""
    people = {**{f.entry.id: f for f in findings.entities["people"].values()},
              **{f.entry.id: f for f in findings.entities["organizations"].values()}}
    who = _gold_names(gold)
    results = {}
    for registry in REGISTRIES:
        found = [_names(findings, f) for f in findings.entities[registry].values()]
        places = registry == "places"
        results[registry] = _match(registry, found, gold.get(registry) or [],
                                   lambda f, g, p=places: _same_entity(f, g, p))
    results["dates"] = _dates(findings, gold.get("dates") or [])
    figures = [number.value for number, _ in findings.figures]
    results["figures"] = _match("figures", figures, gold.get("figures") or [],
                                lambda value, g: _near(value, g["value"]))
    quotes = [(key(q.text).split(), _source(findings, people, q.speaker))
              for q, _ in findings.quotes]
    results["quotes"] = _match("quotes", quotes, gold.get("quotes") or [],
                               lambda q, g: _same_quote(q, g, who))
    claims = [(key(_sentence_text(findings, c.sentence)), _source(findings, people, c.source))
              for c in findings.claims]
    results["claims"] = _match("claims", claims, gold.get("claims") or [],
                               lambda c, g: _same_claim(c, g, who))
    return results


def _match(kind: str, found: list, gold: list[dict], same) -> Score:
    """One-to-one greedy matching; a found item matching only optional gold is not counted."""
    required = [g for g in gold if not g.get("optional")]
    optional = [g for g in gold if g.get("optional")]
    unused, matched, counted = list(range(len(required))), 0, 0
    for item in found:
        hit = next((i for i in unused if same(item, required[i])), None)
        if hit is not None:
            unused.remove(hit)
            matched += 1
        elif any(same(item, g) for g in optional):
            continue
        counted += 1
    return Score(kind, counted, len(required), matched)


def _names(findings: Findings, found: Found) -> dict:
    """A found entity as the scorer sees it: its name keys and, for a place, where it is."""
    entry = found.entry
    forms = [entry.name.get("ar", ""), *entry.aliases, *entry.spellings.values()]
    forms += [findings.source.text[start:end] for _, start, end in found.spans]
    return {"names": {name_key(form) for form in forms if form},
            "en": (entry.name.get("en") or "").lower(),
            "at": (entry.fields.get("lat"), entry.fields.get("lon"))}


def _same_entity(found: dict, gold: dict, place: bool) -> bool:
    if not found["names"] & {name_key(name) for name in gold["ar"]}:
        return False
    if not place:
        return True
    lat, lon = found["at"]
    if lat is None or gold.get("lat") is None:
        return False
    return _km(lat, lon, gold["lat"], gold["lon"]) <= NEAR_KM.get(gold.get("kind"), 50)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742 * math.asin(math.sqrt(a))


def _dates(findings: Findings, gold: list[dict]) -> Score:
    """Dates compare as sets of ISO values at the gold's precision."""
    found = {date.value for date, _ in findings.dates if date.value}
    required = {str(g["iso"]) for g in gold if not g.get("optional")}
    optional = {str(g["iso"]) for g in gold if g.get("optional")} - required
    counted = found - optional
    return Score("dates", len(counted), len(required), len(counted & required))


def _near(value: float, gold: float) -> bool:
    return abs(value - gold) <= abs(gold) * 0.005


def _gold_names(gold: dict) -> dict[str, set[str]]:
    """English name -> the Arabic name keys of that gold person or organization."""
    names: dict[str, set[str]] = {}
    for registry in ("people", "organizations"):
        for item in gold.get(registry) or []:
            names.setdefault(item["en"].lower(), set()).update(name_key(n) for n in item["ar"])
    return names


def _source(findings: Findings, entities: dict[str, Found], source) -> dict:
    """How a speaker or claim source compares: anonymous, narrator, or an entity's names."""
    if isinstance(source, dict):
        return {"anonymous": True}
    if source == "narrator":
        return {"narrator": True}
    found = entities.get(source)
    names = _names(findings, found) if found else {}
    if findings.publisher and source == findings.publisher.id:
        names["narrator"] = True  # the outlet's own voice, and also that body by name
    return names


def _same_source(found: dict, gold_by: str | None, anonymous: bool, who: dict) -> bool:
    if anonymous:
        return bool(found.get("anonymous"))
    if gold_by == "narrator":
        return bool(found.get("narrator"))
    if not gold_by or "names" not in found:
        return False
    return bool(found["names"] & who.get(gold_by.lower(), set())) or (
        found["en"] == gold_by.lower())


def _same_quote(found: tuple, gold: dict, who: dict) -> bool:
    words, source = found
    wanted = key(gold["text_ar"]).split()
    shorter = min(len(words), len(wanted))
    if not shorter or sum((Counter(words) & Counter(wanted)).values()) < 0.8 * shorter:
        return False
    return _same_source(source, gold.get("speaker"), bool(gold.get("anonymous")), who)


def _same_claim(found: tuple, gold: dict, who: dict) -> bool:
    sentence, source = found
    wanted = key(gold["sentence_ar"])
    if not sentence or not (wanted in sentence or sentence in wanted):
        return False
    return _same_source(source, gold.get("by"), bool(gold.get("anonymous")), who)


def _sentence_text(findings: Findings, sentence_id: str) -> str:
    return next((s.text for s in findings.source.sentences if s.id == sentence_id), "")
