"""schema.org structured data (JSON-LD) for every page, agreeing with what the page shows.

The fact-sheet is an ``Article`` about the source, a ``NewsArticle`` with its publisher and
the outlet it cites; each claim is a ``Claim`` with its ``author`` (a Person or
Organization, or an anonymous source described in the report's own words) and its
``appearance`` in the source. Texts are in the page's language, like the visible page.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from .model import Attribution, Entity, Sheet

if TYPE_CHECKING:
    from .render import PageContext

ENTITY_TYPES = {"people": "Person", "organizations": "Organization", "places": "Place"}
MEDIA_KINDS = {"media"}


def script_data(data: dict) -> Markup:
    """JSON safe inside a <script> element: <, >, & and ' are escaped by Jinja's dumper."""
    return htmlsafe_json_dumps(data, dumps=_dumps)


def _dumps(value, **kwargs) -> str:
    return json.dumps(value, ensure_ascii=False, **kwargs)


def page_data(page: PageContext, sheet: Sheet | None = None,
              entity: Entity | None = None) -> dict:
    """The JSON-LD of one page."""
    if sheet is not None:
        return sheet_data(page, sheet)
    if entity is not None:
        return {"@context": "https://schema.org", **entity_data(page, entity),
                "mainEntityOfPage": page.canonical()}
    return {"@context": "https://schema.org", "@type": "WebPage", "url": page.canonical(),
            "inLanguage": page.language, "name": page.plain(page.site.settings.title),
            "isPartOf": _website(page)}


def sheet_data(page: PageContext, sheet: Sheet) -> dict:
    url = page.canonical()
    source = _news_article(page, sheet, url)
    data = {
        "@context": "https://schema.org", "@type": "Article", "@id": url + "#sheet", "url": url,
        "inLanguage": page.language, "headline": page.plain(sheet.title),
        "about": source, "isPartOf": _website(page),
        "hasPart": [_claim(page, claim, source["@id"], url) for claim in sheet.claims],
        "mentions": [_reference(page, page.entity(m.id)) for kind in ("people",
                     "organizations", "places") for m in sheet.mentions[kind]],
    }
    if sheet.summary:
        data["abstract"] = str(page.md(sheet.summary).striptags())
    if sheet.modified:
        data["dateModified"] = sheet.modified
    return data


def entity_data(page: PageContext, entity: Entity) -> dict:
    data = _reference(page, entity)
    if entity.role:
        data["jobTitle"] = page.plain(entity.role)
    if entity.description:
        data["description"] = page.plain(entity.description)
    if entity.kind == "places" and entity.lat is not None:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": entity.lat,
                       "longitude": entity.lon}
    if entity.geonames:
        data["sameAs"] = f"https://www.geonames.org/{entity.geonames}"
    return data


def _news_article(page: PageContext, sheet: Sheet, url: str) -> dict:
    source = sheet.source
    article = {"@type": "NewsArticle", "@id": url + "#source", "inLanguage": source.language,
               "headline": sheet.title.get(source.language, page.plain(sheet.title)),
               "publisher": _reference(page, page.entity(source.publisher))}
    if source.cites:
        article["citation"] = _reference(page, page.entity(source.cites))
    if source.published:
        article["datePublished"] = source.published
    if source.url:
        article["url"] = source.url
    return article


def _claim(page: PageContext, claim, source_id: str, url: str) -> dict:
    return {"@type": "Claim", "@id": f"{url}#{claim.id}", "text": page.plain(claim.text),
            "author": _author(page, claim.attribution),
            "appearance": [{"@type": "CreativeWork", "url": f"{url}#{sid}",
                            "isPartOf": {"@id": source_id}} for sid in claim.sentences]}


def _author(page: PageContext, who: Attribution) -> dict:
    if who.entity_id:
        return _reference(page, page.entity(who.entity_id))
    return {"@type": "Person", "name": page.t("anonymous_source"),
            "description": page.plain(who.anonymous)}


def _reference(page: PageContext, entity: Entity) -> dict:
    kind = ENTITY_TYPES[entity.kind]
    if entity.kind == "organizations" and entity.category in MEDIA_KINDS:
        kind = "NewsMediaOrganization"
    return {"@type": kind, "@id": page.absolute_link(entity.kind, entity.id),
            "name": page.plain(entity.name)}


def _website(page: PageContext) -> dict:
    return {"@type": "WebSite", "name": page.plain(page.site.settings.title),
            "url": page.site.settings.base_url}

