"""Hostile content: every text field carries known XSS payloads (fixtures/hostile/), the
site builds, and in Chromium no payload runs on any page, in any map popup or in search,
while each one is shown to the reader as plain text."""

from __future__ import annotations

import shutil

import pytest
import yaml
from browsing import MARKERS, PageVisit, open_popup
from conftest import FIXTURES, REPO, served_folder

from generator.build.pipeline import build
from generator.content.project import Project
from generator.render.i18n import quotation_marks

PAYLOADS = (FIXTURES / "hostile" / "payloads.txt").read_text("utf-8").splitlines()
SENTINEL = """
window.__xss__ = undefined;
for (const name of ['alert', 'confirm', 'prompt', 'print']) {
  window[name] = () => { window.__xss__ = name; };
}
"""
STRUCTURE = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) {
      if (attr.startsWith('on')) bad.push(el.tagName + ' ' + attr);
    }
    const href = (el.getAttribute('href') || el.getAttribute('src') || '').trim().toLowerCase();
    if (href.startsWith('javascript:') || href.startsWith('data:text')) bad.push(href);
  }
  for (const el of document.querySelectorAll('iframe, object, embed, base, [formaction]')) {
    bad.push(el.tagName);
  }
  for (const el of document.querySelectorAll('script[src]')) {
    if (!el.src.includes('/assets/')) bad.push('script ' + el.src);
  }
  return bad;
}"""


def text(i: int) -> dict:
    payload = PAYLOADS[i % len(PAYLOADS)]
    return {"ar": payload, "en": payload}


def review(i: int) -> dict:
    """A claim's review whose every text is a payload (unverified for every third)."""
    if i % 3 == 0:
        return {"verdict": "unverified"}
    return {"verdict": "misleading", "checked": "2021-04-01", "checked_by": text(i + 2),
            "explanation": text(i + 3),
            "evidence": [{"title": PAYLOADS[i], "publisher": PAYLOADS[(i + 1) % len(PAYLOADS)],
                          "url": "https://example.org/e?a=1&b=2",
                          "archived_url": "https://web.archive.org/web/2021/x"}]}


def write_project(root) -> Project:
    """A project whose every kind of text field carries the payloads."""
    n = len(PAYLOADS)
    shutil.copytree(REPO / "templates", root / "templates")
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "hostile.txt").write_text("\n".join(PAYLOADS), "utf-8")
    people = [{"id": f"person-{i}", "name": text(i), "description": text(i + 48),
               "aliases": {"en": [PAYLOADS[i]]},
               **({"roles": [{"title": text(i + 24), "from": "2020-01", "until": "2021-01"}]}
                  if i % 2 else {"role": text(i + 24)})}
              for i in range(24)]
    organizations = [{"id": f"org-{i}", "name": text(i + 3), "kind": "media",
                      "description": text(i + 30)} for i in range(12)]
    places = [{"id": f"place-{i}", "name": text(i + 5), "kind": "city", "lat": 30 + i / 3,
               "lon": 40 + i / 3, "description": text(i + 40)} for i in range(12)]
    sentences = [f"s{i + 1}" for i in range(n)]
    sheet = {
        "source": {"seed": "hostile.txt", "publisher": "org-0", "cites": "org-1",
                   "language": "en", "published": {"date": "2021-03"}, "headline": text(10)},
        "editors": [{"name": text(9)}],
        "title": text(0), "summary": {"ar": "\n\n".join(PAYLOADS), "en": "\n\n".join(PAYLOADS)},
        "notes": {"ar": "\n\n".join(PAYLOADS), "en": "\n\n".join(PAYLOADS)},
        "text": [{"id": sid, "text": text(i)} for i, sid in enumerate(sentences)],
        "claims": [{"id": f"c{i + 1}", "text": text(i), "sentences": [sentences[i]],
                    "attributed_to": {"anonymous": text(i + 1)} if i % 2 else f"person-{i % 24}",
                    "via": "org-1", "review": review(i)} for i in range(n)],
        "quotes": [{"id": f"q{i + 1}", "text": text(i), "speaker": {"anonymous": text(i + 7)},
                    "sentences": [sentences[i]]} for i in range(n)],
        "timeline": [{"id": f"e{i + 1}", "date": "2021-03-0" + str(1 + i % 9), "text": text(i),
                      "sentences": [sentences[i]]} for i in range(n)],
        "figures": [{"id": f"f{i + 1}", "value": i, "label": text(i), "sentences": [sentences[i]],
                     "attributed_to": {"anonymous": text(i + 4)}} for i in range(n)],
        "people": [{"id": p["id"], "sentences": [sentences[i]]} for i, p in enumerate(people)],
        "organizations": [{"id": o["id"], "sentences": ["s1"]} for o in organizations],
        "places": [{"id": p["id"], "sentences": sentences[i:i + 2]} for i, p in enumerate(places)],
        "corrections": [{"date": "2021-04-01", "text": text(i)} for i in range(n)],
    }
    second = {**sheet, "title": text(60), "claims": [], "quotes": [], "timeline": [],
              "figures": [], "corrections": []}
    site = {"title": text(50), "description": text(51), "languages": ["ar", "en"],
            "base_url": "https://example.org/hostile/",
            "map": {"tiles": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                    "attribution": '<a href="javascript:alert(1)">OSM</a>'
                                   '<img src=x onerror=alert(1)> <b onclick=alert(1)>b</b>'}}
    files = {"content/site.yml": site, "content/entities/people.yml": people,
             "content/entities/organizations.yml": organizations,
             "content/entities/places.yml": places, "content/sheets/hostile.yml": sheet,
             "content/sheets/second.yml": second}
    for path, data in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return Project(root)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    project = write_project(tmp_path_factory.mktemp("hostile") / "project")
    build(project, quiet=True)
    with served_folder(project.site) as base:
        yield project, base



def test_there_are_at_least_sixty_payloads():
    assert len(PAYLOADS) >= 60


def test_no_payload_runs_on_any_page(hostile, browser):
    project, base = hostile
    pages = sorted(p.relative_to(project.site).as_posix().removesuffix("index.html")
                   for p in project.site.rglob("*.html") if p.name != "404.html")
    pages.remove("")  # the landing page only redirects
    visit = PageVisit(browser, base + "en/")
    dialogs = []
    visit.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    visit.page.add_init_script(SENTINEL)
    problems = []
    with visit:
        for path in pages:
            visit.goto(base + path)
            visit.page.wait_for_timeout(50)
            ran = visit.page.evaluate("window.__xss__")
            if ran is not None:
                problems.append(f"{path}: payload ran ({ran})")
            problems += [f"{path}: {bad}" for bad in visit.page.evaluate(STRUCTURE)]
            problems += [f"{path}: outside request {u}" for u in visit.outside]
            problems += [f"{path}: popup: {bad}" for bad in open_popups(visit.page)]
    assert dialogs == []
    assert problems == []


def open_popups(page) -> list[str]:
    """Open every marker's popup; report anything in it that could run."""
    bad = []
    markers = page.evaluate(MARKERS)
    for name in markers:
        open_popup(page, name)
        bad += page.evaluate(STRUCTURE)
        if page.evaluate("window.__xss__") is not None:
            bad.append(f"{name} ran a payload")
    return bad


@pytest.mark.parametrize("language", ["ar", "en"])
def test_payloads_are_shown_as_text(hostile, browser, language):
    project, base = hostile
    with PageVisit(browser, f"{base}{language}/sheets/hostile/") as visit:
        page = visit.page
        claims = page.locator(".claim__text").all_inner_texts()
        sentences = page.locator("ol.sentences > li").all_inner_texts()
        for i, payload in enumerate(PAYLOADS):
            shown = quotation_marks(payload, language)  # Arabic pages show "..." as «...»
            assert " ".join(claims[i].split()).startswith(" ".join(shown.split())), payload
            assert " ".join(payload.split()) in " ".join(sentences[i].split()), payload
        assert page.locator("h1").inner_text() == quotation_marks(PAYLOADS[0], language)
        assert page.title().startswith(quotation_marks(PAYLOADS[0], language))


@pytest.mark.parametrize("query", ["script", "alert", "onerror", "javascript"])
def test_search_results_stay_inert(hostile, browser, query):
    project, base = hostile
    visit = PageVisit(browser, f"{base}en/search/?q={query}")
    visit.page.add_init_script(SENTINEL)
    with visit:
        visit.goto(f"{base}en/search/?q={query}")
        visit.page.wait_for_selector(".search-results li, .search-status", timeout=15000)
        visit.page.wait_for_timeout(500)
        assert visit.page.evaluate("window.__xss__") is None
        assert visit.page.evaluate(STRUCTURE) == []
        assert visit.errors == []
