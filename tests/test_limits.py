"""Resource limits: absurd content ends quickly with a clear error, in bounded memory."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from test_content_errors import minimal_project

pytestmark = pytest.mark.slow  # absurdly large generated content

MEMORY_LIMIT_MB = 400


def claims_sheet(count: int) -> str:
    """A sheet with ``count`` claims, written as compactly as YAML allows."""
    head = ("source: {seed: one.txt, publisher: daily-news, language: en}\n"
            "title: {ar: x, en: x}\ntext: [{id: s1, text: {en: a, ar: b}}]\nclaims:\n")
    return head + "".join(f"- {{id: c{i}, text: {{en: a}}, attributed_to: jane-doe, "
                          f"sentences: [s1]}}\n" for i in range(1, count + 1))


MEASURED = """
import atexit, resource, sys
def peak():
    status = open("/proc/self/status").read()
    own = int(status.split("VmHWM:", 1)[1].split()[0])
    helpers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    sys.stderr.write(f"\\npeak-kb {max(own, helpers)}\\n")
atexit.register(peak)
from generator.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run_check(project) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run `build-site build` in a child; its exit, wall seconds and peak memory in MB (the
    child's own, or its largest helper process's).

    The child's own peak is read from VmHWM, not ``ru_maxrss``: Linux carries the
    high-water mark of the process that called exec (here the test runner, which may be
    large) into ``ru_maxrss``, so that figure measures pytest rather than the build."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", MEASURED, "--project", str(project.root),
                             "build", "--quiet"], capture_output=True, text=True, timeout=120)
    peak = int(result.stderr.rsplit("peak-kb ", 1)[1]) / 1024
    result.stderr = result.stderr.rsplit("\npeak-kb", 1)[0]
    return result, time.perf_counter() - started, peak


ABSURD = {
    "huge file": (lambda: "# filler\n" * 700_000, "file-too-large"),
    "100,000 claims": (lambda: claims_sheet(100_000), "file-too-large"),
    "deep nesting": (lambda: "a: " + "[" * 100_000 + "]" * 100_000 + "\n", "yaml-too-deep"),
    "alias bomb": (lambda: "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a]\n"
                           "c: [*b, *b, *b, *b, *b, *b, *b]\n", "yaml-alias"),
}


@pytest.mark.parametrize("name", ABSURD)
def test_absurd_content_ends_with_a_clear_error(tmp_path, name):
    make, rule = ABSURD[name]
    project, _ = minimal_project(tmp_path)
    (project.content / "sheets" / "one.yml").write_text(make(), "utf-8")
    result, seconds, peak = run_check(project)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"[{rule}]" in result.stderr.splitlines()[0], result.stderr[:300]
    assert seconds < 60 and peak < MEMORY_LIMIT_MB, (seconds, peak)
    print(f"{name}: {seconds:.2f} s, peak {peak:.0f} MB")


def test_many_claims_within_the_size_limit_build(tmp_path):
    """20,000 claims fit in a file under the limit: the build completes in bounded memory."""
    project, _ = minimal_project(tmp_path)
    (project.content / "sheets" / "one.yml").write_text(claims_sheet(20_000), "utf-8")
    result, seconds, peak = run_check(project)
    assert result.returncode == 0, result.stderr
    assert peak < MEMORY_LIMIT_MB, peak
    print(f"20,000 claims: {seconds:.2f} s, peak {peak:.0f} MB")
