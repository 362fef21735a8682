"""Each page's search record: what a sheet or an entity page is found by, in one language.

The index holds normalized words only (``words.index_words``); the readable title and text
travel as Pagefind metadata, from which the search page cuts a snippet in the page's
language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from html import escape

from generator.digests import hasher
from generator.model.facts import Entity, Sheet
from generator.model.site import Site
from generator.model.text import Text
from generator.render import urls
from generator.render.markup import markdown_text
from generator.search.words import index_words

NAME_WEIGHT = {"sheet": 10, "people": 5, "organizations": 5, "places": 5}
"""Pagefind weight of the words that name a page (others weigh 1). A sheet, the site's main
document, outranks the entity pages that match as well."""

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
    return (make() for _, _, make in entries(site))


Entry = tuple[str, bytes, Callable[[], Record]]
"""(page path, digest of what its record is made from, what makes the record)."""


def entries(site: Site) -> Iterator[Entry]:
    """Every record, made only when asked for: a sheet's record is made from the sheet's
    file alone, so the file's digest names it without making it (reading a big site's
    every text to know that nothing changed took most of an edit's search work)."""
    for language in site.settings.languages:
        for sheet in site.sheets:
            path = urls.page_path("sheet", language, sheet.slug)
            make = partial(_sheet_record, sheet, language)
            file = sheet.file.digest
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
