"""Who says what, sentence by sentence: transcript labels and turns, statement headers,
sentences worth a claim, the source a reporting verb or a cue names (a person, an
organization, an unnamed source, or "he" for the one before), relays; and quotes between
quotation marks, a cited outlet's quoted name, and a first-person clause with «، حسب»."""

from __future__ import annotations

import pytest

from generator.extract.quotes import is_source_name, quoted_spans, unquoted_quote
from generator.extract.speech import (
    Mentioned,
    Turn,
    anonymous_source,
    attribution,
    claim_worthy,
    is_header,
    label_of,
    relay,
    turns,
)


def named(sentence: str, *entities: tuple[str, str, str]) -> list[Mentioned]:
    """The mentions of ``entities`` ((words, registry, id)) where they are in ``sentence``."""
    return [Mentioned(sentence.index(words), sentence.index(words) + len(words), registry,
                      entity_id) for words, registry, entity_id in entities]


@pytest.mark.parametrize(("line", "label"), [
    ("الوزير بلينكن: شكراً جزيلاً لكم.", ("الوزير بلينكن", 15)),
    ("سؤال: هل ستزورون القاهرة؟", ("سؤال", 6)),
    ("قال الوزير: نعم", None),           # a reporting verb, not a speaker's label
    ("في عام 2020: حدث ذلك", None),       # digits
    ("وقال إنه «سيعود»: غداً", None),     # quotation marks
])
def test_a_speaker_label_opens_a_transcript_line(line, label):
    assert label_of(line) == label


def test_lines_without_a_label_go_on_with_the_last_speaker_but_headers_do_not():
    lines = ["الوزير بلينكن: شكراً جزيلاً.", "نحن ملتزمون بالسلام.", "سؤال: متى؟",
             "قريباً جداً.", "وزارة الخارجية"]
    speaker = {0: "antony-blinken"}
    assert turns(lines, lambda index, start, end: speaker.get(index)) == {
        0: Turn("antony-blinken", 15), 1: Turn("antony-blinken", 0),
        2: Turn({"anonymous": "سؤال"}, 6), 3: Turn({"anonymous": "سؤال"}, 0)}
    assert turns(["خبر عادي.", "وخبر آخر."], lambda *_: "x") == {}


@pytest.mark.parametrize(("line", "header"), [
    ("بيان صحفي", True), ("البيت الأبيض", True), ("28 كانون الثاني 2024", True),
    ("قال الوزير إن الوضع خطير جداً.", False), ("الوزير: نعم", False),
])
def test_a_short_line_without_sentence_punctuation_is_a_header(line, header):
    assert is_header(line) is header


@pytest.mark.parametrize(("sentence", "worthy"), [
    ("قال الوزير إن الحكومة ستتخذ إجراءات عاجلة.", True),
    ("شكراً لكم جميعاً على الحضور اليوم.", False),
    ("هل ستزورون القاهرة قريباً؟", False), ("نعم، بالتأكيد.", False),
])
def test_a_claim_states_something(sentence, worthy):
    assert claim_worthy(sentence) is worthy


def test_a_reporting_verb_names_its_subject():
    sentence = "وقال وزير الخارجية فؤاد حسين إن العراق يرفض الهجمات."
    assert attribution(sentence, named(sentence, ("فؤاد حسين", "people", "fuad-hussein"))) == (
        "fuad-hussein")


def test_a_verb_without_a_subject_is_the_speaker_before():
    assert attribution("وأكد أن الحكومة ستتخذ إجراءات.", []) == "pronoun"


def test_a_subject_named_only_by_a_title_is_a_role():
    assert attribution("قال الأمين العام المنتخب إن المنظمة ستتغير.", []) == {
        "role": "الامين العام المنتخب"}


def test_an_unnamed_source_is_described_in_the_texts_words():
    sentence = "وقال مسؤول عراقي كبير، طلب عدم الكشف عن اسمه، إن الحكومة قلقة."
    described = "مسؤول عراقي كبير، طلب عدم الكشف عن اسمه"
    assert anonymous_source(sentence) == described
    assert attribution(sentence, []) == {"anonymous": described}
    assert anonymous_source("وقال دبلوماسي في المجلس إن التصويت تأجل.") == "دبلوماسي في المجلس"
    assert anonymous_source("الحكومة قلقة من التصعيد.") is None


def test_a_cue_names_the_source_after_it():
    sentence = "وبحسب وزارة الخارجية، فإن الاجتماع سيعقد غداً."
    found = named(sentence, ("وزارة الخارجية", "organizations", "mofa"))
    assert attribution(sentence, found) == "mofa"


def test_a_sentence_without_verb_or_cue_has_no_source():
    assert attribution("الحكومة قلقة من التصعيد في المنطقة.", []) is None


def test_a_relay_names_the_outlet_and_its_source():
    sentence = "ونقلت أسوشيتد برس عن إبراهيم قوله إن الوضع هادئ."
    found = named(sentence, ("أسوشيتد برس", "organizations", "ap"),
                  ("إبراهيم", "people", "ibrahim"))
    assert relay(sentence, found) == ("ap", "ibrahim")
    assert relay("وقال إبراهيم إن الوضع هادئ.", found[1:]) is None


def test_quotes_are_the_text_between_each_pair_of_marks():
    line = 'وقال: «لن نسمح بذلك» بحسب "رويترز" و“آخرين”.'
    spans = quoted_spans(line)
    assert [line[start:end] for start, end in spans] == ["لن نسمح بذلك", "رويترز", "آخرين"]
    assert [is_source_name(line, start, end) for start, end in spans] == [False, True, False]
    assert quoted_spans('نص "لم يغلق') == []


def test_a_first_person_clause_before_hasab_is_an_unquoted_quote():
    sentence = "نحن لن نتراجع عن موقفنا، حسب مصدر مطلع."
    start, end = unquoted_quote(sentence)
    assert sentence[start:end] == "نحن لن نتراجع عن موقفنا"
    assert unquoted_quote("الحكومة لن تتراجع، حسب مصدر مطلع.") is None  # not first person
    assert unquoted_quote('قال «نحن هنا»، حسب مصدر.') is None  # quoted already
