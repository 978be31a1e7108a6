"""A numbered part's words hang under its first word, not under its number, however they
wrap (a designer's review: "1 Roots in the lower / back" ran back under the 1)."""

from __future__ import annotations

from kioskpage import KioskPage
from PySide6.QtCore import QPoint, QSize
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from uihelpers import shown_window

from kiosk.content import LoadedContent


def test_wrapped_part_words_hang_right_of_their_number(qtbot: QtBot, loaded: LoadedContent) -> None:
    window = shown_window(qtbot, loaded, QSize(1080, 1920))
    page = KioskPage(qtbot, window)
    page.go("screen:sciatic_nerve")
    window.session.set_text_size(3)
    page.settle(50)
    button = next(  # the list's button (the figure's marker has the same name)
        b
        for b in page.buttons()
        if b.accessibleName() == "1. Roots in the lower back" and b.findChildren(QLabel)
    )
    labels = [w for w in button.findChildren(QLabel) if w.isVisible()]
    number = next(w for w in labels if w.text() == "1")
    words = next(w for w in labels if w.text() == "Roots in the lower back")
    assert words.height() > 1.5 * number.height(), "the words fit one line: nothing to test"
    number_box = number.geometry().translated(number.parentWidget().mapTo(button, QPoint()))
    words_box = words.geometry().translated(words.parentWidget().mapTo(button, QPoint()))
    assert words_box.left() > number_box.right(), "the wrapped words run under the number"
    assert abs(words_box.top() - number_box.top()) <= 2, "the number is not level with line 1"
    # and the pair sits in the button's middle
    assert abs(button.height() - words_box.bottom() - words_box.top()) <= 4
