#!/usr/bin/env python3
"""What a built site's pages are made of: bytes per page, by kind and by part.

Usage: python bench/page_bytes.py SITE_OR_PROJECT [--build] [--json]

Given a project folder (with ``content/``), reads its ``site/``, building it first when
there is none or with ``--build``; given a ``site/`` folder, reads it as it is. Prints, per
kind of page (landing, home, sheet, people/organizations/places, map, archive, search,
about, 404), how many pages there are and the mean bytes per page, split into:

- text: visible text (outside tags, scripts and styles; runs of white space as one);
- markup: tags, attributes and the head's links and metas;
- json-ld: inline ``<script type="application/ld+json">`` elements;
- code: inline scripts a browser runs (``<script>`` without ``src``);
- data: other inline data blocks (``<script type="application/json">``: a map's data);
- css/svg: inline ``<style>`` and ``<svg>`` elements, and ``style=`` attributes;
- repeated: blocks of 1 KB or more the same on every page of the kind (in one language
  when the kind has several pages a language, else across languages): what a shared asset
  could hold once. Found by comparing the pages: runs of the first page whose every
  8-token window is in every other page, kept when the run itself is. Their bytes are
  counted here and in no other column.

Then the site's files: HTML pages, data exports, search index, other assets, total bytes
and files per sheet. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
MIN_BLOCK = 1024
"""A repeated block counts from this many bytes (UTF-8)."""
WINDOW = 8
"""Tokens per window when looking for blocks common to every page."""
KINDS = ("landing", "home", "sheet", "people", "organizations", "places", "map", "archive",
         "search", "about", "404")
PARTS = ("text", "markup", "json-ld", "code", "data", "css/svg", "repeated")
TOKEN = re.compile(r"<[^>]*>|[^<\n,;{}]+|[\n,;{}]")
ELEMENT = re.compile(r"<(script|style|svg)\b([^>]*)>.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
TAG = re.compile(r"<[^>]*>")
RUNS = re.compile(rb"\x00+|\x01+|\x02+|\x03+|\x04+|\x05+")
TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""")
CODE_TYPES = {"", "module", "text/javascript", "application/javascript"}
STYLE_ATTRIBUTE = re.compile(r"""\sstyle\s*=\s*(?:"[^"]*"|'[^']*')""", re.IGNORECASE)


def page_kind(relative: Path) -> tuple[str, str] | None:
    """(kind, language) of an HTML file of the site, or None if it is not a page."""
    parts = relative.parts
    if parts == ("index.html",):
        return "landing", "-"
    if parts[-1] == "404.html":
        return "404", parts[0] if len(parts) == 2 else "-"
    if parts[-1] != "index.html" or len(parts) < 2:
        return None
    language, rest = parts[0], parts[1:-1]
    if not rest:
        return "home", language
    if rest[0] in ("sheets", "people", "organizations", "places"):
        return ("sheet" if rest[0] == "sheets" else rest[0]), language
    if rest[0] in KINDS:
        return rest[0], language
    return None


def split_page(html: str, repeated: list[tuple[int, int]]) -> dict[str, int]:
    """Bytes of each part of one page; ``repeated``: character spans of repeated blocks."""
    mask = bytearray(len(html))  # 0: text or markup; n: PARTS[n + 1]
    for match in ELEMENT.finditer(html):
        name, attributes = match[1].lower(), match[2].lower()
        if name == "script" and "src=" in attributes:
            continue
        part = (4 if name != "script" else 1 if "ld+json" in attributes
                else 2 if _script_type(attributes) in CODE_TYPES else 3)
        mask[match.start():match.end()] = bytes([part]) * (match.end() - match.start())
    for match in STYLE_ATTRIBUTE.finditer(html):
        mask[match.start():match.end()] = b"\x04" * (match.end() - match.start())
    for start, end in repeated:
        mask[start:end] = b"\x05" * (end - start)
    sizes = dict.fromkeys(PARTS, 0)
    body = max(html.find("<body"), 0)
    for run in RUNS.finditer(bytes(mask)):
        start, end, part = run.start(), run.end(), mask[run.start()]
        if part:
            sizes[PARTS[part + 1]] += len(html[start:end].encode("utf-8"))
            continue
        head, rest = html[start:max(start, min(end, body))], html[max(start, body):end]
        text = " ".join(" ".join(TAG.split(rest)).split())
        sizes["text"] += len(text.encode("utf-8"))
        sizes["markup"] += len((head + rest).encode("utf-8")) - len(text.encode("utf-8"))
    return sizes


def _script_type(attributes: str) -> str:
    found = TYPE.search(attributes)
    return found[1] if found else ""


def repeated_blocks(pages: list[str]) -> list[str]:
    """Blocks of at least MIN_BLOCK bytes found verbatim in every one of ``pages``."""
    if len(pages) < 2:
        return []
    tokens = [TOKEN.findall(page) for page in pages]
    common = _windows(tokens[0])
    for other in tokens[1:]:
        common &= _windows(other)
        if not common:
            return []
    first = tokens[0]
    covered = [False] * len(first)
    for i in range(len(first) - WINDOW + 1):
        if tuple(first[i:i + WINDOW]) in common:
            covered[i:i + WINDOW] = [True] * WINDOW
    blocks, start = [], None
    for i, inside in enumerate([*covered, False]):
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            block = "".join(first[start:i])
            if len(block.encode("utf-8")) >= MIN_BLOCK and all(block in p for p in pages):
                blocks.append(block)
            start = None
    return blocks


def _windows(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i:i + WINDOW]) for i in range(len(tokens) - WINDOW + 1)}


def spans(html: str, blocks: list[str]) -> list[tuple[int, int]]:
    found = []
    for block in blocks:
        start = html.find(block)
        if start >= 0:
            found.append((start, start + len(block)))
    return found


def measure(site: Path) -> dict:
    """The breakdown of every kind of page, and the site's files."""
    groups: dict[tuple[str, str], list[Path]] = defaultdict(list)
    files = {"pages": 0, "data": 0, "search": 0, "assets": 0, "other": 0}
    sizes = dict.fromkeys(files, 0)
    for root, _dirs, names in os.walk(site):
        for name in names:
            path = Path(root, name)
            relative = path.relative_to(site)
            group = _file_group(relative)
            files[group] += 1
            sizes[group] += path.stat().st_size
            kind = page_kind(relative) if name.endswith(".html") else None
            if kind:
                groups[kind].append(path)
    kinds: dict[str, dict] = {}
    for kind in KINDS:
        by_language = {lang: paths for (k, lang), paths in groups.items() if k == kind}
        if not by_language:
            continue
        several = any(len(paths) > 1 for paths in by_language.values())
        comparisons = (list(by_language.values()) if several
                       else [[p for paths in by_language.values() for p in paths]])
        totals = dict.fromkeys(PARTS, 0)
        count, biggest = 0, []
        for paths in comparisons:
            pages = [p.read_text("utf-8") for p in sorted(paths)]
            blocks = repeated_blocks(pages)
            biggest += [(len(b.encode("utf-8")), b[:70]) for b in blocks]
            for html in pages:
                for part, size in split_page(html, spans(html, blocks)).items():
                    totals[part] += size
                count += 1
        kinds[kind] = {"pages": count, "mean": {p: totals[p] / count for p in PARTS},
                       "blocks": sorted(biggest, reverse=True)[:6]}
    sheets = sum(len(paths) for (k, _lang), paths in groups.items() if k == "sheet")
    languages = len({lang for (k, lang) in groups if k == "sheet"}) or 1
    return {"kinds": kinds, "files": files, "bytes": sizes, "sheets": sheets // languages}


def _file_group(relative: Path) -> str:
    parts = relative.parts
    if relative.suffix == ".html":
        return "pages"
    if parts[0] == "data":
        return "data"
    if parts[0] == "assets" and len(parts) > 1 and parts[1].startswith("pagefind"):
        return "search"
    if parts[0] == "assets":
        return "assets"
    return "other"


def report(result: dict) -> str:
    lines = [f"{'kind':<14}{'pages':>6}{'bytes':>9}" + "".join(f"{p:>9}" for p in PARTS)]
    for kind, row in result["kinds"].items():
        mean = row["mean"]
        lines.append(f"{kind:<14}{row['pages']:>6}{sum(mean.values()):>9.0f}"
                     + "".join(f"{mean[p]:>9.0f}" for p in PARTS))
    pages = sum(r["pages"] for r in result["kinds"].values())
    weighted = sum(sum(r["mean"].values()) * r["pages"] for r in result["kinds"].values())
    lines.append(f"{'all pages':<14}{pages:>6}{weighted / max(pages, 1):>9.0f}")
    lines.append("")
    lines.append("repeated blocks (bytes, start) still on every page of a kind:")
    for kind, row in result["kinds"].items():
        for size, start in row["blocks"]:
            lines.append(f"  {kind:<14}{size:>7}  {start!r}")
    if not any(row["blocks"] for row in result["kinds"].values()):
        lines.append("  none")
    lines.append("")
    sheets = max(result["sheets"], 1)
    lines.append(f"{'files':<10}{'count':>8}{'per sheet':>11}{'bytes':>14}")
    for group, count in result["files"].items():
        lines.append(f"{group:<10}{count:>8}{count / sheets:>11.2f}{result['bytes'][group]:>14,}")
    total = sum(result["files"].values())
    lines.append(f"{'total':<10}{total:>8}{total / sheets:>11.2f}"
                 f"{sum(result['bytes'].values()):>14,}")
    lines.append(f"sheets: {result['sheets']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, help="a project (with content/) or a built site")
    parser.add_argument("--build", action="store_true", help="build the project first")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    folder = args.folder.resolve()
    site = folder
    if (folder / "content").is_dir():
        site = folder / "site"
        if args.build or not site.is_dir():
            environment = {**os.environ, "PYTHONPATH": str(HERE.parent)}
            subprocess.run([sys.executable, "-m", "generator.cli", "--project", str(folder),
                            "build", "--quiet"], check=True, env=environment)
    result = measure(site)
    print(json.dumps(result, indent=1) if args.json else report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
