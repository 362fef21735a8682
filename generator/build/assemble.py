"""The new site assembled in the staging folder: stale pages rendered by workers, every
other file computed here meanwhile, the unchanged ones linked from the old site."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

from generator.build.staging import Staging, read_assets
from generator.digests import digest
from generator.errors import BuildError
from generator.outputs.files import Streamed, Unread
from generator.render import urls

if TYPE_CHECKING:
    from generator.search.pagefind import SearchIndex


def assemble(staging: Staging, renderer, specs, stale, unchanged: set[str],
             old_digests: dict[str, str], search: SearchIndex, cache: Path, quiet: bool,
             dates: dict[str, str]) -> dict[str, str]:
    """Fill ``staging``: the stale pages rendered by workers while this process computes
    the other files, the rest linked from the old site (``unchanged``: the files made from
    the same inputs as last time; ``old_digests``: the digest of each of its files). The
    search index is started here if not before. ``dates``: each page's date in the sitemap.
    The digest of every file."""
    from generator.build.progress import Progress
    from generator.build.workers import RenderJob

    progress = Progress(len(stale), enabled=False if quiet else None)
    job = RenderJob(renderer, staging, stale, progress.advance)  # forks: before any thread
    try:
        search.start()  # if not started before
        job.render_here()  # a few pages, while Pagefind runs
        others = other_files(renderer.site, renderer.dirs, renderer,
                             dates, cache, search,
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
    from generator.maps.shared import SCRIPT, maps_script
    from generator.outputs import feeds
    from generator.outputs.exports import export_files
    from generator.outputs.sitemap import SITEMAP, robots, sitemap

    def made(path: str, make: Callable[[], bytes]) -> bytes | Unread:
        return Unread(unchanged[path], make) if path in unchanged else make()

    yield from read_assets(dirs).items()
    if site.of_kind("places"):  # the pages' maps draw with it
        yield SCRIPT, maps_script()
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
