"""Locale facts from CLDR (text direction), direction marks flagged, and a
Content-Security-Policy that lets run every inline script a page holds, classic or module,
and the origins site.yml allows, and nothing else."""

from __future__ import annotations

import re

import pytest
from browsing import PageVisit
from conftest import served_folder

from generator.build.pipeline import build
from generator.render.csp import PLACEHOLDER
from generator.render.i18n import direction

OVERRIDE = """{% block scripts %}
<script type="module">document.documentElement.dataset.module = "ran";</script>
<script>document.documentElement.dataset.classic = "ran";</script>
{% endblock %}
"""


@pytest.mark.parametrize(("language", "expected"), [
    ("ar", "rtl"), ("en", "ltr"), ("fa", "rtl"), ("he", "rtl"), ("ckb", "rtl"),
    ("az-Arab", "rtl"), ("pa-Arab", "rtl"), ("sd-Deva", "ltr"), ("sd", "rtl"),
    ("az", "ltr"), ("ku", "ltr"), ("xx-Arab", "rtl"), ("xx", "ltr"), ("ar-IQ", "rtl"),
])
def test_direction_comes_from_cldr(language, expected):
    assert direction(language) == expected


def test_inline_scripts_of_an_override_run_under_the_policy(project, browser):
    about = project.templates / "about.html"
    about.write_text(about.read_text("utf-8") + OVERRIDE, "utf-8")
    site = project.content / "site.yml"
    site.write_text(site.read_text("utf-8") + "allow:\n  img: [https://images.example.org]\n"
                    "  frame: ['https://*.player.example']\n", "utf-8")
    build(project, quiet=True)
    html = (project.site / "en" / "about" / "index.html").read_text("utf-8")
    assert PLACEHOLDER not in html
    policy = dict(part.strip().split(" ", 1) for part in re.search(
        r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)[1].split(";"))
    assert policy["img-src"].endswith(" https://images.example.org")
    assert policy["frame-src"] == "'self' https://*.player.example"
    with served_folder(project.site) as base, PageVisit(browser, f"{base}en/about/") as visit:
        ran = visit.page.evaluate("[document.documentElement.dataset.module, "
                                  "document.documentElement.dataset.classic]")
        assert ran == ["ran", "ran"]
        visit.page.evaluate("""() => {
          const late = document.createElement('script');
          late.textContent = 'document.documentElement.dataset.late = "ran"';
          document.body.append(late);
        }""")
        assert visit.page.evaluate("document.documentElement.dataset.late") is None
        assert [e for e in visit.errors if "Content Security Policy" not in e] == []
