"""No injection through any sink, with the Content-Security-Policy removed.

A project carries a large payload corpus (fixtures/injection/: OWASP's XSS filter-evasion
list, spreadsheet formulas, then fixtures/hostile/'s) in every text field of every kind.
Its site is opened in Chromium with the pages' policy ignored, as a host that drops it
would serve them: every page, every map popup and every marker's tooltip (hovered with
the mouse), and a search for each field (each field holds a word of its own). The DOM
may hold no element or attribute the templates did not make, and no dialog may open.
Feeds and exports are read as their readers would.
"""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
import yaml
from browsing import MARKERS, SHOWN, PageVisit
from bs4 import BeautifulSoup
from conftest import FIXTURES, REPO, served_folder
from lxml import etree

from generator.build.pipeline import build
from generator.content.project import Project

CORPUS = list(dict.fromkeys(
    (FIXTURES / "injection" / "owasp-filter-evasion.txt").read_text("utf-8").splitlines()
    + (FIXTURES / "hostile" / "payloads.txt").read_text("utf-8").splitlines()))
GROUPS = 6
"""Entities of each registry; each text field of entity ``g`` holds every GROUPS-th payload."""
FIELDS = ("site", "person", "role", "personnote", "alias", "organization", "orgnote",
          "place", "placenote", "title", "summary", "notes", "sentence", "claim", "anonymous",
          "quote", "speaker", "event", "figure", "correction")
"""The word in each kind of text field (``qz`` + the name), to search it by."""
URLS = ["https://example.org/a&quot;onmouseover=alert(1)//", "https://example.org/-alert(1)-",
        "https://example.org/?q=%3C/script%3E%3Cscript%3Ealert(1)%3C/script%3E",
        "https://example.org/#javascript:alert(1)", "http://example.org/%22%3E%3Cscript%3E",
        "https://example.org/{{7*7}}${alert(1)}"]
"""What the URL fields' pattern lets through (no space, quote or angle bracket)."""

RECORD_RUNS = """
window.__ran__ = [];
for (const name of ['alert', 'confirm', 'prompt', 'print']) {
  const original = window[name];
  window[name] = function (...args) {
    window.__ran__.push(name);
    return original.apply(this, args);
  };
}
Object.defineProperty(window, '__xss__', {set: v => window.__ran__.push('__xss__ = ' + v)});
"""
UNMADE = """async scope => {
  // Everything in the DOM (or in the element ``scope`` selects) that our templates,
  // Leaflet and sanitized Markdown never make.
  const bad = [], here = location.origin, root = scope ? document.querySelector(scope) : document;
  const policy = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
  const hashes = new Set((policy ? policy.content : '').match(/'sha256-[^']+'/g) || []);
  const unsafeUrl = /^(javascript|vbscript|livescript|data:text|data:image\\/svg)/;
  const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'data', 'poster',
    'background', 'xlink:href', 'srcset', 'cite', 'ping', 'lowsrc', 'dynsrc', 'codebase',
    'manifest', 'icon', 'longdesc', 'usemap', 'to', 'values', 'from', 'by']);
  const clean = value => value.replace(/[\\u0000-\\u0020\\u007f-\\u00a0]+/g, '').toLowerCase();
  const forbidden = 'iframe, frame, frameset, object, embed, applet, portal, base, isindex, '
    + 'keygen, bgsound, xml, marquee, dialog, [popover], [autofocus], [srcdoc], [formaction], '
    + 'style:not(head > style), meta:not(head > meta), '
    + 'svg animate, svg set, svg use, svg foreignObject, math, image, input[type=image]';
  for (const el of root.querySelectorAll(forbidden)) {
    bad.push('element ' + el.outerHTML.slice(0, 80));
  }
  for (const el of root.querySelectorAll('*')) {
    if (el instanceof HTMLUnknownElement) bad.push('unknown element ' + el.tagName);
    for (const attr of el.getAttributeNames()) {
      const value = clean(el.getAttribute(attr));
      if (attr.startsWith('on')) bad.push(`${el.tagName} ${attr}`);
      if (urlAttributes.has(attr) && unsafeUrl.test(value)) {
        bad.push(`${el.tagName} ${attr}=${value.slice(0, 40)}`);
      }
      if (attr === 'style' && /javascript|expression|url\\(|behavior|binding/.test(value)) {
        bad.push(`${el.tagName} style=${value.slice(0, 40)}`);
      }
    }
  }
  for (const link of root.querySelectorAll('link[href]')) {
    const url = new URL(link.href);
    if (url.origin !== here || !url.pathname.includes('/assets/') && link.rel === 'stylesheet') {
      if (!['canonical', 'alternate', 'icon'].includes(link.rel)) bad.push('link ' + link.href);
    }
  }
  for (const el of root.querySelectorAll('meta[http-equiv]')) {
    if (el.httpEquiv.toLowerCase() !== 'content-security-policy') bad.push('meta ' + el.httpEquiv);
  }
  for (const script of root.querySelectorAll('script')) {
    if (script.src) {
      const url = new URL(script.src);
      if (url.origin !== here || !url.pathname.includes('/assets/')) {
        bad.push('script ' + script.src);
      }
    } else if (['application/ld+json', 'application/json'].includes(script.type)) {
      try { JSON.parse(script.textContent); } catch (e) { bad.push('broken ' + script.type); }
    } else {
      const bytes = new TextEncoder().encode(script.textContent);
      const digest = await crypto.subtle.digest('SHA-256', bytes);
      const hash = `'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`;
      if (!hashes.has(hash)) bad.push('script the build did not hash: ' + script.textContent);
    }
  }
  for (const el of root.querySelectorAll('[href], [src], [action]')) {
    const url = el.href || el.src || el.action;
    if (typeof url === 'string' && clean(url).startsWith('javascript')) bad.push('url ' + url);
  }
  return bad;
}"""
CENTRE_ON = """name => {
  // The last popup closed, clusters gathered, and the map zoomed in on this marker, which
  // no cluster holds there (a big popup pans the map far away).
  const map = Object.keys(window).filter(k => /^map_[a-z]+$/.test(k)).map(k => window[k])[0];
  map.closePopup();
  Object.keys(window).filter(k => k.startsWith('marker_cluster_'))
    .forEach(k => window[k].unspiderfy());
  map.setView(window[name].getLatLng(), map.getMaxZoom(), {animate: false});
}"""
OPEN_IN_PLACE = """name => {
  // Its popup opened where it is: a popup taller than the map would pan the marker out of
  // view, and a marker out of view leaves the map, closing its popup.
  window[name].getPopup().options.autoPan = false;
  window[name].openPopup();
}"""
MAP = ".leaflet-container"
HOVER = """name => {
  window[name]._icon.scrollIntoView({block: 'center', inline: 'center'});
  const box = window[name]._icon.getBoundingClientRect();
  return [box.left + box.width / 2, box.top + box.height / 2];
}"""


def field(name: str, payloads: list[str], word_first: bool = True) -> dict:
    """A text of the payloads that a search for ``qz<name>`` finds; the word goes last
    where a table cell must start with the payload (claims.csv)."""
    words = [f"qz{name}", *payloads] if word_first else [*payloads, f"qz{name}"]
    text = " ".join(words)
    return {"ar": text, "en": text}


def group(g: int) -> list[str]:
    return CORPUS[g::GROUPS]


def registries() -> dict[str, list]:
    people = [{"id": f"person-{g}", "name": field("person", group(g)),
               "role": field("role", group(g)), "description": field("personnote", group(g)),
               "aliases": {"en": [f"qzalias {p}" for p in group(g)]}} for g in range(GROUPS)]
    organizations = [{"id": f"org-{g}", "name": field("organization", group(g)), "kind": "media",
                      "description": field("orgnote", group(g)), "url": URLS[g % len(URLS)],
                      "aliases": {"ar": [f"qzalias {p}" for p in group(g)]}}
                     for g in range(GROUPS)]
    places = [{"id": f"place-{g}", "name": field("place", group(g)), "kind": "city",
               "lat": 30 + g, "lon": 35 + (g % 4) * 3, "description": field("placenote", group(g)),
               "aliases": {"en": [f"qzalias {p}" for p in group(g)]}} for g in range(GROUPS)]
    return {"people": people, "organizations": organizations, "places": places}


def sheet(slug_index: int) -> dict:
    n = len(CORPUS)
    ids = [f"s{i + 1}" for i in range(n)]
    markdown = "\n\n".join(CORPUS)
    return {
        "source": {"seed": "payloads.txt", "publisher": f"org-{slug_index}", "cites": "org-1",
                   "language": "en", "published": {"date": f"2021-0{slug_index + 1}"},
                   "url": URLS[slug_index]},
        "title": field("title", group(slug_index)),
        "summary": {"ar": "qzsummary\n\n" + markdown, "en": "qzsummary\n\n" + markdown},
        "notes": {"ar": "qznotes\n\n" + markdown, "en": "qznotes\n\n" + markdown},
        "text": [{"id": sid, "text": field("sentence", [p])}
                 for sid, p in zip(ids, CORPUS, strict=True)],
        "claims": [{"id": f"c{i + 1}", "text": field("claim", [p], word_first=False),
                    "sentences": [ids[i]], "via": f"org-{i % GROUPS}",
                    "attributed_to": {"anonymous": field("anonymous", [p], word_first=False)}
                    if i % 2 else f"person-{i % GROUPS}"}
                   for i, p in enumerate(CORPUS)],
        "quotes": [{"id": f"q{i + 1}", "text": field("quote", [p]), "sentences": [ids[i]],
                    "speaker": {"anonymous": field("speaker", [p])} if i % 2
                    else f"person-{i % GROUPS}"} for i, p in enumerate(CORPUS)],
        "timeline": [{"id": f"e{i + 1}", "date": f"2021-03-{1 + i % 28:02d}",
                      "text": field("event", [p]), "sentences": [ids[i]]}
                     for i, p in enumerate(CORPUS)],
        "figures": [{"id": f"f{i + 1}", "value": i, "label": field("figure", [p]),
                     "sentences": [ids[i]]} for i, p in enumerate(CORPUS)],
        "people": [{"id": f"person-{g}", "sentences": [ids[g]]} for g in range(GROUPS)],
        "organizations": [{"id": f"org-{g}", "sentences": [ids[g]]} for g in range(GROUPS)],
        "places": [{"id": f"place-{g}", "sentences": [ids[g]]} for g in range(GROUPS)],
        "corrections": [{"date": "2021-04-01", "text": field("correction", [p])}
                        for p in CORPUS],
    }


def write_project(root) -> Project:
    shutil.copytree(REPO / "templates", root / "templates")
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "payloads.txt").write_text("\n".join(CORPUS), "utf-8")
    site = {"title": field("site", group(0)), "description": field("site", group(1)),
            "languages": ["ar", "en"], "base_url": "https://example.org/injection/",
            "map": {"tiles": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                    "attribution": " ".join(group(2))}}
    files = {"content/site.yml": site,
             **{f"content/entities/{name}.yml": data for name, data in registries().items()},
             "content/sheets/first.yml": sheet(0), "content/sheets/second.yml": sheet(1)}
    for path, data in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return Project(root)


class Findings:
    """What the visit found, by sink."""

    def __init__(self):
        self.sinks: dict[str, list[str]] = {"pages": [], "popups": [], "tooltips": [],
                                             "search": []}
        self.sink = "pages"
        self.searched: dict[str, int] = {}
        """Field word -> results shown for it (ar and en together)."""
        self.csp_ignored = False
        """Whether a script the build did not hash ran: the policy really is off."""

    def add(self, where: str, found: list[str]) -> None:
        self.sinks[self.sink] += [f"{where}: {item}" for item in found]


def look(visit: PageVisit, findings: Findings, where: str, url: str,
         scope: str | None = None) -> None:
    """Record what ran and what the DOM (or the element ``scope`` selects: the map, whose
    popups and tooltips are all that changed since the page was looked at) holds that the
    templates did not make."""
    from playwright.sync_api import Error

    page = visit.page
    try:
        findings.add(where, page.evaluate("window.__ran__.splice(0)"))
        findings.add(where, page.evaluate(UNMADE, scope))
    except Error as error:  # something in the page took it elsewhere
        findings.add(where, [f"{error.message.splitlines()[0]} (now at {page.url})"])
    if page.url != url:
        findings.add(where, [f"navigated to {page.url}"])
    findings.add(where, [f"outside request {url}" for url in visit.outside])
    visit.outside.clear()


def show(page, name: str) -> None:
    """Marker ``name`` drawn alone in view (its cluster zoomed into or spread), no popup."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.evaluate(CENTRE_ON, name)
    try:
        page.wait_for_function(SHOWN, arg=name, timeout=2000)
    except PlaywrightTimeout:  # others at its very point: their cluster is spread
        page.evaluate(f"window['{name}'].__parent.spiderfy()")
        page.wait_for_function(SHOWN, arg=name)


def open_tab(browser, findings: Findings, url: str) -> PageVisit:
    """A tab on ``url``, the page's policy ignored, whatever runs or opens a dialog kept."""
    visit = PageVisit(browser, url, bypass_csp=True)
    visit.page.add_init_script(RECORD_RUNS)
    visit.page.on("dialog", lambda dialog: (
        findings.add("dialog", [f"{dialog.type}: {dialog.message}"]), dialog.dismiss()))
    visit.goto(url)  # again, with the recording in place
    return visit


def visit_maps(browser, visit: PageVisit, findings: Findings, path: str) -> PageVisit:
    """Open each marker's popup, then hover each marker with the mouse for its tooltip; the
    tab in use after (a new one on the page after a tooltip that left something behind)."""
    url = visit.page.url
    names = visit.page.evaluate(MARKERS)
    for name in names:
        findings.sink = "popups"
        show(visit.page, name)
        visit.page.evaluate(OPEN_IN_PLACE, name)
        visit.page.wait_for_function(f"window['{name}'].isPopupOpen()")
        look(visit, findings, f"{path} {name}", url, MAP)
    for name in names:
        findings.sink = "tooltips"
        before = len(findings.sinks["tooltips"])
        show(visit.page, name)
        visit.page.mouse.move(*visit.page.evaluate(HOVER, name))
        if not visit.page.locator(".leaflet-tooltip").count():
            findings.add(f"{path} {name}", ["no tooltip shown on hover"])
        look(visit, findings, f"{path} {name}", url, MAP)
        visit.page.mouse.move(0, 0)
        if len(findings.sinks["tooltips"]) > before:
            visit.close()
            visit = open_tab(browser, findings, url)
    return visit


def visit_search(visit: PageVisit, findings: Findings, base: str) -> None:
    findings.sink = "search"
    page = visit.page
    for language in ("ar", "en"):
        for name in FIELDS:
            url = f"{base}{language}/search/?q=qz{name}"
            visit.goto(url)
            page.wait_for_selector(".search-results li, .search-status", timeout=15000)
            page.wait_for_timeout(300)
            shown = page.locator(".search-results li").count()
            findings.searched[name] = findings.searched.get(name, 0) + shown
            look(visit, findings, f"{language} search qz{name}", url)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Project:
    project = write_project(tmp_path_factory.mktemp("injection") / "project")
    build(project, quiet=True)
    return project


@pytest.fixture(scope="module")
def findings(project, browser) -> Findings:
    pages = sorted(p.relative_to(project.site).as_posix().removesuffix("index.html")
                   for p in project.site.rglob("*.html"))
    pages.remove("")  # the landing page only sends the reader on to a language
    found = Findings()
    with served_folder(project.site) as base:
        visit = open_tab(browser, found, base + "en/")
        try:
            found.csp_ignored = visit.page.evaluate("""() => {
              const probe = document.createElement('script');
              probe.textContent = 'window.__probe = 1';
              document.body.append(probe);
              return window.__probe === 1;
            }""")
            for path in pages:
                found.sink = "pages"
                visit.goto(base + path)
                visit.page.wait_for_timeout(30)
                look(visit, found, path, base + path)
                visit = visit_maps(browser, visit, found, path)
            visit_search(visit, found, base)
        finally:
            visit.close()
    return found


def test_the_corpus_is_large_and_reaches_every_field():
    assert len(CORPUS) >= 240
    assert all(payload.strip() for payload in CORPUS)


def test_the_pages_policy_is_really_ignored(findings):
    assert findings.csp_ignored  # else the policy, not the escaping, would stop the payloads


def test_no_injected_element_attribute_or_dialog_on_any_page(findings):
    assert findings.sinks["pages"] == []


def test_no_injection_in_map_popups(findings):
    assert findings.sinks["popups"] == []


def test_no_injection_in_map_tooltips(findings):
    assert findings.sinks["tooltips"] == []


def test_no_injection_in_search_results(findings):
    assert findings.sinks["search"] == []
    found = {name for name, shown in findings.searched.items() if shown}
    assert {"person", "organization", "place", "alias"} <= found, findings.searched


@pytest.mark.slow
def test_feeds_carry_no_markup_that_runs(project):
    for feed in project.site.glob("*/feed.xml"):
        tree = etree.parse(str(feed), etree.XMLParser(resolve_entities=False, no_network=True))
        atom = "{http://www.w3.org/2005/Atom}"
        for node in tree.iter(f"{atom}content", f"{atom}summary", f"{atom}title"):
            if node.get("type") != "html":  # text: shown as it is
                continue
            html = BeautifulSoup(node.text or "", "html.parser")
            assert not html.find(["script", "iframe", "object", "embed", "img", "style"])
            for element in html.find_all(True):
                assert not [a for a in element.attrs if a.startswith("on")], element
                assert not element.get("href", "").strip().lower().startswith("javascript")


@pytest.mark.slow
def test_exports_parse_and_their_table_starts_no_formula(project):
    data = project.site / "data"
    for path in [*data.glob("*.json"), *data.glob("sheets/*.json"), data / "places.geojson"]:
        json.loads(path.read_text("utf-8"))
    rows = list(csv.reader(io.StringIO((data / "claims.csv").read_text("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert any(cell.startswith("'=HYPERLINK(") for cell in cells)
    assert not [cell for cell in cells if cell[:1] in "=+-@\t\r" and cell]
