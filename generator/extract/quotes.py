"""Direct quotes and who said them.

Quoted text between « », “ ” or straight double quotes is a quote, except a short quoted
name right after بحسب/حسب/وفقاً لـ, which is the outlet being cited. A clause in the first
person that ends with ``، حسب <source>`` is a quote too, left unquoted by the writer.
The speaker is, in order: a person named as the source in the sentence, an anonymous
source (طلب عدم الكشف عن اسمه), or the previous speaker when the sentence goes on with
وقال: or points back to him (ووفقاً للمسؤول). Otherwise the speaker is left for a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .gazetteer import Mention
from .lexicon import lexicon
from .normalize import key

PAIRS = {"«": "»", "“": "”", '"': '"'}
OPEN = re.compile('[«“"]')
FIRST_PERSON = re.compile(r"(^|\s)(نحن|أنا|إننا|أننا|لنا|علينا|\S+نا)(\s|$)")
SOURCE_NAME_WORDS = 4
CARRY_ON = ("وقال", "واضاف", "وتابع", "واكد", "وقالت", "واضافت")


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


@dataclass
class Speakers:
    """What the quotes of one article need to know about its sources."""

    people: list[Mention]
    last: object = None


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    words = lexicon()
    cues = "|".join(sorted((_marks_allowed(c) for c in words["source_cues"]), key=len,
                           reverse=True))
    cue = re.compile(rf"(?:^|\s)و?(?:{cues})\s*ـ?")
    return cue, re.compile("|".join(words["anonymity"]))


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
    cue, _ = _patterns()
    before = line[max(0, start - 20):start - 1]
    return len(line[start:end].split()) <= SOURCE_NAME_WORDS and bool(
        re.search(cue.pattern + r"$", before))


def anonymous_source(sentence: str) -> str | None:
    """The description of an anonymous source: the words before 'asked not to be named'
    back to the start of the sentence or the source cue, with the phrase itself."""
    cue, anonymity = _patterns()
    match = anonymity.search(sentence)
    if not match:
        return None
    head = sentence[:match.start()]
    cues = list(cue.finditer(head))
    if cues:
        head = head[cues[-1].end():]
    head = re.split(r"[.:؛]|\s(?:قال|قالت|وقال)\s", head)[-1]
    return (head + match.group()).strip(" ،,") or None


def unquoted_quote(sentence: str) -> tuple[int, int] | None:
    """(start, end) of 'first-person clause، حسب source' at the start of a sentence."""
    cue, _ = _patterns()
    match = re.search(r"[،,]" + cue.pattern, sentence)
    if not match or '"' in sentence[:match.start()] or "«" in sentence[:match.start()]:
        return None
    clause = sentence[:match.start()]
    return (0, len(clause)) if FIRST_PERSON.search(clause) else None


def speaker_of(sentence: str, offset: int, people: list[Mention], speakers: Speakers):
    """The speaker of a quote starting at ``offset`` in ``sentence`` (offsets in it)."""
    cue, _ = _patterns()
    before = [m for m in people if m.end <= offset]
    for mention in before:
        if cue.search(sentence[max(0, mention.start - 60):mention.start]) or re.search(
                r"^\W*(قال|قالت|أضاف|أكد|ذكر)", sentence[mention.end:offset]):
            return mention.entry.id
    anonymous = anonymous_source(sentence)
    if anonymous:
        return {"anonymous": anonymous}
    words = key(sentence).split()
    if words and (words[0] in {key(w) for w in CARRY_ON} or _points_back(sentence)):
        return speakers.last
    return None


def _points_back(sentence: str) -> bool:
    """ووفقاً للمسؤول / بحسب المصدر: a definite source named before."""
    cue, _ = _patterns()
    match = cue.search(sentence)
    return bool(match and re.match(r"(ال|ل)\S+[،,]", sentence[match.end():]))


def _marks_allowed(phrase: str) -> str:
    """A regex for ``phrase`` that also matches it written with diacritics (وفقاً)."""
    marks = "[\u064b-\u0652]*"
    alef = "[اأإآ]"
    return "".join((alef if c in "اأإآ" else re.escape(c)) + (marks if c.isalpha() else "")
                   for c in phrase)
