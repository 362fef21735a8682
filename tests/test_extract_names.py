"""Names and ids for drafted entities: ASCII slugs (Arabic transliterated letter for
letter), unique within a run; English spellings of people's names by machine; and the
project's word lists, shipped inside the package."""

from __future__ import annotations

import importlib.util
import re

import pytest

from generator.extract.ids import slug, transliterate, unique
from generator.extract.lexicon import LEXICON, lexicon
from generator.extract.romanize import romanized


@pytest.mark.parametrize(("name", "expected"), [
    ("Kata'ib Hezbollah", "kataib-hezbollah"), ("Ça va — très bien", "ca-va-tres-bien"),
    ("هادي العامري", "hady-al-aamry"), ("بغداد", "bghdad"), ("!!!", "entity"),
    ("State Department’s office", "state-departments-office"),
])
def test_a_slug_is_lower_case_ascii_words_joined_by_hyphens(name, expected):
    assert slug(name) == expected


def test_a_slug_is_at_most_sixty_characters_and_never_ends_with_a_hyphen():
    long = slug("word " * 20)
    assert len(long) <= 60 and not long.endswith("-")
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", long)


def test_transliteration_keeps_the_article_apart_and_drops_the_marks():
    assert transliterate("الكاظمي") == "al-kazmy"
    assert transliterate("مُصْطَفَى") == transliterate("مصطفى") == "mstfa"
    assert transliterate("ال") == "al"  # too short to be an article


def test_unique_ids_are_numbered_from_two_and_remembered():
    taken = {"jane-doe"}
    assert [unique("jane-doe", taken), unique("jane-doe", taken), unique("john", taken)] == [
        "jane-doe-2", "jane-doe-3", "john"]
    assert taken == {"jane-doe", "jane-doe-2", "jane-doe-3", "john"}


def test_a_new_persons_english_name_is_suggested_by_machine_when_installed():
    if importlib.util.find_spec("arabic_name_romanizer") is None:  # Python 3.10: no wheel
        assert romanized("برهم صالح") is None
        return
    assert romanized("برهم صالح") == "Barham Saleh"
    assert romanized("مصطفى الكاظمي") == "Moustafa al-Kazimi"
    assert romanized("") is None


def test_the_lexicon_ships_in_the_package_with_every_list_extract_reads():
    assert LEXICON.parent.name == "extract" and LEXICON.is_file()
    words = lexicon()
    assert words is lexicon()  # read once
    for name in ("titles", "reporting_verbs", "source_cues", "given_names", "org_heads",
                 "demonyms", "anonymous_sources", "months"):
        assert words[name], name
    assert "قال" in words["reporting_verbs"] and "US" in words["demonyms"]
