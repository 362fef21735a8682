"""YAML files -> plain Python data that remembers where every value came from.

Loading is safe and strict because content may come from someone we do not trust:
only the YAML core types are built (no tags), anchors and aliases are refused (no alias
bombs), keys may not repeat, and dates stay the strings the author wrote.

Files are parsed by libyaml first (``yaml_fast.py``), keeping only the positions of their
top levels; the pure-Python parser here takes over for any file that breaks a rule, so
every problem is explained the same way, and the other positions are found again only
when a message asks for one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from generator.content import yaml_fast
from generator.content.yaml_errors import syntax_problem
from generator.errors import Problem

MAX_FILE_BYTES = 5_000_000
"""A content file larger than this is refused: hand-edited facts are never that big."""

Path_ = tuple  # a JSON-pointer-like path: ("claims", 0, "text", "en")

CORE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}

COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


class RefusedYAML(yaml.MarkedYAMLError):
    """Valid YAML that content files may not use (anchors and aliases)."""

    rule = "yaml-alias"


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader without timestamps and without anchors or aliases."""

    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise RefusedYAML(
                problem="YAML aliases (*name) are not allowed in content files",
                problem_mark=event.start_mark,
            )
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise RefusedYAML(
                problem="YAML anchors (&name) are not allowed in content files; "
                        "write the value out again",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)


_StrictLoader.yaml_implicit_resolvers = yaml_fast.RESOLVERS


@dataclass
class Document:
    """One parsed content file and where each of its values sits in the text."""

    path: Path
    """The file on disk."""
    display: str
    """The path as printed in messages (relative to the project)."""
    data: object = None
    """The parsed value: dicts, lists, str, int, float, bool, None."""
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """(line, col), 1-based, of the value at each path."""
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """(line, col) of the mapping key that introduces the value at each path."""
    complete: bool = True
    """False while only the top levels' positions are known (see ``where``)."""
    digest: str | None = None
    """``digests.digest`` of the file's bytes, when it may be kept in the document
    cache."""

    def where(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """Position of the value at ``path``, or of its nearest ancestor that has one.

        A position the fast parse did not keep is found by parsing the file once more.
        """
        path = tuple(path)
        if not key and path in self.positions:
            return self.positions[path]
        if not self.complete:
            self._find_all_positions()
        table = self.key_positions if key else self.positions
        while path:
            if path in table:
                return table[path]
            if key and path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))

    def _find_all_positions(self) -> None:
        text, _ = read_text(self.path, self.display)
        try:
            _, found = yaml_fast.fast_load(text or "", keep=None)
        except yaml_fast.Irregular:
            return  # the file changed since it was loaded: keep the top-level positions
        self.positions, self.key_positions, self.complete = found.values, found.keys, True

    def problem(self, path: Path_, message: str, rule: str, severity: str = "error",
                key: bool = False) -> Problem:
        """A problem located at the value (or key) at ``path`` of this document."""
        line, col = self.where(path, key=key)
        return Problem(self.display, line, col, severity, message, rule)


class _Builder:
    """Turns a composed YAML node tree into Python values, recording positions."""

    def __init__(self, document: Document, loader: _StrictLoader):
        self.doc = document
        self.loader = loader
        self.problems: list[Problem] = []

    def build(self, node, path: Path_):
        self.doc.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if not isinstance(node, ScalarNode) and node.tag not in COLLECTION_TAGS:
            self._refuse_tag(node)
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: MappingNode, path: Path_) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            key = self._scalar(key_node, path) if isinstance(key_node, ScalarNode) else None
            here = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                self._fail(here, "mapping keys must be plain text", "yaml-key")
                continue
            key = str(key)
            if key in result:
                first = self.doc.key_positions[path + (key,)]
                self._fail(here, f"duplicate key '{key}' (first defined on line {first[0]})",
                           "yaml-duplicate-key")
                continue
            self.doc.key_positions[path + (key,)] = here
            result[key] = self.build(value_node, path + (key,))
        return result

    def _scalar(self, node: ScalarNode, path: Path_):
        if node.tag not in CORE_TAGS:
            self._refuse_tag(node)
            return None
        if node.tag == "tag:yaml.org,2002:str":
            return node.value
        return self.loader.construct_object(node, deep=True)

    def _refuse_tag(self, node) -> None:
        here = (node.start_mark.line + 1, node.start_mark.column + 1)
        self._fail(here, f"YAML tag '{node.tag}' is not allowed in content files", "yaml-tag")

    def _fail(self, where: tuple[int, int], message: str, rule: str) -> None:
        self.problems.append(Problem(self.doc.display, *where, "error", message, rule))


def read_text(path: Path, display: str, raw: bytes | None = None
              ) -> tuple[str | None, list[Problem]]:
    """The file's text as UTF-8 (from ``raw`` when its bytes were read already), or a
    problem saying why it cannot be read."""
    try:
        raw = path.read_bytes() if raw is None else raw
    except OSError as error:
        return None, [Problem(display, 0, 0, "error", f"cannot read file: {error.strerror}",
                              "file-unreadable")]
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(display, 0, 0, "error",
                              f"file is {len(raw)} bytes, more than {MAX_FILE_BYTES}",
                              "file-too-large")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        col = error.start - (before.rfind(b"\n") + 1) + 1
        return None, [Problem(display, line, col, "error",
                              "file is not UTF-8 text (save it as UTF-8)", "file-encoding")]


def load_document(path: Path, display: str, raw: bytes | None = None
                  ) -> tuple[Document, list[Problem]]:
    """Parse one YAML file (``raw``: its bytes, if read already); problems are returned,
    never raised."""
    document = Document(path, display)
    text, problems = read_text(path, display, raw)
    if text is None:
        return document, problems
    try:
        return _parse(document, text)
    except RecursionError:  # [[[[... thousands deep: refused, not a crash
        return Document(path, display), [Problem(
            display, 1, 1, "error", "values are nested too deeply to be hand-edited facts",
            "yaml-too-deep")]


def _parse(document: Document, text: str) -> tuple[Document, list[Problem]]:
    """The strict parse: the fast parser when the file is regular, the full one otherwise."""
    display = document.display
    if yaml_fast.AVAILABLE:
        try:
            document.data, found = yaml_fast.fast_load(text)
        except yaml_fast.Irregular:
            pass  # the strict parser below says what is wrong, and where
        else:
            document.positions, document.key_positions = found.values, found.keys
            document.complete = False
            return document, []
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return document, [Problem(display, 1, 1, "error", "file is empty", "file-empty")]
        builder = _Builder(document, loader)
        document.data = builder.build(node, ())
        return document, builder.problems
    except yaml.MarkedYAMLError as error:
        return document, [syntax_problem(error, display, text)]
    finally:
        loader.dispose()
