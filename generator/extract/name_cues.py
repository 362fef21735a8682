"""The lexicon's words that mark a name, keyed for matching (titles, reporting verbs,
given names, organization head nouns, stop words), and the token tests the people and the
organization finders share: a title at a token, a definite word, a head noun's forms."""

from __future__ import annotations

from functools import cache

from generator.extract.lexicon import lexicon
from generator.text.arabic import Token, gap, key, without_article


@cache
def cues() -> dict:
    """The lexicon's cue words, each keyed as tokens are (``key``), built once."""
    words = lexicon()
    return {
        "titles": sorted((tuple(key(t).split()) for t in words["titles"]), key=len,
                         reverse=True),
        "verbs": {key(v) for v in words["reporting_verbs"]},
        "given": {key(n) for n in words["given_names"]},
        "heads": {key(h): kind for h, kind in words["org_heads"].items()},
        "org_stop": {key(w) for w in words["org_stop"]},
        "boundary": {key(w) for w in words["name_boundary"]},
        "plain_words": {key(w) for w in words["plain_given_names"]},
    }


def title_at(text: str, tokens: list[Token], i: int) -> int:
    """How many tokens a person's title takes at ``i`` (0 if none starts there)."""
    for title in cues()["titles"]:
        words = tokens[i:i + len(title)]
        if len(words) == len(title) and title[0] in words[0].forms and all(
                t.key == w for t, w in zip(words[1:], title[1:], strict=True)) and not any(
                gap(text, a, b) for a, b in zip(words, words[1:], strict=False)):
            return len(title)
    return 0


def definite(token: Token) -> bool:
    """A word with the article (الخارجية), or with لل glued to it (للشؤون)."""
    return any(form.startswith("ال") for form in token.forms) or token.key.startswith("لل")


def head_forms(token: Token) -> list[str]:
    """A token's forms, and each without its article: what a head noun is looked up by."""
    return [*token.forms, *(without_article(f) for f in token.forms)]
