"""Content files parsed and checked by the last build, reused while their bytes are the same.

Parsing a sheet and checking it against its schema is most of what a build spends on a
file it did not change: with a thousand sheets, a one-sheet edit would parse and check a
thousand files. The cache (``.build-cache/documents``) keeps, per file, the parsed value,
the positions the parse kept and the problems its own checks found (schema, hygiene), and
gives them back only when the file's bytes, its path as printed and the generator's code
are all as they were. Checks that look across files (references, translations) always run.

The cache is written with ``marshal``: the parsed values are plain dicts, lists, strings
and numbers, which marshal stores and reads faster than JSON and, unlike pickle, without
ever calling code named in the file.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from dataclasses import astuple
from pathlib import Path

from .errors import Problem
from .incremental import code_signature
from .loader import Document

FILE = "documents"
VERSION = 1


class DocumentCache:
    """The last build's parsed and checked files, by path; and this build's, to be saved."""

    def __init__(self, folder: Path):
        self.path = folder / FILE
        self.signature = code_signature()
        self.old: dict[str, tuple] = self._read()
        self.new: dict[str, tuple] = {}

    def _read(self) -> dict[str, tuple]:
        try:
            version, signature, entries = marshal.loads(self.path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return {}
        return entries if version == VERSION and signature == self.signature else {}

    @staticmethod
    def digest(raw: bytes) -> bytes:
        return hashlib.blake2b(raw, digest_size=16).digest()

    def restore(self, path: Path, display: str, raw: bytes) -> Document | None:
        """The file as parsed and checked last time, if its bytes are unchanged; its own
        problems are then known (``Document.file_problems``)."""
        digest = self.digest(raw)
        entry = self.old.get(str(path))
        if entry is None or entry[0] != digest or entry[1] != display:
            return None
        _, _, data, positions, keys, complete, problems = entry
        document = Document(path, display, data, positions, keys, complete)
        document.file_problems = [Problem(*problem) for problem in problems]
        document.digest = digest
        self.new[str(path)] = entry
        return document

    def remember(self, document: Document) -> None:
        """Keep a parsed and checked document for the next build."""
        digest = document.digest
        if digest is None or document.file_problems is None or str(document.path) in self.new:
            return
        self.new[str(document.path)] = (
            digest, document.display, document.data, document.positions,
            document.key_positions, document.complete,
            [astuple(problem) for problem in document.file_problems])

    def save(self) -> None:
        """Write this build's entries atomically; a build that stopped writes nothing."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{FILE}.tmp")
        temporary.write_bytes(marshal.dumps((VERSION, self.signature, self.new)))
        os.replace(temporary, self.path)
