"""The ``build-site`` command line: the only place that chooses exit codes.

Exit status: 0 ok, 1 content or build errors, 2 usage errors. Commands live in
``generator/commands/``, one module each.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .commands import COMMANDS
from .commands import build as build_command
from .errors import BuildError, ContentError
from .output import print_problems
from .project import Project, find_project

EXIT_CONTENT = 1
NEEDS_NO_PROJECT = {"init", "extract"}
"""Commands that run without an existing content/site.yml."""


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    start = Path(getattr(args, "path", None) or args.project)
    project = find_project(start)
    if project is None and args.command not in NEEDS_NO_PROJECT:
        parser.error(f"no content/site.yml in {start.resolve()} or above: run inside a "
                     "fact-sheet project or pass --project DIR")
    project = project or Project(Path(args.project).resolve())
    try:
        return args.handler(project, args)
    except ContentError as error:
        print_problems(error.problems)
        print(f"build-site: {error}; nothing was written", file=sys.stderr)
        return EXIT_CONTENT
    except BuildError as error:
        print(f"build-site: error: {error}", file=sys.stderr)
        return EXIT_CONTENT
    except OSError as error:  # disk full, permissions...: builds leave the old site/ intact
        where = f" ({error.filename})" if error.filename else ""
        print(f"build-site: error: {error.strerror or error}{where}", file=sys.stderr)
        return EXIT_CONTENT


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build-site", description="Build a bilingual fact-sheet site from YAML facts.")
    parser.add_argument("--project", default=".", metavar="DIR",
                        help="project folder holding content/ (default: current folder)")
    parser.set_defaults(handler=build_command.run, command="build")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")
    for command in COMMANDS:
        command.register(commands)
    return parser


if __name__ == "__main__":
    sys.exit(main())
