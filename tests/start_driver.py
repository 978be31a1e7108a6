"""Runs `kiosk run` in this process, as a kiosk starts, and writes what a visitor saw to a
JSON file (tests/ui/test_start_picture.py starts it as a child, so the start is a real one).

    python tests/start_driver.py OUT.json [kiosk run's options]

It notes which windows painted, in order, and what was loaded when the first did; taps the
start screen's picture as soon as it is up (before the real window is ready); then, once the
real start screen has painted, taps "Touch to begin" as a finger does (again while the start
screen holds taps for its first moments) and notes where the visitor is. The kiosk then quits
as staff would make it.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parent))

seen: dict[str, Any] = {"painted": [], "taps_on_picture": 0}
OUT = Path(sys.argv[1])
TAP_FOR_SECONDS = 15.0


class Finger:
    """What `KioskPage` taps with (a test's qtbot, here without one)."""

    @staticmethod
    def mouseClick(widget: QWidget, button: Qt.MouseButton, pos: Any = None) -> None:  # noqa: N802
        QTest.mouseClick(widget, button, Qt.KeyboardModifier.NoModifier, pos)


def windows(name: str) -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if type(w).__name__ == name]


def same_picture(a: QImage, b: QImage) -> float:
    """The share of pixels that differ between two pictures of one size (1.0 if sizes differ)."""
    a = a.convertToFormat(QImage.Format.Format_RGB32)
    b = b.convertToFormat(QImage.Format.Format_RGB32)
    if a.size() != b.size():
        return 1.0
    width, height, step = a.width(), a.height(), 4
    differ = total = 0
    for y in range(0, height, step):
        for x in range(0, width, step):
            total += 1
            differ += a.pixel(x, y) != b.pixel(x, y)
    return differ / total


def on_picture(picture: QWidget) -> None:
    seen["loaded_at_first_frame"] = {
        name: name in sys.modules
        for name in ("pydantic", "kiosk.content.model", "kiosk.content.loader", "kiosk.ui")
    }

    def tap() -> None:  # a finger on the picture, before the real window is there
        if not windows("KioskWindow"):
            seen["taps_on_picture"] += 1
            Finger.mouseClick(picture, Qt.MouseButton.LeftButton, picture.rect().center())

    QTimer.singleShot(0, tap)  # first in the queue: before the kiosk starts to build
    seen["picture_image"] = picture.grab().toImage()  # type: ignore[assignment]


def on_live(window: Any) -> None:
    from kioskpage import KioskPage

    pictures = windows("StartPicture")
    seen["picture_up_when_live"] = bool(pictures) and pictures[0].isVisible()
    seen["picture_counted_taps"] = getattr(pictures[0], "taps", None) if pictures else None
    page = KioskPage(Finger(), window)  # type: ignore[arg-type]
    seen["live_screen"] = page.screen()
    image = seen.pop("picture_image", None)
    if image is not None:
        seen["picture_differs"] = same_picture(image, page.grab())
    deadline = time.monotonic() + TAP_FOR_SECONDS

    def tap() -> None:
        seen["picture_gone"] = not any(w.isVisible() for w in windows("StartPicture"))
        if page.screen() == "attract" and time.monotonic() < deadline:
            page.tap("Touch to begin")  # held while the screen is new: tapped again
            QTimer.singleShot(100, tap)
            return
        seen["after_tap"] = page.screen()
        if os.environ.get("START_DRIVER_PAINT_UNREPORTED"):  # wait out the picture's limit
            from kiosk.app import PICTURE_GONE_MS

            def last_look() -> None:
                seen["picture_gone"] = not any(w.isVisible() for w in windows("StartPicture"))
                window.quit_app()

            QTimer.singleShot(PICTURE_GONE_MS + 500, last_look)
            return
        window.quit_app()

    # a start without a picture keeps one once the start screen has settled: the visitor
    # comes after that (a visit begun earlier leaves the next start without a picture)
    from kiosk.app import PICTURE_AFTER_MS

    QTimer.singleShot(0 if pictures else PICTURE_AFTER_MS + 300, tap)


class Watch(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            name = type(watched).__name__
            if watched.isWindow() and name not in seen["painted"]:
                seen["painted"].append(name)
                if name == "StartPicture":
                    on_picture(watched)
                elif name == "KioskWindow":
                    QTimer.singleShot(0, lambda: on_live(watched))
        return False


_exec = QApplication.exec
_watch = Watch()


def exec_watched(*_args: object) -> int:
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(_watch)
    return int(_exec())


QApplication.exec = staticmethod(exec_watched)  # type: ignore[method-assign, assignment]

if __name__ == "__main__":
    from kiosk.launch import main

    if os.environ.get("START_DRIVER_PICTURE_NEVER_PAINTS"):  # a window system that never
        # shows the picture: it is never painted, and the kiosk must start all the same
        from kiosk.startpicture import StartPicture

        StartPicture.paintEvent = lambda self, event: None  # type: ignore[method-assign]
    if os.environ.get("START_DRIVER_PAINT_UNREPORTED"):  # the real window draws, but its
        # first paint is never reported: the picture over it must go all the same
        from PySide6.QtWidgets import QWidget

        from kiosk.ui.main_window import KioskWindow

        KioskWindow.paintEvent = QWidget.paintEvent  # type: ignore[method-assign]

    code = main(["run", *sys.argv[2:]])
    seen.pop("picture_image", None)
    seen["exit_code"] = code
    OUT.write_text(json.dumps(seen))
    sys.exit(0)
