"""All content rules, in order: schemas, then references, translations and text hygiene.

Checking happens on the parsed documents, before any typed model is built, so the model
can trust its input and every problem can point at a file, line and column. The rules go
file by file (``ContentCheck``): site.yml and the registries first, since every sheet is
checked against them, then each sheet as it is read, then what needs every sheet (the
entities none mentions). A build thus never needs all the sheets' parses at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from generator.checks import references
from generator.checks.allowed_origins import check_allowed_origins
from generator.checks.editorial import check_reviews, check_roles, check_sheet_dates
from generator.checks.text_hygiene import check_hygiene
from generator.checks.translations import check_translations, load_confirmations
from generator.content.loader import Document
from generator.content.project import ContentFiles, ParsedFiles, Project
from generator.content.schema import check_schema
from generator.errors import Problem


class CheckMemory(ParsedFiles, Protocol):
    """What checking asks of the build cache besides parsed files: the problems a file
    restored from it had on its own, each file kept once checked, and what a sheet was
    found to say against the registries."""

    def own_problems(self, document: Document) -> list[Problem] | None: ...

    def remember(self, document: Document, problems: list[Problem]) -> None: ...

    def sheet_checks(self, document: Document, against: str
                     ) -> tuple[list[Problem], list[str]] | None: ...

    def keep_sheet_checks(self, document: Document, against: str, problems: list[Problem],
                          used: list[str]) -> None: ...


@dataclass
class Verdict:
    """What checking one sheet found."""

    problems: list[Problem]
    used: list[str]
    """The entity ids it uses (an entity none uses is reported)."""
    fine: bool
    """Well-formed: a model can be made of it."""


class ContentCheck:
    """The problems of a project's content, found as its files come."""

    def __init__(self, project: Project, site: Document, registries: dict[str, Document],
                 readable: bool = True, strict: bool = False,
                 cache: CheckMemory | None = None):
        """Check site.yml and the registries at once (``readable``: they were read without
        error); ``strict``: a missing translation is an error. With a ``cache``, what a
        sheet was found to say against the registries is kept, and taken from it while
        neither changed."""
        self.seeds = references.Seeds(project.seeds)
        self.strict = strict
        self.registries = registries
        self.cache = cache
        self.own: dict[str, list[Problem]] = {}
        """Printed path -> the problems of each file checked on its own (schema, text)."""
        self.problems = self._own_problems([(site, "site"), *((d, n) for n, d in
                                                             registries.items())])
        self.index: references.EntityIndex | None = None
        """Every entity id, once site.yml and the registries are well-formed (without them,
        references and translations cannot be checked: only each sheet's shape is)."""
        self.used: set[str] = set()
        """The entity ids the sheets checked so far use."""
        self.shapeless = not readable or any(p.is_error for p in self.problems)
        """True once a file of the wrong shape was met: entities that only such a sheet
        mentions would be reported as unused."""
        if isinstance(site.data, dict):
            self.problems.extend(check_allowed_origins(site))
        if self.shapeless:
            return
        self.index = references.index_entities(registries, self.problems)
        for name, document in registries.items():
            references.check_relations(document, name, self.index, self.problems)
        check_roles(registries["people"], self.problems)
        self.languages = site.data["languages"]
        self.confirmed = load_confirmations(project.content)
        for document in (site, *registries.values()):
            self.problems.extend(check_translations(document, self.languages, self.confirmed,
                                                    strict))
        self.against = json.dumps([[d.display, d.digest] for d in registries.values()]
                                  + [self.languages, strict])
        """What a sheet's references and translations are checked against, but for its
        confirmed translations."""

    def sheet(self, document: Document, readable: bool = True) -> Verdict:
        """Check one sheet (``readable``: it was read without error): its shape, and if
        well-formed its references and translations."""
        verdict = self._verdict(document, readable)
        self.adopt(verdict)
        return verdict

    def adopt(self, verdict: Verdict) -> None:
        """Count what checking one sheet found (now, or in a build before)."""
        self.problems.extend(verdict.problems)
        if not verdict.fine:
            self.shapeless = True
        self.used.update(verdict.used)

    def _own_problems(self, named: list[tuple[Document, str]]) -> list[Problem]:
        """The problems each file has on its own: as the cache kept them for a file it
        restored, else found now (``file_problems``) for a file parsed whole."""
        problems: list[Problem] = []
        for document, name in named:
            own = self.cache.own_problems(document) if self.cache is not None else None
            if own is None and document.positions:
                own = file_problems(document, name)
            if own is not None:
                self.own[document.display] = own
                problems.extend(own)
        return problems

    def against_for(self, display: str) -> str | None:
        """What the sheet printed as ``display`` is checked against, but for its own
        bytes and the seeds: the registries, languages, strictness and its confirmed
        translations. None while site.yml or a registry is malformed."""
        if self.index is None:
            return None
        return self.against + json.dumps(self.confirmed.get(display, {}), sort_keys=True)

    def _verdict(self, document: Document, readable: bool) -> Verdict:
        found = self._own_problems([(document, "sheet")]) if readable else []
        if not readable or any(p.is_error for p in found):
            return Verdict(found, [], False)
        used: list[str] = []
        if self.index is not None:
            references.check_seed(self.seeds, document, found)
            problems, used = self._against_registries(document)
            found += problems
        return Verdict(found, used, True)

    def finish(self) -> list[Problem]:
        """Every problem found, with those that needed all the sheets."""
        if self.index is not None and not self.shapeless:
            references.check_unused(self.registries, self.used, self.problems)
        return self.problems

    def _against_registries(self, document: Document) -> tuple[list[Problem], list[str]]:
        """The sheet's references and translations: its problems, and the entity ids it
        uses."""
        against = self.against_for(document.display)
        kept = self.cache.sheet_checks(document, against) if self.cache else None
        if kept is not None:
            return kept
        problems: list[Problem] = []
        used = sorted(references.check_sheet(document, self.index, problems))
        check_reviews(document, self.languages, problems)
        check_sheet_dates(document, problems)
        problems += check_translations(document, self.languages, self.confirmed, self.strict)
        if self.cache is not None:
            self.cache.keep_sheet_checks(document, against, problems, used)
        return problems, used


class CheckedContent:
    """A project's content, read and checked one sheet at a time (``sheets``), then all
    its ``problems``: a build lets each sheet's parse go once its model is made. With a
    ``cache``, each file is kept in it once checked."""

    def __init__(self, project: Project, strict: bool = False,
                 cache: CheckMemory | None = None):
        self.files = ContentFiles(project, cache)
        self.check = ContentCheck(project, self.files.site, self.files.registries,
                                  self.files.readable, strict, cache)
        self.cache = cache
        self._remember(self.files.site, *self.files.registries.values())

    def sheets(self) -> Iterator[tuple[str, Document, bool]]:
        """(slug, document, well-formed) of each sheet, checked, in slug order."""
        for path in self.files.sheet_paths:
            document, verdict = self.sheet(path)
            yield path.stem, document, verdict.fine

    def sheet(self, path: Path) -> tuple[Document, Verdict]:
        """One sheet, read and checked."""
        document, readable = self.files.sheet(path)
        verdict = self.check.sheet(document, readable)
        self._remember(document)
        return document, verdict

    def problems(self) -> list[Problem]:
        """Every problem of the content, sorted by file and line (once ``sheets`` is
        through): no error means the site can be built."""
        return sorted(self.files.problems + self.check.finish())

    def _remember(self, *documents: Document) -> None:
        if self.cache is not None:
            for document in documents:
                if document.display in self.check.own:
                    self.cache.remember(document, self.check.own[document.display])


def file_problems(document: Document, schema: str) -> list[Problem]:
    """The problems a file has on its own (its schema, its text), which a cache may keep."""
    return check_schema(document, schema) + check_hygiene(document)
