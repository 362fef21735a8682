"""The model made of checked content: site.yml, the registries and each sheet as typed
objects.

Builders here trust their input: ``checks`` has already refused anything malformed,
and pointed at the file, line and column of every problem: the model keeps no positions.
"""

from __future__ import annotations

from generator.content.loader import Document
from generator.content.project import Documents
from generator.model.drafts import select
from generator.model.editorial import review_of, roles_of
from generator.model.facts import (
    Attribution,
    Correction,
    Editor,
    Entity,
    Fact,
    Mention,
    Sentence,
    Sheet,
    SheetFile,
    Source,
)
from generator.model.site import MapSettings, Site, SiteSettings


def build_site_model(documents: Documents, drafts: bool = False) -> Site:
    """The whole site as typed objects; ``documents`` must have passed ``check``."""
    sheets = [sheet_model(slug, document) for slug, document in documents.sheets.items()]
    return site_model(documents.site, documents.registries, sheets, drafts)


def site_model(site: Document, registries: dict[str, Document], sheets: list[Sheet],
               drafts: bool = False) -> Site:
    """The site of checked site.yml and registries, and the sheets made (``sheet_model``):
    without ``drafts``, the drafts are left out (``drafts.select``)."""
    entities = {}
    for kind, document in registries.items():
        for entry in document.data or []:
            entities[entry["id"]] = _entity(kind, entry)
    chosen = select(dict(sorted(entities.items())), sheets, drafts)
    return Site(_settings(site.data), chosen.entities, chosen.sheets, chosen.marked,
                chosen.left_out)


def _settings(data: dict) -> SiteSettings:
    base_url = data["base_url"] if data["base_url"].endswith("/") else data["base_url"] + "/"
    map_data = data.get("map", {})
    return SiteSettings(
        title=data["title"], description=data.get("description", {}),
        languages=data["languages"], base_url=base_url, locales=data.get("locales", {}),
        digits=data.get("digits", {}), map=MapSettings(**map_data), cname=data.get("cname"),
        arabic_months=data.get("arabic_months"),
        allow=data.get("allow", {}))


def _entity(kind: str, entry: dict) -> Entity:
    relations = {}
    for relation in ("organization", "parent", "backers", "country"):
        if relation in entry:
            value = entry[relation]
            relations[relation] = value if isinstance(value, list) else [value]
    return Entity(
        kind=kind, id=entry["id"], name=entry["name"], aliases=entry.get("aliases", {}),
        description=entry.get("description", {}),
        status=entry.get("status", "reviewed"), role=entry.get("role", {}),
        category=entry.get("kind", ""), relations=relations, lat=entry.get("lat"),
        lon=entry.get("lon"), geonames=entry.get("geonames"), url=entry.get("url"),
        roles=roles_of(entry))


def sheet_model(slug: str, document: Document) -> Sheet:
    """One checked sheet as typed objects."""
    data = document.data
    source = data["source"]
    published = source.get("published", {})
    facts = {name: [_fact(name, item) for item in data.get(name, [])]
             for name in ("claims", "quotes", "timeline", "figures")}
    return Sheet(
        slug=slug,
        source=Source(seed=source["seed"], publisher=source["publisher"],
                      cites=source.get("cites"), language=source["language"],
                      published=published.get("date"),
                      approximate=published.get("approximate", False), url=source.get("url"),
                      headline=source.get("headline", {}),
                      archived_url=source.get("archived_url"),
                      cites_language=source.get("cites_language")),
        title=data["title"], summary=data.get("summary", {}), notes=data.get("notes", {}),
        text=[Sentence(s["id"], s["text"]) for s in data["text"]],
        mentions={kind: [Mention(m["id"], m["sentences"]) for m in data.get(kind, [])]
                  for kind in ("people", "organizations", "places")},
        file=SheetFile(document.path, document.digest),
        corrections=[Correction(c["date"], c["text"]) for c in data.get("corrections", [])],
        status=data.get("status", "reviewed"), published=data.get("published"),
        revised=data.get("updated"),
        editors=[Editor(e["name"], e.get("url")) for e in data.get("editors", [])], **facts)


FACT_KIND = {"claims": "claim", "quotes": "quote", "timeline": "event", "figures": "figure"}


def _fact(list_name: str, item: dict) -> Fact:
    get = item.get
    who = item["attributed_to"] if "attributed_to" in item else get("speaker")
    return Fact(FACT_KIND[list_name], item["id"],
                item["text"] if "text" in item else get("label", {}), item["sentences"],
                None if who is None else Attribution.parse(who), get("via"), get("date"),
                get("approximate", False), get("value"), get("inferred", False),
                review_of(get("review")))
