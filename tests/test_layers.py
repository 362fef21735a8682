"""The test layers: the markers are registered strictly, the fixtures of a layer mark their
tests, a test that starts a layer's program without its marker fails, and the README's
quick check leaves out exactly the three layers."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import LAYER_FIXTURES, REPO, LayerError, layer_of

tomllib = pytest.importorskip("tomllib")
LAYERS = {"browser", "tools", "slow"}
QUICK = 'python3 -m pytest -m "not browser and not tools and not slow"'


def test_the_layers_are_registered_and_a_misspelt_marker_fails():
    options = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["pytest"]
    assert "--strict-markers" in options["ini_options"]["addopts"].split()
    assert {line.split(":")[0] for line in options["ini_options"]["markers"]} == LAYERS


def test_every_test_using_a_layer_fixture_carries_its_marker(request):
    for item in request.session.items:
        for fixture in LAYER_FIXTURES.keys() & set(item.fixturenames):
            assert item.get_closest_marker(LAYER_FIXTURES[fixture]), item.nodeid


@pytest.mark.parametrize(("program", "layer"), [
    ("/usr/bin/java", "tools"), ("/usr/bin/node", "tools"), ("npm", "tools"),
    ("/venv/lib/python3.11/site-packages/playwright/driver/node", "browser"),
    ("/usr/bin/python3", None), ("/usr/bin/git", None), ("pagefind_extended", None),
])
def test_programs_are_told_by_their_layer(program, layer):
    assert layer_of(program) == layer


def test_starting_java_without_the_tools_marker_fails_before_it_runs():
    with pytest.raises(LayerError, match="@pytest.mark.tools"):
        subprocess.run(["java", "-version"], capture_output=True)


def test_starting_chromiums_driver_without_the_browser_marker_fails():
    driver = Path(pytest.importorskip("playwright").__file__).parent / "driver" / "node"
    with pytest.raises(LayerError, match="@pytest.mark.browser"):
        subprocess.run([str(driver), "--version"], capture_output=True)


def test_a_test_of_the_tools_layer_may_start_node(node):
    result = subprocess.run([node, "--version"], capture_output=True, text=True, check=True)
    assert re.fullmatch(r"v\d+\.\d+\.\d+\n", result.stdout)


def test_the_readme_gives_the_quick_check_beside_the_full_one():
    readme = (REPO / "README.md").read_text("utf-8")
    assert "python3 -m pip install -e '.[test]' && python3 -m pytest\n" in readme
    assert QUICK in readme
    assert set(re.findall(r"not (\w+)", QUICK)) == LAYERS
