"""Extraction scored on the development corpus (copied under tests/fixtures/extract/corpus/
with its gold annotations): every category keeps recall and precision of at least 85 %
over the whole corpus, so a change that helps one article cannot quietly break others."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.extract.analyze import analyze
from generator.extract.dates import Published
from generator.extract.gazetteer import build_gazetteer
from generator.extract.reader import read_source
from generator.extract.score import KINDS, Score, score

pytestmark = pytest.mark.slow  # extracts and scores the whole corpus

CORPUS = Path(__file__).parent / "fixtures" / "extract" / "corpus"
FLOOR = 0.85


@pytest.fixture(scope="module")
def totals() -> dict[str, Score]:
    sums = {kind: Score(kind, 0, 0, 0) for kind in KINDS}
    for path in sorted(CORPUS.glob("*.gold.yml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        published = Published.parse(str(gold["published"])) if gold.get("published") else None
        findings = analyze(read_source(CORPUS / gold["article"]), build_gazetteer({}),
                           published)
        for kind, result in score(findings, gold).items():
            sums[kind] += result
    return sums


def test_the_corpus_is_there():
    assert len(list(CORPUS.glob("*.gold.yml"))) == 14


@pytest.mark.parametrize("kind", KINDS)
def test_each_category_keeps_recall_and_precision(totals, kind):
    result = totals[kind]
    assert result.gold > 0, kind
    assert result.recall >= FLOOR and result.precision >= FLOOR, str(result)
