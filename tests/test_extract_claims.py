"""Claims and quotes of small articles, each with its source: a transcript's turns are
their speakers', a statement's sentences its issuer's, a report's sentences whoever its
verbs and cues name (the source before for "he added"), else the outlet's own account,
the cited outlet's when it relays one."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from generator.extract.analyze import analyze
from generator.extract.claims import NARRATOR
from generator.extract.dates import Published
from generator.extract.gazetteer import build_gazetteer
from generator.extract.reader import read_source

UNITS = FIXTURES / "extract" / "units"
OFFICIAL = {"anonymous": "مسؤول في الوزارة، طلب عدم الكشف عن اسمه"}


def findings(name: str):
    source = read_source(UNITS / f"{name}.txt")
    return analyze(source, build_gazetteer({}), Published.parse("2024-01-29"))


def claims(found) -> list[tuple[str, object, str | None]]:
    return [(claim.sentence, claim.source, claim.via) for claim in found.claims]


def quotes(found) -> list[tuple[str, object, bool, list[str]]]:
    return [(quote.text, quote.speaker, quote.quoted, sentences)
            for quote, sentences in found.quotes]


@pytest.fixture(scope="module")
def transcript():
    return findings("transcript")


def test_a_transcripts_turns_are_its_speakers_claims_but_greetings_and_questions(transcript):
    assert claims(transcript) == [("s2", "antony-blinken", None), ("s3", "antony-blinken", None),
                                  ("s5", "antony-blinken", None)]


def test_each_turn_is_a_quote_and_a_line_without_label_goes_on(transcript):
    assert [(speaker, quoted, sentences) for _, speaker, quoted, sentences in
            quotes(transcript)] == [
        ("antony-blinken", True, ["s1"]), ("antony-blinken", True, ["s2", "s3"]),
        ({"anonymous": "سؤال"}, True, ["s4"]), ("antony-blinken", True, ["s5"])]


def test_a_statements_sentences_are_its_issuers():
    found = findings("statement")
    assert claims(found) == [("s3", "joe-biden", None), ("s4", "joe-biden", None)]
    assert quotes(found) == []


def test_a_reports_sentences_follow_their_verbs_and_cues():
    found = findings("report")
    assert claims(found) == [
        ("s1", "iraqi-government", None),
        ("s2", "mhmd-tmym", None), ("s2", "mhmd-tmym", None),  # «وأضاف أن»: a second claim
        ("s3", OFFICIAL, None),
        ("s4", OFFICIAL, None),                                 # «وأكد أن»: the one before
        ("s5", "mhmd-tmym", None),
        ("s6", NARRATOR, None)]                                 # the outlet's own account
    assert quotes(found) == [("لن نترك الموصل وحدها", "mhmd-tmym", True, ["s5"])]


def test_a_relayed_report_is_the_cited_outlets_and_a_relay_names_both():
    found = findings("relayed")
    assert found.cites.id == "reuters"
    assert claims(found) == [("s1", "reuters", None), ("s2", "reuters", None),
                             ("s3", "mhmd-tmym", "reuters")]
