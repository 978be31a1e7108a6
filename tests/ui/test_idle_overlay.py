"""Idle reset from every screen, and a touch cancelling the countdown. A fake clock makes a
90-second wait take no time at all."""

from __future__ import annotations

import pytest
from fakes import FakeClock
from kioskpage import KioskPage
from PySide6.QtCore import QPoint, QSize, Qt
from pytestqt.qtbot import QtBot
from uihelpers import build_window
from visits import MASSAGE

from kiosk.content import LoadedContent
from kiosk.core.control import Kiosk
from kiosk.core.idle import hold_for, reading_seconds, words_on
from kiosk.core.place import ATTRACT
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.theme import load_fonts


@pytest.fixture
def idle_window(qtbot: QtBot, loaded: LoadedContent, clock: FakeClock) -> KioskWindow:
    kiosk = Kiosk(loaded)
    session = kiosk.session
    window = build_window(
        qtbot, kiosk, QSize(1920, 1080), clock=clock, tap_guard_seconds=0, fonts=load_fonts(None)
    )
    session.reset()
    window.input.idle.start()
    return window


def test_idle_resets_from_every_screen(idle_window: KioskWindow, clock: FakeClock) -> None:
    session, idle = idle_window.session, idle_window.input.idle
    for name in session.places()[1:]:
        session.start()
        session.answers.update(MASSAGE)
        session.show(name, remember=True)
        idle.tick()
        assert not idle_window.overlays.get("still_there").isVisible()
        # 90 s, or as long as a slow reader needs for the page's words (a long article), or
        # the urgent result's hold for the receptionist
        wait = reading_seconds(90, words_on(session.content, name))
        clock.now += max(wait, hold_for(session.content, name))
        idle.tick()
        assert idle_window.overlays.get("still_there").isVisible(), name
        assert "20 seconds" in idle_window.overlays.get("still_there").message.text()
        clock.now += 20
        idle.tick()
        assert session.current == ATTRACT, name
        assert session.answers == {} and session.history == []
        assert not idle_window.overlays.get("still_there").isVisible()
        assert idle_window.outer.currentWidget() is idle_window.page_for(ATTRACT)


def test_a_touch_cancels_the_countdown(
    qtbot: QtBot, idle_window: KioskWindow, clock: FakeClock
) -> None:
    session, idle = idle_window.session, idle_window.input.idle
    session.start()
    clock.now += 95
    idle.tick()
    assert idle_window.overlays.get("still_there").isVisible()
    qtbot.mouseClick(
        idle_window.overlays.get("still_there"), Qt.MouseButton.LeftButton, pos=QPoint(20, 20)
    )
    idle.tick()
    assert not idle_window.overlays.get("still_there").isVisible()
    assert session.current.name == "screen:welcome"
    clock.now += 89
    idle.tick()
    assert session.current.name == "screen:welcome"


def test_still_here_button(qtbot: QtBot, idle_window: KioskWindow, clock: FakeClock) -> None:
    idle_window.session.start()
    clock.now += 100
    idle_window.input.idle.tick()
    button = idle_window.overlays.get("still_there").button
    assert button.isVisible() and button.height() >= 48
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not idle_window.overlays.get("still_there").isVisible()
    clock.now += 30
    idle_window.input.idle.tick()
    assert idle_window.session.current.name == "screen:welcome"


def test_attract_screen_never_times_out(idle_window: KioskWindow, clock: FakeClock) -> None:
    clock.now += 10_000
    idle_window.input.idle.tick()
    assert not idle_window.overlays.get("still_there").isVisible()
    assert idle_window.session.current == ATTRACT


# -- a visitor reading a long page is not interrupted (tester: "Still there?" came up at 90 s
# over an article a slow reader was still reading) ------------------------------------------


def walk_to(page: KioskPage, title: str, clock: FakeClock) -> None:
    """From the attract screen, tap Next until the page titled `title` shows (a second
    between taps: the tap guard holds Next while a page fades in)."""
    page.tap("Touch to begin")
    page.settle()
    for _ in range(12):
        if title in page.texts():
            return
        clock.now += 1
        page.tap("Next")
        page.settle()
    raise AssertionError(f"never reached {title!r}")


def test_a_long_article_waits_for_a_slow_reader(
    qtbot: QtBot, idle_window: KioskWindow, clock: FakeClock
) -> None:
    page = KioskPage(qtbot, idle_window)
    walk_to(page, "What is sciatica?", clock)
    idle = idle_window.input.idle
    idle.tick()
    clock.now += 100  # past the 90 s idle time: still reading 150 words
    idle.tick()
    assert not idle_window.overlays.get("still_there").isVisible()
    clock.now += 20  # two minutes: more than its 150 words take at 80 a minute
    idle.tick()
    assert idle_window.overlays.get("still_there").isVisible()
    assert page.screen() == "screen:what_is_sciatica"


def test_a_short_page_asks_after_the_idle_time(
    qtbot: QtBot, idle_window: KioskWindow, clock: FakeClock
) -> None:
    page = KioskPage(qtbot, idle_window)
    walk_to(page, "A short self-check", clock)
    clock.now += 1
    page.tap("Start the self-check")
    page.settle()
    idle = idle_window.input.idle
    idle.tick()
    assert page.screen().startswith("question:")
    clock.now += 91
    idle.tick()
    assert idle_window.overlays.get("still_there").isVisible()


def test_tapping_more_below_counts_as_reading(
    qtbot: QtBot, loaded: LoadedContent, clock: FakeClock
) -> None:
    kiosk = Kiosk(loaded)
    window = build_window(
        qtbot, kiosk, QSize(1366, 768), clock=clock, tap_guard_seconds=0, fonts=load_fonts(None)
    )
    window.session.reset()
    window.input.idle.start()
    page = KioskPage(qtbot, window)
    walk_to(page, "What is sciatica?", clock)
    idle = window.input.idle
    idle.tick()
    clock.now += 110  # nearly the page's reading time ...
    idle.tick()
    assert not window.overlays.get("still_there").isVisible()
    page.tap("More below")  # ... and the visitor reads on
    page.settle(400)
    clock.now += 110
    idle.tick()
    assert not window.overlays.get("still_there").isVisible()


def test_an_urgent_result_stays_for_the_receptionist(
    qtbot: QtBot, idle_window: KioskWindow, clock: FakeClock
) -> None:
    """'Get medical help now' asks the visitor to show it to the receptionist: a visitor who
    walks to the desk and back finds it still there (tester: it was gone after 110 s); it
    still resets in the end, so no one's red flag waits for the next visitor for ever."""
    page = KioskPage(qtbot, idle_window)
    walk_to(page, "A short self-check", clock)
    clock.now += 1
    page.tap("Start the self-check")
    page.settle()
    clock.now += 1
    page.tap("Yes")  # numbness around the genitals or bottom: a red flag
    page.settle()
    assert idle_window.session.current.name == "result:urgent"
    idle = idle_window.input.idle
    idle.tick()
    clock.now += 240  # four minutes at the desk
    idle.tick()
    assert not idle_window.overlays.get("still_there").isVisible()
    assert idle_window.session.current.name == "result:urgent"
    clock.now += 61
    idle.tick()
    assert idle_window.overlays.get("still_there").isVisible()
