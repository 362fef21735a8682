"""Findings -> the text of a draft sheet and of the registry entries it needs.

Everything drafted says ``status: draft``. Arabic comes from the article; English only
where the gazetteer, lexicon or registry knows an entity's English name: every other
English text stays missing, so ``check`` reports it and the page marks it.
Offsets (characters of the seed) go in comments, so the schema stays as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.extract.analyze import REGISTRIES, Findings
from generator.extract.entry import Entry
from generator.extract.found import Found
from generator.extract.gazetteer import country_id
from generator.extract.ids import unique
from generator.extract.romanize import romanized
from generator.extract.yamltext import SCHEMA_LINE, block, flow, scalar
from generator.text.arabic import strip_marks

UNKNOWN_SPEAKER = "متحدث لم يُحدَّد"
"""Arabic for 'unidentified speaker': a quote's speaker is required, a person sets it."""
TODO_HEADLINE = "عنوان المقال: TODO"
"""The title of a draft whose seed has no headline line ('the article's title')."""
TODO_PUBLISHER = "todo-publisher"
"""The id a draft's publisher gets when the seed has no publisher line; one registry
entry, named TODO, stands for every such publisher until a person sets the real one."""


@dataclass
class Draft:
    """What extract will write: sheet items per section and new registry entries."""

    slug: str
    seed: str
    header: list[str]
    items: dict[str, list[tuple[dict, str]]] = field(default_factory=dict)
    """Section (text, quotes, ...) -> (item as data, comment) each."""
    entries: dict[str, list[list[str]]] = field(default_factory=dict)
    """Registry -> new entries as lines."""
    review: list[str] = field(default_factory=list)
    """What needs a human, one line each."""

    def sheet_text(self) -> str:
        lines = [*self.header]
        for section, items in self.items.items():
            if items:
                lines.append(f"{section}:")
                lines.extend(line for data, note in items for line in render(section, data,
                                                                             note))
        return "\n".join(lines) + "\n"


def render(section: str, data: dict, comment: str, indent: str = "  ") -> list[str]:
    """The lines of one sheet item; entity mentions take one line each."""
    if section in REGISTRIES:
        return [f"{indent}- {flow(data)}  # {comment}"]
    return block(data, indent=indent, comment=comment)


def make_draft(findings: Findings, slug: str, registry_ids: dict[str, set[str]]) -> Draft:
    """The draft for ``findings``; new entity ids avoid every id in ``registry_ids``."""
    if findings.publisher is None:
        findings.publisher = Entry(
            "organizations", TODO_PUBLISHER, {"ar": "الناشر: TODO", "en": "Publisher: TODO"},
            known=TODO_PUBLISHER in registry_ids.get("organizations", set()),
            fields={"kind": "media"})
    _assign_ids(findings, set().union(*registry_ids.values()))
    findings.place_ids = registry_ids.get("places", set()) | {
        f.entry.id for f in findings.entities["places"].values()}
    draft = Draft(slug, findings.source.name, _header(findings))
    _add(draft, "text", [_sentence(s) for s in findings.source.sentences])
    _add(draft, "claims", [_claim(findings, i, claim)
                           for i, claim in enumerate(findings.claims, 1)])
    _add(draft, "quotes", [_quote(findings, i, q, ids)
                           for i, (q, ids) in enumerate(findings.quotes, 1)])
    _add(draft, "timeline", _timeline(findings, draft))
    _add(draft, "figures", [_figure(findings, i, n, sid)
                            for i, (n, sid) in enumerate(findings.figures, 1)])
    for registry in REGISTRIES:
        found = list(findings.entities[registry].values())
        _add(draft, registry, [_mention(f) for f in found if f.sentences])
        draft.entries[registry] = [_entry_lines(f, findings, draft) for f in found
                                   if not f.entry.known]
    for outlet in (findings.publisher, findings.cites):
        if outlet and not outlet.known and outlet.id not in findings.entities["organizations"]:
            draft.entries["organizations"].append(_entry_lines(Found(outlet), findings, draft))
    _review_notes(findings, draft)
    return draft


def _add(draft: Draft, section: str, pairs: list[tuple[dict, str]]) -> None:
    draft.items[section] = pairs


def _assign_ids(findings: Findings, taken: set[str]) -> None:
    """New entities get ids no registry uses; known ones keep theirs."""
    entries = [f.entry for registry in REGISTRIES for f in findings.entities[registry].values()]
    entries = list({id(e): e for e in [*entries, findings.publisher, findings.cites]
                    if e}.values())
    taken |= {entry.id for entry in entries if entry.known}
    renamed = {}
    for entry in entries:
        if not entry.known:
            renamed[entry.id], entry.id = entry.id, unique(entry.id, taken)
    for claim in findings.claims:
        if isinstance(claim.source, str):
            claim.source = renamed.get(claim.source, claim.source)
        claim.via = renamed.get(claim.via, claim.via)
    for quote, _ in findings.quotes:
        if isinstance(quote.speaker, str):
            quote.speaker = renamed.get(quote.speaker, quote.speaker)
    for registry in REGISTRIES:
        found = findings.entities[registry]
        findings.entities[registry] = {f.entry.id: f for f in found.values()}


def _header(findings: Findings) -> list[str]:
    source = findings.source
    lines = [SCHEMA_LINE.format("sheet").rstrip("\n"),
             f"# Drafted by `build-site extract` from seeds/{source.name}: check every fact "
             "against the text,",
             "# write the English, then set status: reviewed. Comments give the character "
             "offsets in the seed.",
             "status: draft", "source:", f"  seed: {scalar(source.name)}"]
    todo = "  # TODO: no publisher line in the seed: set it" if (
        findings.publisher.id == TODO_PUBLISHER) else ""
    lines.append(f"  publisher: {findings.publisher.id}{todo}")
    if findings.cites:
        lines.append(f"  cites: {findings.cites.id}")
    lines.append("  language: ar")
    if findings.published:
        published = findings.published
        iso = "-".join(f"{part:02d}" for part in (published.year, published.month,
                                                   published.day) if part)
        lines.append(f"  published: {{date: {scalar(iso) if len(iso) == 4 else iso}}}")
    else:
        lines.append("  # published: {date: YYYY-MM-DD}  # TODO: no date found in the seed")
    if source.headline:
        return [*lines, "title:", f"  ar: {scalar(source.headline)}"]
    return [*lines, "title:",
            f"  ar: {scalar(TODO_HEADLINE)}  # TODO: no headline line in the seed: write it"]


def _span(start: int, end: int) -> str:
    return f"chars {start}-{end}"


def _sentence(sentence) -> tuple[dict, str]:
    data = {"id": sentence.id, "text": {"ar": sentence.text}}
    return data, _span(sentence.start, sentence.end)


def _quote(findings, n, quote, ids) -> tuple[dict, str]:
    speaker = quote.speaker
    if isinstance(speaker, dict):
        speaker = {"anonymous": {"ar": speaker["anonymous"]}}
    data = {"id": f"q{n}", "speaker": speaker or {"anonymous": {"ar": UNKNOWN_SPEAKER}},
            "text": {"ar": quote.text}, "sentences": ids}
    note = _span(quote.start, quote.end)
    note += "" if quote.quoted else "; no quotation marks in the text: check it is verbatim"
    note += "" if speaker else "; speaker not found: set it"
    return data, note


def _claim(findings, n, claim) -> tuple[dict, str]:
    """A claim: its sentence as the text, and who makes it (the outlet for its own voice)."""
    sentence = next(s for s in findings.source.sentences if s.id == claim.sentence)
    source, note = claim.source, ""
    if source == "narrator":
        outlet = findings.publisher
        source = outlet.id if outlet else {"anonymous": {"ar": "TODO: المصدر"}}
        note = "the outlet's own account" if outlet else "TODO: no publisher line; name the outlet"
    elif isinstance(source, dict):
        source = {"anonymous": {"ar": source["anonymous"]}}
    data = {"id": f"c{n}", "text": {"ar": sentence.text}, "attributed_to": source}
    if claim.via:
        data["via"] = claim.via
    data["sentences"] = [sentence.id]
    return data, note or "check who makes it and reword it as one claim"


def _timeline(findings: Findings, draft: Draft) -> list[tuple[dict, str]]:
    sentences = {s.id: s for s in findings.source.sentences}
    items = []
    for date, sid in findings.dates:
        if date.value is None:
            draft.review.append(f"{sid}: date '{date.text}' has no year; pass --published")
            continue
        data = {"id": f"e{len(items) + 1}", "date": date.value}
        if date.approximate:
            data["approximate"] = True
        data |= {"text": {"ar": sentences[sid].text}, "sentences": [sid]}
        items.append((data, f"'{date.text}', {_span(date.start, date.end)}"))
    return items


def _figure(findings, n, number, sid) -> tuple[dict, str]:
    sentence = next(s for s in findings.source.sentences if s.id == sid)
    label = number.counts or number.text
    data = {"id": f"f{n}", "value": number.value, "label": {"ar": label}, "sentences": [sid]}
    start = sentence.start + number.start
    return data, f"'{number.text}', {_span(start, start + len(number.text))}"


def _mention(found: Found) -> tuple[dict, str]:
    data = {"id": found.entry.id, "sentences": found.sentences}
    spans = ", ".join(f"{start}-{end}" for _, start, end in found.spans)
    return data, f"chars {spans}"


def _entry_lines(found: Found, findings: Findings, draft: Draft) -> list[str]:
    entry = found.entry
    data = {"id": entry.id, "status": "draft", "name": _name(found)}
    if entry.aliases:
        data["aliases"] = {"ar": [a for a in entry.aliases if a != data["name"]["ar"]]}
        data = data if data["aliases"]["ar"] else {k: v for k, v in data.items()
                                                   if k != "aliases"}
    data |= {k: v for k, v in entry.fields.items() if k != "geonames"}
    parent = _parent(entry, findings)
    if parent:
        data["parent"] = parent
    if "geonames" in entry.fields:
        data["geonames"] = entry.fields["geonames"]
    where = ", ".join(f"{sid} ({start}-{end})" for sid, start, end in found.spans[:5])
    comment = f"drafted from seeds/{findings.source.name}" + (f": {where}" if where else "")
    if entry.candidates:
        comment += "; ambiguous, also: " + "; ".join(entry.candidates[:3])
    if entry.registry == "people" and "en" not in entry.name and data["name"].get("en"):
        comment += "; needs_review: English name romanized by machine"
    return ["", *block(data, indent="", comment=comment)]


def _name(found: Found) -> dict:
    """The entry's names; a package place is named as the article spells it (طهران)."""
    name = dict(found.entry.name)
    if found.entry.fields.get("kind") == "city" and "geonames" in found.entry.fields:
        name["ar"] = found.spelling or name["ar"]
    if found.entry.registry == "people" and "en" not in name:
        english = romanized(strip_marks(name["ar"]))
        if english:
            name["en"] = english
    return name


def _parent(entry: Entry, findings: Findings) -> str | None:
    """The country a new city lies in, if that country is registered or drafted too."""
    if entry.registry != "places" or entry.fields.get("kind") == "country" or not entry.country:
        return None
    for found in findings.entities["places"].values():
        if found.entry.fields.get("kind") == "country" and found.entry.country == entry.country:
            return found.entry.id
    country = country_id(entry.country)
    return country if country in findings.place_ids else None


def _review_notes(findings: Findings, draft: Draft) -> None:
    for number, sid in findings.vague:
        draft.review.append(f"{sid}: '{number.text}' is a vague quantity; not a figure")
    for quote, ids in findings.quotes:
        if not quote.speaker:
            draft.review.append(f"{ids[0]}: quote without a speaker")
    new = sum(1 for r in REGISTRIES for f in findings.entities[r].values() if not f.entry.known)
    if new:
        draft.review.append(f"{new} new entities: check names, ids and coordinates, "
                            "add English names")
    draft.review.append("title, sentences, quotes, events and figures need English")
