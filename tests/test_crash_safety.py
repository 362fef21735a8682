"""A build killed at any moment, or failing to write, never leaves a mixed site/: it is
always exactly the old complete site or the new complete site, and the next build clears
what a killed one left behind."""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import time

import pytest
from conftest import differences, tree_digest

from generator.build.staging import Staging
from generator.cli import main

TRIALS = 24



def edit(project, version: str) -> None:
    """Switch the content between two versions that change many pages (a shared place
    name appears on the sheet, the place page, the map, exports and the search index)."""
    places = project.content / "entities" / "places.yml"
    text = places.read_text("utf-8")
    old, new = ("Baghdad", "Baghdad (old)") if version == "b" else ("Baghdad (old)", "Baghdad")
    places.write_text(text.replace(f"en: {old}}}", f"en: {new}}}", 1), "utf-8")


def build_command(project) -> list[str]:
    return [sys.executable, "-m", "generator.cli", "--project", str(project.root), "build",
            "--quiet"]


@pytest.mark.slow
def test_killed_builds_leave_the_old_or_the_new_site(project):
    subprocess.run(build_command(project), check=True, capture_output=True)
    versions = {"a": tree_digest(project.site)}
    edit(project, "b")
    subprocess.run(build_command(project), check=True, capture_output=True)
    versions["b"] = tree_digest(project.site)
    assert versions["a"] != versions["b"]
    started = time.perf_counter()
    edit(project, "a")
    subprocess.run(build_command(project), check=True, capture_output=True)
    duration = time.perf_counter() - started
    current = "a"
    random.seed(20201020)
    outcomes = []
    for _ in range(TRIALS):
        wanted = "b" if current == "a" else "a"
        edit(project, wanted)
        process = subprocess.Popen(build_command(project), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(random.uniform(0, duration * 1.2))
        process.send_signal(signal.SIGKILL)
        process.wait()
        found = tree_digest(project.site)
        assert found in (versions["a"], versions["b"]), (
            f"site/ is a mix: differs from a in {differences(found, versions['a'])[:5]}, "
            f"from b in {differences(found, versions['b'])[:5]}")
        current = "a" if found == versions["a"] else "b"
        outcomes.append("new" if current == wanted else "old")
    assert "old" in outcomes  # the kills really interrupted builds
    subprocess.run(build_command(project), check=True, capture_output=True)
    assert differences(tree_digest(project.site), versions[wanted]) == []
    leftovers = [p.name for p in project.root.iterdir() if p.name.startswith(".site-new-")]
    assert leftovers == []


@pytest.mark.parametrize(("failure", "words"), [
    (errno.ENOSPC, "No space left on device"), (errno.EACCES, "Permission denied")])
@pytest.mark.slow
def test_write_failure_is_one_line_and_keeps_the_site(project, monkeypatch, capsys, failure,
                                                      words):
    assert main(["--project", str(project.root), "build", "--quiet"]) == 0
    before = tree_digest(project.site)
    edit(project, "b")
    calls = []

    def failing_write(self, relative, *data):
        calls.append(relative)
        if len(calls) > 3:
            raise OSError(failure, os.strerror(failure), relative)
        return original(self, relative, *data)

    original = Staging.write
    monkeypatch.setattr(Staging, "write", failing_write)
    capsys.readouterr()
    assert main(["--project", str(project.root), "build", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and words in err
    assert tree_digest(project.site) == before
    assert not [p for p in project.root.iterdir() if p.name.startswith(".site-new-")]
