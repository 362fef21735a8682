"""What a preview server's builds take from the build before, in memory: each unchanged
sheet's model and what checking it found, and the last site model (for ``serve``'s first
look at an edited sheet).

A build otherwise reads every sheet's parse back from the cache, checks it (the cache
answers most checks) and makes its model again: at 5,000 sheets, more than a second of
each edit's build. ``build-site serve`` builds again and again in one process, so it keeps
them. A sheet is taken as it was while its file's time and size (as the build's scan of
its inputs found them), its path as printed, what it is checked against (``ContentCheck.
against_for``: the registries, languages, strictness, its confirmed translations) and the
seeds folder are all unchanged, and its file is still inside ``content/``. The document
cache keeps its entries for the next build as if they had been read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.cache.documents import DocumentCache
    from generator.checks.checker import CheckedContent, Verdict
    from generator.content.loader import Document
    from generator.model.facts import Sheet
    from generator.model.site import Site


@dataclass
class Recalled:
    """One sheet as the build before found it."""

    stat: list[int]
    """[modification time (ns), size] of its file when it was read."""
    display: str
    digest: str
    """``digests.digest`` of the file's bytes."""
    against: str
    verdict: Verdict
    model: Sheet | None
    """None when it is not well-formed."""


class Recall:
    """The sheets of the builds before, for the next build of the same project."""

    def __init__(self) -> None:
        self.sheets: dict[Path, Recalled] = {}
        self.inputs: dict[str, list[int]] = {}
        self.seeds: dict[str, list[int]] | None = None
        self.site: Site | None = None
        """The site model the last build made."""

    def start(self, inputs: dict[str, list[int]], seeds: Path) -> None:
        """A build begins with these inputs (``fingerprints.scan_inputs``); every sheet is
        forgotten when a file of ``seeds`` changed (whether a sheet's seed exists is part
        of what checking it finds)."""
        self.inputs = inputs
        prefix = str(seeds) + os.sep
        now = {path: stat for path, stat in inputs.items() if path.startswith(prefix)}
        if now != self.seeds:
            self.sheets.clear()
            self.seeds = now

    def take(self, path: Path, content: CheckedContent, cache: DocumentCache
             ) -> Recalled | None:
        """The sheet at ``path`` as the build before found it, counted into ``content``'s
        check and kept in ``cache``; None when it may have changed."""
        known = self.sheets.get(path)
        if known is None or self.inputs.get(str(path)) != known.stat:
            return None
        display = content.files.project.display(path)
        if (known.display != display or content.check.against_for(display) != known.against
                or not content.files.inside(path)):
            return None
        content.check.adopt(known.verdict)
        cache.retain_sheet(path, display, known.digest, known.against)
        return known

    def keep(self, path: Path, content: CheckedContent, document: Document, verdict: Verdict,
             model: Sheet | None) -> None:
        """Remember a sheet this build read and checked, if it was read whole (a file
        with problems of its own is read again until they are fixed)."""
        stat = self.inputs.get(str(path))
        against = content.check.against_for(document.display)
        if stat is None or document.digest is None or against is None:
            self.sheets.pop(path, None)
            return
        self.sheets[path] = Recalled(stat, document.display, document.digest, against,
                                     verdict, model)
