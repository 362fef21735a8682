"""Quotes and claims of an article, each with its source.

Runs after the entities are known. Every sentence of the body that states something
becomes a claim: a transcript turn is its speaker's, a sentence with a reporting verb or
a cue (بحسب) is its named or unnamed source's, a verb without a named subject (وأكد أن)
is the previous source's; the rest is the statement issuer's or the outlet's own
("narrator"). Quotes are a transcript's lines, text between quotation marks, and a
first-person clause ending «، حسب <source>», with the same speakers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.extract.quotes import Quote, is_source_name, quoted_spans, unquoted_quote
from generator.extract.reader import Sentence
from generator.extract.speech import (
    Mentioned,
    Turn,
    attribution,
    claim_worthy,
    is_header,
    relay,
    turns,
)
from generator.text.arabic import key

NARRATOR = "narrator"
UNKNOWN = "unknown"
"""A source the text names only by a title: no claim, and no later "he said" either."""
MODERATORS = ("مدير الحوار", "المشرف", "المنسق", "المذيع", "المقدم", "مديرة الحوار")
STATEMENT = re.compile(r"(^|\s)(بيان|تصريحات|كلمة|رسالة)(\s|$)")
MORE_SAID = re.compile(r"[،,]\s*(و(?:أشار|اشار|أضاف|اضاف|أكد|اكد|أوضح|اوضح|لفت|شدد|تابع)"
                       r"[ت]?)\s+(?:إلى\s+)?(?:أن|ان|إن)")
"""A second statement in one sentence: «...، وأشار إلى أن ...»."""


@dataclass
class Claim:
    """A statement of the article and who makes it."""

    sentence: str
    """Id of the sentence it comes from."""
    source: object
    """An entity id, {"anonymous": "<description>"}, or "narrator" (the outlet's voice)."""
    via: str | None = None
    """Id of the outlet or person that relays it, when the source is cited by another."""


@dataclass
class Line:
    """A line of the article's body and the sentences on it."""

    start: int
    text: str
    sentences: list[Sentence]


def attribute(findings) -> None:
    """Fill ``findings.quotes`` and ``findings.claims``."""
    lines = _lines(findings.source)
    turn_of = turns([line.text for line in lines], lambda i, s, e: _named(
        findings, lines[i].start + s, lines[i].start + e))
    issuer = None if turn_of else _issuer(findings, lines)
    narrator = findings.cites.id if findings.cites else NARRATOR
    last = None
    for index, line in enumerate(lines):
        turn = turn_of.get(index)
        if turn:
            _turn_quote(findings, line, turn)
        for sentence in line.sentences:
            mentioned = _mentioned(findings, sentence)
            source, via = _source(sentence, mentioned, turn, issuer, last,
                                  lambda role: _person_with_role(findings, role))
            source = narrator if source == NARRATOR else source
            if not turn:
                _quotes_in(findings, sentence, last if source in (NARRATOR, narrator)
                           else source)
            if source is None or (not turn and is_header(line.text)):
                continue
            last = source if source not in (NARRATOR, narrator) else last
            if source == UNKNOWN or (turn and _moderator(turn)):
                continue
            if claim_worthy(_spoken(sentence, line, turn)):
                count = 1 + len(MORE_SAID.findall(sentence.text))
                findings.claims += [Claim(sentence.id, source, via) for _ in range(count)]


def _lines(source) -> list[Line]:
    """The body's lines with their sentences, in order."""
    lines: dict[int, Line] = {}
    for sentence in source.sentences:
        start = source.text.rfind("\n", 0, sentence.start) + 1
        end = source.text.find("\n", sentence.start)
        text = source.text[start:len(source.text) if end < 0 else end]
        lines.setdefault(start, Line(start, text, [])).sentences.append(sentence)
    return list(lines.values())


def _named(findings, start: int, end: int) -> str | None:
    """The last person (else organization) named between two offsets of the text."""
    for registry in ("people", "organizations"):
        spans = [(s, f.entry.id) for f in findings.entities[registry].values()
                 for _, s, e in f.spans if start <= s and e <= end]
        if spans:
            return max(spans)[1]
    return None


def _issuer(findings, lines: list[Line]) -> str | None:
    """The person who issues a statement: named in its header lines, or in a headline
    that says it is a statement (بيان للرئيس جو بايدن)."""
    header = []
    for line in lines:
        if not is_header(line.text):
            break
        header.append(line)
    source = findings.source
    start = source.text.find(source.headline)
    if STATEMENT.search(source.headline) and start >= 0:
        header.insert(0, Line(start, source.headline, []))
    for registry in ("people", "organizations"):
        for line in header:
            named = _named(findings, line.start, line.start + len(line.text))
            if named in findings.entities[registry]:
                return named
    return None


def _mentioned(findings, sentence: Sentence) -> list[Mentioned]:
    found = [Mentioned(start - sentence.start, end - sentence.start, registry, f.entry.id)
             for registry in ("people", "organizations")
             for f in findings.entities[registry].values()
             for sid, start, end in f.spans if sid == sentence.id]
    return sorted(found, key=lambda m: m.start)


def _source(sentence: Sentence, mentioned, turn: Turn | None, issuer, last, roles):
    """(source, via) of one sentence; source None when it has none to give."""
    if turn:
        return turn.speaker, None
    relayed = relay(sentence.text, mentioned)
    if relayed:
        return relayed[1], relayed[0]
    said = attribution(sentence.text, mentioned)
    if said == "pronoun":
        return last or issuer or UNKNOWN, None
    if isinstance(said, dict) and "role" in said:
        return roles(said["role"]) or UNKNOWN, None
    return said or issuer or NARRATOR, None


def _person_with_role(findings, role: str) -> str | None:
    """Who a definite subject stands for: the organization named before whose name starts
    with that noun (وأضافت الوزارة ← وزارة الصحة), else the one person the article gives
    this title (الأمين العام المنتخب ← محمد عبادي أميناً عاماً) next to their name."""
    organization = _organization_named(findings, _stem(role.split()[0]))
    if organization:
        return organization
    wanted = [_stem(word) for word in role.split()[:2]]
    counts = {}
    for found in findings.entities["people"].values():
        for _, start, end in found.spans:
            text = findings.source.text
            near = [_stem(w) for w in key(text[:start]).split()[-3:] + key(
                text[end:end + 60]).split()[:3]]
            hits = sum(near[k:k + len(wanted)] == wanted for k in range(len(near)))
            counts[found.entry.id] = counts.get(found.entry.id, 0) + hits
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if ranked and ranked[0][1] and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def _organization_named(findings, head: str) -> str | None:
    """The organization named most recently whose name starts with ``head``."""
    named = [(start, f.entry.id) for f in findings.entities["organizations"].values()
             for _, start, _ in f.spans
             if _stem(key(f.entry.name.get("ar", "")).split()[0]) == head]
    return max(named)[1] if named else None


def _stem(word: str) -> str:
    """A word without its article and accusative ending: أميناً → امين، الأمين → امين."""
    word = word[2:] if word.startswith("ال") and len(word) > 3 else word
    return word[:-1] if word.endswith("ا") and len(word) > 3 else word


def _moderator(turn: Turn) -> bool:
    """A moderator's turn: its words introduce others and state nothing."""
    speaker = turn.speaker
    return isinstance(speaker, dict) and speaker["anonymous"].startswith(MODERATORS)


def _spoken(sentence: Sentence, line: Line, turn: Turn | None) -> str:
    """The sentence without a transcript label."""
    offset = sentence.start - line.start
    if turn and offset < turn.text_start:
        return sentence.text[turn.text_start - offset:]
    return sentence.text


def _turn_quote(findings, line: Line, turn: Turn) -> None:
    text = line.text[turn.text_start:].strip()
    start = line.start + line.text.index(text, turn.text_start)
    quote = Quote(text, start, start + len(text), turn.speaker, True)
    findings.quotes.append((quote, [s.id for s in line.sentences]))


def _quotes_in(findings, sentence: Sentence, speaker) -> None:
    """Quoted words (and a first-person clause ending «، حسب ...») in one sentence; a
    quote opened here may close in a later sentence of the same line."""
    source = findings.source
    speaker = speaker if speaker not in (NARRATOR, UNKNOWN) else None
    spans = [(s, e, True) for s, e in _join_open_quote(source, sentence, quoted_spans(
        sentence.text)) if not is_source_name(sentence.text, s, e)
        and not _quoted_name(sentence.text, s, e)]
    unquoted = unquoted_quote(sentence.text)
    if unquoted:
        spans.append((*unquoted, False))
    for start, end, quoted in spans:
        raw = source.text[sentence.start + start:sentence.start + end]
        text = raw.strip(" ،,.")
        if not text:
            continue
        begin = sentence.start + start + raw.find(text)
        quote = Quote(text, begin, begin + len(text), speaker, quoted)
        ids = [s.id for s in source.sentences if s.start < quote.end and s.end > quote.start]
        findings.quotes.append((quote, ids))


NAMING = re.compile(r"(باسم|يدعى|تدعى|الملقب|الملقبة|المعروف|المعروفة|المكنى|يلقب|لقب|"
                    r"اسم|بـ|ب)\s*[«\"“]?$")
NAME_WORDS = 4


def _quoted_name(text: str, start: int, end: int) -> bool:
    """«أبو سليمان الموحد» after الملقب/المعروف بـ/باسم: a name in quotation marks."""
    return len(text[start:end].split()) <= NAME_WORDS and bool(
        NAMING.search(text[max(0, start - 20):start].rstrip()))


def _join_open_quote(source, sentence: Sentence, spans: list) -> list:
    """A quote opened in this sentence and closed in a later one on the same line."""
    text = sentence.text
    opened = [i for i, char in enumerate(text) if char in '"«“']
    if len(opened) % 2 == 1 and (not spans or opened[-1] >= spans[-1][1]):
        line_end = source.text.find("\n", sentence.start)
        line_end = len(source.text) if line_end < 0 else line_end
        close = source.text.find(PAIR_OF[text[opened[-1]]], sentence.end, line_end)
        if close > 0:
            spans = [*spans, (opened[-1] + 1, close - sentence.start)]
    return spans


PAIR_OF = {'"': '"', "«": "»", "“": "”"}
