"""``build-site check`` through the build's cache, finding exactly what a check without it
finds.

A check reads and checks every content file: at 1,000 sheets, seconds. With the cache,

- files come from the build's document cache (``cache/documents.py``) when their bytes are those
  it parsed, and what this check parsed is added to it;
- the check before is remembered in ``check.marshal`` beside it: the inputs it saw (the
  scan of content, seeds and the generator's code, as the no-op build compares them), its
  problems and coverage, and per sheet the time and size of its file, what it was checked
  against (``ContentCheck.against_for``) and what checking it found. When no input
  changed, its answer is the answer; otherwise each sheet whose file, path, registries,
  languages, strictness and confirmed translations are unchanged is counted as it was
  (as a preview server's builds do, ``cache/serve_memory.py``), and only the others are read. Any
  change of a seed or of the code forgets every sheet.

Sheets that could not be read (parse errors) are read again until they are fixed.
"""

from __future__ import annotations

import marshal
import os
from contextlib import closing, nullcontext
from dataclasses import astuple, dataclass

from generator.cache import fingerprints
from generator.content.project import Project
from generator.content.status import is_draft, registry_drafts
from generator.digests import code_signature
from generator.errors import Problem

RECORD = "check.marshal"
FORMAT = 2


@dataclass
class Checked:
    """What checking the content found."""

    problems: list[Problem]
    """Every problem, sorted."""
    coverage: dict[str, tuple[int, int]]
    """language -> (texts present, texts in all); empty when a problem is an error (texts
    are then not known to be well-formed), as ``drafts`` is."""
    drafts: list[str]
    """Where each draft is: a sheet's file, or a registry's file and the entry's line."""


def check_content(project: Project, strict: bool = False, cached: bool = True) -> Checked:
    """Check all the content; ``cached``: through the build's cache, and update it."""
    inputs = fingerprints.scan_inputs(project, ())
    record = _load(project, strict, inputs) if cached else None
    if record is not None and record["inputs"] == inputs:  # the generator's code included
        return Checked([Problem(*problem) for problem in record["problems"]],
                       record["coverage"], record["drafts"])
    if record is not None and record["code"] != code_signature():
        record = None  # made by other code or libraries: nothing of it is taken
    from generator.cache.documents import DocumentCache
    from generator.checks.checker import CheckedContent  # jsonschema: only when content is read

    folder = fingerprints.cache_folder(project)
    with closing(DocumentCache(folder)) if cached else nullcontext() as cache:
        content = CheckedContent(project, strict, cache)
        sheets, counts = _check_sheets(content, inputs, record["sheets"] if record else {})
        problems = content.problems()
        if cache is not None:
            cache.save(drop=False)  # the next build drops what it no longer uses
    checked = Checked(problems, {}, [])
    if not any(p.is_error for p in problems):
        checked.coverage = _coverage(content, [count for count, _ in counts])
        checked.drafts = ([display for _, display in counts if display]
                          + registry_drafts(content.files.registries))
    if cached:
        _save(project, {"format": FORMAT, "strict": strict, "seeds": _seeds(project, inputs),
                        "code": code_signature(), "inputs": inputs,
                        "problems": [astuple(p) for p in problems],
                        "coverage": checked.coverage, "drafts": checked.drafts,
                        "sheets": sheets})
    return checked


def _check_sheets(content, inputs: dict, before: dict) -> tuple[dict[str, list], list]:
    """Check every sheet, or count it as the check before found it. What to remember of
    each sheet read whole (path -> [time and size, path as printed, against, problems,
    entity ids used, well-formed, coverage, path if a draft]), and of each sheet its
    coverage (None with errors) and its path if it is a draft (else None)."""
    from generator.checks.checker import Verdict
    from generator.checks.translations import file_coverage

    sheets, counts = {}, []
    for path in content.files.sheet_paths:
        key, display = str(path), content.files.project.display(path)
        against = content.check.against_for(display)
        known = before.get(key)
        if (known is not None and known[:3] == [inputs.get(key), display, against]
                and content.files.inside(path)):
            content.check.adopt(Verdict([Problem(*p) for p in known[3]], known[4], known[5]))
            sheets[key] = known
            counts.append((known[6], known[7]))
            continue
        document, verdict = content.sheet(path)
        clean = verdict.fine and not any(p.is_error for p in verdict.problems)
        counts.append((file_coverage(document, content.check.languages)
                       if clean and content.check.index is not None else None,
                       display if is_draft(document.data) else None))
        if document.digest is not None and against is not None and key in inputs:
            sheets[key] = [inputs[key], display, against, [astuple(p) for p in
                                                           verdict.problems],
                           verdict.used, verdict.fine, *counts[-1]]
    return sheets, counts


def _coverage(content, counts: list) -> dict[str, tuple[int, int]]:
    """The translation coverage of valid content: the sheets' (``counts``) and the other
    files'."""
    from generator.checks.translations import add_coverage, file_coverage

    languages = content.check.languages
    others = [content.files.site, *content.files.registries.values()]
    return add_coverage([file_coverage(document, languages) for document in others] + counts)


def _seeds(project: Project, inputs: dict) -> dict:
    """The seeds' times and sizes: whether a sheet's seed exists is part of its check."""
    prefix = str(project.seeds) + os.sep
    return {path: stat for path, stat in inputs.items() if path.startswith(prefix)}


def _load(project: Project, strict: bool, inputs: dict) -> dict | None:
    """The check before's record, if made with this strictness and these seeds."""
    try:
        record = marshal.loads((fingerprints.cache_folder(project) / RECORD).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if (not isinstance(record, dict) or record.get("format") != FORMAT
            or record.get("strict") != strict or record.get("seeds") != _seeds(project, inputs)):
        return None
    return record


def _save(project: Project, record: dict) -> None:
    """Write the record atomically; a cache that cannot be written is no error."""
    try:
        folder = fingerprints.made_cache_folder(project)
        temporary = folder / f".{RECORD}.{os.getpid()}.tmp"
        temporary.write_bytes(marshal.dumps(record))
        os.replace(temporary, folder / RECORD)
    except OSError:
        pass
