"""``build-site init DIR``: start a new fact-sheet project."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..project import Project

HELP = "create a new project in DIR (content, an example sheet, templates/, the workflow)"


def register(commands) -> None:
    parser = commands.add_parser("init", help=HELP, description=HELP + "; it builds and "
                                 "checks clean at once")
    parser.add_argument("directory", metavar="DIR", help="new or empty folder")
    parser.set_defaults(handler=run)


def run(project: Project, args: argparse.Namespace) -> int:
    from ..scaffold import create_project  # reads package metadata: only when run

    folder = Path(args.directory)
    written = create_project(folder)
    print(f"build-site: created {len(written)} files in {folder}/; next:\n"
          f"  cd {folder} && build-site serve")
    return 0
