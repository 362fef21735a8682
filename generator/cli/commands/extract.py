"""``build-site extract seeds/<file>``: draft a fact-sheet from an Arabic article, offline."""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from pathlib import Path

from generator.content.loader import load_document
from generator.content.project import REGISTRIES, SLUG, Project, load_documents
from generator.errors import BuildError, ContentError, Problem
from generator.terminal import print_problems

HELP = "draft a fact-sheet (status: draft) from an Arabic article in seeds/"
SEED_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
"""A seed's file name as the sheet schema allows it (source.seed)."""


def register(commands) -> None:
    parser = commands.add_parser("extract", help=HELP, description=HELP)
    parser.add_argument("seed", type=Path, help="the article, e.g. seeds/article.txt")
    parser.add_argument("--slug", help="sheet name (default: from the file name)")
    parser.add_argument("--merge", action="store_true",
                        help="add to an existing sheet only what it lacks; no line changes")
    parser.add_argument("--published", metavar="DATE",
                        help="publication date (2020-10-01, 2020-10 or 2020): dates without "
                             "a year are read against it")
    parser.add_argument("--score", metavar="GOLD", type=Path,
                        help="print recall and precision against a gold annotation; "
                             "writes nothing")
    parser.add_argument("--no-registry", action="store_true",
                        help="ignore content/entities (to measure extraction alone)")
    parser.set_defaults(handler=run)


def run(project: Project, args: argparse.Namespace) -> int:
    # The extractor (gazetteer, patterns) is imported only when this command runs, so
    # that every other command starts without it.
    from generator.extract.analyze import analyze
    from generator.extract.gazetteer import build_gazetteer
    from generator.extract.ids import slug as make_slug
    from generator.extract.reader import read_source

    if not (project.content / "site.yml").is_file():
        raise BuildError(f"no content/site.yml in {project.root}: extract drafts into an "
                         "existing project (build-site --project DIR extract ...)")
    source = read_source(args.seed)
    documents, problems = load_documents(project)
    if any(p.is_error for p in problems):
        raise ContentError(problems)
    registries = {name: documents.registries[name].data or [] for name in REGISTRIES}
    slug = args.slug or make_slug(args.seed.stem)
    if not SLUG.match(slug):
        raise BuildError(f"--slug '{slug}' must be lower-case ASCII letters and digits "
                         "joined by hyphens")
    sheet = documents.sheets.get(slug)
    gold = _gold(args.score) if args.score else {}
    published = _published(args, gold, sheet.data if sheet else None, source)
    findings = analyze(source, build_gazetteer({} if args.no_registry else registries),
                       published)
    if args.score:
        return _score(args.score, findings, gold)
    code = _write(project, args, source, findings, registries, sheet, slug)
    if source.dateline and published is source.dateline.published:
        print(f"  published {source.dateline.text!r}: read from line {source.dateline.line} "
              "of the seed")
    if sheet is None:
        print_problems(_gaps(project, args.seed, source, published))
    return code


def _write(project, args, source, findings, registries, sheet, slug) -> int:
    from generator.extract.draft import make_draft
    from generator.extract.write import plan_files, verify, write_files

    if not (project.seeds / source.name).is_file():
        raise BuildError(f"{args.seed} is not in {project.display(project.seeds)}/: copy "
                         "the article there first, so the sheet can point at it")
    copy = None
    if not SEED_NAME.fullmatch(source.name):
        copy, created = _plain_copy(project, args.seed, slug)
        source.name = copy.name
    ids = {name: {e["id"] for e in registries[name]} for name in REGISTRIES}
    draft = make_draft(findings, slug, ids)
    try:
        files, report = plan_files(project, draft, sheet.data if sheet else None, args.merge)
        warnings = verify(project, files)
    except BuildError:
        if copy and created:
            copy.unlink()  # made for this draft, which is not written
        raise
    write_files(files)
    _summary(project, findings, draft, files, report, warnings)
    return 0


def _plain_copy(project: Project, seed: Path, slug: str) -> tuple[Path, bool]:
    """A copy of ``seed`` in seeds/ under a name a sheet can point at (مقال.txt →
    mqal.txt), and whether it is new: an identical file of that name is reused, a
    different one never touched."""
    data, suffix = seed.read_bytes(), seed.suffix.lower()
    suffix = suffix if SEED_NAME.fullmatch(f"x{suffix}") else ".txt"
    for n in range(1, 1000):
        target = project.seeds / f"{slug}{'' if n == 1 else f'-{n}'}{suffix}"
        if not target.exists() or target.read_bytes() == data:
            break
    created = not target.exists()
    if created:
        target.write_bytes(data)
    print(f"  copied {project.display(seed)} to {project.display(target)}: a sheet's seed "
          "is a plain file name (ASCII letters, digits, . _ -)")
    return target, created


def _summary(project, findings, draft, files, report, warnings) -> None:
    counts = {name: len(found) for name, found in findings.entities.items()}
    new = {name: sum(not f.entry.known for f in found.values())
           for name, found in findings.entities.items()}
    print(f"build-site: {len(findings.source.sentences)} sentences; "
          + ", ".join(f"{counts[n]} {n} ({new[n]} new)" for n in REGISTRIES)
          + f"; {len(findings.quotes)} quotes, {len(findings.dates)} dates, "
          f"{len(findings.figures)} figures")
    for path in files:
        print(f"  wrote {project.display(path)}")
    if not files:
        print("  nothing new: every fact and entity found is already there")
    for line in report:
        print(f"  merge: {line}")
    print("needs a human:")
    for line in draft.review:
        print(f"  - {line}")
    translations = sum(p.rule == "missing-translation" for p in warnings)
    print(f"  - check: {translations} texts to translate, "
          f"{len(warnings) - translations} other warnings (build-site check)", file=sys.stdout)


def _gold(path: Path) -> dict:
    document, problems = load_document(path, str(path))
    if problems or not isinstance(document.data, dict):
        print_problems(problems)
        raise BuildError(f"{path}: not a gold annotation (a YAML mapping)")
    return document.data


def _score(path: Path, findings, gold: dict) -> int:
    """Print recall and precision per category; a gold file the scorer cannot read is
    reported in one line, not as a traceback."""
    from generator.extract.score import KINDS, score

    wrong = [kind for kind in KINDS if not isinstance(gold.get(kind) or [], list)
             or not all(isinstance(item, dict) for item in gold.get(kind) or [])]
    if wrong:
        raise BuildError(f"{path}: {', '.join(wrong)}: expected a list of mappings (see the "
                         "corpus README for the gold format)")
    try:
        results = score(findings, gold)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise BuildError(f"{path}: cannot score against this annotation: "
                         f"{type(error).__name__}: {error}") from error
    for result in results.values():
        print(result)
    return 0


def _published(args, gold: dict, sheet: dict | None, source):
    """The publication date: --published, else the gold's (when scoring), else the
    existing sheet's, else the seed's dateline; None if none is known."""
    from generator.extract.dates import Published

    given = args.published or (str(gold["published"]) if gold.get("published") else None)
    if given and not _iso_date(given.strip()):
        where = "--published" if args.published else f"{args.score}: published:"
        raise BuildError(f"{where} '{given}': expected a date such as 2020-10-01, 2020-10 "
                         "or 2020")
    given = given or _sheet_published(sheet)
    if given:
        return Published.parse(given.strip())
    return source.dateline.published if source.dateline else None


def _iso_date(text: str) -> bool:
    """True for 2020-10-01, 2020-10 and 2020 that name a real day, month or year."""
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        return False
    parts = [int(part) for part in text.split("-")] + [1, 1]
    try:
        datetime.date(*parts[:3])
    except ValueError:
        return False
    return True


def _sheet_published(sheet: dict | None) -> str | None:
    published = ((sheet or {}).get("source") or {}).get("published") or {}
    return str(published["date"]) if "date" in published else None


def _gaps(project: Project, seed: Path, source, published) -> list[Problem]:
    """Warnings for what the seed does not say; the draft marks each with TODO."""
    path, last = project.display(seed), source.line_of(len(source.text.rstrip()))
    gaps = []
    if not source.headline:
        gaps.append(Problem(path, 1, 1, "warning", "the first line is not a headline: the "
                            "draft's title is TODO", "extract-no-headline"))
    if source.publisher is None:
        gaps.append(Problem(path, last, 1, "warning", "the last line does not name the "
                            "publisher: the draft's publisher is todo-publisher",
                            "extract-no-publisher"))
    if published is None:
        gaps.append(Problem(path, 0, 0, "warning", "no publication date in the seed and no "
                            "--published: dates without a year are left to a person",
                            "extract-no-date"))
    return gaps
