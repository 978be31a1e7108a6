"""Steps of a visit shared by the journey tests of the default content and of every example
clinic: a visitor's taps on the window, the same answers given through the session, and what
every screen must hold to fit (one copy, so the clinics' tests say only what is their own)."""

from __future__ import annotations

from collections.abc import Mapping

from kioskpage import KioskPage, shown_screen
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content.colors import contrast_ratio
from kiosk.content.model import Brand
from kiosk.core.engine import Answer
from kiosk.core.place import Place
from kiosk.core.session import Session
from kiosk.ui.main_window import KioskWindow

MIN_TARGET = 48
"""The smallest a target may be, across and down (px)."""
MOST_QUESTIONS = 40
"""More questions than any check asks: a visit that asks more is going round in circles."""


def tap(qtbot: QtBot, button: QAbstractButton) -> None:
    """Tap a button a visitor can see and use, in its middle."""
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())


def answer_on_screen(qtbot: QtBot, window: KioskWindow, value: Answer) -> None:
    """Answer the question on screen by taps: every choice then Next for a set of answers
    (choose all, body map), a number then Next on a scale, one tap for one answer."""
    page = KioskPage(qtbot, window)
    question = page.question()
    assert question is not None, page.screen()
    if isinstance(value, frozenset):
        for option_id in sorted(value):
            tap(qtbot, page.answer_control(option_id))
        tap(qtbot, page.control("nextButton"))
    elif question.type == "scale":
        tap(qtbot, page.answer_control(str(value)))
        tap(qtbot, page.control("nextButton"))
    else:
        tap(qtbot, page.answer_control(str(value)))  # one tap answers and moves on


def walk_to_questions(
    qtbot: QtBot,
    window: KioskWindow,
    first: str,
    check: str,
    start_words: str,
    at: QPoint | None = None,
) -> None:
    """Touch the attract screen (landing on the `first` screen), tap Next up to the `check`
    screen, whose Next says `start_words`, and tap it to the first question."""
    page = KioskPage(qtbot, window)
    assert page.screen() == "attract"
    page.tap_at(at or QPoint(300, 300))
    assert page.screen() == first
    while page.screen() != check:
        tap(qtbot, page.control("nextButton"))
    assert page.control("nextButton").text() == start_words
    tap(qtbot, page.control("nextButton"))


def visit(session: Session, answers: Mapping[str, Answer], check: str) -> list[str]:
    """Walk the screens up to the `check` screen and answer as a visitor would, through the
    session alone; the questions asked, in order."""
    session.reset()
    session.start()
    while session.current.name != check:
        session.next()
    session.next()
    asked: list[str] = []
    for _ in range(MOST_QUESTIONS):
        question = session.current_question()
        if question is None:
            break
        asked.append(question.id)
        value = answers[question.id]
        if isinstance(value, frozenset):
            for option in sorted(value):
                session.toggle(question.id, option)
            session.next()
        elif question.type == "scale":
            session.answer(question.id, value)
            session.next()
        else:
            session.answer(question.id, value)  # one tap answers and moves on
    return asked


def assert_readable(brand: Brand) -> None:
    """The clinic's colours keep words readable (WCAG AA, 4.5:1) wherever they meet."""
    assert contrast_ratio("#FFFFFF", brand.primary) >= 4.5  # words on buttons and the bar
    assert contrast_ratio(brand.text, brand.background) >= 4.5
    assert contrast_ratio(brand.text, brand.surface) >= 4.5
    assert contrast_ratio(brand.primary, brand.background) >= 4.5  # titles
    assert contrast_ratio("#FFFFFF", brand.danger) >= 4.5  # the urgent banner


def assert_screen_fits(window: KioskWindow, name: Place) -> QWidget:
    """The screen `name`, on show, fits the window, cuts no words and has no target under
    48 px; its page is returned for the clinic's own checks."""
    page = shown_screen(window)
    needed, room = page.minimumSizeHint(), page.size()
    height = needed.height()
    layout = page.layout()
    if layout is not None and layout.hasHeightForWidth():
        # wrapped words need the height their lines take at the page's width (a label's own
        # minimum hint is for a narrow column, lines taller than any the page draws); each
        # label is held to the height its words need below
        height = layout.totalMinimumHeightForWidth(room.width())
    assert height <= room.height(), f"{name} needs {height} px"
    assert needed.width() <= room.width(), f"{name} needs {needed.width()} px"
    for label in window.findChildren(QLabel):
        if label.isVisible() and label.wordWrap() and label.width() > 0:
            wanted = label.heightForWidth(label.width())
            assert label.height() >= wanted, f"{name}: cut text '{label.text()[:40]}'"
    # the page's controls, and on a framed page the bars' too (Back, Home, Next, the tools)
    controls = [b for b in window.findChildren(QAbstractButton) if b.isVisible()]
    assert name.is_attract or any(b.objectName() == "nextButton" for b in controls), name
    for button in controls:
        assert button.width() >= MIN_TARGET and button.height() >= MIN_TARGET, (
            f"{name}: '{button.text() or button.accessibleName()}' is too small"
        )
    return page
