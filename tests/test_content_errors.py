"""Broken content files give one located line each, with the rule that found them.

Each fixture in ``fixtures/broken/`` replaces one file of the minimal project
(``sheet-*`` the sheet, ``places-*`` the places registry, ...) and states on its first
line the position, rule and words its error must have: ``# expect: 5:8 schema-range``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import FIXTURES

from generator.build import load_and_check
from generator.project import Project

BROKEN = sorted((FIXTURES / "broken").glob("*.yml"))
TARGETS = {"sheet": "content/sheets/one.yml", "site": "content/site.yml",
           "people": "content/entities/people.yml", "places": "content/entities/places.yml",
           "organizations": "content/entities/organizations.yml"}


def minimal_project(tmp_path, fixture=None) -> tuple[Project, str]:
    root = tmp_path / "minimal"
    shutil.copytree(FIXTURES / "minimal", root)
    target = ""
    if fixture is not None:
        target = TARGETS[fixture.name.split("-")[0]]
        shutil.copyfile(fixture, root / target)
    return Project(root), target


def expectation(fixture) -> tuple[str, str, str]:
    first = fixture.read_bytes().split(b"\n")[0].decode("ascii")
    position, rule, *words = first.removeprefix("# expect: ").split(" ", 2)
    return position, rule, " ".join(words)


def test_minimal_project_is_clean(tmp_path):
    project, _ = minimal_project(tmp_path)
    _, problems = load_and_check(project)
    assert [p for p in problems if p.is_error] == []


def test_shipped_content_is_clean():
    from conftest import REPO
    _, problems = load_and_check(Project(REPO))
    assert problems == []


@pytest.mark.parametrize("fixture", BROKEN, ids=lambda p: p.stem)
def test_broken_fixture_gives_located_error(tmp_path, fixture):
    project, target = minimal_project(tmp_path, fixture)
    position, rule, words = expectation(fixture)
    _, problems = load_and_check(project)
    found = [str(p) for p in problems if p.is_error]
    wanted = f"{target}:{position}: error: "
    assert any(line.startswith(wanted) and line.endswith(f"[{rule}]") and words in line
               for line in found), found


@pytest.mark.parametrize("fixture", BROKEN, ids=lambda p: p.stem)
def test_broken_fixture_through_the_cli_never_tracebacks(tmp_path, fixture):
    project, target = minimal_project(tmp_path, fixture)
    result = subprocess.run([sys.executable, "-m", "generator.cli", "--project",
                             str(project.root)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert any(line.startswith(target + ":") and ": error: " in line
               for line in result.stderr.splitlines())
    assert not project.site.exists()
