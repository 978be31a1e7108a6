"""Start-up: the QApplication, the content, the full-screen kiosk window, and the safety net
that turns any error into a log line and a fresh start for the visitor."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from .content import ContentError, load_content
from .paths import default_content_path

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

log = logging.getLogger("kiosk")

QT_LIBS_HINT = (
    "Qt needs system libraries that this machine lacks. Install them with:\n"
    "  sudo apt-get install -y libglib2.0-0 libegl1 libgl1 libx11-6 libdbus-1-3 "
    "libfontconfig1 libfreetype6 libxkbcommon0 fonts-dejavu-core libxcb-cursor0 "
    "libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-render0 "
    "libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0"
)
NO_DISPLAY = (
    "There is no display on this machine, so the kiosk cannot open its window; "
    "run `make preview` to render every screen to PNG instead."
)


def has_display() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0]
    if platform and platform not in ("xcb", "wayland"):
        return True  # offscreen, eglfs, linuxfb, vnc ...: they need no X or Wayland server
    if sys.platform != "linux":
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def qt_application() -> QApplication | None:
    """The QApplication, or None (with the exact fix printed) if Qt cannot load."""
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError as error:
        print(f"{QT_LIBS_HINT}\n({error})", file=sys.stderr)
        return None
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setApplicationName("clinic-kiosk")
    return app


def run(content_path: Path | None, windowed: bool, size: tuple[int, int] | None) -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    try:
        loaded = load_content(content_path or default_content_path())
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return 1
    for warning in loaded.warnings:
        log.warning("%s", warning)
    app = qt_application()
    if app is None:
        return 1
    from PySide6.QtCore import QSize, Qt
    from PySide6.QtGui import QCursor

    from .core.session import Session
    from .ui.main_window import KioskWindow
    from .ui.theme import load_fonts

    screen = app.primaryScreen()
    geometry = screen.geometry()
    width, height = size or ((1280, 720) if windowed else (geometry.width(), geometry.height()))
    session = Session(loaded.content)
    window = KioskWindow(loaded, session, QSize(width, height))
    window.apply_style(load_fonts(loaded.asset(loaded.content.brand.font)))
    install_safety_net(session)
    if windowed:
        window.resize(width, height)
        window.show()
    else:
        window.setWindowFlags(
            Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        )
        # Under a bare X server showFullScreen() alone leaves a small window: take the
        # screen's whole geometry ourselves as well.
        window.setGeometry(geometry)
        window.setFixedSize(geometry.size())
        window.showFullScreen()
        if loaded.content.settings.touch_screen:
            app.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
    session.reset()
    window.idle.start()
    log.info("kiosk started with %s", loaded.path)
    return app.exec()


def install_safety_net(session: object) -> None:
    """Any exception in a slot or event handler: log it, and start the visitor afresh."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, value, tb)))
        reset = getattr(session, "reset", None)
        if callable(reset):
            try:
                reset()
            except Exception:  # the reset itself failed: log it, never show it
                log.exception("reset after an error failed")

    sys.excepthook = hook
