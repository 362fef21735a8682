"""One article in, every finding out: entities, quotes, dates and figures, each with the
sentence ids and character offsets it came from.

The article is read twice: the first pass learns new names (a person introduced with a
title in s14 and named bare in s8), the second collects every mention of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.extract.claims import Claim, attribute
from generator.extract.dates import Date, Published, find_dates, next_day, relative_dates
from generator.extract.embassies import capital_of, find_embassies, host_city
from generator.extract.entry import Entry, Mention
from generator.extract.found import HEADLINE, Found
from generator.extract.gazetteer import Gazetteer
from generator.extract.ids import slug
from generator.extract.numbers import Number, dual, find_numbers, ordinals, read_number
from generator.extract.organizations import find_organizations
from generator.extract.people import find_people
from generator.extract.places import plausible
from generator.extract.quotes import Quote, is_source_name, quoted_spans
from generator.extract.reader import Sentence, Source
from generator.extract.sites import find_sites
from generator.text.arabic import key, to_ascii_digits, tokenize

REGISTRIES = ("people", "organizations", "places")
HIJRI = re.compile(r"\s*(محرم|صفر|ربيع الأول|ربيع الآخر|ربيع الثاني|جمادى الأولى|جمادى الآخرة|"
                   r"رجب|شعبان|رمضان|شوال|ذو القعدة|ذو الحجة)")
HIJRI_YEAR = re.compile(r"(رمضان|شوال|محرم|صفر|رجب|شعبان|القعدة|الحجة)\s*$")


@dataclass
class Findings:
    source: Source
    published: Published | None
    entities: dict[str, dict[str, Found]] = field(
        default_factory=lambda: {name: {} for name in REGISTRIES})
    quotes: list[tuple[Quote, list[str]]] = field(default_factory=list)
    dates: list[tuple[Date, str]] = field(default_factory=list)
    figures: list[tuple[Number, str]] = field(default_factory=list)
    vague: list[tuple[Number, str]] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    publisher: Entry | None = None
    cites: Entry | None = None
    place_ids: set[str] = field(default_factory=set)
    """Ids of places registered or drafted: a new city's parent must be one of them."""

    def note(self, mention: Mention, sentence: Sentence) -> None:
        entry = mention.entry
        found = self.entities[entry.registry].setdefault(entry.id,
                                                         Found(entry, spelling=mention.spelling))
        found.spans.append((sentence.id, sentence.start + mention.start,
                            sentence.start + mention.end))


def analyze(source: Source, gazetteer: Gazetteer, published: Published | None) -> Findings:
    """Every finding in ``source``; ``gazetteer`` learns the new names on the way."""
    _entity_pass(source, gazetteer, Findings(source, published))
    findings = Findings(source, published)
    _entity_pass(source, gazetteer, findings)
    _embassies(findings, gazetteer)
    findings.publisher = _outlet(source.publisher, gazetteer) if source.publisher else None
    findings.cites = _cited_outlet(source, gazetteer)
    attribute(findings)
    _dates_and_figures(findings)
    return findings


def _entity_pass(source: Source, gazetteer: Gazetteer, findings: Findings) -> None:
    headline = [Sentence(HEADLINE, source.headline, source.text.find(source.headline))]
    for sentence in headline * (headline[0].start >= 0) + source.sentences:
        tokens = tokenize(sentence.text)
        people = gazetteer.find(sentence.text, tokens, "people")
        people = _outermost(people + find_people(sentence.text, tokens, gazetteer, people))
        organizations = gazetteer.find(sentence.text, tokens, "organizations")
        organizations += find_organizations(sentence.text, tokens, gazetteer,
                                            organizations + people)
        places = gazetteer.find(sentence.text, tokens, "places")
        places = [m for m in places if plausible(m, tokens, places) and not any(
            p.start <= m.start < p.end for p in people)]
        for mention in sorted(people + organizations + places, key=lambda m: m.start):
            findings.note(mention, sentence)


def _outermost(mentions: list[Mention]) -> list[Mention]:
    """Mentions not inside a longer one (بلينكن within أنتوني ج. بلينكن)."""
    return [m for m in mentions if not any(
        o is not m and o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
        for o in mentions)]


def _embassies(findings: Findings, gazetteer: Gazetteer) -> None:
    """Embassies and named sites the gazetteer does not know, placed in the city the
    sentence names, else the article's main city."""
    places = findings.entities["places"]
    host = host_city(places) or capital_of(places, gazetteer)
    known = {span for f in places.values() for span in f.spans}
    for sentence in findings.source.sentences:
        here = host_city({k: f for k, f in places.items() if sentence.id in f.sentences})
        for mention in [*find_embassies(sentence.text, host),
                        *find_sites(sentence.text, here or host, gazetteer)]:
            start = sentence.start + mention.start
            if any(s <= start < e for _, s, e in known):
                continue
            entry = gazetteer.by_id.setdefault(("places", mention.entry.id), mention.entry)
            findings.note(Mention(entry, mention.start, mention.end, mention.text), sentence)


def _dates_and_figures(findings: Findings) -> None:
    previous = None
    for sentence in findings.source.sentences:
        dates = find_dates(sentence.text, findings.published)
        dates += [d for d in relative_dates(sentence.text, findings.published)
                  if not any(o.start <= d.start < o.end for o in dates)]
        relative = next_day(sentence.text, previous)
        dates = sorted(dates + ([relative] if relative else []), key=lambda d: d.start)
        for date in dates:
            findings.dates.append((_shift(date, sentence.start), sentence.id))
            if date.value and len(date.value) == 10:
                previous = date
        for number in _numbers(sentence.text):
            if any(d.start <= number.start < d.end for d in dates) or _repeated(
                    findings, number) or _cited_note(sentence.text, number):
                continue
            target = findings.vague if _vague(number) else findings.figures
            target.append((number, sentence.id))


def _numbers(text: str) -> list[Number]:
    """Every number of a sentence: written, ordinal that counts, or a dual noun."""
    words = ordinals(text) + dual(text)
    found = [n for n in find_numbers(text) if not _clock(text, n) and not any(
        w.start <= n.start < w.end or n.start <= w.start < n.end for w in words)]
    return sorted(found + words, key=lambda n: n.start)


def _clock(text: str, number: Number) -> bool:
    """الساعة الحادية عشرة، الساعة 10: a time of day, not a figure."""
    return bool(re.search(r"الساع[ةه]\s+(ال\S+\s+)?$", text[:number.start]))


def _vague(number: Number) -> bool:
    """آلاف، عشرات، مئات: a quantity, not a figure (نحو 300 is a figure, approximate)."""
    if not number.approximate or any(c.isdigit() for c in to_ascii_digits(number.text)):
        return False
    reading = read_number(number.text)
    return bool(reading and reading[1])


def _repeated(findings: Findings, number: Number) -> bool:
    """«الثلاثة» after «ثلاثة»: a definite number word pointing back at a figure."""
    return key(number.text).startswith("ال") and any(
        n.value == number.value for n, _ in findings.figures)


def _cited_note(text: str, number: Number) -> bool:
    """[1], [2]: a citation marker, or a number inside a Hijri date (9 رمضان 1436)."""
    before, after = text[:number.start], text[number.end:]
    return (before.endswith("[") and after.startswith("]")) or bool(
        HIJRI.match(after) or HIJRI_YEAR.search(before))


def _shift(date: Date, offset: int) -> Date:
    return Date(date.value, date.start + offset, date.end + offset, date.text, date.approximate)


def _outlet(name: str, gazetteer: Gazetteer) -> Entry:
    """The organization an outlet's name stands for; a new media entry if unknown."""
    for entry in gazetteer.names.get(tuple(key(name).split()), []):
        if entry.registry == "organizations":
            return entry
    entry = Entry("organizations", slug(name), {"ar": name}, fields={"kind": "media"})
    gazetteer.add(entry, name)
    return entry


def _cited_outlet(source: Source, gazetteer: Gazetteer) -> Entry | None:
    """The outlet the article relays: the first quoted name after بحسب/وفقاً لـ."""
    for sentence in source.sentences:
        for start, end in quoted_spans(sentence.text):
            if is_source_name(sentence.text, start, end):
                return _outlet(sentence.text[start:end], gazetteer)
    return None
