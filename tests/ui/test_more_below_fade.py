"""While more lies below, the view's last line fades into the page: no line is seen cut
through its letters at the view's edge (a designer's review); at the end nothing fades."""

from __future__ import annotations

from kioskpage import KioskPage
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot
from uihelpers import shown_window

from kiosk.content import LoadedContent
from kiosk.ui.theme import palette_for

NEAR = 14  # per channel: the fade's last rows are the page's colour, give or take rounding


def _off_page(row: list[QColor], page: QColor) -> int:
    return sum(
        1
        for c in row
        if max(
            abs(c.red() - page.red()), abs(c.green() - page.green()), abs(c.blue() - page.blue())
        )
        > NEAR
    )


def _bottom_row(image: QImage, y: int, x0: int, x1: int) -> list[QColor]:
    return [QColor(image.pixel(x, y)) for x in range(x0, x1)]


def test_the_last_line_fades_while_more_lies_below(qtbot: QtBot, loaded: LoadedContent) -> None:
    window = shown_window(qtbot, loaded, QSize(1366, 768))
    page = KioskPage(qtbot, window)
    page.go("screen:what_is_sciatica")
    window.session.set_text_size(3)
    page.settle(100)
    area = page.button("More below").parentWidget()
    view = area.viewport()
    background = palette_for(loaded.content.brand).color("background")
    bar = area.verticalScrollBar()
    inked = 0
    for value in range(0, min(bar.maximum(), 120), 6):  # the edge crosses lines of words
        bar.setValue(value)
        page.settle(10)
        if not page.has("More below"):
            break
        shot = area.grab().toImage()  # the view and what is drawn over it
        bottom = view.geometry().bottom()
        assert (
            _off_page(_bottom_row(shot, bottom, view.x(), view.geometry().right()), background) == 0
        ), f"words are cut at the view's edge, scrolled {value} px"
        # two line heights up, the words are there: the fade is at the edge only
        inked += _off_page(
            _bottom_row(shot, bottom - 60, view.x(), view.geometry().right()), background
        )
    assert inked, "no words near the view's edge: the page does not test the fade"
    bar.setValue(bar.maximum())
    page.settle(10)
    assert not page.has("More below")
    shot = area.grab().toImage()
    box = view.geometry()
    lowest = max(
        y
        for y in range(box.top(), box.bottom() + 1)
        if _off_page(_bottom_row(shot, y, box.left(), box.right()), background)
    )
    assert lowest > box.center().y(), "at the end the last words are not faded away"
