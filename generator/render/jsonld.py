"""schema.org structured data (JSON-LD) for every page, agreeing with what the page shows.

The fact-sheet is an ``Article`` (its editors, its own dates) about the source, a
``NewsArticle`` with its publisher and the outlet it cites; each claim is a ``Claim`` with
its ``author`` (the ultimate source: a Person or Organization, an anonymous source
described in the report's own words, or the outlet itself), its ``appearance`` in the
source and, when it came through a cited outlet, its ``firstAppearance`` there. A claim
the editors reviewed is a ``ClaimReview`` of that Claim, with the properties search
engines require (``claimReviewed``, ``reviewRating`` with its ``alternateName``, ``url``)
and those they recommend. Texts are in the page's language, like the visible page.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from generator.model.chains import outlets
from generator.model.editorial import RATINGS
from generator.model.facts import Attribution, Entity, Fact, Sheet

if TYPE_CHECKING:
    from generator.render.context import PageContext

ENTITY_TYPES = {"people": "Person", "organizations": "Organization", "places": "Place"}
MEDIA_KINDS = {"media"}


def script_data(data: dict) -> Markup:
    """Compact JSON safe inside a <script> element: <, >, & and ' are escaped by Jinja's
    dumper."""
    return htmlsafe_json_dumps(data, dumps=_dumps)


def _dumps(value, **kwargs) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), **kwargs)


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
        "hasPart": [_claim_or_review(page, sheet, claim, source["@id"], url)
                    for claim in sheet.claims],
        "mentions": [_reference(page, page.entity(m.id)) for kind in ("people",
                     "organizations", "places") for m in sheet.mentions[kind]],
    }
    if sheet.summary:
        data["abstract"] = str(page.md(sheet.summary).striptags())
    if sheet.published:
        data["datePublished"] = sheet.published
    if sheet.modified:
        data["dateModified"] = sheet.modified
    if sheet.editors:
        data["author"] = [{"@type": "Person", "name": page.plain(editor.name),
                           **({"url": editor.url} if editor.url else {})}
                          for editor in sheet.editors]
    return data


def entity_data(page: PageContext, entity: Entity) -> dict:
    data = _reference(page, entity)
    titles = [page.plain(role.title) for role in entity.roles]
    if titles or entity.role:
        data["jobTitle"] = titles or page.plain(entity.role)
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
               "headline": source.headline.get(source.language, page.plain(sheet.title)),
               "publisher": _reference(page, page.entity(source.publisher))}
    if source.cites:
        article["citation"] = _reference(page, page.entity(source.cites))
    if source.published:
        article["datePublished"] = source.published
    if source.url:
        article["url"] = source.url
    if source.archived_url:
        article["archivedAt"] = source.archived_url
    return article


def _claim_or_review(page: PageContext, sheet: Sheet, claim: Fact, source_id: str,
                     url: str) -> dict:
    """The claim, or the ClaimReview of it when the editors reviewed it."""
    data = _claim(page, sheet, claim, source_id, url)
    return claim_review(page, claim, data, url) if claim.review.reviewed else data


def _claim(page: PageContext, sheet: Sheet, claim: Fact, source_id: str, url: str) -> dict:
    data = {"@type": "Claim", "@id": f"{url}#{claim.id}", "text": page.plain(claim.text),
            "author": _author(page, claim.attribution),
            "appearance": [{"@type": "CreativeWork", "url": f"{url}#{sid}",
                            "isPartOf": {"@id": source_id}} for sid in claim.sentences]}
    if sheet.source.published:
        data["datePublished"] = sheet.source.published
    chain = outlets(sheet, claim)
    if len(chain) > 1:  # it reached the source through another outlet's report
        data["firstAppearance"] = {"@type": "NewsArticle",
                                   "publisher": _reference(page, page.entity(chain[-1]))}
    return data


def claim_review(page: PageContext, claim: Fact, item: dict, url: str) -> dict:
    """The ClaimReview of a reviewed claim (``item``: the Claim's own data)."""
    review = claim.review
    verdict = page.t(f"verdict_{review.verdict}")
    rating = {"@type": "Rating", "alternateName": verdict, "name": verdict}
    if review.verdict in RATINGS:
        rating.update(ratingValue=RATINGS[review.verdict], bestRating=max(RATINGS.values()),
                      worstRating=min(RATINGS.values()))
    data = {"@type": "ClaimReview", "@id": f"{url}#{claim.id}-review", "url": f"{url}#{claim.id}",
            "claimReviewed": item["text"], "reviewRating": rating, "itemReviewed": item,
            "inLanguage": page.language, "datePublished": review.checked,
            "author": {"@type": "Organization", "name": page.plain(page.site.settings.title),
                       "url": page.site.settings.base_url}}
    if review.explanation:
        data["reviewBody"] = str(page.md(review.explanation).striptags())
    data["citation"] = [_evidence(item) for item in review.evidence]
    return data


def _evidence(evidence) -> dict:
    data = {"@type": "CreativeWork", "name": evidence.title, "url": evidence.url}
    if evidence.publisher:
        data["publisher"] = {"@type": "Organization", "name": evidence.publisher}
    if evidence.date:
        data["datePublished"] = evidence.date
    if evidence.archived_url:
        data["archivedAt"] = evidence.archived_url
    return data


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

