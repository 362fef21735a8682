"""``build-site serve``: build, serve site/ on 127.0.0.1 and rebuild + reload on every save."""

from __future__ import annotations

import argparse

from ..project import Project

HELP = "build and preview the site on 127.0.0.1, rebuilding and reloading on every save"


def register(commands) -> None:
    parser = commands.add_parser("serve", help=HELP, description=HELP + " (content/, "
                                 "templates/, seeds/); errors show in the page")
    parser.add_argument("--port", type=int, default=8000,
                        help="port on 127.0.0.1 (default: 8000; 0 picks a free one)")
    parser.add_argument("--poll", action="store_true",
                        help="notice changes by looking at every file four times a second, "
                        "for folders that report none (network shares, some containers)")
    parser.set_defaults(handler=run)


def run(project: Project, args: argparse.Namespace) -> int:
    from ..serve import serve  # MkDocs' server: imported only when previewing

    serve(project, args.port, args.poll)
    return 0
