"""GitHub Pages details: the site served under /repo-name/ has no broken link or asset,
404.html works at any depth, sitemap.xml and canonical links are absolute, CNAME is written."""

from __future__ import annotations

import re
import shutil
import urllib.error
import urllib.request
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, SubPathHandler, copy_project, served_folder, soup

from generator.build.pipeline import build
from generator.render import urls

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
REFERENCES = {"a": ["href"], "area": ["href"], "link": ["href"], "script": ["src"],
              "img": ["src", "srcset"], "source": ["src", "srcset"], "iframe": ["src"],
              "video": ["src", "poster"], "audio": ["src"], "embed": ["src"], "object": ["data"]}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read()


def references(page_url: str, html: bytes) -> list[tuple[str, str]]:
    """(tag, absolute URL) of every link and asset of a page, resolved as a browser does."""
    page = BeautifulSoup(html, "html.parser")
    base = page.find("base", href=True)
    start = urljoin(page_url, base["href"]) if base else page_url
    found = []
    for tag, attributes in REFERENCES.items():
        for element in page.find_all(tag):
            if tag == "link" and set(element.get("rel", [])) & {"canonical", "alternate"} \
                    and element.get("href", "").startswith("https://"):
                continue  # absolute on purpose, from base_url: checked in the sitemap test
            for attribute in attributes:
                value = element.get(attribute)
                if not value:
                    continue
                values = [part.split()[0] for part in value.split(",")] \
                    if attribute == "srcset" else [value]
                found += [(tag, urljoin(start, v.strip())) for v in values if v.strip()]
    return found


def crawl(start: list[str], prefix: str) -> tuple[dict[str, bytes], list[str]]:
    """Follow every same-site link and asset from ``start``; return the pages reached and
    every broken reference (``page -> url (status or missing #fragment)``)."""
    origin = urlsplit(start[0]).netloc
    pages: dict[str, bytes] = {}
    checked: dict[str, tuple[int, str, bytes]] = {}
    broken: list[str] = []
    fragments: list[tuple[str, str, str]] = []
    queue = list(start)
    while queue:
        page_url = queue.pop(0)
        if page_url in pages:
            continue
        status, kind, body = checked.get(page_url) or fetch(page_url)
        pages[page_url] = body
        for tag, url in references(page_url, body) if kind == "text/html" else []:
            target, fragment = urldefrag(url)
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https") or parts.netloc != origin:
                continue  # map tiles, outside sites: not this site's to serve
            if target == page_url:  # the same document: only the anchor must exist
                checked.setdefault(target, (200, "text/html", pages[page_url]))
                if fragment:
                    fragments.append((page_url, target, fragment))
                continue
            if not parts.path.startswith(prefix):
                broken.append(f"{page_url} -> {url} (outside {prefix})")
                continue
            if target not in checked:
                checked[target] = fetch(target)
            status, kind, body = checked[target]
            if status != 200:
                broken.append(f"{page_url} -> {url} ({status})")
            elif kind == "text/html":
                if fragment:
                    fragments.append((page_url, target, fragment))
                if tag in ("a", "area") and target not in pages:
                    queue.append(target)
            elif kind == "text/css":
                for match in CSS_URL.finditer(body.decode("utf-8", "replace")):
                    asset = urljoin(target, match.group(1) or match.group(2))
                    if not asset.startswith("data:") and fetch(asset)[0] != 200:
                        broken.append(f"{target} -> {asset}")
    anchors: dict[str, set[str]] = {}
    for page_url, target, fragment in fragments:
        if target not in anchors:
            anchors[target] = set(re.findall(rb'\sid="([^"]+)"', checked[target][2]))
        if fragment.encode() not in anchors[target]:
            broken.append(f"{page_url} -> {target}#{fragment} (no such anchor)")
    return pages, broken


@pytest.mark.slow
def test_crawling_the_site_under_a_sub_path_finds_nothing_broken(served, built):
    pages, broken = crawl([served], "/repo-name/")
    assert broken == []
    reached = {urlsplit(url).path for url in pages}
    for path in built.site.rglob("*.html"):
        relative = path.relative_to(built.site).as_posix()
        if path.name == "404.html":
            continue  # reached by a missing URL, not a link: see the next test
        url = "/repo-name/" + relative.removesuffix("index.html")
        assert url in reached, f"no link leads to {relative}"


class PagesHandler(SubPathHandler):
    """Like GitHub Pages: a missing URL gets the site's root 404.html with status 404."""

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def pages_site(tmp_path_factory):
    """The minimal content with base_url https://example.github.io/repo-name/ and a CNAME,
    built and served under /repo-name/ the way GitHub Pages does."""
    project = copy_project(tmp_path_factory.mktemp("pages") / "project",
                           FIXTURES / "minimal" / "content")
    shutil.copytree(FIXTURES / "minimal" / "seeds", project.seeds, dirs_exist_ok=True)
    shutil.copy(FIXTURES / "sites" / "site-pages-subpath.yml", project.content / "site.yml")
    build(project)
    with served_folder(project.site, PagesHandler) as base:
        yield project, base


@pytest.mark.slow
@pytest.mark.parametrize("missing", ["nope", "ar/nope/", "en/sheets/gone/deeper/still/"])
def test_not_found_page_works_at_any_depth(pages_site, missing):
    project, root = pages_site
    status, _, body = fetch(root + missing)
    assert status == 404 and b'name="robots" content="noindex"' in body
    page = BeautifulSoup(body, "html.parser")
    assert page.find("base") is None  # "#main" (skip link) must stay on the page
    assert page.find("link", rel="stylesheet")["href"] == "/repo-name/assets/site.css"
    _, broken = crawl([root + missing], "/repo-name/")
    assert broken == []


@pytest.mark.slow
def test_cname_is_written_only_when_site_yml_names_a_domain(pages_site, built):
    project, _ = pages_site
    assert (project.site / "CNAME").read_text("ascii") == "facts.example.org\n"
    assert not (built.site / "CNAME").exists()


def test_sitemap_lists_every_page_by_absolute_url_with_its_languages(built):
    base = "https://example.github.io/factsheets/"
    tree = ElementTree.parse(built.site / "sitemap.xml").getroot()
    entries = {url.find(f"{SITEMAP}loc").text: url for url in tree}
    expected = {urls.absolute(base, path.relative_to(built.site).as_posix())
                for path in built.site.rglob("*.html")
                if path.name != "404.html" and path.parent != built.site}
    assert set(entries) == expected
    sheet = entries[base + "en/sheets/kadhimi-us-threat-2020/"]
    alternates = {link.get("hreflang"): link.get("href")
                  for link in sheet.findall(f"{XHTML}link")}
    assert alternates == {"ar": base + "ar/sheets/kadhimi-us-threat-2020/",
                          "en": base + "en/sheets/kadhimi-us-threat-2020/",
                          "x-default": base + "ar/sheets/kadhimi-us-threat-2020/"}
    for path in (built.site / "en").rglob("index.html"):
        canonical = soup(path).find("link", rel="canonical")["href"]
        assert canonical in entries, path
