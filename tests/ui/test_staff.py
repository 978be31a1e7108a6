"""The receptionist's side, through the window: the hidden corner, the PIN pad, the admin
panel, pause, reload, quit, and the lockdown that keeps visitors in."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from fakes import FakeClock, raw_pin_hash
from kioskpage import KioskPage
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
from kiosk.core.place import ATTRACT, PAUSED
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.theme import load_fonts

Writer = Callable[[str], Path]


@pytest.fixture
def quits() -> list[int]:
    return []


@pytest.fixture
def staff_window(
    qtbot: QtBot,
    content_text: str,
    write_content: Writer,
    clock: FakeClock,
    quits: list[int],
) -> KioskWindow:
    kiosk = Kiosk(load_content(write_content(content_text)), clock=clock)
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


def touch_later(path: Path) -> None:
    """Make sure the next stat shows a change even on a coarse file-system clock."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def hold_corner(window: KioskWindow, clock: FakeClock, seconds: float, at: QPoint) -> None:
    target = window.childAt(at) or window
    local = target.mapFrom(window, at)
    QTest.mousePress(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, local)
    clock.now += seconds
    window.staff.corner.check()
    QTest.mouseRelease(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, local)


def type_pin(window: KioskWindow, pin: str) -> None:
    for digit in pin:
        window.staff.pin_pad.keys[digit].click()
    window.staff.pin_pad.keys["OK"].click()


def open_admin(window: KioskWindow, clock: FakeClock) -> None:
    hold_corner(window, clock, 3.1, QPoint(20, 20))
    type_pin(window, SAMPLE_PIN)
    assert window.staff.admin.isVisible()


def test_holding_the_top_left_corner_opens_the_pin_pad(
    staff_window: KioskWindow, clock: FakeClock
) -> None:
    hold_corner(staff_window, clock, 2.5, QPoint(20, 20))
    assert not staff_window.staff.pin_pad.isVisible()  # not long enough: an ordinary tap
    assert staff_window.session.current != ATTRACT
    staff_window.kiosk.reset("finish")
    hold_corner(staff_window, clock, 3.1, QPoint(1900, 20))
    assert not staff_window.staff.pin_pad.isVisible()  # the wrong corner
    staff_window.kiosk.reset("finish")
    hold_corner(staff_window, clock, 3.1, QPoint(20, 20))
    assert staff_window.staff.pin_pad.isVisible()
    # the release that ended the hold did not start a visit on the attract screen
    assert staff_window.session.current == ATTRACT


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
    hold_corner(window, clock, 4, QPoint(1900, 1060))
    assert not window.staff.pin_pad.isVisible()
    hold_corner(window, clock, 5, QPoint(1900, 1060))
    assert window.staff.pin_pad.isVisible()


def test_the_pin_shows_as_dots_and_the_right_one_opens_the_panel(
    staff_window: KioskWindow, clock: FakeClock
) -> None:
    hold_corner(staff_window, clock, 3.1, QPoint(20, 20))
    pad = staff_window.staff.pin_pad
    for digit in "25":
        pad.keys[digit].click()
    assert pad.dots.text().count("●") == 2 and "2" not in pad.dots.text()
    pad.keys["Clear"].click()
    assert "●" not in pad.dots.text()
    type_pin(staff_window, SAMPLE_PIN)
    assert not pad.isVisible() and staff_window.staff.admin.isVisible()
    assert "content.yaml" in staff_window.staff.admin.info.text()


def test_wrong_pins_say_how_many_tries_are_left_then_lock_the_pad(
    staff_window: KioskWindow, clock: FakeClock
) -> None:
    hold_corner(staff_window, clock, 3.1, QPoint(20, 20))
    pad = staff_window.staff.pin_pad
    type_pin(staff_window, "1111")
    assert "4 tries left" in pad.message.text()
    for _ in range(4):
        type_pin(staff_window, "1111")
    assert "Try again in 60 seconds" in pad.message.text()
    assert not pad.keys["5"].isEnabled()
    clock.now += 61
    pad.update_lock()
    assert pad.keys["5"].isEnabled()
    type_pin(staff_window, SAMPLE_PIN)
    assert staff_window.staff.admin.isVisible()


def test_a_locked_pad_stays_locked_after_the_kiosk_restarts(
    qtbot: QtBot, content_text: str, write_content: Writer, clock: FakeClock, tmp_path: Path
) -> None:
    store = LockStore(tmp_path / "data" / "pin-lock.json")
    loaded = load_content(write_content(content_text))

    def start() -> KioskWindow:
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
        return window

    first = start()
    hold_corner(first, clock, 3.1, QPoint(20, 20))
    for _ in range(5):
        type_pin(first, "1111")
    assert "Try again in 60 seconds" in first.staff.pin_pad.message.text()
    first.close()
    second = start()  # a new kiosk, as after `kill` and a restart
    hold_corner(second, clock, 3.1, QPoint(20, 20))
    pad = second.staff.pin_pad
    assert pad.isVisible()
    assert "Too many wrong PINs. Try again in" in pad.message.text()
    assert not pad.keys["OK"].isEnabled() and not pad.keys[SAMPLE_PIN[0]].isEnabled()


def test_reset_now_wipes_the_visit(staff_window: KioskWindow, clock: FakeClock) -> None:
    session = staff_window.session
    session.start()
    session.answers.update(MASSAGE)
    session.show("question:pain_now", remember=True)
    open_admin(staff_window, clock)
    staff_window.staff.admin.reset_button.click()
    assert session.current == ATTRACT and session.answers == {} and session.history == []
    assert staff_window.outer.currentWidget() is staff_window.page_for(ATTRACT)
    assert not staff_window.staff.admin.isVisible()
    assert staff_window.kiosk.figures.ended.get("staff") == 1


def test_pause_shows_back_in_a_moment_until_resumed(
    staff_window: KioskWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    open_admin(staff_window, clock)
    staff_window.staff.admin.pause_button.click()
    assert staff_window.outer.currentWidget() is staff_window.page_for(PAUSED)
    qtbot.mouseClick(staff_window.page_for(PAUSED), Qt.MouseButton.LeftButton)
    assert staff_window.outer.currentWidget() is staff_window.page_for(PAUSED)  # taps do nothing
    clock.now += 3600
    staff_window.input.idle.tick()
    assert staff_window.outer.currentWidget() is staff_window.page_for(PAUSED)  # it never times out
    open_admin(staff_window, clock)
    assert staff_window.staff.admin.pause_button.text() == "Resume for visitors"
    staff_window.staff.admin.pause_button.click()
    assert staff_window.outer.currentWidget() is staff_window.page_for(ATTRACT)


def test_the_panel_says_in_words_whether_visitors_can_use_the_kiosk(
    staff_window: KioskWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    """A receptionist sees at once whether the kiosk is paused, and the one button that
    changes it says what it will do; while paused, that button is the main one."""
    page = KioskPage(qtbot, staff_window)
    open_admin(staff_window, clock)
    assert "Running: visitors can use the kiosk." in page.texts()
    assert not any("Paused" in text for text in page.texts())
    assert page.button("Close").property("role") == "primary"
    page.tap("Pause the kiosk")
    assert page.screen() == "paused"
    open_admin(staff_window, clock)
    assert any(text.startswith("Paused:") for text in page.texts())
    assert not any(text.startswith("Running") for text in page.texts())
    resume = page.button("Resume for visitors")
    assert resume.property("role") == "primary"
    assert page.button("Close").property("role") != "primary"  # one main button
    assert [b.text() for b in page.buttons() if "Pause" in b.text()] == []
    page.tap("Resume for visitors")
    assert page.screen() == "attract"
    open_admin(staff_window, clock)
    assert "Running: visitors can use the kiosk." in page.texts()
    assert page.button("Pause the kiosk").property("role") != "primary"


def shown_words(page: KioskPage) -> str:
    """Every word on screen, as read (without the marks that keep a path left to right and a
    command on one line)."""
    said = "\n".join(page.texts()).replace("\u00a0", " ")
    return said.replace("\u2066", "").replace("\u2069", "")


def test_the_panel_says_the_pin_is_still_the_sample_one_and_how_to_change_it(
    staff_window: KioskWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    page = KioskPage(qtbot, staff_window)
    open_admin(staff_window, clock)
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
    hold_corner(window, clock, 3.1, QPoint(20, 20))
    type_pin(window, pin)
    words = shown_words(page)
    assert said in words
    assert ("sample" in words) is False
    assert ("kiosk hash-pin" in words) is (made_by is raw_pin_hash)


def test_reload_of_a_bad_file_explains_it_and_keeps_running(
    staff_window: KioskWindow, clock: FakeClock, content_text: str, write_content: Writer
) -> None:
    write_content(content_text.replace("name: Willow Street", "nme: Willow Street"))
    open_admin(staff_window, clock)
    staff_window.staff.admin.reload_button.click()
    status = staff_window.staff.admin.status.text()
    assert "keeps showing the last good content" in status
    assert "clinic.nme" in status and "did you mean 'name'" in status
    assert staff_window.frame.clinic_name.text().startswith("Willow Street")


def test_reload_of_a_good_file_rebuilds_the_screens(
    staff_window: KioskWindow, clock: FakeClock, content_text: str, write_content: Writer
) -> None:
    write_content(content_text.replace("Willow Street", "Elm Road"))
    open_admin(staff_window, clock)
    staff_window.staff.admin.reload_button.click()
    said = staff_window.staff.admin.status.text().replace("\u2066", "").replace("\u2069", "")
    assert f"New content is live: content.yaml, version {staff_window.kiosk.version}." in said
    assert staff_window.frame.clinic_name.text().startswith("Elm Road")
    staff_window.session.start()
    assert staff_window.outer.currentWidget() is staff_window.frame
    assert staff_window.current_page().isVisible()


@pytest.mark.parametrize("changed", [True, False], ids=["changed", "unchanged"])
def test_reload_says_a_visit_was_ended_only_when_one_was(
    staff_window: KioskWindow,
    clock: FakeClock,
    qtbot: QtBot,
    content_text: str,
    write_content: Writer,
    changed: bool,
) -> None:
    page = KioskPage(qtbot, staff_window)
    news = "New content is live" if changed else "has not changed since it was loaded"
    for mid_visit in (False, True):
        if changed:
            name = "Elm Road" if mid_visit else "Oak Lane"
            touch_later(write_content(content_text.replace("Willow Street", name)))
        if mid_visit:
            staff_window.session.start()
            staff_window.session.answers.update(MASSAGE)
            staff_window.session.show("question:pain_now", remember=True)
        open_admin(staff_window, clock)
        page.tap("Reload content")
        said = shown_words(page)
        assert news in said
        assert ("The visit that was on screen was ended." in said) is mid_visit
        assert "the visit was ended" not in said
        assert page.screen() == "attract" and staff_window.session.answers == {}
        page.tap("Close")


def test_a_content_change_during_a_visit_waits_for_the_reset(
    staff_window: KioskWindow, content_text: str, write_content: Writer, clock: FakeClock
) -> None:
    session = staff_window.session
    session.start()
    page = staff_window.current_page()
    path = write_content(content_text.replace("Willow Street", "Elm Road"))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    staff_window.kiosk.check_files()  # seen; read once it has stayed the same a while
    clock.now += QUIET_SECONDS
    staff_window.kiosk.check_files()
    assert staff_window.kiosk.pending is not None
    assert staff_window.current_page() is page  # the visit's screens stay as they are
    assert staff_window.frame.clinic_name.text().startswith("Willow Street")
    session.next()
    session.reset("idle")
    assert staff_window.frame.clinic_name.text().startswith("Elm Road")
    assert staff_window.outer.currentWidget() is staff_window.page_for(ATTRACT)


def test_quit_needs_two_taps(staff_window: KioskWindow, clock: FakeClock, quits: list[int]) -> None:
    open_admin(staff_window, clock)
    staff_window.staff.admin.quit_button.click()
    assert quits == [] and "Tap again" in staff_window.staff.admin.quit_button.text()
    staff_window.staff.admin.quit_button.click()
    assert quits == [0]


def test_tap_again_to_quit_gives_up_after_a_while(
    staff_window: KioskWindow, clock: FakeClock, quits: list[int], qtbot: QtBot
) -> None:
    open_admin(staff_window, clock)
    admin = staff_window.staff.admin
    admin.quit_arm_ms = 50
    admin.quit_button.click()
    assert "Tap again" in admin.quit_button.text()
    qtbot.waitUntil(lambda: admin.quit_button.text() == "Quit to desktop", timeout=2000)
    admin.quit_button.click()  # a first tap again, not a quit
    assert quits == []


def test_the_staff_screens_close_when_left_alone(
    staff_window: KioskWindow, clock: FakeClock
) -> None:
    open_admin(staff_window, clock)
    staff_window.input.idle.start()
    clock.now += 89
    staff_window.input.idle.tick()
    assert staff_window.staff.admin.isVisible()
    clock.now += 2
    staff_window.input.idle.tick()
    assert not staff_window.staff.admin.isVisible()


def test_a_visitor_cannot_close_or_escape(staff_window: KioskWindow, qtbot: QtBot) -> None:
    staff_window.input.lockdown.engage()
    try:
        staff_window.session.start()
        event = QCloseEvent()
        staff_window.closeEvent(event)
        assert not event.isAccepted()
        assert not staff_window.close()
        assert staff_window.isVisible()
        QTest.keyClick(staff_window, Qt.Key.Key_Escape)
        QTest.keyClick(staff_window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
        assert staff_window.isVisible()
        assert staff_window.session.visit_under_way
        staff_window.showMinimized()
        staff_window.input.lockdown.restore()
        assert staff_window.isFullScreen() and not staff_window.isMinimized()
    finally:
        staff_window.input.lockdown.release()
    assert staff_window.close()  # once staff quit, the window may close
