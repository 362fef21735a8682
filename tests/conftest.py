"""Shared fixtures: a throw-away copy of the project, its built site, and a sub-path server;
and the test layers (markers ``browser``, ``tools``, ``slow``; see pyproject.toml), given
to a test by the fixtures it uses and enforced when it starts a program."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import shutil
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from browsing import launch
from bs4 import BeautifulSoup

from generator.build.load import load_and_check
from generator.build.pipeline import build
from generator.content.project import Project
from generator.model.from_content import build_site_model
from generator.model.site import Site
from generator.render.context import PageContext
from generator.render.pages import Renderer
from generator.render.theme import template_dirs

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHEET = "kadhimi-us-threat-2020"
LAYER_FIXTURES = {"browser": "browser", "node_tools": "tools", "actionlint": "tools",
                  "node": "tools"}
"""Fixtures whose tests belong to a layer: using one marks the test."""
TOOLS = {"node", "npm", "npx", "java"}


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


def site_model(project: Project) -> Site:
    """The model of a project's content, which must check without errors."""
    documents, problems = load_and_check(project)
    assert not [problem for problem in problems if problem.is_error], problems
    return build_site_model(documents)


@pytest.fixture(scope="session")
def seed_site() -> Site:
    """The model of the shipped content, read in place (nothing is written)."""
    return site_model(Project(REPO))


@pytest.fixture(scope="session")
def reviewed_site(tmp_path_factory) -> Site:
    """The minimal project with the editorial record of ``fixtures/reviews``: verdicts on
    the whole scale, editors, dated roles."""
    root = tmp_path_factory.mktemp("reviewed") / "project"
    shutil.copytree(FIXTURES / "minimal", root)
    shutil.copyfile(FIXTURES / "reviews" / "one.yml", root / "content" / "sheets" / "one.yml")
    shutil.copyfile(FIXTURES / "reviews" / "people.yml",
                    root / "content" / "entities" / "people.yml")
    return site_model(Project(root))


RENDERERS: dict[int, tuple[Site, Renderer]] = {}
"""One renderer per site model, by ``id`` (the model is kept, so its id is never reused)."""


def page_of(site: Site, kind: str, language: str, key: str | None = None) -> PageContext:
    """What a template of the packaged templates is given to render one page of ``site``."""
    if id(site) not in RENDERERS:
        RENDERERS[id(site)] = (site, Renderer(site, template_dirs(REPO / "templates")))
    return RENDERERS[id(site)][1].context(kind, language, key)


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


@pytest.fixture(scope="session")
def node() -> str:
    """The node program, for tests that run JavaScript of the site or of npm tools."""
    found = shutil.which("node")
    assert found, "node is missing: install nodejs (see .ci/run)"
    return found


class LayerError(Exception):
    """A test started a program of a layer it is not marked with."""


def layer_of(program) -> str | None:
    """The marker a test needs to start ``program`` (a path): ``browser`` for Playwright's
    driver (which starts Chromium), ``tools`` for node, npm or Java; None for the others."""
    path = Path(os.fsdecode(program))
    if "playwright" in path.parts:
        return "browser"
    return "tools" if path.name in TOOLS else None


class Running:
    """The test now running (setup to teardown), whose markers say what it may start."""

    item: pytest.Item | None = None


def refuse_unmarked_programs(event: str, args: tuple) -> None:
    """Audit hook: a test that starts a program of a layer it is not marked with fails."""
    if event != "subprocess.Popen" or Running.item is None:
        return
    executable, argv = args[0], args[1]
    layer = layer_of(executable)
    if layer and Running.item.get_closest_marker(layer) is None:
        raise LayerError(f"{Running.item.nodeid} starts {argv[0]!r}: mark it "
                         f"@pytest.mark.{layer} (or use a fixture of that layer)")


def pytest_configure(config):
    sys.addaudithook(refuse_unmarked_programs)


def pytest_collection_modifyitems(items):
    """Mark each test with the layers of the fixtures it uses (directly or through others)."""
    for item in items:
        for fixture in LAYER_FIXTURES.keys() & set(item.fixturenames):
            item.add_marker(LAYER_FIXTURES[fixture])


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item):
    """Keep the running test for the audit hook, from its setup to its teardown."""
    Running.item = item
    try:
        return (yield)
    finally:
        Running.item = None


def pytest_terminal_summary(terminalreporter):
    """Say where the screenshots of this run are, so a person can look at them."""
    folder = REPO / "test-artifacts" / "screenshots"
    if folder.is_dir() and any(folder.glob("*.png")):
        terminalreporter.write_line(f"screenshots of the pages: {folder}")
