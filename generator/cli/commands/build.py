"""``build-site build`` (also plain ``build-site``): content/ -> site/."""

from __future__ import annotations

import argparse

from generator.content.project import Project
from generator.terminal import print_problems

HELP = "build the site into site/ (the default command)"


def register(commands) -> None:
    parser = commands.add_parser("build", help=HELP, description=HELP + "; only what changed "
                                 "since the last build is rendered again")
    parser.add_argument("--quiet", action="store_true",
                        help="no progress line (it shows only on a terminal, for long builds)")
    parser.add_argument("--drafts", action="store_true",
                        help="include the drafts (status: draft), marked as drafts and not "
                        "indexed, to preview them; never publish such a site")
    parser.set_defaults(handler=run)


def run(project: Project, args: argparse.Namespace) -> int:
    from generator.build.pipeline import build  # only once the command is known

    result = build(project, quiet=getattr(args, "quiet", False),
                   drafts=getattr(args, "drafts", False))
    print_problems(result.warnings)
    shown = project.display(project.site)
    if result.up_to_date:
        print(f"build-site: {shown}/ is up to date ({result.pages} pages, {result.files} "
              f"files), checked in {result.seconds:.2f} s")
    else:
        print(f"build-site: wrote {result.pages} pages ({result.files} files) to {shown}/ in "
              f"{result.seconds:.2f} s ({result.rendered} rendered)")
    print_left_out(result.left_out)
    return 0


def print_left_out(count: int) -> None:
    """Say how many draft sheets the site leaves out, if any."""
    if count:
        print(f"build-site: left out {count} draft sheet{'s' if count != 1 else ''} "
              "(status: draft; preview them with serve or build --drafts)")
