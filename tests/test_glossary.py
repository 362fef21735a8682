"""Consistent words: every interface term is written one way in each language, the way
templates/i18n/glossary.yml says, in every interface string and every template's own text;
and the site's name is not repeated on the first screen of a page."""

from __future__ import annotations

import re

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import REPO, SHEET

I18N = REPO / "templates" / "i18n"
GLOSSARY = yaml.safe_load((I18N / "glossary.yml").read_text("utf-8"))
LANGUAGES = ["ar", "en"]


def interface_texts(language: str) -> list[str]:
    """The language's interface strings, and the text written into the templates."""
    strings = yaml.safe_load((I18N / f"{language}.yml").read_text("utf-8"))
    texts = [str(value) for value in strings.values()]
    for template in (REPO / "templates").glob("*.html"):
        source = re.sub(r"\{[{%#].*?[}%#]\}", " ", template.read_text("utf-8"), flags=re.S)
        page = BeautifulSoup(source, "html.parser")
        for element in page(["script", "style"]):
            element.decompose()
        texts.append(page.get_text(" "))
    return texts


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_term_is_written_the_glossarys_way(language):
    texts = interface_texts(language)
    wrong = [(term, avoid, text[:60]) for term, forms in GLOSSARY.items()
             for avoid in forms[language]["avoid"] for text in texts
             if avoid.casefold() in text.casefold()]
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_glossary_term_is_in_use(language):
    """A term no string uses is a glossary out of date."""
    strings = " ".join(interface_texts(language)).casefold()
    unused = [term for term, forms in GLOSSARY.items()
              if forms[language]["use"].casefold() not in strings]
    assert unused == []


def test_every_term_has_every_language():
    assert all(set(forms) == set(LANGUAGES) for forms in GLOSSARY.values())


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", ["", f"sheets/{SHEET}/", "map/", "search/", "archive/"])
def test_the_site_name_appears_once_in_the_header_and_heading(built, language, page):
    """The site's name is the header's title; the navigation and the page's own heading
    and eyebrow do not repeat it."""
    site = yaml.safe_load((built.content / "site.yml").read_text("utf-8"))
    name = site["title"][language].casefold()
    html = BeautifulSoup((built.site / language / page / "index.html").read_text("utf-8"),
                         "html.parser")
    seen = [el.get_text(" ", strip=True) for el in
            html.select(".site-title, .site-nav a, main h1, main .eyebrow")]
    assert sum(name == text.casefold() for text in seen) == 1, seen
