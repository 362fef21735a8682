"""Progress of a long build on a terminal: pages done of all, and the rate.

Silent when standard output is not a terminal (CI logs, pipes) or when asked to be quiet,
and for builds shorter than about a second, which would only flicker. Updated from the
thread that collects results from the render workers, so it is locked.
"""

from __future__ import annotations

import sys
import threading
import time

SHOW_AFTER = 1.0
"""Seconds before the first line: a quick build shows nothing."""
EVERY = 0.2
"""Seconds between two updates of the line."""


class Progress:
    """A one-line counter rewritten in place (``\\r``), erased when the work is done."""

    def __init__(self, total: int, label: str = "rendering", enabled: bool | None = None):
        self.total = total
        self.label = label
        self.done = 0
        self.enabled = sys.stdout.isatty() if enabled is None else enabled
        self.start = time.perf_counter()
        self.shown = 0.0
        self.lock = threading.Lock()

    def advance(self, count: int = 1) -> None:
        with self.lock:
            self.done += count
            now = time.perf_counter()
            if self.enabled and now - self.start >= SHOW_AFTER and now - self.shown >= EVERY:
                self.shown = now
                rate = self.done / (now - self.start)
                sys.stdout.write(f"\r{self.label}: {self.done}/{self.total} pages, "
                                 f"{rate:.0f} pages/s ")
                sys.stdout.flush()

    def finish(self) -> None:
        """Erase the line, if one was shown, so the summary starts clean."""
        with self.lock:
            if self.shown:
                sys.stdout.write("\r\033[K")
                sys.stdout.flush()
