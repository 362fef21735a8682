"""The typed facts: entities, sheets and the site, built from checked documents.

Builders here trust their input: ``check.py`` has already refused anything malformed,
and pointed at the file, line and column of every problem: the model keeps no positions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from generator.content.loader import Document
from generator.content.project import Documents
from generator.model.drafts import select
from generator.model.editorial import NOT_REVIEWED, Review, Role, full_date, review_of, roles_of

Text = dict[str, str]
"""A text per language code."""


EPOCH = "1970-01-01"


@dataclass(slots=True)
class MapSettings:
    tiles: str | None = None
    """Tile URL template, the only outside address a page may load; None (the default):
    the self-hosted basemap of country outlines, and no outside address at all."""
    attribution: str = ""
    max_zoom: int = 19


@dataclass(slots=True)
class SiteSettings:
    title: Text
    description: Text
    languages: list[str]
    """Site languages; the first is the default (``site/index.html`` leads to it)."""
    base_url: str
    """Absolute URL of the published site, always ending in ``/``."""
    locales: dict[str, str]
    digits: dict[str, str]
    map: MapSettings
    cname: str | None = None
    arabic_months: str | None = None
    """``levantine`` (أيلول) or ``egyptian`` (سبتمبر) month names for every Arabic date;
    None: the Arabic locale's own."""
    allow: dict[str, list[str]] = field(default_factory=dict)
    """Origins added to the pages' Content-Security-Policy, by kind (``csp.DIRECTIVES``)."""


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
            return _attribution_to(value)
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
    """``draft`` until an editor has reviewed it (``drafts.py``)."""
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


@dataclass
class Site:
    settings: SiteSettings
    entities: dict[str, Entity]
    """id -> entity, for all three registries (ids are unique across them)."""
    sheets: list[Sheet]
    """In slug order."""
    marked: frozenset[str] = frozenset()
    """The pages shown as drafts (``drafts.Selection.marked``)."""
    left_out: list[str] = field(default_factory=list)
    """Slugs of the draft sheets this site leaves out."""

    def is_draft(self, key: str) -> bool:
        """Whether the page of this entity id (or ``drafts.sheet_key``) is a draft's."""
        return key in self.marked

    def sheet(self, slug: str) -> Sheet:
        return self._by_slug[slug]

    @cached_property
    def _by_slug(self) -> dict[str, Sheet]:
        return {sheet.slug: sheet for sheet in self.sheets}

    def of_kind(self, kind: str) -> list[Entity]:
        return [entity for entity in self.entities.values() if entity.kind == kind]

    @cached_property
    def newest_first(self) -> list[Sheet]:
        """The sheets by ``updated``, newest first (by slug among equals: stable bytes)."""
        return sorted(self.sheets, key=lambda sheet: sheet.updated, reverse=True)

    def by_newest(self, sheets: list[Sheet]) -> list[Sheet]:
        """Some of the site's sheets (in slug order), as ``newest_first`` orders them."""
        rank = self._newest_rank
        return sorted(sheets, key=lambda sheet: rank[sheet.slug])

    @cached_property
    def _newest_rank(self) -> dict[str, int]:
        """Slug -> place in ``newest_first``: each sheet's date is worked out once, not
        once for every place that sorts its sheets by it."""
        return {sheet.slug: number for number, sheet in enumerate(self.newest_first)}

    def sheets_about(self, entity_id: str) -> list[Sheet]:
        return self._sheets_by_entity.get(entity_id, [])

    def related(self, entity_id: str, relation: str) -> list[str]:
        """Ids of the entities whose ``relation`` points at ``entity_id`` (its members...)."""
        return self._related.get((entity_id, relation), [])

    @cached_property
    def _sheets_by_entity(self) -> dict[str, list[Sheet]]:
        """Entity id -> the sheets involving it, in slug order; one pass for all pages."""
        index: dict[str, list[Sheet]] = {}
        for sheet in self.sheets:
            for entity_id in sheet.involved():
                index.setdefault(entity_id, []).append(sheet)
        return index

    @cached_property
    def _related(self) -> dict[tuple[str, str], list[str]]:
        """(entity id, relation) -> ids of the entities pointing at it, in id order."""
        index: dict[tuple[str, str], list[str]] = {}
        for other in self.entities.values():
            for relation, targets in other.relations.items():
                for target in dict.fromkeys(targets):
                    index.setdefault((target, relation), []).append(other.id)
        return index


def build_site_model(documents: Documents, drafts: bool = False) -> Site:
    """The whole site as typed objects; ``documents`` must have passed ``check``."""
    sheets = [sheet_model(slug, document) for slug, document in documents.sheets.items()]
    return site_model(documents.site, documents.registries, sheets, drafts)


def site_model(site: Document, registries: dict[str, Document], sheets: list[Sheet],
               drafts: bool = False) -> Site:
    """The site of checked site.yml and registries, and the sheets made (``sheet_model``):
    without ``drafts``, the drafts are left out (``drafts.select``)."""
    entities = {}
    for kind, document in registries.items():
        for entry in document.data or []:
            entities[entry["id"]] = _entity(kind, entry)
    chosen = select(dict(sorted(entities.items())), sheets, drafts)
    return Site(_settings(site.data), chosen.entities, chosen.sheets, chosen.marked,
                chosen.left_out)


def _settings(data: dict) -> SiteSettings:
    base_url = data["base_url"] if data["base_url"].endswith("/") else data["base_url"] + "/"
    map_data = data.get("map", {})
    return SiteSettings(
        title=data["title"], description=data.get("description", {}),
        languages=data["languages"], base_url=base_url, locales=data.get("locales", {}),
        digits=data.get("digits", {}), map=MapSettings(**map_data), cname=data.get("cname"),
        arabic_months=data.get("arabic_months"),
        allow=data.get("allow", {}))


def _entity(kind: str, entry: dict) -> Entity:
    relations = {}
    for relation in ("organization", "parent", "backers", "country"):
        if relation in entry:
            value = entry[relation]
            relations[relation] = value if isinstance(value, list) else [value]
    return Entity(
        kind=kind, id=entry["id"], name=entry["name"], aliases=entry.get("aliases", {}),
        description=entry.get("description", {}),
        status=entry.get("status", "reviewed"), role=entry.get("role", {}),
        category=entry.get("kind", ""), relations=relations, lat=entry.get("lat"),
        lon=entry.get("lon"), geonames=entry.get("geonames"), url=entry.get("url"),
        roles=roles_of(entry))


def sheet_model(slug: str, document: Document) -> Sheet:
    """One checked sheet as typed objects."""
    data = document.data
    source = data["source"]
    published = source.get("published", {})
    facts = {name: [_fact(name, item) for item in data.get(name, [])]
             for name in ("claims", "quotes", "timeline", "figures")}
    return Sheet(
        slug=slug,
        source=Source(seed=source["seed"], publisher=source["publisher"],
                      cites=source.get("cites"), language=source["language"],
                      published=published.get("date"),
                      approximate=published.get("approximate", False), url=source.get("url"),
                      headline=source.get("headline", {}),
                      archived_url=source.get("archived_url"),
                      cites_language=source.get("cites_language")),
        title=data["title"], summary=data.get("summary", {}), notes=data.get("notes", {}),
        text=[Sentence(s["id"], s["text"]) for s in data["text"]],
        mentions={kind: [Mention(m["id"], m["sentences"]) for m in data.get(kind, [])]
                  for kind in ("people", "organizations", "places")},
        file=SheetFile(document.path, document.digest),
        corrections=[Correction(c["date"], c["text"]) for c in data.get("corrections", [])],
        status=data.get("status", "reviewed"), published=data.get("published"),
        revised=data.get("updated"),
        editors=[Editor(e["name"], e.get("url")) for e in data.get("editors", [])], **facts)


@lru_cache(maxsize=1 << 14)
def _attribution_to(entity_id: str) -> Attribution:
    """The attribution to a known entity, one object for all its facts (it is frozen):
    a big site's model makes hundreds of thousands of facts each time it is built."""
    return Attribution(entity_id, None)


FACT_KIND = {"claims": "claim", "quotes": "quote", "timeline": "event", "figures": "figure"}


def _fact(list_name: str, item: dict) -> Fact:
    get = item.get
    who = item["attributed_to"] if "attributed_to" in item else get("speaker")
    return Fact(FACT_KIND[list_name], item["id"],
                item["text"] if "text" in item else get("label", {}), item["sentences"],
                None if who is None else Attribution.parse(who), get("via"), get("date"),
                get("approximate", False), get("value"), get("inferred", False),
                review_of(get("review")))
