"""Arabic typography: one typeface for Arabic letters, digits and Latin punctuation (as
Chromium really renders them), « » for quotation marks, one style of month names per site
and the chosen digits with their own separators, in the built pages."""

from __future__ import annotations

import re

import pytest
import yaml
from browsing import PageVisit
from conftest import SHEET, soup
from test_content_errors import minimal_project

from generator.build.pipeline import build
from generator.render.i18n import Formatter, quotation_marks


def rendered_fonts(page, selector: str) -> set[str]:
    """The font families Chromium drew the element's text with (DevTools protocol)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {font["familyName"] for font in fonts}


def test_arabic_digits_and_spaces_are_drawn_in_the_arabic_typeface(browser, served):
    with PageVisit(browser, f"{served}ar/sheets/{SHEET}/", width=390) as visit:
        page = visit.page
        page.evaluate("document.fonts.ready")
        page.wait_for_function("document.fonts.status === 'loaded'")
        # the summary: Arabic words, dates with Latin digits, spaces and punctuation
        assert re.search(r"\d+ أيلول", page.locator(".summary .lead p").first.inner_text())
        assert rendered_fonts(page, ".summary .lead p") == {"Noto Naskh Arabic"}
        assert rendered_fonts(page, ".source-chain time") == {"Noto Naskh Arabic"}
        visit.assert_clean()


def test_quotation_marks_follow_the_language():
    assert quotation_marks('عن "حرب وشيكة" و“أخرى”', "ar") == "عن «حرب وشيكة» و«أخرى»"
    assert quotation_marks('قال "', "ar") == 'قال "'  # unpaired: as written
    assert quotation_marks('an "imminent war"', "en") == 'an "imminent war"'


@pytest.mark.parametrize("language", ["ar"])
def test_arabic_pages_show_guillemets_not_english_quotes(built, language):
    page = soup(built.site / language / "sheets" / SHEET / "index.html")
    sheet = yaml.safe_load((built.content / "sheets" / f"{SHEET}.yml").read_text("utf-8"))
    shown = " ".join(el.get_text() for el in page.select(
        "h1, .source-headline, .summary, .claim__text, .quote blockquote > p:first-child"))
    assert '"' not in shown and "“" not in shown and "«" in shown
    typed = [sheet["source"].get("headline", {}), sheet["title"], sheet["summary"],
             *(fact["text"] for fact in sheet.get("claims", []) + sheet.get("quotes", []))]
    assert any('"' in text.get("ar", "") or "“" in text.get("ar", "") for text in typed)


@pytest.mark.parametrize(("style", "month", "other"),
                         [("levantine", "أيلول", "سبتمبر"), ("egyptian", "سبتمبر", "أيلول")])
@pytest.mark.slow
def test_one_month_name_style_per_site(tmp_path, style, month, other):
    project, _ = minimal_project(tmp_path)
    site = project.content / "site.yml"
    site.write_text(site.read_text("utf-8") + f"arabic_months: {style}\n", "utf-8")
    build(project, quiet=True)
    pages = "".join(p.read_text("utf-8") for p in (project.site / "ar").rglob("*.html"))
    assert f"{month} 2020" in pages and other not in pages


def test_arabic_indic_digits_take_arabic_separators():
    formatter = Formatter("ar", "ar_IQ", "arab", "levantine")
    assert formatter.number(1234567.5) == "١٬٢٣٤٬٥٦٧٫٥"
    assert formatter.date("2020-09-20") == "٢٠ أيلول ٢٠٢٠"
    assert Formatter("ar", "ar_IQ", None).number(1234.5) == "1,234.5"
