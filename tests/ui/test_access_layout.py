"""Every screen, at every text size and in every language, still fits its frame, and every
tappable control is at least 48 x 48 px with at least 8 px between it and the next
(EN 301 549 and WCAG 2.5.8: targets a shaky finger can hit)."""

from __future__ import annotations

import pytest
from kioskpage import ACCESS_PANEL, KioskPage, shown_screen
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QAbstractButton, QWidget
from pytestqt.qtbot import QtBot
from uihelpers import make_window
from visits import MASSAGE

from kiosk.content import LoadedContent
from kiosk.ui.main_window import KioskWindow

MIN_TARGET = 48
MIN_GAP = 8
CASES = [
    (QSize(1920, 1080), 1, "en", False),
    (QSize(1920, 1080), 2, "es", False),
    (QSize(1920, 1080), 3, "en", True),
    (QSize(1920, 1080), 3, "es", False),
    (QSize(1080, 1920), 1, "es", True),
    (QSize(1080, 1920), 3, "en", False),
    (QSize(1080, 1920), 3, "es", True),
]


def case_id(case: tuple[QSize, int, str, bool]) -> str:
    size, text_size, language, contrast = case
    return f"{size.width()}x{size.height()}-text{text_size}-{language}" + (
        "-contrast" if contrast else ""
    )


def gap(a: QRect, b: QRect) -> int:
    """The distance between two rectangles' edges (0 when they touch or overlap)."""
    dx = max(b.left() - a.right() - 1, a.left() - b.right() - 1, 0)
    dy = max(b.top() - a.bottom() - 1, a.top() - b.bottom() - 1, 0)
    return max(dx, dy)


def targets(window: KioskWindow, root: QWidget) -> list[tuple[str, QRect, QRect]]:
    """Every visible button under `root`, by its words, in window coordinates: the whole
    button, and the part a finger can reach (a button half scrolled out of its view is cut
    at the view's edge, and "More below" may sit just under that edge)."""
    found = []
    for button in root.findChildren(QAbstractButton):
        if button.isVisibleTo(window) and button.isVisible():
            corner = button.mapTo(window, button.rect().topLeft())
            rect = QRect(corner, button.size())
            reach = button.visibleRegion().boundingRect().translated(corner)
            found.append((button.text() or button.accessibleName(), rect, reach))
    return found


def needed_height(page: QWidget, width: int) -> int:
    """The least height the page's layout needs at the width it has (wrapped words take
    more lines on a narrow page, fewer on a wide one)."""
    layout = page.layout()
    assert layout is not None
    if layout.hasHeightForWidth():
        return layout.totalMinimumHeightForWidth(width)
    return page.minimumSizeHint().height()


def check_targets(name: str, found: list[tuple[str, QRect, QRect]]) -> None:
    for label, rect, _ in found:
        assert rect.width() >= MIN_TARGET and rect.height() >= MIN_TARGET, (
            f"{name}: '{label}' is {rect.width()}x{rect.height()}"
        )
    reachable = [(label, reach) for label, _, reach in found if not reach.isEmpty()]
    for i, (a_label, a) in enumerate(reachable):
        for b_label, b in reachable[i + 1 :]:
            assert gap(a, b) >= MIN_GAP, (
                f"{name}: '{a_label}' and '{b_label}' are {gap(a, b)} px apart"
            )


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_every_screen_fits_at_every_text_size_and_language(
    qtbot: QtBot, loaded: LoadedContent, case: tuple[QSize, int, str, bool]
) -> None:
    size, text_size, language, contrast = case
    window = make_window(qtbot, loaded, size)
    visitor = KioskPage(qtbot, window)
    visitor.set_display(language=language, text_size=text_size, high_contrast=contrast)
    assert visitor.drawn_for() == (language, text_size, contrast)
    visitor.keep_answers(MASSAGE)
    for name in visitor.places():
        visitor.go(name)
        qtbot.wait(1)
        page = shown_screen(window)
        room, needed = page.size(), page.minimumSizeHint()
        assert needed.width() <= room.width(), f"{name} needs {needed.width()} px of {room}"
        height = needed_height(page, room.width())
        assert height <= room.height(), f"{name} needs {height} px of {room}"
        check_targets(name, targets(window, window))
    visitor.go(visitor.places()[1])
    panel = visitor.open_panel(ACCESS_PANEL)
    qtbot.wait(1)
    assert panel.card.minimumSizeHint().height() <= panel.height()
    check_targets("accessibility panel", targets(window, panel))


def test_the_gap_measure() -> None:
    a = QRect(0, 0, 50, 50)
    assert gap(a, QRect(58, 0, 50, 50)) == 8
    assert gap(a, QRect(0, 57, 50, 50)) == 7
    assert gap(a, QRect(40, 40, 50, 50)) == 0
