"""``build-site check`` through the build's cache says exactly what a check without it says,
on content with errors and warnings edited between runs, and reads only what changed."""

from __future__ import annotations

import shutil

from conftest import FIXTURES
from test_content_errors import minimal_project

from generator.build.load import load_and_check
from generator.build.pipeline import build
from generator.cache import documents
from generator.cache.check import check_content
from generator.checks.translations import coverage
from generator.cli import main
from generator.content.status import is_draft, registry_drafts

SHEETS = {"one.yml": FIXTURES / "minimal/content/sheets/one.yml",
          "two.yml": FIXTURES / "warnings/sheet-missing-translation.yml",
          "three.yml": FIXTURES / "broken/sheet-bad-date.yml",
          "four.yml": FIXTURES / "broken/sheet-missing-seed.yml"}


def replace(path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def check_output(project, capsys, *options: str) -> tuple[int, str, str]:
    status = main(["--project", str(project.root), "check", *options])
    found = capsys.readouterr()
    return status, found.out, found.err


def uncached_output(project, tmp_path, capsys, *options: str) -> tuple[int, str, str]:
    """The same check in a copy of the project that has no cache at all."""
    fresh = tmp_path / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(project.root, fresh, ignore=shutil.ignore_patterns(".build-cache"))
    return check_output(type(project)(fresh), capsys, *options)


def without_cache(project, strict: bool = False):
    """What the build's own loading finds, with no cache: problems, coverage and drafts."""
    documents, problems = load_and_check(project, strict)
    if any(p.is_error for p in problems):
        return problems, {}, []
    drafts = [document.display for document in documents.sheets.values()
              if is_draft(document.data)]
    return problems, coverage(documents), drafts + registry_drafts(documents.registries)


EDITS = [
    ("nothing changed", None),
    ("a sheet's warning fixed", ("sheets/two.yml", "title: {en: Headline}",
                                 "title: {en: Headline, ar: عنوان}")),
    ("a new warning in another sheet", ("sheets/one.yml", "{ar: عنوان, en: Headline}",
                                        "{en: Headline}")),
    ("a sheet's error fixed", ("sheets/three.yml", "2020-13", "2020-12")),
    ("the last error fixed by adding its seed", "seed"),
    ("a registry edit that breaks references", ("entities/people.yml", "jane-doe", "jane-roe")),
    ("fixed again", ("entities/people.yml", "jane-roe", "jane-doe")),
    ("a sheet becomes a draft", ("sheets/two.yml", "source:\n", "status: draft\nsource:\n")),
]


def test_cached_check_says_what_a_check_without_cache_says(tmp_path, capsys):
    project, _ = minimal_project(tmp_path)
    for name, fixture in SHEETS.items():
        shutil.copyfile(fixture, project.content / "sheets" / name)
    build_status = main(["--project", str(project.root)])  # the build's cache, as users have it
    capsys.readouterr()
    assert build_status == 1  # errors: the cache holds the parses all the same
    seen = []
    for what, edit in EDITS:
        if edit == "seed":
            shutil.copyfile(project.seeds / "one.txt", project.seeds / "nothing-here.txt")
        elif edit:
            replace(project.content / edit[0], *edit[1:])
        for options in ((), ("--strict",), ("--format", "json")):
            cached = check_output(project, capsys, *options)
            assert cached == uncached_output(project, tmp_path, capsys, *options), what
            checked = check_content(project, "--strict" in options)
            assert (checked.problems, checked.coverage, checked.drafts) == without_cache(
                project, "--strict" in options), what
        seen.append(cached[0])
    assert 1 in seen and 0 in seen  # both errors and a clean state were compared
    output = check_output(project, capsys)[2]
    assert "translations: ar" in output and "content/sheets/two.yml: draft" in output


def test_check_after_one_edit_reads_that_sheet_only(tmp_path, capsys, monkeypatch):
    project, _ = minimal_project(tmp_path)
    sheets = project.content / "sheets"
    for number in range(2, 12):
        shutil.copyfile(sheets / "one.yml", sheets / f"copy-{number}.yml")
    build(project)
    check_output(project, capsys)  # the check before
    read = []
    restore = documents.DocumentCache.restore
    monkeypatch.setattr(documents.DocumentCache, "restore", lambda self, path, *rest: (
        read.append(path.name), restore(self, path, *rest))[1])
    replace(sheets / "copy-5.yml", "en: Headline}", "en: Headline edited}")
    assert check_output(project, capsys)[0] == 0
    assert [name for name in read if name.startswith(("copy", "one"))] == ["copy-5.yml"]
    read.clear()
    assert check_output(project, capsys)[0] == 0
    assert read == []  # unchanged: the check before's answer, nothing read
