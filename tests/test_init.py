"""``build-site init DIR``: a new project that checks and builds clean at once."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib import metadata

import pytest
from conftest import REPO

from generator.content.new_project import FILES, SCAFFOLD

pytestmark = pytest.mark.slow  # runs build-site init, check and build in fresh interpreters


def build_site(cwd, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_init_creates_a_project_that_checks_and_builds_clean(tmp_path):
    folder = tmp_path / "Gulf Facts"
    result = build_site(tmp_path, "init", folder.name)
    assert result.returncode == 0, result.stderr
    for path in FILES:
        assert (folder / path).is_file(), path
    assert "base_url: https://your-name.github.io/gulf-facts/" in \
        (folder / "content" / "site.yml").read_text("utf-8")
    assert (folder / ".github" / "workflows" / "pages.yml").read_bytes() == \
        (SCAFFOLD / "github-pages.yml").read_bytes()  # the one test_workflow.py checks

    checked = build_site(folder, "check")
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr.startswith("0 errors, 0 warnings")
    built = build_site(folder)
    assert built.returncode == 0, built.stderr
    assert (folder / "site" / "en" / "sheets" / "example" / "index.html").is_file()
    assert "/site/" in (folder / ".gitignore").read_text("utf-8").splitlines()


def test_templates_folder_overrides_only_the_files_it_holds(tmp_path):
    folder = tmp_path / "new"
    assert build_site(tmp_path, "init", "new").returncode == 0
    (folder / "templates" / "assets").mkdir()
    (folder / "templates" / "assets" / "site.css").write_text("body { color: teal; }\n")
    assert build_site(folder).returncode == 0
    assert (folder / "site" / "assets" / "site.css").read_text() == "body { color: teal; }\n"
    packaged = REPO / "templates" / "assets" / "vendor" / "leaflet" / "leaflet.js"
    assert (folder / "site" / "assets" / "vendor" / "leaflet" / "leaflet.js").read_bytes() == \
        packaged.read_bytes()


def test_init_never_writes_into_a_folder_that_has_files(tmp_path):
    folder = tmp_path / "existing"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    result = build_site(tmp_path, "init", "existing")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "holds files" in result.stderr
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_init_dot_accepts_a_fresh_clone(tmp_path):
    (tmp_path / ".git" / "objects").mkdir(parents=True)
    (tmp_path / ".vscode").mkdir()
    result = build_site(tmp_path, "init", ".")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "content" / "site.yml").is_file()
    assert "next: build-site serve" in result.stdout


def test_init_never_writes_over_a_file_in_a_dot_folder(tmp_path):
    workflow = tmp_path / ".github" / "workflows" / "pages.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text("mine")
    result = build_site(tmp_path, "init", ".")
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert workflow.read_text() == "mine" and not (tmp_path / "content").exists()


def test_schema_headers_point_at_files_in_the_repository(tmp_path):
    assert build_site(tmp_path, "init", "new").returncode == 0
    assert build_site(tmp_path / "new", "new", "second-sheet").returncode == 0
    for project in (tmp_path / "new", REPO):
        files = sorted((project / "content").rglob("*.yml"))
        assert len(files) >= 5
        for path in files:
            header = path.read_text("utf-8").splitlines()[0]
            match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", header)
            assert match, path
            assert (path.parent / match[1]).resolve().is_file(), path


def test_init_names_the_generator_installed_and_says_so(tmp_path):
    result = build_site(tmp_path, "init", "new")
    written = (tmp_path / "new" / "requirements.txt").read_text("utf-8").splitlines()
    installed = metadata.distribution("factsheet-site")
    direct = json.loads(installed.read_text("direct_url.json") or "{}")
    if direct.get("url"):  # installed from a folder, an archive or a repository
        assert written[-1].startswith("factsheet-site @ ") and direct["url"] in written[-1]
    else:
        assert written[-1] == f"factsheet-site=={installed.version}"
    assert f"requirements.txt (the GitHub workflow installs it) names {written[-1]}" in \
        result.stdout
