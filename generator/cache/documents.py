"""Content files parsed and checked by the last build, reused while their bytes are the same.

Parsing a sheet and checking it against its schema is most of what a build spends on a
file it did not change: with a thousand sheets, a one-sheet edit would parse and check a
thousand files. The cache (the ``documents`` store of ``cache/store.py``) keeps, per file, the
parsed value and the problems its own checks found (schema, hygiene), and gives them back
only when the file's bytes, its path as printed and the generator's code are all as they
were. Positions are not kept (a fifth of a sheet's entry, read at every build for
nothing): the rare problem found later in an unchanged file parses it again to say where
(``Document.where``). A sheet's problems against the registries (references,
translations) are kept too, by the registries' bytes as well (``ContentCheck``); the
seed check always runs.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from dataclasses import astuple
from pathlib import Path

from generator.cache.store import Kept
from generator.checks.checker import file_problems
from generator.content.loader import Document, load_document
from generator.digests import digest
from generator.errors import Problem


class DocumentCache:
    """The last build's parsed and checked files, by path and digest of their bytes."""

    def __init__(self, folder: Path):
        self.kept = Kept(folder, "documents")
        self.restored: dict[str, list[Problem]] = {}
        """Path -> the problems each file restored from the cache had on its own."""
        self.known: dict[str, str] = {}
        """Path -> ``digests.digest`` of the files whose time and size are those the
        last build read them with: taken as unchanged without being read again, as the
        no-op check takes the whole content (set by the build)."""

    def restore(self, path: Path, display: str, file_digest: str) -> Document | None:
        """The file as parsed and checked last time, if its bytes (``digests.digest``
        of them) are unchanged; its own problems are then known (``own_problems``)."""
        entry = self.kept.get((str(path), file_digest))
        if entry is None or entry[0] != display:
            return None
        _, data, problems = entry
        self.restored[str(path)] = [Problem(*problem) for problem in problems]
        return Document(path, display, data, complete=False,  # positions: on demand
                        digest=file_digest)

    def own_problems(self, document: Document) -> list[Problem] | None:
        """The problems a file restored from the cache had on its own (None: not one)."""
        return self.restored.get(str(document.path)) if document.digest else None

    def remember(self, document: Document, problems: list[Problem]) -> None:
        """Keep a parsed document and the problems it has on its own for the next build."""
        if document.digest is None:
            return
        key = (str(document.path), document.digest)
        if not self.kept.holds(key):  # restored from the cache: kept already
            self.kept.put(key, _entry(document, problems))

    def sheet_checks(self, document: Document, against: str
                     ) -> tuple[list[Problem], list[str]] | None:
        """The problems a sheet had against ``against`` (the registries' bytes and what
        else ``ContentCheck`` names), and the entity ids it used, if it is unchanged."""
        entry = (self.kept.get(_checks_key(document.display, document.digest, against))
                 if document.digest else None)
        if entry is None:
            return None
        problems, used = entry
        return [Problem(*problem) for problem in problems], used

    def keep_sheet_checks(self, document: Document, against: str, problems: list[Problem],
                          used: list[str]) -> None:
        if document.digest is not None:
            self.kept.put(_checks_key(document.display, document.digest, against),
                          ([astuple(problem) for problem in problems], used))

    def retain_sheet(self, path: Path, display: str, file_digest: str, against: str) -> None:
        """Keep what is kept of a sheet for the next build, unread: this build took the
        sheet from memory (``cache/serve_memory.py``)."""
        self.kept.retain([(str(path), file_digest), _checks_key(display, file_digest, against)])

    @property
    def empty(self) -> bool:
        """True on a first build (or after a change of code): nothing can be reused. With
        a cache, a build parses only what changed, in its own process."""
        return self.kept.empty

    def prefill(self, paths: list[Path], display: Callable[[Path], str]) -> None:
        """With an empty cache, parse and check the sheets in worker processes and hold
        them: a first build of a big site then parses on every core. A file with parse
        problems is left to the build's own parse, which reports them."""
        from generator.processes import forks, workers

        if self.kept.db is None or not forks(len(paths)):
            return  # nowhere to keep them (a read-only project), or too few to fork for
        jobs = [(path, display(path)) for path in paths]
        with multiprocessing.get_context("fork").Pool(workers()) as pool:
            for parsed in pool.imap_unordered(_parse_sheet, jobs, chunksize=16):
                if parsed is not None:
                    self.kept.put(*parsed)

    def save(self, drop: bool = True) -> None:
        """Keep what was parsed and checked; ``drop``: forget the files not asked for
        (a build does; a check leaves them to the next build)."""
        self.kept.save(drop)

    def close(self) -> None:
        """Let go of the cache; unless saved, this build changed nothing in it."""
        self.kept.close()


def _checks_key(display: str, file_digest: str, against: str) -> tuple:
    return ("checks", display, file_digest, digest(against.encode()))


def _entry(document: Document, problems: list[Problem]) -> tuple:
    """A parsed and checked document as the cache keeps it."""
    return document.display, document.data, [astuple(problem) for problem in problems]


def _parse_sheet(job: tuple[Path, str]) -> tuple[tuple, tuple] | None:
    """In a worker: one sheet parsed and checked, as a cache entry (key, value)."""
    path, display = job
    raw = path.read_bytes()
    document, problems = load_document(path, display, raw)
    if problems:
        return None
    return (str(path), digest(raw)), _entry(document, file_problems(document, "sheet"))
