"""Whether a gazetteer name in a sentence is the place, or a word that only looks like one.

Countries, capitals, cities of a million people and the project's own places are always
places. A smaller city's name is often an everyday word (وكيل is not Kiel, بأمان is not
Amman, دولة is not Dhule): it is taken only where the text speaks of a place — after a
preposition or noun of place (في، إلى، مدينة، قرب)
or beside another place in a list — and never as a nisba adjective (السويدية), with a
glued preposition other than ب/ل, or right before another place's name (دولة الكويت).
"""

from __future__ import annotations

import re

from generator.extract.entry import Mention
from generator.text.arabic import Token, key

PLACE_LEADS = {"في", "الي", "من", "مدينه", "بلده", "قريه", "قرب", "شمال", "جنوب", "شرق", "غرب",
               "وسط", "عاصمه", "محافظه", "ولايه", "اقليم", "منطقه", "نحو", "عبر", "داخل",
               "خارج", "حول", "بلدة", "ضواحي", "مدن", "حتي", "مقاطعه", "قضاء", "ناحيه"}


def plausible(mention: Mention, tokens: list[Token], places: list[Mention]) -> bool:
    """Whether ``mention`` (one of ``places``, all in one sentence) names a place."""
    entry = mention.entry
    if entry.major or entry.fields.get("kind") != "city":
        return True
    index = next(i for i, t in enumerate(tokens) if t.start == mention.start)
    written = tokens[index]
    if re.search(r"^ال\S+(ي|يه|يين|يون)$", written.key):
        return False
    if any(p.start > mention.end and p.start - mention.end <= 1 and not p.text.startswith("و")
           for p in places):
        return False  # دولة الكويت، مدينة بغداد: a generic noun before a place's name
    clitic = written.key[0] if mention.spelling and key(mention.spelling) != written.key else ""
    if clitic in ("ك", "ف"):
        return False  # كبيرًا is not Beira: only ب and ل put a place after them
    if clitic in ("ب", "ل") or (index and tokens[index - 1].key in PLACE_LEADS):
        return True
    return any(p is not mention and (abs(p.start - mention.end) <= 3 or
               abs(mention.start - p.end) <= 3) for p in places)
