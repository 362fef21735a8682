"""Drafts stay on the editor's machine: a default build leaves out every trace of a sheet
or entity marked ``status: draft`` (and of entities only drafts involve); ``build
--drafts`` and ``serve`` show them with a banner and ``noindex``; ``check`` lists them."""

from __future__ import annotations

import gzip
import json
import shutil
import urllib.request

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, REPO, differences, soup, tree_digest

from generator.build.load import load_and_check
from generator.build.pipeline import build
from generator.cli import main
from generator.content.project import Project

DRAFTS = FIXTURES / "drafts"
SEED = "000_388e89f499b51aba.txt"
MARKERS = (b"wipzq", "شخص مسودة".encode(), "عنوان المسودة".encode(), b"sheets/wip")
"""Texts and paths that only the draft sheet and the entities only it involves carry."""


def draft_project(target) -> Project:
    shutil.copytree(DRAFTS / "content", target / "content")
    shutil.copytree(DRAFTS / "seeds", target / "seeds")
    shutil.copytree(REPO / "templates", target / "templates")
    return Project(target)


def site_bytes(site) -> dict[str, bytes]:
    """Every file of the site, the search index's gzipped pieces unpacked."""
    files = {}
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix != ".woff2":
            data = path.read_bytes()
            files[path.relative_to(site).as_posix()] = (
                gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)
    return files


@pytest.fixture
def project(tmp_path) -> Project:
    return draft_project(tmp_path / "project")


@pytest.mark.slow
def test_a_default_build_leaves_every_trace_of_the_drafts_out(project, capsys):
    assert main(["--project", str(project.root), "build"]) == 0
    assert "left out 1 draft sheet" in capsys.readouterr().out
    files = site_bytes(project.site)
    assert "assets/pagefind/pagefind-entry.json" in files  # the search index is looked in
    found = {name: marker for name, data in files.items() for marker in MARKERS
             if marker in data.lower()}
    assert found == {}
    assert not (project.site / "en" / "sheets" / "wip").exists()
    assert not (project.site / "en" / "people" / "wipzq-secret").exists()
    # used only by the draft, but the organization of a published person: kept
    ministry = project.site / "en" / "organizations" / "interior-ministry" / "index.html"
    assert "Jane Doe" in soup(ministry).get_text()


@pytest.mark.slow
def test_drafts_are_shown_with_a_banner_and_noindex_when_asked_for(project, capsys):
    assert main(["--project", str(project.root), "build", "--drafts"]) == 0
    assert "left out" not in capsys.readouterr().out
    page = soup(project.site / "en" / "sheets" / "wip" / "index.html")
    assert "Draft" in page.select_one(".draft-banner").get_text()
    assert page.select_one('meta[name="robots"]')["content"].startswith("noindex")
    person = soup(project.site / "ar" / "people" / "wipzq-secret" / "index.html")
    assert "مسودة" in person.select_one(".draft-banner").get_text()
    published = soup(project.site / "en" / "sheets" / "one" / "index.html")
    assert published.select_one(".draft-banner") is None
    assert published.select_one('meta[name="robots"]') is None
    home = soup(project.site / "en" / "index.html")
    assert [tag.find_parent("h2").a.get_text() for tag in home.select(".tag--draft")] == [
        "Wipzqheadline draft"]
    assert b"sheets/wip" not in (project.site / "sitemap.xml").read_bytes()


def test_check_lists_the_drafts_and_refuses_a_published_sheet_using_a_draft_entity(
        project, capsys):
    assert main(["--project", str(project.root), "check"]) == 0
    err = capsys.readouterr().err
    assert "content/sheets/wip.yml: draft" in err
    assert "content/entities/people.yml:5 (wipzq-secret): draft" in err
    sheet = project.content / "sheets" / "one.yml"
    sheet.write_text(sheet.read_text("utf-8").replace(
        "  - {id: jane-doe, sentences: [s1]}", "  - {id: jane-doe, sentences: [s1]}\n"
        "  - {id: wipzq-secret, sentences: [s2]}"), "utf-8")
    _, problems = load_and_check(project)
    assert [(p.path, p.line, p.rule) for p in problems if p.is_error] == [
        ("content/sheets/one.yml", 19, "draft-entity")]


@pytest.mark.slow
def test_builds_with_and_without_drafts_equal_clean_ones(tmp_path):
    """Incremental builds switching between drafts and none, and a draft published, give
    the bytes of a clean build of the same content and the same choice."""
    project = draft_project(tmp_path / "incremental")

    def clean(drafts: bool) -> dict[str, str]:
        fresh = tmp_path / f"clean-{len(list(tmp_path.iterdir()))}"
        shutil.copytree(project.content, fresh / "content")
        shutil.copytree(project.seeds, fresh / "seeds")
        shutil.copytree(project.templates, fresh / "templates")
        build(Project(fresh), quiet=True, drafts=drafts)
        return tree_digest(fresh / "site")

    for drafts in (False, True, False, True):
        build(project, quiet=True, drafts=drafts)
        assert differences(tree_digest(project.site), clean(drafts)) == []
    assert build(project, quiet=True, drafts=True).up_to_date
    assert not build(project, quiet=True).up_to_date
    wip = project.content / "sheets" / "wip.yml"
    wip.write_text(wip.read_text("utf-8").replace("status: draft\n", ""), "utf-8")
    people = project.content / "entities" / "people.yml"
    people.write_text(people.read_text("utf-8").replace("  status: draft\n", ""), "utf-8")
    result = build(project, quiet=True)
    assert result.left_out == 0 and (project.site / "en" / "sheets" / "wip").is_dir()
    assert differences(tree_digest(project.site), clean(False)) == []


@pytest.mark.slow
def test_serve_shows_the_drafts_with_their_banner(project):
    from test_serve import Serving

    server = Serving(project)
    try:
        with urllib.request.urlopen(server.url + "en/sheets/wip/") as response:
            page = BeautifulSoup(response.read().decode("utf-8"), "html.parser")
    finally:
        assert server.stop() in (0, None)
    assert "Draft" in page.select_one(".draft-banner").get_text()
    assert page.select_one('meta[name="robots"]')["content"].startswith("noindex")


@pytest.mark.slow
def test_a_draft_made_by_extract_stays_out_until_previewed(tmp_path, capsys):
    """``extract`` drafts a sheet and new people, organizations and places: a default
    build holds no trace of any of them; ``--drafts`` shows the sheet, bannered."""
    project = draft_project(tmp_path / "extracted")
    shutil.copy(REPO / "seeds" / SEED, project.seeds)
    assert main(["--project", str(project.root), "extract", str(project.seeds / SEED),
                 "--slug", "extracted-report", "--published", "2020-10"]) == 0
    people = (project.content / "entities" / "people.yml").read_text("utf-8")
    assert "status: draft" in people and "بومبيو" in people
    markers = (b"extracted-report", "بومبيو".encode(), "قادة سياسيون وقادة جماعات".encode())
    assert main(["--project", str(project.root), "build"]) == 0
    assert "left out 2 draft sheets" in capsys.readouterr().out
    files = site_bytes(project.site)
    assert [name for name, data in files.items() if any(m in data for m in markers)] == []
    assert main(["--project", str(project.root), "check", "--format", "json"]) == 0
    assert "content/sheets/extracted-report.yml" in json.loads(capsys.readouterr().out)[
        "drafts"]
    assert main(["--project", str(project.root), "build", "--drafts"]) == 0
    page = soup(project.site / "ar" / "sheets" / "extracted-report" / "index.html")
    assert "مسودة" in page.select_one(".draft-banner").get_text()
    assert "بومبيو".encode() in (project.site / "data" / "facts.json").read_bytes()
