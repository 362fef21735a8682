"""The ``build-site`` command line: the only place that chooses exit codes.

Exit status: 0 ok, 1 content or build errors, 2 usage errors. Commands live in
``generator/commands/``, one module each; they are imported only once ``--version`` is
ruled out, so that answer costs no template engine, maps or YAML.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator import __version__

EXIT_CONTENT = 1
EXIT_USAGE = 2
NEEDS_NO_PROJECT = {"init", "extract"}
"""Commands that run without an existing content/site.yml."""
EXISTING_PATHS = ("project", "path", "seed", "score", "confirm_translations")
"""Arguments (by their destination) that name a file or folder that must exist."""
DISTRIBUTION = "factsheet-site"
EXTRACT_EXTRA = {"countrystatecity_countries", "platformdirs", "arabic_name_romanizer"}
"""Modules of the ``extract`` extra: only ``build-site extract`` needs them."""


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if _asks_version(argv):
        print(f"build-site {__version__}")  # pyproject.toml's too (tool.hatch.version)
        return 0
    from generator.content.project import Project, find_project
    from generator.errors import BuildError, ContentError
    from generator.terminal import print_error, print_problems

    parser = _parser()
    args = parser.parse_args(argv)
    missing = _missing_path(args)
    if missing:
        return _usage_error(f"{missing}: no such file or folder")
    start = Path(getattr(args, "path", None) or args.project)
    project = find_project(start)
    if project is None and args.command not in NEEDS_NO_PROJECT:
        return _usage_error(f"no content/site.yml in {start.resolve()} or above: run inside a "
                            "fact-sheet project, pass --project DIR, or start one with init")
    project = project or Project(Path(args.project).resolve())
    try:
        return args.handler(project, args)
    except ContentError as error:
        print_problems(error.problems)
        print(f"build-site: {error}; nothing was written", file=sys.stderr)
        return EXIT_CONTENT
    except BuildError as error:
        print_error(str(error))
        return EXIT_CONTENT
    except ModuleNotFoundError as error:
        if error.name not in EXTRACT_EXTRA:
            raise
        print_error(f"{args.command} needs the extract extra ({error.name} is missing): "
                    f"python3 -m pip install '{DISTRIBUTION}[extract]'")
        return EXIT_CONTENT
    except OSError as error:  # disk full, permissions...: builds leave the old site/ intact
        where = f" ({error.filename})" if error.filename else ""
        print_error(f"{error.strerror or error}{where}")
        return EXIT_CONTENT


def _asks_version(argv: list[str]) -> bool:
    """True for ``--version`` (or ``-V``) among the options before any command."""
    peek = argparse.ArgumentParser(add_help=False)
    peek.add_argument("--version", "-V", action="store_true")
    peek.add_argument("--project")
    known, rest = peek.parse_known_args(argv)
    return known.version and not [word for word in rest if not word.startswith("-")]


def _missing_path(args: argparse.Namespace) -> str | None:
    """The first path argument given that names nothing on disk."""
    for name in EXISTING_PATHS:
        value = getattr(args, name, None)
        if value is not None and not Path(value).exists():
            return str(value)
    return None


def _usage_error(message: str) -> int:
    from generator.terminal import print_error

    print_error(message)
    return EXIT_USAGE


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line (and exit 2)."""

    def error(self, message: str):
        _usage_error(f"{message} (see {self.prog} --help)")
        raise SystemExit(EXIT_USAGE)


def _parser() -> argparse.ArgumentParser:
    from generator.cli.commands import COMMANDS
    from generator.cli.commands import build as build_command

    parser = _Parser(
        prog="build-site", description="Build a bilingual fact-sheet site from YAML facts.")
    parser.add_argument("--project", default=".", metavar="DIR",
                        help="project folder holding content/ (default: current folder)")
    parser.add_argument("--version", "-V", action="store_true",
                        help="print the version of build-site and exit")
    parser.set_defaults(handler=build_command.run, command="build")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")
    for command in COMMANDS:
        command.register(commands)
    return parser


if __name__ == "__main__":
    sys.exit(main())
