"""Direct quotes: where they are in a sentence (their speakers are found in claims.py).

Quoted text between « », “ ” or straight double quotes is a quote, except a short quoted
name right after بحسب/حسب/وفقاً لـ, which is the outlet being cited. A clause in the first
person that ends with ``، حسب <source>`` is a quote too, left unquoted by the writer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from generator.extract.lexicon import lexicon

PAIRS = {"«": "»", "“": "”", '"': '"'}
OPEN = re.compile('[«“"]')
FIRST_PERSON = re.compile(r"(^|\s)(نحن|أنا|إننا|أننا|لنا|علينا|\S+نا)(\s|$)")
SOURCE_NAME_WORDS = 4


@dataclass
class Quote:
    text: str
    start: int
    """Offset in the source text."""
    end: int
    speaker: object = None
    """An entity id, {"anonymous": "<description>"} or None (unknown)."""
    quoted: bool = True
    """False for the unquoted 'X, according to Y' form."""


@cache
def _cue() -> re.Pattern:
    cues = "|".join(sorted((_marks_allowed(c) for c in lexicon()["source_cues"]), key=len,
                           reverse=True))
    return re.compile(rf"(?:^|\s)و?(?:{cues})\s*ـ?")


def quoted_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of quotation marks in ``line``."""
    spans, i = [], 0
    while match := OPEN.search(line, i):
        close = line.find(PAIRS[match.group()], match.end())
        if close < 0:
            break
        spans.append((match.end(), close))
        i = close + 1
    return spans


def is_source_name(line: str, start: int, end: int) -> bool:
    """A short quoted text right after a source cue: an outlet's name, not a quote."""
    cue = _cue()
    before = line[max(0, start - 20):start - 1]
    return len(line[start:end].split()) <= SOURCE_NAME_WORDS and bool(
        re.search(cue.pattern + r"$", before))


def unquoted_quote(sentence: str) -> tuple[int, int] | None:
    """(start, end) of 'first-person clause، حسب source' at the start of a sentence."""
    cue = _cue()
    match = re.search(r"[،,]" + cue.pattern, sentence)
    if not match or '"' in sentence[:match.start()] or "«" in sentence[:match.start()]:
        return None
    clause = sentence[:match.start()]
    return (0, len(clause)) if FIRST_PERSON.search(clause) else None


def _marks_allowed(phrase: str) -> str:
    """A regex for ``phrase`` that also matches it written with diacritics (وفقاً)."""
    marks = "[\u064b-\u0652]*"
    alef = "[اأإآ]"
    return "".join((alef if c in "اأإآ" else re.escape(c)) + (marks if c.isalpha() else "")
                   for c in phrase)
