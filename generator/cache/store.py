"""Values a build computed, kept in ``.build-cache/`` for the next build to reuse.

All stores live in one SQLite file (``kept.sqlite3``), a table per store, a row per value:
a build reads only the rows it asks for and writes only the values it made, so neither a
big site's parses nor its exports are ever all in memory, and a one-sheet edit writes a
few rows instead of rewriting every store. Keys say what a value was made from (a digest
of the input's bytes, usually). Values are plain dicts, lists, strings, bytes and numbers
written with ``marshal``, which reads them fast and, unlike pickle, never calls code named
in the file.

The file records the code that wrote it (``code_signature``): after a change of the
generator or of a library, every store starts empty. A damaged file is deleted and made
again. A store's changes are one transaction: they become visible at ``save``, all at once,
and rows no build asked for are then dropped, so a store never grows beyond the site; a
build that fails before saving a store changes nothing in it (nor makes the file, if there
was none). Builds of one project take turns (``fingerprints.build_lock``).
"""

from __future__ import annotations

import marshal
import os
import sqlite3
from pathlib import Path

from generator.digests import code_signature

FILE = "kept.sqlite3"
WAIT = 60.0
"""Seconds to wait for another build (a preview server's) to finish writing the file."""


class Kept:
    """One store: ``get`` what earlier builds kept, ``put`` what this build made, ``save``."""

    def __init__(self, folder: Path | None, name: str):
        """``folder`` None: nothing is read or written (a build without a cache)."""
        self.table = name.replace("-", "_")
        self.used: set[bytes] = set()
        """Keys (as ``_key`` writes them) this build asked for or made: the rows that stay."""
        self.path = folder / FILE if folder else None
        self.made: Path | None = None
        """A file this build is making because there was none: it takes the file's name
        at ``save``, and is deleted if the build fails (which then writes nothing)."""
        self.db = self._open() if self.path else None

    def get(self, key):
        """The value kept under ``key``, or None; a value got is kept again."""
        if self.db is None:
            return None
        blob = _key(key)
        row = self._run(f"SELECT value FROM {self.table} WHERE key = ?", (blob,))
        if row is None:
            return None
        self.used.add(blob)
        return marshal.loads(row[0])

    def put(self, key, value) -> None:
        if self.db is None:
            return
        blob = _key(key)
        self.used.add(blob)
        self._run(f"INSERT OR REPLACE INTO {self.table} VALUES (?, ?)",
                  (blob, marshal.dumps(value)))

    def retain(self, keys) -> None:
        """Keep the values under ``keys`` for the next build without reading them now."""
        self.used.update(map(_key, keys))

    def holds(self, key) -> bool:
        """Whether this build got or put a value under ``key`` already."""
        return _key(key) in self.used

    @property
    def empty(self) -> bool:
        """True when nothing is kept (a first build, or after a change of code)."""
        return self.db is None or self._run(f"SELECT 1 FROM {self.table} LIMIT 1") is None

    def save(self, drop: bool = True) -> None:
        """Make this build's values visible and, with ``drop``, drop those no longer used,
        at once."""
        if self.db is None:
            return
        try:
            if drop:
                unused = [(key,) for (key,) in self.db.execute(f"SELECT key FROM {self.table}")
                          if key not in self.used]
                self.db.executemany(f"DELETE FROM {self.table} WHERE key = ?", unused)
            self.db.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            self._give_up(error)
            return
        self.db.close()
        self.db = None
        if self.made is not None:
            os.replace(self.made, self.path)
            self.made = None

    def close(self) -> None:
        """Let go of the file without saving: a failed build changes nothing in it."""
        if self.db is not None:
            self.db.close()  # the transaction is rolled back
            self.db = None
        if self.made is not None:
            self.made.unlink(missing_ok=True)
            self.made = None

    def _run(self, statement: str, values: tuple = ()) -> tuple | None:
        """The first row of ``statement``; on a database error, the build goes on
        without the store."""
        try:
            return self.db.execute(statement, values).fetchone()
        except sqlite3.DatabaseError as error:
            self._give_up(error)
            return None

    def _give_up(self, error: sqlite3.DatabaseError) -> None:
        """Stop using the file; delete it if it is damaged (a power cut while it was
        written), not merely busy or full, so that the next build makes it anew."""
        self.close()
        if not isinstance(error, sqlite3.OperationalError):
            self.path.unlink(missing_ok=True)

    def _open(self) -> sqlite3.Connection | None:
        """The store's table in one transaction until ``save``, emptied when another
        code wrote it; a damaged file is deleted and made anew. None when the cache
        cannot be used (the build then keeps nothing)."""
        for _ in range(2):  # a damaged file is deleted, then made anew
            try:
                return self._begin()
            except sqlite3.DatabaseError as error:
                self._give_up(error)
                if isinstance(error, sqlite3.OperationalError):
                    return None
            except OSError:
                return None
        return None

    def _begin(self) -> sqlite3.Connection:
        if not self.path.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            for leftover in self.path.parent.glob(f".{self.path.name}.*.new*"):  # killed
                leftover.unlink(missing_ok=True)
            self.made = self.path.with_name(f".{self.path.name}.{os.getpid()}.new")
        self.db = sqlite3.connect(self.made or self.path, timeout=WAIT, isolation_level=None)
        # No waiting for the disk at each commit: a transaction is still whole if the build
        # is killed; a power cut may damage the file, which is then made anew.
        self.db.execute("PRAGMA synchronous = OFF")
        self.db.execute("BEGIN IMMEDIATE")
        self.db.execute("CREATE TABLE IF NOT EXISTS meta (signature TEXT)")
        self.db.execute(f"CREATE TABLE IF NOT EXISTS {self.table} "
                        "(key BLOB PRIMARY KEY, value BLOB) WITHOUT ROWID")
        if self.db.execute("SELECT signature FROM meta").fetchall() != [(code_signature(),)]:
            _forget_everything(self.db)
        return self.db


def _key(key) -> bytes:
    """A key (strings, bytes, numbers and tuples of them) as the file stores it: its
    ``repr``, which is the same for equal keys (marshal's bytes depend on how the objects
    were made and shared)."""
    return repr(key).encode("utf-8")


def _forget_everything(db: sqlite3.Connection) -> None:
    """Empty every store: another version of the code made their values."""
    tables = [name for (name,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'meta'")]
    for name in tables:
        db.execute(f"DELETE FROM {name}")
    db.execute("DELETE FROM meta")
    db.execute("INSERT INTO meta VALUES (?)", (code_signature(),))
