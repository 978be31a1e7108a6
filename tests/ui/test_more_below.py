"""'More below' tells the truth: it shows exactly when something of the page lies below the
view, and no word is squeezed or cut off a button. Walked in one window per size, at the
normal and the largest text, in every language of the default content."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from uihelpers import make_window

from kiosk.content import LoadedContent
from kiosk.ui.widgets import KineticScrollArea

SIZES = [QSize(1920, 1080), QSize(1366, 768), QSize(1080, 1920)]


def lowest_part(area: KineticScrollArea) -> int:
    """The bottom edge, in the scrolled content, of the lowest visible thing in it."""
    content = area.widget()
    leaves = [
        w
        for w in content.findChildren(QWidget)
        if w.isVisible() and not w.findChildren(QWidget) and w.height() > 0
    ]
    return max((w.mapTo(content, w.rect().bottomLeft()).y() for w in leaves), default=0)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_more_below_shows_only_when_there_is_more(
    qtbot: QtBot, loaded: LoadedContent, size: QSize
) -> None:
    window = make_window(qtbot, loaded, size)
    session = window.session
    names = [n for n in session.screen_names() if n.startswith(("screen:", "result:"))]
    lies: list[str] = []
    for language in [lang.code for lang in loaded.content.languages]:
        for text_size in (1, 3):
            session.reset()
            session.start()
            session.set_language(language)
            session.set_text_size(text_size)
            for name in names:
                session.show(name)
                qtbot.wait(30)  # laid out, as on a screen
                for area in window.current_page().findChildren(KineticScrollArea):
                    if not area.isVisible():
                        continue
                    where = f"{name} {language} size {text_size}"
                    below = lowest_part(area) > area.viewport().height() + 2
                    if area.more.isVisible() != below:
                        lies.append(f"{where}: 'More below' {area.more.isVisible()}")
                    if area.more.isVisible():  # the sign covers no word of the page
                        sign = area.more.geometry()
                        for label in area.widget().findChildren(QLabel):
                            if not (label.isVisible() and label.text()):
                                continue
                            top_left = label.mapTo(area, label.rect().topLeft())
                            placed = label.rect().translated(top_left)
                            drawn = placed.intersected(area.viewport().geometry())
                            if drawn.intersects(sign):
                                lies.append(f"{where}: the sign covers {label.text()[:30]!r}")
                    for button in area.widget().findChildren(QPushButton):
                        words = button.text()
                        needed = button.fontMetrics().horizontalAdvance(words)
                        if button.isVisible() and words and needed > button.width():
                            lies.append(f"{where}: cut button {words!r}")
                    for label in area.widget().findChildren(QLabel):
                        shown = label.isVisible() and label.wordWrap() and label.text()
                        if shown and label.height() < label.heightForWidth(label.width()):
                            lies.append(f"{where}: squeezed {label.text()[:30]!r}")
    assert not lies, "\n".join(lies)
