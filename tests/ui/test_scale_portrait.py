"""On a portrait page the 0-10 scale is a column of wide bars, 10 at the top, with each end's
words beside it, across the page's text column (a designer's review: a column of small
squares at one edge left 85 % of the width empty)."""

from __future__ import annotations

import pytest
from kioskpage import KioskPage
from PySide6.QtCore import QPoint, QSize
from pytestqt.qtbot import QtBot
from uihelpers import shown_window

from kiosk.content import LoadedContent


@pytest.mark.parametrize("text_size", [1, 3])
def test_the_portrait_scale_is_a_column_of_wide_bars(
    qtbot: QtBot, loaded: LoadedContent, text_size: int
) -> None:
    window = shown_window(qtbot, loaded, QSize(1080, 1920))
    page = KioskPage(qtbot, window)
    page.go("question:pain_now")
    window.session.set_text_size(text_size)
    page.settle(50)
    numbers = [
        page.button(str(n)) if n not in (0, 10) else page.answer_control(str(n)) for n in range(11)
    ]
    tops = [b.mapTo(window, QPoint()).y() for b in numbers]
    assert tops == sorted(tops, reverse=True), "10 is not at the top, 0 at the foot"
    for button in numbers:
        assert button.width() >= 3 * button.height(), f"{button.text()} is not a bar"
        assert button.height() >= 48
    ten = numbers[10]
    words = next(label for label in page.labels() if label.text() == "Worst pain you can imagine")
    left = ten.mapTo(window, QPoint()).x()
    right = words.mapTo(window, QPoint(words.width(), 0)).x()
    assert right - left >= 0.75 * (window.width() - 2 * left), "the column leaves the page empty"
