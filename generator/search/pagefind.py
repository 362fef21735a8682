"""The search index: the records (``records.py``) written as tiny HTML documents into a
scratch folder and indexed by the Pagefind program, one run per shard of about
``search_shards.SHARD_RECORDS`` pages (a record per message to its Python API would take
minutes on a thousand sheets); an unchanged shard's index is taken from the last site.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from generator.digests import NoStore, Store, code_signature, hasher
from generator.errors import BuildError
from generator.model.site import Site
from generator.outputs.files import Unread, files_under
from generator.processes import workers
from generator.render.page_kinds import search_folders, search_shard_count
from generator.render.search_shards import SEARCH_FOLDER, shard_folder, shard_of
from generator.search.records import Entry, Record, entries

ENTRY = "pagefind-entry.json"
UNUSED = re.compile(r"pagefind-(ui|modular-ui|component-ui|highlight)\.")
"""Pagefind's ready-made interfaces: the search page brings its own."""


@dataclass
class Previous:
    """What the last build published, for reusing the indexes of unchanged shards."""

    site: Path
    """The last build's ``site/``."""
    shards: dict[str, str]
    """Digest of a shard's documents -> the folder its index was published in."""
    files: dict[str, str]
    """Every file of that site -> its digest (its list is what an index consists of)."""


class SearchIndex:
    """The site's records indexed by Pagefind in other processes while the build goes on:
    ``start``ed as early as the build may, collected by ``files()``.

    A big site is split into shards of about ``search_shards.SHARD_RECORDS`` records, each
    its own Pagefind index. Given the last build (``previous``), a shard whose documents
    are unchanged is not indexed again: its index is taken from the old site, as unchanged
    pages are; with a ``documents`` store, each record's document is kept too. A one-sheet
    edit then normalizes two records and runs Pagefind over one shard.
    """

    def __init__(self, site: Site, documents: Callable[[], Store] = NoStore,
                 previous: Previous | None = None,
                 later: bool = False):
        """``later``: while the indexes stay in the same folders, publish the old site's
        as they were and leave any new ones to the next build (``deferred`` says so): a
        preview server shows an edit's pages before its search."""
        self.site = site
        self.documents = documents
        """Opens the store the records' documents are kept in."""
        self.previous = previous
        self.later = later
        self.deferred = False
        self.published: dict[str, list[str]] = {}
        """Folder of an index in the old site -> its files (once started)."""
        self.shards: dict[str, str] = {}
        """Digest of a shard's documents -> the folder of its index (once started)."""
        self.scratch: tempfile.TemporaryDirectory | None = None
        self.runs: ThreadPoolExecutor | None = None
        self.pending = []

    def start(self) -> None:
        """Make the stale shards' documents and start Pagefind's runs over them, in
        threads (the build forks its workers before this, never after); once only."""
        if self.runs is not None:
            return
        self.runs = ThreadPoolExecutor(max_workers=workers())
        for path in self.previous.files if self.previous else ():
            if path.startswith(SEARCH_FOLDER):  # assets/pagefind-3/index/... -> its folder
                self.published.setdefault("/".join(path.split("/", 2)[:2]), []).append(path)
        if self.later and self._defer():
            return
        count = search_shard_count(self.site)
        by_number: dict[int, list[Entry]] = {}
        for entry in entries(self.site):
            by_number.setdefault(shard_of(entry[0], count), []).append(entry)
        shards = [shard for _, shard in sorted(by_number.items())] or [[]]
        self.shards = {_digest(shard): shard_folder(n) for n, shard in enumerate(shards)}
        stale = [(digest, [(path, made_of, make()) for path, made_of, make in shard])
                 for digest, shard in zip(self.shards, shards, strict=True)
                 if not self._published_before(digest)]  # only their records are made
        self.scratch = tempfile.TemporaryDirectory(prefix="search-", dir=_scratch_root(
            sum(record.size() for _, shard in stale for _, _, record in shard)))
        with closing(self.documents()) as documents:
            documents.retain(made_of for shard in shards for _, made_of, _ in shard)
            for digest, shard in stale:
                pages = Path(self.scratch.name, f"pages-{digest}")
                _write_documents(pages, shard, documents)
                self.pending.append(self.runs.submit(_index, pages,
                                                     Path(self.scratch.name, digest)))
            documents.save()

    def _defer(self) -> bool:
        """Take the old site's indexes as they are, without asking whether a shard
        changed (the next build does), if the old site has every index, complete, in the
        folders the site needs now; whether it did."""
        previous = self.previous
        if previous is None or sorted(previous.shards.values()) != sorted(search_folders(
                self.site)):
            return False
        self.shards = dict(previous.shards)
        if not all(map(self._published_before, self.shards)):
            self.shards = {}
            return False
        self.deferred = True
        return True

    def _published_before(self, digest: str) -> bool:
        """Whether the old site holds this shard's index, complete, in the same folder."""
        previous, folder = self.previous, self.shards[digest]
        if previous is None or previous.shards.get(digest) != folder:
            return False
        files = self.published.get(folder, [])
        try:
            present = files_under(os.path.join(previous.site, folder))[0]
        except OSError:  # the folder is gone
            return False
        return bool(files) and all(path[len(folder) + 1:] in present for path in files)

    def files(self) -> Iterator[tuple[str, bytes | Unread]]:
        """The indexes' files as (``site/`` path, bytes), once Pagefind has written them;
        an unchanged shard's as they are in the old site."""
        self.start()
        for run in self.pending:
            run.result()
        for digest, folder in self.shards.items():
            output = Path(self.scratch.name, digest) if self.scratch else None
            if output is None or not output.is_dir():  # unchanged: as published last time
                yield from ((path, Unread(self.previous.files[path],
                                          partial(_read, self.previous.site, path)))
                            for path in self.published[folder])
                continue
            main = folder == SEARCH_FOLDER
            unused = _unused_wasm(output) if main else set()
            for path in sorted(output.rglob("*")):
                if path.is_file() and _published(path.name, main) and path.name not in unused:
                    yield f"{folder}/{path.relative_to(output).as_posix()}", _stable(path)

    def close(self) -> None:
        """Wait for the runs still going (the build failed elsewhere) and remove the
        scratch folder: whether or not ``start`` got that far, and as often as asked."""
        if self.runs is not None:
            self.runs.shutdown(cancel_futures=True)
        if self.scratch is not None:
            self.scratch.cleanup()


def _read(site: Path, path: str) -> bytes:
    """A file of the old site, read only if it must be copied (made lazily: an index is
    hundreds of files, and a path object for each costs more than the rest)."""
    return (site / path).read_bytes()


def _digest(shard: list[Entry]) -> str:
    """Digest of a shard's records (paths, and digests of what each is made from) and of
    the code that indexes them (Pagefind and the generator: ``code_signature``)."""
    shard_hash = hasher(code_signature().encode())
    for path, made_of, _ in shard:
        shard_hash.update(path.encode() + b"\0" + made_of)
    return shard_hash.hexdigest()


def _write_documents(pages: Path, shard: list[tuple[str, bytes, Record]], kept: Store) -> None:
    """Write the shard's record documents for Pagefind, each kept by the digest of what
    it is made from (path, digest, record): normalizing the words of every record again
    would be most of an edit's search work."""
    for path, made_of, record in shard:
        html = kept.get(made_of)
        if html is None:
            html = record.html()
            kept.put(made_of, html)
        target = pages / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    pages.mkdir(parents=True, exist_ok=True)


def _index(pages: Path, output: Path) -> None:
    """Run Pagefind over a shard's documents, then remove them."""
    _run_pagefind(pages, output)
    shutil.rmtree(pages)


def _scratch_root(documents: int) -> str | None:
    """A memory-backed folder for Pagefind's input and output where the system has one
    with room for them (a container's may be tiny): thousands of small files are written,
    read and deleted there, and on a disk the file system's bookkeeping for them costs
    more than the indexing. ``documents``: bytes of the record documents; the index
    takes about as many again."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK | os.X_OK)):
        return None
    _remove_stale_scratch(shm)
    room = os.statvfs(shm)
    return str(shm) if room.f_bavail * room.f_frsize > 2 * documents + 50_000_000 else None


STALE_SCRATCH = 6 * 3600
"""Seconds after which a scratch folder in memory is a killed build's (a build's lasts
minutes), and is removed: memory-backed files outlive their process until a reboot."""


def _remove_stale_scratch(root: Path) -> None:
    for folder in root.glob("search-*"):
        try:
            info = folder.stat()
            if time.time() - info.st_mtime > STALE_SCRATCH and info.st_uid == os.getuid():
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def _published(name: str, main: bool) -> bool:
    """Files of an index that the site needs: Pagefind's script and wasm only once, in the
    main index (a merged index uses the main one's), and never its ready-made interfaces."""
    if UNUSED.match(name):
        return False
    return main or name == ENTRY or name.endswith((".pf_meta", ".pf_index", ".pf_fragment"))


def _unused_wasm(output: Path) -> set[str]:
    """Pagefind's fallback ``wasm.unknown.pagefind`` is loaded only for a language without
    a stemmer of its own: it is published only when the entry file names such a language."""
    entry = json.loads((output / ENTRY).read_bytes())
    if all(language.get("wasm") for language in entry["languages"].values()):
        return {"wasm.unknown.pagefind"}
    return set()


def _stable(path: Path) -> bytes:
    """The file's bytes; Pagefind lists the languages of its entry file in a random order,
    so that list is sorted to keep builds byte-identical."""
    if path.name != ENTRY:
        return path.read_bytes()
    entry = json.loads(path.read_bytes())
    entry["languages"] = dict(sorted(entry["languages"].items()))
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _run_pagefind(pages: Path, output: Path) -> None:
    """Run the Pagefind program over the record documents; it writes the index into
    ``output``. The program is used rather than its Python service: the service is stopped
    as soon as it answers, sometimes before the last files are written (an empty entry file,
    a missing fallback wasm), which made builds fail or differ."""
    from pagefind.service import get_executable  # only when the index is really rebuilt

    program = get_executable()
    if program is None:
        raise BuildError("search: Pagefind's program is missing: pip install 'pagefind[bin]'")
    result = subprocess.run([str(program), "--site", str(pages), "--output-path", str(output),
                             "--silent"], capture_output=True, text=True)
    if result.returncode != 0:
        raise BuildError(f"search: Pagefind failed: {result.stderr.strip()[:300]}")
