"""Rules about references: ids that must exist, be unique, and be used.

Checks run on schema-valid documents; each problem points at the id that is wrong.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from generator.content.loader import Document
from generator.content.project import REGISTRIES
from generator.content.status import DRAFT
from generator.errors import Problem

FACT_LISTS = ("claims", "quotes", "timeline", "figures")
ENTITY_RELATIONS = {  # field -> registry it must point into (None: its own registry)
    "organization": "organizations", "parent": None, "backers": "organizations",
    "country": "places",
}


@dataclass
class EntityIndex:
    """Every entity id, the registry it is in, and where it is defined."""

    kind_of: dict[str, str] = field(default_factory=dict)
    drafts: set[str] = field(default_factory=set)
    """The ids of the entities with ``status: draft``."""


def index_entities(registries: dict[str, Document], problems: list[Problem]) -> EntityIndex:
    index = EntityIndex()
    first_seen: dict[str, tuple[Document, int]] = {}
    """Where each id is defined: located only for a message (a cached registry is parsed
    again to tell its positions)."""
    for name in REGISTRIES:
        document = registries[name]
        for i, entry in enumerate(document.data or []):
            entity_id = entry["id"]
            if entity_id in index.kind_of:
                first, number = first_seen[entity_id]
                line, _ = first.where((number, "id"))
                problems.append(document.problem((i, "id"), f"id '{entity_id}' is already "
                                f"defined at {first.display}:{line}", "ref-duplicate-id"))
                continue
            index.kind_of[entity_id] = name
            first_seen[entity_id] = (document, i)
            if entry.get("status") == DRAFT:
                index.drafts.add(entity_id)
    return index


def check_relations(document: Document, registry: str, index: EntityIndex,
                     problems: list[Problem]) -> None:
    for i, entry in enumerate(document.data or []):
        if registry == "places" and ("lat" not in entry or "lon" not in entry):
            problems.append(document.problem((i, "id"), f"place '{entry['id']}' has no "
                                             "coordinates: add lat: and lon:",
                                             "place-no-coordinates"))
        for relation, target in ENTITY_RELATIONS.items():
            values = entry.get(relation)
            values = values if isinstance(values, list) else [values] if values else []
            for j, value in enumerate(values):
                path = (i, relation, j) if isinstance(entry[relation], list) else (i, relation)
                _expect(document, path, value, target or registry, index, problems)


def _expect(document: Document, path: tuple, entity_id: str, registries, index: EntityIndex,
            problems: list[Problem], used: set[str] | None = None, published: bool = False
            ) -> None:
    """Report ``entity_id`` unless it is defined in one of ``registries`` (and, for a
    ``published`` sheet, unless it is a draft); add it to ``used`` (a sheet's mentions)."""
    allowed = (registries,) if isinstance(registries, str) else registries
    kind = index.kind_of.get(entity_id)
    if used is not None:
        used.add(entity_id)
    if kind in allowed:
        if published and entity_id in index.drafts:
            problems.append(document.problem(path, f"'{entity_id}' is a draft (status: draft "
                                             f"in content/entities/{kind}.yml), but this sheet "
                                             "is not: review the entry and remove its status: "
                                             "draft, or mark the sheet draft too",
                                             "draft-entity"))
        return
    where = " or ".join(f"content/entities/{name}.yml" for name in allowed)
    found = f" (it is in content/entities/{kind}.yml)" if kind else ""
    problems.append(document.problem(path, f"unknown id '{entity_id}': not defined in "
                                     f"{where}{found}", "ref-unknown-id"))


class Seeds:
    """The project's seeds folder, where each sheet's source article must be."""

    def __init__(self, folder: Path):
        self.folder = folder.resolve()

    @cached_property
    def files(self) -> set[str]:
        """The names of the regular files right in the folder, listed once: looking each
        sheet's up (and resolving its links) took a build's longest rule on unchanged
        sheets. Anything else a sheet names is looked up as it is."""
        try:
            with os.scandir(self.folder) as entries:
                return {entry.name for entry in entries if entry.is_file(follow_symlinks=False)}
        except OSError:
            return set()

    def hold(self, name: str) -> bool:
        """Whether ``name`` is a file inside the folder, through no link leading out."""
        if name in self.files:
            return True
        seed = self.folder / name
        return seed.is_file() and seed.resolve().is_relative_to(self.folder)


def check_seed(seeds: Seeds, document: Document, problems: list[Problem]) -> None:
    """The sheet's source article must be in ``seeds``: checked anew each time, as the one
    rule that depends on files outside the content."""
    source = document.data["source"]
    if not seeds.hold(source["seed"]):
        problems.append(document.problem(("source", "seed"), f"seed file '{source['seed']}' "
                                         "not found in seeds/", "ref-missing-seed"))


def check_sheet(document: Document, index: EntityIndex, problems: list[Problem]) -> set[str]:
    """Every id the sheet uses, against the registries and its own sentences; the entity
    ids it uses."""
    sheet = document.data
    source = sheet["source"]
    published = sheet.get("status") != DRAFT
    used: set[str] = set()
    for role in ("publisher", "cites"):
        if role in source:
            _expect(document, ("source", role), source[role], "organizations", index, problems,
                    used, published)
    sentences = _sentence_ids(document, problems)
    _check_fact_ids(document, problems)
    for list_name in FACT_LISTS:
        for i, fact in enumerate(sheet.get(list_name, [])):
            _check_fact(document, (list_name, i), fact, sentences, index, problems, used,
                        published)
    for registry in REGISTRIES:
        for i, mention in enumerate(sheet.get(registry, [])):
            _expect(document, (registry, i, "id"), mention["id"], registry, index, problems,
                    used, published)
            _check_sentences(document, (registry, i), mention, sentences, problems)
    return used


def _sentence_ids(document: Document, problems: list[Problem]) -> set[str]:
    items = [(("text", i), s) for i, s in enumerate(document.data["text"])]
    return _unique_ids(document, items, "sentence id", problems)


def _check_fact_ids(document: Document, problems: list[Problem]) -> None:
    items = [((name, i), fact) for name in FACT_LISTS
             for i, fact in enumerate(document.data.get(name, []))]
    _unique_ids(document, items, "fact id", problems)


def _unique_ids(document: Document, items: list, what: str, problems: list[Problem]) -> set[str]:
    """The ids of ``items`` ((path, entry) pairs); each repeated id is a problem."""
    seen: set[str] = set()
    for path, entry in items:
        if entry["id"] in seen:
            problems.append(document.problem(path + ("id",), f"{what} '{entry['id']}' is used "
                                             "twice in this sheet", "ref-duplicate-id"))
        seen.add(entry["id"])
    return seen


def _check_fact(document: Document, path: tuple, fact: dict, sentences: set[str],
                index: EntityIndex, problems: list[Problem], used: set[str], published: bool
                ) -> None:
    _check_sentences(document, path, fact, sentences, problems)
    for role in ("attributed_to", "speaker"):
        value = fact.get(role)
        if isinstance(value, str):
            _expect(document, path + (role,), value, ("people", "organizations"), index, problems,
                    used, published)
    if "via" in fact:
        _expect(document, path + ("via",), fact["via"], "organizations", index, problems,
                used, published)


def _check_sentences(document: Document, path: tuple, item: dict, sentences: set[str],
                     problems: list[Problem]) -> None:
    for j, sentence in enumerate(item["sentences"]):
        if sentence not in sentences:
            problems.append(document.problem(path + ("sentences", j), f"sentence '{sentence}' "
                                             "does not exist in this sheet's text",
                                             "ref-unknown-sentence"))


def check_unused(registries: dict[str, Document], used: set[str],
                 problems: list[Problem]) -> None:
    """Warn of every entity no sheet mentions (``used``: the ids the sheets use)."""
    for name in REGISTRIES:
        document = registries[name]
        for i, entry in enumerate(document.data or []):
            if entry["id"] not in used:
                problems.append(document.problem((i, "id"), f"'{entry['id']}' is defined but no "
                                                 "sheet mentions it", "ref-unused", "warning"))
