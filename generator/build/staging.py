"""Write the site atomically: assemble it in a staging folder beside ``site/``, then swap.

``site/`` is always either entirely the old site or entirely the new one, whenever a build
is killed:

- the new site is assembled in ``.site-new-*`` beside ``site/``. That folder starts empty,
  or, after an earlier build, as the *spare* site that build set aside in the build cache
  (the site before the last one, or a copy of the first one in hard links): the spare's
  files the new site holds unchanged stay, the others are written, or linked from
  ``site/`` (copies where links are refused), and those it must not hold are removed. An
  edit to a big site thus costs a few files, not a tree of every folder and link. No file
  of ``site/`` is ever written to, nor one taken over from the spare: a hard link shares
  bytes, so writing one would change both sites; a changed file is a new one renamed
  over the old;
- the two folders are then exchanged in one ``renameat2(RENAME_EXCHANGE)`` call, which has
  no moment without a ``site/``. Where the call is missing (not Linux, old kernels, some
  file systems) the old site is renamed away and the new one renamed in: two renames with
  a window of microseconds without ``site/``, never a half-written one;
- the retired old site becomes the next spare (or is deleted in the background when the
  build could not say what it holds); a killed build leaves only leftovers, which the next
  build removes.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.digests import hasher
from generator.errors import BuildError
from generator.outputs.files import files_under

RENAME_EXCHANGE = 2
AT_FDCWD = -100


def safe_relative(relative: str) -> str:
    """``relative``, if it names a file inside the site: not absolute, no ``..``, no
    backslash, no empty or ``.`` part (paths the build makes never have them). Checked as
    text: the staging of a big site checks tens of thousands of paths."""
    if (not relative or relative.startswith("/") or "\\" in relative
            or any(part in ("", ".", "..") for part in relative.split("/"))):
        raise BuildError(f"refusing to write outside the site folder: {relative!r}")
    return relative



@dataclass
class Spare:
    """The site before the last one, set aside in the build cache by the last build, and
    what it holds as that build recorded it (path -> digest)."""

    folder: Path
    files: dict[str, str]


class Staging:
    """The next ``site/``, being assembled; ``commit`` swaps it in, ``abort`` drops it.

    Given a ``spare`` (the site before the last one, which the last build set aside), the
    next site is made from it instead of from nothing: its files that the new site holds
    unchanged stay as they are, and only the others are written (or linked from the live
    site). An edit then costs a few files, not a fresh tree of every folder and link of a
    big site. A file taken over this way is never written to, only replaced (a new file
    renamed over it): it may be a hard link that the live site shares.
    """

    def __init__(self, target: Path, cache: Path, spare: Spare | None = None):
        target.parent.mkdir(parents=True, exist_ok=True)
        self.target = target
        self.cache = cache
        """The build cache: ``trash/`` holds retired sites being deleted, ``spare/`` the
        site set aside for the next build."""
        self.root = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
        self.spare: dict[str, str] = {}
        """Path -> digest of the files taken over from the spare site."""
        if spare is not None:
            self._take_over(spare)
        self.folders: set[str] = set()
        """Folders made in the staging folder so far (tens of thousands of files share a
        few thousand folders: asking the system to make each again costs seconds)."""

    def _take_over(self, spare: Spare) -> None:
        """Make the spare site the staging folder, without the files its record lacks."""
        try:
            os.replace(spare.folder, self.root)
        except OSError:
            return
        present, empty = files_under(str(self.root))
        for relative in present - spare.files.keys():  # put there by hand: not the build's
            os.unlink(os.path.join(self.root, relative))
            empty.add(os.path.dirname(relative))
        self._remove_empty(empty)
        for relative in spare.files.keys() - present:  # deleted by hand
            del spare.files[relative]
        self.spare = spare.files  # not copied: tens of thousands of paths for a big site

    def identity(self) -> tuple[int, int]:
        """(device, inode) of the staging folder: ``site/``'s once committed."""
        info = self.root.stat()
        return info.st_dev, info.st_ino

    def write(self, relative: str, data: bytes, digest: str | None = None) -> None:
        """Write a file of the new site; ``digest``, when known, spares writing a file
        that the spare site holds already."""
        if digest is not None and self.spare.get(relative) == digest:
            return
        path = self._place(relative)
        made = _beside(path) if relative in self.spare else path
        with open(made, "wb") as file:
            file.write(data)
        if made != path:
            os.replace(made, path)

    def write_pieces(self, relative: str, pieces: Iterator[bytes]) -> str:
        """Write a file piece by piece; its digest (``digests.digest``)."""
        path = self._place(relative)
        temporary = _beside(path)
        running = hasher()
        with open(temporary, "wb") as file:
            for piece in pieces:
                running.update(piece)
                file.write(piece)
        digest = running.hexdigest()
        if self.spare.get(relative) == digest:
            os.unlink(temporary)
        else:
            os.replace(temporary, path)
        return digest

    def _place(self, relative: str) -> str:
        """Where a file of the new site goes in the staging folder, its folder made.
        Where the spare site has a file in the way of that folder, or a folder where the
        file goes (the new site turned one into the other), it is removed: a clean build
        has neither."""
        path = os.path.join(self.root, safe_relative(relative))
        folder = os.path.dirname(path)
        if folder not in self.folders:
            try:
                os.makedirs(folder, exist_ok=True)
            except (FileExistsError, NotADirectoryError):
                self._remove_files_above(relative)
                os.makedirs(folder, exist_ok=True)
            self.folders.add(folder)
        if self.spare and os.path.isdir(path):
            shutil.rmtree(path)
        return path

    def _remove_files_above(self, relative: str) -> None:
        """Remove the spare site's file that stands where a folder of ``relative`` goes."""
        parts = relative.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            above = "/".join(parts[:depth])
            if not os.path.isdir(os.path.join(self.root, above)):
                os.unlink(os.path.join(self.root, above))
                self.spare.pop(above, None)
                return

    def keep(self, relative: str, digest: str) -> bool:
        """Take the old site's file unchanged (its ``digest``): as the spare site holds it,
        else a hard link, or a copy where links fail. False when the live site lacks it
        (someone deleted it): it must be written."""
        if self.spare.get(relative) == digest:
            return True
        path, old = self._place(relative), os.path.join(self.target, relative)
        made = _beside(path) if relative in self.spare else path
        try:
            os.link(old, made)
        except FileNotFoundError:
            return False
        except OSError:
            shutil.copyfile(old, made)
        if made != path:
            os.replace(made, path)
        return True

    @property
    def spare_name(self) -> str:
        """The folder name, in the build cache, of the spare site this build leaves."""
        return f"spare{self.root.name}"

    def commit(self, files: dict[str, str], retired_files: dict[str, str] | None) -> None:
        """Swap the new site in; ``files`` is every file it holds. The site it replaces is
        set aside as the next build's spare when ``retired_files`` says what it holds; else
        a copy of the new site (hard links) is made for that. The caller has recorded the
        spare under ``spare_name``."""
        self._remove_stale(files)
        self.root.chmod(0o755)
        if not self.target.exists():
            os.replace(self.root, self.target)
            _copy(self.target, self.cache, self.spare_name)
            return
        trash = self.cache / "trash"
        trash.mkdir(parents=True, exist_ok=True)
        if _exchange(self.root, self.target):
            retired = trash / self.root.name
            os.replace(self.root, retired)
        else:
            retired = trash / f"old-{self.root.name}"
            os.replace(self.target, retired)
            os.replace(self.root, self.target)
        if retired_files is None:
            delete_in_background(retired)
            _copy(self.target, self.cache, self.spare_name)
        else:
            os.replace(retired, self.cache / self.spare_name)

    def _remove_stale(self, files: dict[str, str]) -> None:
        """Remove the spare site's files that the new site does not hold, and the folders
        left empty."""
        emptied = set()
        for relative in self.spare.keys() - files.keys():
            try:
                os.unlink(os.path.join(self.root, relative))
            except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
                continue  # removed already: the new site has a folder on its way or there
            emptied.add(os.path.dirname(relative))
        self._remove_empty(emptied)

    def _remove_empty(self, folders: set[str]) -> None:
        """Remove these folders (relative) and those above them, as far as they are empty."""
        for folder in sorted(folders, key=len, reverse=True):
            while folder:
                try:
                    os.rmdir(os.path.join(self.root, folder))
                except OSError:
                    break
                folder = os.path.dirname(folder)

    def abort(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _beside(path: str) -> str:
    """A temporary file beside ``path``, to be renamed over it: a file taken over from the
    spare site may be a hard link the live site shares, so it is replaced, never written."""
    return f"{path}.{os.getpid()}.tmp"


def spare(cache: Path, record: dict | None) -> Spare | None:
    """The spare site the last build recorded (``{"folder": name, "files": {...}}``)."""
    folder = cache / record["folder"] if record else None
    return Spare(folder, record["files"]) if folder and folder.is_dir() else None


def _copy(site: Path, cache: Path, name: str) -> None:
    """Make ``cache/name`` a copy of ``site`` in hard links (its files are never written
    to, so they can be shared); a killed copy leaves only ``name.part``, a leftover."""
    partial = cache / f"{name}.part"
    try:
        shutil.copytree(site, partial, symlinks=True, copy_function=os.link)
    except OSError:  # no spare: the next build assembles its site from nothing, as this one did
        shutil.rmtree(partial, ignore_errors=True)
    else:
        os.replace(partial, cache / name)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one system call; False when the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    return result == 0


REMOVE = "import shutil, sys\nfor folder in sys.argv[1:]: shutil.rmtree(folder, True)"
"""What the background remover runs: ``shutil.rmtree`` of each folder it is given."""


def delete_in_background(*folders: Path) -> None:
    """Delete ``folders`` without waiting: a large old site takes seconds to unlink. A
    detached Python (this interpreter, by its full path: no PATH lookup, no shell) removes
    them with ``shutil.rmtree`` and outlives the build."""
    subprocess.Popen([sys.executable, "-I", "-c", REMOVE, *map(os.path.abspath, folders)],
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, start_new_session=True)


def clear_leftovers(target: Path, cache: Path, spare: Spare | None) -> None:
    """Remove what killed builds left (staging folders beside ``site/``, retired sites)
    and every spare site but ``spare``, the one in use."""
    for leftover in target.parent.glob(f".{target.name}-new-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    trash = cache / "trash"
    retired = list(trash.iterdir()) if trash.is_dir() else []
    retired += [old for old in cache.glob("spare*") if old.is_dir()
                and (spare is None or old != spare.folder)]
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
