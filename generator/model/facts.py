"""The typed facts of the site: entities, and sheets with their sentences, claims, quotes,
events and figures, each tied to the sentences it comes from."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from generator.model.editorial import NOT_REVIEWED, Review, Role, full_date
from generator.model.text import Text

EPOCH = "1970-01-01"


@dataclass(slots=True)
class Entity:
    """A person, organization or place shared by all sheets."""

    kind: str
    """``people``, ``organizations`` or ``places`` (the registry it comes from)."""
    id: str
    name: Text
    aliases: dict[str, list[str]]
    description: Text
    status: str = "reviewed"
    role: Text = field(default_factory=dict)
    """People: their position at the time of the sources."""
    category: str = ""
    """Organizations and places: their ``kind`` (armed-group, city, ...)."""
    relations: dict[str, list[str]] = field(default_factory=dict)
    """organization, parent, backers, country -> entity ids."""
    lat: float | None = None
    lon: float | None = None
    geonames: int | None = None
    url: str | None = None
    roles: tuple[Role, ...] = ()
    """People: their dated positions (``role`` is the undated one)."""


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a claim or quote comes from: a known entity, or an anonymous source."""

    entity_id: str | None
    anonymous: Text | None

    @classmethod
    def parse(cls, value) -> Attribution:
        if isinstance(value, str):
            return attribution_to(value)
        return cls(None, value["anonymous"])


@dataclass(slots=True)
class Fact:
    """A claim, quote, dated event or figure, always tied to its sentences."""

    kind: str
    """``claim``, ``quote``, ``event`` or ``figure``."""
    id: str
    text: Text
    sentences: list[str]
    attribution: Attribution | None = None
    """Claims: ``attributed_to``; quotes: ``speaker``."""
    via: str | None = None
    date: str | None = None
    approximate: bool = False
    value: float | int | None = None
    inferred: bool = False
    """Events: the date (or its year) is inferred, not stated."""
    review: Review = NOT_REVIEWED
    """Claims: the editors' check (unverified unless reviewed)."""


@dataclass(slots=True)
class Sentence:
    id: str
    text: Text


@dataclass(slots=True)
class Mention:
    """An entity as one sheet mentions it."""

    id: str
    sentences: list[str]


@dataclass(slots=True)
class Source:
    seed: str
    publisher: str
    cites: str | None
    language: str
    published: str | None
    approximate: bool
    url: str | None
    headline: Text = field(default_factory=dict)
    """The source's own headline (the sheet's ``title`` is the editors' own)."""
    archived_url: str | None = None
    cites_language: str | None = None
    """The cited report's language, when the source translated it."""


@dataclass(slots=True)
class Editor:
    name: Text
    url: str | None = None


@dataclass(slots=True)
class Correction:
    """A dated change to a sheet, shown so that an update is visible rather than silent."""

    date: str
    text: Text


@dataclass(slots=True)
class Sheet:
    slug: str
    source: Source
    title: Text
    summary: Text
    notes: Text
    text: list[Sentence]
    claims: list[Fact]
    quotes: list[Fact]
    timeline: list[Fact]
    figures: list[Fact]
    mentions: dict[str, list[Mention]]
    """people / organizations / places -> mentions, as written in the sheet."""
    file: SheetFile
    """Where it was read from (exports copy the original YAML)."""
    corrections: list[Correction] = field(default_factory=list)
    status: str = "reviewed"
    """``draft`` until an editor has reviewed it (``model/drafts.py``)."""
    published: str | None = None
    """When the sheet itself was first published."""
    revised: str | None = None
    """Its own ``updated`` date, as written."""
    editors: list[Editor] = field(default_factory=list)

    @property
    def modified(self) -> str | None:
        """When the sheet last changed: its ``updated`` date or its latest correction,
        whichever is later; None if neither is given."""
        return max((date for date in (self.revised, *(c.date for c in self.corrections))
                    if date), default=None)

    @property
    def first_published(self) -> str | None:
        """The sheet's own publication date, else its source's."""
        return self.published or self.source.published

    @property
    def updated(self) -> str:
        """Full date of the latest news about the sheet: its last change, else its
        publication, else the epoch (stable, never the build time)."""
        return full_date(self.modified or self.first_published or EPOCH)

    def facts(self) -> list[Fact]:
        return [*self.claims, *self.quotes, *self.timeline, *self.figures]

    def facts_by(self, entity_id: str) -> list[Fact]:
        """Claims attributed to, and quotes spoken by, the entity."""
        return [fact for fact in (*self.claims, *self.quotes)
                if fact.attribution and fact.attribution.entity_id == entity_id]

    def sentences_mentioning(self, entity_id: str) -> list[Sentence]:
        ids = {sid for mentions in self.mentions.values() for m in mentions
               if m.id == entity_id for sid in m.sentences}
        return [sentence for sentence in self.text if sentence.id in ids]

    def involved(self) -> set[str]:
        """Every entity the sheet mentions, quotes, or is published or cited by."""
        ids = {m.id for mentions in self.mentions.values() for m in mentions}
        ids.update(fact.attribution.entity_id for fact in (*self.claims, *self.quotes)
                   if fact.attribution and fact.attribution.entity_id)
        ids.add(self.source.publisher)
        if self.source.cites:
            ids.add(self.source.cites)
        return ids


@dataclass(frozen=True)
class SheetFile:
    """The file a sheet was read from, and the digest of its bytes (None: not known)."""

    path: Path
    digest: str | None


@lru_cache(maxsize=1 << 14)
def attribution_to(entity_id: str) -> Attribution:
    """The attribution to a known entity, one object for all its facts (it is frozen):
    a big site's model makes hundreds of thousands of facts each time it is built."""
    return Attribution(entity_id, None)
