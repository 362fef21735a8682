"""``build-site serve``: MkDocs' live-reload server on ``site/``, rebuilding on every save.

mkdocs.livereload.LiveReloadServer watches the folders, debounces changes, calls the
builder and then tells every open page to reload (a long-poll script it injects into
HTML). It watches by polling, which at 5,000 sheets (and as many seeds) took a third of a
core when idle and slowed each build; here the system's change events (inotify) are used
instead, and polling only with ``--poll``. Two things are added as well:

- a build that fails does not leave the browser on a stale page: every page is replaced by
  an error page naming file, line and message, which reloads itself when the file is fixed;
- the site is served the way GitHub Pages serves it: under ``base_url``'s path, with the
  site's own ``404.html`` for a missing page.

Builds are atomic (a new folder is swapped in as ``site/``); the server opens files by path
on every request, so it always serves the folder that is ``site/`` now, never a retired one.
"""

from __future__ import annotations

import errno
import html
import logging
import re
import sys
import time
import traceback

from mkdocs.livereload import LiveReloadServer, _serve_url
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from . import urls
from .build import build
from .errors import BuildError, ContentError
from .loader import load_document
from .output import print_problems
from .project import Project
from .recall import Recall

HOST = "127.0.0.1"
WATCHED = ("content", "templates", "seeds")
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


class _ChangesObserver(Observer):
    """The system's observer, passing on only the events that change files."""

    def schedule(self, event_handler: FileSystemEventHandler, path, **options):
        return super().schedule(_Changes(event_handler), path, **options)


class _Changes(FileSystemEventHandler):
    def __init__(self, handler: FileSystemEventHandler):
        self.handler = handler

    def dispatch(self, event: FileSystemEvent) -> None:
        if event.event_type in CHANGES:
            self.handler.dispatch(event)


def error_page(problems: list[tuple[str, str]]) -> bytes:
    """An HTML page listing (location, message) pairs, everything escaped."""
    items = "\n".join(f'<li><code class="location">{html.escape(where)}</code> '
                      f'<span class="message">{html.escape(message)}</span></li>'
                      for where, message in problems)
    summary = f"{len(problems)} error{'s' if len(problems) != 1 else ''}"
    return ERROR_PAGE.format(summary=summary, items=items).encode("utf-8")


CSP_META = re.compile(rb'<meta http-equiv="Content-Security-Policy" content="[^"]*">\n?')


class PreviewServer(LiveReloadServer):
    """LiveReloadServer that shows build errors in the page and serves the site's 404."""

    def __init__(self, project: Project, port: int, mount_path: str = "/", poll: bool = False):
        self.project = project
        self.recall = Recall()
        """The sheets as the last builds found them: an edit's build reads one sheet."""
        self.error_html: bytes | None = None
        super().__init__(builder=self.rebuild, host=HOST, port=port, root=str(project.site),
                         mount_path=mount_path, polling_interval=0.25)
        if not poll:
            self.observer = _ChangesObserver()  # the system's change events, not polling
        self.error_handler = self._not_found

    def rebuild(self) -> None:
        """Build; on failure keep serving, with the error page instead of the site's pages.
        Never raises: an exception would leave the browsers waiting (see LiveReloadServer)."""
        started = time.perf_counter()
        try:
            result = build(self.project, recall=self.recall, drafts=True)
        except ContentError as error:
            print_problems(error.problems)
            errors = [p for p in error.problems if p.is_error]
            print(f"build-site: {error}; still serving, fix and save", file=sys.stderr,
                  flush=True)
            self.error_html = error_page(
                [(f"{p.path}:{p.line}:{p.col}", f"{p.message} [{p.rule}]") for p in errors])
        except BuildError as error:
            print(f"build-site: error: {error}; still serving, fix and save", file=sys.stderr,
                  flush=True)
            self.error_html = error_page([("build", str(error))])
        except Exception as error:  # a bug: say so in the page too, and keep serving
            traceback.print_exc()
            self.error_html = error_page([("internal error", f"{type(error).__name__}: {error}")])
        else:
            print_problems(result.warnings)
            self.error_html = None
            print(f"build-site: built {result.pages} pages in "
                  f"{time.perf_counter() - started:.2f} s", flush=True)

    def server_activate(self) -> None:
        super().server_activate()
        self.url = _serve_url(HOST, self.server_address[1], self.mount_path)  # --port 0
        print(f"build-site: serving {self.url} (watching {', '.join(WATCHED)}; Ctrl-C stops)",
              flush=True)

    def _serve_request(self, environ, start_response):
        path = environ["PATH_INFO"]
        if path.startswith(self.mount_path) and path.endswith(("/", ".html")):
            with self._epoch_cond:  # wait for a build in progress, as the parent class does
                self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
                epoch = self._visible_epoch
            if self.error_html is not None:
                body = self._inject_js_into_html(self.error_html, epoch)
                start_response("500 Build Failed", [("Content-Type", "text/html; charset=utf-8"),
                                                    ("Content-Length", str(len(body)))])
                return [body]
        return super()._serve_request(environ, start_response)

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        """The live-reload script is inline and changes with every request, so no hash in
        the page's Content-Security-Policy can allow it: the preview drops the policy (the
        built site keeps it)."""
        content = CSP_META.sub(b"", content, count=1)
        return super()._inject_js_into_html(content, epoch)

    def _not_found(self, code: int) -> bytes | None:
        page = self.project.site / "404.html"
        return page.read_bytes() if code == 404 and page.is_file() else None


def mount_path(project: Project) -> str:
    """``base_url``'s path (``/repo/``), as GitHub Pages will serve the site; ``/`` when
    site.yml cannot be read yet."""
    site_yml = project.content / "site.yml"
    data = load_document(site_yml, project.display(site_yml))[0].data
    base_url = data.get("base_url") if isinstance(data, dict) else None
    return urls.root_path(base_url) if isinstance(base_url, str) else "/"


def serve(project: Project, port: int, poll: bool = False) -> None:
    """Build, serve and rebuild on every change until interrupted (Ctrl-C); ``poll``:
    notice changes by polling rather than by the system's change events."""
    logging.getLogger("mkdocs.livereload").setLevel(logging.ERROR)
    server = PreviewServer(project, port, mount_path(project), poll)
    server.rebuild()
    for name in WATCHED:
        if (project.root / name).is_dir():
            server.watch(str(project.root / name))
    try:
        server.serve()
    except OSError as error:
        if error.errno in (errno.ENOSPC, errno.EMFILE):  # the system's limit of watches
            raise BuildError(f"cannot watch {', '.join(WATCHED)} for changes "
                             f"({error.strerror or error}): try --poll") from error
        raise BuildError(f"cannot serve on {HOST}:{port}: {error.strerror or error}") from error
    except KeyboardInterrupt:
        print("build-site: stopped", file=sys.stderr)
    finally:
        server.shutdown()
