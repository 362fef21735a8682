"""Markdown fields become safe HTML: allowed tags and attributes only, links to http(s) or
relative addresses only, raw HTML tags dropped; and plain text for search records."""

from __future__ import annotations

import pytest

from generator.render.markup import markdown_text, render_markdown


def test_markdown_becomes_html_with_safe_links():
    html = render_markdown("A **bold** claim, [the record](https://example.org/r).")
    assert html == ('<p>A <strong>bold</strong> claim, <a href="https://example.org/r" '
                    'rel="noopener noreferrer">the record</a>.</p>')
    assert hasattr(html, "__html__")


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))", "[data](data:text/html;base64,PHNjcmlwdD4=)",
    '<a href="https://example.org" onclick="alert(1)">x</a>', "<iframe src=//evil></iframe>",
])
def test_nothing_that_runs_survives(text):
    html = str(render_markdown(text)).lower()
    for danger in ("<script", "<img", "onerror", "javascript:", "data:", "onclick", "<iframe"):
        assert danger not in html, html


def test_allowed_markup_keeps_its_language_and_direction():
    html = str(render_markdown('قال <bdi lang="en" dir="ltr">Pompeo</bdi> إن'))
    assert '<bdi lang="en" dir="ltr">Pompeo</bdi>' in html


def test_raw_html_tags_are_dropped_and_a_lone_bracket_stays_text():
    assert render_markdown("<b>bold</b> and <blink>") == "<p>bold and </p>"
    assert render_markdown("x < y & z") == "<p>x &lt; y &amp; z</p>"


def test_plain_text_is_what_the_reader_sees():
    assert markdown_text("- one **bold**\n- two & x < y") == "one bold two & x < y"
    assert markdown_text("see <https://example.org>") == "see https://example.org"
    assert markdown_text("") == ""
