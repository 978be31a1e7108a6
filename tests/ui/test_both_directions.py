"""Both reading directions (issue 27): no visitor control lies in the staff corner, whichever
corner the clinic chose, in either direction, at every screen size and text size (in Arabic
the "Aa" button lay in the top-left corner, and holding it 3.4 s opened the PIN pad); the PIN
pad keeps the order of every phone and card terminal (1-2-3 left to right, OK on the right);
the attract dots fill the way the visitor reads; left-to-right text keeps its order."""

from __future__ import annotations

from pathlib import Path

import pytest
from kioskpage import KioskPage, shown_screen
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractButton, QAbstractSlider, QLabel, QWidget
from pytestqt.qtbot import QtBot
from uihelpers import ROOT, make_window, variant

from kiosk.content import load_content
from kiosk.content.app_words import staff_word
from kiosk.ui.theme import palette_for

CORNERS = ["top_left", "top_right", "bottom_left", "bottom_right"]
CLINICS = {
    "ltr": ROOT / "content.yaml",
    "rtl": ROOT / "examples" / "nakheel-physio" / "content.yaml",
}
SIZES = [QSize(1920, 1080), QSize(1366, 768), QSize(1080, 1920)]


def with_corner(source: Path, corner: str, folder: Path) -> Path:
    """The clinic's content with its staff corner set to `corner` (beside its assets)."""
    text = source.read_text("utf-8")
    edited = "\n".join(
        f"  corner: {corner}" if line.startswith("  corner: ") else line
        for line in text.splitlines()
    )
    assert edited != text or f"corner: {corner}" in text
    target = source.parent / f".corner-{corner}-{folder.name}.yaml"
    target.write_text(edited, "utf-8")
    return target


def controls_in(page: KioskPage, area: QRect) -> list[str]:
    """The visible buttons and scroll bars a finger could reach inside `area`."""
    found = []
    widgets: list[QWidget] = [*page.widgets(QAbstractButton), *page.widgets(QAbstractSlider)]
    for widget in widgets:
        if not (widget.isVisible() and widget.isEnabled()):
            continue
        reach = widget.visibleRegion().boundingRect()
        if reach.isEmpty():
            continue
        reach.translate(page.where(widget, reach.topLeft()) - reach.topLeft())
        if reach.intersects(area):
            label = widget.text() if isinstance(widget, QAbstractButton) else ""
            found.append(f"{type(widget).__name__} '{label or widget.accessibleName()}'")
    return found


@pytest.mark.parametrize("direction", sorted(CLINICS))
@pytest.mark.parametrize("corner", CORNERS)
def test_no_control_lies_in_the_staff_corner(
    qtbot: QtBot, tmp_path: Path, corner: str, direction: str
) -> None:
    path = with_corner(CLINICS[direction], corner, tmp_path)
    try:
        loaded = load_content(path)
    finally:
        path.unlink()
    assert loaded.content.staff is not None and loaded.content.staff.corner == corner
    for size in SIZES:
        page = KioskPage(qtbot, make_window(qtbot, loaded, size))
        area = page.staff_corner()
        assert area.width() >= 100
        names = page.places()
        pages = [names[0], names[1], names[len(names) // 2]]
        for text_size in (1, 2, 3):
            page.end_visit()
            page.set_display(text_size=text_size)
            for name in pages:
                page.go(name, remember=True)
                qtbot.wait(1)
                where = f"{corner} {direction} {size.width()}x{size.height()} text {text_size}"
                assert controls_in(page, area) == [], f"{where} on {name}"
            page.end_visit()
            qtbot.wait(1)
            assert controls_in(page, area) == [], f"{corner} {direction} on the start screen"
        page.close()


@pytest.mark.parametrize("direction", sorted(CLINICS))
def test_the_pin_pad_keeps_phone_order_in_every_language(qtbot: QtBot, direction: str) -> None:
    loaded = load_content(CLINICS[direction])
    window = make_window(qtbot, loaded, QSize(1920, 1080))
    page = KioskPage(qtbot, window)
    page.open_pin_pad()
    staff = loaded.content.staff_language

    def x(label: str) -> int:
        return page.where(page.button(label)).x()

    clear, ok = staff_word(staff, "clear"), staff_word(staff, "ok")
    for row in (("1", "2", "3"), ("4", "5", "6"), ("7", "8", "9"), (clear, "0", ok)):
        assert x(row[0]) < x(row[1]) < x(row[2]), f"{direction}: {row} not left to right"


@pytest.mark.parametrize("direction", sorted(CLINICS))
def test_the_attract_dots_fill_the_way_the_visitor_reads(qtbot: QtBot, direction: str) -> None:
    """In Arabic the first slide's dot was the leftmost: the dots ran left to right."""
    loaded = load_content(CLINICS[direction])
    page = KioskPage(qtbot, make_window(qtbot, loaded, QSize(1920, 1080)))
    dots = next(iter(page.widgets(QWidget, "attractDots")), None)
    assert dots is not None and dots.isVisible()
    primary = QColor(palette_for(loaded.content.brand).primary)
    row = dots.grab().toImage()
    middle = row.height() // 2

    def lit() -> list[int]:
        image = dots.grab().toImage()
        return [x for x in range(image.width()) if image.pixelColor(x, middle) == primary]

    assert row.width() > 0
    first = lit()
    assert first, "the current slide's dot is drawn in the primary colour"
    at_start = max(first) < dots.width() // 2
    assert at_start == (direction == "ltr"), f"{direction}: the first slide's dot at {first}"


def test_opening_times_keep_their_order_in_arabic(qtbot: QtBot) -> None:
    """In an Arabic line the opening and closing times swapped places: they are isolated."""
    source = CLINICS["rtl"]
    text = source.read_text("utf-8").replace(
        "  phone: ",
        "  hours: السبت إلى الخميس 9:00\u201317:00\n  details_on_attract: true\n  phone: ",
        1,
    )
    loaded = variant(source, text, ".hours.yaml")
    window = make_window(qtbot, loaded, QSize(1920, 1080))
    shown = [
        label.text() for label in shown_screen(window).findChildren(QLabel) if label.isVisible()
    ]
    assert "السبت إلى الخميس \u20669:00\u201317:00\u2069" in shown
