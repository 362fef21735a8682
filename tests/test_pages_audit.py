"""Every page of the built seed site, in both languages, passes the strict checks:
the Nu HTML Checker, axe-core (no serious or critical violation), no console error or
failed request, no outside request but map tiles, and correct language and direction,
including text of the other language embedded in a page. Screenshots of the key pages
at phone and desktop widths are saved for people to look at."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from browsing import PageVisit
from conftest import REPO, SHEET

NODE_MODULES = REPO / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
KEY_PAGES = {"home": "", "sheet": f"sheets/{SHEET}/", "map": "map/", "place": "places/baghdad/",
             "person": "people/mike-pompeo/", "archive": "archive/", "search": "search/",
             "about": "about/"}
ARABIC = re.compile(r"[\u0600-\u06ff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture(scope="module")
def node_tools():
    if not AXE.exists() or not VNU.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=REPO, check=True,
                       capture_output=True)
    return AXE.read_text("utf-8")



def site_pages(built) -> list[str]:
    """Every content page, as paths under the site. The landing page only redirects (see
    test_browser) and the 404 pages are served at other addresses (see test_links)."""
    pages = sorted(p.relative_to(built.site).as_posix() for p in built.site.rglob("*.html")
                   if p.name != "404.html")
    return [p.removesuffix("index.html") for p in pages if p != "index.html"]


def test_every_page_is_valid_html(built, node_tools):
    if not shutil.which("java"):
        pytest.fail("java is missing: the Nu HTML Checker needs it (see .ci/run)")
    files = [str(p) for p in sorted(built.site.rglob("*.html"))]
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json",
                             *files], capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m.get('url')}:{m.get('lastLine')}: {m['message']}" for m in messages
              if m["type"] == "error"]
    assert errors == []


SCRIPT_OF_TEXT = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, parent = node.parentElement;
    const skip = 'script, style, noscript, .leaflet-container';
    if (!node.textContent.trim() || parent.closest(skip)) continue;
    out.push([parent.closest('[lang]').getAttribute('lang'), node.textContent.trim()]);
  }
  return out;
}"""


def test_every_page_is_accessible_clean_and_self_contained(browser, served, built, node_tools):
    """One visit per page: axe-core, console, requests, and text in another language
    marked with its own lang (so screen readers and bidi render an English name inside an
    Arabic sentence, or Arabic inside an English page, right)."""
    problems = []
    pages = site_pages(built)
    visit = PageVisit(browser, served + pages[0])
    # axe is served as a cacheable script of the site's origin: compiled once, not per page.
    visit.page.route("**/__axe__.js", lambda route: route.fulfill(
        body=node_tools, content_type="text/javascript",
        headers={"Cache-Control": "max-age=3600"}))
    with visit:
        for path in pages:
            visit.goto(served + path)
            visit.page.add_script_tag(url=served + "__axe__.js")
            result = visit.page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            problems += [f"{path}: {v['id']} ({v['impact']}) x{len(v['nodes'])}"
                         for v in result["violations"] if v["impact"] in ("serious", "critical")]
            problems += [f"{path}: console: {e}" for e in visit.errors]
            problems += [f"{path}: failed: {u}" for u in visit.failed]
            problems += [f"{path}: outside request: {u}" for u in visit.outside]
            problems += [f"{path}: {m}" for m in mislabelled_text(visit.page)]
    assert problems == [], "\n".join(problems)


def mislabelled_text(page) -> list[str]:
    wrong = []
    for lang, text in page.evaluate(SCRIPT_OF_TEXT):
        if lang == "ar" and LATIN_WORD.search(text):
            wrong.append(f"Latin text marked ar: {text[:60]}")
        if lang != "ar" and ARABIC.search(text):
            wrong.append(f"Arabic text marked {lang}: {text[:60]}")
    return wrong


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("width", [360, 1280])
def test_key_pages_fit_the_screen_and_are_photographed(browser, served, language, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with PageVisit(browser, f"{served}{language}/", width=width) as visit:
        for name, path in KEY_PAGES.items():
            visit.goto(f"{served}{language}/{path}")
            page = visit.page
            overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
            assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{language}-{width}.png"),
                            full_page=True)
