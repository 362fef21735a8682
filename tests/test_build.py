"""Building: deterministic bytes, atomic replacement, errors that write nothing."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import tree_digest

from generator.build.pipeline import build
from generator.build.staging import safe_relative
from generator.errors import BuildError, ContentError


@pytest.mark.slow
def test_two_builds_are_byte_identical(project):
    build(project)
    first = tree_digest(project.site)
    build(project)
    assert tree_digest(project.site) == first
    assert any(name.endswith("sheets/kadhimi-us-threat-2020/index.html") for name in first)


@pytest.mark.slow
def test_build_replaces_site_and_leaves_no_temporary_folders(project):
    project.site.mkdir()
    (project.site / "stale.html").write_text("old")
    build(project)
    assert not (project.site / "stale.html").exists()
    siblings = [p.name for p in project.root.iterdir() if p.name.startswith(".site")]
    assert siblings == []


@pytest.mark.slow
def test_content_error_leaves_previous_site_untouched(project):
    build(project)
    before = tree_digest(project.site)
    places = project.content / "entities" / "places.yml"
    places.write_text(places.read_text("utf-8").replace("lat: 33.3", "lat: 333.3", 1), "utf-8")
    with pytest.raises(ContentError) as raised:
        build(project)
    assert any(p.rule == "schema-range" for p in raised.value.problems)
    assert tree_digest(project.site) == before


@pytest.mark.slow
def test_template_error_is_one_line_and_leaves_site_untouched(project):
    build(project)
    before = tree_digest(project.site)
    (project.templates / "about.html").write_text("{% extends 'base.html' %}"
                                                  "{% block main %}{{ nope.x }}{% endblock %}")
    with pytest.raises(BuildError, match=r"about.html:1: template error: 'nope' is undefined"):
        build(project)
    assert tree_digest(project.site) == before


@pytest.mark.slow
def test_a_template_asking_for_a_missing_string_names_it(project):
    (project.templates / "about.html").write_text("{% extends 'base.html' %}"
                                                  "{% block main %}{{ page.t('nope') }}"
                                                  "{% endblock %}")
    with pytest.raises(BuildError, match=r"about.html:1: template error: no interface "
                                         r"string 'nope' for '(ar|en)' in i18n/"):
        build(project)


@pytest.mark.parametrize("bad", ["../escape.html", "/etc/passwd", "a/../../b", "a\\..\\b", ""])
def test_writer_refuses_paths_outside_the_site(bad):
    with pytest.raises(BuildError):
        safe_relative(bad)


def run_cli(project, *args):
    return subprocess.run([sys.executable, "-m", "generator.cli", "--project", str(project.root),
                           *args], capture_output=True, text=True, timeout=120)


@pytest.mark.slow
def test_cli_build_reports_pages_and_place(project):
    result = run_cli(project)
    assert result.returncode == 0, result.stderr
    assert "wrote" in result.stdout and "pages" in result.stdout and "site/" in result.stdout


@pytest.mark.slow
def test_cli_content_error_is_a_located_line_and_exit_1(project):
    places = project.content / "entities" / "places.yml"
    places.write_text(places.read_text("utf-8").replace("lat: 33.3", "lat: 333.3", 1), "utf-8")
    result = run_cli(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith("content/entities/places.yml:")
    assert first.endswith("[schema-range]")
    assert not project.site.exists()


@pytest.mark.slow
def test_cli_usage_error_exits_2(project, tmp_path):
    result = subprocess.run([sys.executable, "-m", "generator.cli", "--project", str(tmp_path)],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "content/site.yml" in result.stderr
    assert run_cli(project, "no-such-command").returncode == 2


@pytest.mark.slow
def test_templates_calling_the_old_macros_build_the_same_site(project):
    """Sentence links and entity names became page helpers; a template copied before
    still calls them as macros and gets the same bytes."""
    build(project)
    expected = tree_digest(project.site)
    for name in ("sheet.html", "entity.html"):
        template = project.templates / name
        text = template.read_text("utf-8")
        text = text.replace("page.sentence_links(", "m.sentence_links(page, ")
        template.write_text(text.replace("page.entity_name(", "m.entity_name(page, "), "utf-8")
    assert "m.sentence_links(page, " in (project.templates / "sheet.html").read_text("utf-8")
    build(project)
    assert tree_digest(project.site) == expected


@pytest.mark.slow
def test_an_asset_named_like_a_generated_file_is_refused(project):
    build(project)
    before = tree_digest(project.site)
    clash = project.templates / "assets" / "pagefind" / "pagefind-entry.json"
    clash.parent.mkdir(parents=True)
    clash.write_text("{}", "utf-8")
    with pytest.raises(BuildError, match="two files would be written to site/assets/pagefind"):
        build(project)
    assert tree_digest(project.site) == before
