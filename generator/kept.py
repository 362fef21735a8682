"""Values a build computed, kept in ``.build-cache/`` for the next build to reuse.

Each store is one file, a dict from keys to values that say what they were made from
(a digest of the input's bytes, usually), written with ``marshal``: the values are plain
dicts, lists, strings, bytes and numbers, which marshal reads faster than JSON and, unlike
pickle, without ever calling code named in the file. A store written by other code (the
generator changed) or damaged is ignored as a whole. Only the values used by this build
are written back, so a store never grows beyond the site.
"""

from __future__ import annotations

import marshal
import os
from pathlib import Path

from .incremental import code_signature


class Kept:
    """One store: ``get`` what the last build kept, ``put`` what this build made, ``save``."""

    def __init__(self, folder: Path | None, name: str):
        """``folder`` None: nothing is read or written (a build without a cache)."""
        self.path = folder / name if folder else None
        self.old: dict = self._read()
        self.new: dict = {}

    def _read(self) -> dict:
        if self.path is None:
            return {}
        try:
            signature, values = marshal.loads(self.path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return {}
        return values if signature == code_signature() and isinstance(values, dict) else {}

    def get(self, key):
        """The value kept under ``key``, or None; a value got is kept again."""
        value = self.old.get(key)
        if value is not None:
            self.new[key] = value
        return value

    def put(self, key, value) -> None:
        self.new[key] = value

    def save(self) -> None:
        """Write this build's values atomically (temporary file, then rename)."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(marshal.dumps((code_signature(), self.new)))
        os.replace(temporary, self.path)
