"""What changed since the last build, and which pages it reaches.

Two records in ``.build-cache/``: ``state.json`` (the time and size of every input and
the identity of the ``site/`` it made: all equal, the build is a no-op) and
``outputs.marshal`` (each page's fingerprint, each file's digest, the search shards, the
spare site's files, each sheet file's digest). A page's fingerprint is a digest of the
global inputs and of what its row in ``render/page_kinds.py`` says it is made from; an
unchanged fingerprint means the page is taken from the old site. docs/internals.md tells
when each record is trusted and invalidated."""

from __future__ import annotations

import json
import marshal
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from generator.digests import digest, hasher
from generator.errors import Problem

if TYPE_CHECKING:
    from generator.content.project import Project
    from generator.model.site import Site
    from generator.render.pages import PageSpec

CACHE = ".build-cache"
OUTPUTS = "outputs.marshal"
FORMAT = 1
"""Version of the records; a build ignores records of another version."""


def cache_folder(project: Project) -> Path:
    return project.root / CACHE


def made_cache_folder(project: Project) -> Path:
    """The cache folder, made if missing, with a ``.gitignore`` that keeps it out of git."""
    folder = cache_folder(project)
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# build-site's cache: nothing here is content\n*\n")
    return folder


def scan_inputs(project: Project, template_dirs: tuple[Path, ...]) -> dict[str, list[int]]:
    """Path -> [modification time (ns), size] of every file a build reads."""
    code = Path(__file__).parents[1]  # the generator package
    roots = [project.content, project.seeds, *template_dirs, code]
    found: dict[str, list[int]] = {}
    for root in roots:
        _scan(root, found)
    return found


def _scan(folder: Path, found: dict[str, list[int]]) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.is_dir():
            if entry.name != "__pycache__":
                _scan(Path(entry.path), found)
        else:
            info = entry.stat()
            found[entry.path] = [info.st_mtime_ns, info.st_size]


@dataclass
class State:
    """The last build as ``state.json`` records it."""

    inputs: dict[str, list[int]] = field(default_factory=dict)
    site: list[int] = field(default_factory=list)
    """(device, inode) of the site folder it made."""
    pages: int = 0
    files: int = 0
    warnings: list[list] = field(default_factory=list)
    drafts: bool = False
    """Whether the site was built with its drafts (``build --drafts``, ``serve``)."""
    left_out: int = 0
    """Draft sheets the site leaves out."""

    def problems(self) -> list[Problem]:
        return [Problem(*warning) for warning in self.warnings]


def site_identity(site: Path) -> list[int]:
    try:
        info = site.stat()
    except OSError:
        return []
    return [info.st_dev, info.st_ino]


def load_state(project: Project) -> State | None:
    """The last build's state; None when there is none, or not one this code reads (a
    record of another version, or damaged): the build is then a full one."""
    data = _read(cache_folder(project) / "state.json")
    try:
        return State(**data["state"]) if data else None
    except (TypeError, KeyError):
        return None


def load_outputs(project: Project) -> dict:
    """``{"pages": {path: fingerprint}, "files": {path: digest}, ...}`` of the last build;
    both empty when the record is missing or not whole (nothing is then taken from the
    old site)."""
    data = _read(cache_folder(project) / OUTPUTS) or {}
    if not all(isinstance(data.get(name), dict) for name in ("pages", "files")):
        return {"pages": {}, "files": {}}
    return data


def _read(path: Path) -> dict | None:
    """A record, JSON or (named ``.marshal``) marshal; None when missing or damaged."""
    try:
        raw = path.read_bytes()
        data = marshal.loads(raw) if path.suffix == ".marshal" else json.loads(raw)
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT else None


def save(project: Project, state: State, outputs: dict) -> None:
    """Write both records, each atomically (temporary file, then rename); the old state
    goes first, so that a build killed between the two never finds the new outputs
    beside a state that still matches the old site."""
    folder = made_cache_folder(project)
    (folder / "state.json").unlink(missing_ok=True)  # killed before the next one: untrusted
    for name, value in ((OUTPUTS, outputs), ("state.json", {"state": state.__dict__})):
        temporary = folder / f".{name}.tmp"
        if name == OUTPUTS:  # megabytes at 5,000 sheets: marshal writes them ten times faster
            temporary.write_bytes(marshal.dumps({"format": FORMAT, **value}))
        else:
            with temporary.open("w", encoding="utf-8") as file:
                json.dump({"format": FORMAT, **value}, file)
        os.replace(temporary, folder / name)


@contextmanager
def build_lock(project: Project) -> Iterator[None]:
    """One build at a time in a project (a preview server's and a command's share the
    cache, the spare site and the staging folders). The lock is held on the project
    folder itself, so that taking it writes nothing; where the system has no ``flock``,
    builds are not kept apart."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    folder = os.open(project.root, os.O_RDONLY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        yield
    finally:
        os.close(folder)  # releases the lock


class Fingerprints:
    """The fingerprint of each page: a hash of the inputs the page is made from."""

    def __init__(self, base: str, sheets: dict[str, str]):
        """``base``: digest of what every page reads; ``sheets``: slug -> digest of its file."""
        self.base = base
        self.entries = {slug: f"{slug}={file};" for slug, file in sheets.items()}
        """Slug -> what a sheet adds to a fingerprint: made once, since a big site's
        entity pages name hundreds of thousands of sheets between them."""

    def of(self, sheet_slugs: list[str], also: str = "") -> str:
        """Fingerprint of a page made from these sheets, in this order, and from ``also``
        (what else it shows)."""
        made_of = self.base + also + "".join(map(self.entries.__getitem__, sheet_slugs))
        return digest(made_of.encode())


def global_digest(project: Project, inputs: dict[str, list[int]]) -> str:
    """Digest of what every page depends on: all inputs but sheets and seeds, by content."""
    skipped = (str(project.content / "sheets") + os.sep, str(project.seeds) + os.sep)
    combined = hasher()
    for path in sorted(inputs):
        if not path.startswith(skipped):
            combined.update(path.encode() + b"\0" + Path(path).read_bytes() + b"\0")
    return combined.hexdigest()


def page_fingerprints(project: Project, site: Site, inputs: dict, specs: list[PageSpec],
                      free: set[str], dates: dict[str, str]) -> dict[str, str]:
    """Output path -> fingerprint of what the page (or feed, or sitemap) is made from: the
    global inputs and what its kind's row in ``page_kinds.KINDS`` says it shows. ``free``:
    the page templates the project changed (or that use one it changed), which may show
    anything of any sheet: their pages are made from all. Every page is made from which
    entities are published and which pages are marked as drafts' (a sheet's move out of
    draft may publish an entity: lists, links and maps change). ``dates``: each page's
    date in the sitemap (``sitemap.page_dates``), which the sitemap is made from."""
    from generator.outputs.feeds import ENTRIES
    from generator.outputs.sitemap import SITEMAP
    from generator.render.page_kinds import KINDS
    from generator.render.urls import feed_path

    sheets = {sheet.slug: sheet.file.digest or digest(sheet.file.path.read_bytes())
              for sheet in site.sheets}
    published = " ".join(site.entities) + ";" + " ".join(sorted(site.marked))
    prints = Fingerprints(digest((global_digest(project, inputs) + published).encode()), sheets)
    every_sheet = cache(lambda: prints.of(sorted(sheets)))

    @cache  # by page, whatever the language: every language's is made alike
    def fingerprint(kind: str, key: str | None, template: str) -> str:
        if template in free:
            return every_sheet()
        made_from = KINDS[kind].made_from(site, key)
        return prints.of(made_from.slugs, made_from.also)

    by_path = {spec.output: fingerprint(spec.kind, spec.key, spec.template) for spec in specs}
    feed = prints.of([sheet.slug for sheet in site.newest_first[:ENTRIES]])
    by_path.update((feed_path(language), feed) for language in site.settings.languages)
    by_path[SITEMAP] = prints.of([], "\n".join(
        f"{path} {date}" for path, date in dates.items()))
    return by_path
