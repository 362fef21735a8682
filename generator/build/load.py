"""The content read, checked and made the site's model, one sheet at a time: a big site's
parsed files are never all in memory."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from generator.content.project import Documents, Project
from generator.errors import ContentError, Problem

if TYPE_CHECKING:
    from generator.cache.documents import DocumentCache
    from generator.cache.serve_memory import Recall
    from generator.model.site import Site


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
    from generator.model.from_content import sheet_model, site_model

    content = CheckedContent(project, cache=cache)
    sheets = []
    for path in content.files.sheet_paths:
        recalled = recall.take(path, content, cache) if recall is not None else None
        if recalled is not None:
            model = recalled.model
        else:
            document, verdict = content.sheet(path)
            model = sheet_model(path.stem, document) if verdict.fine else None
            if recall is not None:
                recall.keep(path, content, document, verdict, model)
        if model is not None:
            sheets.append(model)
    problems = content.problems()
    if any(p.is_error for p in problems):
        raise ContentError(problems)
    site = site_model(content.files.site, content.files.registries, sheets, drafts)
    if recall is not None:
        recall.site = site
    return site, problems


@contextmanager
def collector_paused() -> Iterator[None]:
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
