"""``build-site serve``: build, serve site/ and rebuild + reload on every save."""

from __future__ import annotations

import argparse
import ipaddress
import sys

from generator.content.project import Project

HELP = "build and preview the site, rebuilding and reloading on every save"
EXIT_USAGE = 2


def register(commands) -> None:
    parser = commands.add_parser("serve", help=HELP, description=HELP + " (content/, "
                                 "templates/, seeds/); errors show in the page")
    parser.add_argument("--port", type=int, default=8000,
                        help="port to serve on (default: 8000; 0 picks a free one)")
    parser.add_argument("--bind", default="127.0.0.1", metavar="ADDR",
                        help="address to serve on (default: 127.0.0.1, this machine only; "
                        "0.0.0.0 lets other machines read the preview)")
    parser.add_argument("--poll", action="store_true",
                        help="notice changes by looking at every file four times a second, "
                        "for folders that report none (network shares, some containers)")
    parser.set_defaults(handler=run)


def run(project: Project, args: argparse.Namespace) -> int:
    if not 0 <= args.port <= 65535:
        print(f"build-site: error: --port {args.port}: a port is 0 to 65535", file=sys.stderr)
        return EXIT_USAGE
    if not _loopback(args.bind):
        print(f"build-site: warning: serving on {args.bind}: other machines that reach it "
              "can read the preview, drafts included", file=sys.stderr)
    from generator.serve.server import (
        serve,  # watchdog and the server: imported only when previewing
    )

    serve(project, args.bind, args.port, args.poll)
    return 0


def _loopback(address: str) -> bool:
    """Whether ``address`` is this machine's alone (127.0.0.0/8, ::1, localhost)."""
    if address == "localhost":
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:  # a host name: it may be reached from elsewhere
        return False
