"""Writing YAML by hand-edited-file conventions: block style, flow style for short
mappings ({ar: ..., en: ...}) and lists of ids, comments beside values.

PyYAML quotes each scalar (so Arabic with colons or quotes stays valid); the layout is
ours, so drafts look like the shipped content and merge can append to them line by line.
"""

from __future__ import annotations

import yaml

SCHEMA_LINE = "# yaml-language-server: $schema=../../generator/schemas/{}.schema.json\n"


def scalar(value) -> str:
    """One scalar as YAML, quoted only when it must be."""
    text = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_style=None)
    return text.removesuffix("\n...\n").rstrip("\n")


def flow(value) -> str:
    """A short mapping or list on one line: {ar: بغداد, en: Baghdad}, [s1, s2]."""
    text = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, sort_keys=False,
                          default_flow_style=True)
    return text.rstrip("\n")


def block(item: dict, indent: str = "  ", comment: str = "") -> list[str]:
    """A list item as block lines: ``- id: x  # comment`` then one line per field.

    Text mappings with one short line per language are written in flow style; longer
    texts get one line per language, as in the shipped sheets.
    """
    lines = []
    for n, (name, value) in enumerate(item.items()):
        lead = f"{indent}- " if n == 0 else f"{indent}  "
        lines.extend(_field(lead, name, value, indent + "  ",
                            comment if n == 0 else ""))
    return lines


def _field(lead: str, name: str, value, indent: str, comment: str) -> list[str]:
    note = f"  # {comment}" if comment else ""
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()) and (
            sum(len(v) for v in value.values()) > 60):
        return [f"{lead}{name}:{note}",
                *(f"{indent}  {lang}: {scalar(text)}" for lang, text in value.items())]
    if isinstance(value, (dict, list)):
        return [f"{lead}{name}: {flow(value)}{note}"]
    return [f"{lead}{name}: {scalar(value)}{note}"]
