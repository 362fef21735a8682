"""``build-site serve``: ``site/`` served over the standard library's HTTP server, rebuilt on
every save, and the open pages reloaded.

The server listens first (a busy port is said before anything is built), then builds,
then watches content/, templates/ and seeds/ with watchdog (the system's change events,
or polling with ``--poll``) while one thread rebuilds (``rebuild.Builder``) and the
request threads serve the pages (``handler.Handler``).
"""

from __future__ import annotations

import errno
import sys
import threading

from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from generator.content.loader import load_document
from generator.content.project import Project
from generator.errors import BuildError
from generator.render import urls
from generator.serve.handler import PreviewServer
from generator.serve.rebuild import Builder, say

WATCHED = ("content", "templates", "seeds")


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
    say(f"serving {server.url} (watching {', '.join(WATCHED)}; Ctrl-C stops)", sys.stdout)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("build-site: stopped", file=sys.stderr)
    finally:
        server.stopping = True
        observer.stop()
        server.server_close()

