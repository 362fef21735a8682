"""The same content gives a byte-identical site/, whatever the hash seed, the order in
which the file system lists files, the current folder or the clock."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from conftest import REPO, differences, tree_digest

pytestmark = pytest.mark.slow  # whole builds in fresh interpreters


def copy_in_order(target, reverse: bool) -> None:
    """Copy the project creating files in opposite orders, so directory listings differ."""
    for name in ("content", "templates", "seeds"):
        files = sorted((REPO / name).rglob("*"), reverse=reverse)
        for source in files:
            destination = target / source.relative_to(REPO)
            if source.is_dir():
                destination.mkdir(parents=True, exist_ok=True)
            else:
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, destination)


def build_in(root, cwd, seed: str, epoch: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": epoch, "TZ": "Asia/Baghdad"}
    command = [sys.executable, "-m", "generator.cli", "--project", str(root), "build", "--quiet"]
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True, timeout=300)
    return tree_digest(root / "site")


def test_builds_are_byte_identical_across_runs(tmp_path):
    first, second = tmp_path / "one" / "project", tmp_path / "two" / "elsewhere"
    copy_in_order(first, reverse=False)
    copy_in_order(second, reverse=True)
    a = build_in(first, cwd=first, seed="1", epoch="1600000000")
    b = build_in(second, cwd=tmp_path, seed="4242", epoch="1700000000")
    assert differences(a, b) == []
    shutil.rmtree(second / "site")
    assert differences(build_in(second, cwd="/", seed="random", epoch="0"), a) == []
