"""``build-site build`` (also plain ``build-site``): content/ -> site/."""

from __future__ import annotations

import argparse

from ..build import build
from ..output import print_problems
from ..project import Project

HELP = "build the site into site/ (the default command)"


def register(commands) -> None:
    commands.add_parser("build", help=HELP, description=HELP).set_defaults(handler=run)


def run(project: Project, args: argparse.Namespace) -> int:
    result = build(project)
    print_problems(result.warnings)
    shown = project.display(project.site)
    print(f"build-site: wrote {result.pages} pages ({result.files} files) to {shown}/")
    return 0
