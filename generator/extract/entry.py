"""What a name resolves to and where a sentence names it: an ``Entry`` (an entity extract
knows, or will register) and a ``Mention`` (its name's span in one sentence)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Entry:
    """One known entity: what a mention resolves to and, if new, what to register."""

    registry: str
    """people, organizations or places."""
    id: str
    name: dict
    """{ar: ..., en: ...}; en only when a trusted source gives it."""
    known: bool = False
    """Already in the project's registry: nothing to add."""
    fields: dict = field(default_factory=dict)
    """Other registry fields for a new entry (kind, lat, lon, role, ...)."""
    aliases: list = field(default_factory=list)
    country: str | None = None
    """ISO code of the country a place lies in, to find its parent."""
    spellings: dict = field(default_factory=dict)
    """Name key -> the spelling it was registered with, to name a new entry as written."""
    candidates: list = field(default_factory=list)
    """Other package places with the same name ("Tripoli, LY"), for a person to choose."""
    major: bool = True
    """False for a package city that is neither a capital nor of a million people: its
    name is taken for the place only where the text speaks of a place (see places.py)."""


@dataclass(frozen=True)
class Mention:
    """Where one sentence names ``entry``: character offsets and the words as written."""

    entry: Entry
    start: int
    end: int
    text: str
    spelling: str = ""
    """The name as registered (without the clitics of ``text``): بغداد for وبغداد."""
