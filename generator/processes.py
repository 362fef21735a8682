"""How many processes a build may use, and when it may fork them."""

from __future__ import annotations

import multiprocessing
import os
import threading

PARALLEL_FROM = 200
"""Fewer jobs than this (pages, files to parse) run in one process: starting workers
would cost more."""


def workers() -> int:
    """One worker per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def forks(jobs: int) -> bool:
    """Whether this many jobs (pages, files to parse) go to forked workers."""
    return jobs >= PARALLEL_FROM and workers() >= 2 and can_fork()


def can_fork() -> bool:
    """Fork only a single-threaded process: a thread holding a lock at the fork (a server
    running the build, say) would leave that lock held forever in the workers."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
