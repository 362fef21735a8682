"""Rendering pages in worker processes, each writing its pages into the staging folder.

Workers are forked from the build after the site model is built and the templates are
compiled, so each inherits both instead of receiving them (the model of thousands of
sheets would take longer to send than to render). They receive only page specs and send
back only each file's digest, never its bytes, so no process holds the whole site in
memory. Small builds, systems without ``fork`` and processes running other threads (the
preview server) render in the build's own process.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable

from generator.build.staging import Staging
from generator.digests import digest
from generator.processes import forks, workers
from generator.render.pages import PageSpec, Renderer

CHUNK = 40
"""Pages sent to a worker at a time: few messages, yet an even share at the end."""

_job: tuple[Renderer, Staging] | None = None
"""What forked workers render with; set in the build's process just before the fork."""


class RenderJob:
    """Pages being rendered into ``staging``: started, then ``wait``ed for."""

    def __init__(self, renderer: Renderer, staging: Staging, specs: list[PageSpec],
                 advance: Callable[[int], None]):
        self.digests: dict[str, str] = {}
        self.errors: list[BaseException] = []
        self.advance = advance
        self.pool = None
        self.here: tuple[Renderer, Staging, list[PageSpec]] | None = None
        """The pages to render in this process (too few for workers), by ``render_here``."""
        chunks = [specs[i:i + CHUNK] for i in range(0, len(specs), CHUNK)]
        if not forks(len(specs)):
            self.here = (renderer, staging, specs)
            return
        global _job
        _job = (renderer, staging)
        self.pool = multiprocessing.get_context("fork").Pool(workers())
        for chunk in chunks:
            self.pool.apply_async(_render_chunk, (chunk,), callback=self._collect,
                                  error_callback=self.errors.append)
        self.pool.close()

    def _collect(self, digests: dict[str, str]) -> None:
        self.digests.update(digests)
        self.advance(len(digests))

    def render_here(self) -> None:
        """Render the pages left to this process, if any (the caller has started what may
        run meanwhile: the search index)."""
        if self.here is not None:
            self._collect(_render(*self.here))
            self.here = None

    def wait(self) -> dict[str, str]:
        """Output path -> digest of every page; raises the first worker's error."""
        self.render_here()
        if self.pool is not None:
            self.pool.join()
            self.stop()
        if self.errors:
            raise self.errors[0]
        return self.digests

    def stop(self) -> None:
        """End the workers now (the build failed elsewhere, or is done)."""
        global _job
        if self.pool is not None:
            self.pool.terminate()
            self.pool = None
        _job = None


def _render_chunk(specs: list[PageSpec]) -> dict[str, str]:
    renderer, staging = _job
    return _render(renderer, staging, specs)


def _render(renderer: Renderer, staging: Staging, specs: list[PageSpec]) -> dict[str, str]:
    digests = {}
    for spec in specs:
        path, html = renderer.render(spec)
        data = html.encode("utf-8")
        digests[path] = digest(data)
        staging.write(path, data, digests[path])
    return digests
