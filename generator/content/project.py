"""Where a project's folders are, and reading all of its content files."""

from __future__ import annotations

import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from generator.content.loader import Document, load_document
from generator.digests import digest
from generator.errors import Problem, display_path

REGISTRIES = ("people", "organizations", "places")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Project:
    """The folders of one fact-sheet project (the layout of the design)."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def display(self, path: Path) -> str:
        return display_path(path, self.root)


def find_project(start: Path) -> Project | None:
    """The project holding ``start``: the nearest folder upwards with content/site.yml."""
    start = start.resolve()
    for folder in (start, *start.parents) if start.is_dir() else start.parents:
        if (folder / "content" / "site.yml").is_file():
            return Project(folder)
    return None


@dataclass
class Documents:
    """Every parsed content file of a project, before any checking."""

    site: Document
    registries: dict[str, Document]
    """people, organizations, places."""
    sheets: dict[str, Document] = field(default_factory=dict)
    """slug -> sheet document, in slug order."""

    def all(self) -> list[Document]:
        return [self.site, *self.registries.values(), *self.sheets.values()]


class ParsedFiles(Protocol):
    """Files parsed by an earlier build, by path and digest of their bytes: what reading
    asks of the build cache (``cache.documents.ParsedFiles`` is one)."""

    known: dict[str, str]
    """Path -> digest of the files taken as unchanged without being read again."""

    @property
    def empty(self) -> bool: ...

    def prefill(self, paths: list[Path], display: Callable[[Path], str]) -> None: ...

    def restore(self, path: Path, display: str, file_digest: str) -> Document | None: ...


class ContentFiles:
    """A project's content files, read as they are asked for: site.yml and the registries
    at once, each sheet in its turn (``sheets``), so that a caller may let one go before
    reading the next. With a ``cache``, a file whose bytes are those of the last build is
    taken from it, already checked, instead of being parsed again."""

    def __init__(self, project: Project, cache: ParsedFiles | None = None):
        self.project = project
        self.cache = cache
        self.problems: list[Problem] = []
        """Every problem met in reading the files so far."""
        self.inside = _Inside(project.content)
        self.site = self._load(project.content / "site.yml")
        self.registries = {name: self._load_registry(name) for name in REGISTRIES}
        self.readable = not any(p.is_error for p in self.problems)
        """True when site.yml and the registries were read without error."""
        self.sheet_paths = [path for path in sorted((project.content / "sheets").glob("*.yml"))
                            if _slug_name(project, path, self.problems)]
        if cache is not None and cache.empty:
            cache.prefill([path for path in self.sheet_paths if self.inside(path)],
                          project.display)

    def sheets(self) -> Iterator[tuple[str, Document, bool]]:
        """(slug, document, read without error) of each sheet, in slug order."""
        for path in self.sheet_paths:
            yield (path.stem, *self.sheet(path))

    def sheet(self, path: Path) -> tuple[Document, bool]:
        """One sheet's document, and whether it was read without error."""
        before = len(self.problems)
        document = self._load(path)
        return document, not any(p.is_error for p in self.problems[before:])

    def _load(self, path: Path) -> Document:
        display = self.project.display(path)
        if not _inside_content(self.project, path, self.problems, self.inside):
            return Document(path, display, data=[])
        if self.cache is None:
            document, found = load_document(path, display)
        else:
            document, found = _load_through(self.cache, path, display)
        self.problems.extend(found)
        return document

    def _load_registry(self, name: str) -> Document:
        path = self.project.content / "entities" / f"{name}.yml"
        if not path.exists():
            return Document(path, self.project.display(path), data=[])
        return self._load(path)


def load_documents(project: Project, cache: ParsedFiles | None = None
                   ) -> tuple[Documents, list[Problem]]:
    """Parse site.yml, the registries and every sheet; collect all parse problems."""
    files = ContentFiles(project, cache)
    sheets = {slug: document for slug, document, _ in files.sheets()}
    return Documents(files.site, files.registries, sheets), files.problems


def _load_through(cache: ParsedFiles, path: Path, display: str
                  ) -> tuple[Document, list[Problem]]:
    """The document from the cache when unchanged, else parsed (and marked cacheable)."""
    known = cache.known.get(str(path))
    document = cache.restore(path, display, known) if known else None
    if document is not None:
        return document, []
    try:
        raw = path.read_bytes()
    except OSError:
        return load_document(path, display)  # which says why in the usual words
    file_digest = digest(raw)
    document = cache.restore(path, display, file_digest)
    if document is not None:
        return document, []
    document, found = load_document(path, display, raw)
    if not found:
        document.digest = file_digest
    return document, found


def _slug_name(project: Project, path: Path, problems: list[Problem]) -> bool:
    """A sheet's file name becomes its URL, so it must be a slug."""
    if SLUG.match(path.stem):
        return True
    problems.append(Problem(project.display(path), 0, 0, "error", f"sheet file name "
                            f"'{path.name}' must be a slug: lower-case ASCII letters and "
                            "digits joined by hyphens", "sheet-slug"))
    return False


class _Inside:
    """Whether a content file is really inside content/: a symlink (of the file or of a
    folder on its way) pointing elsewhere could make the build read (and publish) any file
    of the machine. Each folder is resolved once, not once per file of a thousand."""

    def __init__(self, content: Path):
        self.content = content.resolve()
        self.folders: dict[Path, bool] = {}

    def __call__(self, path: Path) -> bool:
        try:
            linked = stat.S_ISLNK(path.lstat().st_mode)
        except OSError:
            return True  # missing: loading says so
        if linked:
            return path.resolve().is_relative_to(self.content)
        folder = path.parent
        if folder not in self.folders:
            self.folders[folder] = folder.resolve().is_relative_to(self.content)
        return self.folders[folder]


def _inside_content(project: Project, path: Path, problems: list[Problem],
                    inside: _Inside) -> bool:
    """``inside(path)``, with a problem when not."""
    if inside(path):
        return True
    problems.append(Problem(project.display(path), 0, 0, "error", "file points outside "
                            "content/ (symlink); refused", "path-outside"))
    return False
