"""Idle reset from every screen, and a touch cancelling the countdown. A fake clock makes a
90-second wait take no time at all."""

from __future__ import annotations

import pytest
from fakes import FakeClock
from kioskpage import STILL_THERE, KioskPage
from PySide6.QtCore import QPoint, QSize
from pytestqt.qtbot import QtBot
from uihelpers import build_window
from visits import MASSAGE

from kiosk.content import LoadedContent
from kiosk.core.control import Kiosk
from kiosk.core.idle import hold_for, reading_seconds, words_on
from kiosk.core.place import ATTRACT
from kiosk.ui.theme import load_fonts


@pytest.fixture
def idle_kiosk(loaded: LoadedContent) -> Kiosk:
    return Kiosk(loaded)


@pytest.fixture
def idle_page(qtbot: QtBot, idle_kiosk: Kiosk, clock: FakeClock) -> KioskPage:
    """The window as `kiosk run` starts it (idle watched), on the fake `clock`."""
    window = build_window(
        qtbot,
        idle_kiosk,
        QSize(1920, 1080),
        clock=clock,
        tap_guard_seconds=0,
        fonts=load_fonts(None),
    )
    idle_kiosk.session.reset()
    page = KioskPage(qtbot, window)
    page.watch_for_idle()
    return page


def test_idle_resets_from_every_screen(
    idle_page: KioskPage, idle_kiosk: Kiosk, clock: FakeClock
) -> None:
    page, session = idle_page, idle_kiosk.session
    for name in session.places()[1:]:
        session.start()
        session.answers.update(MASSAGE)
        session.show(name, remember=True)
        page.time_passes(clock, 0)
        assert not page.is_open(STILL_THERE)
        # 90 s, or as long as a slow reader needs for the page's words (a long article), or
        # the urgent result's hold for the receptionist
        wait = reading_seconds(90, words_on(session.content, name))
        page.time_passes(clock, max(wait, hold_for(session.content, name)))
        assert page.is_open(STILL_THERE), name
        assert page.shows("20 seconds")
        page.time_passes(clock, 20)
        assert session.current == ATTRACT, name
        assert session.answers == {} and session.history == []
        assert not page.is_open(STILL_THERE)
        assert page.screen() == "attract"


def test_a_touch_cancels_the_countdown(
    idle_page: KioskPage, idle_kiosk: Kiosk, clock: FakeClock
) -> None:
    page = idle_page
    page.tap("Touch to begin")
    page.time_passes(clock, 95)
    assert page.is_open(STILL_THERE)
    page.tap_at(QPoint(20, 20))  # anywhere, on the dim round the card
    page.time_passes(clock, 0)
    assert not page.is_open(STILL_THERE)
    assert page.screen() == "screen:welcome"
    page.time_passes(clock, 89)
    assert page.screen() == "screen:welcome"


def test_still_here_button(idle_page: KioskPage, clock: FakeClock) -> None:
    page = idle_page
    page.tap("Touch to begin")
    page.time_passes(clock, 100)
    assert page.button("I'm still here").height() >= 48
    page.tap("I'm still here")
    assert not page.is_open(STILL_THERE)
    page.time_passes(clock, 30)
    assert page.screen() == "screen:welcome"


def test_attract_screen_never_times_out(idle_page: KioskPage, clock: FakeClock) -> None:
    idle_page.time_passes(clock, 10_000)
    assert not idle_page.is_open(STILL_THERE)
    assert idle_page.screen() == "attract"


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


def test_a_long_article_waits_for_a_slow_reader(idle_page: KioskPage, clock: FakeClock) -> None:
    page = idle_page
    walk_to(page, "What is sciatica?", clock)
    page.time_passes(clock, 0)
    page.time_passes(clock, 100)  # past the 90 s idle time: still reading 150 words
    assert not page.is_open(STILL_THERE)
    page.time_passes(clock, 20)  # two minutes: more than its 150 words take at 80 a minute
    assert page.is_open(STILL_THERE)
    assert page.screen() == "screen:what_is_sciatica"


def test_a_short_page_asks_after_the_idle_time(idle_page: KioskPage, clock: FakeClock) -> None:
    page = idle_page
    walk_to(page, "A short self-check", clock)
    clock.now += 1
    page.tap("Start the self-check")
    page.settle()
    page.time_passes(clock, 0)
    assert page.screen().startswith("question:")
    page.time_passes(clock, 91)
    assert page.is_open(STILL_THERE)


def test_tapping_more_below_counts_as_reading(
    qtbot: QtBot, loaded: LoadedContent, clock: FakeClock
) -> None:
    kiosk = Kiosk(loaded)
    window = build_window(
        qtbot, kiosk, QSize(1366, 768), clock=clock, tap_guard_seconds=0, fonts=load_fonts(None)
    )
    kiosk.session.reset()
    page = KioskPage(qtbot, window)
    page.watch_for_idle()
    walk_to(page, "What is sciatica?", clock)
    page.time_passes(clock, 0)
    page.time_passes(clock, 110)  # nearly the page's reading time ...
    assert not page.is_open(STILL_THERE)
    page.tap("More below")  # ... and the visitor reads on
    page.settle(400)
    page.time_passes(clock, 110)
    assert not page.is_open(STILL_THERE)


def test_an_urgent_result_stays_for_the_receptionist(
    idle_page: KioskPage, idle_kiosk: Kiosk, clock: FakeClock
) -> None:
    """'Get medical help now' asks the visitor to show it to the receptionist: a visitor who
    walks to the desk and back finds it still there (tester: it was gone after 110 s); it
    still resets in the end, so no one's red flag waits for the next visitor for ever."""
    page = idle_page
    walk_to(page, "A short self-check", clock)
    clock.now += 1
    page.tap("Start the self-check")
    page.settle()
    clock.now += 1
    page.tap("Yes")  # numbness around the genitals or bottom: a red flag
    page.settle()
    assert idle_kiosk.session.current.name == "result:urgent"
    page.time_passes(clock, 0)
    page.time_passes(clock, 240)  # four minutes at the desk
    assert not page.is_open(STILL_THERE)
    assert idle_kiosk.session.current.name == "result:urgent"
    page.time_passes(clock, 61)
    assert page.is_open(STILL_THERE)
