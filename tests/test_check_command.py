"""`build-site check`: warnings, strictness, JSON output, PATH filtering, and translation
confirmations kept outside the hand-edited files."""

from __future__ import annotations

import json
import re
import shutil

import pytest
import yaml
from conftest import FIXTURES, REPO
from test_content_errors import TARGETS, expectation, minimal_project

from generator.build.load import load_and_check
from generator.cli import main
from generator.cli.commands.check import annotation
from generator.errors import Problem

WARNINGS = sorted((FIXTURES / "warnings").glob("*.yml"))


@pytest.mark.parametrize("fixture", WARNINGS, ids=lambda p: p.stem)
def test_warning_fixture_gives_located_warning(tmp_path, fixture):
    project, target = minimal_project(tmp_path, fixture)
    position, rule, words = expectation(fixture)
    _, problems = load_and_check(project)
    assert not [p for p in problems if p.is_error]
    lines = [str(p) for p in problems]
    assert any(line.startswith(f"{target}:{position}: warning: ") and words in line
               and line.endswith(f"[{rule}]") for line in lines), lines


def test_strict_turns_missing_translations_into_errors(tmp_path, capsys):
    project, _ = minimal_project(tmp_path, FIXTURES / "warnings/sheet-missing-translation.yml")
    assert main(["--project", str(project.root), "check"]) == 0
    assert main(["--project", str(project.root), "check", "--strict"]) == 1
    assert "error: no 'ar' text for title [missing-translation]" in capsys.readouterr().err


def test_summary_counts_problems_and_translation_coverage(tmp_path, capsys):
    project, _ = minimal_project(tmp_path, FIXTURES / "warnings/sheet-missing-translation.yml")
    main(["--project", str(project.root), "check"])
    summary = capsys.readouterr().err.splitlines()[-1]
    assert summary.startswith("0 errors, 1 warnings in 1 files; translations: ar 88% (8/9)")
    assert "en 100%" in summary


def test_json_format_has_the_same_findings(tmp_path, capsys):
    project, _ = minimal_project(tmp_path, FIXTURES / "broken/places-longitude.yml")
    assert main(["--project", str(project.root), "check", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == 1
    problem = report["problems"][0]
    assert (problem["path"], problem["line"], problem["column"], problem["rule"]) == (
        TARGETS["places"], 6, 8, "schema-range")


def test_path_argument_limits_output_to_that_file(tmp_path, capsys):
    project, _ = minimal_project(tmp_path, FIXTURES / "warnings/people-unused.yml")
    sheet = project.content / "sheets" / "one.yml"
    assert main(["check", str(sheet)]) == 0
    assert "ref-unused" not in capsys.readouterr().err
    assert main(["check", str(project.content / "entities")]) == 0
    assert "ref-unused" in capsys.readouterr().err


def test_confirmed_translation_goes_stale_when_its_source_changes(tmp_path, capsys):
    project, _ = minimal_project(tmp_path)
    sheet = project.content / "sheets" / "one.yml"
    before = sheet.read_bytes()
    assert main(["--project", str(project.root), "check", "--confirm-translations",
                 str(sheet)]) == 0
    assert sheet.read_bytes() == before  # the hand-edited file is never rewritten
    store = json.loads((project.content / ".confirmed-translations.json").read_text("utf-8"))
    assert "text[s1].text" in store["content/sheets/one.yml"]
    edited = before.decode("utf-8").replace("First sentence.", "First sentence now edited.")
    sheet.write_text(edited, encoding="utf-8")
    capsys.readouterr()
    assert main(["--project", str(project.root), "check"]) == 0
    err = capsys.readouterr().err
    assert "content/sheets/one.yml:9:11: warning: " in err
    assert "the 'en' text of text[s1].text changed after its translation was confirmed" in err
    assert "[stale-translation]" in err
    main(["--project", str(project.root), "check", "--confirm-translations", str(sheet)])
    assert "stale-translation" not in capsys.readouterr().err


def test_check_writes_nothing(tmp_path):
    project, _ = minimal_project(tmp_path)
    main(["--project", str(project.root), "check"])
    assert not project.site.exists()
    assert sorted(p.name for p in project.content.iterdir()) == ["entities", "sheets", "site.yml"]


def test_check_from_inside_a_subfolder_finds_the_project(tmp_path, monkeypatch, capsys):
    project, _ = minimal_project(tmp_path)
    monkeypatch.chdir(project.content / "sheets")
    assert main(["check"]) == 0
    assert "0 errors" in capsys.readouterr().err


def test_usage_errors_exit_2(tmp_path, capsys):
    assert main(["--project", str(tmp_path), "check"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    shutil.rmtree(tmp_path)


def test_github_format_writes_workflow_annotations(tmp_path, capsys):
    project, _ = minimal_project(tmp_path, FIXTURES / "broken/places-longitude.yml")
    assert main(["--project", str(project.root), "check", "--format", "github"]) == 1
    out, err = capsys.readouterr()
    (line,) = out.splitlines()
    assert line.startswith(f"::error file={TARGETS['places']},line=6,col=8,title=schema-range::")
    assert err.startswith("1 errors")


def test_github_annotations_escape_what_would_end_them():
    problem = Problem("content/a,b:c.yml", 0, 0, "warning", "50% off\nnext: line", "r:1")
    assert annotation(problem) == \
        "::warning file=content/a%2Cb%3Ac.yml,title=r%3A1::50%25 off%0Anext: line"


def test_pre_commit_hook_runs_check_on_content_changes(project, capsys):
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert {"id", "name", "entry", "language"} <= hook.keys() and hook["language"] == "python"
    assert hook["pass_filenames"] is False  # references cross files: all content is checked
    files = re.compile(hook["files"])
    assert files.search("content/sheets/one.yml") and not files.search("site/data/x.yml")
    program, *args = hook["entry"].split()
    assert program == "build-site"
    assert main(["--project", str(project.root), *args]) == 0
