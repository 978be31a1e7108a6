"""The dots over a page: steps taken are filled dots, steps to come are rings, told apart by
shape and not only by colour, in both themes (in high contrast the black dots to come
outweighed the blue ones taken: a designer's review)."""

from __future__ import annotations

import pytest
from kioskpage import KioskPage
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QProgressBar
from pytestqt.qtbot import QtBot
from uihelpers import shown_window

from kiosk.content import LoadedContent
from kiosk.ui.theme import palette_for


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "contrast"])
def test_steps_to_come_are_rings_and_steps_taken_dots(
    qtbot: QtBot, loaded: LoadedContent, high_contrast: bool
) -> None:
    window = shown_window(qtbot, loaded, QSize(1366, 768))
    page = KioskPage(qtbot, window)
    page.go("screen:welcome")
    window.session.set_high_contrast(high_contrast)
    page.settle(50)
    page.tap("Next")
    page.settle(400)
    dots = next(w for w in window.findChildren(QProgressBar) if w.isVisible())
    assert dots.accessibleName() == "Step 2 of 9"
    palette = palette_for(loaded.content.brand, high_contrast)
    image = dots.grab().toImage()
    step, middle = dots.width() // 9, dots.height() // 2
    centres = [QColor(image.pixel(i * step + step // 2, middle)) for i in range(9)]
    primary = palette.color("primary")
    assert all(c.rgb() == primary.rgb() for c in centres[:2]), "the steps taken are not filled"
    ring = palette.color("line_strong")
    for index, centre in enumerate(centres[2:], start=2):
        assert centre.rgb() != ring.rgb(), f"step {index + 1}, to come, is a filled dot"
        edge = [
            QColor(image.pixel(index * step + step // 2 + dx, middle)).rgb()
            for dx in range(-step // 2 + 1, step // 2)
        ]
        assert any(_near(QColor(c), ring) for c in edge), f"step {index + 1} draws no ring"


def _near(a: QColor, b: QColor) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) < 40
