"""``build-site serve``: ``site/`` served over the standard library's HTTP server, rebuilt on
every save, and the open pages reloaded.

- Changes are noticed by watchdog (the system's change events, or polling with ``--poll``)
  and built by one thread, a burst of saves as one build (``Builder``).
- An edit's build swaps in its pages first, with the last search indexes
  (``build(search_later=True)``); the open pages reload at once, and a second build
  indexes the edited shard and swaps the site again. Each swap is atomic, so a reader
  searching meanwhile uses the previous index, whole.
- Every HTML page gets one ``<script src>`` of the server's own (same origin: the site's
  Content-Security-Policy allows it and stays as published), which waits on a
  server-sent-events stream and reloads the page when a build is done.
- A build that fails replaces every page by an error page naming file, line and message
  (it reloads itself when the file is fixed); the site is served as GitHub Pages serves
  it: under ``base_url``'s path, with the site's ``404.html`` for a missing page.

Files are opened by path on every request, so the server always serves the folder that is
``site/`` now, never a retired one.
"""

from __future__ import annotations

import errno
import html
import socket
import sys
import threading
import time
import traceback
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from generator.build.pipeline import build
from generator.cache.serve_memory import Recall
from generator.content.loader import load_document
from generator.content.project import Project
from generator.errors import BuildError, ContentError
from generator.render import urls
from generator.terminal import print_problems

WATCHED = ("content", "templates", "seeds")
SETTLE = 0.02
"""Seconds without a new change before a build starts: an editor's save is a few events."""
RELOAD = "/__build-site/reload.js"
EVENTS = "/__build-site/events"
RELOAD_JS = b"""// build-site serve: reload this page when a build is done
(() => {
  const epoch = new URL(document.currentScript.src).searchParams.get("epoch");
  const source = new EventSource("/__build-site/events?epoch=" + epoch);
  source.onmessage = (event) => { if (event.data !== epoch) location.reload(); };
})();
"""
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

    def dispatch(self, event: FileSystemEvent) -> None:
        if event.event_type in CHANGES:
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
            search_pending = self.build(search_later=True)

    def build(self, search_later: bool, pages: bool = True) -> bool:
        """Build and tell the pages (``pages``: unless it only indexes what the last
        build left, which no page shows); whether the search indexes were left to the
        next build. Never raises: the server goes on serving whatever happened."""
        started = time.perf_counter()
        try:
            result = build(self.project, quiet=True, recall=self.recall, drafts=True,
                           search_later=search_later)
        except ContentError as error:
            print_problems(error.problems)
            _say(f"{error}; still serving, fix and save", sys.stderr)
            self._done(error_page([(f"{p.path}:{p.line}:{p.col}", f"{p.message} [{p.rule}]")
                                   for p in error.problems if p.is_error]))
            return False
        except BuildError as error:
            _say(f"error: {error}; still serving, fix and save", sys.stderr)
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
                _say(f"built {result.pages} pages in {seconds:.2f} s"
                     + ("; search index next" if result.search_pending else ""), sys.stdout)
            self._done(None)
        elif not result.up_to_date:  # the search index after its pages: no reload
            _say(f"search index updated in {seconds:.2f} s", sys.stdout)
        return result.search_pending

    def _done(self, error_html: bytes | None) -> None:
        with self.done:
            self.error_html = error_html
            self.epoch += 1
            self.done.notify_all()

    def wait(self, epoch: int, timeout: float) -> int:
        """The epoch once it is not ``epoch`` (or ``timeout`` seconds passed)."""
        with self.done:
            self.done.wait_for(lambda: self.epoch != epoch, timeout)
            return self.epoch


def _say(message: str, stream) -> None:
    print(f"build-site: {message}", file=stream, flush=True)


class Handler(SimpleHTTPRequestHandler):
    """Serves ``site/`` under the mount path, the reload script and its event stream."""

    server: PreviewServer

    def do_GET(self) -> None:
        self._answer(head=False)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def log_message(self, *args) -> None:  # quiet: the terminal shows builds and errors
        pass

    def _answer(self, head: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        mount = self.server.mount_path
        if path == RELOAD:
            return self._send(200, "text/javascript; charset=utf-8", RELOAD_JS, head)
        if path == EVENTS:
            return self._events()
        if not path.startswith(mount):
            if path in ("/", mount.rstrip("/")):
                return self._redirect(mount)
            return self._not_found(head)
        relative = path[len(mount):]
        if any(part in ("..", ".") for part in relative.split("/")) or "\\" in relative:
            return self._not_found(head)
        file = self.server.project.site / relative
        if file.is_dir():
            if not path.endswith("/"):
                return self._redirect(path + "/")
            file = file / "index.html"
        is_page = file.suffix == ".html"
        builder = self.server.builder
        if is_page and builder.error_html is not None:
            return self._send(500, "text/html; charset=utf-8",
                              self._with_reload(builder.error_html), head)
        try:
            body = file.read_bytes()
        except OSError:
            return self._not_found(head)
        if is_page:
            body = self._with_reload(body)
        self._send(200, self.guess_type(str(file)), body, head)

    def _with_reload(self, page: bytes) -> bytes:
        """The page with the reload script, at the build it shows."""
        tag = f'<script src="{RELOAD}?epoch={self.server.builder.epoch}"></script>'.encode()
        at = page.rfind(b"</body>")
        return page + tag if at < 0 else page[:at] + tag + page[at:]

    def _events(self) -> None:
        """A server-sent-events stream: the epoch whenever it is not the page's."""
        query = urlsplit(self.path).query
        epoch = int(query.removeprefix("epoch=")) if query.removeprefix("epoch=").isdigit() \
            else -1
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        try:
            while not self.server.stopping:
                now = self.server.builder.wait(epoch, timeout=15)
                self.wfile.write(f"data: {now}\n\n".encode() if now != epoch else b": idle\n\n")
                self.wfile.flush()
                epoch = now
        except OSError:  # the page went away
            pass

    def _not_found(self, head: bool) -> None:
        page = self.server.project.site / "404.html"
        body = page.read_bytes() if page.is_file() else b"<!DOCTYPE html><title>404</title>"
        self._send(404, "text/html; charset=utf-8", self._with_reload(body), head)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, kind: str, body: bytes, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(body)


Handler.extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                          ".wasm": "application/wasm", ".pagefind": "application/octet-stream",
                          ".js": "text/javascript", ".json": "application/json",
                          ".xml": "application/xml"}


class PreviewServer(ThreadingHTTPServer):
    """The HTTP server: a thread per request, none of which keeps the process alive."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], project: Project, builder: Builder,
                 mount_path: str):
        self.project, self.builder, self.mount_path = project, builder, mount_path
        self.stopping = False
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        super().__init__(address, Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}{self.mount_path}"


def mount_path(project: Project) -> str:
    """``base_url``'s path (``/repo/``), as GitHub Pages will serve the site; ``/`` when
    site.yml cannot be read yet."""
    site_yml = project.content / "site.yml"
    data = load_document(site_yml, project.display(site_yml))[0].data
    base_url = data.get("base_url") if isinstance(data, dict) else None
    return urls.root_path(base_url) if isinstance(base_url, str) else "/"


def open_server(project: Project, bind: str, port: int) -> PreviewServer:
    """The server, listening (nothing is built yet): a busy port or an address this
    machine does not have is said at once, in one line."""
    try:
        return PreviewServer((bind, port), project, Builder(project), mount_path(project))
    except OSError as error:
        reason = ("in use by another program: pick another with --port, or --port 0"
                  if error.errno == errno.EADDRINUSE else error.strerror or str(error))
        raise BuildError(f"cannot serve on {bind}:{port}: {reason}") from error


def serve(project: Project, bind: str, port: int, poll: bool = False) -> None:
    """Build, serve and rebuild on every change until interrupted (Ctrl-C); ``poll``:
    notice changes by polling rather than by the system's change events."""
    server = open_server(project, bind, port)
    builder = server.builder
    builder.build(search_later=False)
    observer = PollingObserver(timeout=0.25) if poll else Observer()
    try:
        for name in WATCHED:
            if (project.root / name).is_dir():
                observer.schedule(builder, str(project.root / name), recursive=True)
        observer.start()
    except OSError as error:  # the system's limit of watches
        server.server_close()
        raise BuildError(f"cannot watch {', '.join(WATCHED)} for changes "
                         f"({error.strerror or error}): try --poll") from error
    threading.Thread(target=builder.run, daemon=True).start()
    _say(f"serving {server.url} (watching {', '.join(WATCHED)}; Ctrl-C stops)", sys.stdout)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("build-site: stopped", file=sys.stderr)
    finally:
        server.stopping = True
        observer.stop()
        server.server_close()

