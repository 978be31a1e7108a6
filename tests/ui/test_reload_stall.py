"""The visitor's screen never waits for the content's checks (issue 26, item 1): a hot reload
to four therapist photos that are slow to draw runs in the worker process, and a probe on the
event loop looks for its longest stall while the reload is checked and refused. The window is
the real one, with the app's poll of the background read (`kiosk.app.poll_reads`).

Each photo's check takes its whole 1 s limit, so a check on the screen's thread would stall it
for a second at least, four in all; off the thread, the screen answers all along. The limit
asserted is that second, not the 100 ms target: how long the screen stalls on a busy machine
is a figure for `make bench`, never for a timed test (a loaded CI run saw 132 ms)."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QSize, QTimer
from pytestqt.qtbot import QtBot
from slowdraw import SLOW_SVG
from uihelpers import build_window

from kiosk.app import poll_reads
from kiosk.content import load_content
from kiosk.content.worker import ContentReads
from kiosk.core.control import QUIET_SECONDS, Kiosk
from kiosk.ui.drawcheck import DrawChecker
from kiosk.ui.theme import load_fonts

Write = Callable[[str], Path]
PHOTOS = ("maya", "daniel", "aroha", "sam")
STALL_MS = 1000
"""One photo's check: what a check on the screen's thread would stall it by, at the least."""


class StallProbe:
    """A 10 ms timer of the event loop: the longest gap between its ticks is the longest the
    screen could not answer a tap."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self.tick)
        self.last = time.perf_counter()
        self.longest = 0.0

    def tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()


def test_a_hot_reload_to_slow_pictures_never_stalls_the_screen(
    qtbot: QtBot, content_text: str, write_content: Write
) -> None:
    path = write_content(content_text)
    reads = ContentReads(drawer=partial(DrawChecker, seconds=1.0))
    clock = [0.0]
    kiosk = Kiosk(load_content(path), clock=lambda: clock[0], source=path, background=reads)
    size = QSize(1280, 720)
    window = build_window(
        qtbot, kiosk, size, tap_guard_seconds=0, transition_ms=0, fonts=load_fonts(None)
    )
    poll = poll_reads(kiosk, window)
    probe = StallProbe()
    try:
        qtbot.wait(1500)  # the window's own first building and painting are not measured
        for name in PHOTOS:
            (path.parent / "assets" / "therapists" / f"{name}.svg").write_text(SLOW_SVG, "utf-8")
        probe.start()
        kiosk.check_files()
        clock[0] += QUIET_SECONDS
        kiosk.check_files()  # the change has settled: its read starts, off the screen's thread
        assert kiosk.reading
        qtbot.waitUntil(lambda: kiosk.content_error is not None, timeout=120_000)
    finally:
        probe.timer.stop()
        poll.stop()
        reads.close()
    assert "therapists[1].photo: 'assets/therapists/maya.svg' takes more than 1 s to draw" in (
        kiosk.content_error or ""
    )
    assert kiosk.loaded.content.therapists[0].photo == "assets/therapists/maya.svg"
    assert probe.longest * 1000 < STALL_MS, f"the event loop stalled {probe.longest * 1000:.0f} ms"
