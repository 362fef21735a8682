"""The front door, in Chromium: the root page sends a reader to the language their browser
asks for and remembers an explicit choice; without script it is a styled page in both
languages; switching language keeps the #anchor and the ?q= query; the root 404 page
speaks both languages, each with its search box."""

from __future__ import annotations

import pytest
from conftest import SHEET
from test_links import PagesHandler, pages_site  # noqa: F401 (a fixture)


@pytest.mark.parametrize(("locale", "expected"),
                         [("en-US", "en"), ("ar-IQ", "ar"), ("en-GB", "en"), ("fr-FR", "ar")])
def test_root_page_follows_the_browsers_languages(browser, served, locale, expected):
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.goto(served)
    page.wait_for_url(f"{served}{expected}/")
    assert page.evaluate("document.documentElement.lang") == expected
    context.close()


def test_an_explicit_choice_is_remembered(browser, served):
    context = browser.new_context(locale="ar-IQ")
    page = context.new_page()
    page.goto(served)
    page.wait_for_url(f"{served}ar/")
    page.locator("a.lang-switch[hreflang=en]").click()
    page.wait_for_url(f"{served}en/")
    page.goto(served)
    page.wait_for_url(f"{served}en/")
    context.close()


def test_without_script_the_root_page_offers_both_languages_styled(browser, served):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served)
    assert page.url == served
    sections = page.locator(".landing__language")
    assert [sections.nth(i).get_attribute("lang") for i in range(2)] == ["ar", "en"]
    assert sections.nth(0).get_attribute("dir") == "rtl"
    button = page.locator("a.lang-choice[hreflang=en]")
    assert button.evaluate("a => getComputedStyle(a).display") == "inline-block"  # site.css
    button.click()
    page.wait_for_url(f"{served}en/")
    context.close()


BAGHDAD = "%D8%A8%D8%BA%D8%AF%D8%A7%D8%AF"


@pytest.mark.parametrize("start", [f"ar/sheets/{SHEET}/#s3", f"ar/search/?q={BAGHDAD}"])
def test_switching_language_keeps_the_anchor_and_the_query(browser, served, start):
    context = browser.new_context()
    page = context.new_page()
    page.goto(served + start)
    page.locator("a.lang-switch[hreflang=en]").click()
    expected = served + start.replace("ar/", "en/", 1)
    page.wait_for_url(expected)
    if "?q=" in start:
        assert page.locator("#search-input").input_value() == "بغداد"
    context.close()


@pytest.mark.parametrize("missing", ["nope", "en/sheets/gone/"])
def test_root_not_found_page_is_bilingual_with_search(browser, pages_site, missing):  # noqa: F811
    _, root = pages_site
    context = browser.new_context()
    page = context.new_page()
    page.goto(root + missing)
    sections = page.locator(".not-found__language")
    assert sorted(sections.nth(i).get_attribute("lang") for i in range(2)) == ["ar", "en"]
    form = page.locator(".not-found__language[lang=en] form[role=search]")
    form.locator("input[name=q]").fill("Baghdad")
    form.locator("button").click()
    page.wait_for_url(f"{root}en/search/?q=Baghdad")
    assert page.locator("#search-input").input_value() == "Baghdad"
    context.close()
