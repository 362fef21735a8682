"""Organizations named in a sentence, beyond those the gazetteer knows: found by a head
noun (منظمة، وزارة، كتائب ...) and the words that follow it, and merged with a short or
long form of a name the same article used.
"""

from __future__ import annotations

import re

from generator.extract.entry import Entry, Mention
from generator.extract.gazetteer import Gazetteer
from generator.extract.ids import slug
from generator.extract.name_cues import cues, definite, head_forms, title_at
from generator.text.arabic import Token, gap, key, without_article


def find_organizations(text: str, tokens: list[Token], gazetteer: Gazetteer,
                       taken: list[Mention]) -> list[Mention]:
    """Head-noun organizations (وزارة الخارجية العراقية) not already in ``taken``."""
    found, i = [], 0
    while i < len(tokens):
        end = _org_end(text, tokens, i, gazetteer) if not _inside(tokens[i], taken) else i
        if end > i + 1:
            start, stop = tokens[i].start, tokens[end - 1].end
            found.append(_organization(text[start:stop], tokens[i], start, stop, gazetteer))
            i = end
        else:
            i += 1
    return found


def _org_end(text: str, tokens: list[Token], i: int, gazetteer: Gazetteer) -> int:
    """The index after the organization name whose head noun is token ``i`` (``i`` when
    there is none): definite words after it, joined by و while they are nouns (العدل
    والمساواة), never a description alone (الحزب السياسي، حكومة قادرة)."""
    words = cues()
    kind = next((words["heads"][f] for f in head_forms(tokens[i]) if f in words["heads"]), None)
    if kind is None:
        return i
    definite_head = any(f.startswith("ال") for f in tokens[i].forms)
    end = i + 1
    while end < len(tokens) and end - i <= 5 and _joined(text, tokens, end):
        word = tokens[end]
        if word.key == "و" and _noun_join(tokens, i, end) and end + 1 < len(tokens):
            end += 2  # حركة العدل و المساواة: و written apart
            continue
        if word.key in words["org_stop"] or word.key in words["given"] or (
                title_at(text, tokens, end) and end > i + 1):
            break
        if word.key == "باسم" and _names_org(tokens, end, gazetteer):
            return max(_org_end(text, tokens, end + 1, gazetteer), end + 1)
        if word.key.startswith("لل") or word.key == "باسم":
            if not _names_org(tokens, end, gazetteer):
                break
        elif (word.key.startswith("و") and not _noun_join(tokens, i, end)) or (
                (end > i + 1 or definite_head) and not definite(word)):
            break
        elif not definite(word) and (word.key.endswith(("ه", "يه")) or "ً" in word.text
                                      or word.text.endswith("اً")):
            return i  # حكومة قادرة، كتلة سياسية: an indefinite adjective, not a name
        end += 1
    if end == i + 2 and definite_head and _nisba(tokens[i + 1].key) and not _demonym(
            tokens[i + 1].key, gazetteer):
        return i  # الحزب السياسي، الوكالة الدولية: a description, not a name
    return end if not (definite_head and end == i + 1) else i


def _joined(text: str, tokens: list[Token], end: int) -> bool:
    """Whether token ``end`` follows the one before it with only spaces between."""
    return not gap(text, tokens[end - 1], tokens[end])


def _noun_join(tokens: list[Token], i: int, end: int) -> bool:
    """و may join two nouns of one name (العدل والإحسان) but not a list after an
    adjective (الحكومة السورية والمعارضة)."""
    before = tokens[end - 1].key
    after = tokens[end].key[1:] or (tokens[end + 1].key if end + 1 < len(tokens) else "")
    return end > i + 1 and not _nisba(before) and after.startswith("ال")


def _nisba(word: str) -> bool:
    return bool(re.search(r"(ي|يه|يين|يون)$", word)) and len(word) > 4


def _demonym(word: str, gazetteer: Gazetteer) -> bool:
    """A nisba of a country or city (السودانية، الأمريكية): names a government."""
    stem = re.sub(r"(يه|يين|يون|ي)$", "", word.removeprefix("ال"))
    return any(e.registry == "places" for form in (stem, "ال" + stem, stem + "ا", stem + "يا")
               for e in gazetteer.names.get((form,), []))


def _names_org(tokens: list[Token], end: int, gazetteer: Gazetteer) -> bool:
    """Whether للأمم المتحدة / باسم وزارة ... goes on into a known organization's name."""
    if tokens[end].key == "باسم":
        return end + 1 < len(tokens) and any(
            f in cues()["heads"] for f in head_forms(tokens[end + 1]))
    first = "ال" + tokens[end].key[2:]
    return any(words[0] == first and e.registry == "organizations"
               for words, entries in gazetteer.names.items() if len(words) > 1
               for e in entries)


def _inside(token: Token, taken: list[Mention]) -> bool:
    return any(m.start <= token.start < m.end for m in taken)


def _organization(written, head, start, stop, gazetteer) -> Mention:
    heads = cues()["heads"]
    form = next(f for f in head.forms if f in heads or without_article(f) in heads)
    bare = _without_clitic(written, head, form)
    kind = heads.get(form, heads.get(without_article(form)))
    words = tuple(key(bare).replace(" و ", " و").split())
    known = [e for e in gazetteer.names.get(words, []) if e.registry == "organizations"]
    same = known[0] if known else _same_organization(words, gazetteer)
    if same:
        gazetteer.add(same, bare)
        return Mention(same, start, stop, written)
    entry = Entry("organizations", slug(bare), {"ar": bare}, fields={"kind": kind})
    gazetteer.add(entry, bare, " ".join(words))
    return Mention(entry, start, stop, written)


def _without_clitic(written: str, head: Token, form: str) -> str:
    """The name without a preposition glued to its head (للقوات المسلحة → القوات ...)."""
    if form == head.forms[0]:
        return written
    if head.key.startswith("لل") and form.startswith("ال"):
        return "ال" + written[2:]
    return written[len(head.text) - len(form):]


def _same_organization(words: tuple[str, ...], gazetteer: Gazetteer) -> Entry | None:
    """The organization this name is a short or long form of, within one article:
    وزارة الخارجية and وزارة الخارجية الأمريكية differ by one country adjective."""
    for entry in gazetteer.by_id.values():
        if entry.registry != "organizations" or entry.known:
            continue
        for name in entry.spellings:
            shorter, longer = sorted((name, words), key=len)
            if len(shorter) >= 2 and len(longer) == len(shorter) + 1 and (
                    longer[:len(shorter)] == shorter) and _nisba(longer[-1]):
                return entry
    return None
