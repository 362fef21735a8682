"""A file of the site as the stages hand it to the writer: bytes, bytes read only if
needed (``Unread``) or pieces (``Streamed``); and a fast listing of a folder's files."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Unread:
    """A file whose digest is known before its bytes are read: when the old site holds
    the same, it is linked without ever being read (a big site's unchanged search indexes
    and sheet copies are thousands of files)."""

    digest: str
    read: Callable[[], bytes]


@dataclass(frozen=True)
class Streamed:
    """A file made and written in pieces, never held whole (a big site's facts.json is
    tens of megabytes): its digest is known once it is written."""

    pieces: Callable[[], Iterator[bytes]]


def files_under(root: str) -> tuple[set[str], set[str]]:
    """The path of every file under ``root``, relative to it, and of every empty folder
    (one listing per folder: a big site's files are tens of thousands)."""
    found, empty, folders = set(), set(), [""]
    while folders:
        folder = folders.pop()
        with os.scandir(os.path.join(root, folder)) as entries:
            listed = list(entries)
        if not listed and folder:
            empty.add(folder)
        for entry in listed:
            relative = f"{folder}/{entry.name}" if folder else entry.name
            if entry.is_dir(follow_symlinks=False):
                folders.append(relative)
            else:
                found.add(relative)
    return found, empty
