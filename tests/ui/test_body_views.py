"""A body-map figure drawn from the front and from behind says which view is which, in the
visitor's language (tester: nothing on Ridgeway's figure said which side was the front)."""

from __future__ import annotations

from kioskpage import KioskPage
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot
from uihelpers import ROOT, make_window

from kiosk.content import LoadedContent, load_content
from kiosk.ui.answers.body_map import BodyFigure

RIDGEWAY = ROOT / "examples" / "ridgeway-knee" / "content.yaml"


def shown_figure(qtbot: QtBot, loaded: LoadedContent) -> BodyFigure:
    page = KioskPage(qtbot, make_window(qtbot, loaded, QSize(1920, 1080)))
    page.go("question:where")
    qtbot.waitUntil(lambda: any(f.isVisible() for f in page.widgets(BodyFigure)))
    return next(f for f in page.widgets(BodyFigure) if f.isVisible())


def dark_pixels(figure: BodyFigure, band: QRect) -> int:
    image = figure.grab().toImage()
    ratio = image.devicePixelRatio()
    return sum(
        1
        for y in range(int(band.top() * ratio), int(band.bottom() * ratio))
        for x in range(int(band.left() * ratio), int(band.right() * ratio))
        if QColor(image.pixel(x, y)).lightness() < 80
    )


def test_each_view_of_a_two_view_figure_has_its_word_over_it(qtbot: QtBot) -> None:
    figure = shown_figure(qtbot, load_content(RIDGEWAY))
    views = figure.views()
    assert [text for text, _ in views] == ["Front", "Back"]
    front, back = (rect for _, rect in views)
    assert front.center().x() < back.center().x()  # the front on the left, as drawn
    for _, rect in views:  # words in the room over the head, on the picture
        band = QRect(int(rect.left()), 0, int(rect.width()), max(1, int(rect.top())))
        assert dark_pixels(figure, band) > 20


def test_a_figure_of_one_view_says_nothing_over_it(qtbot: QtBot, loaded: LoadedContent) -> None:
    assert shown_figure(qtbot, loaded).views() == []
