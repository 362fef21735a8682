"""Organizations the gazetteer does not know: a head noun and the definite words of the name
after it, joined by و while they are nouns, never a description alone."""

from __future__ import annotations

import pytest

from generator.extract.gazetteer import build_gazetteer
from generator.extract.organizations import find_organizations
from generator.text.arabic import tokenize


@pytest.fixture
def gazetteer():
    """No registry: the lexicon and the packages' places (a found organization is added)."""
    return build_gazetteer({})


def organizations(text: str, gazetteer) -> list[tuple[str, str, str]]:
    tokens = tokenize(text)
    taken = gazetteer.find(text, tokens, "organizations")
    return [(m.text, m.entry.id, m.entry.fields.get("kind"))
            for m in find_organizations(text, tokens, gazetteer, taken)]


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
