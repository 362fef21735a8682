"""Finding one's way around a long sheet, in Chromium: a summary box first, a table of
contents (kept in view on wide screens, folded on phones), who and where folded by kind,
back-links from each source sentence to what cites it, targets a finger can hit, and the
source text within reach on a phone."""

from __future__ import annotations

import pytest
import yaml
from browsing import PageVisit
from conftest import SHEET, soup

TEXT_WITHIN = 6250
"""The Arabic seed sheet at 390 px reaches its source text within this many pixels (half of
the 12,500 it took before navigation was added), with nothing removed."""
TARGETS = """() => [...document.querySelectorAll(
  '.ref, .cited-by a, .toc a, .toc summary, .fold > summary, .entity-group > summary')]
  .filter(el => el.offsetParent !== null)
  .map(el => { const b = el.getBoundingClientRect(); return [el.className || el.tagName,
    b.left, b.top, b.width, b.height]; })"""


def sheet_data(built) -> dict:
    return yaml.safe_load((built.content / "sheets" / f"{SHEET}.yml").read_text("utf-8"))


@pytest.mark.parametrize("language", ["ar", "en"])
def test_every_sentence_links_back_to_what_cites_it(built, language):
    page = soup(built.site / language / "sheets" / SHEET / "index.html")
    sheet = sheet_data(built)
    for name in ("claims", "figures", "quotes", "timeline"):
        for fact in sheet.get(name, []):
            for sid in fact["sentences"]:
                back = page.select(f"li#{sid} .cited-by a[href='#{fact['id']}']")
                assert len(back) == 1, (sid, fact["id"])
                assert page.find(id=fact["id"]) is not None
    for kind in ("people", "organizations", "places"):
        for mention in sheet.get(kind, []):
            assert page.find(id=f"who-{mention['id']}") is not None
            for sid in mention["sentences"]:
                assert page.select(f"li#{sid} .cited-by a[href='#who-{mention['id']}']")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_contents_list_every_section_present(built, language):
    page = soup(built.site / language / "sheets" / SHEET / "index.html")
    targets = [a["href"][1:] for a in page.select("nav.toc a")]
    assert targets[:2] == ["figures-h", "claims-h"] and "text-h" in targets
    assert all(page.find(id=target) for target in targets)
    summary = page.select_one("main .summary")
    assert summary.find_next("nav") is page.select_one("nav.toc")  # the box first, then this


def test_phone_contents_are_folded_and_wide_ones_stay_in_view(browser, served):
    with PageVisit(browser, f"{served}ar/sheets/{SHEET}/", width=390) as visit:
        page = visit.page
        assert not page.locator("nav.toc ol").is_visible()
        page.locator("nav.toc summary").click()
        assert page.locator("nav.toc ol").is_visible()
        assert not page.locator("#who-baghdad").is_visible()  # who and where: folded
        page.locator("nav.toc a[href='#text-h']").click()
        assert page.evaluate("location.hash") == "#text-h"
        visit.assert_clean()
    with PageVisit(browser, f"{served}en/sheets/{SHEET}/", width=1280) as visit:
        page = visit.page
        assert page.locator("nav.toc ol").is_visible()
        page.locator("nav.toc a[href='#text-h']").click()
        page.wait_for_timeout(300)
        box = page.locator("nav.toc").bounding_box()
        assert box["y"] >= 0 and box["y"] < 5  # stuck to the top while reading on
        heading = page.locator("#text-h").bounding_box()
        assert heading["y"] >= box["y"] + box["height"] - 1  # not hidden under it
        visit.assert_clean()


def test_a_back_link_leads_to_the_claim_and_into_a_folded_group(browser, served):
    with PageVisit(browser, f"{served}en/sheets/{SHEET}/#s4", width=390) as visit:
        page = visit.page
        link = page.locator("li#s4 .cited-by a[href^='#c']").first
        claim = link.get_attribute("href")
        link.click()
        assert page.evaluate("location.hash") == claim
        assert page.locator(claim).is_visible()
        page.goto(f"{served}en/sheets/{SHEET}/#s4")
        page.locator("li#s4 .cited-by a[href^='#who-']").first.click()
        target = page.evaluate("location.hash")
        assert page.locator(target).is_visible()  # its group opened
        visit.assert_clean()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_tap_targets_are_24px_and_apart(browser, served, language):
    """WCAG 2.2 target size (2.5.8): every sentence pill, back-link and contents entry is at
    least 24 by 24 CSS pixels, and no two overlap."""
    with PageVisit(browser, f"{served}{language}/sheets/{SHEET}/", width=390) as visit:
        visit.page.locator("nav.toc summary").click()
        targets = visit.page.evaluate(TARGETS)
        assert len(targets) > 50
        small = [t for t in targets if t[3] < 24 or t[4] < 24]
        assert small == []
        boxes = sorted((round(t[2]), round(t[1]), t) for t in targets)
        overlapping = [(a[2], b[2]) for a, b in zip(boxes, boxes[1:], strict=False)
                       if a[:2] == b[:2]]
        assert overlapping == []


def test_arabic_phone_reaches_the_source_text_within_half_the_old_length(browser, served):
    with PageVisit(browser, f"{served}ar/sheets/{SHEET}/", width=390) as visit:
        top = visit.page.evaluate(
            "document.querySelector('#text').getBoundingClientRect().top + scrollY")
        assert top < TEXT_WITHIN
