"""Adding a draft to files a person may have edited: by inserting lines, never by
rewriting them. A YAML round-trip would lose comments, order and quoting; here every
existing line stays byte for byte, and ``keeps_every_line`` proves it before writing.
The one line ever taken out is a registry's empty ``[]`` (as ``init`` writes it), which
block items cannot follow.
"""

from __future__ import annotations

import re

import yaml

from generator.errors import BuildError
from generator.extract.draft import Draft, render
from generator.extract.yamltext import SCHEMA_LINE
from generator.text.arabic import key

FACTS = ("quotes", "timeline", "figures")
MENTIONS = ("people", "organizations", "places")


def append_entries(text: str | None, registry: str, entries: list[list[str]],
                   seed: str) -> str:
    """The registry file with ``entries`` appended (a new file if ``text`` is None)."""
    if text is None:
        text = SCHEMA_LINE.format(registry)
    if not entries:
        return text
    text = _open_list(text, registry)
    text = text if text.endswith("\n") else text + "\n"
    lines = ["", f"# --- drafted by `build-site extract` from seeds/{seed} ---"]
    lines += [line for entry in entries for line in entry]
    return text + "\n".join(lines) + "\n"


EMPTY_VALUE = re.compile(r"(?m)^[ \t]*(\[[ \t]*\]|~|null|Null|NULL)[ \t]*(#.*)?$\n?")
"""A line that makes a registry an empty list or null: ``[]`` as ``build-site init``
writes it, ``[ ]  # none yet``, ``~``, ``null``."""


def _open_list(text: str, registry: str) -> str:
    """``text`` ready for block items: an empty ``[]`` (or null) line gives way to its
    comment, if any; every other line stays. A registry that is empty or only comments
    needs nothing; a flow list with entries cannot take block items and is refused."""
    data = yaml.safe_load(text)
    if data is None or data == []:
        opened = EMPTY_VALUE.sub(lambda m: f"{m.group(2)}\n" if m.group(2) else "", text)
        if yaml.safe_load(opened) is None:
            return opened
    if not re.search(r"(?m)^-", text):
        raise BuildError(f"content/entities/{registry}.yml is written as one flow list "
                         "[...]: write its entries as block items ('- id: ...') so new "
                         "ones can be appended")
    return text


def merge_sheet(text: str, data: dict, draft: Draft) -> tuple[str, list[str]]:
    """``text`` (a sheet) with the draft's facts and mentions it lacks; and a report."""
    sentence_ids = _sentence_map(data, draft)
    report, lines = [], text.splitlines()
    for section in (*FACTS, *MENTIONS):
        new = _missing(section, data.get(section) or [], draft.items.get(section, []),
                       sentence_ids, report)
        if new:
            lines = _insert(lines, section, new, report)
    merged = "\n".join(lines) + "\n"
    if not keeps_every_line(text, merged):
        raise BuildError("internal error: merge would change existing lines; nothing written")
    return merged, report


def keeps_every_line(old: str, new: str) -> bool:
    """True if every line of ``old`` is in ``new``, unchanged and in the same order."""
    remaining = iter(new.splitlines())
    return all(any(line == candidate for candidate in remaining) for line in old.splitlines())


def _sentence_map(data: dict, draft: Draft) -> dict[str, str]:
    """Draft sentence id -> the id the sheet gives the same Arabic sentence."""
    existing = {key(s["text"].get("ar", "")): s["id"] for s in data.get("text") or []}
    return {item["id"]: existing[key(item["text"]["ar"])]
            for item, _ in draft.items.get("text", []) if key(item["text"]["ar"]) in existing}


def _missing(section, existing, candidates, sentence_ids, report) -> list[tuple[dict, str]]:
    """The candidates the sheet does not have yet, renumbered and re-pointed."""
    found, numbers = [], [int(item["id"][1:]) for item in existing
                          if section in FACTS and str(item.get("id", ""))[1:].isdigit()]
    next_number = max(numbers, default=0) + 1
    for item, note in candidates:
        sentences = [sentence_ids.get(s) for s in item["sentences"]]
        if None in sentences:
            report.append(f"{section}: {item['id']} skipped: its sentence is not in the sheet")
            continue
        item = {**item, "sentences": sentences}
        if any(_same(section, item, old) for old in [*existing, *(f for f, _ in found)]):
            continue
        if section in FACTS:
            item = {**item, "id": f"{item['id'][0]}{next_number}"}
            next_number += 1
        found.append((item, note))
    return found


def _same(section: str, new: dict, old: dict) -> bool:
    if section in MENTIONS:
        return new["id"] == old.get("id")
    overlap = set(new["sentences"]) & set(old.get("sentences") or [])
    if section == "quotes":
        return key(new["text"]["ar"]) == key((old.get("text") or {}).get("ar", ""))
    if section == "timeline":
        return bool(overlap) and str(old.get("date")) == new["date"]
    return bool(overlap) and old.get("value") == new["value"]


def _insert(lines: list[str], section: str, items, report) -> list[str]:
    """``lines`` with ``items`` inserted after the last line of ``section``'s block."""
    start = next((i for i, line in enumerate(lines) if re.match(rf"{section}:", line)), None)
    if start is None:
        new = [f"{section}:", *(x for item, note in items for x in render(section, item, note))]
        return [*lines, *new]
    if not re.fullmatch(rf"{section}:\s*(#.*)?", lines[start]):
        report.append(f"{section}: written in flow style; {len(items)} item(s) not merged")
        return lines
    end, indent = start + 1, "  "
    for i in range(start + 1, len(lines)):
        if lines[i].strip() and not lines[i].startswith((" ", "-", "#")):
            break
        if lines[i].strip() and not lines[i].lstrip().startswith("#"):
            end = i + 1
    first = next((line for line in lines[start + 1:end] if line.lstrip().startswith("-")), "")
    indent = first[:len(first) - len(first.lstrip())] if first else indent
    new = [x for item, note in items for x in render(section, item, note, indent)]
    report.append(f"{section}: {len(items)} added")
    return [*lines[:end], *new, *lines[end:]]
