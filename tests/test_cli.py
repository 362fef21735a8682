"""The command line behaves like its peers: ``--version`` at once, one line and exit 2 for
a path that does not exist, colour only on a terminal and never with NO_COLOR, and
``new SLUG`` starting a sheet; a command loads only what it uses."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

from generator import __version__

pytestmark = pytest.mark.slow  # runs build-site in fresh interpreters and terminals


def build_site(cwd, *args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


def test_version_answers_without_loading_the_generator(tmp_path):
    program = ("import sys\nfrom generator.cli import main\nmain(['--version'])\n"
               "print(sorted(m for m in sys.modules if m.startswith('generator.') or "
               "m.split('.')[0] in ('yaml', 'jinja2', 'folium', 'babel', 'markdown')))")
    result = subprocess.run([sys.executable, "-c", program], cwd=tmp_path, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    first, loaded = result.stdout.splitlines()
    assert first == f"build-site {__version__}"
    assert loaded == "['generator.cli']"
    assert build_site(tmp_path, "-V").stdout == first + "\n"


LOADED = ("import sys\nfrom generator.cli import main\ntry:\n    main({args!r})\n"
          "except SystemExit:\n    pass\n"
          "print(sorted(m for m in sys.modules if m.startswith(('generator.build', "
          "'generator.render', 'generator.maps', 'generator.checks', 'jinja2', 'folium', "
          "'markdown', 'babel'))))")


@pytest.mark.parametrize("args", [["--help"], ["new", "a-new-sheet"], ["new", "--help"]])
def test_a_command_loads_only_what_it_uses(project, args):
    """Starting a sheet or asking for help loads no build, checks, pages or maps."""
    result = subprocess.run([sys.executable, "-c", LOADED.format(args=args)], cwd=project.root,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"


@pytest.mark.parametrize("args", [
    ["check", "content/sheets/nonexist.yml"],
    ["--project", "nowhere"],
    ["--project", "nowhere", "check"],
    ["--project", "nowhere", "serve"],
    ["--project", "nowhere", "publish"],
    ["check", "--confirm-translations", "content/sheets/nonexist.yml"],
    ["extract", "seeds/nonexist.txt"],
])
def test_a_path_that_does_not_exist_is_one_line_and_exit_2(project, args):
    result = build_site(project.root, *args)
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1
    assert "nonexist" in result.stderr or "nowhere" in result.stderr
    assert result.stderr.startswith("build-site: error: ") and "no such file" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_usage_errors_are_one_line(tmp_path):
    for args in (["--bogus"], ["new"], ["new", "Not_A_Slug"], ["check", "--format", "xml"]):
        result = build_site(tmp_path, *args)
        assert result.returncode == 2 and result.stderr.count("\n") == 1, (args, result.stderr)


def test_new_starts_a_commented_sheet_and_never_overwrites_it(project):
    result = build_site(project.root, "new", "budget-vote")
    assert result.returncode == 0, result.stderr
    path = project.content / "sheets" / "budget-vote.yml"
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=") and "seed: budget-vote.txt" in text
    assert sum(line.lstrip().startswith("#") for line in text.splitlines()) > 20
    checked = build_site(project.root, "check", "content/sheets/budget-vote.yml")
    assert checked.returncode == 1  # the placeholders: check names what is left to fill in
    assert "budget-vote.yml:" in checked.stderr and "Traceback" not in checked.stderr
    path.write_text(text + "# mine\n", "utf-8")
    again = build_site(project.root, "new", "budget-vote")
    assert again.returncode == 1 and "already exists" in again.stderr
    assert path.read_text("utf-8").endswith("# mine\n")


def on_a_terminal(cwd, *args, env=None) -> str:
    """What the command writes to standard error when that is a terminal."""
    controller, terminal = pty.openpty()
    try:
        subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd, stdin=terminal,
                       stdout=subprocess.DEVNULL, stderr=terminal, timeout=120,
                       env={**os.environ, **(env or {})})
        os.close(terminal)
        chunks = []
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal is closed: all was read
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks).decode("utf-8")
    finally:
        os.close(controller)


def test_problems_are_coloured_on_a_terminal_unless_no_color(project):
    sheet = project.content / "sheets" / "kadhimi-us-threat-2020.yml"
    sheet.write_text(sheet.read_text("utf-8").replace("publisher: ", "publisher: nobody-", 1),
                     "utf-8")
    coloured = on_a_terminal(project.root, "check", env={"NO_COLOR": ""})
    assert "\033[1;31merror\033[0m" in coloured
    plain = on_a_terminal(project.root, "check", env={"NO_COLOR": "1"})
    assert "error" in plain and "\033[" not in plain
    piped = build_site(project.root, "check", env={"NO_COLOR": ""})
    assert ": error: " in piped.stderr and "\033[" not in piped.stderr
