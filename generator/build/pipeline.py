"""The build, step by step: load -> check -> model -> render -> write.

When no input changed since the last build nothing is imported beyond this module's few
and nothing is written. Otherwise the content is loaded (``load.py``, unchanged files from
the cache), the pages whose fingerprints changed (``cache/fingerprints.py``) are rendered
and the new site assembled beside the old one (``assemble.py``, ``workers.py``), then
swapped in at once (``staging.py``). The result is always byte for byte what a clean
build would write; docs/internals.md tells the whole design."""

from __future__ import annotations

import functools
import time
from contextlib import closing
from dataclasses import astuple, dataclass
from typing import TYPE_CHECKING

from generator.build import staging
from generator.build.assemble import assemble
from generator.build.load import collector_paused, load_site_model
from generator.build.staging import Staging
from generator.cache import fingerprints
from generator.content.project import Project
from generator.errors import Problem
from generator.render.theme import changed_templates, template_dirs

SEARCH_PENDING = "search indexes pending"
"""Recorded among the inputs when a build left the search indexes as they were: no scan
finds it, so the next build is never taken as a no-op."""

if TYPE_CHECKING:
    from generator.cache.serve_memory import Recall
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


def build(project: Project, quiet: bool = False, recall: Recall | None = None,
          drafts: bool = False, search_later: bool = False) -> BuildResult:
    """Build ``project`` into its ``site/``; raise ContentError and write nothing on errors.

    ``quiet`` hides the progress line a long build shows on a terminal. ``recall``: what
    the builds before in this process found of the sheets (``cache/serve_memory.py``), for a process
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
        with collector_paused(), closing(DocumentCache(cache_folder)) as cache:
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
    from generator.outputs.sitemap import page_dates
    from generator.processes import forks
    from generator.render.pages import Renderer

    cache_folder = fingerprints.cache_folder(project)
    if site.of_kind("places"):
        drawing.finish()  # before the workers fork, so that none imports folium
    renderer = Renderer(site, dirs, cache_folder, page_map)
    specs = renderer.page_specs()
    free = renderer.templates_using(changed_templates(dirs), {spec.template for spec in specs})
    dates = page_dates(site, specs)
    page_prints = fingerprints.page_fingerprints(project, site, inputs, specs, free, dates)
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
        digests = assemble(stage, renderer, specs, stale, unchanged, previous["files"],
                           search, cache_folder, quiet, dates)
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

    with collector_paused(), closing(DocumentCache(fingerprints.cache_folder(project))
                                      ) as cache:
        load_site_model(project, cache, recall, drafts)
