"""Search: the Arabic normalizer (Python and its JavaScript mirror agree), the index per
language, and the search page in real Chromium finding the sheet however it is spelled."""

from __future__ import annotations

import json
import shutil
import subprocess
from urllib.parse import quote

import pytest
import yaml
from browsing import PageVisit
from conftest import FIXTURES, REPO, SHEET, SubPathHandler, copy_project, served_folder, tree_digest

from generator.build.pipeline import build
from generator.cache.fingerprints import load_outputs
from generator.content.project import Project, load_documents
from generator.model.from_content import build_site_model
from generator.search.pagefind import SearchIndex
from generator.search.records import Record, records
from generator.search.words import search_forms
from generator.text.arabic import key

NORMALIZER = REPO / "templates" / "assets" / "search-normalize.js"
KADHIMI = ["الكاظمى", "كاظمي", "الكاظمي", "والكاظمي", "بالكاظمي", "الكَاظِمِيّ", "الكـاظمي"]
"""How readers may type the prime minister's name: the sheet must come first for each."""


def seed_words() -> list[str]:
    """Every word of the seed sheet's Arabic texts, plus spellings readers type."""
    sheet = yaml.safe_load((REPO / "content" / "sheets" / f"{SHEET}.yml").read_text("utf-8"))
    texts = [sheet["title"]["ar"], sheet["summary"]["ar"],
             *(sentence["text"]["ar"] for sentence in sheet["text"])]
    typed = ["مُصْطَفَى", "إيران", "آب", "ٱلعراق", "للعراق", "وبالعراق", "فالحكومة", "مسؤولة",
             "الأعلى", "رئيس", "مؤتمر", "گرمیان", "٢٠ أيلول ۲۰۲۰", "Pompeo's", *KADHIMI]
    return key(" ".join([*texts, *typed])).split()


def barest(word: str) -> str:
    return min(search_forms(word), key=len)


def test_forms_of_real_arabic_words():
    assert search_forms("والكاظمى") == ("والكاظمي", "الكاظمي", "كاظمي", "اظمي")
    assert search_forms("للعراق") == ("للعراق", "العراق", "عراق")
    assert search_forms("وزير") == ("وزير", "زير")  # وزير itself stays a form
    assert search_forms("الله") == ("الله",)  # ال stays when only two letters would remain
    assert key("مُصْطَفَى الكـاظمي ٢٠") == "مصطفي الكاظمي 20"
    assert search_forms("Kadhimi") == ("kadhimi",)


@pytest.mark.parametrize("typed", KADHIMI)
def test_every_spelling_reaches_the_indexed_word(typed):
    """The query keeps its barest form; every spelling of the word in a text has it."""
    for written in ("الكاظمي", "كاظمي", "والكاظمي", "للكاظمي"):
        assert barest(key(typed)) in search_forms(written)


def test_prefixed_seed_words_find_the_plain_ones():
    """Any seed word typed with و، ب، ال، وال، بال finds the word as written, and back."""
    for word in seed_words():
        for typed in ("و" + word, "ب" + word, "ال" + word, "وال" + word, "بال" + word):
            assert barest(word) in search_forms(typed) or len(word) <= 3, (typed, word)
        assert barest("و" + word) in search_forms(word) or len(word) <= 3, word


def test_javascript_normalizer_agrees_with_python(node):
    words = seed_words()
    script = (f"import {{ keyWords, searchForms }} from {json.dumps(NORMALIZER.as_uri())};"
              "const words = JSON.parse(process.argv[1]);"
              "console.log(JSON.stringify({ keys: keyWords(words.join(' ')),"
              " forms: words.map(searchForms) }));")
    result = subprocess.run([node, "--input-type=module", "-e", script, json.dumps(words)],
                            capture_output=True, text=True, check=True)
    mirrored = json.loads(result.stdout)
    assert mirrored["keys"] == words
    assert mirrored["forms"] == [list(search_forms(word)) for word in words]


def seed_site():
    return build_site_model(load_documents(Project(REPO))[0])


def search_files(site) -> dict[str, bytes]:
    """The search index of ``site``, built without a cache: ``site/`` path -> bytes."""
    index = SearchIndex(site)
    try:
        return dict(index.files())
    finally:
        index.close()


def test_index_is_per_language_and_reproducible():
    site = seed_site()
    files = search_files(site)
    entry = json.loads(files["assets/pagefind/pagefind-entry.json"])
    assert list(entry["languages"]) == ["ar", "en"]
    pages = len(site.sheets) + len(site.entities)
    assert all(lang["page_count"] == pages for lang in entry["languages"].values())
    assert not [path for path in files if "-ui" in path]  # the page brings its own UI
    assert search_files(site) == files


def test_records_keep_languages_apart_and_escape_content():
    for record in records(seed_site()):
        other = "ar" if record.language == "en" else "en"
        assert f"/{other}/" not in "/" + record.path
        if record.language == "en":
            assert not any("\u0600" <= c <= "\u06ff" for c in record.title), record.title
    hostile = Record("en/sheets/x/index.html", "en", "sheet", "</p><script>alert(1)</script>",
                     ["</p><script>"], ['"><img src=x onerror=alert(1)>'])
    assert "<script>" not in hostile.html() and "<img" not in hostile.html()



@pytest.mark.slow
def test_a_summary_in_markdown_is_indexed_and_shown_as_read(tmp_path):
    """Search snippets are shown as text: a summary's ``**`` and list dashes must not show."""
    case = yaml.safe_load((FIXTURES / "markdown" / "summary.yml").read_text("utf-8"))
    project = copy_project(tmp_path, FIXTURES / "minimal" / "content")
    sheet = project.content / "sheets" / "one.yml"
    data = yaml.safe_load(sheet.read_text("utf-8"))
    sheet.write_text(yaml.safe_dump({**data, "summary": case["summary"]}, allow_unicode=True),
                     "utf-8")
    site = build_site_model(load_documents(project)[0])
    found = {record.language: record for record in records(site) if record.kind == "sheet"}
    for language, read in case["read"].items():
        assert found[language].texts[0].split() == read.split()
        assert not [mark for mark in ("**", "](", "`") if mark in found[language].html()]


WAIT = ("() => { const t = document.getElementById('search-status').textContent;"
        " return t && t !== document.getElementById('search-form').dataset.loading; }")


def search(browser, served, language: str, query: str) -> tuple[PageVisit, list[str]]:
    """Open the search page with ?q=, wait for the results, return their links."""
    visit = PageVisit(browser, f"{served}{language}/search/?q={quote(query)}")
    visit.page.wait_for_function(WAIT)
    hrefs = visit.page.locator(".search-result a").evaluate_all("links => links.map(a => a.href)")
    return visit, hrefs


@pytest.mark.parametrize(("language", "query"),
                         [*(("ar", spelling) for spelling in KADHIMI), ("en", "Kadhimi")])
def test_search_page_finds_the_sheet_first(browser, served, language, query):
    visit, hrefs = search(browser, served, language, query)
    with visit:
        assert hrefs and hrefs[0] == f"{served}{language}/sheets/{SHEET}/", hrefs
        assert all(href.startswith(f"{served}{language}/") for href in hrefs), hrefs
        first = visit.page.locator(".search-result").first
        assert first.locator("mark").count() > 0  # the snippet shows where the name is
        assert visit.page.locator("#search-input").input_value() == query
        visit.assert_clean()


@pytest.mark.parametrize(("language", "query"), [("ar", "Pompeo"), ("en", "بومبيو")])
def test_one_language_never_returns_the_other(browser, served, language, query):
    visit, hrefs = search(browser, served, language, query)
    with visit:
        assert hrefs == []
        assert visit.page.inner_text("#search-status") == visit.page.get_attribute(
            "#search-form", "data-none")
        visit.assert_clean()


def test_form_searches_announces_and_keeps_the_query_in_the_address(browser, served):
    with PageVisit(browser, f"{served}en/search/") as visit:
        page = visit.page
        assert page.get_attribute("html", "dir") == "ltr"
        assert page.locator("label[for=search-input]").count() == 1
        assert page.get_attribute("#search-status", "role") == "status"
        page.get_by_label(page.inner_text("label[for=search-input]")).fill("Pompeo")
        page.keyboard.press("Enter")
        page.wait_for_function(WAIT)
        assert page.url.endswith("?q=Pompeo")
        hrefs = page.locator(".search-result a").evaluate_all("ls => ls.map(a => a.href)")
        assert page.inner_text("#search-status") == f"{len(hrefs)} results"
        assert f"{served}en/sheets/{SHEET}/" in hrefs
        assert f"{served}en/people/mike-pompeo/" in hrefs
        visit.assert_clean()


def test_arabic_page_is_right_to_left_and_linked_from_every_page(browser, served, built):
    visit, hrefs = search(browser, served, "ar", "بومبيو")
    with visit:
        assert visit.page.get_attribute("html", "dir") == "rtl"
        direction = visit.page.locator(".search-result").first.evaluate(
            "e => getComputedStyle(e).direction")
        assert direction == "rtl" and hrefs
        assert visit.page.inner_text("#search-status") == f"{len(hrefs)} نتائج"  # 3-10: few
        visit.assert_clean()
    home = (built.site / "ar" / "index.html").read_text("utf-8")
    assert 'href="search/"' in home


POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; img-src 'self' data:"
"""The strictest policy search works under: Pagefind compiles WebAssembly, which a policy
without 'wasm-unsafe-eval' (or 'unsafe-eval') forbids."""


class StrictHandler(SubPathHandler):
    """Serves the site with a Content-Security-Policy header on every response."""

    def end_headers(self):
        self.send_header("Content-Security-Policy", POLICY)
        super().end_headers()


def test_search_works_under_a_strict_content_security_policy(browser, built):
    with served_folder(built.site, StrictHandler) as base:
        visit, hrefs = search(browser, base, "en", "Kadhimi")
        with visit:
            assert hrefs and hrefs[0] == f"{base}en/sheets/{SHEET}/"
            assert visit.errors == [], visit.errors


@pytest.fixture
def sharded(tmp_path, monkeypatch) -> Project:
    """Twelve copies of the seed sheet, indexed in shards of about eight records."""
    monkeypatch.setattr("generator.render.search_shards.SHARD_RECORDS", 8)
    project = copy_project(tmp_path / "project")
    seed = project.content / "sheets" / f"{SHEET}.yml"
    for number in range(1, 13):
        shutil.copyfile(seed, project.content / "sheets" / f"copy-{number:02d}.yml")
    seed.unlink()
    build(project)
    return project


@pytest.mark.parametrize(("language", "query"), [("en", "Kadhimi"), ("ar", "كاظمي")])
def test_a_sharded_index_finds_pages_of_every_shard_once(browser, sharded, language, query):
    indexes = sorted(p.parent.name for p in sharded.site.glob("assets/*/pagefind-entry.json"))
    assert len(indexes) > 5 and indexes[0] == "pagefind", indexes
    assert len(list(sharded.site.glob("assets/**/pagefind.js"))) == 1
    with served_folder(sharded.site) as base:
        visit, hrefs = search(browser, base, language, query)
        with visit:
            sheets = [href for href in hrefs if "/sheets/" in href]
            assert sorted(sheets) == [f"{base}{language}/sheets/copy-{n:02d}/"
                                      for n in range(1, 13)], hrefs
            assert len(hrefs) == len(set(hrefs))
            visit.assert_clean()


@pytest.mark.slow
def test_an_edit_reindexes_one_shard_and_equals_a_clean_build(sharded, tmp_path):
    def shards() -> set[str]:
        return set(load_outputs(sharded)["search"])

    before = shards()
    sheet = sharded.content / "sheets" / "copy-05.yml"
    sheet.write_text(sheet.read_text("utf-8").replace("Report reveals", "Report shows", 1),
                     "utf-8")
    build(sharded)
    after = shards()
    assert len(after - before) == 1 and len(before - after) == 1
    clean = copy_project(tmp_path / "clean", sharded.content)
    build(clean)
    assert tree_digest(sharded.site) == tree_digest(clean.site)


@pytest.mark.slow
def test_an_index_file_deleted_from_site_is_made_again(sharded):
    before = tree_digest(sharded.site)
    (sharded.site / "assets" / "pagefind-2" / "pagefind-entry.json").unlink()
    (sharded.content / "sheets" / "copy-03.yml").touch()  # else the build has nothing to do
    build(sharded)
    assert tree_digest(sharded.site) == before
