"""The project's own word lists (lexicon.yml), loaded once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

LEXICON = Path(__file__).with_name("lexicon.yml")


@cache
def lexicon() -> dict:
    """lexicon.yml as data. It ships inside the package, so extract works offline.

    Read with libyaml's safe loader when PyYAML has it: ten times faster at start-up.
    """
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(LEXICON.read_text(encoding="utf-8"), Loader=loader)
