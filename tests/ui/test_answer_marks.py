""" "Choose all that fit" looks like a form's check boxes, "choose one" like its round
buttons (issue 16, item 5): the mark beside the words is square where several answers may be
chosen, round where one may, and shows a tick once chosen."""

from __future__ import annotations

from kioskpage import KioskPage
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QLabel
from pytestqt.qtbot import QtBot
from uihelpers import make_window

from kiosk.content import LoadedContent


def mark(button: QAbstractButton) -> QImage:
    """The mark drawn beside the answer's words, as drawn."""
    marks = [label for label in button.findChildren(QLabel) if not label.pixmap().isNull()]
    assert len(marks) == 1, button.text()
    return marks[0].grab().toImage()


def corner_inked(image: QImage) -> bool:
    """Whether the mark has ink near its top-left corner: a box has, a circle has not."""
    at = round(image.width() * 7 / 48)
    middle = image.pixelColor(image.width() // 2, image.height() // 2)
    return image.pixelColor(at, at) != middle


def test_choose_all_has_boxes_and_choose_one_has_circles(
    qtbot: QtBot, loaded: LoadedContent
) -> None:
    window = make_window(qtbot, loaded, QSize(1920, 1080))
    page = KioskPage(qtbot, window)
    page.go("question:worse_with")
    page.settle()
    assert corner_inked(mark(page.button("Sitting"))), "a choose-all answer shows a round mark"
    before = mark(page.button("Walking"))
    page.tap("Walking")
    page.settle()
    assert page.button("Walking").isChecked()
    chosen = mark(page.button("Walking"))
    assert corner_inked(chosen) and chosen != before, "a chosen box shows its tick"

    page.go("question:how_long")
    page.settle()
    assert not corner_inked(mark(page.button("Less than a week"))), "choose one shows boxes"
