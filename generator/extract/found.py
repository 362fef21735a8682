"""An entity an article names, with every span that names it (``Found``), and the
sentence id the headline is read under."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.extract.entry import Entry

HEADLINE = "h"
"""Sentence id of the headline: read for names, never cited as a sentence."""


@dataclass
class Found:
    """An entity and where the article names it: (sentence id, start, end) each."""

    entry: Entry
    spans: list[tuple[str, int, int]] = field(default_factory=list)
    spelling: str = ""
    """How the article first spells the name (without clitics), when the source knows it."""

    @property
    def sentences(self) -> list[str]:
        """Ids of the body's sentences that name it (the headline has none)."""
        return list(dict.fromkeys(sid for sid, _, _ in self.spans if sid != HEADLINE))
