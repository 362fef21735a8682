"""Languages: direction, names, interface strings, dates and digits per locale."""

from __future__ import annotations

import datetime
import re
from functools import cache, lru_cache
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal
from markupsafe import Markup, escape

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML has it: the strings are read at every build."""

DIGITS = {"latn": "0123456789", "arab": "٠١٢٣٤٥٦٧٨٩", "arabext": "۰۱۲۳۴۵۶۷۸۹"}


FOREIGN_RUNS = {
    # In a right-to-left page: runs of Latin words (names, acronyms, URLs).
    "rtl": re.compile(r"[A-Za-z][\w.:/@&'-]*(?:[ ,]+[A-Za-z0-9][\w.:/@&'-]*)*", re.ASCII),
    # In a left-to-right page: runs of Arabic-script words.
    "ltr": re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+"
                      "(?:[\\s\u060c]+[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+)*"),
}


@lru_cache(maxsize=1 << 13, typed=True)
def mark_foreign_runs(text: str, page_direction: str, other_language: str) -> Markup:
    """Escaped text in which runs of the other script carry their own ``lang`` and ``dir``.

    An English name inside an Arabic sentence (or Arabic inside an English page) then
    renders in the right order and is read by screen readers in the right language.
    Cached: names and sentences come back on page after page (a sheet's, its entities'),
    by type too: a ``Markup`` is escaped no more, a ``str`` of the same letters is.
    """
    pieces, last = [], 0
    run_direction = "ltr" if page_direction == "rtl" else "rtl"
    for match in FOREIGN_RUNS[page_direction].finditer(text):
        pieces.append(escape(text[last:match.start()]))
        pieces.append(f'<span lang="{escape(other_language)}" dir="{run_direction}">'
                      f'{escape(match.group())}</span>')
        last = match.end()
    pieces.append(escape(text[last:]))
    return Markup("".join(pieces))


QUOTES = {"ar": ("«", "»"), "fa": ("«", "»"), "ckb": ("«", "»"), "ur": ("“", "”")}
"""The quotation marks a language's typography uses, where they are not English's."""
ENGLISH_QUOTES = re.compile('["\u201c]([^"\u201c\u201d\n]+)["\u201d]')
"""A pair of double quotes as typed: straight ("...") or English curly (“...”)."""


def quotation_marks(text: str, language: str) -> str:
    """Pairs of English double quotes ("..." or “...”) in ``text`` as the language writes
    them («...» in Arabic); other languages' texts, and an unpaired quote, stay as they are."""
    marks = QUOTES.get(language.split("-")[0])
    if not marks or not ('"' in text or "\u201c" in text):
        return text
    return ENGLISH_QUOTES.sub(lambda m: f"{marks[0]}{m[1]}{marks[1]}", text)


@cache
def direction(language: str) -> str:
    """``rtl`` or ``ltr``: the language's text direction in CLDR, by its script where the
    code names one (``az-Arab`` right to left, ``sd-Deva`` left to right); a code CLDR
    does not know is read by its script alone, then its language, else left to right."""
    base, _, subtag = language.partition("-")
    for code in (language, f"und-{subtag}" if subtag else base, base):
        try:
            return Locale.parse(code, sep="-").text_direction
        except (ValueError, LookupError, UnknownLocaleError):
            continue
    return "ltr"


@cache
def language_name(language: str) -> str:
    """The language's own name for itself (العربية, English)."""
    try:
        return Locale.parse(language).get_display_name(language).capitalize()
    except (ValueError, LookupError):
        return language


def load_strings(template_dirs: tuple[Path, ...], language: str) -> dict[str, str]:
    """Interface strings for a language from ``i18n/<lang>.yml`` in the template folders.

    Strings in a user's folder override the packaged ones key by key; a language with no
    file at all falls back to English so that the page still builds.
    """
    strings: dict[str, str] = {}
    for folder in reversed(template_dirs):  # packaged first, user's last (wins)
        for candidate in (language, "en"):
            path = folder / "i18n" / f"{candidate}.yml"
            if path.is_file():
                strings.update(yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)
                               or {})
                break
    return strings


ARABIC_MONTHS = {"levantine": "ar_SY", "egyptian": "ar_EG"}
"""A locale whose month names are the style's: Levantine (and Iraqi) أيلول, Egyptian (and
Gulf) سبتمبر."""


class Formatter:
    """Dates and numbers written the way a language's readers expect them: month names in
    the site's one style for Arabic (``arabic_months``), digits as the site chose, with the
    numbering system's own separators (٬ and ٫ with Arabic-Indic digits)."""

    def __init__(self, language: str, locale: str | None, digits: str | None,
                 arabic_months: str | None = None):
        self.locale = Locale.parse(locale or language)
        self.date_locale = (Locale.parse(ARABIC_MONTHS[arabic_months])
                            if arabic_months and self.locale.language == "ar" else self.locale)
        self.numbering = digits or "latn"
        self.digits = str.maketrans(DIGITS["latn"], DIGITS[self.numbering])
        # cached per formatter: babel takes tens of microseconds a call, and a page
        # writes hundreds of sentence numbers (1 and 1.0 are written alike, so may share)
        self.date = cache(self.date)
        self.number = cache(self.number)

    def date(self, value: str) -> str:
        """A full or partial ISO date (2020-09-20, 2020-09, 2020) in words."""
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 1:
            text = str(parts[0])
        elif len(parts) == 2:
            text = format_skeleton("yMMMM", datetime.date(parts[0], parts[1], 1),
                                   locale=self.date_locale)
        else:
            text = format_date(datetime.date(*parts), "long", locale=self.date_locale)
        return text.translate(self.digits)

    def number(self, value: float | int) -> str:
        return format_decimal(value, locale=self.locale,
                              numbering_system=self.numbering).translate(self.digits)

    def plural(self, value: int) -> str:
        """The language's plural category for the number (CLDR: zero, one, two, few, many,
        other), which picks the form of a counted noun."""
        return self.locale.plural_form(value)
