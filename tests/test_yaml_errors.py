"""A YAML syntax error becomes one located line at its real cause: a quote or bracket left
open is reported where it was opened, a tab as a tab, and the usual slips with a hint and
an excerpt of the line."""

from __future__ import annotations

import pytest
import yaml
from conftest import FIXTURES

from generator.content.yaml_errors import syntax_problem

SYNTAX_FIXTURES = [path for path in sorted((FIXTURES / "broken").glob("*.yml"))
                   if path.read_bytes().split(b"\n")[0].split(b" ")[3:4] in
                   ([b"yaml-syntax"], [b"yaml-tab"])]
"""The broken fixtures whose first line expects a syntax error (``# expect: 4:14 rule``)."""


def problem_of(text: str):
    """The problem ``syntax_problem`` makes of the error PyYAML raises on ``text``."""
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        return syntax_problem(error, "content/sheets/one.yml", text)
    raise AssertionError("the text parsed")


def test_the_broken_fixtures_hold_every_kind_of_syntax_error():
    assert {path.name for path in SYNTAX_FIXTURES} >= {
        "people-tab.yml", "sheet-unclosed-bracket.yml", "sheet-unclosed-quote-in-block.yml",
        "sheet-stray-quote.yml", "sheet-mapping-value-colon.yml"}


@pytest.mark.parametrize("path", SYNTAX_FIXTURES, ids=lambda p: p.stem)
def test_each_error_is_placed_at_its_cause(path):
    """Each fixture's first line says where and what: ``# expect: 4:14 yaml-syntax words``."""
    text = path.read_text("utf-8")
    position, rule, *words = text.splitlines()[0].removeprefix("# expect: ").split(" ", 2)
    problem = problem_of(text)
    assert (f"{problem.line}:{problem.col}", problem.rule) == (position, rule)
    assert " ".join(words) in problem.message
    assert problem.severity == "error" and problem.path == "content/sheets/one.yml"


def test_a_quote_that_swallows_the_next_lines_is_reported_where_it_opened():
    text = 'title:\n  en: "Headline\n  ar: عنوان\ntext: [s1]\nnext: "closed"\n'
    problem = problem_of(text)
    assert (problem.line, problem.col) == (2, 7)
    assert problem.message.startswith("YAML syntax: unclosed double-quoted string opened here; "
                                      "parsing gave up on line 5")


def test_a_tab_is_named_as_such():
    problem = problem_of("title:\n\ten: Headline\n")
    assert (problem.line, problem.col, problem.rule) == (2, 1, "yaml-tab")
    assert problem.message == "tab character: YAML must be indented with spaces"


def test_a_colon_inside_a_value_gets_a_hint_and_the_line():
    problem = problem_of("title: {en: Headline}\nsummary: Note: this is it\n")
    assert (problem.line, problem.col) == (2, 14)
    assert "a ':' inside a value needs quotes" in problem.message
    assert problem.message.endswith(" | summary: Note: this is it")


def test_a_long_line_is_cut_in_the_excerpt():
    value = "word " * 30
    problem = problem_of(f"summary: {value}: more\n")
    excerpt = problem.message.rsplit(" | ", 1)[1]
    assert len(excerpt) == 61 and excerpt.endswith("…") and excerpt.startswith("summary: word")
