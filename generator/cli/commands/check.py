"""``build-site check [PATH]``: every content problem, one line each; writes nothing.

PATH may be the project or any file or folder inside it: the whole content is always
checked (references cross files), and only the problems under PATH are printed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from generator.content.project import Project
from generator.errors import BuildError, Problem
from generator.terminal import print_problems

HELP = "check the content and print every problem; writes nothing"


def register(commands) -> None:
    parser = commands.add_parser("check", help=HELP, description=HELP)
    parser.add_argument("path", nargs="?", help="project, or a content file or folder in it")
    parser.add_argument("--format", choices=("text", "json", "github"), default="text",
                        help="text lines (default), one JSON document, or GitHub Actions "
                        "workflow annotations (shown on the changed lines of a pull request)")
    parser.add_argument("--strict", action="store_true",
                        help="missing translations are errors, not warnings")
    parser.add_argument("--confirm-translations", metavar="FILE", type=Path,
                        help="record FILE's translations as reviewed against its source texts")
    parser.set_defaults(handler=run)


def run(project: Project, args: argparse.Namespace) -> int:
    from generator.cache.check import check_content  # only once the command is known

    if args.confirm_translations:
        _confirm(project, args.confirm_translations)
    checked = check_content(project, strict=args.strict)
    problems = checked.problems
    if args.path:
        problems = _under(project, Path(args.path), problems)
    valid = not any(p.is_error for p in problems)
    languages = checked.coverage if valid else {}  # known only when all the content is valid
    drafts = checked.drafts if valid else []
    if args.format == "json":
        print(json.dumps(_as_json(problems, languages, drafts), ensure_ascii=False, indent=1))
    elif args.format == "github":
        for problem in problems:
            print(annotation(problem))
        print(_summary(problems, languages), file=sys.stderr)
    else:
        print_problems(problems)
        for draft in drafts:
            print(f"{draft}: draft (left out of the site until its status: draft is removed)",
                  file=sys.stderr)
        print(_summary(problems, languages), file=sys.stderr)
    return 1 if any(p.is_error for p in problems) else 0


def _confirm(project: Project, path: Path) -> None:
    from generator.build.load import load_and_check
    from generator.checks.translations import confirm_translations

    documents, problems = load_and_check(project)
    shown = project.display(path)
    document = next((d for d in documents.all() if d.display == shown), None)
    if document is None or document.data is None:
        raise BuildError(f"{shown}: not a content file of this project")
    if any(p.is_error and p.path == shown for p in problems):
        raise BuildError(f"{shown}: fix its errors before confirming its translations")
    count = confirm_translations(project.content, document, documents.site.data["languages"])
    print(f"build-site: confirmed {count} translated fields of {shown}", file=sys.stderr)


def _under(project: Project, path: Path, problems: list[Problem]) -> list[Problem]:
    prefix = project.display(path.resolve())
    if prefix in ("", "."):
        return problems
    return [p for p in problems if p.path == prefix or p.path.startswith(prefix + "/")]


def _summary(problems: list[Problem], languages: dict[str, tuple[int, int]]) -> str:
    errors = sum(p.is_error for p in problems)
    files = len({p.path for p in problems})
    line = f"{errors} errors, {len(problems) - errors} warnings in {files} files"
    if languages:
        parts = ", ".join(f"{lang} {100 * have // max(total, 1)}% ({have}/{total})"
                          for lang, (have, total) in languages.items())
        line += f"; translations: {parts}"
    return line


def annotation(problem: Problem) -> str:
    """The problem as a GitHub Actions workflow command (``::error file=...::message``)."""
    properties = [f"file={_escape_property(problem.path)}"]
    if problem.line:
        properties += [f"line={problem.line}", f"col={problem.col}"]
    properties.append(f"title={_escape_property(problem.rule)}")
    kind = "error" if problem.is_error else "warning"
    return f"::{kind} {','.join(properties)}::{_escape_data(problem.message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _as_json(problems: list[Problem], languages: dict[str, tuple[int, int]],
             drafts: list[str]) -> dict:
    return {
        "drafts": drafts,
        "problems": [{"path": p.path, "line": p.line, "column": p.col, "severity": p.severity,
                      "message": p.message, "rule": p.rule} for p in problems],
        "errors": sum(p.is_error for p in problems),
        "warnings": sum(not p.is_error for p in problems),
        "coverage": {lang: {"present": have, "total": total}
                     for lang, (have, total) in languages.items()},
    }
