"""Write the whole site atomically: into a temporary sibling folder, then swap it in.

A failed or killed build never leaves a half-written ``site/``: until the final rename
the previous site stays exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from .errors import BuildError


def safe_output_path(root: Path, relative: str) -> Path:
    """``root/relative``, refusing anything that would land outside ``root``."""
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or "\\" in relative or not pure.parts:
        raise BuildError(f"refusing to write outside the site folder: {relative!r}")
    return root.joinpath(*pure.parts)


def write_site(target: Path, files: dict[str, bytes]) -> None:
    """Replace ``target`` by a folder holding exactly ``files`` (path -> bytes)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    try:
        for relative in sorted(files):
            path = safe_output_path(staging, relative)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(files[relative])
        staging.chmod(0o755)
        _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(staging: Path, target: Path) -> None:
    """Move the new folder into place; the old one is removed only afterwards."""
    if not target.exists():
        os.replace(staging, target)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
    os.replace(target, retired / target.name)
    os.replace(staging, target)
    shutil.rmtree(retired, ignore_errors=True)


def read_assets(dirs: tuple[Path, ...]) -> dict[str, bytes]:
    """Every file under ``assets/`` of the template folders; the first folder wins."""
    files: dict[str, bytes] = {}
    for folder in reversed(dirs):
        assets = folder / "assets"
        for path in sorted(assets.rglob("*")):
            if path.is_file():
                files["assets/" + path.relative_to(assets).as_posix()] = path.read_bytes()
    return files
