"""The publication date an article prints on a line of its own (its dateline).

News pages put the date above the body: «الثلاثاء 25 ديسمبر 2012», «19 آذار/مارس 2021»,
«20:58، 22 مارس 2009 (ت.ع.م.)», or in figures, 2021-03-19 or 19/3/2021. A dateline is a
line that is little more than one full date with its year written; a date inside a
sentence of the body is an event, not the publication.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from generator.extract.dates import Published, find_dates

HEADER_LINES = 8
"""Datelines are read among the article's first lines only."""
OTHER_WORDS = 4
"""Words a dateline may have besides its date: a weekday, «آخر تحديث:», a time zone."""
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
NUMERIC = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b|\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
"""ISO dates (2021-03-19) and day/month/year (19/3/2021, 19.03.2021)."""


@dataclass(frozen=True)
class Dateline:
    published: Published
    text: str
    """The date as written."""
    line: int
    """The number of the line it is on, as the caller gave it."""


def find_dateline(lines: list[tuple[int, str]]) -> Dateline | None:
    """The first dateline among an article's first (line number, text) pairs."""
    for number, line in lines[:HEADER_LINES]:
        found = read_dateline(line)
        if found:
            return Dateline(found[0], found[1], number)
    return None


def read_dateline(line: str) -> tuple[Published, str] | None:
    """The date ``line`` consists of (with its year), and its text; None for other lines."""
    for start, end, iso in [*_numeric(line), *_written(line)]:
        rest = line[:start] + " " + line[end:]
        if sum(1 for word in rest.split() if re.search(r"\w", word)) <= OTHER_WORDS:
            return Published.parse(iso), line[start:end]
    return None


def _written(line: str):
    for date in find_dates(line, None):
        if date.value and not date.approximate:
            yield date.start, date.end, date.value


def _numeric(line: str):
    for match in NUMERIC.finditer(line.translate(DIGITS)):
        year, month, day = (match.group(1), match.group(2), match.group(3)) if match.group(1) \
            else (match.group(6), match.group(5), match.group(4))
        try:
            day = datetime.date(int(year), int(month), int(day))
        except ValueError:
            continue
        if 1900 <= day.year <= 2100:
            yield match.start(), match.end(), day.isoformat()
