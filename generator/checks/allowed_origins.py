"""site.yml's ``allow:`` origins, which every page's Content-Security-Policy adds to the
directives they name: each must be a plain origin."""

from __future__ import annotations

import re

from generator.content.loader import Document
from generator.errors import Problem

ORIGIN = re.compile(r"^(https://(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+|"
                    r"http://(localhost|127\.0\.0\.1))(:[0-9]{1,5})?$")


def check_allowed_origins(site: Document) -> list[Problem]:
    """site.yml's ``allow:`` origins that are not plain origins (``https://host[:port]``,
    ``*.`` before the host at most): a path, a keyword or a quote would widen or break
    the policy of every page."""
    problems = []
    for key, origins in (site.data.get("allow") or {}).items():
        for index, origin in enumerate(origins if isinstance(origins, list) else []):
            if isinstance(origin, str) and not ORIGIN.match(origin):
                problems.append(site.problem(
                    ("allow", key, index), f"'{origin}' is not an origin: write the scheme "
                    "and host alone, e.g. https://cdn.example.org (https only; a path, "
                    "quotes or keywords are not allowed)", "csp-origin"))
    return problems
