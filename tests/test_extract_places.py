"""Places in an article: a gazetteer city whose name is an everyday word is taken only
where the text speaks of a place; named sites and foreign embassies, which no gazetteer
lists, are drafted in the city the article is about, with its coordinates."""

from __future__ import annotations

import pytest

from generator.extract.embassies import capital_of, find_embassies, host_city
from generator.extract.found import Found
from generator.extract.gazetteer import build_gazetteer
from generator.extract.places import plausible
from generator.extract.sites import find_sites
from generator.text.arabic import tokenize


@pytest.fixture(scope="module")
def gazetteer():
    return build_gazetteer({})


@pytest.fixture(scope="module")
def baghdad(gazetteer):
    """The article's city, as ``analyze`` finds it: named twice, Mosul once, Kuwait once."""
    places = {name: Found(gazetteer.by_id[("places", name)], spans)
              for name, spans in (("baghdad", [("s1", 0, 5), ("s2", 0, 5)]),
                                  ("mosul", [("s1", 9, 13)]), ("kuwait", [("s3", 0, 4)]))}
    return host_city(places)


def plausible_places(text: str, gazetteer) -> list[tuple[str, str, bool]]:
    tokens = tokenize(text)
    mentions = gazetteer.find(text, tokens, "places")
    return [(m.text, m.entry.id, plausible(m, tokens, mentions)) for m in mentions]


@pytest.mark.parametrize(("text", "found"), [
    ("وصل الوفد إلى بغداد أمس.", [("بغداد", "baghdad", True)]),       # a capital
    ("وصل الوفد إلى مدينة كركوك.", [("كركوك", "kirkuk", True)]),
    ("قال وكيل الوزارة إن الأمر خطير.", [("وكيل", "kiel", False)]),   # an undersecretary
    ("أعلنت الحكومة السويدية خطتها.", [("السويدية", "samandag", False)]),  # a nisba
], ids=["capital", "after-madina", "everyday-word", "nisba"])
def test_a_small_citys_name_is_a_place_only_where_the_text_speaks_of_one(gazetteer, text,
                                                                          found):
    assert plausible_places(text, gazetteer) == found


def test_the_articles_city_is_the_one_it_names_most(baghdad):
    assert baghdad.entry.id == "baghdad"


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("نقل المصابون إلى مستشفى ابن النفيس في المدينة.", "مستشفى ابن النفيس", "building"),
    ("صلى في جامع الإمام الصادق بالكويت", "جامع الإمام الصادق", "building"),  # not بالكويت
    ("عبروا إلى الضفة الأخرى من نهر دجلة", "نهر دجلة", "region"),
], ids=["hospital", "mosque", "river"])
def test_a_named_site_is_drafted_at_the_city(gazetteer, baghdad, text, name, kind):
    (site,) = find_sites(text, baghdad, gazetteer)
    assert site.text == name and site.entry.name == {"ar": name}
    assert site.entry.fields == {"kind": kind, "lat": baghdad.entry.fields["lat"],
                                 "lon": baghdad.entry.fields["lon"], "parent": "baghdad"}


def test_no_site_without_a_name_or_a_city(gazetteer, baghdad):
    assert find_sites("زار المستشفى أمس", baghdad, gazetteer) == []
    assert find_sites("نقل إلى مستشفى ابن النفيس", None, gazetteer) == []


def test_a_foreign_embassy_stands_in_the_articles_city(baghdad):
    (embassy,) = find_embassies("تجمعوا قرب السفارة الأميركية في المنطقة الخضراء", baghdad)
    assert embassy.text == "السفارة الأميركية"
    assert embassy.entry.id == "united-states-embassy-baghdad"
    assert embassy.entry.name == {"ar": "السفارة الأميركية في بغداد",
                                  "en": "United States embassy in Baghdad"}
    assert embassy.entry.fields["parent"] == "baghdad"
    assert find_embassies("أغلقت السفارة العراقية أبوابها", baghdad) == []  # its own country
    assert find_embassies("السفارة الإيرانية", None) == []


def test_without_a_city_a_site_stands_in_the_capital_of_the_country_named(gazetteer):
    kuwait = Found(gazetteer.by_id[("places", "kuwait")], [("s1", 0, 6)])
    capital = capital_of({"kuwait": kuwait}, gazetteer)
    assert capital.entry.id == "kuwait-city" and capital.spans == []
    assert capital_of({}, gazetteer) is None
