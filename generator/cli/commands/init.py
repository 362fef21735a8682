"""``build-site init DIR``: start a new fact-sheet project."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.content.project import Project

HELP = "create a new project in DIR (content, an example sheet, templates/, the workflow)"


def register(commands) -> None:
    parser = commands.add_parser("init", help=HELP, description=HELP + "; it builds and "
                                 "checks clean at once")
    parser.add_argument("directory", metavar="DIR", help="new or empty folder")
    parser.set_defaults(handler=run)


def run(project: Project, args: argparse.Namespace) -> int:
    from generator.content.new_project import create_project, requirement  # reads package metadata

    folder = Path(args.directory)
    written = create_project(folder)
    line, source = requirement()
    print(f"build-site: created {len(written)} files in {folder}/")
    print(f"build-site: requirements.txt (the GitHub workflow installs it) names {line}: "
          f"{source}")
    move = "" if folder.resolve() == Path.cwd() else f"cd {folder} && "
    print(f"next: {move}build-site serve")
    return 0
