#!/usr/bin/env python3
"""The site's search index made alone, from scratch: a floor under any full build of ours.

Usage: python bench/search_alone.py  (inside a project that has been built once)

Prints the wall seconds and the CPU seconds (this process and Pagefind's) of making the
records' documents and running Pagefind over them, as a build does, with the machine's
cores to itself:

- every shard, as a full build indexes them;
- one shard (the first sheets and entities, in the site's proportions, as many pages as
  a shard holds), as a one-sheet edit indexes the edited sheet's shard again. Its
  documents are made afresh here; an edit takes all but the edited sheet's two from the
  cache (about 0.2 ms a document less).

Nothing else of a build is counted: the model is loaded from the document cache first,
untimed. A build that includes search cannot be faster than this, so ``bench/run.py``
prints the whole index beside Hugo's full build, and one shard as a floor under our edit.
"""

from __future__ import annotations

import os
import time
from contextlib import closing
from pathlib import Path

from generator.build.load import load_site_model
from generator.cache import fingerprints
from generator.cache.documents import DocumentCache
from generator.content.project import find_project
from generator.model.site import Site
from generator.render.page_kinds import search_shard_count
from generator.render.search_shards import SHARD_RECORDS
from generator.search.pagefind import SearchIndex


def main() -> None:
    project = find_project(Path.cwd())
    with closing(DocumentCache(fingerprints.cache_folder(project))) as cache:
        site, _ = load_site_model(project, cache)
    print(f"search index alone: {index_alone(site)}")
    print(f"one shard alone: {index_alone(one_shard(site))}")


def one_shard(site: Site) -> Site:
    """The site cut to one shard's worth of pages, sheets and entities as in the whole."""
    share = SHARD_RECORDS / (len(site.settings.languages) * (len(site.sheets)
                                                              + len(site.entities)))
    entities = list(site.entities.items())[:round(len(site.entities) * share)]
    cut = Site(site.settings, dict(entities), site.sheets[:round(len(site.sheets) * share)])
    assert search_shard_count(cut) == 1, "one shard"
    return cut


def index_alone(site: Site) -> str:
    """How long indexing the site's records takes, as printed."""
    before, started = os.times(), time.perf_counter()
    index = SearchIndex(site)  # no cache, no previous site: every shard is indexed
    try:
        files = sum(1 for _ in index.files())
    finally:
        index.close()
    wall, after = time.perf_counter() - started, os.times()
    cpu = sum(getattr(after, f) - getattr(before, f)
              for f in ("user", "system", "children_user", "children_system"))
    return f"{wall:.2f} s wall, {cpu:.2f} s CPU, {files} files"


if __name__ == "__main__":
    main()
