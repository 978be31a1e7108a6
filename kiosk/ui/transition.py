"""A calm change of screen: a picture of the screen that was fades out over the new one.

The new screen is live at once (a tap is never held back by the animation): the fade paints a
picture of the new screen under the fading old one, so Qt repaints no widget during it (a
frame is two picture blends, about 1 ms), lets every touch through, and stops at the first
press so a pressed button shows at once.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEasingCurve, QEvent, QObject, Qt, QVariantAnimation
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QWidget

from . import accessible


class Fade(QWidget):
    events = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin})
    """What the input router passes to it: a press ends the fade."""

    def __init__(self, parent: QWidget, duration_ms: int = 200) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        accessible.hide(self)  # a picture of screens, for the eye only
        self.pixmap = QPixmap()
        self.under = QPixmap()
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

    def play(self, old: QPixmap, page: QWidget, above: Iterable[QWidget]) -> None:
        """A short fade from `old` (the screen as it was; none: no fade) to `page`, which is
        already live; what lies `above` (the open overlays) stays on top."""
        if old.isNull():
            return
        self.start(old, page.grab())
        for widget in above:
            widget.raise_()

    def start(self, snapshot: QPixmap, under: QPixmap) -> None:
        """Fade `snapshot` (the old screen) out over `under` (the new one)."""
        if self.duration_ms == 0 or snapshot.isNull() or under.isNull():
            return
        self.animation.stop()
        self.pixmap = snapshot
        self.under = under
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
        self.pixmap = QPixmap()  # let the pictures' memory go
        self.under = QPixmap()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if self.isVisible() and event.type() in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.TouchBegin,
        ):
            self.stop()  # the live screen shows at once, with its pressed button
        return False

    def _step(self, value: object) -> None:
        self.opacity = float(value) if isinstance(value, int | float) else 0.0
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self.under)
        painter.setOpacity(self.opacity)
        painter.drawPixmap(0, 0, self.pixmap)
        painter.end()
