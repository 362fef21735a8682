"""Dates in Arabic news, with the precision the writer gave (day, month or year).

Articles write ``20 من أيلول الماضي`` and ``في نوفمبر`` without a year: the year comes
from the publication date and the cue words الماضي (last) / المقبل (next). Iraqi and
Levantine month names (أيلول) and Egyptian/MSA ones (سبتمبر) are read alike. Without a
publication date, a date without a year is kept with ``value=None`` so a person decides.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from generator.extract.lexicon import lexicon
from generator.text.arabic import Token, gap, key, tokenize

PAST = {"الماضي", "الفايت", "المنصرم", "السابق"}
FUTURE = {"المقبل", "القادم"}
LEADS = {"في", "شهر", "منذ", "حتي", "خلال", "مطلع", "اواخر", "منتصف", "اوايل", "بدايه", "نهايه",
         "قبل", "بعد", "من"}
"""Words that make a bare month name a date (في آب), not a verb or a word (مارس، آب)."""
NEXT_DAY = ("اليوم", "التالي")
AHEAD_MONTHS = 2
"""A month without a year at most this far after publication is taken as coming."""


@dataclass(frozen=True)
class Date:
    value: str | None
    """ISO 8601 at the precision written: 2020-09-20, 2020-09 or 2020; None if the year
    cannot be known (no publication date given)."""
    start: int
    end: int
    text: str
    approximate: bool = False
    """Inferred rather than read (اليوم التالي: the day after the last full date)."""


@dataclass(frozen=True)
class Published:
    """The publication date as far as known: the anchor of every year-less date."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, iso: str | None) -> Published | None:
        if not iso:
            return None
        parts = [int(part) for part in iso.split("-")]
        return cls(*parts)


def month_names() -> dict[tuple[str, ...], int]:
    """Month name keys (one or two words) -> month number."""
    names = {}
    for number, spellings in lexicon()["months"].items():
        for spelling in spellings:
            names[tuple(key(spelling).split())] = int(number)
    return names


def find_dates(text: str, published: Published | None) -> list[Date]:
    """Every calendar date in ``text`` (one sentence or more), in reading order."""
    tokens, names, found = tokenize(text), month_names(), []
    i = 0
    while i < len(tokens):
        date, i_next = _date_at(text, tokens, i, names, published)
        if date:
            found.append(date)
        i = max(i_next, i + 1)
    return found


def _date_at(text, tokens, i, names, published):
    """The date starting at token ``i`` and the index after it, or (None, i)."""
    day, m = None, i
    if tokens[i].key.isdigit() and 1 <= int(tokens[i].key) <= 31:
        day, m = int(tokens[i].key), i + 1
        if m < len(tokens) and tokens[m].key == "من":
            m += 1
        elif _range_end(tokens, m):  # من 13 إلى 15 نيسان: the range's first day
            m += 2
    month, after = _month_at(text, tokens, m, names)
    if month is None:
        return _year_only(text, tokens, i, published)
    year, after = _year_at(tokens, after)
    cue = tokens[after].key if after < len(tokens) else ""
    if day is None and year is None and cue not in PAST | FUTURE and not _led(tokens, i):
        return None, i
    if cue in PAST | FUTURE:
        after += 1
    year = year or _infer_year(month, day, cue, published, _looks_ahead(tokens, i))
    start, end = tokens[i].start, tokens[after - 1].end
    return Date(_iso(year, month, day), start, end, text[start:end]), after


def _range_end(tokens: list[Token], m: int) -> bool:
    """Whether إلى/حتى and a second day follow a day (13 إلى 15 نيسان)."""
    return m + 1 < len(tokens) and tokens[m].key in ("الي", "حتي") and (
        tokens[m + 1].key.isdigit() and 1 <= int(tokens[m + 1].key) <= 31)


def _month_at(text: str, tokens: list[Token], i: int, names) -> tuple[int | None, int]:
    for size in (2, 1):
        words = tokens[i:i + size]
        if len(words) < size or (size == 2 and gap(text, *words)):
            continue
        for form in words[0].forms if words else []:
            name = (form, *(t.key for t in words[1:]))
            if name in names and (name != ("اب",) or "آب" in words[0].text):
                after = i + size
                return names[name], _skip_alternate(tokens, after, names)
    return None, i


def _skip_alternate(tokens: list[Token], i: int, names) -> int:
    """After أيلول, a second name for the same month (أيلول/سبتمبر) is skipped."""
    if i < len(tokens) and (tokens[i].key,) in names:
        return i + 1
    return i


YEAR_KINDS = {"المالي", "الماليه", "الدراسي", "الدراسيه", "الجامعي", "الميلادي", "الهجري"}
"""العام المالي 2021: a fiscal or academic year is a date, not a figure."""


def _year_at(tokens: list[Token], i: int) -> tuple[int | None, int]:
    j = i + 1 if i < len(tokens) and tokens[i].key in ("عام", "العام", "سنه", "السنه") else i
    j = j + 1 if j > i and j < len(tokens) and tokens[j].key in YEAR_KINDS else j
    if j < len(tokens) and tokens[j].key.isdigit() and 1900 <= int(tokens[j].key) <= 2100:
        return int(tokens[j].key), j + 1
    return None, i


def _year_only(text, tokens, i, published):
    """عام 2019 / العام الماضي: a date known to the year."""
    if tokens[i].key not in ("عام", "العام", "سنه", "السنه"):
        return None, i
    year, after = _year_at(tokens, i)
    if year is None and i + 1 < len(tokens) and published and tokens[i].key == "العام":
        cue = tokens[i + 1].key
        year = published.year - 1 if cue in PAST else published.year + 1 if cue in FUTURE \
            else None
        after = i + 2
    if year is None:
        return None, i
    start, end = tokens[i].start, tokens[after - 1].end
    return Date(str(year), start, end, text[start:end]), after


def _led(tokens: list[Token], i: int) -> bool:
    return i > 0 and any(form in LEADS for form in tokens[i - 1].forms)


def _infer_year(month: int, day: int | None, cue: str, published: Published | None,
                future: bool | None = None):
    """The year of a year-less date: the publication year, moved by الماضي/المقبل."""
    if published is None:
        return None
    year = published.year
    if published.month is None:
        return year
    here, anchor = (month, day or 0), (published.month, published.day or 32)
    if cue in PAST and here > anchor:
        return year - 1
    if cue in FUTURE and here <= anchor:
        return year + 1
    if cue not in PAST | FUTURE and not future and here > anchor and (
            month - published.month > AHEAD_MONTHS):
        return year - 1  # the most recent such month, unless it is just ahead or looked to
    return year


def _looks_ahead(tokens: list[Token], i: int) -> bool:
    """Whether a verb near token ``i`` is in the future (ستستضيف، سوف، سيعقد)."""
    near = tokens[max(0, i - 6):i + 6]
    return any(t.key == "سوف" or (re.match(r"^(و)?س[يتنا]\S{3,}$", t.key) and not
               t.key.lstrip("و").startswith(("سياس", "سيار", "ستين", "سته", "سنه", "سنوات")))
               for t in near)


def _iso(year: int | None, month: int, day: int | None) -> str | None:
    if year is None:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return f"{year:04d}-{month:02d}"


def next_day(text: str, previous: Date | None) -> Date | None:
    """اليوم التالي (the next day) in ``text``, dated after ``previous`` when that is a day."""
    tokens = tokenize(text)
    for first, second in zip(tokens, tokens[1:], strict=False):
        if (first.forms[-1], second.key) == NEXT_DAY or (first.key, second.key) == NEXT_DAY:
            if previous is None or previous.value is None or len(previous.value) != 10:
                return None
            day = datetime.date.fromisoformat(previous.value) + datetime.timedelta(days=1)
            return Date(day.isoformat(), first.start, second.end,
                        text[first.start:second.end], approximate=True)
    return None


WEEKDAYS = {"الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5,
            "الاحد": 6}
RELATIVE = {("امس",): -1, ("البارحه",): -1, ("ليله", "البارحه"): -1, ("ليله", "امس"): -1,
            ("اليوم",): 0, ("غدا",): 1, ("صباح", "اليوم"): 0, ("مساء", "اليوم"): 0,
            ("من", "اليوم"): 0}
PERIODS = {("هذا", "العام"): ("year", 0), ("العام", "الحالي"): ("year", 0),
           ("العام", "الجاري"): ("year", 0), ("هذا", "الشهر"): ("month", 0),
           ("الشهر", "الجاري"): ("month", 0), ("الشهر", "الحالي"): ("month", 0),
           ("الشهر", "الماضي"): ("month", -1), ("الشهر", "المقبل"): ("month", 1),
           ("الشهر", "القادم"): ("month", 1), ("العام", "المقبل"): ("year", 1),
           ("العام", "القادم"): ("year", 1), ("السنه", "الماضيه"): ("year", -1),
           ("السنه", "المقبله"): ("year", 1)}


def relative_dates(text: str, published: Published | None) -> list[Date]:
    """أمس، اليوم، ليلة البارحة، هذا الشهر، الشهر الماضي، العام المقبل, and a weekday
    alone (الأربعاء: the last such day), resolved against the publication date."""
    if published is None:
        return []
    tokens, found, i = tokenize(text), [], 0
    while i < len(tokens):
        date, size = _relative_at(text, tokens, i, published)
        if date:
            found.append(date)
        i += max(size, 1)
    return found


def _relative_at(text, tokens, i, published):
    for size in (2, 1):
        words = tuple(t.forms[-1] if n == 0 else t.key
                      for n, t in enumerate(tokens[i:i + size]))
        if len(words) < size:
            continue
        value = _relative_value(words, tokens[i:i + size], published)
        if value:
            start, end = tokens[i].start, tokens[i + size - 1].end
            return Date(value, start, end, text[start:end], approximate=True), size
    return None, 1


def _relative_value(words, tokens, published: Published) -> str | None:
    if words in PERIODS:
        unit, shift = PERIODS[words]
        if unit == "year":
            return str(published.year + shift)
        if published.month is None:
            return None
        month = published.month + shift
        year = published.year + (month - 1) // 12
        return f"{year:04d}-{(month - 1) % 12 + 1:02d}"
    if published.day is None:
        return None
    day = datetime.date(published.year, published.month, published.day)
    if words in RELATIVE:
        return (day + datetime.timedelta(days=RELATIVE[words])).isoformat()
    if len(words) == 1 and words[0] in WEEKDAYS and tokens[0].text.strip().startswith(
            ("ال", "وال")):
        back = (day.weekday() - WEEKDAYS[words[0]]) % 7
        return (day - datetime.timedelta(days=back)).isoformat()
    return None
