"""The site as a whole: its settings, its published entities and sheets, and the indexes
pages are made from (the sheets about an entity, the newest first)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from generator.model.facts import Entity, Sheet
from generator.model.text import Text


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
