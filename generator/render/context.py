"""What a template knows about the page it renders (``PageContext``): its language and
place in the site, and helpers for links, texts, dates and numbers, so that templates
ask instead of computing them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from jinja2 import TemplateRuntimeError
from markupsafe import Markup, escape

from generator.model.drafts import sheet_key
from generator.model.facts import Entity, Sheet
from generator.model.site import Site
from generator.model.text import Text
from generator.render import urls
from generator.render.i18n import (
    Formatter,
    direction,
    language_name,
    mark_foreign_runs,
    quotation_marks,
)
from generator.render.markup import render_markdown
from generator.render.page_kinds import archive_key, page_key, search_folders


@dataclass
class PageContext:
    """What a template knows about the page it renders: language, place, helpers."""

    site: Site
    language: str
    path: str
    """Output path of this page, relative to ``site/``."""
    kind: str
    key: str | None
    strings: dict[str, str]
    formatter: Formatter

    @property
    def dir(self) -> str:
        return direction(self.language)

    @property
    def draft(self) -> bool:
        """Whether this page is a draft's, shown only in a preview (banner, ``noindex``)."""
        return self.site.is_draft(page_key(self.kind, self.key))

    def is_draft(self, sheet: Sheet) -> bool:
        """Whether a sheet listed on this page is a draft (only in a preview)."""
        return self.site.is_draft(sheet_key(sheet.slug))

    @staticmethod
    def direction(language: str) -> str:
        return direction(language)

    @staticmethod
    def language_name(language: str) -> str:
        return language_name(language)

    def link(self, kind: str, key: str | None = None, language: str | None = None) -> str:
        """Relative URL of another page (same language unless told)."""
        return self.file(urls.page_path(kind, language or self.language, key))

    def file(self, path: str) -> str:
        """Relative URL of any output file (path relative to ``site/``)."""
        return urls.href(self.path, path)

    def asset(self, name: str) -> str:
        return self.file(f"assets/{name}")

    def absolute_link(self, kind: str, key: str | None = None,
                      language: str | None = None) -> str:
        """Absolute URL of another page, in this language unless told (structured data,
        feeds, alternates)."""
        target = urls.page_path(kind, language or self.language, key)
        return urls.absolute(self.site.settings.base_url, target)

    def locale_of(self, language: str) -> str:
        """The Open Graph locale (ar_IQ, en_GB) of a site language."""
        return self.site.settings.locales.get(language, language)

    def search_indexes(self) -> list[str]:
        """Relative URLs of the search indexes the search page merges into the main one."""
        return [self.file(folder + "/") for folder in search_folders(self.site)[1:]]

    def archive_link(self, number: int = 1) -> str:
        """Relative URL of a page of the archive (every sheet, newest first)."""
        return self.link("archive", archive_key(number))

    def data(self, name: str) -> str:
        """Relative URL of a file of the machine-readable exports (site/data/)."""
        return self.file(f"data/{name}")

    def feed(self) -> str:
        return self.file(urls.feed_path(self.language))

    def canonical(self, language: str | None = None) -> str:
        target = urls.page_path(self.kind, language or self.language, self.key)
        return urls.absolute(self.site.settings.base_url, target)

    def t(self, key: str) -> str:
        """An interface string in the page's language (plain: also used in attributes)."""
        try:
            return self.strings[key]
        except KeyError:  # a template of the project's asks for a string no file has
            raise TemplateRuntimeError(f"no interface string {key!r} for "
                                       f"{self.language!r} in i18n/{self.language}.yml"
                                       ) from None

    def ui(self, key: str) -> Markup:
        """An interface string for running text, other-script words marked (GeoNames)."""
        return mark_foreign_runs(self.t(key), self.dir, self.other_language)

    @cached_property
    def other_language(self) -> str:
        """The language assumed for runs of the other script: the first site language of
        the other direction."""
        others = [lang for lang in self.site.settings.languages if direction(lang) != self.dir]
        return others[0] if others else ("en" if self.dir == "rtl" else "ar")

    def tr(self, text: Text) -> Markup:
        """A content text in the page's language; a missing one is marked, never swapped."""
        value = quotation_marks(text.get(self.language, "").strip(), self.language)
        if value:
            return mark_foreign_runs(value, self.dir, self.other_language)
        for other, original in text.items():
            if original.strip():
                return Markup('<span class="untranslated" title="{}"><bdi lang="{}" dir="{}">{}'
                              '</bdi> <small>({})</small></span>').format(
                    self.t("untranslated_title"), other, direction(other), original,
                    self.t("untranslated"))
        return Markup("")

    def plain(self, text: Text) -> str:
        """The text as the page shows it, without markup: for attributes, structured data,
        feeds and map labels."""
        return _without_tags(self.tr(text))

    def md(self, text: Text) -> Markup:
        """A Markdown text in the page's language, sanitized."""
        value = quotation_marks(text.get(self.language, "").strip(), self.language)
        return render_markdown(value) if value else self.tr(text)

    def date(self, value: str) -> str:
        return self.formatter.date(value)

    def number(self, value: float | int) -> str:
        return self.formatter.number(value)

    def count(self, key: str, value: int) -> str:
        """``value`` things in words: the string ``<key>_<plural category>`` with its
        ``{count}`` in the page's digits. Arabic nouns take six forms by number (واحد،
        اثنان، 3-10، 11-99...), English two; a missing category falls back to ``other``."""
        category = self.formatter.plural(value)
        text = self.strings.get(f"{key}_{category}") or self.t(f"{key}_other")
        return text.replace("{count}", self.number(value))

    def sentence_links(self, ids: list[str], base: str = "") -> Markup:
        """Links to the numbered sentences a fact comes from (``s3`` -> "3", in the page's
        digits). Built here rather than by a template macro: a sheet page has hundreds,
        and the macro calls cost more than the rest of the page. Every value is escaped
        on its way in, as autoescaping would."""
        label, base = escape(self.strings["sentence_link"]), escape(base)
        links = []
        for sid in ids:
            number = escape(self.number(int(sid[1:])))
            links.append(f'<a class="ref" href="{base}#{escape(sid)}" title="{label} {number}"'
                         f' aria-label="{label} {number}">{number}</a>')
        return Markup(f'<span class="refs">{"".join(links)}</span>')

    def entity(self, entity_id: str) -> Entity:
        return self.site.entities[entity_id]

    def entity_name(self, entity_id: str) -> Markup:
        """The entity's name in the page's language, linked to its page (a helper, not a
        macro, for the reason given at ``sentence_links``)."""
        name = self.tr(self.site.entities[entity_id].name)
        return Markup(f'<a href="{escape(self.entity_link(entity_id))}">{name}</a>')

    def entity_link(self, entity_id: str) -> str:
        entity = self.site.entities[entity_id]
        return self.link(entity.kind, entity.id)

    def kind_label(self, entity: Entity) -> str:
        return self.strings.get(f"kind_{entity.category}", entity.category)

    def alternates(self) -> list[tuple[str, str, str]]:
        """(language, its own name, relative URL) of this page in every site language."""
        return [(lang, language_name(lang), self.link(self.kind, self.key, lang))
                for lang in self.site.settings.languages]


@lru_cache(maxsize=1 << 13, typed=True)
def _without_tags(html: Markup) -> str:
    """Cached: a sheet's title and its entities' names are needed plain on many pages."""
    return str(html.striptags())


class NotFoundContext(PageContext):
    """The 404 page: the host serves it at any missing URL, at any depth, so its links start
    at the site's root path (from ``base_url``) instead of being relative."""

    def file(self, path: str) -> str:
        return urls.rooted(self.root, path)

    @property
    def root(self) -> str:
        return urls.root_path(self.site.settings.base_url)
