"""The user documentation builds strictly and covers every field, rule and command."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from conftest import REPO

from generator.checks.catalogue import RULES
from generator.cli import _parser
from generator.content.schema import SCHEMA_DIR


def build_docs(tmp_path):
    out = tmp_path / "docs"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                             "-d", str(out)], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out


def page_text(out, name) -> str:
    html = (out / name / "index.html").read_text("utf-8")
    return BeautifulSoup(html, "html.parser").get_text(" ")


@pytest.mark.slow
def test_docs_build_strictly_and_cover_rules_and_fields(tmp_path):
    out = build_docs(tmp_path)
    rules = page_text(out, "rules")
    for rule in RULES.values():
        assert rule.id in rules and rule.fix.split("`")[0][:30] in rules
    reference = page_text(out, "reference")
    for path in SCHEMA_DIR.glob("*.schema.json"):
        for name in _property_names(json.loads(path.read_text("utf-8"))):
            assert name in reference, (path.name, name)


def _property_names(schema):
    if isinstance(schema, dict):
        for key, sub in schema.get("properties", {}).items():
            yield key
            yield from _property_names(sub)
        for key in ("items", "additionalProperties"):
            yield from _property_names(schema.get(key))


def test_every_schema_field_has_a_description():
    for path in SCHEMA_DIR.glob("*.schema.json"):
        stack = [json.loads(path.read_text("utf-8"))]
        while stack:
            node = stack.pop()
            if not isinstance(node, dict):
                continue
            for key, sub in node.get("properties", {}).items():
                assert "description" in sub, (path.name, key)
                stack.append(sub)
            stack.extend(node.get(k) for k in ("items", "additionalProperties"))


def test_every_command_is_documented():
    commands = (REPO / "docs" / "commands.md").read_text("utf-8")
    subparsers = next(a for a in _parser()._actions if a.dest == "command")
    for name in subparsers.choices:
        assert f"build-site {name}" in commands, name


def test_readme_links_to_the_docs():
    assert "docs/" in (REPO / "README.md").read_text("utf-8")


def test_every_stage_of_the_package_is_in_the_readme_layout_and_the_internals():
    """A new subpackage is named where a newcomer looks first: the README's layout table
    and the internals page's pipeline."""
    readme = (REPO / "README.md").read_text("utf-8")
    internals = (REPO / "docs" / "internals.md").read_text("utf-8")
    stages = sorted(path.parent.name for path in (REPO / "generator").glob("*/__init__.py"))
    assert len(stages) > 10
    for stage in stages:
        assert f"`generator/{stage}/`" in readme, stage
        assert f"{stage}/" in internals, stage
