"""The lockdown that keeps visitors inside the kiosk (close, minimise and desktop keys refused)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)
Clock = Callable[[], float]


class Lockdown(QObject):
    """Keeps a visitor inside the kiosk: close (Alt+F4), Escape, minimise, context menus
    and drags do nothing, and a watchdog restores full screen and raises the window if
    something took that away. Only `release()` (staff quitting) lets the window close."""

    BLOCKED = frozenset(
        {
            QEvent.Type.ContextMenu,
            QEvent.Type.DragEnter,
            QEvent.Type.DragMove,
            QEvent.Type.Drop,
        }
    )

    events = BLOCKED | {QEvent.Type.KeyPress, QEvent.Type.WindowStateChange}
    """What the input router passes to it."""

    def __init__(self, window: QWidget, watchdog_ms: int = 2000) -> None:
        super().__init__(window)
        self.window = window
        self.active = False
        self.timer = QTimer(self)
        self.timer.setInterval(watchdog_ms)
        self.timer.timeout.connect(self.restore)

    def engage(self) -> None:
        self.active = True
        self.timer.start()

    def release(self) -> None:
        self.active = False
        self.timer.stop()

    def quit(self) -> None:
        """Staff's Quit to desktop: the lockdown lets go, and the application leaves by the
        front door (exit code 0: a supervisor does not start it again)."""
        self.release()
        QApplication.exit(0)

    def allows_close(self, event: QCloseEvent) -> bool:
        if self.active:
            event.ignore()
            log.info("a request to close the kiosk window was ignored")
            return False
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self.active:
            return False
        kind = event.type()
        if kind in self.BLOCKED:
            return True
        # a key reaches the window system's window first, then the focus widget: refuse it
        # at the widget, after spoken mode has had its turn (Escape is Back there; refused
        # at the window, it never got that far: blind tester)
        if (
            isinstance(event, QKeyEvent)
            and kind == QEvent.Type.KeyPress
            and isinstance(watched, QWidget)
        ):
            alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
            if event.key() == Qt.Key.Key_Escape or (event.key() == Qt.Key.Key_F4 and alt):
                return True
        if kind == QEvent.Type.WindowStateChange and watched is self.window:
            QTimer.singleShot(0, self.restore)
        return False

    def restore(self) -> None:
        """Full screen, visible, on top: put it back if it is not."""
        if not self.active:
            return
        window = self.window
        if window.isMinimized() or not window.isFullScreen() or not window.isVisible():
            log.warning("the kiosk window lost full screen; restoring it")
            window.showFullScreen()
        if not window.isActiveWindow():
            window.raise_()
            window.activateWindow()
