"""JSON Schemas of the content files, and schema violations as located problems.

The schemas ship in ``generator/schemas/`` so editors can validate while the author types
(each content file names its schema on its first line); the build uses the same files.
"""

from __future__ import annotations

import difflib
import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from generator.content.loader import Document
from generator.errors import Problem

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, ValidationError

SCHEMA_DIR = Path(__file__).parents[1] / "schemas"
SCHEMA_NAMES = ("site", "sheet", "people", "organizations", "places")


def schema_files() -> dict[str, bytes]:
    """The JSON Schemas as published in the site (``schema/<name>.schema.json``)."""
    return {f"schema/{path.name}": path.read_bytes()
            for path in sorted(SCHEMA_DIR.glob("*.schema.json"))}


def _load(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


@cache
def validator(name: str) -> Draft202012Validator:
    """A validator for one content kind, resolving ``common.schema.json`` references.
    jsonschema is imported only here: files the fast check accepts (nearly all, and all
    of an unchanged site's) never need it; it says what is wrong, and where."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    common = Resource.from_contents(_load("common"))
    registry = Registry().with_resource("common.schema.json", common)
    return Draft202012Validator(_load(name), registry=registry)


@cache
def _common_patterns() -> dict[str, str]:
    """Pattern -> rule id, so a pattern failure can say what kind of value was wrong."""
    defs = _load("common")["$defs"]
    return {defs["id"]["pattern"]: "schema-id", defs["date"]["pattern"]: "schema-date",
            defs["url"]["pattern"]: "schema-url", defs["lang"]["pattern"]: "schema-language"}


@cache
def fast_validator(name: str):
    """jsonschema-rs's validator for one content kind: whether a file is valid, some 30
    times faster than jsonschema (which is then asked only about the files it refuses)."""
    import jsonschema_rs

    registry = jsonschema_rs.Registry([("common.schema.json", _load("common"))])
    return jsonschema_rs.validator_for(_load(name), registry=registry)


def accepts(name: str, data) -> bool:
    """True when the data is certainly valid; False when jsonschema must look (it is
    invalid, or holds a value jsonschema-rs does not take)."""
    try:
        return fast_validator(name).is_valid(data)
    except ValueError:  # a value JSON has no type for
        return False


def check_schema(document: Document, name: str) -> list[Problem]:
    """Every schema violation of the document, each at the line of its cause."""
    if accepts(name, document.data):
        return []  # certainly valid: jsonschema would find nothing, slowly
    errors = validator(name).iter_errors(document.data)
    return [_problem(document, error) for error in sorted(errors, key=_error_order)]


def _error_order(error: ValidationError) -> tuple:
    return tuple(str(part) for part in error.absolute_path), error.validator


def _problem(document: Document, error: ValidationError) -> Problem:
    path = tuple(error.absolute_path)
    kind = error.validator
    if kind == "additionalProperties":
        return _unknown_fields(document, error, path)
    if kind == "required":
        missing = error.message.split("'")[1]
        return document.problem(path, f"missing required field '{missing}'", "schema-required")
    if kind == "propertyNames":
        return _bad_key(document, error, path)
    if kind == "type":
        expected = _type_name(error.validator_value)
        return document.problem(path, f"{_field(path)} must be {expected}, "
                                f"not {_describe(error.instance)}", "schema-type")
    if kind in ("minimum", "maximum"):
        return document.problem(path, f"{_field(path)} is {error.instance}, outside the allowed "
                                f"range {_range(error.schema)}", "schema-range")
    if kind == "pattern":
        return _pattern(document, error, path)
    if kind == "enum":
        choices = ", ".join(str(v) for v in error.validator_value)
        hint = _did_you_mean(str(error.instance), [str(v) for v in error.validator_value])
        return document.problem(path, f"{_field(path)} '{error.instance}' is not one of: "
                                f"{choices}{hint}", "schema-enum")
    if kind == "oneOf":
        return document.problem(path, f"{_field(path)} must be an entity id or "
                                "{anonymous: {<lang>: <description>}}", "schema-attribution")
    return document.problem(path, f"{_field(path)}: {error.message}", "schema-invalid")


def _unknown_fields(document: Document, error: ValidationError, path: tuple) -> Problem:
    allowed = sorted(error.schema.get("properties", {}))
    unknown = sorted(set(error.instance) - set(allowed))
    name = unknown[0]
    message = f"unknown field '{name}'{_did_you_mean(name, allowed)}"
    return document.problem(path + (name,), message, "schema-unknown-field", key=True)


def _bad_key(document: Document, error: ValidationError, path: tuple) -> Problem:
    bad = error.instance if isinstance(error.instance, str) else None
    if bad is None:
        keys = [key for key in error.instance if not isinstance(key, str)]
        bad = keys[0] if keys else "?"
    return document.problem(path + (bad,), f"'{bad}' is not a language code (e.g. ar, en)",
                            "schema-language", key=True)


def _pattern(document: Document, error: ValidationError, path: tuple) -> Problem:
    rule = _common_patterns().get(error.validator_value, "schema-pattern")
    what = {"schema-id": "an id must be lower-case ASCII letters and digits joined by hyphens, "
                         "e.g. mike-pompeo",
            "schema-date": "a date must be YYYY-MM-DD, YYYY-MM or YYYY",
            "schema-url": "a URL must start with http:// or https://",
            "schema-language": "a language code is two or three lower-case letters (ar, en)"}.get(
        rule, _sentence_case(error.schema.get("description", "")) or
        f"it must match {error.validator_value}")
    return document.problem(path, f"{_field(path)} '{error.instance}' is malformed: {what}", rule)


def _sentence_case(text: str) -> str:
    return (text[:1].lower() + text[1:]).rstrip(".")


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _field(path: tuple) -> str:
    names = [str(part) for part in path if isinstance(part, str)]
    return f"'{names[-1]}'" if names else "the file"


def _type_name(value) -> str:
    names = {"object": "a mapping", "array": "a list", "string": "text", "number": "a number",
             "integer": "a whole number", "boolean": "true or false", "null": "empty"}
    if isinstance(value, list):
        return " or ".join(names.get(v, v) for v in value)
    return names.get(value, value)


def _describe(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    return f"{type(value).__name__.replace('str', 'text')} '{value}'"


def _range(schema: dict) -> str:
    return f"{schema.get('minimum', '-∞')} to {schema.get('maximum', '∞')}"
