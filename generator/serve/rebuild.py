"""The preview's rebuild loop: watchdog's change events in, one build at a time out.

- A burst of saves is one build (``SETTLE``). One sheet edited in place is shown first:
  its own pages, rendered from the last model with the sheet replaced (``first_look``),
  served from memory until the build replaces them; a page the build left as the first
  look showed it is not reloaded again; that build indexes the edited shard too. Any
  other change's build swaps in its pages first, with the last search indexes
  (``build(search_later=True)``); a second build indexes the edited shard and swaps the
  site again. Each swap is atomic, so a reader searching meanwhile uses the previous
  index, whole.
- A build that fails becomes an error page naming file, line and message, served in place
  of every page until a build succeeds.
- ``Builder.epoch`` counts the builds whose result is served; the pages wait on it.
"""

from __future__ import annotations

import html
import sys
import threading
import time
import traceback
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler

from generator.build.pipeline import build
from generator.cache.serve_memory import Recall
from generator.content.project import Project
from generator.errors import BuildError, ContentError
from generator.serve.first_look import first_look
from generator.terminal import print_problems

SETTLE = 0.02
"""Seconds without a new change before a build starts: an editor's save is a few events."""
ERROR_PAGE = """<!DOCTYPE html>
<html lang="en" dir="ltr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed — build-site serve</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem;
       padding: 0 1rem; color: #1a1a1a; }}
h1 {{ color: #a4000f; font-size: 1.5rem; }}
li {{ margin: .5rem 0; }}
code {{ background: #f3f3f3; padding: .1rem .3rem; border-radius: 3px; }}
.message {{ unicode-bidi: plaintext; }}
</style></head>
<body>
<main>
<h1>Build failed: {summary}</h1>
<ul class="problems">
{items}
</ul>
<p>The previous site is unchanged in <code>site/</code>. Fix the file and save: this page
reloads by itself.</p>
</main>
</body>
</html>
"""
CHANGES = {"created", "deleted", "modified", "moved", "closed", "attrib"}
"""Events that may change what a build reads: a file opened, or closed unwritten (the
build itself reads every sheet), is none, and would only start another build."""


def error_page(problems: list[tuple[str, str]]) -> bytes:
    """An HTML page listing (location, message) pairs, everything escaped."""
    items = "\n".join(f'<li><code class="location">{html.escape(where)}</code> '
                      f'<span class="message">{html.escape(message)}</span></li>'
                      for where, message in problems)
    summary = f"{len(problems)} error{'s' if len(problems) != 1 else ''}"
    return ERROR_PAGE.format(summary=summary, items=items).encode("utf-8")


class Builder(FileSystemEventHandler):
    """Builds on every change, one build at a time, and tells the pages when one is done:
    ``epoch`` counts the builds whose result is served (``error_html`` when it failed)."""

    def __init__(self, project: Project):
        self.project = project
        self.recall = Recall()
        """The sheets as the last builds found them: an edit's build reads one sheet."""
        self.error_html: bytes | None = None
        self.epoch = 0
        self.done = threading.Condition()
        self.changed = threading.Event()
        self.last_change = 0.0
        self.paths: set[Path] = set()
        """The files changed since the last build began."""
        self.first_pages: dict[str, bytes] = {}
        """Output path -> bytes of the pages shown first (``first_look``), until the
        build that follows is done."""
        self.settled: list[str] = []
        """Output paths of the pages the last build left as the first look showed them."""
        self.first_epoch = -1
        """The epoch of the last first look: only a page shown at it is settled."""

    def dispatch(self, event: FileSystemEvent) -> None:
        if event.event_type in CHANGES:
            self.paths.update(Path(p) for p in (event.src_path, getattr(event, "dest_path", ""))
                              if p)
            self.last_change = time.monotonic()
            self.changed.set()

    def run(self) -> None:
        """Build after each burst of changes: the pages first, then, unless another change
        came meanwhile, the search indexes they left to the next build."""
        search_pending = False
        while True:
            if search_pending and not self.changed.is_set():
                search_pending = self.build(search_later=False, pages=False)
                continue
            self.changed.wait()
            while time.monotonic() - self.last_change < SETTLE:
                time.sleep(SETTLE)
            self.changed.clear()
            changed, self.paths = self.paths, set()
            shown = self.show_first(changed)  # then the build need not put its search last
            search_pending = self.build(search_later=not shown, indexing=shown)

    def show_first(self, changed: set[Path]) -> bool:
        """Serve the edited sheet's pages at once, if the change is one sheet edited in
        place (``first_look``), and reload the pages; whether it did. Never raises: the
        build follows."""
        if self.error_html is not None:  # the pages show an error: the build replaces it
            return False
        started = time.perf_counter()
        try:
            pages = first_look(self.project, self.recall, changed)
        except Exception:  # whatever it is, the build that follows says it properly
            return False
        if pages:
            with self.done:
                self.first_pages = pages
                self.epoch += 1
                self.first_epoch = self.epoch
                self.done.notify_all()
            say(f"showing {', '.join(pages)} first, in {time.perf_counter() - started:.2f} s",
                sys.stdout)
        return bool(pages)

    def build(self, search_later: bool, pages: bool = True, indexing: bool = False) -> bool:
        """Build and tell the pages (``pages``: unless it only indexes what the last
        build left, which no page shows; ``indexing``: an edit's build that indexes it
        too, said as such); whether the search indexes were left to the next build.
        Never raises: the server goes on serving whatever happened."""
        started = time.perf_counter()
        try:
            result = build(self.project, quiet=True, recall=self.recall, drafts=True,
                           search_later=search_later)
        except ContentError as error:
            print_problems(error.problems)
            say(f"{error}; still serving, fix and save", sys.stderr)
            self._done(error_page([(f"{p.path}:{p.line}:{p.col}", f"{p.message} [{p.rule}]")
                                   for p in error.problems if p.is_error]))
            return False
        except BuildError as error:
            say(f"error: {error}; still serving, fix and save", sys.stderr)
            self._done(error_page([("build", str(error))]))
            return False
        except Exception as error:  # a bug: say so in the page too, and keep serving
            traceback.print_exc()
            self._done(error_page([("internal error", f"{type(error).__name__}: {error}")]))
            return False
        seconds = time.perf_counter() - started
        if not result.up_to_date:
            print_problems(result.warnings)
        if pages or self.error_html is not None:  # the pages changed: reload them
            if not result.up_to_date:
                say(f"built {result.pages} pages in {seconds:.2f} s"
                     + ("; search index next" if result.search_pending else ""), sys.stdout)
            self._done(None)
            if indexing and not result.up_to_date:
                say(f"search index updated in {seconds:.2f} s", sys.stdout)
        elif not result.up_to_date:  # the search index after its pages: no reload
            say(f"search index updated in {seconds:.2f} s", sys.stdout)
        return result.search_pending

    def _done(self, error_html: bytes | None) -> None:
        with self.done:
            self.settled = [] if error_html is not None else self._unchanged_first_pages()
            self.first_pages = {}
            self.error_html = error_html
            self.epoch += 1
            self.done.notify_all()

    def _unchanged_first_pages(self) -> list[str]:
        """The pages shown first that the build wrote with the same bytes."""
        site = self.project.site
        return [path for path, shown in self.first_pages.items()
                if (site / path).is_file() and (site / path).read_bytes() == shown]

    def wait(self, epoch: int, timeout: float) -> int:
        """The epoch once it is not ``epoch`` (or ``timeout`` seconds passed)."""
        with self.done:
            self.done.wait_for(lambda: self.epoch != epoch, timeout)
            return self.epoch


def say(message: str, stream) -> None:
    """One line to ``stream``, marked as build-site's like every line the preview prints."""
    print(f"build-site: {message}", file=stream, flush=True)
