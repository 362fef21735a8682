"""The ``build-site`` command: the only place that prints and chooses exit codes.

Exit status: 0 ok, 1 content or build errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import build, load_and_check
from .errors import BuildError, ContentError, Problem
from .project import Project

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    project = Project(Path(args.project).resolve())
    if not (project.content / "site.yml").is_file():
        parser.error(f"no content/site.yml in {project.root}: run inside a fact-sheet project "
                     "or pass --project DIR")
    try:
        return args.handler(project, args)
    except ContentError as error:
        _print_problems(error.problems)
        print(f"build-site: {error}; nothing was written", file=sys.stderr)
        return EXIT_CONTENT
    except BuildError as error:
        print(f"build-site: error: {error}", file=sys.stderr)
        return EXIT_CONTENT


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build-site", description="Build a bilingual fact-sheet site from YAML facts.")
    parser.add_argument("--project", default=".", metavar="DIR",
                        help="project folder holding content/ (default: current folder)")
    parser.set_defaults(handler=_build)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    commands.add_parser("build", help="build the site into site/ (default)").set_defaults(
        handler=_build)
    commands.add_parser("check", help="check the content, write nothing").set_defaults(
        handler=_check)
    return parser


def _build(project: Project, args: argparse.Namespace) -> int:
    result = build(project)
    _print_problems(result.warnings)
    shown = project.display(project.site)
    print(f"build-site: wrote {result.pages} pages ({result.files} files) to {shown}/")
    return EXIT_OK


def _check(project: Project, args: argparse.Namespace) -> int:
    _, problems = load_and_check(project)
    _print_problems(problems)
    errors = sum(p.is_error for p in problems)
    files = len({p.path for p in problems})
    print(f"{errors} errors, {len(problems) - errors} warnings in {files} files",
          file=sys.stderr)
    return EXIT_CONTENT if errors else EXIT_OK


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
