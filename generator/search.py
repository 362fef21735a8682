"""Static full-text search: one Pagefind index per site language, built from the model.

Readers type Arabic with or without diacritics, hamza seats, taa marbuta and attached
prefixes (و، ال، ب، لل...). Pagefind cannot know these spellings are one word, so every
word is indexed under all its normalized forms (``search_forms``), and the search page
normalizes the query the same way before asking Pagefind (``templates/assets/
search-normalize.js`` mirrors ``search_forms``; a test keeps the two in agreement).

The index holds normalized words only; the readable title and text travel as Pagefind
metadata, from which the page cuts a snippet in the page's language. The records are
written as tiny HTML documents into a scratch folder and indexed by one run of the Pagefind
program (a record per message to its Python API would take minutes on a thousand sheets).
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import re
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path

from pagefind.service import get_executable

from . import urls
from .errors import BuildError
from .extract.normalize import key, without_article, word_forms
from .incremental import code_signature
from .model import Entity, Sheet, Site, Text

INDEX_FOLDER = "assets/pagefind"
"""Where the index and Pagefind's own script live under ``site/``."""
ENTRY = "pagefind-entry.json"
NAME_WEIGHT = {"sheet": 10, "people": 5, "organizations": 5, "places": 5}
"""Pagefind weight of the words that name a page (others weigh 1). A sheet, the site's main
document, outranks the entity pages that match as well."""
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
    for language in site.settings.languages:
        for sheet in site.sheets:
            yield _sheet_record(sheet, language)
        for entity in site.entities.values():
            yield _entity_record(entity, language)


def _sheet_record(sheet: Sheet, language: str) -> Record:
    """A sheet is found by its title, summary, claims, quotes and original text."""
    facts = [fact.text for fact in (*sheet.claims, *sheet.quotes)]
    texts = [sheet.summary, *facts, *(sentence.text for sentence in sheet.text)]
    return Record(urls.page_path("sheet", language, sheet.slug), language, "sheet",
                  _title(sheet.title, language), [_in(sheet.title, language)],
                  [_in(text, language) for text in texts])


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


def search_files(site: Site) -> dict[str, bytes]:
    """The search index and Pagefind's script, as ``site/`` paths -> bytes."""
    index = SearchIndex(site)
    try:
        return index.files()
    finally:
        index.close()


class SearchIndex:
    """Pagefind indexing the site's records in its own process while the build goes on:
    started early, collected by ``files()``.

    With a cache folder, each record's document is kept by a digest of what it is made
    from, so a build after a one-sheet edit normalizes only the records that changed.
    """

    def __init__(self, site: Site, cache: Path | None = None):
        self.scratch = tempfile.TemporaryDirectory(prefix="search-")
        pages, self.output = Path(self.scratch.name, "pages"), Path(self.scratch.name, "index")
        documents = RecordCache(cache)
        for record in records(site):
            target = pages / record.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(documents.html(record), encoding="utf-8")
        documents.save()
        self.process = _start_pagefind(pages, self.output)

    def files(self) -> dict[str, bytes]:
        """The index's files, once Pagefind has written them."""
        _, errors = self.process.communicate()
        if self.process.returncode != 0:
            raise BuildError(f"search: Pagefind failed: {errors.strip()[:300]}")
        output = self.output
        unused = _unused_wasm(output)
        return {f"{INDEX_FOLDER}/{path.relative_to(output).as_posix()}": _stable(path)
                for path in sorted(output.rglob("*"))
                if path.is_file() and not UNUSED.match(path.name) and path.name not in unused}

    def close(self) -> None:
        """Stop Pagefind if it still runs (the build failed elsewhere) and remove its
        scratch folder."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.scratch.cleanup()


class RecordCache:
    """Record documents of the last build by digest (``.build-cache/search-records``);
    marshal, as the document cache, for speed and because loading it runs no code."""

    def __init__(self, folder: Path | None):
        self.path = folder / "search-records" if folder else None
        self.old: dict[bytes, str] = {}
        self.new: dict[bytes, str] = {}
        if self.path is not None:
            try:
                signature, self.old = marshal.loads(self.path.read_bytes())
            except (OSError, ValueError, EOFError, TypeError):
                self.old = {}
            else:
                self.old = self.old if signature == code_signature() else {}

    def html(self, record: Record) -> str:
        made_of = repr((record.path, record.language, record.kind, record.title,
                        record.names, record.texts))
        digest = hashlib.blake2b(made_of.encode("utf-8"), digest_size=16).digest()
        html = self.old.get(digest)
        if html is None:
            html = record.html()
        self.new[digest] = html
        return html

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(".search-records.tmp")
        temporary.write_bytes(marshal.dumps((code_signature(), self.new)))
        os.replace(temporary, self.path)


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


def _start_pagefind(pages: Path, output: Path) -> subprocess.Popen:
    """Start the Pagefind program over the record documents; it writes the index into
    ``output``. The program is used rather than its Python service: the service is stopped
    as soon as it answers, sometimes before the last files are written (an empty entry file,
    a missing fallback wasm), which made builds fail or differ."""
    program = get_executable()
    if program is None:
        raise BuildError("search: Pagefind's program is missing: pip install 'pagefind[bin]'")
    return subprocess.Popen([str(program), "--site", str(pages), "--output-path", str(output),
                             "--silent"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
