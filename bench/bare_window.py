"""The floor of the start-up benchmark: the least a PySide6 program does to paint one frame.

It imports PySide6, creates a QApplication and a QWidget, shows it full screen and quits
right after its first paintEvent (through a 0 ms timer, the way `kiosk run
--quit-after-paint` does), so the two are started, painted and ended the same way.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget


class BareWindow(QWidget):
    def __init__(self, stay: bool = False) -> None:
        super().__init__()
        self._painted = stay

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, QApplication.quit)


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = BareWindow(stay="--stay" in sys.argv)  # --stay: stays up (bench/peer.py)
    window.showFullScreen()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
