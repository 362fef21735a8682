"""Text hygiene: invisible characters and letter forms that make text lie or not match.

These run on the raw documents next to the schema, because an id with a zero-width space
also breaks the id pattern and the user should learn the real reason at once.
"""

from __future__ import annotations

import re
import unicodedata

from generator.content.loader import Document
from generator.errors import Problem

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
"""Embeddings, overrides and isolates, and the direction marks LRM, RLM and ALM."""
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
PERSIAN_FORMS = re.compile("[\u06cc\u06a9]")  # ی ک, where Arabic writes ي ك
ARABIC_FORMS = re.compile("[\u064a\u0643]")
ID_FIELDS = {"id", "organization", "parent", "country", "publisher", "cites", "via",
             "attributed_to", "speaker", "backers"}
NAME_FIELDS = {"name", "aliases"}


def check_hygiene(document: Document) -> list[Problem]:
    """Problems with invisible or mixed characters anywhere in the document."""
    problems: list[Problem] = []
    for path, value in _strings(document.data, ()):
        fields = {part for part in path if isinstance(part, str)}
        if match := BIDI_CONTROLS.search(value):
            problems.append(document.problem(path, f"invisible bidi control U+{ord(match[0]):04X} "
                                             f"({unicodedata.name(match[0])}) at character "
                                             f"{match.start() + 1}; delete it",
                                             "text-bidi-control", "warning"))
        if fields & ID_FIELDS and (match := ZERO_WIDTH.search(value)):
            problems.append(document.problem(path, f"invisible zero-width character "
                                             f"U+{ord(match[0]):04X} at character "
                                             f"{match.start() + 1} of id '{value}'; retype it",
                                             "text-zero-width"))
        if fields & NAME_FIELDS and "ar" in fields and PERSIAN_FORMS.search(value):
            mixed = " mixed with Arabic ones" if ARABIC_FORMS.search(value) else ""
            problems.append(document.problem(path, f"'{value}' uses Persian letter forms (ی ک)"
                                             f"{mixed}; Arabic text writes ي ك",
                                             "text-mixed-letters", "warning"))
    return problems


def _strings(value, path: tuple):
    """Yield (path, text) for every string in a document, keys excluded."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _strings(child, path + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _strings(child, path + (i,))
