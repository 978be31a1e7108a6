"""Render every screen to PNG offscreen: what a clinic checks before it goes live."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from ..content.loader import LoadedContent
from ..core.control import Kiosk
from .main_window import KioskWindow
from .theme import load_fonts


def file_name(index: int, name: str) -> str:
    return f"{index:02d}-{name.replace(':', '-')}.png"


def render_previews(loaded: LoadedContent, out_dir: Path, size: QSize) -> list[Path]:
    """One PNG a screen (every question and every outcome too), named after the screen."""
    app = QApplication.instance()
    assert isinstance(app, QApplication), "a QApplication must exist"
    out_dir.mkdir(parents=True, exist_ok=True)
    kiosk = Kiosk(loaded)
    session = kiosk.session
    window = KioskWindow(kiosk, size)
    window.apply_style(load_fonts(loaded.asset(loaded.content.brand.font)))
    window.setFixedSize(size)  # as on a kiosk: a page that does not fit must show it
    window.show()
    written: list[Path] = []
    try:
        for index, name in enumerate(session.screen_names()):
            session.show(name)
            app.processEvents()
            path = out_dir / file_name(index, name)
            if not window.grab().save(str(path)):
                raise OSError(f"could not write {path}")
            written.append(path)
        # what staff see: the PIN pad, the admin panel, and 'back in a moment'
        index = len(written)
        for name, show in (
            ("staff-pin-pad", window.open_pin_pad),
            ("staff-admin", window.open_admin),
            ("staff-paused", kiosk.pause),
        ):
            session.reset()
            window.close_staff()
            show()
            app.processEvents()
            path = out_dir / file_name(index, name)
            if not window.grab().save(str(path)):
                raise OSError(f"could not write {path}")
            written.append(path)
            index += 1
        window.close_staff()
        kiosk.resume()
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
    return written
