#!/usr/bin/env python3
"""A synthetic project in our content format, the same corpus the speed anchors build.

Usage: python bench/make_corpus.py DIR N [SEED]

Runs the shared generator (``../shared/bench/make_corpus.py``, or ``$SHARED_BENCH``) with
the same N and seed, so Hugo and build-site get the same sheets, people, organizations and
places, then writes DIR as a project ``build-site`` builds when run inside it:
``content/site.yml``, ``content/entities/*.yml``, ``content/sheets/sheet-NNNNN.yml`` and one
seed file per sheet in ``seeds/``. What our format needs and the shared corpus lacks is
derived, never invented at random:

- the sheet's ``text``: one sentence per claim, quote and event, in that order; every fact
  points at its sentence, figures at the first claims' sentences;
- mentions point at the sentences that attribute to or quote the entity (else ``s1``);
  places at the event sentences;
- ``source.publisher`` must be an organization id: the shared generator's seven publisher
  names map onto ``org-00001`` ... ``org-00007``, so the entity counts stay the same;
- organizations get ``kind: other``; places a kind from their English name (City -> city).
"""

from __future__ import annotations

import importlib.util
import os
import random
import sys
from pathlib import Path

import yaml

SHARED = Path(os.environ.get("SHARED_BENCH",
                             Path(__file__).resolve().parents[2] / "shared" / "bench"))
DEFAULT_SEED = 20240601
PLACE_KINDS = {"City": "city", "Village": "city", "Port": "city", "Valley": "region",
               "Mountain": "region", "Plain": "region", "District": "district",
               "Market": "building"}
SITE = {
    "title": {"ar": "صحائف الوقائع", "en": "Fact sheets"},
    "description": {"ar": "مدونة اصطناعية لقياس السرعة", "en": "A synthetic benchmark corpus"},
    "languages": ["ar", "en"],
    "base_url": "https://example.org/facts/",
    "locales": {"ar": "ar_IQ", "en": "en_GB"},
}


def shared_generator():
    """The shared corpus generator as a module (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("shared_make_corpus",
                                                  SHARED / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generate(n: int, seed: int = DEFAULT_SEED):
    """(people, organizations, places, sheets) exactly as the shared generator makes them."""
    shared = shared_generator()
    rng = random.Random(seed)
    people, orgs, places = shared.make_registry(rng, n)
    sheets = [shared.make_sheet(rng, i, people, orgs, places) for i in range(1, n + 1)]
    return people, orgs, places, sheets, shared.PUBLISHERS


def convert_sheet(sheet: dict, publishers: list[str]) -> dict:
    """One shared-format sheet in our format (see the module docstring for the mapping)."""
    facts = [*sheet["claims"], *sheet["quotes"], *sheet["timeline"]]
    sid = {id(fact): f"s{i}" for i, fact in enumerate(facts, 1)}
    said: dict[str, list[str]] = {}
    for fact in (*sheet["claims"], *sheet["quotes"]):
        who = fact.get("attributed_to") or fact["speaker"]
        said.setdefault(who, []).append(sid[id(fact)])
    events = [sid[id(event)] for event in sheet["timeline"]]
    publisher = publishers.index(sheet["source"]["publisher"]) + 1
    return {
        "source": {"seed": f"{sheet['id']}.txt",
                   "publisher": f"org-{publisher:05d}",
                   "language": "ar", "published": {"date": sheet["source"]["date"]},
                   "url": sheet["source"]["url"]},
        "title": sheet["title"],
        "summary": sheet["summary"],
        "text": [{"id": sid[id(fact)], "text": fact["text"]} for fact in facts],
        "claims": [{"id": f"c{i}", "text": c["text"], "attributed_to": c["attributed_to"],
                    "sentences": [sid[id(c)]]} for i, c in enumerate(sheet["claims"], 1)],
        "quotes": [{"id": f"q{i}", "speaker": q["speaker"], "text": q["text"],
                    "sentences": [sid[id(q)]]} for i, q in enumerate(sheet["quotes"], 1)],
        "timeline": [{"id": f"e{i}", "date": e["date"], "text": e["text"],
                      "sentences": [sid[id(e)]]} for i, e in enumerate(sheet["timeline"], 1)],
        "figures": [{"id": f"f{i}", "value": f["number"], "label": f["label"],
                     "sentences": [f"s{i}"]} for i, f in enumerate(sheet["figures"], 1)],
        "people": [{"id": p, "sentences": said.get(p, ["s1"])} for p in sheet["people"]],
        "organizations": [{"id": o, "sentences": said.get(o, ["s1"])}
                          for o in sheet["organizations"]],
        "places": [{"id": p, "sentences": [events[i % len(events)]]}
                   for i, p in enumerate(sheet["places"])],
    }


def convert_registries(people, orgs, places) -> dict[str, list]:
    """The three registries in our format (kinds added, everything else as generated)."""
    return {
        "people": people,
        "organizations": [{**org, "kind": "other"} for org in orgs],
        "places": [{**place, "kind": PLACE_KINDS[place["name"]["en"].split()[0]]}
                   for place in places],
    }


def seed_text(sheet: dict, ours: dict) -> str:
    """The seed document: headline, the Arabic sentences, the publisher's name last."""
    lines = [sheet["title"]["ar"], *(s["text"]["ar"] for s in ours["text"]),
             sheet["source"]["publisher"]]
    return "\n".join(lines) + "\n"


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Writes a text shared by two facts out twice: content files refuse YAML aliases."""

    def ignore_aliases(self, data) -> bool:
        return True


def dump(value, path: Path) -> None:
    """YAML as a person would write it: UTF-8, block style, keys in our order."""
    path.write_text(yaml.dump(value, allow_unicode=True, sort_keys=False, width=1000,
                              Dumper=_Dumper), encoding="utf-8")


def write_project(folder: Path, n: int, seed: int = DEFAULT_SEED) -> None:
    """Write the whole project for N sheets into ``folder``."""
    people, orgs, places, sheets, publishers = generate(n, seed)
    for sub in ("content/entities", "content/sheets", "seeds"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    dump(SITE, folder / "content" / "site.yml")
    for name, entries in convert_registries(people, orgs, places).items():
        dump(entries, folder / "content" / "entities" / f"{name}.yml")
    for sheet in sheets:
        ours = convert_sheet(sheet, publishers)
        dump(ours, folder / "content" / "sheets" / f"{sheet['id']}.yml")
        (folder / "seeds" / f"{sheet['id']}.txt").write_text(seed_text(sheet, ours), "utf-8")


def main(argv: list[str]) -> None:
    if len(argv) not in (2, 3):
        sys.exit(__doc__)
    write_project(Path(argv[0]), int(argv[1]), int(argv[2]) if len(argv) > 2 else DEFAULT_SEED)


if __name__ == "__main__":
    main(sys.argv[1:])
