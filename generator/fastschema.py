"""A yes/no answer to "is this document valid?", fifty times faster than jsonschema.

jsonschema takes about 15 ms for one synthetic sheet, which at a thousand sheets is the
largest single cost of a build. Almost every document is valid, so each schema is compiled
once into nested Python closures that only say yes or no; ``schema.py`` asks jsonschema for
located messages only when the answer is no. Compilation refuses any keyword it does not
know, and then every document goes to jsonschema, so a schema may grow without this module
ever approving something jsonschema would not.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

Check = Callable[[object], bool]

SCHEMA_DIR = Path(__file__).parent / "schemas"
ANNOTATIONS = {"$schema", "$defs", "title", "description"}
TYPES: dict[str, Callable[[object], bool]] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool))
                         or (isinstance(v, float) and v.is_integer()),
}


class Unsupported(Exception):
    """The schema uses a keyword this module does not implement."""


@cache
def _document(file: str) -> dict:
    return json.loads((SCHEMA_DIR / file).read_text(encoding="utf-8"))


@cache
def validator(name: str) -> Check | None:
    """The compiled check of ``<name>.schema.json``, or None when it cannot be compiled."""
    try:
        return _compile(_document(f"{name}.schema.json"), f"{name}.schema.json")
    except Unsupported:
        return None


def accepts(name: str, value: object) -> bool:
    """True only when ``value`` is certainly valid against schema ``name``."""
    check = validator(name)
    return check is not None and check(value)


def _compile(schema: dict | bool, file: str) -> Check:
    """All of a schema's keywords, each a check, joined by ``and``."""
    if isinstance(schema, bool):
        return lambda value: schema
    unknown = set(schema) - ANNOTATIONS - set(STRUCTURE) - set(KEYWORDS)
    if unknown:
        raise Unsupported(", ".join(sorted(unknown)))
    checks = [KEYWORDS[key](argument, file) for key, argument in schema.items()
              if key in KEYWORDS]
    if any(key in schema for key in STRUCTURE):
        checks.append(_structure(schema, file))
    return lambda value: all(check(value) for check in checks)


def _ref(argument: str, file: str) -> Check:
    """``#/$defs/x`` in the same file or ``other.schema.json#/$defs/x``, compiled lazily."""
    target_file, _, pointer = argument.partition("#")
    target_file = target_file or file
    compiled: list[Check] = []

    def check(value) -> bool:
        if not compiled:
            node = _document(target_file)
            for part in pointer.strip("/").split("/"):
                node = node[part] if part else node
            compiled.append(_compile(node, target_file))
        return compiled[0](value)
    return check


def _type(argument, file: str) -> Check:
    names = argument if isinstance(argument, list) else [argument]
    tests = [TYPES[name] for name in names]
    return lambda value: any(test(value) for test in tests)


def _only(kind: type, test: Callable[[object], bool]) -> Check:
    """A keyword that applies only to values of ``kind`` (others pass, as in JSON Schema)."""
    return lambda value: not isinstance(value, kind) or test(value)


def _number(test: Callable[[float], bool]) -> Check:
    return lambda value: (isinstance(value, bool) or not isinstance(value, (int, float))
                          or test(value))


def _enum(argument, file: str) -> Check:
    choices = [(type(choice), choice) for choice in argument]
    return lambda value: any(type(value) is kind and value == choice for kind, choice in choices)


def _one_of(argument, file: str) -> Check:
    checks = [_compile(sub, file) for sub in argument]
    return lambda value: sum(check(value) for check in checks) == 1


def _items(argument, file: str) -> Check:
    check = _compile(argument, file)
    return _only(list, lambda value: all(check(item) for item in value))


def _unique(argument, file: str) -> Check:
    """Unique texts; any other kind of item is left to jsonschema (answer: not certain)."""
    def unique(value: list) -> bool:
        return all(isinstance(item, str) for item in value) and len(set(value)) == len(value)
    return _only(list, unique) if argument else (lambda value: True)


STRUCTURE = ("type", "properties", "additionalProperties", "required", "propertyNames",
             "minProperties")
"""Keywords compiled together by ``_structure``: one pass over a mapping checks them all."""


def _structure(schema: dict, file: str) -> Check:
    """type, properties, additionalProperties, required, propertyNames, minProperties."""
    kind = _type(schema["type"], file) if "type" in schema else (lambda value: True)
    properties = {key: _compile(sub, file) for key, sub in schema.get("properties", {}).items()}
    extra = _compile(schema.get("additionalProperties", True), file)
    names = _compile(schema.get("propertyNames", True), file)
    required = tuple(schema.get("required", ()))
    fewest = schema.get("minProperties", 0)

    def mapping(value: dict) -> bool:
        if len(value) < fewest or any(key not in value for key in required):
            return False
        return all(names(key) and properties.get(key, extra)(item)
                   for key, item in value.items())
    return lambda value: kind(value) and (not isinstance(value, dict) or mapping(value))


KEYWORDS: dict[str, Callable[..., Check]] = {
    "$ref": _ref,
    "enum": _enum,
    "oneOf": _one_of,
    "items": _items,
    "uniqueItems": _unique,
    "pattern": lambda arg, file: _only(str, re.compile(arg).search),
    "minLength": lambda arg, file: _only(str, lambda value: len(value) >= arg),
    "maxLength": lambda arg, file: _only(str, lambda value: len(value) <= arg),
    "minItems": lambda arg, file: _only(list, lambda value: len(value) >= arg),
    "minimum": lambda arg, file: _number(lambda value: value >= arg),
    "maximum": lambda arg, file: _number(lambda value: value <= arg),
}
