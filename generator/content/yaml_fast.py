"""The fast path of loading: libyaml's parser, our own strict composition on its events.

A thousand sheets parse in well under a second this way, against half a minute for the
pure-Python loader. The rules are the same as ``loader.py``'s, but this path never
explains a refusal: at the first thing it does not accept (a syntax error, an anchor, an
alias, a tag, a repeated or non-text key, more than one document) it raises ``Irregular``
and the strict loader parses the file again and says exactly what and where.

Positions cost memory (hundreds per sheet), so ``keep`` says how deep to record them
(two levels by default: a problem below them has its position found by parsing the file
once more, see ``loader.Document.where``); ``None`` keeps every position.
"""

from __future__ import annotations

import sys

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

STR_TAG = "tag:yaml.org,2002:str"
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"
SCALAR_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
               "tag:yaml.org,2002:null"}
INTERN_BELOW = 64
"""Texts shorter than this (ids, dates, language codes, keys) are shared between files."""
AVAILABLE = hasattr(yaml, "CSafeLoader")


class Irregular(Exception):
    """The file needs the strict loader, which explains problems with their positions."""


RESOLVERS = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
"""YAML 1.1's implicit types without timestamps: dates stay the text the author wrote."""


class _Parser(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml's parser with the safe constructors and our resolvers."""

    yaml_implicit_resolvers = RESOLVERS


class Positions:
    """Positions found while parsing: of values, and of the keys that introduce them."""

    def __init__(self) -> None:
        self.values: dict[tuple, tuple[int, int]] = {}
        self.keys: dict[tuple, tuple[int, int]] = {}


def fast_load(text: str, keep: int | None = 2) -> tuple[object, Positions]:
    """The document's value and its positions down to depth ``keep``; raises Irregular."""
    parser = _Parser(text)
    positions = Positions()
    try:
        parser.get_event()  # stream start
        if parser.check_event(StreamEndEvent):
            raise Irregular("empty file")
        parser.get_event()  # document start
        value = _Composer(parser, positions, keep).value(parser.get_event(), (), 0)
        if not isinstance(parser.get_event(), DocumentEndEvent) or not parser.check_event(
                StreamEndEvent):
            raise Irregular("more than one document")
        return value, positions
    except (yaml.YAMLError, RecursionError) as error:  # too deep: the strict path says so
        raise Irregular(str(error)) from error
    finally:
        parser.dispose()


class _Composer:
    """Builds Python values straight from parser events, refusing what loader.py refuses."""

    def __init__(self, parser: _Parser, positions: Positions, keep: int | None):
        self.parser = parser
        self.positions = positions
        self.keep = sys.maxsize if keep is None else keep

    def value(self, event, path: tuple, depth: int):
        if isinstance(event, AliasEvent) or event.anchor is not None:
            raise Irregular("anchor or alias")
        if depth <= self.keep:
            mark = event.start_mark
            self.positions.values[path] = (mark.line + 1, mark.column + 1)
        if isinstance(event, ScalarEvent):
            return self.scalar(event)
        if isinstance(event, MappingStartEvent):
            self.check_tag(event, MappingNode, MAP_TAG)
            return self.mapping(path, depth)
        if isinstance(event, SequenceStartEvent):
            self.check_tag(event, SequenceNode, SEQ_TAG)
            return self.sequence(path, depth)
        raise Irregular(f"unexpected {event}")

    def mapping(self, path: tuple, depth: int) -> dict:
        result: dict = {}
        parser = self.parser
        while not parser.check_event(MappingEndEvent):
            key_event = parser.get_event()
            if not isinstance(key_event, ScalarEvent) or key_event.anchor is not None:
                raise Irregular("complex key")
            key = self.scalar(key_event)
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                raise Irregular("key is not text")
            key = sys.intern(str(key))
            if key in result:
                raise Irregular("duplicate key")
            if depth < self.keep:
                mark = key_event.start_mark
                self.positions.keys[path + (key,)] = (mark.line + 1, mark.column + 1)
            result[key] = self.value(parser.get_event(), path + (key,), depth + 1)
        parser.get_event()
        return result

    def sequence(self, path: tuple, depth: int) -> list:
        result = []
        parser = self.parser
        while not parser.check_event(SequenceEndEvent):
            result.append(self.value(parser.get_event(), path + (len(result),), depth + 1))
        parser.get_event()
        return result

    def scalar(self, event: ScalarEvent):
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.parser.resolve(ScalarNode, event.value, event.implicit)
        if tag == STR_TAG:
            value = event.value
            return sys.intern(value) if len(value) < INTERN_BELOW else value
        if tag not in SCALAR_TAGS:
            raise Irregular(f"tag {tag}")
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        return self.parser.yaml_constructors[tag](self.parser, node)

    def check_tag(self, event, kind, expected: str) -> None:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.parser.resolve(kind, None, event.implicit)
        if tag != expected:
            raise Irregular(f"tag {tag}")
