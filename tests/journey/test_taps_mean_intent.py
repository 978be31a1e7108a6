"""Taps mean intent (issue 27): the second tap of a double tap, slow or fast, with or without
reduce motion, never answers a red-flag question, skips a safety note, starts a visit nobody
asked for, or undoes a toggle. Real mouse clicks through the window's input router, on a
clock the test moves."""

from __future__ import annotations

import pytest
from fakes import FakeClock
from kioskpage import KioskPage
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from uihelpers import ROOT, real_window

from kiosk.ui.answers import BodyMapAnswers
from kiosk.ui.screens.question import QuestionView

READ = 10.0
"""Long enough to read any page: the visitor meant the next tap."""


def double_click(qtbot: QtBot, widget: QWidget) -> None:
    """A double-click as the system sends it: a press and release, then a double-click
    event (the second press) and its release."""
    middle = widget.rect().center()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=middle)
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=middle)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=middle)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def kiosk_on(qtbot: QtBot, clock: FakeClock, screen: str, reduce_motion: bool = False) -> KioskPage:
    """The default clinic's kiosk as `kiosk run` makes it (a 0.2 s fade, unless reduce motion
    is on), on `screen`, which the visitor has read."""
    _window, page = real_window(qtbot, ROOT / "content.yaml", clock, transition_ms=200)
    page.start_visit()
    page.set_display(reduce_motion=reduce_motion)
    page.go(screen, remember=True)
    page.settle()
    clock.now += READ
    return page


@pytest.mark.parametrize(("reduce_motion", "gap"), [(False, 0.7), (True, 0.45)])
def test_a_slow_double_tap_never_answers_a_red_flag_question(
    qtbot: QtBot, clock: FakeClock, reduce_motion: bool, gap: float
) -> None:
    """Testers' double taps: 700 ms apart (450 ms with reduce motion) the second tap answered
    "Have you had new trouble passing urine ..." after 0.3 s whole on screen."""
    page = kiosk_on(qtbot, clock, "question:saddle_numbness", reduce_motion)
    page.tap("No")
    assert page.screen() == "question:bladder_bowel"
    clock.now += gap
    page.tap("No")
    assert page.screen() == "question:bladder_bowel"
    assert "bladder_bowel" not in page.answers_kept()
    clock.now += 1.0 - gap  # 1 s after the tap: not yet read (a red-flag question's words)
    page.tap("No")
    assert "bladder_bowel" not in page.answers_kept()
    clock.now += 3  # read
    page.tap("No")
    assert page.answers_kept()["bladder_bowel"] == "no"


@pytest.mark.parametrize("reduce_motion", [False, True])
def test_a_double_tap_on_next_does_not_skip_a_safety_note(
    qtbot: QtBot, clock: FakeClock, reduce_motion: bool
) -> None:
    """Next 600 ms after Next skipped the stretches page and its 'Stop at once if ...'."""
    page = kiosk_on(qtbot, clock, "screen:see_a_doctor", reduce_motion)
    next_words = page.control("nextButton").text()
    page.tap(next_words)
    assert page.screen() == "screen:stretches_at_home"
    for gap in (0.05, 0.6, 0.5):  # 0.6 s, then 1.15 s after the first tap
        clock.now += gap
        page.tap(page.control("nextButton").text())
        assert page.screen() == "screen:stretches_at_home"
    clock.now += READ
    page.tap(page.control("nextButton").text())
    assert page.screen() != "screen:stretches_at_home"


@pytest.mark.parametrize("reduce_motion", [False, True])
def test_a_double_tap_on_back_goes_back_one_page(
    qtbot: QtBot, clock: FakeClock, reduce_motion: bool
) -> None:
    """Back with 400 ms between the taps went back two pages under reduce motion."""
    page = kiosk_on(qtbot, clock, "screen:causes", reduce_motion)
    page.start_visit()
    for name in ("screen:what_is_sciatica", "screen:sciatic_nerve", "screen:causes"):
        page.go(name, remember=True)
    page.settle()
    clock.now += READ
    page.tap("Back")
    assert page.screen() == "screen:sciatic_nerve"
    clock.now += 0.4
    page.tap_widget(page.control("backButton"))
    assert page.screen() == "screen:sciatic_nerve"


@pytest.mark.parametrize("gap", [0.05, 0.3, 0.6])
def test_a_double_tap_on_finish_leaves_the_start_screen_showing(
    qtbot: QtBot, clock: FakeClock, gap: float
) -> None:
    """The second tap landed on the start screen and began a visit nobody asked for: the next
    visitor never saw where to choose a language, and the day's visits were inflated."""
    page = kiosk_on(qtbot, clock, "question:saddle_numbness")
    page.tap("Yes")
    assert page.place() == "result:urgent"
    clock.now += READ
    page.tap_widget(page.control("nextButton"))  # Finish
    assert page.on_attract()
    clock.now += gap
    page.tap_widget(page.shown())
    assert page.on_attract()
    assert page.screen() == "attract"
    clock.now += 1.5
    page.tap_widget(page.shown())  # the next visitor
    assert not page.on_attract()


def test_a_double_tap_on_a_choose_all_box_ticks_it_once(qtbot: QtBot, clock: FakeClock) -> None:
    page = kiosk_on(qtbot, clock, "question:worse_with")
    question = page.shown()
    assert isinstance(question, QuestionView)
    box = next(iter(question.answers.buttons.values()))
    page.tap_widget(box)
    clock.now += 0.25
    page.tap_widget(box)  # the second tap of a double tap
    assert box.isChecked()
    clock.now += 1
    page.tap_widget(box)  # a tap of its own: unticks it
    assert not box.isChecked()
    clock.now += 1
    double_click(qtbot, box)
    assert box.isChecked()  # a double-click counts once
    other = list(question.answers.buttons.values())[1]
    page.tap_widget(other)  # another box at once: a tap of its own
    assert other.isChecked() and box.isChecked()


def test_a_double_tap_on_a_body_map_region_ticks_it_once(qtbot: QtBot, clock: FakeClock) -> None:
    page = kiosk_on(qtbot, clock, "question:where")
    question = page.shown()
    assert isinstance(question, QuestionView) and isinstance(question.answers, BodyMapAnswers)
    spot = question.answers.figure.region_centre("calf_right").toPoint()
    qtbot.mouseClick(question.answers.figure, Qt.MouseButton.LeftButton, pos=spot)
    clock.now += 0.3
    qtbot.mouseClick(question.answers.figure, Qt.MouseButton.LeftButton, pos=spot)
    assert page.answers_kept()["where"] == frozenset({"calf_right"})
    clock.now += 1
    qtbot.mouseClick(question.answers.figure, Qt.MouseButton.LeftButton, pos=spot)
    assert "where" not in page.answers_kept()


def test_a_double_tap_on_the_language_button_switches_once(qtbot: QtBot, clock: FakeClock) -> None:
    page = kiosk_on(qtbot, clock, "screen:what_is_sciatica")
    assert page.language() == "en"
    page.tap("Español")
    clock.now += 0.3
    page.tap_widget(page.control("languageButton"))
    assert page.language() == "es"
    clock.now += 1
    page.tap_widget(page.control("languageButton"))  # meant
    assert page.language() == "en"
    clock.now += 1
    double_click(qtbot, page.control("languageButton"))  # a double-click with a mouse
    assert page.language() == "es"


def test_a_display_change_keeps_the_part_open_on_the_nerve_screen(
    qtbot: QtBot, clock: FakeClock
) -> None:
    """Changing language, text size or contrast reopened the first part of the nerve."""
    page = kiosk_on(qtbot, clock, "screen:sciatic_nerve")
    nerve = page.shown()
    part = nerve.spec.parts[2]  # type: ignore[attr-defined]
    page.tap_widget(nerve.part_buttons[part.id])  # type: ignore[attr-defined]
    assert part.label in page.texts()
    page.set_display(text_size=2, high_contrast=True)
    page.settle()
    again = page.shown()
    assert again is not nerve  # drawn again, for the new size
    assert part.label in page.texts()
    assert again.part_buttons[part.id].isChecked()  # type: ignore[attr-defined]
    page.set_display(language="es")
    page.settle()
    spanish = page.shown().spec.parts[2]  # type: ignore[attr-defined]
    assert spanish.label in page.texts()
