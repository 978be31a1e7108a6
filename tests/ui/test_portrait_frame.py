"""The frame in portrait (1080x1920), on every screen of a visit: Home stays in the middle of
the window whatever Back and Next say ("See my result", "Empezar la autoevaluación" on two
lines), and the clinic's name shows on every screen or on none (tester: it came and went
with the number of progress dots in the middle of the top bar)."""

from __future__ import annotations

import pytest
from kioskpage import KioskPage
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from uihelpers import make_window
from visits import MASSAGE

from kiosk.content import LoadedContent

PORTRAIT = QSize(1080, 1920)


def tap_in_sight(page: KioskPage, words: str, more_below: str) -> None:
    """Tap the button showing `words`, tapping "More below" first while it is out of sight
    (or under "More below" itself)."""
    for _ in range(10):
        button = page.button(words)
        under = page.widget_at(page.where(button))
        if under is not None and (under is button or button.isAncestorOf(under)):
            break
        page.tap(more_below)
        page.settle(400)  # the scroll takes 300 ms
    page.tap_widget(button)


def walk_a_visit(page: KioskPage) -> list[tuple[str, int, bool]]:
    """A whole visit by taps, to the result: on each screen, where Home's middle is (from the
    window's middle) and whether the clinic's name shows."""
    seen = []

    def look() -> None:
        home = page.button(page.content.ui_text.home)
        middle = page.where(home).x() - page.width() // 2
        seen.append(
            (
                page.screen(),
                middle,
                any(label.isVisible() for label in page.widgets(QLabel, "clinicName")),
            )
        )

    words = page.content.ui_text
    page.tap(words.touch_to_begin)
    page.settle()
    while not page.screen().startswith("result"):
        look()
        screen = page.screen()
        if screen.startswith("question:"):
            question = page.question()
            assert question is not None
            answer = MASSAGE[question.id]
            chosen = answer if isinstance(answer, frozenset) else {answer}
            for option in question.options:
                if option.id in chosen:
                    tap_in_sight(page, question.option_label(option, words), words.more_below)
            if isinstance(answer, int):
                page.tap(str(answer))
            page.settle()
        if page.screen() == screen:  # a tap that does not move on: Next, whatever it says
            page.tap(page.control("nextButton").accessibleName())
            page.settle()
        assert page.screen() != screen, f"stuck on {screen}"
    look()
    return seen


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("text_size", [1, 2, 3])
def test_home_stays_in_the_middle_of_the_window_on_every_screen(
    qtbot: QtBot, loaded: LoadedContent, text_size: int, language: str
) -> None:
    page = KioskPage(qtbot, make_window(qtbot, loaded, PORTRAIT))
    page.set_display(language=language, text_size=text_size)
    seen = walk_a_visit(page)
    assert len(seen) > 15
    off = [(screen, middle) for screen, middle, _ in seen if abs(middle) > 2]
    assert not off, off


@pytest.mark.parametrize("text_size", [1, 2, 3])
def test_the_clinic_name_shows_on_every_screen_or_on_none(
    qtbot: QtBot, loaded: LoadedContent, text_size: int
) -> None:
    page = KioskPage(qtbot, make_window(qtbot, loaded, PORTRAIT))
    page.set_display(text_size=text_size)
    seen = walk_a_visit(page)
    shown = {screen for screen, _, visible in seen if visible}
    assert shown in (set(), {screen for screen, _, _ in seen}), sorted(shown)
    if text_size == 1:  # where there is room, it shows
        assert shown
