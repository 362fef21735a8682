"""People and organizations the gazetteer does not know: a person after a title or a
reporting verb when the name starts with a known given name (the last name then finds
them alone), an organization from its head noun and the definite words after it."""

from __future__ import annotations

import pytest

from generator.extract.entities import find_organizations, find_people, title_at
from generator.extract.gazetteer import build_gazetteer
from generator.text.arabic import tokenize


@pytest.fixture
def gazetteer():
    """No registry: the lexicon and the packages' places (a found person is added)."""
    return build_gazetteer({})


def people(text: str, gazetteer) -> list:
    tokens = tokenize(text)
    return find_people(text, tokens, gazetteer, gazetteer.find(text, tokens, "people"))


def organizations(text: str, gazetteer) -> list[tuple[str, str, str]]:
    tokens = tokenize(text)
    taken = gazetteer.find(text, tokens, "organizations")
    return [(m.text, m.entry.id, m.entry.fields.get("kind"))
            for m in find_organizations(text, tokens, gazetteer, taken)]


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


@pytest.mark.parametrize(("text", "found"), [
    ("أعلنت وزارة التخطيط العراقية أن الاجتماع تأجل.",
     [("وزارة التخطيط العراقية", "wzara-al-tkhtyt-al-araqya", "ministry")]),
    ("أعلنت وزارة الخارجية العراقية أن الاجتماع تأجل.", []),  # known: the lexicon's
    ("وقالت الحكومة السورية والمعارضة إن المفاوضات مستمرة.",
     [("الحكومة السورية", "al-hkwma-al-swrya", "government")]),
    ("شاركت حركة العدل والمساواة في المحادثات.",
     [("حركة العدل والمساواة", "hrka-al-adl-walmsawaa", "party")]),
    ("تحتاج البلاد إلى حكومة قادرة على العمل.", []),    # an indefinite adjective
    ("قال الحزب السياسي إن الانتخابات مهمة.", []),      # a description, not a name
], ids=["ministry", "and-list", "joined-name", "adjective", "description", "known"])
def test_organizations_are_a_head_noun_and_the_words_of_their_name(gazetteer, text, found):
    assert organizations(text, gazetteer) == found
