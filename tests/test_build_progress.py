"""The build's progress line: silent for a quick build or when disabled, one line rewritten
in place with pages done of all and the rate, erased when the work is done."""

from __future__ import annotations

import re
import threading

from generator.build.progress import SHOW_AFTER, Progress


def test_a_quick_build_shows_nothing(capsys):
    progress = Progress(10, enabled=True)
    progress.advance(10)
    progress.finish()
    assert capsys.readouterr().out == ""


def test_a_long_build_rewrites_one_line_then_erases_it(capsys):
    progress = Progress(200, label="rendering", enabled=True)
    progress.start -= SHOW_AFTER + 1  # as if it began over a second ago
    progress.advance(50)
    progress.advance(50)  # within EVERY of the first line: not written again
    shown = capsys.readouterr().out
    assert re.fullmatch(r"\rrendering: 50/200 pages, \d+ pages/s ", shown), shown
    progress.finish()
    assert capsys.readouterr().out == "\r\033[K"


def test_a_disabled_or_piped_progress_writes_nothing(capsys):
    for progress in (Progress(5, enabled=False), Progress(5)):  # pytest's stdout: no tty
        progress.start -= SHOW_AFTER + 1
        progress.advance(5)
        progress.finish()
    assert capsys.readouterr().out == ""


def test_threads_advancing_together_lose_no_count():
    progress = Progress(4000, enabled=False)
    workers = [threading.Thread(target=lambda: [progress.advance() for _ in range(1000)])
               for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert progress.done == 4000
