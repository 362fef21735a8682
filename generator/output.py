"""How problems reach the terminal: one ``path:line:col: severity: message [rule]`` each."""

from __future__ import annotations

import sys

from .errors import Problem


def print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
