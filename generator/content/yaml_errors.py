"""YAML syntax errors as one located line each, at their real cause.

PyYAML reports where parsing gave up; a quote or bracket left open is reported where it
was opened instead, with the line where parsing gave up as context: one whose context
names it (an unclosed flow collection or quoted scalar), or one that a later quote or
bracket closed after it had taken in lines that look like keys or list items.
"""

from __future__ import annotations

import re

import yaml

from generator.errors import Problem

UNCLOSED_CONTEXTS = ("while parsing a flow", "while scanning a quoted scalar",
                     "while scanning a double-quoted", "while scanning a single-quoted")
"""Errors whose real cause is where something was opened, not where parsing gave up."""


SYNTAX_HINTS = {
    "mapping values are not allowed here": "a ':' inside a value needs quotes, or this line is "
                                           "indented wrongly",
    "expected <block end>": "this line is indented differently from the lines above it",
    "could not find expected ':'": "a key needs ':' after it, or a quote is not closed",
    "found unexpected end of stream": "a quote or bracket opened here is never closed",
}


def syntax_problem(error: yaml.MarkedYAMLError, display: str, text: str) -> Problem:
    """One located line for a parse error, at its real cause, with a hint and an excerpt."""
    if "'\\t'" in str(error.problem) or "\t" in str(error.problem):
        mark = error.problem_mark
        return Problem(display, mark.line + 1, mark.column + 1, "error",
                       "tab character: YAML must be indented with spaces", "yaml-tab")
    unclosed = (error.context or "").startswith(UNCLOSED_CONTEXTS) and error.context_mark
    opened = None
    if unclosed:
        what = error.context.removeprefix("while parsing a ").removeprefix("while scanning a ")
        opened = (what, error.context_mark)
    elif error.problem_mark is not None and not hasattr(error, "rule"):  # syntax errors
        opened = _swallowing_opener(text, error.problem_mark)
    mark = opened[1] if opened else (error.problem_mark or error.context_mark)
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    if opened:
        gave_up = error.problem_mark.line + 1
        message = (f"unclosed {opened[0]} opened here; parsing gave up on line {gave_up} "
                   f"({error.problem}{_excerpt(text, gave_up, ' at: ')})")
    else:
        message = " ".join(part for part in (error.context, error.problem) if part)
        hint = next((h for key, h in SYNTAX_HINTS.items() if key in message), None)
        if hint:
            message += f" — {hint}"
    rule = getattr(error, "rule", "yaml-syntax")
    prefix = "" if rule != "yaml-syntax" else "YAML syntax: "
    return Problem(display, line, col, "error", f"{prefix}{message}{_excerpt(text, line)}", rule)


SWALLOWED_LINE = re.compile(r"\n[ ]*(- |[-\w]+:( |$))", re.MULTILINE)
"""A line that looks like YAML structure (a key, a list item): text that a quote or a
bracket left open has taken in as part of a value."""
OPENERS = {yaml.FlowSequenceStartToken: "bracket [", yaml.FlowMappingStartToken: "brace {"}


def _swallowing_opener(text: str, problem: yaml.Mark) -> tuple[str, yaml.Mark] | None:
    """What was opened before ``problem`` and closed only lines later, having taken in
    lines that look like keys or list items (a quote closed by the next value's quote, a
    bracket by a later one): its kind and where it was opened."""
    found, open_flows = None, []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= problem.index:
                break
            if type(token) in OPENERS:
                open_flows.append(token)
                continue
            if isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)):
                if not open_flows:
                    continue
                end, token = token.start_mark.index, open_flows.pop()
                what = OPENERS[type(token)]
            elif isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                what = "double-quoted string" if token.style == '"' else "single-quoted string"
                end = token.end_mark.index
            else:
                continue
            if SWALLOWED_LINE.search(text, token.start_mark.index, end):
                found = (what, token.start_mark)
    except yaml.YAMLError:
        pass  # the scan stops where the parse did, or sooner
    return found


def _excerpt(text: str, line: int, lead: str = " | ") -> str:
    lines = text.splitlines()
    if not 1 <= line <= len(lines) or not lines[line - 1].strip():
        return ""
    shown = lines[line - 1].strip()
    return f'{lead}{shown[:60]}{"…" if len(shown) > 60 else ""}'
