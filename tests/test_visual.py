"""Visual regression: the first screen of every kind of page, at 390 and 1280 px, in both
languages, light and (on phones) dark, compared with the reference PNGs committed under
tests/fixtures/visual/. A difference beyond the tolerance fails, with the new screenshot
and a picture of the differences under test-artifacts/visual/ to look at.

References change only on purpose: ``UPDATE_VISUAL_REFERENCES=1 python3 -m pytest
tests/test_visual.py`` writes them anew (then look at them, and commit them)."""

from __future__ import annotations

import io
import os

import pytest
from conftest import FIXTURES, REPO, SHEET

Image = pytest.importorskip("PIL.Image")
ImageChops = pytest.importorskip("PIL.ImageChops")

REFERENCES = FIXTURES / "visual"
ARTIFACTS = REPO / "test-artifacts" / "visual"
UPDATE = os.environ.get("UPDATE_VISUAL_REFERENCES") == "1"
PAGES = {"home": "", "sheet": f"sheets/{SHEET}/", "person": "people/mike-pompeo/",
         "organization": "organizations/badr-organization/", "place": "places/baghdad/",
         "map": "map/", "search": "search/", "about": "about/", "archive": "archive/",
         "not-found": "404.html"}
VIEWS = [(390, "light"), (1280, "light"), (390, "dark")]
SCALE = 2
"""References are kept at half size (and 64 colours): small files, same layout."""
CHANNEL = 48
"""A pixel differs when a colour channel moves by more than this (0-255)..."""
TOLERANCE = 0.01
"""...and a page differs when more than this share of its pixels do (anti-aliasing and
font hinting move a few; a moved block, a new colour or a lost font moves many)."""
STILL = """() => !document.querySelector('.leaflet-cluster-anim, .leaflet-zoom-anim')
  && !document.querySelector('.map--basemap:not(.map--drawn)')
  && document.fonts.status === 'loaded'"""


def small(png: bytes):
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image = image.resize((image.width // SCALE, image.height // SCALE), Image.Resampling.BOX)
    return image.quantize(64, dither=Image.Dither.NONE).convert("RGB")


def share_differing(a, b) -> float:
    if a.size != b.size:
        return 1.0
    diff = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > CHANNEL else 0)
    return sum(diff.histogram()[255:]) / (a.width * a.height)


@pytest.mark.parametrize(("width", "scheme"), VIEWS)
@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("kind", PAGES)
def test_first_screen_looks_as_before(browser, served, kind, language, width, scheme):
    name = f"{kind}-{language}-{width}-{scheme}.png"
    context = browser.new_context(viewport={"width": width, "height": 844 if width < 600 else 800},
                                  color_scheme=scheme, locale="en-GB")
    page = context.new_page()
    page.goto(f"{served}{language}/{PAGES[kind]}")
    page.wait_for_function(STILL)
    page.wait_for_timeout(300)  # a fitted map's last frame
    shot = small(page.screenshot(animations="disabled", caret="hide"))
    context.close()
    reference = REFERENCES / name
    if UPDATE:
        REFERENCES.mkdir(parents=True, exist_ok=True)
        shot.save(reference, optimize=True)
        return
    assert reference.is_file(), f"no reference {name}: run with UPDATE_VISUAL_REFERENCES=1"
    expected = Image.open(reference).convert("RGB")
    differing = share_differing(shot, expected)
    if differing > TOLERANCE:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shot.save(ARTIFACTS / name)
        ImageChops.difference(shot, expected).save(ARTIFACTS / f"diff-{name}")
    assert differing <= TOLERANCE, f"{name}: {differing:.1%} of pixels differ (see {ARTIFACTS})"


def test_the_comparison_sees_a_changed_block():
    """The check itself: a reference against a copy with one block repainted differs."""
    reference = Image.open(REFERENCES / "sheet-ar-390-light.png").convert("RGB")
    changed = reference.copy()
    changed.paste((255, 0, 255), (0, 40, reference.width, 80))
    assert share_differing(reference, reference) == 0
    assert share_differing(reference, changed) > TOLERANCE
