"""`build-site check`: warnings, strictness, JSON output, PATH filtering, and translation
confirmations kept outside the hand-edited files."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import FIXTURES
from test_content_errors import TARGETS, expectation, minimal_project

from generator.build import load_and_check
from generator.cli import main

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
    with pytest.raises(SystemExit) as exit_:
        main(["--project", str(tmp_path), "check"])
    assert exit_.value.code == 2
    shutil.rmtree(tmp_path)
