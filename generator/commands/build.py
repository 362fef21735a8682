"""``build-site build`` (also plain ``build-site``): content/ -> site/."""

from __future__ import annotations

import argparse

from ..build import build
from ..output import print_problems
from ..project import Project

HELP = "build the site into site/ (the default command)"


def register(commands) -> None:
    parser = commands.add_parser("build", help=HELP, description=HELP + "; only what changed "
                                 "since the last build is rendered again")
    parser.add_argument("--quiet", action="store_true",
                        help="no progress line (it shows only on a terminal, for long builds)")
    parser.set_defaults(handler=run)


def run(project: Project, args: argparse.Namespace) -> int:
    result = build(project, quiet=getattr(args, "quiet", False))
    print_problems(result.warnings)
    shown = project.display(project.site)
    if result.up_to_date:
        print(f"build-site: {shown}/ is up to date ({result.pages} pages, {result.files} "
              f"files), checked in {result.seconds:.2f} s")
    else:
        print(f"build-site: wrote {result.pages} pages ({result.files} files) to {shown}/ in "
              f"{result.seconds:.2f} s ({result.rendered} rendered)")
    return 0
