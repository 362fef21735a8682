"""A content file's editorial status: ``status: draft`` marks a sheet or a registry entry
an editor has not reviewed yet (``model.drafts`` decides what a build then leaves out)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.content.loader import Document

DRAFT = "draft"


def is_draft(data) -> bool:
    """Whether a sheet's or an entry's data says ``status: draft``."""
    return isinstance(data, dict) and data.get("status") == DRAFT


def registry_drafts(registries: dict[str, Document]) -> list[str]:
    """Where each draft entity is: its registry's file and the entry's line."""
    return [f"{document.display}:{document.where((i,))[0]} ({entry['id']})"
            for document in registries.values() for i, entry in enumerate(document.data or [])
            if is_draft(entry)]
