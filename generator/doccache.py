"""Content files parsed and checked by the last build, reused while their bytes are the same.

Parsing a sheet and checking it against its schema is most of what a build spends on a
file it did not change: with a thousand sheets, a one-sheet edit would parse and check a
thousand files. The cache (``.build-cache/documents``) keeps, per file, the parsed value,
the positions the parse kept and the problems its own checks found (schema, hygiene), and
gives them back only when the file's bytes, its path as printed and the generator's code
are all as they were. Checks that look across files (references, translations) always run.
"""

from __future__ import annotations

import hashlib
from dataclasses import astuple
from pathlib import Path

from .errors import Problem
from .kept import Kept
from .loader import Document


class DocumentCache:
    """The last build's parsed and checked files, by path and digest of their bytes."""

    def __init__(self, folder: Path):
        self.kept = Kept(folder, "documents")

    @staticmethod
    def digest(raw: bytes) -> bytes:
        return hashlib.blake2b(raw, digest_size=16).digest()

    def restore(self, path: Path, display: str, raw: bytes) -> Document | None:
        """The file as parsed and checked last time, if its bytes are unchanged; its own
        problems are then known (``Document.file_problems``)."""
        digest = self.digest(raw)
        entry = self.kept.get((str(path), digest))
        if entry is None or entry[0] != display:
            return None
        _, data, positions, keys, complete, problems = entry
        document = Document(path, display, data, positions, keys, complete)
        document.file_problems = [Problem(*problem) for problem in problems]
        document.digest = digest
        return document

    def remember(self, document: Document) -> None:
        """Keep a parsed and checked document for the next build."""
        if document.digest is None or document.file_problems is None:
            return
        self.kept.put((str(document.path), document.digest), (
            document.display, document.data, document.positions, document.key_positions,
            document.complete, [astuple(problem) for problem in document.file_problems]))

    def save(self) -> None:
        self.kept.save()
