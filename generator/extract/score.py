"""Recall and precision of extract against a hand-made gold annotation (YAML).

Entities match by any Arabic name (normalized) or their English name, one gold item per
found item; dates by value and sentence; quotes by normalized text (or one holding at
least 80% of the other); figures by value and sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from .analyze import REGISTRIES, Findings
from .normalize import key

KINDS = (*REGISTRIES, "dates", "quotes", "figures")


@dataclass(frozen=True)
class Score:
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

    def __str__(self) -> str:
        return (f"{self.kind:<14} recall {self.recall:6.1%} ({self.matched}/{self.gold})   "
                f"precision {self.precision:6.1%} ({self.matched}/{self.found})")


def score(findings: Findings, gold: dict) -> dict[str, Score]:
    """A Score per kind (places, people, organizations, dates, quotes, figures)."""
    predicted = {registry: [_entity_names(f) for f in findings.entities[registry].values()]
                 for registry in REGISTRIES}
    predicted["dates"] = [(d.value, {sid}) for d, sid in findings.dates if d.value]
    predicted["quotes"] = [key(q.text) for q, _ in findings.quotes]
    predicted["figures"] = [(n.value, {sid}) for n, sid in findings.figures]
    wanted = {registry: [_gold_names(g) for g in gold.get(registry) or []]
              for registry in REGISTRIES}
    wanted["dates"] = [(str(g["date"]), set(g["sentences"])) for g in gold.get("dates") or []]
    wanted["quotes"] = [key(g["ar"]) for g in gold.get("quotes") or []]
    wanted["figures"] = [(g["value"], set(g["sentences"])) for g in gold.get("figures") or []]
    return {kind: _match(kind, predicted[kind], wanted[kind]) for kind in KINDS}


def _entity_names(found) -> set[str]:
    entry = found.entry
    names = {key(entry.name.get("ar", "")), *(key(a) for a in entry.aliases),
             *(" ".join(words) for words in entry.spellings)}
    english = entry.name.get("en")
    return {n for n in names if n} | ({f"en:{english.lower()}"} if english else set())


def _gold_names(item: dict) -> set[str]:
    return {key(name) for name in item["ar"]} | {f"en:{item['en'].lower()}"}


def _same(kind: str, found, gold) -> bool:
    if kind in REGISTRIES:
        return bool(found & gold)
    if kind == "quotes":
        short, long = sorted((found, gold), key=len)
        return bool(short) and short in long and len(short) >= 0.8 * len(long)
    return found[0] == gold[0] and bool(found[1] & gold[1])


def _match(kind: str, found: list, gold: list) -> Score:
    unused = list(range(len(gold)))
    matched = 0
    for item in found:
        hit = next((i for i in unused if _same(kind, item, gold[i])), None)
        if hit is not None:
            unused.remove(hit)
            matched += 1
    return Score(kind, len(found), len(gold), matched)
