"""From a draft to files in content/: plan every file, check them together, then write.

Nothing is written unless the whole result passes ``build-site check`` (warnings about
missing English allowed): the planned files are checked in a scratch copy of content/
first. An existing sheet is never overwritten; ``merge`` only inserts lines.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from generator.build.load import load_and_check
from generator.content.project import REGISTRIES, Project
from generator.errors import BuildError, ContentError
from generator.extract.draft import Draft
from generator.extract.merge import append_entries, merge_sheet


def plan_files(project: Project, draft: Draft, sheet_data: dict | None,
               merge: bool) -> tuple[dict[Path, str], list[str]]:
    """Path -> new full text of each file to write, and what merge did."""
    sheet = project.content / "sheets" / f"{draft.slug}.yml"
    files, report = {}, []
    if sheet.exists() and not merge:
        raise BuildError(f"{project.display(sheet)} exists; extract never overwrites it "
                         "(use --merge to add what it lacks, or --slug for a new sheet)")
    if sheet.exists():
        text, report = merge_sheet(sheet.read_text(encoding="utf-8"), sheet_data or {}, draft)
    else:
        text = draft.sheet_text()
    files[sheet] = text
    for registry in REGISTRIES:
        entries = draft.entries.get(registry) or []
        if entries:
            path = project.content / "entities" / f"{registry}.yml"
            old = path.read_text(encoding="utf-8") if path.exists() else None
            files[path] = append_entries(old, registry, entries, draft.seed)
    return {path: text for path, text in files.items() if not _unchanged(path, text)}, report


def _unchanged(path: Path, text: str) -> bool:
    return path.exists() and path.read_text(encoding="utf-8") == text


def verify(project: Project, files: dict[Path, str]) -> list:
    """The check's warnings for content/ with ``files`` in place; ContentError on errors."""
    with tempfile.TemporaryDirectory(prefix="extract-") as scratch:
        trial = Project(Path(scratch))
        shutil.copytree(project.content, trial.content)
        os.symlink(project.seeds.resolve(), trial.seeds)
        for path, text in files.items():
            target = trial.content / path.relative_to(project.content)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        _, problems = load_and_check(trial)
    if any(p.is_error for p in problems):
        raise ContentError(problems)
    return problems


def write_files(files: dict[Path, str]) -> None:
    """Write each file whole (temporary file, then rename), so none is left half-written."""
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.extract-tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
