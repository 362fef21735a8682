"""English spellings for new people's names, by machine, for a person to check.

arabic-name-romanizer (MIT; its names index is Wikidata, CC0) knows how some 80,000 name
parts are usually written in Latin letters and spells the rest by rule. Its neural model
is not loaded: a draft's English name is a suggestion marked for review, and loading the
model would double extract's start-up. Without the package, names stay untranslated.
"""

from __future__ import annotations

from functools import cache


def romanized(arabic: str) -> str | None:
    """The usual Latin spelling of an Arabic personal name, or None."""
    transliterator = _transliterator()
    return (transliterator.transliterate(arabic) or None) if transliterator else None


@cache
def _transliterator():
    try:
        from arabic_name_romanizer import Transliterator
    except ImportError:
        return None
    return Transliterator(auto_load_model=False)
