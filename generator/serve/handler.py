"""The preview's HTTP side: ``site/`` served as GitHub Pages serves it (under ``base_url``'s
path, with the site's ``404.html`` for a missing page), and the live reload.

Every HTML page gets one ``<script src>`` of the server's own (same origin: the site's
Content-Security-Policy allows it and stays as published), which waits on a
server-sent-events stream and reloads the page when a build is done. While the last build
failed, every page is its error page. Files are opened by path on every request, so the
server always serves the folder that is ``site/`` now, never a retired one.
"""

from __future__ import annotations

import socket
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

from generator.content.project import Project
from generator.render.urls import url_path
from generator.serve.rebuild import Builder

RELOAD = "/__build-site/reload.js"
EVENTS = "/__build-site/events"
RELOAD_JS = b"""// build-site serve: reload this page when a build is done, unless the build
// left it as it is shown (the edited sheet's page, shown first)
(() => {
  let epoch = new URL(document.currentScript.src).searchParams.get("epoch");
  const source = new EventSource("/__build-site/events?epoch=" + epoch);
  source.onmessage = (event) => {
    const [now, shownAt, ...settled] = event.data.split(" ");
    if (now === epoch) return;
    if (shownAt === epoch && settled.includes(location.pathname)) epoch = now;
    else location.reload();
  };
})();
"""


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
        body = builder.first_pages.get(file.relative_to(self.server.project.site).as_posix())
        try:
            body = file.read_bytes() if body is None else body
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
                self.wfile.write(f"data: {self._news(now)}\n\n".encode() if now != epoch
                                 else b": idle\n\n")
                self.wfile.flush()
                epoch = now
        except OSError:  # the page went away
            pass

    def _news(self, epoch: int) -> str:
        """The event of a new epoch: its number, and the epoch of the last first look
        with the URL paths of the pages this one left as that look showed them."""
        builder = self.server.builder
        settled = (self.server.mount_path + url_path(path) for path in builder.settled)
        return " ".join([str(epoch), str(builder.first_epoch), *settled])

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
