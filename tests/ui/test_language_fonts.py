"""A clinic's font for a language (brand.fonts) joins the window's font list: its letters are
drawn with it, Latin letters stay in the main font, Arabic has the bundled Noto Sans Arabic."""

from __future__ import annotations

from pathlib import Path

from fontfixtures import chinese_clinic, cjk_font
from kioskpage import KioskPage
from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QFontMetricsF
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
    page = KioskPage(qtbot, shown_window(qtbot, loaded, size))
    name = page.label("松林理疗诊所")
    font = name.font()
    assert font.families() == ["Lato", "Test CJK", "Noto Sans Arabic"]
    alone = QFont(font)
    alone.setFamilies(["Test CJK"])
    # every ideograph is the test font's square, one em wide: drawn with it, not a box
    assert QFontMetricsF(font).horizontalAdvance("松林") == QFontMetricsF(alone).horizontalAdvance(
        "松林"
    )
    assert QFontMetricsF(font).inFontUcs4(ord("A"))  # Latin letters stay in Lato
