"""Writing a draft: every file planned first, checked together in a scratch copy of
content/, then each written whole; an existing sheet is never overwritten, and a plan
that fails check writes nothing."""

from __future__ import annotations

import shutil

import pytest
import yaml
from conftest import FIXTURES, tree_digest

from generator.content.project import REGISTRIES, Project
from generator.errors import BuildError, ContentError
from generator.extract.analyze import analyze
from generator.extract.dates import Published
from generator.extract.draft import make_draft
from generator.extract.gazetteer import build_gazetteer
from generator.extract.reader import read_source
from generator.extract.write import plan_files, verify, write_files


@pytest.fixture
def project(tmp_path) -> Project:
    """The minimal project with a small Arabic report in its seeds."""
    shutil.copytree(FIXTURES / "minimal", tmp_path / "project")
    shutil.copyfile(FIXTURES / "extract" / "units" / "report.txt",
                    tmp_path / "project" / "seeds" / "report.txt")
    return Project(tmp_path / "project")


def draft_of(project: Project):
    registries = {name: yaml.safe_load((project.content / "entities" / f"{name}.yml")
                                       .read_text("utf-8")) or [] for name in REGISTRIES}
    findings = analyze(read_source(project.seeds / "report.txt"), build_gazetteer(registries),
                       Published.parse("2024-01-29"))
    ids = {name: {entry["id"] for entry in registries[name]} for name in REGISTRIES}
    return make_draft(findings, "report", ids)


def test_the_plan_is_the_sheet_and_the_registries_it_adds_to(project):
    before = tree_digest(project.root)
    files, report = plan_files(project, draft_of(project), None, merge=False)
    content = project.content
    assert set(files) == {content / "sheets" / "report.yml",
                          content / "entities" / "people.yml",
                          content / "entities" / "organizations.yml",
                          content / "entities" / "places.yml"}
    assert report == []
    people = files[content / "entities" / "people.yml"]
    assert people.startswith((content / "entities" / "people.yml").read_text("utf-8"))
    assert "محمد تميم" in people
    assert tree_digest(project.root) == before  # planned, not written


def test_a_plan_that_checks_is_written_whole(project):
    files, _ = plan_files(project, draft_of(project), None, merge=False)
    warnings = verify(project, files)
    assert warnings and not any(problem.is_error for problem in warnings)
    write_files(files)
    for path, text in files.items():
        assert path.read_text("utf-8") == text
    assert not list(project.content.rglob(".*extract-tmp"))


def test_an_existing_sheet_is_never_overwritten(project):
    files, _ = plan_files(project, draft_of(project), None, merge=False)
    write_files(files)
    with pytest.raises(BuildError, match="extract never overwrites it"):
        plan_files(project, draft_of(project), None, merge=False)


def test_a_plan_that_fails_check_writes_nothing(project):
    files, _ = plan_files(project, draft_of(project), None, merge=False)
    sheet = project.content / "sheets" / "report.yml"
    files[sheet] = files[sheet].replace("seed: report.txt", "seed: missing.txt")
    before = tree_digest(project.root)
    with pytest.raises(ContentError) as refused:
        verify(project, files)
    assert "ref-missing-seed" in {problem.rule for problem in refused.value.problems}
    assert tree_digest(project.root) == before
