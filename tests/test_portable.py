"""The build runs no outside program but Pagefind: with ``PATH`` empty it writes the site,
sets a hard-linked spare copy of it aside, and swaps in the next site after an edit."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from conftest import tree_digest


def build_without_path(project) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": ""}
    return subprocess.run([sys.executable, "-m", "generator.cli", "--project",
                           str(project.root), "build", "--quiet"],
                          env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.slow
def test_a_build_with_an_empty_path_writes_the_site_and_its_spare(project):
    first = build_without_path(project)
    assert first.returncode == 0, first.stderr
    cache = project.root / ".build-cache"
    spares = [folder for folder in cache.glob("spare*") if folder.is_dir()]
    assert len(spares) == 1 and not spares[0].name.endswith(".part")
    page = "en/index.html"
    assert os.path.samefile(spares[0] / page, project.site / page)  # a hard link, not a copy

    places = project.content / "entities" / "places.yml"
    places.write_text(places.read_text("utf-8").replace("en: Baghdad}", "en: Baghdad City}", 1),
                      "utf-8")
    second = build_without_path(project)
    assert second.returncode == 0, second.stderr
    assert "Baghdad City" in (project.site / "en" / "places" / "baghdad" / "index.html"
                              ).read_text("utf-8")
    before = tree_digest(project.site)
    third = build_without_path(project)  # clears what the others set aside, in the background
    assert third.returncode == 0, third.stderr
    assert tree_digest(project.site) == before
    deadline = time.monotonic() + 30
    while any((cache / "trash").iterdir()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert list((cache / "trash").iterdir()) == []
