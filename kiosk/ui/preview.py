"""Render every screen to PNG offscreen: what a clinic checks before it goes live.

`contact_sheet` puts them all on one picture, to see the whole visit at a glance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen
from PySide6.QtWidgets import QApplication

from ..content.loader import LoadedContent
from ..core.control import Kiosk
from .main_window import KioskWindow
from .speech import FakeSpeaker
from .theme import content_fonts

THUMB_WIDTH = 320
"""Width of a screen on the contact sheet, in px."""
SHEET_MARGIN = 24
SHEET_GAP = 16
CAPTION_HEIGHT = 30
SHEET_BACKGROUND = "#ECEAE6"
SHEET_BORDER = "#B9B5AE"
SHEET_TEXT = "#1E2A2A"
CAPTION_KINDS = ("screen", "question", "result")
"""Screen names made of a kind and an id (`screen:welcome`, written `screen-welcome`)."""


def file_name(index: int, name: str) -> str:
    return f"{index:02d}-{name.replace(':', '-')}.png"


def caption(path: Path) -> str:
    """The words under a thumbnail: its number and screen name, from the file's name
    (`03-screen-sciatic_nerve.png` -> `03  screen: sciatic_nerve`)."""
    number, _, name = path.stem.partition("-")
    if not name:
        return path.stem
    kind, _, rest = name.partition("-")
    if kind in CAPTION_KINDS and rest:
        name = f"{kind}: {rest}"
    return f"{number}  {name}"


def sheet_columns(size: QSize) -> int:
    """Columns of the contact sheet: six landscape screens across, four portrait ones."""
    return 6 if size.width() >= size.height() else 4


def thumb_size(screen: QSize) -> QSize:
    """A screen scaled to `THUMB_WIDTH`, keeping its shape."""
    height = round(THUMB_WIDTH * screen.height() / max(1, screen.width()))
    return QSize(THUMB_WIDTH, max(1, height))


def sheet_size(count: int, columns: int, screen: QSize) -> QSize:
    """The size of a contact sheet of `count` screens of size `screen` in `columns`."""
    columns = max(1, min(columns, count))
    rows = -(-count // columns)
    cell = thumb_size(screen)
    return QSize(
        2 * SHEET_MARGIN + columns * cell.width() + (columns - 1) * SHEET_GAP,
        2 * SHEET_MARGIN + rows * (cell.height() + CAPTION_HEIGHT) + (rows - 1) * SHEET_GAP,
    )


def contact_sheet(paths: Sequence[Path], out_path: Path, columns: int) -> Path:
    """Draw every PNG of `paths` as a captioned thumbnail in a grid, and save it as PNG.

    The screens are laid out row by row in the order given; their size is the first one's.
    Raises `OSError` when a picture cannot be read or the sheet cannot be written.
    """
    if not paths:
        raise ValueError("a contact sheet needs at least one screen")
    images: list[QImage] = []
    for path in paths:
        image = QImage(str(path))
        if image.isNull():
            raise OSError(f"could not read {path}")
        images.append(image)
    columns = max(1, min(columns, len(images)))
    cell = thumb_size(images[0].size())
    sheet = QImage(sheet_size(len(images), columns, images[0].size()), QImage.Format.Format_RGB32)
    sheet.fill(QColor(SHEET_BACKGROUND))
    font = QFont(QApplication.font())
    font.setPixelSize(16)
    metrics = QFontMetrics(font)
    painter = QPainter(sheet)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setFont(font)
        for index, (path, image) in enumerate(zip(paths, images, strict=True)):
            row, column = divmod(index, columns)
            x = SHEET_MARGIN + column * (cell.width() + SHEET_GAP)
            y = SHEET_MARGIN + row * (cell.height() + CAPTION_HEIGHT + SHEET_GAP)
            thumb = image.scaled(
                cell, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
            target = QRect(
                x + (cell.width() - thumb.width()) // 2,
                y + (cell.height() - thumb.height()) // 2,
                thumb.width(),
                thumb.height(),
            )
            painter.drawImage(target.topLeft(), thumb)
            painter.setPen(QPen(QColor(SHEET_BORDER), 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(target.adjusted(0, 0, -1, -1))
            painter.setPen(QColor(SHEET_TEXT))
            words = metrics.elidedText(caption(path), Qt.TextElideMode.ElideRight, cell.width())
            painter.drawText(
                QRect(x, y + cell.height(), cell.width(), CAPTION_HEIGHT),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                words,
            )
    finally:
        painter.end()
    out_path.parent.mkdir(parents=True, exist_ok=True)
    if not sheet.save(str(out_path)):
        raise OSError(f"could not write {out_path}")
    return out_path


@dataclass(frozen=True)
class Display:
    """How a visitor has set the screens: their language, text size and contrast."""

    language: str | None = None
    text_size: int = 1
    high_contrast: bool = False


def render_previews(
    loaded: LoadedContent, out_dir: Path, size: QSize, display: Display | None = None
) -> list[Path]:
    """One PNG a screen (every question and every outcome too), named after the screen, as
    a visitor who chose `display` sees them; then the accessibility panel and staff's pages."""
    app = QApplication.instance()
    assert isinstance(app, QApplication), "a QApplication must exist"
    display = display or Display()
    out_dir.mkdir(parents=True, exist_ok=True)
    kiosk = Kiosk(loaded)
    session = kiosk.session
    # no fade in a picture; the speaker shows, as on a kiosk with a voice
    window = KioskWindow(kiosk, size, transition_ms=0, speaker=FakeSpeaker())
    window.apply_style(content_fonts(loaded))
    window.setFixedSize(size)  # as on a kiosk: a page that does not fit must show it
    window.show()
    written: list[Path] = []

    def save(index: int, name: str) -> None:
        for _ in range(3):  # a panel whose words changed lays out again: let it settle
            app.processEvents()
        path = out_dir / file_name(index, name)
        if not window.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        written.append(path)

    try:
        if display.language:
            session.set_language(display.language)
        session.set_text_size(display.text_size)
        session.set_high_contrast(display.high_contrast)
        places = session.places()
        for index, place in enumerate(places):
            session.show(place)
            save(index, place.name)
        session.show(places[1])
        window.panels.open("access_panel")
        save(len(written), "accessibility-panel")
        window.overlays.hide("access_panel")

        def paused_panel() -> None:
            kiosk.pause()
            window.staff.open_admin()

        # what staff see: the PIN pad, the admin panel, 'back in a moment' and the panel then
        index = len(written)
        for name, show in (
            ("staff-pin-pad", window.staff.open_pin_pad),
            ("staff-admin", window.staff.open_admin),
            ("staff-paused", kiosk.pause),
            ("staff-admin-paused", paused_panel),
        ):
            session.reset()
            # staff open their screens over a visitor's language, text size and contrast (a
            # pause wipes them, as on the kiosk)
            if display.language:
                session.set_language(display.language)
            session.set_text_size(display.text_size)
            session.set_high_contrast(display.high_contrast)
            window.staff.close()
            show()
            save(index, name)
            index += 1
        window.staff.close()
        kiosk.resume()
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
    return written
