"""The Qt binding must not leak references: PySide6 6.12.0 on Python 3.11 dropped one
reference to None on every call of a Qt method that returns nothing, so a kiosk left on its
attract loop aborted with "Fatal Python error: none_dealloc" within a couple of hours."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_void_qt_calls_keep_nones_reference_count(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    timer = QTimer()
    before = sys.getrefcount(None)
    for _ in range(5000):
        label.update()
        label.setText("x")
        timer.start(1000)
        timer.stop()
    lost = before - sys.getrefcount(None)
    # other code may hold or drop a few Nones meanwhile; a leak loses one a call (20,000)
    assert abs(lost) < 100, f"{lost} references to None went missing in 20,000 Qt calls"
