"""The editorial record of a sheet: reviews of its claims and the dated roles of the people
it names (docs/editorial.md explains the model; ``chains.py`` the chain a fact comes
through).

- A claim's review carries a verdict from ``VERDICTS`` (``unverified`` unless an editor
  checked it), who checked it and when, the evidence and an explanation per language.
- A fact's chain runs from the sheet's publisher through the outlet it cites (and the
  fact's ``via``) to its ultimate source: a named person or organization, an anonymous
  source in the report's own words, or one of the outlets itself (its own account).
- A role holds ``from``/``until``, or ``as_of`` a date; a sheet shows the role held on its
  source's date, and whether it has ended since ("then-").
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.text import Text

UNVERIFIED = "unverified"
VERDICTS = (UNVERIFIED, "accurate", "partly-accurate", "misleading", "false", "unsupported")
"""The scale, in the order pages count them."""
RATINGS = {"accurate": 4, "partly-accurate": 3, "misleading": 2, "false": 1}
"""The verdicts on a scale of truth (schema.org ``ratingValue``, 1 worst to 4 best);
``unsupported`` says that the evidence settles nothing, so it has no number."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """A document a verdict rests on."""

    title: str
    url: str
    publisher: str | None = None
    date: str | None = None
    archived_url: str | None = None


@dataclass(frozen=True, slots=True)
class Review:
    """The editors' check of a claim."""

    verdict: str = UNVERIFIED
    checked: str | None = None
    checked_by: Text | None = None
    evidence: tuple[Evidence, ...] = ()
    explanation: Text | None = None

    @property
    def reviewed(self) -> bool:
        return self.verdict != UNVERIFIED


NOT_REVIEWED = Review()


def verdict_of(value: str | bool) -> str:
    """A verdict as written: YAML reads a bare ``false`` as the boolean."""
    return "false" if value is False else value


def review_of(data: dict | None) -> Review:
    """The review of a checked ``review:`` mapping (none: unverified)."""
    if not data:
        return NOT_REVIEWED
    evidence = tuple(Evidence(item["title"], item["url"], item.get("publisher"),
                              item.get("date"), item.get("archived_url"))
                     for item in data.get("evidence", []))
    return Review(verdict_of(data["verdict"]), data.get("checked"), data.get("checked_by"),
                  evidence, data.get("explanation"))


@dataclass(frozen=True, slots=True)
class Role:
    """A position a person held: from ``start`` to ``end``, or on the date ``as_of`` (then
    it is known to be held on the dates that date may mean: as_of 2020 on 2020-10)."""

    title: Text
    start: str | None = None
    end: str | None = None
    as_of: str | None = None

    def held_on(self, date: str) -> bool:
        """Whether the role was held on ``date`` (full or partial: 2020-10 is October)."""
        if self.start is None and self.end is None:
            return self.as_of is not None and (self.as_of.startswith(date)
                                               or date.startswith(self.as_of))
        return ((self.start is None or full_date(self.start) <= _last(date))
                and (self.end is None or full_date(date) <= _last(self.end)))


def roles_of(entry: dict) -> tuple[Role, ...]:
    """The dated roles of a checked registry entry."""
    return tuple(Role(item["title"], item.get("from"), item.get("until"), item.get("as_of"))
                 for item in entry.get("roles", []))


@dataclass(frozen=True, slots=True)
class RoleThen:
    """A role as a sheet shows it: ``ended`` when it ended after the sheet's date."""

    title: Text
    ended: bool


def role_on(roles: tuple[Role, ...], undated: Text, date: str | None) -> RoleThen | None:
    """The role held on ``date`` (the source's), else the undated ``role``; None if none."""
    if date is not None:
        for role in roles:
            if role.held_on(date):
                return RoleThen(role.title, role.end is not None)
    return RoleThen(undated, False) if undated else None


def full_date(date: str) -> str:
    """A full or partial date as a full one (2020-10 -> 2020-10-01), for ordering and
    for formats that need a day: the first day it may mean."""
    return "-".join((date.split("-") + ["01", "01"])[:3])


def _last(date: str) -> str:
    """The last day it may mean, as a comparable text (2020-10 -> 2020-10-99)."""
    return "-".join((date.split("-") + ["99", "99"])[:3])
