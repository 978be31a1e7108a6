"""The stretches screen (a `steps` screen) as a visitor sees it: reached by tapping Next, each
step with its number, its name, its words whole and its picture, in both orientations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from kioskpage import KioskPage, shown_screen
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot
from uihelpers import make_window

from kiosk.content import LoadedContent, load_content
from kiosk.content.kinds.steps import StepsScreen
from kiosk.ui.main_window import KioskWindow

SIZES = [QSize(1920, 1080), QSize(1080, 1920)]
TITLE = "Three gentle stretches to try at home"


def tap(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())


def button_saying(page: KioskPage, words: str) -> QAbstractButton:
    found = [
        b
        for b in page.widgets(QAbstractButton)
        if b.isVisible() and words in (b.text() or b.accessibleName())
    ]
    assert len(found) == 1, [b.text() for b in found]
    return found[0]


def label_saying(page: QWidget, words: str) -> QLabel:
    found = [label for label in page.findChildren(QLabel) if label.text() == words]
    assert len(found) == 1, words
    return found[0]


def walk_to_stretches(qtbot: QtBot, window: KioskWindow) -> QWidget:
    qtbot.mouseClick(shown_screen(window), Qt.MouseButton.LeftButton, pos=QPoint(200, 200))
    for _ in range(12):
        if shown_screen(window).accessibleName() == TITLE:
            break
        tap(qtbot, button_saying(KioskPage(qtbot, window), "Next"))
    page = shown_screen(window)
    assert page.accessibleName() == TITLE
    return page


def shown_whole(qtbot: QtBot, page: QWidget, label: QLabel) -> None:
    """Scroll `label` into view and check a visitor sees all of its words."""
    area = page.scroll_area  # type: ignore[attr-defined]
    area.ensureWidgetVisible(label, 0, 0)
    qtbot.wait(1)
    assert label.isVisible(), label.text()
    assert label.height() >= label.heightForWidth(label.width()), f"cut off: {label.text()}"
    top = label.mapTo(area.viewport(), QPoint(0, 0)).y()
    assert top >= 0 and top + label.height() <= area.viewport().height(), label.text()
    assert label.mapTo(page, QPoint(label.width(), 0)).x() <= page.width(), label.text()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_each_step_shows_its_number_name_words_and_picture(
    qtbot: QtBot, loaded: LoadedContent, size: QSize
) -> None:
    window = make_window(qtbot, loaded, size)
    page = walk_to_stretches(qtbot, window)
    screen = next(s for s in loaded.content.screens if isinstance(s, StepsScreen))
    assert len(screen.steps) == 3
    label_saying(page, TITLE)
    for number, step in enumerate(screen.steps, 1):
        assert step.title is not None
        badge = label_saying(page, str(number))
        name = label_saying(page, step.title)
        words = label_saying(page, step.text)
        card = words.parentWidget()
        assert badge.parentWidget() is card and name.parentWidget() is card
        for label in (badge, name, words):
            shown_whole(qtbot, page, label)
        # the number reads first: left of the words, or above them
        badge_at, words_at = badge.mapTo(page, QPoint(0, 0)), words.mapTo(page, QPoint(0, 0))
        assert badge_at.x() < words_at.x() or badge_at.y() < words_at.y()
        pictures = [
            label
            for label in card.findChildren(QLabel)
            if not label.pixmap().isNull() and label.isVisible()
        ]
        assert len(pictures) == 1, f"step {number} shows {len(pictures)} pictures"
    assert screen.note is not None
    shown_whole(qtbot, page, label_saying(page, screen.note))


def test_side_by_side_in_landscape_one_under_another_in_portrait(
    qtbot: QtBot, loaded: LoadedContent
) -> None:
    screen = next(s for s in loaded.content.screens if isinstance(s, StepsScreen))
    rows = {}
    for size in SIZES:
        window = make_window(qtbot, loaded, size)
        page = walk_to_stretches(qtbot, window)
        tops = {
            label_saying(page, step.text).mapTo(page, QPoint(0, 0)).y() for step in screen.steps
        }
        rows[size.width()] = len(tops)
    assert rows == {1920: 1, 1080: 3}


def test_in_spanish_the_steps_read_in_spanish(qtbot: QtBot, loaded: LoadedContent) -> None:
    window = make_window(qtbot, loaded, QSize(1080, 1920))
    page = walk_to_stretches(qtbot, window)
    tap(qtbot, button_saying(KioskPage(qtbot, window), "Español"))
    qtbot.wait(1)
    page = shown_screen(window)
    label_saying(page, "Tres estiramientos suaves para probar en casa")
    shown_whole(qtbot, page, label_saying(page, "Rodilla al pecho"))


@pytest.mark.parametrize("size", [QSize(1366, 768), *SIZES], ids=lambda s: f"{s.width()}")
def test_when_to_stop_is_read_before_the_steps_without_scrolling(
    qtbot: QtBot, loaded: LoadedContent, size: QSize
) -> None:
    """'Stop at once if the pain spreads ...' stood under the three stretches, below the fold
    at 1366x768 (tester): a visitor read how to stretch before when to stop."""
    window = make_window(qtbot, loaded, size)
    page = walk_to_stretches(qtbot, window)
    screen = next(s for s in loaded.content.screens if isinstance(s, StepsScreen))
    assert screen.note is not None
    note = label_saying(page, screen.note)
    area = page.scroll_area  # type: ignore[attr-defined]
    assert area.verticalScrollBar().value() == 0  # as the page opens
    top = note.mapTo(area.viewport(), QPoint(0, 0)).y()
    assert top >= 0 and top + note.height() <= area.viewport().height()
    first_step = label_saying(page, screen.steps[0].text)
    assert top < first_step.mapTo(area.viewport(), QPoint(0, 0)).y()


BLACK_DRAWING = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 104" width="240" height="104">'
    '<path d="M10 90L120 20L230 90" fill="none" stroke="#000" stroke-width="12"/>'
    '<circle cx="120" cy="60" r="14"/></svg>'
)


def test_a_black_line_drawing_is_drawn_in_the_clinics_colour(
    qtbot: QtBot, content_text: str, write_content: Callable[..., Path]
) -> None:
    """The schema promises it; the drawings stayed black (tester). One with colours of its
    own (the kiosk's) keeps them."""
    path = write_content(content_text.replace("assets/steps/figure_four.svg", "black.svg"))
    (path.parent / "black.svg").write_text(BLACK_DRAWING, "utf-8")
    loaded = load_content(path)
    visitor = KioskPage(qtbot, make_window(qtbot, loaded, QSize(1920, 1080)))
    visitor.go("screen:stretches_at_home")
    qtbot.wait(1)
    page = visitor.shown()
    primary = QColor(loaded.content.brand.primary)
    pictures = [label for label in page.findChildren(QLabel) if not label.pixmap().isNull()]
    colours = [_colours(label.pixmap().toImage()) for label in pictures]
    assert any(c == {primary.rgb()} for c in colours), "no drawing in the primary colour"
    assert not any(QColor(0, 0, 0).rgb() in c for c in colours), "a drawing is still black"
    assert any(len(c) > 1 for c in colours), "the kiosk's own drawings lost their colours"


def _colours(image: QImage) -> set[int]:
    """The opaque colours of a picture (its edges' blend with the background left out)."""
    found = set()
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() == 255:
                found.add(pixel.rgb())
    return found
