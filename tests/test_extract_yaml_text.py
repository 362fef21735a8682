"""Drafts are written the way people write the content: block lists, short texts and id
lists on one line, comments beside the first field, quotes only where YAML needs them;
and what is written reads back as the same values."""

from __future__ import annotations

import pytest
import yaml

from generator.content.loader import load_document
from generator.extract.yamltext import SCHEMA_LINE, block, flow, scalar


@pytest.mark.parametrize(("value", "written"), [
    ("بغداد", "بغداد"), ("2020-10", "2020-10"), (12, "12"), (None, "null"), (True, "true"),
    ("a: b", "'a: b'"), ("yes", "'yes'"), ("قال: «نعم»", "'قال: «نعم»'"), ("- item", "'- item'"),
])
def test_scalars_are_quoted_only_when_they_must_be(value, written):
    assert scalar(value) == written
    assert yaml.safe_load(written) == value


def test_short_mappings_and_id_lists_are_one_line():
    assert flow({"ar": "بغداد", "en": "Baghdad"}) == "{ar: بغداد, en: Baghdad}"
    assert flow(["s1", "s2"]) == "[s1, s2]"


def test_a_list_item_is_block_lines_with_its_comment_on_the_first():
    lines = block({"id": "c1", "text": {"ar": "حدث شيء", "en": "Something"},
                   "sentences": ["s1"], "attributed_to": "jane-doe"}, comment="needs review")
    assert lines == ["  - id: c1  # needs review", "    text: {ar: حدث شيء, en: Something}",
                     "    sentences: [s1]", "    attributed_to: jane-doe"]


def test_long_texts_get_a_line_per_language():
    long = "جملة طويلة تتكرر " * 5
    assert block({"id": "s1", "text": {"ar": long, "en": "A sentence."}}, indent="") == [
        "- id: s1", "  text:", f"    ar: '{long}'", "    en: A sentence."]


def test_what_is_written_loads_back_as_the_same_values_with_positions(tmp_path):
    items = [{"id": "c1", "text": {"ar": "قال: «لن نسمح»", "en": 'He said: "no"'},
              "sentences": ["s1", "s2"]},
             {"id": "c2", "text": {"ar": "نص " * 30, "en": "yes"}, "value": 2.5}]
    path = tmp_path / "sheet.yml"
    text = SCHEMA_LINE.format("sheet") + "claims:\n" + "\n".join(
        line for item in items for line in block(item, comment="draft")) + "\n"
    path.write_text(text, "utf-8")
    document, problems = load_document(path, "sheet.yml")
    assert problems == [] and document.data == {"claims": items}
    assert document.where(("claims", 1, "id")) == (6, 9)
