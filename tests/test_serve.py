"""``build-site serve`` for real: in headless Chromium an edit reloads the open page with the
new text, a broken edit shows the error in the page, and the fix brings the page back; an
edit's pages are served before its search index, which is never half-written; a bad or
busy port and an exposed address are said in one line before anything is built."""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, copy_project

from generator.search.pagefind import ENTRY

pytestmark = pytest.mark.slow  # build-site serve in fresh interpreters

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = "/usr/bin/chromium"  # Debian's Chromium; never `playwright install`
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMINGS = Path(os.environ.get("SCREENSHOT_DIR", REPO / "test-artifacts")) / "serve-timings.txt"


class Serving:
    """``build-site serve --port 0`` in a subprocess, its output collected line by line."""

    def __init__(self, project, *options: str):
        self.process = subprocess.Popen(
            [sys.executable, "-u", "-m", "generator.cli", "--project", str(project.root),
             "serve", "--port", "0", *options], stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.url = self.wait_for(r"serving (http://\S+)").group(1)

    def _read(self):
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for(self, pattern: str, timeout: float = 15) -> re.Match:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                continue
            self.output.append(line)
            if match := re.search(pattern, line):
                return match
        raise AssertionError(f"no {pattern!r} in the output:\n{''.join(self.output)}")

    def stop(self) -> int | None:
        """Ctrl-C, as a user would; the exit status, or None when the server had to be
        terminated (seen only under a fully loaded test run: see the closing note)."""
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.terminate()
            self.process.wait(timeout=15)
            return None
        finally:
            self.process.kill()


def edit(path: Path, old: str, new: str) -> float:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    return time.perf_counter()


@pytest.mark.browser
@pytest.mark.parametrize("options", [(), ("--poll",)], ids=["change events", "polling"])
def test_serve_reloads_on_save_and_shows_errors_in_the_page(tmp_path, options):
    project = copy_project(tmp_path / "project", FIXTURES / "minimal" / "content")
    (project.seeds / "one.txt").write_text((FIXTURES / "minimal" / "seeds" / "one.txt")
                                           .read_text("utf-8"), "utf-8")
    sheet = project.content / "sheets" / "one.yml"
    server = Serving(project, *options)
    expect = playwright.expect
    try:
        assert server.url.endswith("/facts/")  # base_url's path, as GitHub Pages serves it
        with playwright.sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page()
            page.goto(server.url + "en/sheets/one/")
            title = page.locator("main h1")
            expect(title).to_have_text("Headline")
            page.wait_for_function("window.performance.timing.loadEventEnd > 0")

            saved = edit(sheet, "en: Headline}", "en: Headline edited while serving}")
            expect(title).to_have_text("Headline edited while serving", timeout=10_000)
            reload_seconds = time.perf_counter() - saved

            saved = edit(sheet, "  - id: s2\n", "  - id: s2\n   text: [\n")
            expect(page.locator("h1")).to_contain_text("Build failed", timeout=10_000)
            error_seconds = time.perf_counter() - saved
            location = page.locator(".problems .location").first.inner_text()
            assert re.fullmatch(r"content/sheets/one\.yml:\d+:\d+", location)
            assert "YAML syntax" in page.locator(".problems .message").first.inner_text()
            server.wait_for(r"content/sheets/one\.yml:\d+:\d+: error: YAML syntax")

            saved = edit(sheet, "   text: [\n", "")
            expect(title).to_have_text("Headline edited while serving", timeout=10_000)
            fixed_seconds = time.perf_counter() - saved
            assert page.locator(".problems").count() == 0
            browser.close()
    finally:
        assert server.stop() in (0, None)
    TIMINGS.parent.mkdir(parents=True, exist_ok=True)
    timings = TIMINGS.with_name(f"serve-timings-{'polling' if options else 'events'}.txt")
    timings.write_text(f"save to reloaded page: {reload_seconds:.2f} s; to error page: "
                       f"{error_seconds:.2f} s; fix to page back: {fixed_seconds:.2f} s\n")
    assert reload_seconds < 5


def served_project(tmp_path):
    """The minimal project with its seed, ready to serve."""
    project = copy_project(tmp_path / "project", FIXTURES / "minimal" / "content")
    (project.seeds / "one.txt").write_text((FIXTURES / "minimal" / "seeds" / "one.txt")
                                           .read_text("utf-8"), "utf-8")
    return project


def run_serve(project, *options: str) -> subprocess.CompletedProcess:
    """``build-site serve`` that is expected to stop at once, as it did."""
    return subprocess.run([sys.executable, "-m", "generator.cli", "--project",
                           str(project.root), "serve", *options], capture_output=True,
                          text=True, timeout=60)


def test_a_port_out_of_range_is_one_line_and_nothing_is_built(tmp_path):
    project = served_project(tmp_path)
    result = run_serve(project, "--port", "70000")
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["build-site: error: --port 70000: a port is 0 to "
                                          "65535"]
    assert not project.site.exists()


def test_a_busy_port_is_one_line_before_building(tmp_path):
    project = served_project(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_serve(project, "--port", str(port))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"build-site: error: cannot serve on 127.0.0.1:"
                                          f"{port}: in use by another program: pick another "
                                          "with --port, or --port 0"]
    assert not project.site.exists()


def test_an_address_other_machines_reach_is_warned_about(tmp_path):
    project = served_project(tmp_path)
    with socket.socket() as taken:  # bound, never listening: nothing is ever exposed
        taken.bind(("0.0.0.0", 0))
        port = taken.getsockname()[1]
        result = run_serve(project, "--bind", "0.0.0.0", "--port", str(port))
    warning, error = result.stderr.splitlines()
    assert warning.startswith("build-site: warning: serving on 0.0.0.0: other machines")
    assert error.startswith(f"build-site: error: cannot serve on 0.0.0.0:{port}: in use")


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.mark.browser
def test_an_edit_shows_its_pages_first_then_its_search_never_a_broken_index(tmp_path):
    project = served_project(tmp_path)
    server = Serving(project)
    try:
        page, entry = server.url + "en/sheets/one/", server.url + "assets/pagefind/" + ENTRY
        status, html = fetch(page)
        assert status == 200 and b'<script src="/__build-site/reload.js?epoch=' in html
        assert b"Content-Security-Policy" in html  # the page as published, policy kept
        index_before = json.loads(fetch(entry)[1])
        saved = edit(project.content / "sheets" / "one.yml", "en: Headline}",
                     "en: Headline Zanzibarish}")
        while b"Zanzibarish" not in fetch(page)[1]:  # the page, polled as a reader would
            assert time.perf_counter() - saved < 10
            assert json.loads(fetch(entry)[1])["languages"]  # the index is always whole
        page_seconds = time.perf_counter() - saved
        server.wait_for(r"showing .*en/sheets/one/index\.html.* first")  # pages first
        server.wait_for(r"built \d+ pages in [\d.]+ s")
        server.wait_for(r"search index updated in [\d.]+ s")
        search_seconds = time.perf_counter() - saved
        assert json.loads(fetch(entry)[1]) != index_before  # the edited shard, indexed anew
        with playwright.sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            tab = browser.new_page()
            tab.goto(server.url + "en/search/?q=Zanzibarish")
            playwright.expect(tab.locator(".search-result a").first).to_have_attribute(
                "href", re.compile(r"/en/sheets/one/$"), timeout=10_000)
            browser.close()
    finally:
        assert server.stop() in (0, None)
    TIMINGS.parent.mkdir(parents=True, exist_ok=True)
    TIMINGS.with_name("serve-timings-pages-first.txt").write_text(
        f"save to served page: {page_seconds:.2f} s; to search index: {search_seconds:.2f} s\n")


@pytest.mark.browser
def test_an_edited_sheet_is_shown_first_and_the_build_leaves_it_as_shown(tmp_path):
    """The edited sheet's own pages are served from the last model before the build, the
    build writes them with the same bytes, and the open page reloads once, not twice."""
    project = served_project(tmp_path)
    server = Serving(project)
    try:
        url = server.url + "en/sheets/one/"
        with playwright.sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page()
            page.goto(url)
            page.wait_for_function("window.performance.timing.loadEventEnd > 0")
            edit(project.content / "sheets" / "one.yml", "en: Headline}",
                 "en: Headline seen first}")
            server.wait_for(r"showing .*en/sheets/one/index\.html.* first, in [\d.]+ s")
            playwright.expect(page.locator("main h1")).to_have_text("Headline seen first",
                                                                    timeout=10_000)
            first = without_reload_tag(fetch(url)[1])
            page.evaluate("window.shownFirst = true")
            server.wait_for(r"built \d+ pages in [\d.]+ s")
            time.sleep(0.5)  # time enough for a reload the build would have asked for
            assert page.evaluate("window.shownFirst === true")  # not reloaded again
            browser.close()
        built = (project.site / "en" / "sheets" / "one" / "index.html").read_bytes()
        assert first == built
    finally:
        assert server.stop() in (0, None)


def test_a_sheet_the_quick_checks_refuse_is_not_shown_first(tmp_path):
    """An id no registry has: nothing is shown early; the build says what is wrong."""
    project = served_project(tmp_path)
    server = Serving(project)
    try:
        edit(project.content / "sheets" / "one.yml", "publisher: ", "publisher: nobody-")
        server.wait_for(r"error: unknown id 'nobody-")
        assert not any("first, in" in line for line in server.output)
    finally:
        assert server.stop() in (0, None)


def without_reload_tag(page: bytes) -> bytes:
    return re.sub(rb'<script src="/__build-site/reload\.js\?epoch=\d+"></script>', b"", page)


def test_an_edit_not_shown_first_swaps_its_pages_in_before_its_search(tmp_path):
    """A registry edit reaches many pages: they are built and swapped in with the last
    search indexes, then a second build indexes the edit."""
    project = served_project(tmp_path)
    server = Serving(project)
    try:
        page = server.url + "en/people/jane-doe/"
        edit(project.content / "entities" / "people.yml", "en: Jane Doe}",
             "en: Jane Quixotically Doe}")
        server.wait_for(r"built \d+ pages in [\d.]+ s; search index next")
        assert b"Quixotically" in fetch(page)[1]
        server.wait_for(r"search index updated in [\d.]+ s")
        assert not any("first, in" in line for line in server.output)
    finally:
        assert server.stop() in (0, None)
