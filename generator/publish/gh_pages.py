"""Publish ``site/`` to a GitHub Pages branch, the way ``mkdocs gh-deploy`` does.

ghp-import writes the folder as one commit on the branch (default ``gh-pages``) with
``git fast-import``: the user's working branch, index and files are never touched.
Every commit carries the ``Published-by: build-site`` trailer, so a branch whose history
build-site did not make is recognised and only replaced with ``force``. The remote is
read first (``ls-remote``/``fetch``) so the new commit sits on top of what is online and
the push is a fast-forward; a failed push leaves a branch the next publish builds on.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import ghp_import

from generator.errors import BuildError

TRAILER = "Published-by: build-site"


@dataclass
class PublishOptions:
    remote: str = "origin"
    branch: str = "gh-pages"
    message: str | None = None
    push: bool = True
    dry_run: bool = False
    force: bool = False


@dataclass
class PublishResult:
    commit: str | None
    """The branch's commit after publishing (None on a dry run of a new branch)."""
    new_commit: bool
    """False when the site was identical to the branch's last commit."""
    pushed: bool
    remote_url: str | None
    remote_commit: str | None
    """The remote branch's commit before publishing (None when it did not exist)."""
    replaced: bool = False
    """``force`` replaced a history build-site did not make."""


class Git:
    """``git`` in one folder; failures become one-line BuildErrors where asked."""

    def __init__(self, root: Path):
        self.root = root

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        try:
            result = subprocess.run(["git", *args], cwd=self.root, capture_output=True,
                                    text=True, stdin=subprocess.DEVNULL)
        except FileNotFoundError as error:
            raise BuildError("git is not installed (it is needed to publish)") from error
        if check and result.returncode != 0:
            raise BuildError(f"git {args[0]} failed: {first_error(result.stderr)}")
        return result

    def out(self, *args: str) -> str:
        return self.run(*args).stdout.strip()

    def commit_of(self, ref: str) -> str | None:
        result = self.run("rev-parse", "-q", "--verify", f"{ref}^{{commit}}", check=False)
        return result.stdout.strip() if result.returncode == 0 else None


def first_error(stderr: str) -> str:
    """The line of git's output that says why, without the ``fatal:`` prefix."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in lines:
        for prefix in ("fatal: ", "error: "):
            if line.startswith(prefix):
                return line[len(prefix):]
    return lines[0] if lines else "unknown git error"


def default_message(git: Git) -> str:
    head = git.commit_of("HEAD")
    if not head:
        return "Publish the site with build-site"
    dirty = git.run("status", "--porcelain", "--untracked-files=no", check=False).stdout.strip()
    return f"Publish the site built from {head[:7]}{' with local changes' if dirty else ''}"


def check_repository(git: Git, options: PublishOptions) -> str | None:
    """Refuse early (before building): not a repository, branch checked out, no remote.
    Returns the remote's URL when it will be contacted."""
    result = git.run("rev-parse", "--is-inside-work-tree", check=False)
    if result.returncode != 0 or result.stdout.strip() != "true":
        raise BuildError(f"{git.root} is not in a git repository: run `git init` and add a "
                         "remote to publish")
    if git.run("check-ref-format", "--branch", options.branch, check=False).returncode != 0:
        raise BuildError(f"{options.branch!r} is not a valid branch name")
    head = git.run("symbolic-ref", "-q", "HEAD", check=False).stdout.strip()
    if head == f"refs/heads/{options.branch}":
        raise BuildError(f"branch {options.branch} is checked out here; switch to your working "
                         "branch first (publish never touches the checked-out branch)")
    if not (options.push or options.dry_run):
        return None
    url = git.run("remote", "get-url", options.remote, check=False)
    if url.returncode == 0:
        return url.stdout.strip()
    if "/" in options.remote or ":" in options.remote:
        return options.remote  # a URL or a path, as git accepts
    raise BuildError(f"no git remote named {options.remote!r}: add one with "
                     f"`git remote add {options.remote} URL` or pass --remote")


def remote_branch(git: Git, options: PublishOptions, url: str) -> str | None:
    """The commit of the branch on the remote, or None when it has none."""
    result = git.run("ls-remote", "--exit-code", "--heads", options.remote,
                     f"refs/heads/{options.branch}", check=False)
    if result.returncode == 2:
        return None
    if result.returncode != 0:
        raise BuildError(f"cannot reach remote {options.remote!r} ({url}): "
                         f"{first_error(result.stderr)}")
    return result.stdout.split()[0]


def foreign_commit(git: Git, ref: str) -> str | None:
    """The newest commit reachable from ``ref`` that build-site did not make."""
    found = git.out("rev-list", "--max-count=1", "--invert-grep", "--fixed-strings",
                    f"--grep={TRAILER}", ref, "--")
    if not found:
        return None
    return git.out("log", "-1", "--format=%h (%s)", found)


def publish(root: Path, site: Path, options: PublishOptions) -> PublishResult:
    """Commit ``site`` to ``options.branch`` of the git repository at ``root`` and push it.

    ``root`` must already be checked with ``check_repository``; ``site`` must be built.
    """
    git = Git(root)
    branch_ref = f"refs/heads/{options.branch}"
    url = check_repository(git, options)
    named = url is not None and git.run("remote", "get-url", options.remote,
                                        check=False).returncode == 0
    tracking_ref = f"refs/remotes/{options.remote}/{options.branch}" if named else None
    remote_commit = remote_branch(git, options, url) if url else None
    if remote_commit:
        refspec = f"+{branch_ref}:{tracking_ref}" if tracking_ref else branch_ref
        fetched = git.run("fetch", "--quiet", "--no-tags", options.remote, refspec, check=False)
        if fetched.returncode != 0:
            raise BuildError(f"cannot fetch {options.branch} from {options.remote!r} ({url}): "
                             f"{first_error(fetched.stderr)}")
    elif tracking_ref and git.commit_of(tracking_ref) and not options.dry_run:
        git.run("update-ref", "-d", tracking_ref)  # stale: the remote no longer has it

    local = git.commit_of(branch_ref)
    candidates = {options.branch: local, f"{options.remote}/{options.branch}":
                  remote_commit or (tracking_ref and git.commit_of(tracking_ref))}
    foreign = [(name, found) for name, sha in candidates.items()
               if sha and (found := foreign_commit(git, sha))]
    if foreign and not options.force:
        name, found = foreign[0]
        raise BuildError(f"branch {name} has commits build-site did not make (latest: {found}); "
                         "pass --force to replace its history with the site")
    if options.dry_run:
        return PublishResult(remote_commit or local, True, False, url, remote_commit,
                             replaced=bool(foreign))

    if foreign:  # --force: a new history, with no parent
        for ref in (branch_ref, tracking_ref):
            if ref and git.commit_of(ref):
                git.run("update-ref", "-d", ref)
    elif remote_commit and not (local and _contains(git, local, remote_commit)):
        # The new commit goes on top of what the remote has, so the push is a fast-forward;
        # a local branch ahead of it (a push that failed) is kept and built on.
        git.run("update-ref", branch_ref, remote_commit)
    old = git.commit_of(branch_ref)
    message = (options.message or default_message(git)).rstrip() + f"\n\n{TRAILER}\n"
    _commit(git, site, options, message, replace=bool(foreign))
    commit = git.commit_of(branch_ref)
    if not commit or commit == old:
        raise BuildError(f"could not commit {site} to branch {options.branch}")
    new_commit = True
    parent = git.commit_of(f"{commit}^")
    if parent and git.out("rev-parse", f"{commit}^{{tree}}") == git.out(
            "rev-parse", f"{parent}^{{tree}}"):
        git.run("update-ref", branch_ref, parent, commit)  # nothing changed: no new commit
        commit, new_commit = parent, False

    pushed = False
    if url and commit != remote_commit:
        args = ["push", "--porcelain", "--quiet", options.remote, f"{branch_ref}:{branch_ref}"]
        if options.force:
            args.insert(1, "--force")
        result = git.run(*args, check=False)
        if result.returncode != 0:
            raise BuildError(f"push of {options.branch} to {options.remote!r} ({url}) failed: "
                             f"{_push_error(result)}; the commit {commit[:7]} stays on local "
                             f"branch {options.branch} for the next publish")
        pushed = True
    return PublishResult(commit, new_commit, pushed, url, remote_commit, replaced=bool(foreign))


def _contains(git: Git, commit: str, ancestor: str) -> bool:
    return git.run("merge-base", "--is-ancestor", ancestor, commit, check=False).returncode == 0


def _commit(git: Git, site: Path, options: PublishOptions, message: str, replace: bool) -> None:
    """One commit of ``site`` on the branch, through ghp-import (which runs git in the cwd)."""
    identity = {}
    if not (os.environ.get("GIT_COMMITTER_NAME") or
            git.run("config", "user.name", check=False).stdout.strip()):
        identity["GIT_COMMITTER_NAME"] = "build-site"
    if not (os.environ.get("GIT_COMMITTER_EMAIL") or
            git.run("config", "user.email", check=False).stdout.strip()):
        identity["GIT_COMMITTER_EMAIL"] = "build-site@localhost"
    try:
        with _inside(git.root, identity):
            # remote="": the branch is already placed on the remote's commit above, so
            # ghp-import's own reset to the remote-tracking branch is not wanted.
            ghp_import.ghp_import(str(site), mesg=message, remote="", branch=options.branch,
                                  push=False, no_history=replace, nojekyll=False)
    except ghp_import.GhpError as error:
        raise BuildError(f"ghp-import failed: {error.message.strip()}") from error
    except (OSError, TypeError) as error:  # ghp-import reports a failed fast-import this way
        raise BuildError(f"could not commit {site} to branch {options.branch}: {error}") \
            from error


@contextlib.contextmanager
def _inside(folder: Path, environment: dict[str, str]) -> Iterator[None]:
    saved_cwd, saved_env = Path.cwd(), {key: os.environ.get(key) for key in environment}
    os.chdir(folder)
    os.environ.update(environment)
    try:
        yield
    finally:
        os.chdir(saved_cwd)
        for key, value in saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _push_error(result: subprocess.CompletedProcess) -> str:
    """Why a push failed, from ``--porcelain`` (``!<tab>src:dst<tab>[rejected] (why)``)."""
    for line in result.stdout.splitlines():
        fields = line.split("\t")
        if line.startswith("!") and len(fields) >= 3:
            return fields[2].strip()
    return first_error(result.stderr)
