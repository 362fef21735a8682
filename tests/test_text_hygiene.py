"""Text hygiene on a real registry file: an invisible character in an id is an error, a
bidi control anywhere and Persian letter forms in an Arabic name are warnings, each at the
value to fix."""

from __future__ import annotations

from conftest import FIXTURES

from generator.checks.text_hygiene import check_hygiene
from generator.content.loader import load_document


def findings() -> list[tuple[int, int, str, str]]:
    path = FIXTURES / "rules" / "hygiene.yml"
    document, problems = load_document(path, "content/entities/people.yml")
    assert problems == []
    return [(p.line, p.col, p.severity, p.rule) for p in check_hygiene(document)]


def test_each_character_is_found_where_it_is_written():
    assert findings() == [(2, 7, "error", "text-zero-width"),
                          (3, 14, "warning", "text-bidi-control"),
                          (5, 14, "warning", "text-mixed-letters"),
                          (6, 18, "warning", "text-mixed-letters")]


def test_messages_name_the_character_and_what_to_do():
    path = FIXTURES / "rules" / "hygiene.yml"
    messages = [p.message for p in check_hygiene(load_document(path, "people.yml")[0])]
    assert messages[0] == ("invisible zero-width character U+200B at character 5 of id "
                           "'jane\u200b-doe'; retype it")
    assert messages[1] == ("invisible bidi control U+202B (RIGHT-TO-LEFT EMBEDDING) at "
                           "character 5; delete it")
    assert "(ی ک); Arabic" in messages[2] and "mixed with Arabic ones" in messages[3]


def test_a_zero_width_character_outside_ids_and_clean_arabic_pass(tmp_path):
    clean = tmp_path / "people.yml"
    clean.write_text('- id: karim\n  name: {ar: كريم, en: "Kar\\u200bim"}\n', "utf-8")
    assert check_hygiene(load_document(clean, "people.yml")[0]) == []
