"""``build-site init DIR``: a new project that builds and checks clean at once.

The files come from ``generator/scaffold/``; ``{repository}`` is replaced by the folder's
name (the GitHub repository it will likely become) and ``{requirement}`` by where this
build-site was installed from, so the workflow installs the same one. The JSON Schemas
are copied into ``schemas/``, where the content files' headers point.
"""

from __future__ import annotations

import json
import os
import re
from importlib import metadata
from pathlib import Path

from generator.errors import BuildError

SCAFFOLD = Path(__file__).parents[1] / "scaffold"
PACKAGED_SCHEMAS = Path(__file__).parents[1] / "schemas"
SCHEMAS = "schemas"
"""The project folder init copies the JSON Schemas into."""
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
    """Write a new project into ``folder``; return the files written. The folder is new,
    empty, or holds only dot-folders (``.git`` of a fresh clone, an editor's settings)
    none of whose files init would write."""
    if not _fresh(folder):
        raise BuildError(f"{folder} already exists and holds files; init writes only into a "
                         "new or empty folder (dot-folders such as .git may be there)")
    line, source = requirement()
    values = {"{repository}": _slug(folder.resolve().name), "{requirement}": line,
              "{source}": source}
    for target, source in FILES.items():
        text = (SCAFFOLD / source).read_text("utf-8")
        for key, value in values.items():
            text = text.replace(key, value)
        path = folder / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return list(FILES) + _copy_schemas(folder)


def _copy_schemas(folder: Path) -> list[str]:
    """The JSON Schemas into ``schemas/``, where the content files' headers point: they
    are in the repository, so editors validate as you type before any build."""
    written = []
    (folder / SCHEMAS).mkdir()
    for schema in sorted(PACKAGED_SCHEMAS.glob("*.schema.json")):
        (folder / SCHEMAS / schema.name).write_bytes(schema.read_bytes())
        written.append(f"{SCHEMAS}/{schema.name}")
    return written


def schema_base(root: Path, folder: Path) -> str:
    """The relative URL, from a content file in ``folder``, of the schemas a project's
    repository holds: its ``schemas/`` (made by init), else the generator's own (in this
    repository), else the built site's."""
    found = next((candidate for candidate in (root / SCHEMAS, root / "generator" / "schemas")
                  if candidate.is_dir()), root / "site" / "schema")
    return Path(os.path.relpath(found, folder)).as_posix() + "/"


def _fresh(folder: Path) -> bool:
    """True when ``folder`` is absent, or a folder of dot-folders only, none holding a file
    that init writes."""
    if not folder.exists():
        return True
    if not folder.is_dir():
        return False
    entries = list(folder.iterdir())
    if any(not entry.name.startswith(".") or not entry.is_dir() for entry in entries):
        return False
    return not any((folder / target).exists() for target in FILES)


def requirement() -> tuple[str, str]:
    """A pip requirement for the build-site that is running, from its recorded install
    source (PEP 610's ``direct_url.json``) or its released version; and where it comes
    from, in words."""
    try:
        distribution = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return DISTRIBUTION, "build-site is not installed as a package: its latest release"
    direct = json.loads(distribution.read_text("direct_url.json") or "{}")
    url = direct.get("url", "")
    vcs = direct.get("vcs_info", {})
    if vcs.get("vcs") == "git" and url:
        commit = vcs.get("commit_id")
        return (f"{DISTRIBUTION} @ git+{url}" + (f"@{commit}" if commit else ""),
                "the Git repository and commit it was installed from")
    if "archive_info" in direct and url.startswith(("https://", "http://")):
        return f"{DISTRIBUTION} @ {url}", "the archive it was installed from"
    if url.startswith("file:"):
        return (f"{DISTRIBUTION} @ {url}", "the folder it was installed from, which only this "
                "machine has: for the GitHub workflow, name its Git repository instead "
                f"({DISTRIBUTION} @ git+https://github.com/OWNER/REPOSITORY@COMMIT)")
    return f"{DISTRIBUTION}=={distribution.version}", "the released version installed here"


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "fact-sheets"
