"""Broken content files give one located line each, with the rule that found them.

Each fixture in ``fixtures/broken/`` replaces one file of the minimal project
(``sheet-*`` the sheet, ``places-*`` the places registry, ...) and states on its first
line the position, rule and words its error must have: ``# expect: 5:8 schema-range``.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import FIXTURES, REPO, tree_digest

from generator.build.load import load_and_check
from generator.checks.catalogue import RULES
from generator.cli import main
from generator.content.project import Project

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



def test_there_are_at_least_forty_broken_fixtures():
    assert len(BROKEN) >= 40


def test_minimal_project_is_clean(tmp_path):
    project, _ = minimal_project(tmp_path)
    _, problems = load_and_check(project)
    assert [p for p in problems if p.is_error] == []


def test_shipped_content_is_clean():
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
def test_broken_fixture_check_and_build_print_clean_lines(tmp_path, fixture, capsys):
    project, target = minimal_project(tmp_path, fixture)
    project.site.mkdir()
    (project.site / "index.html").write_text("previous build")
    before = tree_digest(project.root)
    for command in (["check"], ["build"]):
        assert main(["--project", str(project.root), *command]) == 1
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert any(line.startswith(target + ":") and ": error: " in line
                   and line.endswith("]") for line in err.splitlines()), err
    after = {path: digest for path, digest in tree_digest(project.root).items()
             if not path.startswith(".build-cache/")}  # check keeps what it read, as a build
    assert after == before  # nothing written, previous site untouched


def test_every_rule_a_fixture_triggers_is_in_the_catalogue():
    for fixture in BROKEN:
        _, rule, _ = expectation(fixture)
        assert rule in RULES, rule
