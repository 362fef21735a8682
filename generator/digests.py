"""Digests of bytes and of the code itself, and the store of values kept by digest: what
a stage may use to name its work and reuse it, without knowing where the cache is."""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, Protocol


class Store(Protocol):
    """Values kept between builds by a key (what they are made from, digested): the build
    opens one per use (``cache.store.Kept``) for a stage; the stage's ``save`` makes its
    values visible to the next build, ``close`` lets the store go."""

    def get(self, key: Any) -> Any | None: ...

    def put(self, key: Any, value: Any) -> None: ...

    def retain(self, keys: Iterable[Any]) -> None: ...

    def save(self) -> None: ...

    def close(self) -> None: ...


class NoStore:
    """A ``Store`` that keeps nothing: every value is made anew (a build without cache)."""

    def get(self, key: Any) -> None:
        return None

    def put(self, key: Any, value: Any) -> None:
        pass

    def retain(self, keys: Iterable[Any]) -> None:
        pass

    def save(self) -> None:
        pass

    def close(self) -> None:
        pass


def digest(data: bytes) -> str:
    return hasher(data).hexdigest()


def hasher(data: bytes = b""):
    """The hash behind ``digest``, to feed a file in pieces."""
    return hashlib.blake2b(data, digest_size=16)


CODE_MODULES = ("yaml", "jsonschema", "jsonschema_rs", "markdown", "nh3", "pagefind")
"""Libraries whose upgrade may change what the cached values would be."""


@cache
def code_signature() -> str:
    """Identity of the code behind every kept value (parses, checks, exports, search
    records and indexes): after a change to the generator, Python or a library that
    makes them, nothing is answered from the cache. A library is known by its installed
    main file (path, time and size; an upgrade writes it anew), found without importing
    it: a check answered from the cache imports none of them."""
    from importlib.util import find_spec

    signature = hasher(sys.version.encode())
    for name in CODE_MODULES:
        origin = find_spec(name).origin
        info = os.stat(origin)
        signature.update(f"{name}={origin}:{info.st_mtime_ns}:{info.st_size};".encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json") and "__pycache__" not in path.parts:
            info = path.stat()
            signature.update(f"{path}:{info.st_mtime_ns}:{info.st_size};".encode())
    return signature.hexdigest()
