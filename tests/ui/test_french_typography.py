"""French writers type a space before ? ! : ; and the kiosk shows it as a no-break space, so
a line never starts with a lone "?" (a clinic's French content had one)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fakes import FakeClock
from PySide6.QtGui import QFontMetricsF, QTextLayout
from pytestqt.qtbot import QtBot
from uihelpers import real_window

QUESTION = "Où avez-vous mal ?"


def with_french(text: str) -> str:
    text = text.replace(
        "    name: Español\n", "    name: Español\n  - code: fr\n    name: Français\n", 1
    )
    return text.replace(
        "        es: ¿Dónde siente dolor?\n",
        f"        es: ¿Dónde siente dolor?\n        fr: {QUESTION}\n",
        1,
    )


def lines(layout: QTextLayout, width: float) -> list[str]:
    """The lines a text breaks into at `width`, as Qt lays it out in a label."""
    text = layout.text()
    layout.beginLayout()
    found = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        found.append(text[line.textStart() : line.textStart() + line.textLength()].strip())
    layout.endLayout()
    return found


def test_a_french_question_mark_stays_with_its_word(
    qtbot: QtBot, write_content: Callable[[str], Path], content_text: str
) -> None:
    clock = FakeClock()
    _window, page = real_window(qtbot, write_content(with_french(content_text)), clock)
    page.tap("Français")
    clock.now += 1
    page.settle()
    page.go("question:where")
    page.settle()
    [label] = [lb for lb in page.labels() if lb.text().startswith("Où avez-vous mal")]
    assert label.text() == "Où avez-vous mal\u00a0?"
    # where the line is just too short for the whole question, "?" goes down with "mal"
    font = label.font()
    width = QFontMetricsF(font).horizontalAdvance("Où avez-vous mal") + 2
    assert lines(QTextLayout(QUESTION, font), width)[-1] == "?"  # as the clinic typed it
    assert lines(QTextLayout(label.text(), font), width)[-1] == "mal\u00a0?"
    # the other languages are as written
    page.tap("Langue")
    page.settle()
    page.tap("English")
    page.settle()
    assert "Where do you feel pain?" in page.texts()
