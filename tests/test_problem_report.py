"""How problems reach the terminal: one plain ``path:line:col: severity: message [rule]``
line each when piped, coloured on a terminal unless NO_COLOR is set."""

from __future__ import annotations

import io

import pytest

from generator.errors import Problem
from generator.terminal import format_problem, in_colour, print_error, print_problems

ERROR = Problem("content/sheets/one.yml", 5, 8, "error", "unknown id 'x'", "ref-unknown-id")
WARNING = Problem("content/entities/people.yml", 2, 3, "warning", "unused", "ref-unused")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_lines_are_the_problems_own():
    assert format_problem(ERROR, colour=False) == (
        "content/sheets/one.yml:5:8: error: unknown id 'x' [ref-unknown-id]")


def test_colour_marks_place_severity_and_rule_around_the_same_words():
    line = format_problem(WARNING, colour=True)
    assert line == ("\033[1mcontent/entities/people.yml:2:3:\033[0m \033[1;33mwarning\033[0m: "
                    "unused \033[2m[ref-unused]\033[0m")
    assert "\033[1;31merror\033[0m" in format_problem(ERROR, colour=True)


@pytest.mark.parametrize(("stream", "no_color", "expected"), [
    (Terminal(), None, True), (Terminal(), "1", False), (Terminal(), "", True),
    (io.StringIO(), None, False),
])
def test_colour_only_on_a_terminal_without_no_color(monkeypatch, stream, no_color, expected):
    monkeypatch.delenv("NO_COLOR", raising=False)
    if no_color is not None:
        monkeypatch.setenv("NO_COLOR", no_color)
    assert in_colour(stream) is expected


def test_problems_and_errors_go_to_standard_error_plain_when_piped(capsys):
    print_problems([ERROR, WARNING])
    print_error("no content/site.yml here")
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [str(ERROR), str(WARNING),
                                         "build-site: error: no content/site.yml here"]
