"""One Atom feed (RFC 4287) per language: a fact-sheet per entry, dated by the sheet's own
published and updated dates (its source's date when it has none), by its editors,
corrections included, so that an update reaches subscribers instead of changing a page
silently."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from generator.model.editorial import full_date
from generator.model.facts import EPOCH, Sheet
from generator.render import urls

if TYPE_CHECKING:
    from generator.render.context import PageContext

ATOM = "http://www.w3.org/2005/Atom"
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
ENTRIES = 50
"""Sheets in a feed: the most recently published or corrected ones, newest first. A feed
tells subscribers what is new; the site and its exports hold the rest."""


def atom_feed(page: PageContext) -> bytes:
    """The feed of ``page``'s language; ``page`` is that language's home page."""
    site = page.site
    entries = [_entry(page, sheet) for sheet in site.newest_first[:ENTRIES]]
    updated = entries[0].findtext("updated") if entries else _timestamp(EPOCH)
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": page.language})
    _add(feed, "id", page.absolute_link("home"))
    _add(feed, "title", page.plain(site.settings.title))
    if site.settings.description:
        _add(feed, "subtitle", page.plain(site.settings.description))
    _add(feed, "updated", updated)
    ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml",
                                 "href": urls.absolute(site.settings.base_url,
                                                       urls.feed_path(page.language))})
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html",
                                 "href": page.absolute_link("home")})
    feed.extend(entries)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _entry(page: PageContext, sheet: Sheet) -> ET.Element:
    entry = ET.Element("entry")
    url = page.absolute_link("sheet", sheet.slug)
    published = _timestamp(sheet.first_published or EPOCH)
    _add(entry, "id", url)
    _add(entry, "title", page.plain(sheet.title))
    _add(entry, "published", published)
    _add(entry, "updated", _timestamp(sheet.updated))
    ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": url})
    names = [page.plain(editor.name) for editor in sheet.editors]
    for name in names or [page.plain(page.entity(sheet.source.publisher).name)]:
        _add(ET.SubElement(entry, "author"), "name", name)
    if sheet.summary:
        _add(entry, "summary", str(page.md(sheet.summary).striptags()))
    _add(entry, "content", _content_html(page, sheet), type="html")
    return entry


def _content_html(page: PageContext, sheet: Sheet) -> str:
    """The summary and the corrections, as HTML (escaped once more by the XML writer)."""
    parts = [str(page.md(sheet.summary))] if sheet.summary else []
    if sheet.corrections:
        items = "".join(f"<li>{page.date(c.date)}: {page.tr(c.text)}</li>"
                        for c in sheet.corrections)
        parts.append(f"<h2>{page.t('corrections')}</h2><ul>{items}</ul>")
    return "".join(parts)


def _add(parent: ET.Element, tag: str, text: str, **attributes) -> ET.Element:
    """A child element holding ``text``, less the characters XML 1.0 forbids (a control
    character, written in content or decoded from an entity such as ``&#14;``, would
    make the whole feed unreadable)."""
    element = ET.SubElement(parent, tag, attributes)
    element.text = XML_FORBIDDEN.sub("", text) if text else text
    return element



def _timestamp(date: str) -> str:
    """An RFC 3339 time for a full or partial date (2020-10 -> 2020-10-01T00:00:00Z)."""
    return full_date(date) + "T00:00:00Z"
