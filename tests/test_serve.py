"""``build-site serve`` in headless Chromium: an edit reloads the open page with the new text,
a broken edit shows the error in the page, and the fix brings the page back."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, copy_project

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
