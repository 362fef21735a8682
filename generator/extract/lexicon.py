"""The project's own word lists (lexicon.yml), loaded once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

LEXICON = Path(__file__).with_name("lexicon.yml")


@cache
def lexicon() -> dict:
    """lexicon.yml as data. It ships inside the package, so extract works offline."""
    return yaml.safe_load(LEXICON.read_text(encoding="utf-8"))
