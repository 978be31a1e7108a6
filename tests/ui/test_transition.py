"""Screens change with a short fade that never holds back a tap, and none when it is off."""

from __future__ import annotations

from kioskpage import KioskPage
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot
from uihelpers import build_window

from kiosk.content import LoadedContent
from kiosk.core.control import Kiosk
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.pages import PageHost
from kiosk.ui.transition import Fade


def shown_window(qtbot: QtBot, loaded: LoadedContent, transition_ms: int) -> KioskWindow:
    window = build_window(
        qtbot, Kiosk(loaded), QSize(1280, 720), tap_guard_seconds=0, transition_ms=transition_ms
    )
    return window


def the_fade(page: KioskPage) -> Fade:
    """The window's fade (a part of its own), over the pages."""
    (fade,) = page.widgets(Fade)
    return fade


def test_a_screen_change_fades_within_250_ms(qtbot: QtBot, loaded: LoadedContent) -> None:
    window = shown_window(qtbot, loaded, 200)
    page = KioskPage(qtbot, window)
    page.tap("Touch to begin")
    assert page.fading()
    assert page.screen() == "screen:welcome"  # the new page is live at once
    fade = the_fade(page)
    assert fade.animation.duration() == 200
    qtbot.waitUntil(lambda: not fade.running, timeout=5000)
    assert fade.pixmap.isNull()  # the picture's memory is let go


def test_next_waits_for_the_page_to_fade_in_then_a_tap_ends_a_fade(
    qtbot: QtBot, loaded: LoadedContent
) -> None:
    """Next is held while the page fades in (the second tap of a double tap on Next skipped a
    page the visitor never saw: tester); once the page is whole, a tap goes through."""
    window = shown_window(qtbot, loaded, 250)
    page = KioskPage(qtbot, window)
    page.tap("Touch to begin")
    first = page.screen()
    assert page.fading()
    page.tap("Next")
    assert page.screen() == first  # held: the page is still fading in
    page.wait_until(lambda: not page.fading())
    page.tap("Next")
    assert page.screen() == "screen:" + loaded.content.screens[1].id
    assert page.fading()  # the move began a new fade


def test_the_fade_shows_the_new_screen_beneath_with_its_bars(
    qtbot: QtBot, loaded: LoadedContent
) -> None:
    page = KioskPage(qtbot, shown_window(qtbot, loaded, 200))
    page.start_visit()
    page.move_on()
    fade = the_fade(page)
    (pages,) = page.widgets(PageHost, "pages")  # the page with its bars, under the fade
    assert fade.running
    assert fade.under.toImage() == pages.grab().toImage()


def test_no_fade_when_motion_is_off(qtbot: QtBot, loaded: LoadedContent) -> None:
    page = KioskPage(qtbot, shown_window(qtbot, loaded, 0))
    page.tap("Touch to begin")
    assert page.screen() == "screen:welcome" and not page.fading()


def test_a_fade_never_lasts_longer_than_250_ms(qtbot: QtBot, loaded: LoadedContent) -> None:
    page = KioskPage(qtbot, shown_window(qtbot, loaded, 900))
    assert the_fade(page).duration_ms == 250
