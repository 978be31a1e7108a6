"""A clinic's font for a language (brand.fonts) joins the window's font list: its letters are
drawn with it, Latin letters stay in the main font, Arabic has the bundled Noto Sans Arabic."""

from __future__ import annotations

from pathlib import Path

from fontfixtures import chinese_clinic, cjk_font
from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from uihelpers import shown_window

from kiosk.content import load_content


def test_chinese_words_are_drawn_with_the_clinics_chinese_font(
    qtbot: QtBot, tmp_path: Path
) -> None:
    (tmp_path / "assets" / "fonts").mkdir(parents=True)
    (tmp_path / "assets" / "fonts" / "TestCJK.ttf").write_bytes(cjk_font())
    loaded = load_content(chinese_clinic(tmp_path, {"zh": "assets/fonts/TestCJK.ttf"}))
    size = QSize(1920, 1080)
    window = shown_window(qtbot, loaded, size)
    name = next(label for label in window.findChildren(QLabel) if label.text() == "松林理疗诊所")
    font = name.font()
    assert font.families() == ["Lato", "Test CJK", "Noto Sans Arabic"]
    alone = QFont(font)
    alone.setFamilies(["Test CJK"])
    # every ideograph is the test font's square, one em wide: drawn with it, not a box
    assert QFontMetricsF(font).horizontalAdvance("松林") == QFontMetricsF(alone).horizontalAdvance(
        "松林"
    )
    assert QFontMetricsF(font).inFontUcs4(ord("A"))  # Latin letters stay in Lato


def test_a_large_arabic_title_is_bold(qapp: object) -> None:
    """Qt draws no bold of its own for letters of 64 px and more: a large Arabic title came
    out regular beside bold Latin ones (a designer's review) until the bold face shipped."""
    from PySide6.QtGui import QColor, QImage, QPainter

    from kiosk.ui.theme import load_fonts

    load_fonts(None)

    def ink(bold: bool) -> int:
        font = QFont()
        font.setFamilies(["Lato", "Noto Sans Arabic"])
        font.setPixelSize(90)
        font.setBold(bold)
        image = QImage(900, 240, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setFont(font)
        painter.setPen(QColor("black"))
        painter.drawText(10, 170, "عرق النسا")
        painter.end()
        return sum(
            QColor(image.pixel(x, y)).red() < 128
            for y in range(image.height())
            for x in range(image.width())
        )

    assert ink(True) > 1.2 * ink(False)
