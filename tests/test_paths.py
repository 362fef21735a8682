"""No content can make the build read or write outside content/, templates/, seeds/ and
site/: traversal in ids and seed names, and symlinks out of content/, are refused."""

from __future__ import annotations

import os

import pytest
import yaml
from test_content_errors import minimal_project

from generator.build.load import load_and_check
from generator.build.staging import safe_relative

TRAVERSALS = ["../../etc/passwd", "/etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2fsecret",
              "\u2024\u2024/secret", "\uff0e\uff0e\uff0fsecret", "C:\\secret", "seed\x00.txt",
              "~/.ssh/id_rsa", "./../x"]


def rules(project) -> set[str]:
    _, problems = load_and_check(project)
    return {p.rule for p in problems if p.is_error}


def edit_yaml(path, change) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")


@pytest.mark.parametrize("attack", TRAVERSALS)
def test_seed_names_cannot_leave_seeds(tmp_path, attack):
    project, _ = minimal_project(tmp_path)
    edit_yaml(project.content / "sheets/one.yml", lambda d: d["source"].update(seed=attack))
    assert rules(project) == {"schema-pattern"}


@pytest.mark.parametrize("attack", TRAVERSALS)
def test_ids_cannot_hold_paths(tmp_path, attack):
    project, _ = minimal_project(tmp_path)
    edit_yaml(project.content / "entities/places.yml", lambda d: d[0].update(id=attack))
    found = rules(project)
    assert found and found <= {"schema-id", "text-zero-width"}


@pytest.mark.parametrize("name", ["Sheet.yml", "..yml", "sheet one.yml", "\uff53heet.yml",
                                  "sheet%2f..yml"])
def test_sheet_file_names_must_be_slugs(tmp_path, name):
    project, _ = minimal_project(tmp_path)
    (project.content / "sheets/one.yml").rename(project.content / "sheets" / name)
    assert "sheet-slug" in rules(project)


@pytest.mark.parametrize("target", ["sheets/one.yml", "entities/people.yml", "site.yml"])
def test_symlinks_out_of_content_are_refused(tmp_path, target):
    project, _ = minimal_project(tmp_path)
    outside = tmp_path / "outside.yml"
    outside.write_bytes((project.content / target).read_bytes())
    (project.content / target).unlink()
    os.symlink(outside, project.content / target)
    _, problems = load_and_check(project)
    assert any(p.rule == "path-outside" and p.path == f"content/{target}" for p in problems)


def test_a_seed_symlinked_out_of_seeds_is_refused(tmp_path):
    project, _ = minimal_project(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("not for publication")
    os.symlink(secret, project.seeds / "leak.txt")
    edit_yaml(project.content / "sheets/one.yml", lambda d: d["source"].update(seed="leak.txt"))
    assert "ref-missing-seed" in rules(project)


@pytest.mark.parametrize("attack", ["../../etc/passwd", "/etc/passwd", "..\\..\\win.ini",
                                    "a/../../b", "ar/../../../x.html", ""])
def test_writer_never_writes_outside_the_site(attack):
    from generator.errors import BuildError
    with pytest.raises(BuildError):
        safe_relative(attack)
