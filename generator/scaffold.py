"""``build-site init DIR``: a new project that builds and checks clean at once.

The files come from ``generator/scaffold/``; ``{repository}`` is replaced by the folder's
name (the GitHub repository it will likely become) and ``{requirement}`` by where this
build-site was installed from, so the workflow installs the same one.
"""

from __future__ import annotations

import json
import re
from importlib import metadata
from pathlib import Path

from .errors import BuildError

SCAFFOLD = Path(__file__).parent / "scaffold"
DISTRIBUTION = "factsheet-site"
FILES = {
    "content/site.yml": "site.yml",
    "content/entities/people.yml": "people.yml",
    "content/entities/organizations.yml": "organizations.yml",
    "content/entities/places.yml": "places.yml",
    "content/sheets/example.yml": "example-sheet.yml",
    "seeds/example.txt": "example-seed.txt",
    "templates/README.md": "templates-README.md",
    ".github/workflows/pages.yml": "github-pages.yml",
    ".gitignore": "gitignore",
    "requirements.txt": "requirements.txt",
    "README.md": "README.md",
}
"""Path in the new project -> file in ``generator/scaffold/``."""


def create_project(folder: Path) -> list[str]:
    """Write a new project into ``folder`` (absent or empty); return the files written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BuildError(f"{folder} already exists and is not an empty folder; "
                         "init writes only into a new or empty one")
    values = {"{repository}": _slug(folder.resolve().name), "{requirement}": requirement()}
    for target, source in FILES.items():
        text = (SCAFFOLD / source).read_text("utf-8")
        for key, value in values.items():
            text = text.replace(key, value)
        path = folder / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return list(FILES)


def requirement() -> str:
    """A pip requirement for the build-site that is running: its Git commit when it was
    installed from Git, else its version (with a note when that came from a local folder)."""
    try:
        distribution = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return DISTRIBUTION
    direct = json.loads(distribution.read_text("direct_url.json") or "{}")
    vcs = direct.get("vcs_info", {})
    if vcs.get("vcs") == "git" and direct.get("url"):
        return f"{DISTRIBUTION} @ git+{direct['url']}@{vcs.get('commit_id', '')}".rstrip("@")
    pinned = f"{DISTRIBUTION}=={distribution.version}"
    if direct.get("url", "").startswith("file:"):
        pinned += ("\n# build-site was installed here from a local folder: if this version is "
                   "not on a package index,\n# name its Git repository instead, e.g.\n"
                   f"# {DISTRIBUTION} @ git+https://github.com/OWNER/REPOSITORY@v{distribution.version}")
    return pinned


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "fact-sheets"
