"""The receptionist's side, through the window: the hidden corner, the PIN pad, the admin
panel, pause, reload, quit, and the lockdown that keeps visitors in."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from fakes import FakeClock, raw_pin_hash
from kioskpage import ADMIN, PIN_PAD, KioskPage
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from uihelpers import build_window
from visits import MASSAGE

from kiosk.content import load_content
from kiosk.content.model import SAMPLE_PIN, SAMPLE_PIN_HASH
from kiosk.core.access import LockStore, hash_pin
from kiosk.core.control import QUIET_SECONDS, Kiosk
from kiosk.core.place import ATTRACT
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.theme import load_fonts

Writer = Callable[[str], Path]


@pytest.fixture
def quits() -> list[int]:
    return []


@pytest.fixture
def kiosk(content_text: str, write_content: Writer, clock: FakeClock) -> Kiosk:
    return Kiosk(load_content(write_content(content_text)), clock=clock)


@pytest.fixture
def staff_window(qtbot: QtBot, kiosk: Kiosk, clock: FakeClock, quits: list[int]) -> KioskWindow:
    window = build_window(
        qtbot,
        kiosk,
        QSize(1920, 1080),
        clock=clock,
        tap_guard_seconds=0,
        quit_app=lambda: quits.append(0),
        fonts=load_fonts(None),
    )
    kiosk.reset("finish")
    return window


@pytest.fixture
def page(qtbot: QtBot, staff_window: KioskWindow) -> KioskPage:
    return KioskPage(qtbot, staff_window)


def touch_later(path: Path) -> None:
    """Make sure the next stat shows a change even on a coarse file-system clock."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def open_admin(page: KioskPage, clock: FakeClock) -> None:
    page.hold(QPoint(20, 20), 3.1, clock)
    page.enter_pin(SAMPLE_PIN)
    assert page.is_open(ADMIN)


def test_holding_the_top_left_corner_opens_the_pin_pad(
    page: KioskPage, kiosk: Kiosk, clock: FakeClock
) -> None:
    page.hold(QPoint(20, 20), 2.5, clock)
    assert not page.is_open(PIN_PAD)  # not long enough: an ordinary tap
    assert page.screen() != "attract"
    kiosk.reset("finish")
    page.hold(QPoint(1900, 20), 3.1, clock)
    assert not page.is_open(PIN_PAD)  # the wrong corner
    kiosk.reset("finish")
    page.hold(QPoint(20, 20), 3.1, clock)
    assert page.is_open(PIN_PAD)
    # the release that ended the hold did not start a visit on the attract screen
    assert page.screen() == "attract"


def test_the_corner_and_time_come_from_the_content(
    qtbot: QtBot, content_text: str, write_content: Writer, clock: FakeClock
) -> None:
    text = content_text.replace("corner: top_left", "corner: bottom_right").replace(
        "hold_seconds: 3", "hold_seconds: 5"
    )
    kiosk = Kiosk(load_content(write_content(text)))
    window = build_window(
        qtbot, kiosk, QSize(1920, 1080), clock=clock, tap_guard_seconds=0, exposed=False
    )
    page = KioskPage(qtbot, window)
    page.hold(QPoint(1900, 1060), 4, clock)
    assert not page.is_open(PIN_PAD)
    page.hold(QPoint(1900, 1060), 5, clock)
    assert page.is_open(PIN_PAD)


def test_the_pin_shows_as_dots_and_the_right_one_opens_the_panel(
    page: KioskPage, clock: FakeClock
) -> None:
    page.hold(QPoint(20, 20), 3.1, clock)
    for digit in "25":
        page.tap(digit)
    dots = page.text("pinDots")
    assert dots.count("●") == 2 and "2" not in dots
    page.tap("Clear")
    assert "●" not in page.text("pinDots")
    page.enter_pin(SAMPLE_PIN)
    assert not page.is_open(PIN_PAD) and page.is_open(ADMIN)
    assert "content.yaml" in page.text("adminInfo")


def test_wrong_pins_say_how_many_tries_are_left_then_lock_the_pad(
    page: KioskPage, clock: FakeClock
) -> None:
    page.hold(QPoint(20, 20), 3.1, clock)
    page.enter_pin("1111")
    assert "4 tries left" in page.text("pinMessage")
    for _ in range(4):
        page.enter_pin("1111")
    assert "Try again in 60 seconds" in page.text("pinMessage")
    assert not page.enabled("5")
    clock.now += 61
    page.wait_until(lambda: page.enabled("5"), timeout=2000)  # the pad looks again itself
    page.enter_pin(SAMPLE_PIN)
    assert page.is_open(ADMIN)


def test_a_locked_pad_stays_locked_after_the_kiosk_restarts(
    qtbot: QtBot, content_text: str, write_content: Writer, clock: FakeClock, tmp_path: Path
) -> None:
    store = LockStore(tmp_path / "data" / "pin-lock.json")
    loaded = load_content(write_content(content_text))

    def start() -> tuple[KioskWindow, KioskPage]:
        kiosk = Kiosk(loaded, clock=clock, pin_store=store)
        window = build_window(
            qtbot,
            kiosk,
            QSize(1920, 1080),
            clock=clock,
            tap_guard_seconds=0,
            fonts=load_fonts(None),
        )
        kiosk.reset("finish")
        return window, KioskPage(qtbot, window)

    first, page = start()
    page.hold(QPoint(20, 20), 3.1, clock)
    for _ in range(5):
        page.enter_pin("1111")
    assert "Try again in 60 seconds" in page.text("pinMessage")
    first.close()
    _, page = start()  # a new kiosk, as after `kill` and a restart
    page.hold(QPoint(20, 20), 3.1, clock)
    assert page.is_open(PIN_PAD)
    assert "Too many wrong PINs. Try again in" in page.text("pinMessage")
    assert not page.enabled("OK") and not page.enabled(SAMPLE_PIN[0])


def test_reset_now_wipes_the_visit(page: KioskPage, kiosk: Kiosk, clock: FakeClock) -> None:
    session = kiosk.session
    session.start()
    session.answers.update(MASSAGE)
    session.show("question:pain_now", remember=True)
    open_admin(page, clock)
    page.tap("Reset now")
    assert session.current == ATTRACT and session.answers == {} and session.history == []
    assert page.screen() == "attract"
    assert not page.is_open(ADMIN)
    assert kiosk.figures.ended.get("staff") == 1


def test_pause_shows_back_in_a_moment_until_resumed(page: KioskPage, clock: FakeClock) -> None:
    open_admin(page, clock)
    page.tap("Pause the kiosk")
    assert page.screen() == "paused"
    page.tap_at(QPoint(960, 540))
    assert page.screen() == "paused"  # taps do nothing
    page.time_passes(clock, 3600)
    assert page.screen() == "paused"  # it never times out
    open_admin(page, clock)
    page.tap("Resume for visitors")
    assert page.screen() == "attract"


def test_the_panel_says_in_words_whether_visitors_can_use_the_kiosk(
    page: KioskPage, clock: FakeClock
) -> None:
    """A receptionist sees at once whether the kiosk is paused, and the one button that
    changes it says what it will do; while paused, that button is the main one."""
    open_admin(page, clock)
    assert "Running: visitors can use the kiosk." in page.texts()
    assert not any("Paused" in text for text in page.texts())
    assert page.button("Close").property("role") == "primary"
    page.tap("Pause the kiosk")
    assert page.screen() == "paused"
    open_admin(page, clock)
    assert any(text.startswith("Paused:") for text in page.texts())
    assert not any(text.startswith("Running") for text in page.texts())
    resume = page.button("Resume for visitors")
    assert resume.property("role") == "primary"
    assert page.button("Close").property("role") != "primary"  # one main button
    assert [b.text() for b in page.buttons() if "Pause" in b.text()] == []
    page.tap("Resume for visitors")
    assert page.screen() == "attract"
    open_admin(page, clock)
    assert "Running: visitors can use the kiosk." in page.texts()
    assert page.button("Pause the kiosk").property("role") != "primary"


def shown_words(page: KioskPage) -> str:
    """Every word on screen, as read (without the marks that keep a path left to right and a
    command on one line)."""
    said = "\n".join(page.texts()).replace("\u00a0", " ")
    return said.replace("\u2066", "").replace("\u2069", "")


def test_the_panel_says_the_pin_is_still_the_sample_one_and_how_to_change_it(
    page: KioskPage, clock: FakeClock
) -> None:
    open_admin(page, clock)
    said = shown_words(page)
    assert "The staff PIN is still the sample one from the README (2580)" in said
    assert "run kiosk hash-pin" in said and "under staff: pin_hash: in content.yaml" in said
    assert "The content file is fine." not in said


@pytest.mark.parametrize(
    ("pin", "made_by", "said"),
    [
        ("1234", raw_pin_hash, "The staff PIN is 1234, one of the first PINs a visitor would"),
        ("482913", hash_pin, "The content file is fine."),
        ("1999", raw_pin_hash, "The staff PIN was set before kiosk hash-pin checked every PIN"),
    ],
)
def test_the_panel_calls_the_content_fine_only_with_a_pin_nobody_guesses(
    qtbot: QtBot,
    content_text: str,
    write_content: Writer,
    clock: FakeClock,
    pin: str,
    made_by: Callable[[str], str],
    said: str,
) -> None:
    text = content_text.replace(SAMPLE_PIN_HASH, made_by(pin))
    kiosk = Kiosk(load_content(write_content(text)), clock=clock)
    window = build_window(qtbot, kiosk, QSize(1920, 1080), clock=clock, exposed=False)
    page = KioskPage(qtbot, window)
    page.hold(QPoint(20, 20), 3.1, clock)
    page.enter_pin(pin)
    words = shown_words(page)
    assert said in words
    assert ("sample" in words) is False
    assert ("kiosk hash-pin" in words) is (made_by is raw_pin_hash)


def test_reload_of_a_bad_file_explains_it_and_keeps_running(
    page: KioskPage, clock: FakeClock, content_text: str, write_content: Writer
) -> None:
    write_content(content_text.replace("name: Willow Street", "nme: Willow Street"))
    open_admin(page, clock)
    page.tap("Reload content")
    status = page.text("adminStatus")
    assert "keeps showing the last good content" in status
    assert "clinic.nme" in status and "did you mean 'name'" in status
    page.tap("Close")
    page.tap("Touch to begin")
    assert page.text("clinicName").startswith("Willow Street")


def test_reload_of_a_good_file_rebuilds_the_screens(
    page: KioskPage, kiosk: Kiosk, clock: FakeClock, content_text: str, write_content: Writer
) -> None:
    write_content(content_text.replace("Willow Street", "Elm Road"))
    open_admin(page, clock)
    page.tap("Reload content")
    said = page.text("adminStatus").replace("\u2066", "").replace("\u2069", "")
    assert f"New content is live: content.yaml, version {kiosk.version}." in said
    page.tap("Close")
    clock.now += 1  # the next visitor, a moment later
    page.tap("Touch to begin")
    assert page.text("clinicName").startswith("Elm Road")
    assert page.screen() == "screen:welcome"  # the frame and its page, on screen


@pytest.mark.parametrize("changed", [True, False], ids=["changed", "unchanged"])
def test_reload_says_a_visit_was_ended_only_when_one_was(
    page: KioskPage,
    kiosk: Kiosk,
    clock: FakeClock,
    content_text: str,
    write_content: Writer,
    changed: bool,
) -> None:
    news = "New content is live" if changed else "has not changed since it was loaded"
    for mid_visit in (False, True):
        if changed:
            name = "Elm Road" if mid_visit else "Oak Lane"
            touch_later(write_content(content_text.replace("Willow Street", name)))
        if mid_visit:
            kiosk.session.start()
            kiosk.session.answers.update(MASSAGE)
            kiosk.session.show("question:pain_now", remember=True)
        open_admin(page, clock)
        page.tap("Reload content")
        said = shown_words(page)
        assert news in said
        assert ("The visit that was on screen was ended." in said) is mid_visit
        assert "the visit was ended" not in said
        assert page.screen() == "attract" and kiosk.session.answers == {}
        page.tap("Close")


def test_a_content_change_during_a_visit_waits_for_the_reset(
    page: KioskPage, kiosk: Kiosk, content_text: str, write_content: Writer, clock: FakeClock
) -> None:
    session = kiosk.session
    session.start()
    shown = page.shown()
    path = write_content(content_text.replace("Willow Street", "Elm Road"))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    kiosk.check_files()  # seen; read once it has stayed the same a while
    clock.now += QUIET_SECONDS
    kiosk.check_files()
    assert kiosk.pending is not None
    assert page.shown() is shown  # the visit's screens stay as they are
    assert page.text("clinicName").startswith("Willow Street")
    session.next()
    session.reset("idle")
    assert page.screen() == "attract"
    clock.now += 1  # the next visitor, a moment later
    page.tap("Touch to begin")
    assert page.text("clinicName").startswith("Elm Road")


def test_quit_needs_two_taps(page: KioskPage, clock: FakeClock, quits: list[int]) -> None:
    open_admin(page, clock)
    page.tap("Quit to desktop")
    assert quits == []
    page.tap("Tap again to quit")
    assert quits == [0]


def test_tap_again_to_quit_gives_up_after_a_while(
    page: KioskPage, clock: FakeClock, quits: list[int]
) -> None:
    open_admin(page, clock)
    page.open_layer(ADMIN).quit_arm_ms = 50  # the panel's own wait, made short
    page.tap("Quit to desktop")
    assert page.has("Tap again to quit")
    page.wait_until(lambda: page.has("Quit to desktop"), timeout=2000)
    page.tap("Quit to desktop")  # a first tap again, not a quit
    assert quits == []


def test_the_staff_screens_close_when_left_alone(page: KioskPage, clock: FakeClock) -> None:
    open_admin(page, clock)
    page.watch_for_idle()  # idle is watched, as `kiosk run` starts it
    page.time_passes(clock, 89)
    assert page.is_open(ADMIN)
    page.time_passes(clock, 2)
    assert not page.is_open(ADMIN)


def test_a_visitor_cannot_close_or_escape(
    staff_window: KioskWindow, kiosk: Kiosk, qtbot: QtBot
) -> None:
    """The lockdown, a part tested through the window it locks."""
    lockdown = staff_window.input.lockdown
    lockdown.engage()
    try:
        kiosk.session.start()
        event = QCloseEvent()
        staff_window.closeEvent(event)
        assert not event.isAccepted()
        assert not staff_window.close()
        assert staff_window.isVisible()
        QTest.keyClick(staff_window, Qt.Key.Key_Escape)
        QTest.keyClick(staff_window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
        assert staff_window.isVisible()
        assert kiosk.session.visit_under_way
        staff_window.showMinimized()
        lockdown.restore()
        assert staff_window.isFullScreen() and not staff_window.isMinimized()
    finally:
        lockdown.release()
    assert staff_window.close()  # once staff quit, the window may close
