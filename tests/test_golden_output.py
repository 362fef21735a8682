"""The site a build writes is pinned, file by file: the shipped content and a 100-sheet
corpus must build byte-identical to the digests recorded in ``tests/fixtures/golden/``.

A change meant to alter the output updates them with ``UPDATE_GOLDEN_OUTPUT=1 pytest
tests/test_golden_output.py``, and the diff of the digests shows which files it touched;
a refactoring must leave them as they are."""

from __future__ import annotations

import json
import os

import pytest
from conftest import FIXTURES, copy_project, differences, tree_digest

from generator.build.pipeline import build

GOLDEN = FIXTURES / "golden"
PROJECTS = {"seed": None, "corpus-100": FIXTURES / "corpus-100" / "content"}


def built_digests(tmp_path, content) -> dict[str, str]:
    """Digests of every file of ``content`` built in a fresh copy of the project."""
    project = copy_project(tmp_path / "project", content)
    if content is not None:
        for seed in (content.parent / "seeds").iterdir():
            (project.root / "seeds" / seed.name).write_bytes(seed.read_bytes())
    build(project)
    return tree_digest(project.root / "site")


@pytest.mark.parametrize("name", [pytest.param(name, marks=() if name == "seed" else
                                               pytest.mark.slow) for name in PROJECTS])
def test_site_is_byte_identical_to_the_recorded_output(tmp_path, name):
    found = built_digests(tmp_path, PROJECTS[name])
    recorded = GOLDEN / f"{name}.json"
    if os.environ.get("UPDATE_GOLDEN_OUTPUT"):
        recorded.write_text(json.dumps(found, indent=0, sort_keys=True) + "\n")
    assert differences(found, json.loads(recorded.read_text())) == []
