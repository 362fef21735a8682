"""The documentation generated from the code: the field reference from the JSON Schemas and
the rule catalogue, put where their placeholders stand and nowhere else."""

from __future__ import annotations

import json
import re

from generator.checks.catalogue import RULES
from generator.cli.mkdocs_hook import FILES, on_page_markdown, rule_catalogue, schema_reference
from generator.content.schema import SCHEMA_DIR, SCHEMA_NAMES


def rows(reference: str) -> dict[str, list[str]]:
    """Field path -> its cells (type, required, meaning), from the reference's tables."""
    found = {}
    for line in reference.splitlines():
        if match := re.fullmatch(r"\| `([^`]+)` \| (.*) \| (yes|) \| (.*) \|", line):
            found[match[1]] = [match[2], match[3], match[4]]
    return found


def test_each_content_file_has_a_table_of_its_fields():
    reference = schema_reference()
    assert [line[4:-1] for line in reference.splitlines() if line.startswith("## ")] == [
        FILES[name] for name in SCHEMA_NAMES]
    fields = rows(reference)
    assert fields["source.seed"][:2] == ["string", "yes"]
    assert fields["title"][0] == "text per language"
    assert fields["claims[].attributed_to"][:2] == ["id or anonymous", "yes"]
    assert fields["claims[].review.verdict"][0] == (
        r"`unverified` \| `accurate` \| `partly-accurate` \| `misleading` \| `false` \| "
        r"`unsupported`")


def test_every_property_of_the_sheet_schema_is_in_the_reference():
    sheet = json.loads((SCHEMA_DIR / "sheet.schema.json").read_text("utf-8"))
    fields = rows(schema_reference())
    for name in sheet["properties"]:
        assert name in fields, name
        assert fields[name][1] == ("yes" if name in sheet.get("required", []) else "")


def test_every_rule_is_in_the_catalogue_with_its_severity_and_fix():
    catalogue = rule_catalogue()
    for rule in RULES.values():
        section = catalogue.split(f"### `{rule.id}`\n", 1)[1].split("\n### ", 1)[0]
        assert section.startswith(f"\n*{rule.severity}* — {rule.summary}")
        assert f"Fix: {rule.fix}" in section


def test_placeholders_are_replaced_and_other_text_kept():
    page = "# Reference\n\n<!-- schema-reference -->\n\nText.\n\n<!-- rule-catalogue -->\n"
    built = on_page_markdown(page, page=None, config=None, files=None)
    assert "<!--" not in built and built.startswith("# Reference\n\n## `content/site.yml`")
    assert "\n\nText.\n\n### `" in built
    assert on_page_markdown("No placeholder here.") == "No placeholder here."
