"""A calm change of screen: a picture of the screen that was fades out over the new one.

The new screen is live at once (a tap is never held back by the animation); only a picture
fades above it, and it lets every touch through.
"""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, Qt, QVariantAnimation
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QWidget


class Fade(QWidget):
    def __init__(self, parent: QWidget, duration_ms: int = 200) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)
        self.pixmap = QPixmap()
        self.opacity = 0.0
        self.animation = QVariantAnimation(self)
        self.animation.setStartValue(1.0)
        self.animation.setEndValue(0.0)
        self.animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self.animation.valueChanged.connect(self._step)
        self.animation.finished.connect(self.stop)
        self.set_duration(duration_ms)
        self.hide()

    def set_duration(self, duration_ms: int) -> None:
        """0 turns transitions off ("reduce motion")."""
        self.duration_ms = max(0, min(250, duration_ms))
        self.animation.setDuration(max(1, self.duration_ms))

    @property
    def running(self) -> bool:
        return self.isVisible()

    def start(self, snapshot: QPixmap) -> None:
        if self.duration_ms == 0 or snapshot.isNull():
            return
        self.animation.stop()
        self.pixmap = snapshot
        self.opacity = 1.0
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.animation.start()

    def stop(self) -> None:
        self.animation.stop()
        self.hide()
        self.pixmap = QPixmap()  # let the picture's memory go

    def _step(self, value: object) -> None:
        self.opacity = float(value) if isinstance(value, int | float) else 0.0
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setOpacity(self.opacity)
        painter.drawPixmap(0, 0, self.pixmap)
        painter.end()
