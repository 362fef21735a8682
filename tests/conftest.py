"""Shared fixtures: a throw-away copy of the project, its built site, and a sub-path server."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from browsing import launch
from bs4 import BeautifulSoup

from generator.build.pipeline import build
from generator.content.project import Project

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHEET = "kadhimi-us-threat-2020"


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the SHA-256 of its bytes: two builds compare equal
    exactly when they wrote the same files with the same bytes."""
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def differences(found: dict[str, str], expected: dict[str, str]) -> list[str]:
    """The files that differ between two ``tree_digest`` results (for readable failures)."""
    return sorted(name for name in set(found) | set(expected)
                  if found.get(name) != expected.get(name))


def copy_project(target: Path, content: Path | None = None) -> Project:
    """A project folder in ``target`` with the repository's templates and seeds, and
    ``content`` (default: the shipped content)."""
    shutil.copytree(content or REPO / "content", target / "content")
    shutil.copytree(REPO / "seeds", target / "seeds")
    shutil.copytree(REPO / "templates", target / "templates")
    return Project(target)


@pytest.fixture
def project(tmp_path) -> Project:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Project:
    """The shipped content, built once for the whole session."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    build(project)
    return project


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


class SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the site only under ``/repo-name/``, as GitHub Pages serves a project site."""

    prefix = "/repo-name/"

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_sub_path__")
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def served_folder(folder: Path, handler: type[SubPathHandler] = SubPathHandler):
    """Serve ``folder`` on 127.0.0.1 under /repo-name/ (with ``handler``, a kind of
    SubPathHandler); yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{handler.prefix}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def served(built):
    """Base URL of the built site served on 127.0.0.1 under /repo-name/."""
    with served_folder(built.site) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, one per test module."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as driver:
        browser = launch(driver)
        yield browser
        browser.close()


def pytest_terminal_summary(terminalreporter):
    """Say where the screenshots of this run are, so a person can look at them."""
    folder = REPO / "test-artifacts" / "screenshots"
    if folder.is_dir() and any(folder.glob("*.png")):
        terminalreporter.write_line(f"screenshots of the pages: {folder}")
