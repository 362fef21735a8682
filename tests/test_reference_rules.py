"""Reference rules on real registries and a sheet: every id used exists in the registry it
must be in, ids are unique, a sheet's sentences exist, a published sheet uses no draft,
entities no sheet mentions are reported, and a seed must be a file inside seeds/."""

from __future__ import annotations

import os

import pytest
from conftest import FIXTURES

from generator.checks.references import (
    Seeds,
    check_relations,
    check_seed,
    check_sheet,
    check_unused,
    index_entities,
)
from generator.content.loader import load_document
from generator.content.project import REGISTRIES

FOLDER = FIXTURES / "rules" / "references"


def document(name: str):
    loaded, problems = load_document(FOLDER / f"{name}.yml", f"{name}.yml")
    assert problems == []
    return loaded


@pytest.fixture
def registries():
    return {name: document(name) for name in REGISTRIES}


def located(problems) -> list[tuple[str, int, int, str]]:
    return [(p.path, p.line, p.col, p.rule) for p in problems]


def test_the_index_knows_each_ids_registry_and_the_drafts(registries):
    problems = []
    index = index_entities(registries, problems)
    assert index.kind_of == {"jane-doe": "people", "john-roe": "people",
                             "draft-person": "people", "unused-person": "people",
                             "daily-news": "organizations", "weekly": "organizations",
                             "baghdad": "places", "somewhere": "places"}
    assert index.drafts == {"draft-person"}
    assert [p.message for p in problems] == [
        "id 'baghdad' is already defined at places.yml:1"]


def test_relations_point_into_the_right_registry(registries):
    problems = []
    index = index_entities(registries, [])
    for name, registry in registries.items():
        check_relations(registry, name, index, problems)
    assert located(problems) == [("people.yml", 6, 30, "ref-unknown-id"),
                                 ("organizations.yml", 9, 13, "ref-unknown-id"),
                                 ("places.yml", 6, 7, "place-no-coordinates")]
    assert "(it is in content/entities/people.yml)" in problems[1].message


def test_each_mistake_of_the_sheet_is_found_where_it_is(registries):
    problems = []
    used = check_sheet(document("sheet"), index_entities(registries, []), problems)
    assert [(line, col, rule) for _, line, col, rule in located(problems)] == [
        (6, 14, "ref-unknown-id"),         # the publisher does not exist
        (7, 10, "ref-unknown-id"),         # cites a person, not an outlet
        (11, 10, "ref-duplicate-id"),      # sentence s1 twice
        (15, 10, "ref-duplicate-id"),      # claim c1 twice
        (15, 68, "ref-unknown-sentence"),  # s9
        (15, 29, "draft-entity")]          # a draft in a published sheet
    assert used == {"no-such-outlet", "jane-doe", "draft-person", "weekly", "baghdad"}


def test_a_draft_sheet_may_use_a_draft(registries, tmp_path):
    text = (FOLDER / "sheet.yml").read_text("utf-8")
    draft = tmp_path / "sheet.yml"
    draft.write_text("status: draft\n" + text, "utf-8")
    problems = []
    check_sheet(load_document(draft, "sheet.yml")[0], index_entities(registries, []),
                problems)
    assert "draft-entity" not in {p.rule for p in problems}


def test_entities_no_sheet_mentions_are_warned_about(registries):
    used = check_sheet(document("sheet"), index_entities(registries, []), [])
    problems = []
    check_unused(registries, used, problems)
    assert [(p.path, p.severity, p.message.split("'")[1]) for p in problems] == [
        ("people.yml", "warning", "john-roe"), ("people.yml", "warning", "unused-person"),
        ("organizations.yml", "warning", "daily-news"),
        ("places.yml", "warning", "somewhere")]


def test_a_seed_is_a_file_inside_seeds_reached_through_no_link_out(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "one.txt").write_text("نص", "utf-8")
    (seeds / "folder").mkdir()
    (tmp_path / "secret.txt").write_text("secret", "utf-8")
    os.symlink(tmp_path / "secret.txt", seeds / "out.txt")
    os.symlink(seeds / "one.txt", seeds / "in.txt")
    known = Seeds(seeds)
    assert known.hold("one.txt") and known.hold("in.txt")
    for name in ("out.txt", "folder", "../secret.txt", "missing.txt"):
        assert not known.hold(name), name


def test_a_missing_seed_is_located_at_its_name(tmp_path):
    problems = []
    check_seed(Seeds(tmp_path), document("sheet"), problems)
    assert [(p.line, p.col, p.rule) for p in problems] == [(5, 9, "ref-missing-seed")]
    (tmp_path / "one.txt").write_text("نص", "utf-8")
    problems = []
    check_seed(Seeds(tmp_path), document("sheet"), problems)
    assert problems == []
