"""Every problem a user can cause, and the few exceptions that carry them to the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One finding about the content, printed as ``path:line:col: severity: message [rule]``."""

    path: str
    """The file, relative to the project folder where possible."""
    line: int
    """1-based line of the cause (0 when the whole file is concerned)."""
    col: int
    """1-based column of the cause."""
    severity: str
    """``error`` stops the build; ``warning`` does not."""
    message: str
    rule: str
    """Stable id of the rule that found it, e.g. ``schema-required``."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.rule}]"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def display_path(path: Path, root: Path) -> str:
    """The path as the user should read it: relative to the project when inside it."""
    for resolve in (Path.absolute, Path.resolve):  # a symlink is named where it is
        try:
            return resolve(path).relative_to(resolve(root)).as_posix()
        except ValueError:
            continue
    return path.as_posix()


class BuildError(Exception):
    """A build cannot go on; the message says why in one line."""


class ContentError(BuildError):
    """The content has errors; ``problems`` holds every one found, errors and warnings."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        errors = sum(p.is_error for p in self.problems)
        super().__init__(f"{errors} content error(s)")
