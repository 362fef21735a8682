"""Numbers in Arabic news: digits of either script, and number words (الثمانين، مئات).

Only the reading lives here: ``read_number`` turns a phrase into a value, and
``find_numbers`` finds every number in a sentence with the words it counts, so that a
figure can be drafted with its label. Numbers that belong to dates are dropped later,
by the caller, which knows where the dates are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.text.arabic import key, to_ascii_digits, without_article, word_forms

UNITS = {"واحد": 1, "احد": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "ثلاث": 3,
         "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7,
         "سبعه": 7, "ثماني": 8, "ثمانيه": 8, "ثمان": 8, "تسع": 9, "تسعه": 9, "عشر": 10,
         "عشره": 10}
TENS = {"عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
        "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
        "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90}
HUNDREDS = {"مئه": 100, "مائه": 100, "مئتان": 200, "مئتين": 200, "مائتان": 200,
            "مائتين": 200}
SCALES = {"الف": 1000, "الاف": 1000, "الفا": 1000, "الفين": 2000, "الفان": 2000,
          "مليون": 10**6, "ملايين": 10**6, "مليار": 10**9, "مليارات": 10**9}
VAGUE = {"عشرات": 10, "مئات": 100, "الاف": 1000, "ملايين": 10**6, "مليارات": 10**9}
DIGITS = re.compile(r"\d+(?:[.,٫٬]\d+)*")
TOKEN = re.compile(r"\d+(?:[.,٫٬]\d+)*|[\u0621-\u064a\u0640\u064b-\u0652]+")
UNITS, TENS, HUNDREDS, SCALES, VAGUE = (
    {key(word): value for word, value in table.items()}
    for table in (UNITS, TENS, HUNDREDS, SCALES, VAGUE))
ORDINALS = {"اول": 1, "اولي": 1, "ثاني": 2, "ثانيه": 2, "ثالث": 3, "ثالثه": 3, "رابع": 4,
            "رابعه": 4, "خامس": 5, "خامسه": 5, "سادس": 6, "سادسه": 6, "سابع": 7, "سابعه": 7,
            "ثامن": 8, "ثامنه": 8, "تاسع": 9, "تاسعه": 9, "عاشر": 10, "عاشره": 10,
            "حادي": 1, "حاديه": 1}
"""Ordinal words (التاسعة، الحادي عشر): read as numbers only where they count (an age, an
anniversary, a compound ordinal); الأول and الثاني are too often 'first' and 'second'."""
DUALS = {"عامين": 2, "عامان": 2, "سنتين": 2, "سنتان": 2, "شهرين": 2, "شهران": 2,
         "يومين": 2, "يومان": 2, "اسبوعين": 2, "اسبوعان": 2, "ساعتين": 2, "ساعتان": 2,
         "عقدين": 2, "عقدان": 2}
"""Nouns in the dual count two of themselves (أقل من عامين: under two years)."""
VAGUE_LEADS = {"نحو", "قرابه", "حوالي", "حوالى", "زهاء", "قرابة", "يقرب"}
WEEKDAYS = {"الاثنين", "الاحد", "يوم"}
"""الاثنين is Monday far more often than 'the two'; الأحد is Sunday."""
STOP = {"من", "في", "على", "الى", "عن", "مع", "و", "او", "ان", "قد", "لا", "ما", "هو", "هي"}


@dataclass(frozen=True)
class Number:
    value: float | int
    approximate: bool
    """True for vague words (مئات: "hundreds") and for قرابة/نحو/حوالي."""
    start: int
    """Offset in the sentence."""
    end: int
    text: str
    counts: str
    """The words it counts, as written (يوما، المواقع), or '' when none was found."""


def word_value(word: str) -> int | None:
    """The value of one number word, with clitics, ال and case endings allowed."""
    for form in word_forms(word):
        for bare in dict.fromkeys((form, without_article(form))):
            for table in (UNITS, TENS, HUNDREDS, SCALES):
                if bare in table:
                    return table[bare]
            if bare.endswith("ا") and bare[:-1] in SCALES:  # tanween: الفا
                return SCALES[bare[:-1]]
            for hundred in ("ميه", "مايه"):  # ثلاثمئة, خمسمائة
                if bare.endswith(hundred) and bare[:-len(hundred)] in UNITS:
                    return UNITS[bare[:-len(hundred)]] * 100
    return None


def _vague(word: str) -> int | None:
    word = key(word)
    for form in (word, word[:-1] if word.endswith("ا") else word):  # tanween: آلافًا
        value = VAGUE.get(form, VAGUE.get(without_article(form)))
        if value:
            return value
    return None


def read_number(phrase: str) -> tuple[int | float, bool] | None:
    """(value, approximate) of a phrase such as '40', '٤٠', 'الثمانين', 'مئة وخمسين',
    'ثلاثة آلاف', '2.5 مليون' or 'مئات'; None when it holds no number."""
    words = to_ascii_digits(phrase).split()
    if len(words) == 1 and _vague(words[0]) and not DIGITS.fullmatch(words[0]):
        return _vague(words[0]), True
    total, current, seen = 0, 0, False
    for word in words:
        value = _digits(word) if DIGITS.fullmatch(word) else word_value(word)
        if value is None:
            if key(word) == "و":
                continue
            return None
        seen = True
        if not DIGITS.fullmatch(word) and value >= 1000:
            total += (current or 1) * value
            current = 0
        else:
            current += value
    return (_tidy(total + current), False) if seen else None


def _digits(word: str) -> int | float | None:
    text = to_ascii_digits(word).replace("٬", "").replace("٫", ".")
    text = text.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", text) else text
    text = text.replace(",", ".")
    if text.count(".") > 1:
        return None  # 0.0.1, 1.2.2021: not one number
    return float(text) if "." in text else int(text)


def _tidy(value):
    return int(value) if float(value).is_integer() else value


def find_numbers(sentence: str) -> list[Number]:
    """Every number in ``sentence`` with what it counts, in reading order."""
    tokens = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(to_ascii_digits(sentence))]
    found, i = [], 0
    while i < len(tokens):
        j = _number_run(tokens, i)
        if j == i:
            i += 1
            continue
        j = _percent(tokens, i, j)
        phrase = sentence[tokens[i][0]:tokens[j - 1][1]]
        value, vague = read_number(_without_percent(phrase)) or (None, False)
        if value is not None and (vague or value >= 2 or DIGITS.fullmatch(tokens[i][2])):
            approx = vague or (i > 0 and key(tokens[i - 1][2]) in VAGUE_LEADS)
            found.append(Number(value, approx, tokens[i][0], tokens[j - 1][1], phrase,
                                _counted(sentence, tokens, i, j)))
        i = j
    return found


def ordinals(sentence: str) -> list[Number]:
    """Ordinals that count: an age (في التاسعة من عمره), an anniversary (الذكرى الخامسة)
    and compounds (الحادية عشرة، السابعة والعشرين)."""
    tokens = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(sentence)]
    found = []
    for i, (start, end, word) in enumerate(tokens):
        value = ORDINALS.get(without_article(key(word)))
        if value is None or not key(word).startswith(("ال", "لل", "بال", "في")):
            continue
        if i and key(tokens[i - 1][2]) in ("الساعه", "الساعة"):
            continue  # الساعة الحادية عشرة: a clock time
        after = " ".join(key(t[2]) for t in tokens[i + 1:i + 3])
        before = key(tokens[i - 1][2]) if i else ""
        if after.startswith(("عشر", "عشره")):
            value, end = value + 10, tokens[i + 1][1]
        elif after[:1] == "و" and word_value(after.split()[0][1:]) in TENS.values():
            value, end = value + word_value(after.split()[0][1:]), tokens[i + 1][1]
        elif not (after.startswith(("من عمره", "من عمرها")) or before in ("الذكري", "ذكري")
                  or key(word).startswith("في")):
            continue
        if value >= 2:
            found.append(Number(value, False, start, end, sentence[start:end], ""))
    return found


def dual(sentence: str) -> list[Number]:
    """Nouns in the dual (عامين), as the number two."""
    return [Number(2, False, m.start(), m.end(), m.group(), m.group())
            for m in TOKEN.finditer(sentence) if key(m.group()) in DUALS]


PERCENT_WORDS = {key(w) for w in ("المئة", "المائة", "بالمئة", "بالمائة", "بالمية", "المية")}
PERCENT = tuple({"في", word} for word in PERCENT_WORDS if word.startswith("ال"))


def _percent(tokens: list, i: int, j: int) -> int:
    """The end of a number run with its percent words (50 في المئة، 30 بالمئة) taken in."""
    if j == i:
        return j
    if j < len(tokens) and key(tokens[j][2]) in PERCENT_WORDS - {w for s in PERCENT for w in s}:
        return j + 1
    if j + 1 < len(tokens) and {key(tokens[j][2]), key(tokens[j + 1][2])} in PERCENT:
        return j + 2
    return j


def _without_percent(phrase: str) -> str:
    first, *rest = phrase.split()
    words = [first, *(w for w in rest if key(w) not in PERCENT_WORDS)]
    while words and key(words[-1]) == "في":
        words.pop()
    return " ".join(words)


def _number_run(tokens: list, i: int) -> int:
    """End (exclusive) of the run of number tokens starting at ``i``; ``i`` if none."""
    j = i
    while j < len(tokens):
        word = tokens[j][2]
        if key(word) in WEEKDAYS or (j > i and key(word) in PERCENT_WORDS):
            break
        joined = key(word) == "و" and i < j < len(tokens) - 1 and word_value(tokens[j + 1][2])
        if DIGITS.fullmatch(word) or word_value(word) is not None or (
                j == i and _vague(word)) or joined:
            j += 1
        else:
            break
        if j - i == 1 and _vague(tokens[i][2]) and not word_value(tokens[i][2]):
            break
    return j


def _counted(sentence: str, tokens: list, i: int, j: int) -> str:
    """The noun a number counts: the words before an adjective-like definite number
    (المواقع الثمانين), otherwise the words after it (40 يوما، مئات من صور)."""
    if key(tokens[i][2]).startswith("ال") and i > 0:
        start = i - 1
        while start > 0 and _definite_noun(tokens[start][2]) and _definite_noun(
                tokens[start - 1][2]) and not _between(sentence, tokens, start - 1):
            start -= 1
        return _bare(sentence[tokens[start][0]:tokens[i - 1][1]])
    after = tokens[j:j + 4]
    if after and key(after[0][2]) == "من":
        after = after[1:]
    words = []
    for token in after[:3]:
        word = key(token[2])
        if word in STOP or word_value(word) or (words and word.startswith("و")) or (
                words and sentence[words[-1][1]:token[0]].strip()):
            break
        words.append(token)
    return sentence[words[0][0]:words[-1][1]] if words else ""


def _definite_noun(word: str) -> bool:
    """A word with ال and no preposition before it: part of a definite noun phrase."""
    return key(word).startswith("ال")


def _bare(phrase: str) -> str:
    """The phrase without a preposition glued to its first word (للمواقع → المواقع)."""
    if phrase.startswith("لل"):
        return "ال" + phrase[2:]
    return phrase[1:] if phrase[:2] in ("بال", "وال", "كال", "فال") else phrase


def _between(sentence: str, tokens: list, i: int) -> str:
    """Punctuation between token ``i`` and the next one ('' when only spaces)."""
    return sentence[tokens[i][1]:tokens[i + 1][0]].strip()
