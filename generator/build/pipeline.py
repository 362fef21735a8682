"""The build, step by step: load -> check -> model -> render -> write.

Builds are incremental (``incremental.py``): when no input changed since the last build,
nothing is imported beyond this module's few and nothing is written; otherwise unchanged
files are not parsed again (``doccache.py``), every page whose inputs changed is rendered,
in worker processes when there are many (``pool.py``), unchanged search shards are not
indexed again (``search.py``), and the new site is assembled beside the old one and
swapped in at once (``writer.py``). The result is always byte for byte what a clean build
would write.
"""

from __future__ import annotations

import functools
import gc
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.build import staging
from generator.build.staging import Staging, read_assets
from generator.cache import fingerprints
from generator.content.project import Documents, Project
from generator.digests import digest
from generator.errors import BuildError, ContentError, Problem
from generator.outputs.files import Streamed, Unread
from generator.render import urls
from generator.render.theme import changed_templates, template_dirs

SEARCH_PENDING = "search indexes pending"
"""Recorded among the inputs when a build left the search indexes as they were: no scan
finds it, so the next build is never taken as a no-op."""

if TYPE_CHECKING:
    from generator.cache.documents import DocumentCache
    from generator.cache.serve_memory import Recall
    from generator.content.loader import Document
    from generator.maps.templates import Drawing
    from generator.model.site import Site
    from generator.search.pagefind import SearchIndex


@dataclass
class BuildResult:
    pages: int
    """HTML pages in the site."""
    files: int
    """All files in the site, assets included."""
    warnings: list[Problem]
    rendered: int = 0
    """Pages rendered by this build (the others were unchanged)."""
    seconds: float = 0.0
    up_to_date: bool = False
    """True when nothing had changed since the last build, which wrote nothing."""
    left_out: int = 0
    """Draft sheets left out of the site."""
    search_pending: bool = False
    """True when the search indexes are the last build's: the next build updates them."""


def load_and_check(project: Project, strict: bool = False, cache: DocumentCache | None = None
                   ) -> tuple[Documents, list[Problem]]:
    """The parsed content and every problem in it, sorted by file and line.

    With a ``cache``, unchanged files come from it and the checked ones are kept in it.
    """
    from generator.checks.checker import CheckedContent  # jsonschema: only when content is read

    content = CheckedContent(project, strict, cache)
    sheets = {slug: document for slug, document, _ in content.sheets()}
    return Documents(content.files.site, content.files.registries, sheets), content.problems()


def load_site_model(project: Project, cache: DocumentCache, recall: Recall | None = None,
                    drafts: bool = False) -> tuple[Site, list[Problem]]:
    """The checked content as the site's model (with its ``drafts``, or without them),
    and its warnings; raise ContentError on errors. Each sheet is read, checked and made
    part of the model in turn, then its parse is let go: a big site's parsed files are
    never all in memory. With a ``recall`` (a preview server's), unchanged sheets are
    taken from the build before instead."""
    from generator.checks.checker import CheckedContent
    from generator.model.site import sheet_model, site_model

    content = CheckedContent(project, cache=cache)
    sheets = []
    for path in content.files.sheet_paths:
        recalled = recall.take(path, content, cache) if recall is not None else None
        if recalled is not None:
            model = recalled.model
        else:
            document, verdict = content.sheet(path)
            model = sheet_model(path.stem, document) if verdict.fine else None
            _release(document)
            if recall is not None:
                recall.keep(path, content, document, verdict, model)
        if model is not None:
            sheets.append(model)
    problems = content.problems()
    if any(p.is_error for p in problems):
        raise ContentError(problems)
    return (site_model(content.files.site, content.files.registries, sheets, drafts),
            problems)


def build(project: Project, quiet: bool = False, recall: Recall | None = None,
          drafts: bool = False, search_later: bool = False) -> BuildResult:
    """Build ``project`` into its ``site/``; raise ContentError and write nothing on errors.

    ``quiet`` hides the progress line a long build shows on a terminal. ``recall``: what
    the builds before in this process found of the sheets (``recall.py``), for a process
    that builds again and again. ``drafts``: publish the drafts too, marked as such (a
    preview); without it they are left out. ``search_later``: an edit's pages are swapped
    in with the last build's search indexes when only their contents changed
    (``search_pending``), and the next build, not a no-op then, indexes them: a preview
    shows pages first.
    """
    start = time.perf_counter()
    dirs = template_dirs(project.templates)
    inputs = fingerprints.scan_inputs(project, dirs)
    if recall is not None:
        recall.start(inputs, project.seeds)
    with fingerprints.build_lock(project):
        state = fingerprints.load_state(project)
        site_now = fingerprints.site_identity(project.site)
        if (state and site_now and state.inputs == inputs and state.site == site_now
                and state.drafts == drafts):
            if recall is not None and not recall.sheets:
                _prime(project, recall, drafts)
            return BuildResult(state.pages, state.files, state.problems(), 0,
                               time.perf_counter() - start, up_to_date=True,
                               left_out=state.left_out)
        trusted = state is not None and state.site == site_now and bool(site_now)
        result = _build(project, dirs, inputs, state.inputs if trusted else None, quiet,
                        recall, drafts, search_later)
    result.seconds = time.perf_counter() - start
    return result


def _build(project: Project, dirs, inputs: dict, inputs_before: dict | None, quiet: bool,
           recall: Recall | None, drafts: bool, search_later: bool = False) -> BuildResult:
    """Everything but the no-op check: the heavy modules are imported from here on. The
    content is loaded while folium draws the maps no build has drawn yet; ``_make_site``
    does the rest. ``inputs_before``: the last build's (``scan_inputs``), when its records
    match the site it made (None: nothing is taken from it)."""
    from generator.cache.documents import DocumentCache
    from generator.cache.store import Kept
    from generator.maps.templates import Drawing, restore_templates
    from generator.search.pagefind import Previous, SearchIndex

    cache_folder = fingerprints.cache_folder(project)
    trusted = inputs_before is not None
    previous = fingerprints.load_outputs(project) if trusted else {"pages": {}, "files": {}}
    restore_templates(previous.get("maps", {}))
    drawing = Drawing()
    search = None
    try:
        with _collector_paused(), closing(DocumentCache(cache_folder)) as cache:
            cache.known = {path: digest for path, digest in previous.get("sheets", {}).items()
                           if path in inputs and inputs[path] == inputs_before.get(path)}
            site, problems = load_site_model(project, cache, recall, drafts)
            cache.save()
        records = functools.partial(Kept, cache_folder, "search-records")
        search = SearchIndex(site, records, Previous(
            project.site, previous.get("search", {}), previous["files"]), search_later)
        return _make_site(project, dirs, inputs, trusted, quiet, site, problems, previous,
                          drawing, search, drafts)
    finally:
        drawing.stop()
        if search is not None:
            search.close()


def _make_site(project: Project, dirs, inputs: dict, trusted: bool, quiet: bool, site: Site,
               problems: list[Problem], previous: dict, drawing: Drawing, search: SearchIndex,
               drafts: bool) -> BuildResult:
    """Render what changed into a staging folder beside ``site/``, record it, swap it in."""
    from generator.maps.page_maps import page_map
    from generator.maps.templates import saved_templates
    from generator.processes import forks
    from generator.render.pages import Renderer

    cache_folder = fingerprints.cache_folder(project)
    if site.of_kind("places"):
        drawing.finish()  # before the workers fork, so that none imports folium
    renderer = Renderer(site, dirs, cache_folder, page_map)
    specs = renderer.page_specs()
    free = renderer.templates_using(changed_templates(dirs), {spec.template for spec in specs})
    page_prints = fingerprints.page_fingerprints(project, site, inputs, specs, free)
    old_prints = previous.pop("pages")  # held no longer than needed: a big site's are many
    unchanged = {path for path, made_of in page_prints.items() if old_prints.get(path) == made_of}
    del old_prints
    stale = [spec for spec in specs if spec.output not in unchanged]
    if not forks(len(stale)):  # an edit's build, or any build of a preview server
        search.start()  # no workers to fork: Pagefind starts before the spare is taken over
    spare = staging.spare(cache_folder, previous.pop("spare", None))
    staging.clear_leftovers(project.site, cache_folder, spare)
    stage = Staging(project.site, cache_folder, spare)
    try:
        digests = _assemble(stage, renderer, specs, stale, unchanged, previous["files"],
                            search, cache_folder, quiet)
        search.close()  # its runs are over: only its scratch folder is left to remove
        recorded = {**inputs, SEARCH_PENDING: [0, 0]} if search.deferred else inputs
        state = fingerprints.State(recorded, list(stage.identity()), len(specs), len(digests),
                                  [list(astuple(problem)) for problem in problems],
                                  drafts, len(site.left_out))
        retired = previous["files"] if trusted and project.site.is_dir() else None
        fingerprints.save(project, state, {
            "pages": page_prints, "files": digests, "maps": saved_templates(),
            "search": search.shards, "spare": {"folder": stage.spare_name,
                                               "files": digests if retired is None else retired},
            "sheets": {str(sheet.file.path): sheet.file.digest
                       for sheet in site.sheets if sheet.file.digest}})
        stage.commit(digests, retired)
    except BaseException:
        stage.abort()
        raise
    return BuildResult(len(specs), len(digests), problems, len(stale),
                       left_out=len(site.left_out), search_pending=search.deferred)


def _prime(project: Project, recall: Recall, drafts: bool) -> None:
    """Fill an empty ``recall`` from the content as it is (a preview server starting on a
    site that is up to date), so that its first edit reads one sheet too. Nothing is
    written: the cache is read, not saved."""
    from generator.cache.documents import DocumentCache

    with _collector_paused(), closing(DocumentCache(fingerprints.cache_folder(project))
                                      ) as cache:
        load_site_model(project, cache, recall, drafts)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while the content is parsed and the model built,
    then set what was built aside from it (``gc.freeze``) until the next build.

    The collector walks every live object each time enough new ones were made: parsing a
    big site makes millions, none in cycles, and it walked them again and again (a
    third of the model's time at 5,000 sheets). Frozen, the model is neither walked
    during rendering nor written to by the collector in forked workers.
    """
    gc.unfreeze()  # the previous build's model (a preview server builds again and again)
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        gc.freeze()
    finally:
        if enabled:
            gc.enable()


def _release(document: Document) -> None:
    """Let a parse go once the model is made of it: the model keeps what pages need,
    and a big site's parses would otherwise all stay in memory."""
    document.data = None
    document.positions, document.key_positions = {}, {}


def _assemble(staging: Staging, renderer, specs, stale, unchanged: set[str],
              old_digests: dict[str, str], search: SearchIndex, cache: Path, quiet: bool
              ) -> dict[str, str]:
    """Fill ``staging``: the stale pages rendered by workers while this process computes
    the other files, the rest linked from the old site (``unchanged``: the files made from
    the same inputs as last time; ``old_digests``: the digest of each of its files). The
    search index is started here if not before. The digest of every file."""
    from generator.build.progress import Progress
    from generator.build.workers import RenderJob
    from generator.outputs.sitemap import page_dates

    progress = Progress(len(stale), enabled=False if quiet else None)
    job = RenderJob(renderer, staging, stale, progress.advance)  # forks: before any thread
    try:
        search.start()  # if not started before
        job.render_here()  # a few pages, while Pagefind runs
        others = other_files(renderer.site, renderer.dirs, renderer,
                             page_dates(renderer.site, specs), cache, search,
                             {path: old_digests[path] for path in unchanged
                              if path in old_digests})
        with closing(others):
            digests = _write_files(staging, others, old_digests)
        kept, lost = _keep_unchanged_pages(staging, specs, stale, old_digests)
        digests.update(kept)
        digests.update(job.wait())
        digests.update(RenderJob(renderer, staging, lost, progress.advance).wait())
    finally:
        job.stop()
        progress.finish()
    return digests


def other_files(site, dirs, renderer, dates: dict[str, str], cache: Path, search,
                unchanged: dict[str, str]) -> Iterator[tuple[str, bytes | Unread | Streamed]]:
    """Every file that is not a page, computed from the model: add new kinds here.

    Files are given one at a time, to be written at once: a big site's exports and search
    index would otherwise all be held in memory. ``dates``: each page's output path and
    its date in the sitemap (``sitemap.page_dates``). ``search`` is the search index, started
    before: Pagefind works in its own processes meanwhile. ``cache`` is the folder where
    exports are kept between builds. ``unchanged``: path -> last digest of the files made
    from the same inputs as last time (the feeds, when their sheets are the same; the
    sitemap, when the pages are).
    """
    from generator.cache.store import Kept
    from generator.content.schema import schema_files
    from generator.outputs import feeds
    from generator.outputs.exports import export_files
    from generator.outputs.sitemap import SITEMAP, robots, sitemap

    def made(path: str, make: Callable[[], bytes]) -> bytes | Unread:
        return Unread(unchanged[path], make) if path in unchanged else make()

    yield from read_assets(dirs).items()
    for language in site.settings.languages:
        path = urls.feed_path(language)
        yield path, made(path, functools.partial(
            feeds.atom_feed, renderer.context("home", language, None)))
    yield from schema_files().items()
    with closing(Kept(cache, "exports")) as kept:
        yield from export_files(site, kept)
    yield ".nojekyll", b""
    listed = {path: date for path, date in dates.items() if path not in renderer.draft_pages}
    yield SITEMAP, made(SITEMAP, functools.partial(sitemap, site.settings, listed))
    yield "robots.txt", robots(site.settings)
    if site.settings.cname:
        yield "CNAME", (site.settings.cname + "\n").encode("ascii")
    yield from search.files()


def _keep_unchanged_pages(staging: Staging, specs, stale, old_digests: dict
                          ) -> tuple[dict[str, str], list]:
    """Link every page that needs no render from the old site: their digests, and the
    pages that must be rendered after all because someone deleted them from ``site/``."""
    rendered = {spec.output for spec in stale}
    kept, lost = {}, []
    for spec in specs:
        if spec.output in rendered:
            continue
        if staging.keep(spec.output, old_digests[spec.output]):
            kept[spec.output] = old_digests[spec.output]
        else:
            lost.append(spec)
    return kept, lost


def _write_files(staging: Staging, files: Iterator[tuple[str, bytes | Unread | Streamed]],
                 old_digests: dict) -> dict[str, str]:
    """Write the files that changed, link the others from the old site; their digests."""
    digests = {}
    for path, data in files:
        if path in digests:  # writing it twice could write through a link into the old site
            raise BuildError(f"two files would be written to site/{path}: rename the "
                             "template asset that has the name of a generated file")
        if isinstance(data, Streamed):
            digests[path] = staging.write_pieces(path, data.pieces())
            continue
        digests[path] = data.digest if isinstance(data, Unread) else digest(data)
        if old_digests.get(path) != digests[path] or not staging.keep(path, digests[path]):
            staging.write(path, data.read() if isinstance(data, Unread) else data,
                          digests[path])
    return digests
