"""Jinja templates + the typed site -> (output path, HTML) pairs. No file is written here.

Every page gets one ``PageContext`` that knows the page's language and place in the site,
so templates ask it for links, texts, dates and numbers instead of computing them.
Autoescaping is on everywhere and undefined values fail loudly.
"""

from __future__ import annotations

import math
import shutil
import traceback
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from types import MethodType

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateRuntimeError,
    meta,
)
from jinja2.runtime import Context
from markupsafe import Markup, escape

from generator.errors import BuildError
from generator.maps import page_maps
from generator.model.drafts import sheet_key
from generator.model.site import Entity, Sheet, Site, Text
from generator.outputs.feeds import atom_feed
from generator.render import urls
from generator.render.citations import cited_by
from generator.render.csp import PLACEHOLDER, apply_policy
from generator.render.i18n import (
    Formatter,
    direction,
    language_name,
    load_strings,
    mark_foreign_runs,
    quotation_marks,
)
from generator.render.jsonld import page_data, script_data
from generator.render.markup import render_markdown
from generator.render.sheet_view import SheetView

ENTITY_KINDS = ("people", "organizations", "places")
HOME_SHEETS = 20
"""Sheets the home page shows as cards, newest first; the archive lists them all."""
ARCHIVE_PAGE = 100
"""Sheets per archive page: a newsroom's thousands of sheets in pages a phone can load."""


def make_environment(dirs: tuple[Path, ...], cache: Path | None = None) -> Environment:
    """The templates' environment; with a ``cache`` folder, compiled templates are kept
    there (Jinja checks each against its source), which spares an edit a third of a
    second of compiling."""
    compiled = None
    if cache is not None:
        compiled = FileSystemBytecodeCache(str(_compiled_folder(cache)))
    env = Environment(loader=ChoiceLoader([FileSystemLoader(str(d)) for d in dirs]),
                      autoescape=True, undefined=StrictUndefined, trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=True,
                      bytecode_cache=compiled)
    env.globals["content_security_policy"] = PLACEHOLDER
    env.context_class = _TemplateContext
    return env


class _TemplateContext(Context):
    """Jinja's context, calling the page's own helpers (``page.tr``, ``page.link``...)
    straight away: Jinja asks every callable whether it wants the context passed in, a
    dozen attribute lookups that cost a page more than the call (a sheet page makes
    hundreds). A helper marked to want it (``pass_context``...) and anything else is
    called the usual way."""

    def call(__self, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        if (type(__obj) is MethodType and isinstance(__obj.__self__, PageContext)
                and "jinja_pass_arg" not in __obj.__func__.__dict__):
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:  # as Jinja answers it
                return __self.environment.undefined("value was undefined because a callable"
                                                    " raised a StopIteration exception")
        return super().call(__obj, *args, **kwargs)


def _compiled_folder(cache: Path) -> Path:
    """The folder of compiled templates for this code and this Jinja (``templates/<id>``
    in the build cache): the environment's options are code, and Jinja checks only each
    template's source. Folders of other code are removed."""
    from importlib.metadata import version

    from generator.cache.fingerprints import code_signature, digest

    name = digest(f"{code_signature()} jinja2={version('jinja2')}".encode())
    folder = cache / "templates" / name
    for other in folder.parent.glob("*") if folder.parent.is_dir() else ():
        if other.name != name:
            shutil.rmtree(other, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


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
        from generator.search.index import shard_folders

        return [self.file(folder + "/") for folder in shard_folders(self.site)[1:]]

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


def page_key(kind: str, key: str | None) -> str:
    """The key ``Site.is_draft`` knows a sheet's or entity's page by ("" for others)."""
    if kind == "sheet":
        return sheet_key(key)
    return key if kind in ENTITY_KINDS else ""


def archive_key(number: int) -> str | None:
    """The page key of archive page ``number``: the first is the archive folder itself."""
    return None if number == 1 else str(number)


def archive_pages(site: Site) -> int:
    return max(1, math.ceil(len(site.sheets) / ARCHIVE_PAGE))


def archive_sheets(site: Site, key: str | None) -> tuple[list[Sheet], int]:
    """The sheets of the archive page with this key, and how many pages there are."""
    start = (int(key or 1) - 1) * ARCHIVE_PAGE
    return site.newest_first[start:start + ARCHIVE_PAGE], archive_pages(site)


class NotFoundContext(PageContext):
    """The 404 page: the host serves it at any missing URL, at any depth, so its links start
    at the site's root path (from ``base_url``) instead of being relative."""

    def file(self, path: str) -> str:
        return urls.rooted(self.root, path)

    @property
    def root(self) -> str:
        return urls.root_path(self.site.settings.base_url)


@dataclass(frozen=True)
class PageSpec:
    """One page to render: small and picklable, so that worker processes can be sent it."""

    template: str
    kind: str
    language: str
    key: str | None = None
    """The sheet's slug or the entity's id; None for pages of which there is one."""
    path: str | None = None
    """Output path when it is not the kind's usual one (the root 404 page)."""
    output: str = field(init=False)
    """Output path, relative to ``site/``: worked out once, since an edit's build asks
    for every page's again and again."""

    def __post_init__(self) -> None:
        output = self.path or urls.page_path(self.kind, self.language, self.key)
        object.__setattr__(self, "output", output)  # frozen: the dataclass documented way


class Renderer:
    """Renders every page of the site for every language."""

    def __init__(self, site: Site, dirs: tuple[Path, ...], cache: Path | None = None):
        """``cache``: the build cache, where compiled templates are kept."""
        self.site = site
        self.env = make_environment(dirs, cache)
        self.dirs = dirs
        self.strings = {lang: load_strings(dirs, lang) for lang in site.settings.languages}
        self.formatters = {lang: Formatter(lang, site.settings.locales.get(lang),
                                           site.settings.digits.get(lang),
                                           site.settings.arabic_months)
                           for lang in site.settings.languages}
        self._sheets = {sheet.slug: sheet for sheet in site.sheets}

    def page_specs(self) -> list[PageSpec]:
        """Every page of the site, in a stable order; a new kind of page is appended here."""
        default = self.site.settings.languages[0]
        specs = [PageSpec("landing.html", "landing", default),
                 PageSpec("404.html", "404", default, path="404.html")]
        for language in self.site.settings.languages:
            specs += [PageSpec("home.html", "home", language),
                      PageSpec("about.html", "about", language),
                      PageSpec("map.html", "map", language),
                      PageSpec("search.html", "search", language),
                      PageSpec("404.html", "404", language)]
            specs += [PageSpec("archive.html", "archive", language, archive_key(number))
                      for number in range(1, archive_pages(self.site) + 1)]
            specs += [PageSpec("sheet.html", "sheet", language, sheet.slug)
                      for sheet in self.site.sheets]
            specs += [PageSpec("entity.html", entity.kind, language, entity.id)
                      for entity in self.site.entities.values()]
        return specs

    @cached_property
    def draft_pages(self) -> set[str]:
        """Output paths of the drafts' pages (a preview's): never in the sitemap."""
        return {spec.output for spec in self.page_specs()
                if self.site.is_draft(page_key(spec.kind, spec.key))}

    def templates_using(self, names: set[str], pages: set[str]) -> set[str]:
        """The page templates among ``pages`` that are one of ``names`` or use one: extend,
        include or import it, at any depth (a template named by an expression may be any,
        so it counts as using them)."""
        return {page for page in pages if names and self._uses(page, names, set())}

    def _uses(self, template: str, names: set[str], seen: set[str]) -> bool:
        if template in names:
            return True
        if template in seen:
            return False
        seen.add(template)
        source = self.env.loader.get_source(self.env, template)[0]
        return any(used is None or self._uses(used, names, seen)
                   for used in meta.find_referenced_templates(self.env.parse(source)))

    def render(self, spec: PageSpec) -> tuple[str, str]:
        """(output path, HTML) of one page."""
        extra = {}
        if spec.kind == "sheet":
            extra["sheet"] = self._sheets[spec.key]
        elif spec.kind in ENTITY_KINDS:
            extra["entity"] = self.site.entities[spec.key]
        elif spec.kind == "home":
            extra["latest"] = self.site.newest_first[:HOME_SHEETS]
        elif spec.kind == "archive":
            number = int(spec.key or 1)
            sheets, count = archive_sheets(self.site, spec.key)
            extra.update(sheets=sheets, number=number, count=count,
                         first=(number - 1) * ARCHIVE_PAGE + 1)
        return self._render(spec.template, spec.kind, spec.language, spec.key, spec.path,
                            **extra)

    def feed(self, language: str) -> bytes:
        """The Atom feed of a language."""
        return atom_feed(self.context("home", language, None))

    def context(self, kind: str, language: str, key: str | None,
                path: str | None = None) -> PageContext:
        """The context of one page, which templates and maps ask for links and texts."""
        path = path or urls.page_path(kind, language, key)
        context = NotFoundContext if kind == "404" else PageContext
        return context(self.site, language, path, kind, key, self.strings[language],
                       self.formatters[language])

    def _render(self, template: str, kind: str, language: str, key: str | None,
                path: str | None = None, **extra) -> tuple[str, str]:
        page = self.context(kind, language, key, path)
        path = page.path
        extra["map"] = (page_maps.sheet_map(page, extra["sheet"]) if kind == "sheet"
                        else page_maps.place_map(page, extra["entity"]) if kind == "places"
                        else page_maps.site_map(page) if kind == "map"
                        else None)
        if kind == "sheet":
            extra["view"] = SheetView(page, extra["sheet"])
        extra["jsonld"] = script_data(page_data(page, extra.get("sheet"), extra.get("entity")))
        extra["strings"] = self.strings  # every language's: the bilingual root pages
        if kind == "sheet":
            extra["cited_by"] = cited_by(page, extra["sheet"])
        try:
            html = self.env.get_template(template).render(page=page, site=self.site, **extra)
        except TemplateError as error:
            raise BuildError(_template_message(template, error)) from error
        return path, apply_policy(html, self.site.settings.map.tiles, self.site.settings.allow)


def _template_message(template: str, error: TemplateError) -> str:
    """One line naming the template file and line that failed, for template authors."""
    name = getattr(error, "filename", None) or getattr(error, "name", None) or template
    line = getattr(error, "lineno", None)
    if line is None:
        frames = [f for f in traceback.extract_tb(error.__traceback__)
                  if f.filename.endswith(".html")]
        name, line = (frames[-1].filename, frames[-1].lineno) if frames else (name, 0)
    return f"{name}:{line}: template error: {error.message or error}"
