"""``build-site publish`` against real git repositories on disk (a bare one as ``origin``)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import FIXTURES, copy_project
from test_build import tree_digest

from generator.cli import main
from generator.publish.gh_pages import TRAILER

pytestmark = pytest.mark.slow  # builds and commits whole projects with git


def git(cwd, *args) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout.strip()


@pytest.fixture(autouse=True)
def git_identity(monkeypatch, tmp_path):
    """No user or system git configuration leaks in; commits get a fixed identity."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "Test Editor")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "editor@example.org")


@pytest.fixture
def repo(tmp_path):
    """A committed project on branch main with a bare ``origin`` and one uncommitted edit."""
    project = copy_project(tmp_path / "project", FIXTURES / "minimal" / "content")
    shutil.rmtree(project.templates)  # the packaged templates
    shutil.copytree(FIXTURES / "minimal" / "seeds", project.seeds, dirs_exist_ok=True)
    git(tmp_path, "init", "-q", "--bare", "origin.git")
    git(project.root, "init", "-q", "-b", "main")
    (project.root / ".gitignore").write_text("/site/\n/.site-*/\n")
    git(project.root, "add", ".")
    git(project.root, "commit", "-q", "-m", "content")
    git(project.root, "remote", "add", "origin", str(tmp_path / "origin.git"))
    (project.root / "notes.txt").write_text("an untracked file\n")
    with (project.seeds / "one.txt").open("a") as seed:
        seed.write("An edit not committed yet.\n")
    return project


def publish(project, *args) -> int:
    return main(["--project", str(project.root), "publish", *args])


def state(project) -> tuple[str, str, str]:
    """What publishing must never change: the checked-out branch, its commit, the files."""
    return (git(project.root, "symbolic-ref", "HEAD"), git(project.root, "rev-parse", "HEAD"),
            git(project.root, "status", "--porcelain", "--untracked-files=all"))


def clone_pages(project, target):
    origin = project.root.parent / "origin.git"
    git(project.root.parent, "clone", "-q", "--branch", "gh-pages", str(origin), str(target))
    return target


def test_publish_pushes_exactly_the_site_and_touches_nothing_else(repo, tmp_path, capsys):
    before = state(repo)
    assert publish(repo) == 0
    out = capsys.readouterr().out
    assert "pushed gh-pages" in out and str(tmp_path / "origin.git") in out
    clone = clone_pages(repo, tmp_path / "clone")
    shutil.rmtree(clone / ".git")
    assert tree_digest(clone) == tree_digest(repo.site)
    assert (clone / ".nojekyll").is_file() and (clone / "404.html").is_file()
    assert state(repo) == before
    message = git(tmp_path / "origin.git", "log", "-1", "--format=%B", "gh-pages")
    assert TRAILER in message and "with local changes" in message


def test_republishing_unchanged_content_pushes_no_new_commit(repo, tmp_path, capsys):
    origin = tmp_path / "origin.git"
    assert publish(repo) == 0
    first = git(origin, "rev-parse", "gh-pages")
    assert publish(repo) == 0
    assert git(origin, "rev-parse", "gh-pages") == first
    assert git(repo.root, "rev-parse", "gh-pages") == first
    assert "no new commit" in capsys.readouterr().out

    sheet = repo.content / "sheets" / "one.yml"
    sheet.write_text(sheet.read_text("utf-8").replace("Headline", "New headline"), "utf-8")
    assert publish(repo, "--message", "Retitle the sheet") == 0
    assert git(origin, "rev-parse", "gh-pages^") == first  # a fast-forward on top
    assert git(origin, "log", "-1", "--format=%s", "gh-pages") == "Retitle the sheet"


def test_refuses_a_branch_it_did_not_create_unless_forced(repo, tmp_path, capsys):
    origin = tmp_path / "origin.git"
    other = tmp_path / "other"
    git(tmp_path, "clone", "-q", str(origin), str(other))
    git(other, "checkout", "-q", "-b", "gh-pages")
    (other / "index.html").write_text("<p>made by hand</p>")
    git(other, "add", "index.html")
    git(other, "commit", "-q", "-m", "Hand-made page")
    git(other, "push", "-q", "origin", "gh-pages")
    hand_made = git(origin, "rev-parse", "gh-pages")

    assert publish(repo) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Hand-made page" in err and "--force" in err
    assert git(origin, "rev-parse", "gh-pages") == hand_made

    assert publish(repo, "--force") == 0
    assert git(origin, "rev-list", "--count", "gh-pages") == "1"  # the old history is replaced
    assert git(origin, "show", "gh-pages:index.html") != "<p>made by hand</p>"
    assert publish(repo) == 0  # from now on the branch is build-site's own


def test_no_push_commits_locally_and_dry_run_changes_nothing(repo, tmp_path, capsys):
    origin = tmp_path / "origin.git"
    assert publish(repo, "--dry-run") == 0
    assert "dry run" in capsys.readouterr().out
    assert git(repo.root, "branch", "--list", "gh-pages") == ""
    assert publish(repo, "--no-push") == 0
    assert git(repo.root, "rev-parse", "gh-pages")
    assert git(origin, "branch", "--list", "gh-pages") == ""
    assert publish(repo) == 0  # pushes the commit already made, without a new one
    assert git(origin, "rev-parse", "gh-pages") == git(repo.root, "rev-parse", "gh-pages")
    assert git(origin, "rev-list", "--count", "gh-pages") == "1"


@pytest.mark.parametrize("case, message", [
    ("no-remote", "no git remote named 'upstream'"),
    ("unreachable", "cannot reach remote"),
    ("rejected", "[remote rejected] (pre-receive hook declined)"),
    ("not-a-repository", "is not in a git repository"),
    ("checked-out", "branch gh-pages is checked out here"),
])
def test_failures_are_one_line_and_the_next_publish_succeeds(repo, tmp_path, capsys, case,
                                                             message):
    origin = tmp_path / "origin.git"
    args = []
    hook = origin / "hooks" / "pre-receive"
    if case == "no-remote":
        args = ["--remote", "upstream"]
    elif case == "unreachable":
        args = ["--remote", str(tmp_path / "gone.git")]
    elif case == "rejected":
        shutil.copy(FIXTURES / "git" / "pre-receive-refuse", hook)
    elif case == "not-a-repository":
        shutil.move(repo.root / ".git", tmp_path / "hidden.git")
    elif case == "checked-out":
        git(repo.root, "checkout", "-q", "--orphan", "gh-pages")
    assert publish(repo, *args) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert git(origin, "branch", "--list", "gh-pages") == ""

    hook.unlink(missing_ok=True)
    if case == "not-a-repository":
        shutil.move(tmp_path / "hidden.git", repo.root / ".git")
    elif case == "checked-out":
        git(repo.root, "checkout", "-q", "main")
    assert publish(repo) == 0
    assert git(origin, "rev-parse", "gh-pages") == git(repo.root, "rev-parse", "gh-pages")
    assert git(origin, "rev-list", "--count", "gh-pages") == "1"  # the failed commit reused


def test_content_errors_stop_publishing(repo, tmp_path, capsys):
    sheet = repo.content / "sheets" / "one.yml"
    sheet.write_text(sheet.read_text("utf-8").replace("sentences: [s1]", "sentences: [s9]", 1),
                     "utf-8")
    assert publish(repo) == 1
    assert "content/sheets/one.yml:" in capsys.readouterr().err
    assert git(repo.root, "branch", "--list", "gh-pages") == ""
    assert git(tmp_path / "origin.git", "branch", "--list", "gh-pages") == ""


def test_publish_leaves_the_drafts_out_and_says_so(repo, tmp_path, capsys):
    draft = repo.content / "sheets" / "one-draft.yml"
    draft.write_text("status: draft\n" + (repo.content / "sheets" / "one.yml").read_text(
        "utf-8").replace("en: Headline", "en: Draftheadline"), "utf-8")
    assert publish(repo, "--no-push") == 0
    assert "left out 1 draft sheet" in capsys.readouterr().out
    published = git(repo.root, "ls-tree", "-r", "--name-only", "gh-pages")
    assert "en/sheets/one/index.html" in published.splitlines()
    assert "one-draft" not in published
