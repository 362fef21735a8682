"""Embassies as places: ``السفارة الأميركية`` in an article about Baghdad is the US embassy
in Baghdad. No gazetteer lists embassies, but the nationality adjective names the country
and the article's most-mentioned foreign city is where it stands. The draft gets the
city's coordinates, flagged in a comment for a person to refine.
"""

from __future__ import annotations

import re
from functools import cache

from generator.extract.entry import Entry, Mention
from generator.extract.found import Found
from generator.extract.gazetteer import Gazetteer, capital_entry, country_entry
from generator.extract.ids import slug
from generator.extract.lexicon import lexicon
from generator.text.arabic import key

EMBASSY = re.compile(r"(?:ال|لل|بال|وال)?سفار[ةه]\s+(ال\S+)")


@cache
def _demonyms() -> dict[str, str]:
    """Adjective key (masculine, without ة) -> country code."""
    return {key(word): code for code, words in lexicon()["demonyms"].items() for word in words}


def find_embassies(text: str, host: Found | None) -> list[Mention]:
    """Mentions of 'the <nationality> embassy' in ``text``; ``host`` is the city."""
    found = []
    for match in EMBASSY.finditer(text):
        adjective = key(match.group(1))
        code = _demonyms().get(adjective.removesuffix("ه"))
        if code and host and host.entry.country != code:
            found.append(Mention(embassy(code, match.group(1), host), match.start(),
                                 match.end(), match.group()))
    return found


def embassy(code: str, adjective: str, host: Found) -> Entry:
    """The (one per run) place entry for the embassy of ``code`` in the ``host`` city."""
    country, city = country_entry(code), host.entry
    english = country.name["en"] if country and city.name.get("en") else None
    name = {"ar": f"السفارة {adjective} في {city.name['ar']}"}
    if english:
        name["en"] = f"{english} embassy in {city.name['en']}"
    entry_id = slug(f"{country.id if country else code}-embassy-{city.id}")
    fields = {"kind": "building", "lat": city.fields["lat"], "lon": city.fields["lon"],
              "parent": city.id}
    return Entry("places", entry_id, name, fields=fields, aliases=[f"السفارة {adjective}"])


def host_city(places: dict[str, Found]) -> Found | None:
    """The city the article names most often, if any has coordinates."""
    cities = [f for f in places.values() if f.entry.fields.get("kind") == "city"
              and "lat" in f.entry.fields]
    return max(cities, key=lambda f: len(f.spans), default=None)


def capital_of(places: dict[str, Found], gazetteer: Gazetteer) -> Found | None:
    """The capital of the country the article names most, for an article that
    names no city: مسجد الإمام الصادق in an article about Kuwait stands in Kuwait City."""
    countries = [f for f in places.values() if f.entry.fields.get("kind") == "country"]
    country = max(countries, key=lambda f: len(f.spans), default=None)
    capital = capital_entry(country.entry.country) if country else None
    if capital is None:
        return None
    return Found(gazetteer.by_id.setdefault(("places", capital.id), capital))
