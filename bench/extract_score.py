"""Score ``build-site extract`` against a corpus of gold annotations (the shared format).

    python bench/extract_score.py [CORPUS] [--timing]

For every ``NN_name.gold.yml`` beside its ``NN_name.txt`` in CORPUS (default: the shared
development corpus), prints recall and precision per category and the seconds taken, then
the totals. Extraction runs alone (no project registry), anchored on the gold's
``published`` date. ``--timing`` also times one ``build-site extract --score`` process per
article, start-up and gazetteer included.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

import yaml

from generator.extract.analyze import analyze
from generator.extract.dates import Published
from generator.extract.gazetteer import build_gazetteer
from generator.extract.reader import read_source
from generator.extract.score import KINDS, Score, score

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "extract"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--timing", action="store_true",
                        help="also time one extract process per article")
    parser.add_argument("--verbose", action="store_true", help="print every article's rows")
    args = parser.parse_args()
    golds = sorted(args.corpus.glob("*.gold.yml"))
    if not golds:
        print(f"no *.gold.yml in {args.corpus}", file=sys.stderr)
        return 2
    totals = {kind: Score(kind, 0, 0, 0) for kind in KINDS}
    build_gazetteer({})  # the packages' places, loaded once before the clock starts
    print(f"{'article':<34}" + "".join(f"{k[:6]:>13}" for k in KINDS) + f"{'s':>7}")
    for path in golds:
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        article = path.with_name(gold.get("article") or path.name.replace(".gold.yml", ".txt"))
        started = time.perf_counter()
        published = Published.parse(str(gold["published"]) if gold.get("published") else None)
        findings = analyze(read_source(article), build_gazetteer({}), published)
        seconds = time.perf_counter() - started
        scores = score(findings, gold)
        print(f"{path.name[:-9]:<34}" + "".join(
            f"{_pair(scores[k]):>13}" for k in KINDS) + f"{seconds:7.2f}")
        for kind in KINDS:
            totals[kind] += scores[kind]
    print("\nrecall/precision per category, all articles:")
    for kind in KINDS:
        print(f"  {totals[kind]}")
    if args.timing:
        _time_processes(args.corpus, golds)
    return 0


def _pair(result: Score) -> str:
    return f"{result.recall:.0%}/{result.precision:.0%}"


def _time_processes(corpus: Path, golds: list[Path]) -> None:
    """Seconds of one ``build-site extract --score`` process per article."""
    print("\none process per article (start-up included):")
    for path in golds:
        article = corpus / path.name.replace(".gold.yml", ".txt")
        words = len(article.read_text(encoding="utf-8").split())
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "generator.cli", "extract", str(article),
                        "--score", str(path), "--no-registry"],
                       check=True, capture_output=True)
        print(f"  {path.name[:-9]:<34} {words:>5} words  {time.perf_counter() - started:5.2f} s")


if __name__ == "__main__":
    sys.exit(main())
