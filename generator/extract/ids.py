"""Ids for drafted entities: lower-case ASCII slugs, from the English name when known.

A person with no known English name still needs an id; a plain letter-for-letter
transliteration of the Arabic gives one (``هادي العامري`` → ``hady-al-aamry``). It is
only a key: the English display name stays missing until a person writes it.
"""

from __future__ import annotations

import re
import unicodedata

from generator.text.arabic import strip_marks

LATIN = {"ا": "a", "أ": "a", "إ": "i", "آ": "a", "ء": "", "ؤ": "u", "ئ": "i", "ب": "b",
         "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r",
         "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "a",
         "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h",
         "و": "w", "ي": "y", "ى": "a", "ة": "a", "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g",
         "ڤ": "v", "ک": "k", "ی": "y"}


def slug(text: str) -> str:
    """``Kata'ib Hezbollah`` → ``kataib-hezbollah``; Arabic is transliterated first."""
    if re.search("[\u0600-\u06ff]", text):
        text = transliterate(text)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['’]", "", ascii_text.lower())
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:60].strip("-") or "entity"


def transliterate(arabic: str) -> str:
    """A letter-for-letter Latin key (not a spelling anyone would print)."""
    words = []
    for word in strip_marks(arabic).split():
        prefix = "al-" if word.startswith("ال") and len(word) > 3 else ""
        body = word[2:] if prefix else word
        words.append(prefix + "".join(LATIN.get(char, char) for char in body))
    return " ".join(words)


def unique(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is not taken yet; then taken."""
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate
