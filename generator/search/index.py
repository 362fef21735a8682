"""Static full-text search: one Pagefind index per site language, built from the model.

Readers type Arabic with or without diacritics, hamza seats, taa marbuta and attached
prefixes (و، ال، ب، لل...). Pagefind cannot know these spellings are one word, so every
word is indexed under all its normalized forms (``search_forms``), and the search page
normalizes the query the same way before asking Pagefind (``templates/assets/
search-normalize.js`` mirrors ``search_forms``; a test keeps the two in agreement).

The index holds normalized words only; the readable title and text travel as Pagefind
metadata, from which the page cuts a snippet in the page's language. The records are
written as tiny HTML documents into a scratch folder and indexed by the Pagefind program
(a record per message to its Python API would take minutes on a thousand sheets), one run
per shard of about SHARD_RECORDS pages (``SearchIndex``).
"""

from __future__ import annotations

import hashlib
import json
import math
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
from functools import cache, lru_cache, partial
from html import escape
from pathlib import Path

from generator.build.staging import Unread, files_under
from generator.build.workers import workers
from generator.cache.fingerprints import code_signature, hasher
from generator.cache.store import Kept
from generator.errors import BuildError
from generator.model.site import Entity, Sheet, Site, Text
from generator.render import urls
from generator.render.markup import markdown_text
from generator.text.arabic import key, without_article, word_forms

INDEX_FOLDER = "assets/pagefind"
"""Where the index and Pagefind's own script live under ``site/``."""
ENTRY = "pagefind-entry.json"
NAME_WEIGHT = {"sheet": 10, "people": 5, "organizations": 5, "places": 5}
"""Pagefind weight of the words that name a page (others weigh 1). A sheet, the site's main
document, outranks the entity pages that match as well."""
SHARD_RECORDS = 250
"""About how many records (pages) one Pagefind index holds. A bigger site is split into
several indexes that the search page merges: an edit re-indexes only the changed pages'
shard, and no Pagefind run holds the whole site in memory. Pagefind's time grows faster
than its records (0.14 s for 250 records here, 0.33 s for 500), while each index adds a
few requests to a reader's first search."""
UNUSED = re.compile(r"pagefind-(ui|modular-ui|component-ui|highlight)\.")
"""Pagefind's ready-made interfaces: the search page brings its own."""


@cache
def search_forms(word: str) -> tuple[str, ...]:
    """Every key a written word may be found by: as written (normalized, lower case), and
    with و/ف, ب/ل/ك and ال taken off, again and again: والكاظمى -> والكاظمي, الكاظمي,
    كاظمي, اظمي. The query keeps only its barest form, which is then among the forms of
    every spelling of the word, with more prefixes or fewer (كاظمي, بالكاظمي).

    ال comes off only when three letters remain, as the clitics do in ``word_forms``:
    الله and الذي stay whole instead of meeting every له and ذي.

    Cached: a corpus repeats its words, and normalizing each occurrence anew would cost
    most of the index's build time.
    """
    forms = word_forms(word.lower())
    for form in forms:  # the list grows while it is walked: each new form is stripped too
        bare = [without_article(form)] if len(form) > 4 else []
        for new in (*word_forms(form), *bare):
            if new not in forms:
                forms.append(new)
    return tuple(forms)


def index_words(text: str) -> str:
    """A text as the words Pagefind indexes: each word followed by its other forms."""
    return " ".join(form for word in key(text).split() for form in search_forms(word))


@dataclass
class Record:
    """One page as the search index sees it."""

    path: str
    """Output path of the page (``ar/sheets/<slug>/index.html``), which gives its URL."""
    language: str
    kind: str
    """``sheet``, ``people``, ``organizations`` or ``places``: the page labels it."""
    title: str
    names: list[str]
    """Texts that name the page (title, aliases): they weigh most in the ranking."""
    texts: list[str]
    """Everything else a reader may search for, readable: snippets are cut from it."""

    def digest(self) -> bytes:
        """Digest of everything the record's document is made from."""
        return _digest_of((self.path, self.language, self.kind, self.title, self.names,
                           self.texts))

    def size(self) -> int:
        """About how many bytes its document takes: the text readable and as indexed
        words with their other forms, Arabic letters taking two bytes each."""
        return 4 * (len(self.title) + sum(map(len, self.names)) + sum(map(len, self.texts)))

    def html(self) -> str:
        """The record as a document Pagefind indexes: normalized words in the body,
        readable title and text as metadata, outside the body so they are not indexed."""
        names = _once(index_words(" ".join(self.names)))
        text = " ".join(self.texts)
        return (f'<!DOCTYPE html><html lang="{escape(self.language)}"><head>'
                f'<meta charset="utf-8"></head><body><main data-pagefind-body>'
                f'<h1 data-pagefind-weight="{NAME_WEIGHT[self.kind]}">{escape(names)}</h1>'
                f'<p>{escape(index_words(text))}</p></main>'
                f'<p data-pagefind-meta="title">{escape(self.title)}</p>'
                f'<p data-pagefind-meta="kind">{escape(self.kind)}</p>'
                f'<p data-pagefind-meta="text">{escape(text)}</p></body></html>')


def records(site: Site) -> Iterator[Record]:
    """Every sheet and entity page, in every site language."""
    return (make() for _, _, make in _entries(site))


Entry = tuple[str, bytes, Callable[[], Record]]
"""(page path, digest of what its record is made from, what makes the record)."""


def _entries(site: Site) -> Iterator[Entry]:
    """Every record, made only when asked for: a sheet's record is made from the sheet's
    file alone, so the file's digest names it without making it (reading a big site's
    every text to know that nothing changed took most of an edit's search work)."""
    for language in site.settings.languages:
        for sheet in site.sheets:
            path = urls.page_path("sheet", language, sheet.slug)
            make = partial(_sheet_record, sheet, language)
            file = sheet.document.digest
            made_of = _digest_of(("sheet", path, language, file)) if file else make().digest()
            yield path, made_of, make
        for entity in site.entities.values():
            record = _entity_record(entity, language)
            yield record.path, record.digest(), partial(_same, record)


def _same(record: Record) -> Record:
    """An entity's record, made already (its digest needs its texts), as its own maker."""
    return record


def _digest_of(made_of: tuple) -> bytes:
    return hasher(repr(made_of).encode()).digest()


def _sheet_record(sheet: Sheet, language: str) -> Record:
    """A sheet is found by its title, summary (Markdown, as read), claims, quotes and
    original text."""
    facts = [fact.text for fact in (*sheet.claims, *sheet.quotes)]
    texts = [*facts, *(sentence.text for sentence in sheet.text)]
    return Record(urls.page_path("sheet", language, sheet.slug), language, "sheet",
                  _title(sheet.title, language), [_in(sheet.title, language)],
                  [markdown_text(_in(sheet.summary, language)),
                   *(_in(text, language) for text in texts)])


def _entity_record(entity: Entity, language: str) -> Record:
    """An entity is found by its name and aliases; its role or description is the snippet."""
    texts = [_in(entity.role, language), _in(entity.description, language)]
    return Record(urls.page_path(entity.kind, language, entity.id), language, entity.kind,
                  _title(entity.name, language),
                  [_in(entity.name, language), *entity.aliases.get(language, [])],
                  [t for t in texts if t])


def _once(words: str) -> str:
    """Each word once: an alias repeating the name (الكاظمي in مصطفى الكاظمي) must not
    count twice and lift a short entity page above the sheet whose title names it."""
    return " ".join(dict.fromkeys(words.split()))


def _in(text: Text, language: str) -> str:
    """The text in the page's language only: another language would leak into the index."""
    return text.get(language, "").strip()


def _title(text: Text, language: str) -> str:
    """The result's link text: an untranslated title is shown in its own language, as its
    page shows it, rather than as an empty link; it is not indexed in the other one."""
    return _in(text, language) or next((v.strip() for v in text.values() if v.strip()), "")


def shard_count(site: Site) -> int:
    """How many Pagefind indexes the site's records are spread over (see SHARD_RECORDS)."""
    pages = len(site.settings.languages) * (len(site.sheets) + len(site.entities))
    return max(1, math.ceil(pages / SHARD_RECORDS))


@lru_cache(maxsize=1 << 16)
def _shard(path: str, count: int) -> int:
    """The shard of a record, by its page whatever the language (``ar/sheets/x/...`` and
    ``en/sheets/x/...`` go together), so that it stays put while the site grows. Cached
    (within bounds: a preview server's pages come and go): a preview server asks for every
    page's at every build."""
    page = path.split("/", 1)[-1].encode("utf-8")
    return int.from_bytes(hashlib.blake2b(page, digest_size=8).digest(), "big") % count


def shard_folders(site: Site) -> list[str]:
    """The ``site/`` folder of every index, the main one (with Pagefind's script) first;
    the search page merges the others into it."""
    count = shard_count(site)
    language = site.settings.languages[0]
    pages = [urls.page_path("sheet", language, sheet.slug) for sheet in site.sheets]
    pages += [urls.page_path(e.kind, language, e.id) for e in site.entities.values()]
    used = len({_shard(page, count) for page in pages}) or 1
    return [_folder(n) for n in range(used)]


def _folder(number: int) -> str:
    """The ``site/`` folder of the index of the ``number``th non-empty shard."""
    return INDEX_FOLDER if number == 0 else f"{INDEX_FOLDER}-{number}"


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

    A big site is split into shards of about SHARD_RECORDS records, each its own Pagefind
    index. Given the last build (``previous``), a shard whose documents are unchanged is
    not indexed again: its index is taken from the old site, as unchanged pages are; with a
    ``cache`` folder each record's document is kept too. A one-sheet edit then normalizes
    two records and runs Pagefind over one shard.
    """

    def __init__(self, site: Site, cache: Path | None = None, previous: Previous | None = None,
                 later: bool = False):
        """``later``: while the indexes stay in the same folders, publish the old site's
        as they were and leave any new ones to the next build (``deferred`` says so): a
        preview server shows an edit's pages before its search."""
        self.site = site
        self.cache = cache
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
            if path.startswith(INDEX_FOLDER):  # assets/pagefind-3/index/... -> assets/pagefind-3
                self.published.setdefault("/".join(path.split("/", 2)[:2]), []).append(path)
        if self.later and self._defer():
            return
        count = shard_count(self.site)
        by_number: dict[int, list[Entry]] = {}
        for entry in _entries(self.site):
            by_number.setdefault(_shard(entry[0], count), []).append(entry)
        shards = [shard for _, shard in sorted(by_number.items())] or [[]]
        self.shards = {_digest(shard): _folder(n) for n, shard in enumerate(shards)}
        stale = [(digest, [(path, made_of, make()) for path, made_of, make in shard])
                 for digest, shard in zip(self.shards, shards, strict=True)
                 if not self._published_before(digest)]  # only their records are made
        self.scratch = tempfile.TemporaryDirectory(prefix="search-", dir=_scratch_root(
            sum(record.size() for _, shard in stale for _, _, record in shard)))
        with closing(Kept(self.cache, "search-records")) as documents:
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
        if previous is None or sorted(previous.shards.values()) != sorted(shard_folders(
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
            main = folder == INDEX_FOLDER
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


def _write_documents(pages: Path, shard: list[tuple[str, bytes, Record]], kept: Kept) -> None:
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
