"""``build-site new SLUG``: start a sheet from a commented template."""

from __future__ import annotations

import argparse
import datetime

from generator.content.project import SLUG, Project
from generator.errors import BuildError

HELP = "start content/sheets/SLUG.yml from a commented template"


def register(commands) -> None:
    parser = commands.add_parser("new", help=HELP, description=HELP + "; it never "
                                 "overwrites a sheet")
    parser.add_argument("slug", metavar="SLUG", type=_slug,
                        help="the sheet's name and URL: lower-case letters and digits "
                        "joined by hyphens")
    parser.set_defaults(handler=run)


def run(project: Project, args: argparse.Namespace) -> int:
    from generator.content.new_project import SCAFFOLD, schema_base  # once the command is known

    path = project.content / "sheets" / f"{args.slug}.yml"
    shown = project.display(path)
    text = (SCAFFOLD / "new-sheet.yml").read_text("utf-8")
    values = {"{slug}": args.slug, "{today}": datetime.date.today().isoformat(),
              "{schema}": schema_base(project.root, path.parent)}
    for key, value in values.items():
        text = text.replace(key, value)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError:
        raise BuildError(f"{shown} already exists; new never overwrites a sheet") from None
    print(f"build-site: wrote {shown} (status: draft); fill it in, put the article in "
          f"seeds/{args.slug}.txt, then run build-site check")
    return 0


def _slug(value: str) -> str:
    if not SLUG.match(value):
        raise argparse.ArgumentTypeError(f"'{value}' is not a slug: use lower-case ASCII "
                                         "letters and digits joined by hyphens")
    return value
