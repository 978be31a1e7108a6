"""The staff corner: holding one corner of the window for a few seconds opens the PIN pad."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QWidget,
)

from ...content.model import Corner

log = logging.getLogger(__name__)
Clock = Callable[[], float]


class CornerHold(QObject):
    """Holding one corner of the window for a few seconds opens the PIN pad. The press is
    left alone (the corner may hold a button); only the release that ends a successful hold
    is swallowed, so it cannot tap whatever lies under the finger."""

    triggered = Signal()
    events = frozenset(
        {QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease}
    )
    """What the input router passes to it."""

    def __init__(
        self, window: QWidget, corner: Corner, hold_seconds: float, size: int, clock: Clock
    ) -> None:
        super().__init__(window)
        self.window = window
        self.corner = corner
        self.hold_seconds = hold_seconds
        self.size = size
        self.clock = clock
        self.pressed_at: float | None = None
        self.swallow_release = False
        self.timer = QTimer(self)
        self.timer.setInterval(100)
        self.timer.timeout.connect(self.check)

    def configure(self, corner: Corner, hold_seconds: float, size: int) -> None:
        self.corner, self.hold_seconds, self.size = corner, hold_seconds, size

    def area(self) -> QRect:
        w, h, s = self.window.width(), self.window.height(), self.size
        x = 0 if self.corner.endswith("left") else w - s
        y = 0 if self.corner.startswith("top") else h - s
        return QRect(x, y, s, s)

    def _in_corner(self, global_pos: QPoint) -> bool:
        return self.area().contains(self.window.mapFromGlobal(global_pos))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if not isinstance(event, QMouseEvent) or not isinstance(watched, QWidget):
            return False
        if watched.window() is not self.window:
            return False
        pos = event.globalPosition().toPoint()
        if kind == QEvent.Type.MouseButtonPress:
            self.swallow_release = False
            if self._in_corner(pos):
                self.pressed_at = self.clock()
                self.timer.start()
            else:
                self.cancel()
        elif kind == QEvent.Type.MouseMove and self.pressed_at is not None:
            if not self._in_corner(pos):
                self.cancel()
        elif kind == QEvent.Type.MouseButtonRelease:
            self.check()
            self.cancel()
            if self.swallow_release:
                self.swallow_release = False
                return True
        return False

    def cancel(self) -> None:
        self.pressed_at = None
        self.timer.stop()

    def check(self) -> None:
        """Has the corner been held long enough? The timer asks; tests may too."""
        if self.pressed_at is not None and self.clock() - self.pressed_at >= self.hold_seconds:
            self.cancel()
            self.swallow_release = True
            self.triggered.emit()
