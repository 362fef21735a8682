"""Who says what: transcript turns, statement issuers, and the source of each sentence.

Three shapes of Arabic news text are told apart by their lines:
- a transcript, whose lines open with a speaker label (``الوزير بلينكن: ...``, ``سؤال:``);
  a line without a label goes on with the previous speaker;
- an official statement, whose header lines (before the prose) or a headline with بيان
  name the person who issues it: its sentences are that person's;
- a report, whose sentences are the outlet's own account unless a reporting verb
  (قال، أكد، أعلن ...) or a cue (بحسب، وفقاً لـ، نقلاً عن) names another source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from generator.extract.lexicon import lexicon
from generator.text.arabic import key, strip_marks, tokenize

LABEL = re.compile(r"^(?P<label>[^:«»\"“”\d\n،.]{2,70}?)\s*:\s*(?=\S)")
MAX_LABEL_WORDS = 9
HEADER_WORDS = 10
"""A line this short, without sentence punctuation, is a header (issuer, date, place)."""
SUBJECT_WORDS = 9
"""How far after a reporting verb its subject may stand."""
PLEASANTRIES = ("شكرا", "صباح", "مساء", "طاب", "تفضل", "اهلا", "مرحبا", "سعداء", "يسعدني ان")
MIN_CLAIM_WORDS = 4


@dataclass(frozen=True)
class Mentioned:
    """An entity named in a sentence: offsets in the sentence."""

    start: int
    end: int
    registry: str
    id: str


@dataclass
class Turn:
    """A transcript line: who speaks, and where the spoken text starts in the line."""

    speaker: object
    """An entity id or {"anonymous": label}."""
    text_start: int
    """Offset in the line of the first spoken character (after the label)."""


@cache
def _words() -> dict:
    words = lexicon()
    return {
        "verbs": {key(v) for v in words["reporting_verbs"]},
        "cues": sorted((tuple(key(c).split()) for c in words["source_cues"]), key=len,
                       reverse=True),
        "anonymous": {key(w) for w in words["anonymous_sources"]},
        "anonymity": re.compile("|".join(words["anonymity"])),
    }


def label_of(line: str) -> tuple[str, int] | None:
    """(label, offset of the spoken text) when ``line`` opens with a speaker label."""
    match = LABEL.match(line)
    if not match:
        return None
    label = match.group("label").strip()
    words = key(label).split()
    if not words or len(words) > MAX_LABEL_WORDS or _verb(words[0]):
        return None
    return label, match.end()


def is_header(line: str) -> bool:
    """A short line that does not end a sentence: an issuer, a date, a place, a heading."""
    return len(line.split()) <= HEADER_WORDS and not re.search(r"[.!?؟:]\s*$", line) and (
        not LABEL.match(line))


def turns(lines: list[str], speaker_in) -> dict[int, Turn]:
    """Line index -> Turn for every line of a transcript (none when no line has a label).

    ``speaker_in(index, start, end)`` names the speaker of a label (characters
    ``start:end`` of line ``index``): an entity id, or None for an unnamed one.
    """
    found: dict[int, Turn] = {}
    current = None
    for index, line in enumerate(lines):
        label = label_of(line)
        if label:
            name, start = label
            current = speaker_in(index, 0, len(name)) or {"anonymous": name}
            found[index] = Turn(current, start)
        elif current is not None and not is_header(line):
            found[index] = Turn(current, 0)
    return found


def claim_worthy(sentence: str) -> bool:
    """Whether a sentence states something: long enough, not a greeting or a question."""
    words = key(sentence).split()
    stripped = sentence.rstrip(" \"'»”")
    return (len(words) >= MIN_CLAIM_WORDS and not stripped.endswith(("؟", "?"))
            and not key(sentence).startswith(PLEASANTRIES)
            and not QUESTION.search(key(sentence)))


QUESTION = re.compile(r"^(و?اتساءل عما|هل )")


def attribution(sentence: str, mentioned: list[Mentioned]) -> object | None:
    """Who the sentence says is speaking: an entity id, {"anonymous": description},
    "pronoun" (a verb with no named subject: the previous speaker), {"role": words} (a
    subject the text names only by a title, الأمين العام المنتخب), or None."""
    anonymous = anonymous_source(sentence)
    tokens = tokenize(sentence)
    for i, token in enumerate(tokens[:4]):
        if not _verb(token.key):
            continue
        subject = _subject_after(sentence, tokens, i, mentioned)
        if anonymous and _unnamed_after(strip_marks(sentence), tokenize(strip_marks(
                sentence)), i + 1) and not _within(subject, mentioned, token.end, anonymous):
            return {"anonymous": anonymous}
        if subject:
            return subject
        if anonymous:
            return {"anonymous": anonymous}
        follows = tokens[i + 1].key if i + 1 < len(tokens) else ""
        if follows.startswith("ال"):
            return {"role": " ".join(t.key for t in tokens[i + 1:i + 4])}
        return "pronoun"
    cited = _cited(sentence, tokens, mentioned)
    if cited and cited != "pronoun":
        return cited
    before = _subject_before(sentence, tokens, mentioned, anonymous)
    if before:
        return before
    return {"anonymous": anonymous} if anonymous else cited


def relay(sentence: str, mentioned: list[Mentioned]) -> tuple[str, str] | None:
    """(outlet, source) of «نقلت أسوشيتد برس عن إبراهيم قوله»: who relays whom."""
    tokens = tokenize(sentence)
    for token in tokens[:3]:
        if token.forms[-1] in ("نقلت", "نقل") or token.key in ("ونقلت", "ونقل"):
            after = [m for m in mentioned if m.start >= token.end]
            outlet = next((m for m in after if m.registry == "organizations"), None)
            if not outlet:
                return None
            rest = sentence[outlet.end:]
            source = next((m for m in after if m.start > outlet.end and m.registry == "people"),
                          None)
            if source and re.match(r"\s*عن\s", rest):
                return outlet.id, source.id
    return None


def anonymous_source(sentence: str) -> str | None:
    """The description of an unnamed source: the words before 'asked not to be named'
    back to the reporting verb, or an unnamed noun after one (قال دبلوماسي في المجلس)."""
    plain = strip_marks(sentence)
    tokens = tokenize(plain)
    match = _words()["anonymity"].search(plain)
    if match:
        head = plain[:match.start()]
        verbs = [t for t in tokens if t.end <= match.start() and (
            _verb(t.key) or t.key in CUE_WORDS)]
        if verbs:
            head = head[verbs[-1].end:]
        head = re.split(r"[.:؛]", head)[-1]
        return (head + match.group()).strip(" ،,:") or None
    for i, token in enumerate(tokens[:4]):
        if _verb(token.key):
            return _unnamed_after(plain, tokens, i + 1)
    return None


def _unnamed_after(text: str, tokens, j: int) -> str | None:
    """An unnamed source noun at token ``j`` with the words that describe it."""
    if j >= len(tokens) or not any(f in _words()["anonymous"] for f in tokens[j].forms):
        return None
    end, k = j, j + 1
    while k < len(tokens) and k - j <= 4 and not text[tokens[k - 1].end:tokens[k].start].strip():
        word = tokens[k].key
        if word in STOP_DESCRIPTION or _verb(word):
            break
        if word in ("في", "من"):
            if k + 1 >= len(tokens) or not tokens[k + 1].key.startswith("ال"):
                break
            k += 1
        end, k = k, k + 1
    return text[tokens[j].start:tokens[end].end]


CUE_WORDS = {"حسب", "بحسب", "وبحسب", "وفقا", "ووفقا", "طبقا", "نقلا"}
STOP_DESCRIPTION = {"ان", "انه", "انها", "الي", "عن", "علي", "اليوم", "امس", "الاربعاء",
                    "الخميس", "الجمعه", "السبت", "الاحد", "الاثنين", "الثلاثاء", "لوكاله",
                    "لصحيفه", "لقناه", "ل"}


def _within(subject, mentioned: list[Mentioned], start: int, description: str) -> bool:
    """Whether the named subject is what an unnamed noun belongs to (تقرير لصندوق النقد
    الدولي: the fund's report, so the fund; but مسؤول في وزارة stays unnamed)."""
    found = next((m for m in mentioned if m.id == subject and m.start >= start), None)
    if not found or found.start - start > len(description) + 2:
        return False
    return not ({"في", "من"} & set(key(description).split()))  # مسؤول في وزارة: unnamed


def _verb(word: str) -> bool:
    verbs = _words()["verbs"]
    return word in verbs or (word[:1] in ("و", "ف") and word[1:] in verbs)


def _subject_after(sentence: str, tokens, i: int, mentioned: list[Mentioned]):
    """The entity a reporting verb at token ``i`` has as its subject: the first person (or
    else organization) named before أن/إن/:/عن within SUBJECT_WORDS words."""
    limit = len(sentence)
    for token in tokens[i + 1:i + 1 + SUBJECT_WORDS]:
        if key(token.text) in ("ان", "انه", "انها", "بان", "عن") or ":" in sentence[
                tokens[i].end:token.start]:
            limit = token.start
            break
    else:
        window = tokens[i + 1:i + 1 + SUBJECT_WORDS]
        limit = window[-1].end if window else limit
    inside = [m for m in mentioned if tokens[i].end <= m.start < limit]
    people = [m for m in inside if m.registry == "people"]
    chosen = people[0] if people else next(
        (m for m in inside if m.registry == "organizations"), None)
    return chosen.id if chosen else None


def _cited(sentence: str, tokens, mentioned: list[Mentioned]):
    """The source named after بحسب / وفقاً لـ / نقلاً عن: the first person (else
    organization) before the next comma; "pronoun" for a definite back-reference
    (ووفقاً للمسؤول، the official named before)."""
    for i in range(len(tokens)):
        for cue in _words()["cues"]:
            words = tokens[i:i + len(cue)]
            if len(words) == len(cue) and cue[0] in words[0].forms and all(
                    t.key == w for t, w in zip(words[1:], cue[1:], strict=True)):
                end = words[-1].end
                comma = re.search(r"[،,:]", sentence[end:])
                limit = end + comma.start() if comma else len(sentence)
                later = [t for t in tokens if t.start >= end][:SUBJECT_WORDS]
                limit = min(limit, later[-1].end if later else limit)
                inside = [m for m in mentioned if end <= m.start < limit]
                people = [m for m in inside if m.registry == "people"]
                if people or inside:
                    return (people or inside)[0].id
                rest = tokenize(sentence[end:limit])
                if rest and len(rest) <= 2 and rest[0].forms[-1].startswith("ال"):
                    return "pronoun"
    return None


def _subject_before(sentence: str, tokens, mentioned: list[Mentioned], anonymous):
    """«قادة سياسيون ذكروا أن»، «لكن رئيس كتلة ... قال إن»: a reporting verb after its
    subject; the subject is an entity named before the verb, else an unnamed source."""
    for k, token in enumerate(tokens[1:12], 1):
        follows = key(tokens[k + 1].text) if k + 1 < len(tokens) else ""
        if not _verb(token.key) or (follows not in ("ان", "انه", "انها") and tokens[
                k - 1].key != "قد"):
            continue
        before = [m for m in mentioned if m.end <= token.start]
        people = [m for m in before if m.registry == "people"]
        if people or before:
            return (people or before)[-1].id
        if anonymous:
            return {"anonymous": anonymous}
        head = re.sub(r"^\s*(و|ف|لكن|ولكن)\s*", "", sentence[:token.start]).strip(" ،,")
        return {"anonymous": head} if head else None
    return None
