"""People named in a sentence, beyond those the gazetteer knows.

People are found by a title before a name (وزير الخارجية فؤاد حسين), or a reporting verb
before one (وقال محمد علي), and only when the name starts with a known given name, so
``رئيس كتلة سياسية`` does not become a person. A found person's last name becomes an
alias, so later bare mentions (الكاظمي) point to the same entry.
"""

from __future__ import annotations

import re

from generator.extract.entry import Entry, Mention
from generator.extract.gazetteer import Gazetteer
from generator.extract.ids import slug
from generator.extract.name_cues import cues, definite, head_forms, title_at
from generator.text.arabic import Token, gap, tokenize

MAX_SKIP = 6
"""Words a title may stand from its name (زعيم منظمة بدر هادي العامري: two)."""
NISBA_PLACE = re.compile(r"^ال\S+(يه|يين|يون)$")
"""Feminine or plural nisba adjectives (العراقية، الأميركيين) never end a person's name."""


def find_people(text: str, tokens: list[Token], gazetteer: Gazetteer,
                taken: list[Mention]) -> list[Mention]:
    """Mentions of people not already in ``taken`` (the gazetteer's matches): a name after
    a title or a reporting verb, or a known given name with a family name."""
    found, i = [], 0
    while i < len(tokens):
        title = title_at(text, tokens, i)
        size = title or _verb_at(tokens, i)
        name = _name_after(text, tokens, i + size, bool(title)) if size else None
        if name is None and not size and _given_at(tokens, i) and tokens[i].key not in \
                cues()["plain_words"]:
            name = _name_at(text, tokens, i)
        if name and (_other_entity(text, tokens, name, gazetteer) or (
                i and tokens[i - 1].key in SITE_HEADS)):
            name = None
        if name and not _overlaps(tokens[name[0]].start, taken + found):
            start, end = tokens[i].start, tokens[name[0]].start
            role = _role(text[start:end], tokens[i]) if title else None
            found.append(_person(text, tokens, name, role, gazetteer))
            i = name[1]
        else:
            i += 1
    return found


def _other_entity(text: str, tokens: list[Token], name: tuple[int, int],
                  gazetteer: Gazetteer) -> bool:
    """A 'name' that is a known place or organization (إلى أثيوبيا), ends with one (أمير
    الكويت), or starts with على."""
    first, end = name
    if tokens[first].text.endswith("ى") and tokens[first].key == "علي":
        return True
    written = text[tokens[first].start:tokens[end - 1].end]
    last = tokens[end - 1].text
    return any(m.start == 0 and m.entry.major for m in gazetteer.find(written, tokenize(written))
               if m.entry.registry != "people") or (end - first > 1 and any(
        m.entry.registry == "places" and m.entry.major and m.end == len(last)
        for m in gazetteer.find(last, tokenize(last))))


def _role(written: str, first: Token) -> str:
    """The title as written, without a conjunction glued to it (ورئيس → رئيس)."""
    role = written.strip(" ،,")
    starts = {title[0] for title in cues()["titles"]}
    glued = role[:1] in ("و", "ف") and first.forms[0] not in starts
    return role[1:] if glued else role


def _verb_at(tokens: list[Token], i: int) -> int:
    return 1 if any(form in cues()["verbs"] for form in tokens[i].forms) else 0


def _given_at(tokens: list[Token], i: int) -> int:
    """How many tokens a given name takes at ``i``: عبد الله and فتح الله take two."""
    given = cues()["given"]
    if i + 1 < len(tokens) and f"{tokens[i].key} {tokens[i + 1].key}" in given:
        return 2
    if i + 1 < len(tokens) and tokens[i].key == "عبد" and tokens[i + 1].key.startswith("ال"):
        return 2
    return 1 if tokens[i].key in given else 0


def _name_after(text: str, tokens: list[Token], i: int, titled: bool) -> tuple[int, int] | None:
    """(first, end) token indexes of a name within MAX_SKIP words of ``i``: a known given
    name, or, right after a title and its definite words, an unknown name that ends where
    the phrase does (السيناتور كونز عن، وزير الخارجية لابيد:)."""
    close = titled
    for j in range(i, min(i + MAX_SKIP, len(tokens))):
        if j > i and gap(text, tokens[j - 1], tokens[j]) not in ("", "،", ","):
            return None
        if _given_at(tokens, j):
            return _name_at(text, tokens, j)
        if close and _unknown_name_at(text, tokens, j):
            return _unknown_name_at(text, tokens, j)
        close = close and (definite(tokens[j]) or tokens[j].key in ("باسم", "للشوون") or any(
            f in cues()["heads"] for f in head_forms(tokens[j])))
    return None


def _name_at(text: str, tokens: list[Token], j: int) -> tuple[int, int] | None:
    """A given name at ``j`` and the family name after it (محمد شياع السوداني), with a
    middle initial allowed between them (أنتوني ج. بلينكن، مايكل آر بومبيو)."""
    end = j + _given_at(tokens, j) + 1
    if end < len(tokens) and _initial(text, tokens[end - 1]) and not gap(
            text, tokens[end - 2], tokens[end - 1]):
        end += 1
    if end > len(tokens) or gap(text, tokens[end - 2], tokens[end - 1]).strip(".") or (
            gap(text, tokens[end - 2], tokens[end - 1]) and not _initial(text, tokens[end - 2])):
        return None
    if not _name_word(tokens[end - 1], family=True):
        return None
    while end < len(tokens) and end - j < 7 and _third_name(text, tokens, end):
        end += 1
    if j > 0 and tokens[j - 1].key in SITE_HEADS:
        return None
    return j, end


INITIALS = {"ار", "جي", "اس", "اف", "ال", "ام", "ان", "بي", "تي", "سي", "دي", "كيه", "اتش"}
"""Latin letters spelled in Arabic, as middle initials (مايكل آر بومبيو)."""


def _initial(text: str, token: Token) -> bool:
    """A middle initial: one letter with a full stop (ج.), or a spelled letter (آر)."""
    follows = text[token.end:token.end + 1]
    return (len(token.key) == 1 and follows == ".") or token.key in INITIALS


def _unknown_name_at(text: str, tokens: list[Token], j: int) -> tuple[int, int] | None:
    """One to three name-like words at ``j`` that end at a phrase boundary."""
    end = j
    while end < len(tokens) and end - j < 3 and _name_word(tokens[end]) and (
            end == j or not gap(text, tokens[end - 1], tokens[end])):
        end += 1
        if _boundary(text, tokens, end):
            return j, end
    return None


def _name_word(token: Token, family: bool = False) -> bool:
    """A word that can be part of a name: not a function word, verb or common noun form.
    A family name may carry the article (العيسى، الإبراهيمي); an unknown name may not."""
    words = cues()
    word = token.key
    if word in words["org_stop"] or word in words["verbs"] or word in words["boundary"] or (
            word.isdigit() or len(word) < 2):
        return False
    if word.startswith("ال"):
        return family and not NISBA_PLACE.match(word)
    return not word.endswith("ه") or word in words["given"]


def _boundary(text: str, tokens: list[Token], end: int) -> bool:
    """Whether a name may end before token ``end``: punctuation, the end, or a word that
    cannot continue a name (a preposition, a particle, a verb)."""
    if end >= len(tokens) or gap(text, tokens[end - 1], tokens[end]):
        return True
    word = tokens[end].key
    words = cues()
    return word in words["org_stop"] or word in words["boundary"] or word in words["verbs"]


def _third_name(text: str, tokens: list[Token], end: int) -> bool:
    """Whether a name goes on to one more word: after عبد/أبو/بن or a particle (دي
    ميستورا، بان كي مون), or a family name with ال after a plain second name
    (محمد شياع السوداني, but not هادي العامري وزعيم)."""
    second, third = tokens[end - 1], tokens[end]
    if gap(text, second, third) or third.key in cues()["verbs"]:
        return False
    if second.key in LINKS or (third.key in LINKS and end + 1 < len(tokens)
                               and not gap(text, third, tokens[end + 1])):
        return _name_word(third, family=True) or third.key in LINKS
    chained = end >= 3 and tokens[end - 2].key in LINKS | {"عبد"}
    return ((chained or not second.key.startswith("ال")) and third.key.startswith("ال")
            and third.key not in cues()["org_stop"] and not NISBA_PLACE.match(third.key))


LINKS = {"عبد", "ابو", "بن", "ابن", "بنت", "دي", "دو", "فان", "فون", "دا", "كي", "ال"}
"""Words inside a name that always take the next word with them."""
SITE_HEADS = {"مستشفي", "مسجد", "جامع", "مدرسه", "جامعه", "شارع", "مطار", "ميناء", "ساحه",
              "حي", "مركز", "معهد", "كليه", "قاعه", "فندق", "مخيم", "سجن", "قصر", "برج"}
"""Nouns that make the name after them a place (مستشفى ابن الخطيب), not a person."""


def _overlaps(offset: int, taken: list[Mention]) -> bool:
    return any(m.start <= offset < m.end for m in taken)


def _person(text, tokens, name, role, gazetteer) -> Mention:
    first, end = name
    start, stop = tokens[first].start, tokens[end - 1].end
    written = text[start:stop]
    known = gazetteer.find(written, tokens[first:end], "people")
    if known and known[0].end - known[0].start == len(written):
        return Mention(known[0].entry, start, stop, written)
    same = _same_family_name(tokens[end - 1], gazetteer) if end - first > 1 else None
    if same:  # توني بلينكن is the بلينكن named before: one person, one more spelling
        gazetteer.add(same, written)
        return Mention(same, start, stop, written)
    fields = {"role": {"ar": role}} if role else {}
    surname = tokens[end - 1].text
    entry = Entry("people", slug(written), {"ar": written}, fields=fields,
                  aliases=[surname] if len(surname) > 2 else [])
    gazetteer.add(entry, written, *entry.aliases)
    return Mention(entry, start, stop, written)


def _same_family_name(last: Token, gazetteer: Gazetteer) -> Entry | None:
    """The person already known by this family name alone, if exactly one is."""
    people = [e for e in gazetteer.names.get((last.key,), []) if e.registry == "people"]
    return people[0] if len(people) == 1 else None
