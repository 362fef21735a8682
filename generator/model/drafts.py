"""Which sheets and entities a build publishes: drafts stay on the editor's machine.

A sheet or entity with ``status: draft`` is left out of a default build, and so is an
entity that only drafts involve (an entity no sheet involves at all stays, as before: it
is reported by ``check`` instead). An entity a published one points at (a person's
organization, a place's parent...) stays too, unless it is a draft itself; a relation
to an entity left out is dropped, so that no page links to a page that is not there.
With ``drafts`` (``build --drafts``, ``serve``) everything is published, and the pages of
what a default build would leave out say that they are drafts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from generator.content.status import DRAFT

if TYPE_CHECKING:
    from generator.model.facts import Entity, Sheet



@dataclass(frozen=True)
class Selection:
    """What a build publishes, and what it marks as draft (``drafts``) or leaves out."""

    sheets: list[Sheet]
    entities: dict[str, Entity]
    marked: frozenset[str]
    """Keys (``sheet:<slug>`` or an entity id) of the published pages that a default
    build would leave out: shown with a draft banner and ``noindex``."""
    left_out: list[str]
    """Slugs of the draft sheets left out (none with ``drafts``)."""


def sheet_key(slug: str) -> str:
    return f"sheet:{slug}"


def select(entities: dict[str, Entity], sheets: list[Sheet], drafts: bool) -> Selection:
    """The sheets and entities to publish (``drafts``: all of them, the drafts marked)."""
    finished = [sheet for sheet in sheets if sheet.status != DRAFT]
    kept = _kept_entities(entities, sheets, finished)
    marked = frozenset([sheet_key(s.slug) for s in sheets if s.status == DRAFT]
                       + [entity_id for entity_id in entities if entity_id not in kept])
    if drafts:
        return Selection(sheets, entities, marked, [])
    published = {entity_id: _without_links_to(entity, kept)
                 for entity_id, entity in entities.items() if entity_id in kept}
    return Selection(finished, published, frozenset(),
                     [sheet.slug for sheet in sheets if sheet.status == DRAFT])


def _kept_entities(entities: dict[str, Entity], sheets: list[Sheet],
                   finished: list[Sheet]) -> set[str]:
    """The ids of the entities a default build publishes."""
    involved_any = {entity_id for sheet in sheets for entity_id in sheet.involved()}
    involved = {entity_id for sheet in finished for entity_id in sheet.involved()}
    kept = {entity_id for entity_id, entity in entities.items() if entity.status != DRAFT
            and (entity_id in involved or entity_id not in involved_any)}
    reached = list(kept)
    while reached:  # what a published entity points at is published with it
        for targets in entities[reached.pop()].relations.values():
            for target in targets:
                if target not in kept and entities[target].status != DRAFT:
                    kept.add(target)
                    reached.append(target)
    return kept


def _without_links_to(entity: Entity, kept: set[str]) -> Entity:
    """The entity with its relations to entities left out dropped (itself if none is)."""
    relations = {name: [target for target in targets if target in kept]
                 for name, targets in entity.relations.items()}
    if relations == entity.relations:
        return entity
    return replace(entity, relations={name: targets for name, targets in relations.items()
                                      if targets})
