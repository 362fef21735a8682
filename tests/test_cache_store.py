"""The build cache's stores: values kept for the next build once saved, nothing of a build
that failed, rows no build asked for dropped, and a file from other code or a damaged one
starting empty instead of failing the build."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from generator.cache.store import FILE, Kept


def kept_after(folder, name: str, values: dict, **save) -> None:
    """A build that puts ``values`` into store ``name`` and saves it."""
    store = Kept(folder, name)
    for key, value in values.items():
        store.put(key, value)
    store.save(**save)


def test_saved_values_are_read_back_by_the_next_build(tmp_path):
    kept_after(tmp_path, "exports", {("json", "one", "abc"): b"{}", "count": [1, 2.5, "x"]})
    with closing(Kept(tmp_path, "exports")) as store:
        assert not store.empty
        assert store.get(("json", "one", "abc")) == b"{}"
        assert store.get("count") == [1, 2.5, "x"]
        assert store.get("missing") is None
        assert store.holds("count") and not store.holds("missing")


def test_a_build_that_fails_before_saving_makes_no_file_and_changes_nothing(tmp_path):
    store = Kept(tmp_path, "records")
    store.put("a", 1)
    store.close()
    assert not (tmp_path / FILE).exists() and list(tmp_path.iterdir()) == []
    kept_after(tmp_path, "records", {"a": 1})
    store = Kept(tmp_path, "records")
    store.put("a", 2)
    store.close()
    with closing(Kept(tmp_path, "records")) as again:
        assert again.get("a") == 1


def test_rows_no_build_asked_for_are_dropped_unless_retained(tmp_path):
    kept_after(tmp_path, "pages", {"old": 1, "kept": 2, "asked": 3})
    store = Kept(tmp_path, "pages")
    store.retain(["kept"])
    assert store.get("asked") == 3
    store.save()
    with closing(Kept(tmp_path, "pages")) as again:
        assert [again.get(key) for key in ("old", "kept", "asked")] == [None, 2, 3]


def test_saving_without_drop_keeps_every_row(tmp_path):
    kept_after(tmp_path, "pages", {"old": 1})
    kept_after(tmp_path, "pages", {"new": 2}, drop=False)
    with closing(Kept(tmp_path, "pages")) as again:
        assert (again.get("old"), again.get("new")) == (1, 2)


def test_stores_share_one_file_and_keep_their_rows_apart(tmp_path):
    kept_after(tmp_path, "exports", {"key": "export"})
    kept_after(tmp_path, "search-records", {"key": "record"})
    assert [path.name for path in tmp_path.iterdir()] == [FILE]
    for name, value in (("exports", "export"), ("search-records", "record")):
        with closing(Kept(tmp_path, name)) as store:  # one at a time, as a build opens them
            assert store.get("key") == value


def test_values_written_by_other_code_are_forgotten(tmp_path):
    kept_after(tmp_path, "exports", {"key": "value"})
    with closing(sqlite3.connect(tmp_path / FILE)) as db, db:
        db.execute("UPDATE meta SET signature = 'another version of the generator'")
    with closing(Kept(tmp_path, "exports")) as store:
        assert store.empty and store.get("key") is None


def test_a_damaged_file_is_made_anew(tmp_path):
    (tmp_path / FILE).write_bytes(b"not a database, the end of a power cut" * 100)
    kept_after(tmp_path, "exports", {"key": "value"})
    with closing(Kept(tmp_path, "exports")) as store:
        assert store.get("key") == "value"


def test_without_a_folder_nothing_is_kept(tmp_path):
    store = Kept(None, "exports")
    store.put("key", "value")
    assert store.get("key") is None and store.empty
    store.save()
