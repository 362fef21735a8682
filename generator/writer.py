"""Write the site atomically: assemble it in a staging folder beside ``site/``, then swap.

``site/`` is always either entirely the old site or entirely the new one, whenever a build
is killed:

- the new site is assembled in ``.site-new-*`` beside ``site/``: changed files are written,
  unchanged ones are hard links to the old site's files (copies where links are refused),
  so an incremental build costs little more than its changes. No file of ``site/`` is ever
  written to: a hard link shares bytes, so writing one would change both sites;
- the two folders are then exchanged in one ``renameat2(RENAME_EXCHANGE)`` call, which has
  no moment without a ``site/``. Where the call is missing (not Linux, old kernels, some
  file systems) the old site is renamed away and the new one renamed in: two renames with
  a window of microseconds without ``site/``, never a half-written one;
- the retired old site is moved into the build cache and deleted in the background; a
  killed build leaves only such leftovers, which the next build removes.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import BuildError

RENAME_EXCHANGE = 2
AT_FDCWD = -100


@dataclass(frozen=True)
class Unread:
    """A file whose digest is known before its bytes are read: when the old site holds
    the same, it is linked without ever being read (a big site's unchanged search indexes
    and sheet copies are thousands of files)."""

    digest: str
    read: Callable[[], bytes]


def safe_relative(relative: str) -> str:
    """``relative``, if it names a file inside the site: not absolute, no ``..``, no
    backslash, no empty or ``.`` part (paths the build makes never have them). Checked as
    text: the staging of a big site checks tens of thousands of paths."""
    if (not relative or relative.startswith("/") or "\\" in relative
            or any(part in ("", ".", "..") for part in relative.split("/"))):
        raise BuildError(f"refusing to write outside the site folder: {relative!r}")
    return relative



class Staging:
    """The next ``site/``, being assembled; ``commit`` swaps it in, ``abort`` drops it."""

    def __init__(self, target: Path, trash: Path):
        target.parent.mkdir(parents=True, exist_ok=True)
        self.target = target
        self.trash = trash
        """Where retired sites wait to be deleted (inside the build cache)."""
        self.root = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
        self.folders: set[str] = set()
        """Folders made in the staging folder so far (tens of thousands of files share a
        few thousand folders: asking the system to make each again costs seconds)."""

    def identity(self) -> tuple[int, int]:
        """(device, inode) of the staging folder: ``site/``'s once committed."""
        info = self.root.stat()
        return info.st_dev, info.st_ino

    def write(self, relative: str, data: bytes) -> None:
        path = os.path.join(self.root, safe_relative(relative))
        self._make_folder(os.path.dirname(path))
        with open(path, "wb") as file:
            file.write(data)

    def _make_folder(self, folder: str) -> None:
        if folder not in self.folders:
            os.makedirs(folder, exist_ok=True)
            self.folders.add(folder)

    def keep(self, relative: str) -> bool:
        """Take the old site's file unchanged: a hard link, or a copy where links fail.
        False when the old site lacks it (someone deleted it): it must be written."""
        relative = safe_relative(relative)
        path, old = os.path.join(self.root, relative), os.path.join(self.target, relative)
        self._make_folder(os.path.dirname(path))
        try:
            os.link(old, path)
        except FileNotFoundError:
            return False
        except OSError:
            shutil.copyfile(old, path)
        return True

    def commit(self) -> None:
        self.root.chmod(0o755)
        if not self.target.exists():
            os.replace(self.root, self.target)
            return
        self.trash.mkdir(parents=True, exist_ok=True)
        if _exchange(self.root, self.target):
            retired = self.trash / self.root.name
            os.replace(self.root, retired)
        else:
            retired = self.trash / f"old-{self.root.name}"
            os.replace(self.target, retired)
            os.replace(self.root, self.target)
        delete_in_background(retired)

    def abort(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one system call; False when the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    return result == 0


def delete_in_background(*folders: Path) -> None:
    """Delete ``folders`` without waiting: a large old site takes seconds to unlink."""
    subprocess.Popen(["rm", "-rf", "--", *map(str, folders)], stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, start_new_session=True)


def clear_leftovers(target: Path, trash: Path) -> None:
    """Remove what killed builds left: staging folders beside ``site/``, retired sites."""
    for leftover in target.parent.glob(f".{target.name}-new-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    retired = list(trash.iterdir()) if trash.is_dir() else []
    if retired:
        delete_in_background(*retired)


def read_assets(dirs: tuple[Path, ...]) -> dict[str, bytes]:
    """Every file under ``assets/`` of the template folders; the first folder wins."""
    files: dict[str, bytes] = {}
    for folder in reversed(dirs):
        assets = folder / "assets"
        for path in sorted(assets.rglob("*")):
            if path.is_file():
                files["assets/" + path.relative_to(assets).as_posix()] = path.read_bytes()
    return files
