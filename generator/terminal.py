"""How problems reach the terminal: one ``path:line:col: severity: message [rule]`` each.

On a terminal the severity is coloured (errors red, warnings yellow) and the place bold,
unless ``NO_COLOR`` is set (https://no-color.org); piped or redirected output is plain.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

from generator.errors import Problem

STYLES = {"error": "1;31", "warning": "1;33", "place": "1", "rule": "2"}
"""ANSI SGR codes: bold red, bold yellow, bold, dim."""


def print_problems(problems: list[Problem]) -> None:
    colour = in_colour(sys.stderr)
    for problem in problems:
        print(format_problem(problem, colour), file=sys.stderr)


def in_colour(stream: TextIO) -> bool:
    """Whether to colour what goes to ``stream``: a terminal, and NO_COLOR unset or empty."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("NO_COLOR")


def format_problem(problem: Problem, colour: bool) -> str:
    """The problem's line, with ANSI colours when ``colour``."""
    if not colour:
        return str(problem)
    place = f"{problem.path}:{problem.line}:{problem.col}:"
    severity = styled(problem.severity, problem.severity if problem.severity in STYLES
                      else "place")
    return (f"{styled(place, 'place')} {severity}: {problem.message} "
            f"{styled(f'[{problem.rule}]', 'rule')}")


def styled(text: str, style: str) -> str:
    return f"\033[{STYLES[style]}m{text}\033[0m"


def print_error(message: str) -> None:
    """``build-site: error: message`` on standard error, ``error`` coloured on a terminal."""
    label = styled("error", "error") if in_colour(sys.stderr) else "error"
    print(f"build-site: {label}: {message}", file=sys.stderr)
