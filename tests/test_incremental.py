"""Incremental builds write exactly what a clean build writes, and a no-op writes nothing."""

from __future__ import annotations

import marshal
import os
import shutil
from pathlib import Path

import pytest
from conftest import SHEET, copy_project, tree_digest

from generator.build.load import load_and_check
from generator.build.pipeline import build
from generator.cache import fingerprints
from generator.cache.serve_memory import Recall
from generator.checks.checker import CheckedContent
from generator.content.project import Project
from generator.errors import ContentError
from generator.outputs import feeds
from generator.render.pages import Renderer

pytestmark = pytest.mark.slow  # builds a 12-sheet project again and again


@pytest.fixture
def corpus(tmp_path) -> Project:
    """A 12-sheet project (the shipped content, its sheet repeated under 12 slugs, so every
    entity page depends on many sheets) with its own copy of the templates, built once."""
    project = copy_project(tmp_path / "project")
    seed_sheet = project.content / "sheets" / f"{SHEET}.yml"
    for number in range(1, 13):
        shutil.copyfile(seed_sheet, sheet(project, number))
    seed_sheet.unlink()
    build(project)
    return project


def clean_build(project: Project, folder: Path) -> dict[str, str]:
    """The digests of a build of the same project from scratch, in another folder."""
    for name in ("content", "seeds", "templates"):
        shutil.copytree(project.root / name, folder / name)
    build(Project(folder))
    return tree_digest(folder / "site")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def sheet(project: Project, number: int) -> Path:
    return project.content / "sheets" / f"sheet-{number:05d}.yml"


def test_incremental_builds_equal_clean_builds(corpus, tmp_path):
    people = corpus.content / "entities" / "people.yml"
    edits = [
        ("sheet", lambda: edit(sheet(corpus, 3), "Report reveals", "Report shows")),
        ("entity", lambda: edit(people, "name: {ar: ", "name: {ar: تعديل ")),
        ("template", lambda: edit(corpus.templates / "sheet.html", "<article", "<article data-x")),
        ("deletion", lambda: sheet(corpus, 5).unlink()),
        ("rename", lambda: sheet(corpus, 7).rename(corpus.content / "sheets" / "renamed.yml")),
    ]
    for step, (name, change) in enumerate(edits):
        change()
        result = build(corpus)
        assert not result.up_to_date, name
        expected = clean_build(corpus, tmp_path / f"clean-{step}")
        assert tree_digest(corpus.site) == expected, name
        if name == "sheet":
            assert 0 < result.rendered < result.pages


def folders(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_dir()}


def test_a_site_made_from_the_spare_one_equals_a_clean_build(corpus, tmp_path):
    """A build assembles the next site in the one before the last, set aside in the build
    cache: what that one held and the new one must not (a deleted sheet's files and
    folders, a file someone added to site/ by hand) is gone, and what someone deleted from
    site/ by hand is back."""
    def spares() -> list[Path]:
        return [p for p in (corpus.root / ".build-cache").glob("spare*") if p.is_dir()]

    assert len(spares()) == 1  # a first build copies its site
    (corpus.site / "hand-made.html").write_text("not the build's", "utf-8")
    (corpus.site / "en" / "sheets" / "sheet-00002" / "index.html").unlink()
    changes = [lambda: edit(sheet(corpus, 3), "Report reveals", "Report shows"),
               lambda: edit(sheet(corpus, 3), "Report shows", "Report tells"),  # from the above
               lambda: sheet(corpus, 5).unlink()]
    for step, change in enumerate(changes):
        change()
        result = build(corpus)
        assert result.rendered < result.pages
        clean = tmp_path / f"clean-{step}"
        assert tree_digest(corpus.site) == clean_build(corpus, clean)
        assert folders(corpus.site) == folders(clean / "site")
    assert len(spares()) == 1


def test_an_edit_renders_only_the_archive_pages_it_reaches(corpus, tmp_path, monkeypatch):
    """An archive page is made from the sheets it lists, in their order: a sheet's new
    title renders its page of the archive only; a sheet moved to another page by a new
    date renders the pages it left and joined; one page fewer renders every page, which
    counts them. Each time, as a clean build writes."""
    monkeypatch.setattr("generator.render.page_kinds.ARCHIVE_PAGE", 5)  # 12 sheets: 3 pages
    (corpus.root / ".build-cache" / "state.json").unlink()  # no input changed: build anew
    build(corpus)
    rendered = []
    render = Renderer.render
    monkeypatch.setattr(Renderer, "render",
                        lambda self, spec: rendered.append(spec.output) or render(self, spec))
    changes = [(lambda: edit(sheet(corpus, 3), "Report reveals", "Report shows"),
                ["index.html"]),  # sheets 1-5: the first page
               (lambda: edit(sheet(corpus, 12), "updated: 2026-12-06",
                             "updated: 2027-01-06"), ["index.html", "2/index.html",
                                                            "3/index.html"]),  # now first
               (lambda: [sheet(corpus, n).unlink() for n in (10, 11)],  # the third page
                ["index.html", "2/index.html"])]  # same sheets, one page fewer to count
    for step, (change, pages) in enumerate(changes):
        rendered.clear()
        change()
        build(corpus)
        assert sorted(p for p in rendered if "/archive/" in p) == sorted(
            f"{language}/archive/{page}" for language in ("ar", "en") for page in pages)
        assert tree_digest(corpus.site) == clean_build(corpus, tmp_path / f"clean-{step}")


def test_an_edit_renders_the_home_page_map_and_feeds_only_where_they_show_it(
        corpus, tmp_path, monkeypatch):
    """The home page is made from the newest sheets it shows and the count of all, the site
    map from each place's newest sheets and its count, a feed from the sheets it lists,
    the about, search and 404 pages from no sheet: an edit to an older sheet renders none
    of them, an edit to a sheet they show renders them, a new count renders the pages that
    show it. Each time, as a clean build writes."""
    for shown in ("render.page_kinds.HOME_SHEETS", "render.page_kinds.POPUP_SHEETS",
                  "outputs.feeds.ENTRIES"):
        monkeypatch.setattr(f"generator.{shown}", 3)  # the 12 sheets share a date: 1-3
    (corpus.root / ".build-cache" / "state.json").unlink()  # no input changed: build anew
    build(corpus)
    rendered = []
    render, feed = Renderer.render, feeds.atom_feed
    monkeypatch.setattr(Renderer, "render",
                        lambda self, spec: rendered.append(spec.kind) or render(self, spec))
    monkeypatch.setattr(feeds, "atom_feed", lambda page: rendered.append("feed") or feed(page))
    changes = [(lambda: edit(sheet(corpus, 9), "Report reveals", "Report shows"), set()),
               (lambda: edit(sheet(corpus, 2), "Report reveals", "Report shows"),
                {"home", "map", "feed"}),
               (lambda: edit(sheet(corpus, 12), "updated: 2026-12-06",
                             "updated: 2027-01-06"), {"home", "map", "feed"}),  # first
               (lambda: sheet(corpus, 10).unlink(), {"home", "map"})]  # one sheet fewer
    for step, (change, pages) in enumerate(changes):
        rendered.clear()
        change()
        build(corpus)
        assert "archive" in rendered, step  # as every change here does
        shown = {"home", "map", "feed", "about", "search", "404", "landing"}
        assert set(rendered) & shown == pages, step
        assert tree_digest(corpus.site) == clean_build(corpus, tmp_path / f"clean-{step}")


def test_a_template_the_project_changed_makes_its_pages_follow_every_sheet(corpus, tmp_path,
                                                                          monkeypatch):
    """What a template of the project's own shows of the sheets cannot be known: the pages
    it renders (itself, or a template it extends, includes or imports) are made from all
    of them, and follow every edit as a clean build does. A copy of a packaged template is
    no change."""
    rendered = []
    render = Renderer.render
    monkeypatch.setattr(Renderer, "render",
                        lambda self, spec: rendered.append(spec.kind) or render(self, spec))
    edit(corpus.templates / "about.html", "<h1>", "<p>{{ site.sheets|length }}</p><h1>")
    edit(corpus.templates / "_macros.html", "{#", "{# changed #}{#")  # sheet.html imports it
    build(corpus)  # templates changed: every page, once
    changes = [lambda: edit(sheet(corpus, 9), "Report reveals", "Report shows"),
               lambda: sheet(corpus, 10).unlink()]
    for step, change in enumerate(changes):
        rendered.clear()
        change()
        build(corpus)
        assert {"about", "sheet"} <= set(rendered) and "search" not in rendered, step
        assert rendered.count("sheet") == 2 * len(list(corpus.content.glob("sheets/*.yml")))
        assert tree_digest(corpus.site) == clean_build(corpus, tmp_path / f"clean-{step}")


def test_builds_that_recall_the_sheets_before_find_what_fresh_ones_find(corpus, tmp_path,
                                                                         monkeypatch):
    """A preview server builds again and again with a ``Recall``: an unchanged sheet is
    taken from the build before, unread. Each build still writes what a clean build writes
    and reports exactly the problems a fresh check finds, whatever changed: a sheet, a
    registry (every sheet is checked again), the seeds, a sheet broken and mended, a sheet
    swapped for a link to a file outside content/ with the same time and size."""
    read = []
    sheet_read = CheckedContent.sheet
    monkeypatch.setattr(CheckedContent, "sheet",
                        lambda self, path: read.append(path.stem) or sheet_read(self, path))
    recall = Recall()
    build(corpus, recall=recall)
    people = corpus.content / "entities" / "people.yml"
    seed = next(corpus.seeds.iterdir())
    outside = tmp_path / "outside.yml"

    def swap_for_a_link() -> None:  # and edit another, or nothing would have changed
        shutil.copy2(sheet(corpus, 4), outside)  # same bytes, time and size
        sheet(corpus, 4).unlink()
        sheet(corpus, 4).symlink_to(outside)
        edit(sheet(corpus, 3), "Report tells", "Report says")

    steps = [("sheet", lambda: edit(sheet(corpus, 3), "Report reveals", "Report shows"), 1),
             ("sheet again", lambda: edit(sheet(corpus, 3), "Report shows", "Report tells"), 1),
             ("registry", lambda: edit(people, "name: {ar: ", "name: {ar: تعديل "), 12),
             ("seed gone", lambda: seed.rename(tmp_path / seed.name), 12),
             ("seed back", lambda: (tmp_path / seed.name).rename(seed), 12),
             ("broken", lambda: edit(sheet(corpus, 6), "title:", "titel:"), 1),
             ("mended", lambda: edit(sheet(corpus, 6), "titel:", "title:"), 1),
             ("link", swap_for_a_link, 2)]
    for step, (name, change, sheets_read) in enumerate(steps):
        change()
        read.clear()
        try:
            problems = build(corpus, recall=recall).warnings
        except ContentError as error:
            problems = error.problems
        assert len(read) == sheets_read, name
        assert problems == load_and_check(corpus)[1], name
        if not any(problem.is_error for problem in problems):
            assert tree_digest(corpus.site) == clean_build(corpus, tmp_path / f"clean-{step}")
    assert "path-outside" in {problem.rule for problem in problems}


def test_a_build_reads_only_the_sheets_whose_time_or_size_changed(corpus, tmp_path,
                                                                    monkeypatch):
    """A sheet whose file has the time and size the last build read it with is taken from
    the cache unread (as the no-op check takes the whole content); any other is read."""
    read = []
    read_bytes = Path.read_bytes

    def counted(path: Path) -> bytes:
        if path.parent.name == "sheets":
            read.append(path.name)
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", counted)
    edit(sheet(corpus, 3), "Report reveals", "Report shows")
    build(corpus)
    assert set(read) == {sheet(corpus, 3).name}
    read.clear()
    os.utime(sheet(corpus, 5))  # the same bytes, a new time
    build(corpus)
    assert read == [sheet(corpus, 5).name]
    assert tree_digest(corpus.site) == clean_build(corpus, tmp_path / "clean")


def test_a_file_turned_folder_and_back_builds_as_clean_builds(corpus, tmp_path):
    """The spare site may hold a file where the new site has a folder, or the reverse; and
    a folder someone made in site/ by hand, empty or not, is not carried over."""
    assets = corpus.templates / "assets"
    (corpus.site / "hand-made" / "empty").mkdir(parents=True)
    (corpus.site / "hand-made" / "note.txt").write_text("not the build's", "utf-8")
    steps = [lambda: (assets / "extra").write_text("a file", "utf-8"),
             lambda: edit(sheet(corpus, 3), "Report reveals", "Report shows"),
             lambda: ((assets / "extra").unlink(), (assets / "extra").mkdir(),
                      (assets / "extra" / "x.css").write_text("a folder", "utf-8")),
             lambda: edit(sheet(corpus, 3), "Report shows", "Report tells"),
             lambda: (shutil.rmtree(assets / "extra"),
                      (assets / "extra").write_text("a file again", "utf-8")),
             lambda: edit(sheet(corpus, 3), "Report tells", "Report says")]
    for step, change in enumerate(steps):
        change()
        build(corpus)
        clean = tmp_path / f"clean-{step}"
        assert tree_digest(corpus.site) == clean_build(corpus, clean), step
        assert folders(corpus.site) == folders(clean / "site"), step


def test_an_outputs_record_without_its_pages_makes_a_full_build(corpus, tmp_path):
    outputs = corpus.root / ".build-cache" / fingerprints.OUTPUTS
    outputs.write_bytes(marshal.dumps({"format": 1}))
    edit(sheet(corpus, 3), "Report reveals", "Report shows")
    result = build(corpus)
    assert result.rendered == result.pages
    assert tree_digest(corpus.site) == clean_build(corpus, tmp_path / "clean")


def test_a_build_killed_between_its_records_is_not_trusted(corpus, tmp_path, monkeypatch):
    """The new outputs record beside the old state would describe a site never swapped
    in: the old state goes first, so the next build is a full one."""
    dump = fingerprints.json.dump

    def killed_at_the_state(value, file, **options):
        if "state" in value:
            raise KeyboardInterrupt  # as a kill would, before state.json is written
        dump(value, file, **options)

    monkeypatch.setattr(fingerprints.json, "dump", killed_at_the_state)
    edit(sheet(corpus, 3), "Report reveals", "Report shows")
    with pytest.raises(KeyboardInterrupt):
        build(corpus)
    monkeypatch.setattr(fingerprints.json, "dump", dump)
    assert not (corpus.root / ".build-cache" / "state.json").exists()
    result = build(corpus)
    assert result.rendered == result.pages
    assert tree_digest(corpus.site) == clean_build(corpus, tmp_path / "clean")


def test_no_op_rebuild_writes_nothing(corpus):
    before = corpus.site.stat().st_ino
    result = build(corpus)
    assert result.up_to_date and result.rendered == 0
    assert corpus.site.stat().st_ino == before


def test_a_touched_file_rebuilds_nothing_but_swaps_the_same_bytes(corpus):
    before = tree_digest(corpus.site)
    sheet(corpus, 2).touch()
    result = build(corpus)
    assert not result.up_to_date and result.rendered == 0
    assert tree_digest(corpus.site) == before


def test_a_file_deleted_from_site_is_written_again(corpus):
    before = tree_digest(corpus.site)
    (corpus.site / "en" / "sheets" / "sheet-00002" / "index.html").unlink()
    sheet(corpus, 9).touch()
    build(corpus)
    assert tree_digest(corpus.site) == before


def test_unchanged_files_are_hard_links_to_the_old_site(corpus):
    page = corpus.site / "en" / "sheets" / "sheet-00002" / "index.html"
    inode = page.stat().st_ino
    edit(sheet(corpus, 3), "Report reveals", "Report shows")
    build(corpus)
    assert page.stat().st_ino == inode
    assert not [p for p in corpus.root.iterdir() if p.name.startswith(".site")]


def test_checks_kept_from_the_last_build_still_report_and_stop(corpus):
    """Unchanged files come from the document cache, with their own warnings; a file
    edited into an error is parsed and checked anew and stops the build."""
    edit(sheet(corpus, 4), "Report reveals", "Report\u202e reveals")
    first = [str(p) for p in build(corpus).warnings]
    assert any("[text-bidi-control]" in line for line in first), first
    edit(sheet(corpus, 3), "Report reveals", "Report shows")
    assert [str(p) for p in build(corpus).warnings] == first
    before = tree_digest(corpus.site)
    with sheet(corpus, 3).open("a", encoding="utf-8") as file:
        file.write("plce: x\n")
    with pytest.raises(ContentError) as stopped:
        build(corpus)
    assert any(p.rule == "schema-unknown-field" for p in stopped.value.problems)
    assert tree_digest(corpus.site) == before


def test_kept_reference_checks_follow_the_registries_and_seeds(corpus):
    """What a sheet says against the registries is kept by the bytes of both: an entity
    renamed in people.yml is an unknown id in every unchanged sheet naming it, and a
    seed gone is missing in each sheet citing it; each at the line and column a check
    without the cache finds (the cache keeps no positions)."""
    people = corpus.content / "entities" / "people.yml"
    edit(people, "- id: mustafa-al-kadhimi", "- id: mustafa-kadhimi")
    with pytest.raises(ContentError) as stopped:
        build(corpus)
    unknown = [p for p in stopped.value.problems if p.rule == "ref-unknown-id"]
    assert {p.path for p in unknown} == {f"content/sheets/{sheet(corpus, n).name}"
                                         for n in range(1, 13)}
    assert stopped.value.problems == load_and_check(corpus)[1]
    edit(people, "- id: mustafa-kadhimi", "- id: mustafa-al-kadhimi")
    build(corpus)
    for seed in corpus.seeds.iterdir():
        seed.unlink()
    with pytest.raises(ContentError) as stopped:
        build(corpus)
    assert len([p for p in stopped.value.problems if p.rule == "ref-missing-seed"]) == 12
    assert stopped.value.problems == load_and_check(corpus)[1]


def test_a_damaged_document_cache_is_ignored(corpus, tmp_path):
    (corpus.root / ".build-cache" / "kept.sqlite3").write_bytes(b"\x00not a database" * 99)
    edit(sheet(corpus, 3), "Report reveals", "Report shows")
    build(corpus)
    assert tree_digest(corpus.site) == clean_build(corpus, tmp_path / "clean")


def test_a_parallel_first_parse_finds_what_one_process_finds(corpus, monkeypatch):
    """With workers parsing (many sheets, no cache), problems are the same, each once."""
    edit(sheet(corpus, 4), "Report reveals", "Report\u202e reveals")  # a warning
    with sheet(corpus, 6).open("a", encoding="utf-8") as file:
        file.write("plce: x\n")  # a schema error

    def problems(parallel_from: int) -> list[str]:
        monkeypatch.setattr("generator.processes.PARALLEL_FROM", parallel_from)
        shutil.rmtree(corpus.root / ".build-cache", ignore_errors=True)
        with pytest.raises(ContentError) as stopped:
            build(corpus)
        return [str(problem) for problem in stopped.value.problems]

    found = problems(2)
    assert found == problems(10**6)
    assert "[text-bidi-control]" in " ".join(found)
    assert "[schema-unknown-field]" in " ".join(found)
    sheet(corpus, 8).write_text("title: [unclosed\n", "utf-8")  # the parse stops the build
    found = problems(2)
    assert found == problems(10**6) and "[yaml-syntax]" in " ".join(found)
