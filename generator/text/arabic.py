"""Arabic text as matching keys: one spelling per word, whatever the writer typed.

News Arabic spells the same name several ways (أميركا/امريكا, hamza or not, with or
without diacritics), and glues conjunctions and prepositions onto words (وبغداد، للعراق).
Every lookup in the extractor goes through ``key`` and ``word_forms`` so that a registry
alias typed one way finds a mention typed another way.
"""

from __future__ import annotations

import re

DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
TATWEEL = "\u0640"
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
                          "ؤ": "و", "ئ": "ي", "گ": "ك", "ک": "ك", "ی": "ي"})
ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
WORD = re.compile(r"[\w\u064b-\u065f\u0670\u0640]+")
PROCLITICS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")


def to_ascii_digits(text: str) -> str:
    """Arabic-Indic and Persian digits as ASCII digits, so numbers parse one way."""
    return text.translate(ARABIC_INDIC)


def strip_marks(text: str) -> str:
    """Text without diacritics (tashkeel, dagger alef) and without tatweel.

    The characters that remain keep their positions relative to each other, but the
    string gets shorter: never use offsets of the result against the original.
    """
    return DIACRITICS.sub("", text).replace(TATWEEL, "")


def key(text: str) -> str:
    """The matching key of a word or phrase: no marks, one alef, ي for ى, ه for ة.

    ى→ي rather than ى→ا (as some libraries do) keeps الأعلى and الاعلي together, and
    hamza carriers become their bare letter so رئيس and ريس meet.
    """
    text = strip_marks(text).translate(_LETTERS)
    return " ".join(WORD.findall(to_ascii_digits(text)))


def word_forms(word: str) -> list[str]:
    """Keys a single written word may stand for once clitics are taken off, longest first.

    وبالعراق → وبالعراق, بالعراق, العراق; للعراق → العراق (ل + ال). The unstripped form
    always comes first, so وزير stays وزير before زير is ever tried.
    """
    base = key(word)
    forms = [base]
    rest = base
    if len(rest) > 3 and rest[0] in PROCLITICS:
        rest = rest[1:]
        forms.append(rest)
    if len(rest) > 3 and rest.startswith("لل"):
        forms.append("ال" + rest[2:])
    elif len(rest) > 3 and rest[0] in PREPOSITIONS:
        forms.append(rest[1:])
    return list(dict.fromkeys(forms))


def without_article(word_key: str) -> str:
    """The key without a leading ال (الثمانين → ثمانين), for number and month words."""
    return word_key[2:] if word_key.startswith("ال") and len(word_key) > 3 else word_key


def name_key(text: str) -> str:
    """The key of a name with each word's leading clitics and article taken off
    (للتحالف الدولي → تحالف دولي): how the extraction corpus compares names."""
    return " ".join(_bare_word(word) for word in key(text).split())


def _bare_word(word: str) -> str:
    if len(word) > 2 and word[0] in PROCLITICS:
        word = word[1:]
    if len(word) > 3 and word.startswith("لل"):
        return word[2:]
    if len(word) > 2 and word[0] in PREPOSITIONS:
        word = word[1:]
    return word[2:] if len(word) > 3 and word.startswith("ال") else word


TOKEN = re.compile(r"\d+(?:[.,٫٬]\d+)*|[\w\u064b-\u065f\u0670\u0640]+")


class Token:
    """A written word with its place in the text and the keys it may stand for."""

    __slots__ = ("start", "end", "text", "forms")

    def __init__(self, start: int, end: int, text: str):
        self.start, self.end, self.text = start, end, text
        self.forms = word_forms(text)

    @property
    def key(self) -> str:
        return self.forms[0]

    def __repr__(self) -> str:
        return f"Token({self.text!r}@{self.start})"


def tokenize(text: str) -> list[Token]:
    """The words and numbers of ``text`` (punctuation dropped), with offsets into it."""
    return [Token(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def gap(text: str, left: Token, right: Token) -> str:
    """What stands between two tokens, without spaces: punctuation that breaks a phrase."""
    return text[left.end:right.start].strip()
