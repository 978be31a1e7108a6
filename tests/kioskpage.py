"""A page object for UI tests: the kiosk as a visitor sees it.

Tests find a control by the words on it (or its name for screen readers, for icon buttons),
tap it with a real mouse click (through the application, so the window's input router and
its tap guard see it as they see a finger), and read which screen is shown. Nothing here
reaches into the window's attributes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.screens.base import Screen


class NotOnScreenError(AssertionError):
    pass


class KioskPage:
    def __init__(self, qtbot: QtBot, window: QWidget) -> None:
        self.qtbot = qtbot
        self.window = window

    # -- what is on screen -----------------------------------------------------------------

    def _layers(self) -> list[QWidget]:
        """The open overlays over the window, topmost first, then the window itself."""
        overlays = [
            child
            for child in self.window.children()
            if isinstance(child, QWidget)
            and child.isVisible()
            and child.findChild(QAbstractButton) is not None
            and (layout := self.window.layout()) is not None
            and layout.indexOf(child) < 0
        ]
        return [*reversed(overlays), self.window]

    def buttons(self) -> list[QAbstractButton]:
        """The buttons a finger can reach now: those of the topmost overlay, if one is open."""
        top = self._layers()[0]
        return [b for b in top.findChildren(QAbstractButton) if b.isVisible()]

    def button(self, words: str) -> QAbstractButton:
        """The one visible button showing `words` (or named `words` for screen readers)."""
        found = [
            b
            for b in self.buttons()
            if b.text().replace("&", "") == words or b.accessibleName() == words
        ]
        if len(found) != 1:
            seen = sorted({b.text() or b.accessibleName() for b in self.buttons()})
            raise NotOnScreenError(f"{len(found)} buttons {words!r} on screen; there are {seen}")
        return found[0]

    def labels(self) -> list[QLabel]:
        """Every visible label with words, of the screen shown and its frame."""
        return [
            label
            for label in self.window.findChildren(QLabel)
            if label.isVisible() and label.text()
        ]

    def texts(self) -> list[str]:
        """The words of every visible label of the screen shown."""
        return [
            label.text()
            for label in self.window.findChildren(QLabel)
            if label.isVisible() and label.text()
        ]

    def screen(self) -> str:
        """The name of the screen shown (screen:welcome, question:both_legs, result ...)."""
        window = self.window
        shown = [s for s in window.findChildren(Screen) if s.isVisible() and s.window() is window]
        if len(shown) != 1:
            raise NotOnScreenError(f"{len(shown)} screens shown")
        return shown[0].objectName()  # the place, or "result" for any result

    # -- doing -----------------------------------------------------------------------------

    def tap(self, words: str) -> None:
        """Tap the button showing `words`, as a finger does (press and release)."""
        self.tap_widget(self.button(words))

    def tap_widget(self, widget: QWidget) -> None:
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())

    def settle(self, ms: int = 30) -> None:
        """Let the event loop run (deferred deletes included), as between two taps."""
        self.qtbot.wait(ms)
