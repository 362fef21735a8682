"""The Atom feed of a language, made from the model: the site's newest sheets, each dated by
its own publication and last change, by its editors (else its publisher), with its summary
and corrections, and no character XML 1.0 forbids."""

from __future__ import annotations

import shutil
from xml.etree import ElementTree as ET

import pytest
from conftest import FIXTURES, page_of, site_model

from generator.content.project import Project
from generator.outputs.feeds import atom_feed

NS = {"a": "http://www.w3.org/2005/Atom"}


def feed_of(site, language: str) -> ET.Element:
    return ET.fromstring(atom_feed(page_of(site, "home", language)))


@pytest.fixture(scope="module")
def corrected(tmp_path_factory):
    root = tmp_path_factory.mktemp("feeds") / "project"
    shutil.copytree(FIXTURES / "minimal", root)
    shutil.copyfile(FIXTURES / "feeds" / "one.yml", root / "content" / "sheets" / "one.yml")
    return site_model(Project(root))


def test_the_feed_names_the_site_and_its_pages_in_the_language(seed_site):
    feed = feed_of(seed_site, "en")
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert feed.findtext("a:id", namespaces=NS) == "https://example.github.io/factsheets/en/"
    assert feed.findtext("a:title", namespaces=NS) == "Fact Sheets"
    links = {link.get("rel"): link.get("href") for link in feed.findall("a:link", NS)}
    assert links == {"self": "https://example.github.io/factsheets/en/feed.xml",
                     "alternate": "https://example.github.io/factsheets/en/"}


def test_an_entry_is_dated_by_the_sheet_and_signed_by_its_editors(seed_site):
    sheet = seed_site.sheets[0]
    (entry,) = feed_of(seed_site, "ar").findall("a:entry", NS)
    assert entry.findtext("a:id", namespaces=NS).endswith(f"/ar/sheets/{sheet.slug}/")
    assert entry.findtext("a:published", namespaces=NS) == "2026-11-29T00:00:00Z"
    assert entry.findtext("a:updated", namespaces=NS) == "2026-12-06T00:00:00Z"
    assert entry.findtext("a:updated", namespaces=NS) == feed_of(
        seed_site, "ar").findtext("a:updated", namespaces=NS)
    assert [a.findtext("a:name", namespaces=NS) for a in entry.findall("a:author", NS)] == [
        sheet.editors[0].name["ar"]]


def test_without_editors_the_publisher_signs_and_corrections_are_listed(corrected):
    (entry,) = feed_of(corrected, "en").findall("a:entry", NS)
    assert entry.findtext("a:author/a:name", namespaces=NS) == "Daily News"
    assert entry.findtext("a:published", namespaces=NS) == "2020-09-01T00:00:00Z"
    assert entry.findtext("a:updated", namespaces=NS) == "2020-10-02T00:00:00Z"
    assert entry.findtext("a:summary", namespaces=NS).strip() == "A bold summary."
    content = entry.find("a:content", NS)
    assert content.get("type") == "html"
    assert "<strong>bold</strong>" in content.text and "Added a second source." in content.text
    assert content.text.index("Corrected the date") < content.text.index("Added a second")


def test_characters_xml_forbids_are_left_out(corrected):
    raw = atom_feed(page_of(corrected, "home", "en"))
    assert b"\x0e" not in raw and b"&#14;" not in raw
    title = ET.fromstring(raw).findtext("a:entry/a:title", namespaces=NS)
    assert title == "Headline"
    summary = ET.fromstring(raw).findtext("a:entry/a:summary", namespaces=NS)
    assert summary.strip() == "A bold summary."

