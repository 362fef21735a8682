"""User documentation generated from the code: the field reference from the JSON Schemas
and the rule catalogue. Used as an MkDocs hook (see mkdocs.yml), so the published docs
can never disagree with what the program checks.
"""

from __future__ import annotations

import json

from generator.checks.catalogue import RULES
from generator.content.schema import SCHEMA_DIR, SCHEMA_NAMES

PLACEHOLDERS = {"<!-- schema-reference -->": "schema_reference",
                "<!-- rule-catalogue -->": "rule_catalogue"}
FILES = {"site": "content/site.yml", "people": "content/entities/people.yml",
         "organizations": "content/entities/organizations.yml",
         "places": "content/entities/places.yml", "sheet": "content/sheets/<slug>.yml"}


def on_page_markdown(markdown: str, **_) -> str:
    """MkDocs hook: replace each placeholder by its generated section."""
    for marker, name in PLACEHOLDERS.items():
        if marker in markdown:
            markdown = markdown.replace(marker, globals()[name]())
    return markdown


def schema_reference() -> str:
    sections = []
    common = _load("common")["$defs"]
    for name in SCHEMA_NAMES:
        schema = _load(name)
        root = schema.get("items", schema)
        rows = list(_fields(root, "", common))
        table = "\n".join(f"| `{path}` | {kind} | {'yes' if req else ''} | {text} |"
                          for path, kind, req, text in rows)
        sections.append(f"## `{FILES[name]}`\n\n{schema.get('title', '')}\n\n"
                        "| field | type | required | meaning |\n| --- | --- | --- | --- |\n"
                        f"{table}\n")
    return "\n".join(sections)


def rule_catalogue() -> str:
    parts = []
    for rule in RULES.values():
        mistake = "\n".join("    " + line for line in rule.mistake.splitlines())
        parts.append(f"### `{rule.id}`\n\n*{rule.severity}* — {rule.summary}\n\n"
                     f"Mistake:\n\n{mistake}\n\nFix: {rule.fix}\n")
    return "\n".join(parts)


def _load(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def _fields(schema: dict, prefix: str, common: dict):
    """(path, type, required, description) for every property, depth first."""
    required = set(schema.get("required", []))
    for key, sub in schema.get("properties", {}).items():
        path = f"{prefix}{key}"
        resolved = _resolve(sub, common)
        text = (sub.get("description") or resolved.get("description", "")).replace("|", "\\|")
        yield path, _type(resolved), key in required, text
        item = _resolve(resolved.get("items", {}), common)
        if resolved.get("type") == "object":
            yield from _fields(resolved, path + ".", common)
        elif isinstance(item, dict) and item.get("type") == "object":
            yield from _fields(item, path + "[].", common)


def _resolve(schema: dict, common: dict) -> dict:
    ref = schema.get("$ref", "")
    return {**common[ref.rsplit("/", 1)[-1]], **schema} if ref else schema


def _type(schema: dict) -> str:
    if "enum" in schema:  # a YAML boolean beside its word (false) is one choice
        words = dict.fromkeys(v if isinstance(v, str) else json.dumps(v) for v in schema["enum"])
        return " \\| ".join(f"`{word}`" for word in words)
    if "oneOf" in schema:
        return "id or anonymous"
    kind = schema.get("type", "")
    if kind == "object" and "propertyNames" in schema:
        return "text per language"
    if kind == "array":
        item = schema.get("items", {})
        return f"list of {item.get('type', 'object' if '$ref' in item else 'values')}"
    return kind
