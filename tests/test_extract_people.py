"""People the gazetteer does not know: a name after a title or a reporting verb when it
starts with a known given name, drafted with the title as role; the last name then finds
them alone."""

from __future__ import annotations

import pytest

from generator.extract.gazetteer import build_gazetteer
from generator.extract.name_cues import title_at
from generator.extract.people import find_people
from generator.text.arabic import tokenize


@pytest.fixture
def gazetteer():
    """No registry: the lexicon and the packages' places (a found person is added)."""
    return build_gazetteer({})


def people(text: str, gazetteer) -> list:
    tokens = tokenize(text)
    return find_people(text, tokens, gazetteer, gazetteer.find(text, tokens, "people"))


def test_a_titled_person_is_drafted_with_the_title_as_role(gazetteer):
    (found,) = people("زعيم منظمة بدر هادي العامري قال إن القوات جاهزة.", gazetteer)
    assert found.text == "هادي العامري"
    assert (found.entry.id, found.entry.name, found.entry.known) == (
        "hady-al-aamry", {"ar": "هادي العامري"}, False)
    assert found.entry.fields == {"role": {"ar": "زعيم منظمة بدر"}}
    assert found.entry.aliases == ["العامري"]


def test_the_last_name_alone_then_finds_the_same_person(gazetteer):
    (first,) = people("زعيم منظمة بدر هادي العامري", gazetteer)
    text = "وأضاف العامري أن الهجمات ستتوقف."
    (again,) = gazetteer.find(text, tokenize(text), "people")
    assert again.entry is first.entry and again.text == "العامري"


def test_a_title_without_a_name_is_no_person(gazetteer):
    assert people("وقال رئيس كتلة سياسية إن الوضع مستقر.", gazetteer) == []
    assert people("قال وزير الخارجية إن الاجتماع تأجل.", gazetteer) == []


def test_a_title_is_matched_whole():
    text = "وزير الخارجية فؤاد حسين"
    assert title_at(text, tokenize(text), 0) == 1
    assert title_at(text, tokenize(text), 2) == 0
