"""Where templates come from: a project's templates/ before the packaged ones, and which
of them a project really changed (a byte-for-byte copy is no change)."""

from __future__ import annotations

import shutil

from conftest import REPO

from generator.render.theme import changed_templates, packaged_templates, template_dirs


def test_the_packaged_templates_are_the_repositorys_own():
    assert packaged_templates().resolve() == (REPO / "templates").resolve()
    assert (packaged_templates() / "sheet.html").is_file()


def test_a_projects_templates_come_first(tmp_path):
    assert template_dirs(tmp_path / "templates") == (packaged_templates(),)  # none yet
    (tmp_path / "templates").mkdir()
    assert template_dirs(tmp_path / "templates") == (tmp_path / "templates",
                                                     packaged_templates())
    assert template_dirs(REPO / "templates") == (REPO / "templates",)  # not twice


def test_only_templates_that_differ_count_as_changed(tmp_path):
    own = tmp_path / "templates"
    (own / "partials").mkdir(parents=True)
    shutil.copyfile(packaged_templates() / "sheet.html", own / "sheet.html")
    (own / "home.html").write_text("{% extends 'base.html' %}\n", "utf-8")
    (own / "partials" / "new.html").write_text("<p>mine</p>\n", "utf-8")
    (own / "notes.txt").write_text("not a template", "utf-8")
    assert changed_templates(template_dirs(own)) == {"home.html", "partials/new.html"}
    assert changed_templates(template_dirs(REPO / "templates")) == set()
