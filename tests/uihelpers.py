"""Building a kiosk window for UI tests."""

from __future__ import annotations

from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kiosk.content import LoadedContent
from kiosk.core.session import Session
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.theme import load_fonts


def make_window(qtbot: QtBot, loaded: LoadedContent, size: QSize) -> KioskWindow:
    session = Session(loaded.content)
    window = KioskWindow(loaded, session, size)
    window.apply_style(load_fonts(None))
    window.setFixedSize(size)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    session.reset()
    return window
