"""Machine-readable copies of the facts under ``site/data/``, so nobody has to scrape.

- ``facts.json``: the whole content, with a schema version;
- ``sheets/<slug>.json`` and ``sheets/<slug>.yml`` (the original file, byte for byte);
- ``claims.csv``: one row per claim, UTF-8 with a BOM so spreadsheets open Arabic right;
- ``places.geojson``: every place as a GeoJSON point (RFC 7946: longitude first).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from functools import cache, partial

from generator.digests import Store, digest
from generator.model.chains import outlets, source_kind
from generator.model.facts import Entity, Fact, Sheet
from generator.model.site import Site
from generator.outputs.files import Streamed, Unread
from generator.render import urls

EXPORT_VERSION = "1.0"
"""Version of the export format; raise the major number when a field changes meaning."""


def export_files(site: Site, kept: Store) -> Iterator[tuple[str, bytes | Unread | Streamed]]:
    """Every export, as (``site/`` path, bytes), one at a time. A sheet whose file is
    unchanged since the last build is not converted again: its exports are in ``kept``."""
    languages = site.settings.languages
    claims = []
    """Each sheet's rows of claims.csv: a few kilobytes a sheet, while its JSON is kept
    (``facts.json`` fetches it)."""
    for sheet in site.sheets:
        export = _sheet_export(sheet, languages, kept)
        yield f"data/sheets/{sheet.slug}.json", Unread(export.digest, export.json)
        yield f"data/sheets/{sheet.slug}.yml", _original(sheet)
        claims.append(export.claims)
    yield "data/facts.json", Streamed(lambda: facts_json(site, kept))
    kept.save()
    yield "data/claims.csv", Streamed(lambda: claims_csv(languages, claims))
    yield "data/places.geojson", _json(places_geojson(site))


def _original(sheet: Sheet) -> bytes | Unread:
    """The sheet's file as it is: its digest is known from loading, so it is read only
    when the old site's copy differs."""
    path = sheet.file.path
    if sheet.file.digest is None:
        return path.read_bytes()
    return Unread(sheet.file.digest, path.read_bytes)


def facts_json(site: Site, kept: Store) -> Iterator[bytes]:
    """The whole content as one document, in pieces: the sheets last, each as its own
    export (from ``kept``, where ``_sheet_export`` put it). Tens of megabytes for a big
    site, never held whole."""
    head = _json({
        "version": EXPORT_VERSION,
        "site": {"title": site.settings.title, "languages": site.settings.languages,
                 "base_url": site.settings.base_url},
        "entities": [_entity(entity) for entity in site.entities.values()],
    })
    yield head[:-2] + b',"sheets":['
    for number, sheet in enumerate(site.sheets):
        yield (b"," if number else b"") + _sheet_json(sheet, kept)[:-1]
    yield b"]}\n"


@dataclass(frozen=True)
class SheetExport:
    """What one sheet puts in the exports."""

    digest: str
    """``digests.digest`` of its JSON file: an unchanged one is linked, never read."""
    json: Callable[[], bytes]
    """Its JSON file's bytes (one line)."""
    claims: bytes
    """Its rows of claims.csv."""


def _sheet_export(sheet: Sheet, languages: list[str], kept: Store) -> SheetExport:
    """The sheet's exports. A sheet is made from its own file alone, so they are kept by
    the digest of that file's bytes (and the site's languages, the columns of the CSV):
    the digest of its JSON and its claims apart from the JSON, which is read only when
    it must be written (a big site's are tens of megabytes)."""
    file = sheet.file.digest
    key = ("summary", sheet.slug, file, *languages)
    summary = kept.get(key) if file else None
    if summary is not None:
        return SheetExport(summary[0], partial(_sheet_json, sheet, kept), summary[1])
    data = _sheet_json(sheet, kept)
    export = SheetExport(digest(data), lambda: data, _claim_rows(sheet, languages))
    if file:
        kept.put(key, (export.digest, export.claims))
    return export


def _sheet_json(sheet: Sheet, kept: Store) -> bytes:
    """The sheet's JSON file (one line), kept by the digest of the sheet's file."""
    file = sheet.file.digest
    key = ("json", sheet.slug, file)
    data = kept.get(key) if file else None
    if data is None:
        data = _json(sheet_document(sheet))
        if file:
            kept.put(key, data)
    return data


def sheet_document(sheet: Sheet) -> dict:
    return {
        "version": EXPORT_VERSION,
        "slug": sheet.slug,
        "status": sheet.status,
        "published": sheet.published,
        "updated": sheet.modified,
        "editors": _plain(sheet.editors),
        "source": _plain(sheet.source),
        "title": sheet.title,
        "summary": sheet.summary,
        "notes": sheet.notes,
        "text": [_plain(sentence) for sentence in sheet.text],
        "facts": [_fact(fact, sheet) for fact in sheet.facts()],
        "mentions": {kind: [_plain(m) for m in mentions]
                     for kind, mentions in sheet.mentions.items()},
    }


def claims_csv(languages: list[str], claims: list[bytes]) -> Iterator[bytes]:
    """One row per claim, in pieces (a sheet's rows at a time, as ``_claim_rows`` made
    them): a big site's table is megabytes of Arabic."""
    out = io.StringIO()
    out.write("\ufeff")
    csv.writer(out, lineterminator="\r\n").writerow(
        ["sheet", "claim", *[f"text_{lang}" for lang in languages], "attributed_to",
         *[f"anonymous_{lang}" for lang in languages], "via", "sentences", "source_kind",
         "chain", "verdict", "checked"])
    yield out.getvalue().encode("utf-8")
    yield from claims


def _claim_rows(sheet: Sheet, languages: list[str]) -> bytes:
    """The sheet's rows of claims.csv, UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for claim in sheet.claims:
        who = claim.attribution
        anonymous = who.anonymous or {}
        texts = [claim.text.get(lang, "") for lang in languages]
        descriptions = [anonymous.get(lang, "") for lang in languages]
        writer.writerow([sheet.slug, claim.id, *map(inert_cell, texts), who.entity_id or "",
                         *map(inert_cell, descriptions), claim.via or "",
                         " ".join(claim.sentences), source_kind(sheet, claim),
                         " > ".join(outlets(sheet, claim)), claim.review.verdict,
                         claim.review.checked or ""])
    return out.getvalue().encode("utf-8")


FORMULA_STARTS = frozenset("=+-@\t\r")


def inert_cell(text: str) -> str:
    """A text cell a spreadsheet shows as text: one that would start a formula (``=``,
    ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading apostrophe, as OWASP
    advises against CSV injection."""
    return "'" + text if text[:1] in FORMULA_STARTS else text


def places_geojson(site: Site) -> dict:
    default = site.settings.languages[0]
    features = []
    for place in site.of_kind("places"):
        features.append({
            "type": "Feature",
            "id": place.id,
            "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
            "properties": {
                "id": place.id, "name": place.name, "kind": place.category,
                "geonames": place.geonames,
                "sheets": [sheet.slug for sheet in site.sheets_about(place.id)],
                "url": urls.absolute(site.settings.base_url,
                                     urls.page_path("places", default, place.id)),
            },
        })
    return {"type": "FeatureCollection", "features": features}


def _entity(entity: Entity) -> dict:
    data = _plain(entity)
    return {key: value for key, value in data.items() if value not in (None, {}, [], "")}


def _fact(fact: Fact, sheet: Sheet) -> dict:
    """A fact as exported, with the chain it comes through (claims: and its review)."""
    data = _plain(fact)
    if fact.attribution is not None:
        data["chain"] = {"outlets": outlets(sheet, fact), "source": source_kind(sheet, fact)}
    if fact.kind != "claim":
        del data["review"]
    return {key: value for key, value in data.items() if value not in (None, {}, [])}


def _plain(value):
    """``value`` with its dataclasses (at any depth, in lists and dicts) as dicts of their
    fields: what ``dataclasses.asdict`` gives, without the deep copy of every value that
    made it most of an export's time."""
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in _fields(type(value))}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


@cache
def _fields(kind: type) -> tuple[str, ...]:
    return tuple(field.name for field in fields(kind))


def _json(value) -> bytes:
    """Compact JSON, one document per line: the C encoder (indenting falls back to Python's,
    several times slower on a newsroom's thousands of sheets)."""
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
