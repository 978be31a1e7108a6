"""The progress ("Question 3 of 12" and its dots) stands in the middle of the window, not of
what the clinic's name and the reading controls leave (a designer's review: 50 px off in
portrait), whichever corner the staff hold and in either direction."""

from __future__ import annotations

import pytest
from kioskpage import KioskPage
from PySide6.QtCore import QPoint, QSize
from PySide6.QtWidgets import QProgressBar
from pytestqt.qtbot import QtBot
from uihelpers import ROOT, shown_window

from kiosk.content import load_content

CLINICS = {
    "ridgeway": ROOT / "examples" / "ridgeway-knee" / "content.yaml",  # a long name
    "default": ROOT / "content.yaml",  # staff corner top left
    "harbour": ROOT / "examples" / "harbour-physio" / "content.yaml",  # top right
    "nakheel": ROOT / "examples" / "nakheel-physio" / "content.yaml",  # right to left
}


@pytest.mark.parametrize("clinic", list(CLINICS))
@pytest.mark.parametrize(
    ("size", "text_size"), [(QSize(1080, 1920), 3), (QSize(1366, 768), 1), (QSize(1920, 1080), 3)]
)
def test_the_progress_is_in_the_middle_of_the_window(
    qtbot: QtBot, clinic: str, size: QSize, text_size: int
) -> None:
    loaded = load_content(CLINICS[clinic])
    window = shown_window(qtbot, loaded, size)
    page = KioskPage(qtbot, window)
    window.session.set_text_size(text_size)
    page.go(f"question:{loaded.content.self_check.questions[0].id}")
    page.settle(50)
    dots = next(w for w in window.findChildren(QProgressBar) if w.isVisible())
    centre = dots.mapTo(window, QPoint(dots.width() // 2, 0)).x()
    assert abs(centre - window.width() // 2) <= 3, f"the dots' middle is at x={centre}"
    # ... and the clinic's name beside its logo stays whole in the bar: two lines at most
    names = [label for label in page.labels() if label.text() == loaded.content.clinic.name]
    for name in names:
        assert name.mapTo(window, QPoint()).y() >= 0
        lines = name.heightForWidth(name.width()) / name.heightForWidth(100_000)
        assert lines < 2.5, f"the name takes {lines:.1f} lines"
