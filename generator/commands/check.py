"""``build-site check``: every content problem, one line each; writes nothing."""

from __future__ import annotations

import argparse
import sys

from ..build import load_and_check
from ..output import print_problems
from ..project import Project

HELP = "check the content and print every problem; writes nothing"


def register(commands) -> None:
    parser = commands.add_parser("check", help=HELP, description=HELP)
    parser.set_defaults(handler=run)


def run(project: Project, args: argparse.Namespace) -> int:
    _, problems = load_and_check(project)
    print_problems(problems)
    errors = sum(p.is_error for p in problems)
    files = len({p.path for p in problems})
    print(f"{errors} errors, {len(problems) - errors} warnings in {files} files",
          file=sys.stderr)
    return 1 if errors else 0
