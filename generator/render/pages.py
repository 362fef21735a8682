"""Jinja templates + the typed site -> (output path, HTML) pairs. No file is written here.

Every page gets one ``PageContext`` (``context.py``) and what its kind shows
(``page_kinds.py``). Autoescaping is on everywhere and undefined values fail loudly.
"""

from __future__ import annotations

import shutil
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MethodType
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    meta,
)
from jinja2.runtime import Context

from generator.errors import BuildError
from generator.model.site import Site
from generator.render import urls
from generator.render.citations import cited_by
from generator.render.context import NotFoundContext, PageContext
from generator.render.csp import PLACEHOLDER, apply_policy
from generator.render.i18n import Formatter, load_strings
from generator.render.jsonld import page_data, script_data
from generator.render.page_kinds import KINDS, page_key
from generator.render.sheet_view import SheetView

DrawMap = Callable[[PageContext, str, dict[str, Any]], Any]
"""Draws the map of a kind of page (its name in ``page_kinds``), given what the page shows."""


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

    from generator.digests import code_signature, digest

    name = digest(f"{code_signature()} jinja2={version('jinja2')}".encode())
    folder = cache / "templates" / name
    for other in folder.parent.glob("*") if folder.parent.is_dir() else ():
        if other.name != name:
            shutil.rmtree(other, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


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

    def __init__(self, site: Site, dirs: tuple[Path, ...], cache: Path | None = None,
                 draw_map: DrawMap | None = None):
        """``cache``: the build cache, where compiled templates are kept; ``draw_map``:
        what draws the map a kind of page shows (``maps.page_maps.page_map``; without
        it, pages show none)."""
        self.site = site
        self.env = make_environment(dirs, cache)
        self.dirs = dirs
        self.draw_map = draw_map
        self.strings = {lang: load_strings(dirs, lang) for lang in site.settings.languages}
        self.formatters = {lang: Formatter(lang, site.settings.locales.get(lang),
                                           site.settings.digits.get(lang),
                                           site.settings.arabic_months)
                           for lang in site.settings.languages}

    def page_specs(self) -> list[PageSpec]:
        """Every page of the site, in a stable order: the site's own pages (the landing
        page, and the 404 page the host serves at any missing URL), then each language's,
        kind by kind (``page_kinds.KINDS``)."""
        languages = self.site.settings.languages
        specs = [PageSpec("landing.html", "landing", languages[0]),
                 PageSpec("404.html", "404", languages[0], path="404.html")]
        for language in languages:
            specs += [PageSpec(kind.template, kind.name, language, key)
                      for kind in KINDS.values() if kind.in_language
                      for key in kind.keys(self.site)]
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
        kind = KINDS[spec.kind]
        page = self.context(spec.kind, spec.language, spec.key, spec.path)
        shown = kind.shows(self.site, spec.key)
        sheet, entity = shown.get("sheet"), shown.get("entity")
        shown["map"] = (self.draw_map(page, kind.map, shown)
                        if kind.map and self.draw_map else None)
        if sheet is not None:
            shown["view"] = SheetView(page, sheet)
            shown["cited_by"] = cited_by(page, sheet)
        shown["jsonld"] = script_data(page_data(page, sheet, entity))
        shown["strings"] = self.strings  # every language's: the bilingual root pages
        try:
            html = self.env.get_template(spec.template).render(page=page, site=self.site,
                                                               **shown)
        except TemplateError as error:
            raise BuildError(_template_message(spec.template, error)) from error
        return page.path, apply_policy(html, self.site.settings.map.tiles,
                                       self.site.settings.allow)

    def context(self, kind: str, language: str, key: str | None,
                path: str | None = None) -> PageContext:
        """The context of one page, which templates and maps ask for links and texts."""
        path = path or urls.page_path(kind, language, key)
        context = NotFoundContext if kind == "404" else PageContext
        return context(self.site, language, path, kind, key, self.strings[language],
                       self.formatters[language])


def _template_message(template: str, error: TemplateError) -> str:
    """One line naming the template file and line that failed, for template authors."""
    name = getattr(error, "filename", None) or getattr(error, "name", None) or template
    line = getattr(error, "lineno", None)
    if line is None:
        frames = [f for f in traceback.extract_tb(error.__traceback__)
                  if f.filename.endswith(".html")]
        name, line = (frames[-1].filename, frames[-1].lineno) if frames else (name, 0)
    return f"{name}:{line}: template error: {error.message or error}"
