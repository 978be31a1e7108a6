"""A long day in one process: thousands of visits by random taps, Back, Home, idle resets,
staff resets and content reloads. No exception may occur, the count of live widgets must be
back at its baseline after every reset, and memory may grow by at most 5 MiB after warm-up.

The window builds its pages and panels when first needed, so before each count every page and
panel is made to exist (`build_everything`): then each is there exactly once, and anything
that was not let go since shows as a difference.

The suite runs 100 visits (half of them after the warm-up, with a content edit in each half:
every path of the long run, at a third of the suite's time); `make soak` runs 10,000
(KIOSK_SOAK_VISITS) and prints figures.
"""

from __future__ import annotations

import gc
import os
import random
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from fakes import FakeClock
from kioskpage import KioskPage, control_of, shown_screen
from PySide6.QtCore import QCoreApplication, QEvent, QSize
from PySide6.QtWidgets import QAbstractButton, QApplication
from pytestqt.qtbot import QtBot
from uihelpers import build_window

from kiosk.content import load_content
from kiosk.core.control import Kiosk
from kiosk.core.place import ATTRACT, PAUSED
from kiosk.ui.main_window import KioskWindow

pytestmark = pytest.mark.slow  # named as slow; `make test` runs it all the same

ROOT = Path(__file__).resolve().parents[2]
VISITS = int(os.environ.get("KIOSK_SOAK_VISITS", "100"))
SEED = int(os.environ.get("KIOSK_SOAK_SEED", "20261121"))
MAX_STEPS = 80
MIB = 1024 * 1024


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def settle(app: QApplication, collect: bool = False, window: KioskWindow | None = None) -> None:
    """Run pending events and the deleteLater() of pages built again after a reload; with
    `window`, also end a running fade (its two screen pictures are 16 MB for 200 ms)."""
    if window is not None:
        window.fade.stop()
    for _ in range(3):
        app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if collect:
        gc.collect()


def build_everything(window: KioskWindow) -> None:
    """Every page and panel the window can show, built if it was not yet."""
    for name in window.session.places():
        window.page_for(name)
    for part in ("still_there", "access_panel", "language_panel", "pin_pad", "admin"):
        window.overlays.get(part)
    assert window.page_for(PAUSED) is not None


def page_buttons(window: KioskWindow) -> list[QAbstractButton]:
    page = shown_screen(window)
    return [b for b in page.findChildren(QAbstractButton) if b.isVisible() and b.isEnabled()]


def test_soak(qtbot: QtBot, content_text: str, write_content: Callable[[str], Path]) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    rng = random.Random(SEED)
    clock = FakeClock()
    path = write_content(content_text)
    kiosk = Kiosk(load_content(path), clock=clock)
    window = build_window(qtbot, kiosk, QSize(1920, 1080), clock=clock, tap_guard_seconds=0)
    window.start()  # idle is watched, as `kiosk run` starts it
    page = KioskPage(qtbot, window)
    kiosk.reset("finish")
    settle(app, collect=True)  # widgets earlier tests left in reference cycles go first
    build_everything(window)
    baseline = len(QApplication.allWidgets())
    before: dict[str, int] = {}
    for widget in QApplication.allWidgets():
        name = type(widget).__name__ + ":" + widget.objectName()
        before[name] = before.get(name, 0) + 1
    # Qt's caches (glyphs, pixmaps, the first rebuild's) fill over the first visits: memory
    # is measured after them (the suite's short run: over its second half)
    warm_up = max(min(100, VISITS // 2), VISITS // 10)
    # a content edit (a rebuild) before the warm-up ends, and at least one after it
    change_every = min(100, warm_up) if VISITS <= 1000 else 1000
    welcome = kiosk.loaded.content.clinic.welcome
    rss_warm = 0
    steps = reloads = 0
    ended: dict[str, int] = {}
    started = time.perf_counter()
    settings = kiosk.loaded.content.settings

    for visit in range(VISITS):
        if visit and visit % 1000 == 0:  # a long run says how far it has come
            print(f"soak: {visit} visits, {time.perf_counter() - started:.0f} s", flush=True)
        if visit == warm_up:
            settle(app, collect=True, window=window)
            rss_warm = rss_bytes()
        if visit % change_every == change_every // 2:  # the clinic edits its file: a rebuild
            edited = content_text.replace(welcome, f"{welcome} ({visit})")
            write_content(edited)
            os.utime(path, ns=(time.time_ns(), time.time_ns() + visit))
            assert kiosk.reload().ok
            assert kiosk.loaded.content.clinic.welcome.endswith(f"({visit})")
            reloads += 1
        elif visit and visit % 50 == 0:
            assert "has not changed" in kiosk.reload().message
        control_of(window, "beginButton").click()
        assert kiosk.session.visit_under_way
        for _ in range(MAX_STEPS):
            steps += 1
            roll = rng.random()
            if roll < 0.02:
                page.time_passes(clock, settings.idle_seconds)
                page.time_passes(clock, settings.countdown_seconds)
            elif roll < 0.03:
                kiosk.reset("staff")
            elif roll < 0.08:
                back = control_of(window, "backButton")
                back.click() if back.isEnabled() else None
            elif roll < 0.10:
                control_of(window, "homeButton").click()
            elif roll < 0.45 and (next_ := control_of(window, "nextButton")).isEnabled():
                next_.click()
            else:
                buttons = page_buttons(window)
                if buttons:
                    rng.choice(buttons).click()
            if steps % 25 == 0:
                app.processEvents()
            if not kiosk.session.visit_under_way:
                break
        else:
            kiosk.reset("idle")  # a visitor who wandered for too long
        ended[kiosk.session.ended_by] = ended.get(kiosk.session.ended_by, 0) + 1
        assert kiosk.session.current == ATTRACT
        assert kiosk.session.answers == {} and kiosk.session.history == []
        settle(app)
        build_everything(window)
        live = len(QApplication.allWidgets())
        if live != baseline:
            counts: dict[str, int] = {}
            for widget in QApplication.allWidgets():
                name = type(widget).__name__ + ":" + widget.objectName()
                counts[name] = counts.get(name, 0) + 1
            extra = {k: v - before.get(k, 0) for k, v in counts.items() if v != before.get(k, 0)}
            raise AssertionError(
                f"visit {visit}: {live} live widgets, {baseline} at the start: {extra}"
            )

    settle(app, collect=True, window=window)
    growth = rss_bytes() - rss_warm
    seconds = time.perf_counter() - started
    print(
        f"\nsoak: {VISITS} visits, {steps} steps, {reloads} reloads in {seconds:.1f} s "
        f"({seconds / VISITS * 1000:.1f} ms a visit); ended by {ended}; "
        f"{baseline} live widgets throughout; memory after warm-up "
        f"{rss_warm / MIB:.1f} MiB, grew {growth / MIB:+.2f} MiB"
    )
    assert growth <= 5 * MIB, f"memory grew {growth / MIB:.1f} MiB after warm-up"
