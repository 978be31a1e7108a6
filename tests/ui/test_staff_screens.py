"""The staff screens look finished (issue 27): the PIN prompt right under the title, a wrong
PIN said in large bold words, and "Tap again to quit" drawn as the destructive step it is."""

from __future__ import annotations

from kioskpage import KioskPage
from PySide6.QtCore import QPoint, QSize
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from uihelpers import make_window

from kiosk.content import LoadedContent
from kiosk.core.access import verify_pin
from kiosk.ui.theme import metrics_for, palette_for


def label_saying(page: KioskPage, words: str) -> QLabel:
    found = [
        label
        for label in page.widgets(QLabel)
        if label.isVisible() and label.text().startswith(words)
    ]
    assert len(found) == 1, [label.text() for label in found]
    return found[0]


def top(page: KioskPage, label: QLabel) -> int:
    return page.where(label, QPoint(0, 0)).y()


def test_the_pin_prompt_stands_under_the_title(qtbot: QtBot, loaded: LoadedContent) -> None:
    """An empty band stood between "Staff PIN" and its prompt."""
    page = KioskPage(qtbot, make_window(qtbot, loaded, QSize(1920, 1080)))
    page.open_pin_pad()
    title = label_saying(page, "Staff PIN")
    prompt = label_saying(page, "Enter the staff PIN")
    gap = top(page, prompt) - (top(page, title) + title.height())
    assert 0 <= gap <= metrics_for(1920, 1080).px(32), gap
    [field] = page.widgets(QLabel, "pinDots")
    assert field.isVisible()
    assert top(page, field) > top(page, prompt)  # the field the dots fill comes after


def test_a_wrong_pin_is_said_in_large_bold_words(qtbot: QtBot, loaded: LoadedContent) -> None:
    """It was small and grey, like a footnote."""
    window = make_window(qtbot, loaded, QSize(1920, 1080))
    page = KioskPage(qtbot, window)
    page.open_pin_pad()
    assert loaded.content.staff is not None
    wrong = "1111" if verify_pin("0000", loaded.content.staff.pin_hash) else "0000"
    page.enter_pin(wrong)
    said = label_saying(page, "That PIN is not right")
    font = said.font()
    assert font.bold()
    assert font.pixelSize() >= metrics_for(1920, 1080).font("body")
    text = palette_for(loaded.content.brand).text
    assert said.palette().color(said.foregroundRole()) == QColor(text)


def test_tap_again_to_quit_is_drawn_as_a_destructive_step(
    qtbot: QtBot, loaded: LoadedContent
) -> None:
    page = KioskPage(qtbot, make_window(qtbot, loaded, QSize(1920, 1080)))
    page.open_admin()
    quit_button = page.button("Quit to desktop")
    calm = quit_button.grab().toImage().pixelColor(8, quit_button.height() // 2)
    page.tap("Quit to desktop")
    assert quit_button.text() == "Tap again to quit"
    armed = quit_button.grab().toImage().pixelColor(8, quit_button.height() // 2)
    assert armed != calm
    assert armed == QColor(palette_for(loaded.content.brand).danger)
