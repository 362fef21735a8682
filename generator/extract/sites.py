"""Named sites — a hospital, mosque, cemetery, hotel, airport — as places.

No installed gazetteer lists them, so a site is drafted where the text puts it: at the
city named in the same sentence, else the city the article names most. Its coordinates
are the city's, flagged in a comment for a person to refine.
"""

from __future__ import annotations

from generator.extract.entry import Entry, Mention
from generator.extract.gazetteer import country_id
from generator.extract.ids import slug
from generator.text.arabic import Token, gap, tokenize

RIVER = "نهر"
HEADS = {"نهر", "مستشفي", "مشفي", "مسجد", "جامع", "مقبره", "فندق", "مطار", "ميناء", "سجن", "قصر",
         "برج", "ملعب", "كنيسه", "معبر", "جسر", "سد", "مخيم", "قاعده", "ساحه", "كاتدرائيه"}
STOP = {"في", "من", "الي", "علي", "عن", "مع", "عند", "قرب", "و", "الذي", "التي", "حيث", "بعد",
        "قبل", "خلال", "منذ", "ان", "انه", "هو", "هي", "كان", "كانت", "شمال", "شمالي", "جنوب",
        "جنوبي", "شرق", "شرقي", "غرب", "غربي", "وسط", "داخل"}
MAX_NAME = 3


def find_sites(text: str, host, gazetteer) -> list[Mention]:
    """Mentions of named sites in ``text`` (one sentence); ``host`` is the Found city."""
    tokens, found = tokenize(text), []
    in_place = _in_place(gazetteer)
    for i, token in enumerate(tokens):
        if host is None or token.forms[-1] not in HEADS or token.key.startswith("ال"):
            continue
        end = _name_end(text, tokens, i + 1, in_place)
        if end > i + 1:
            start, stop = token.start, tokens[end - 1].end
            start += len(token.text) - len(token.forms[-1]) if token.key != token.forms[-1] \
                else 0
            found.append(Mention(site(text[start:stop], host), start, stop, text[start:stop]))
    return found


def _name_end(text: str, tokens: list[Token], j: int, in_place) -> int:
    end = j
    while end < len(tokens) and end - j < MAX_NAME and tokens[end].key not in STOP and not (
            gap(text, tokens[end - 1], tokens[end])) and not tokens[end].key.isdigit() and not (
            in_place(tokens[end])) and not (end > j and tokens[end].key.startswith("و")):
        end += 1
    return end


def _in_place(gazetteer):
    """A test for بدمشق، بالعراق: 'in <a known place>' after a site's name, not part of it."""
    def test(token: Token) -> bool:
        rest = token.key[1:]
        return token.key[:1] == "ب" and any(
            e.registry == "places" for e in gazetteer.names.get((rest,), []))
    return test


def site(name: str, host) -> Entry:
    """The place entry of a site named ``name`` in the ``host`` city."""
    city = host.entry
    kind = "region" if name.startswith(RIVER) else "building"
    parent = city.id if host.spans else country_id(city.country)  # a capital not named
    fields = {"kind": kind, "lat": city.fields["lat"], "lon": city.fields["lon"],
              **({"parent": parent} if parent else {})}
    return Entry("places", slug(f"{name} {city.id}"), {"ar": name}, fields=fields)
