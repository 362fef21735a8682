"""The words a page is indexed under: Arabic normalized, every spelling a reader may type.

Readers type Arabic with or without diacritics, hamza seats, taa marbuta and attached
prefixes (و، ال، ب، لل...). Pagefind cannot know these spellings are one word, so every
word is indexed under all its normalized forms (``search_forms``), and the search page
normalizes the query the same way before asking Pagefind (``templates/assets/
search-normalize.js`` mirrors ``search_forms``; a test keeps the two in agreement).
"""

from __future__ import annotations

from functools import cache

from generator.text.arabic import key, without_article, word_forms


@cache
def search_forms(word: str) -> tuple[str, ...]:
    """Every key a written word may be found by: as written (normalized, lower case), and
    with و/ف, ب/ل/ك and ال taken off, again and again: والكاظمى -> والكاظمي, الكاظمي,
    كاظمي, اظمي. The query keeps only its barest form, which is then among the forms of
    every spelling of the word, with more prefixes or fewer (كاظمي, بالكاظمي).

    ال comes off only when three letters remain, as the clitics do in ``word_forms``:
    الله and الذي stay whole instead of meeting every له and ذي.

    Cached: a corpus repeats its words, and normalizing each occurrence anew would cost
    most of the index's build time.
    """
    forms = word_forms(word.lower())
    for form in forms:  # the list grows while it is walked: each new form is stripped too
        bare = [without_article(form)] if len(form) > 4 else []
        for new in (*word_forms(form), *bare):
            if new not in forms:
                forms.append(new)
    return tuple(forms)


def index_words(text: str) -> str:
    """A text as the words Pagefind indexes: each word followed by its other forms."""
    return " ".join(form for word in key(text).split() for form in search_forms(word))
