"""Every screen of every example clinic looks designed, at 1920x1080, 1366x768 and 1080x1920,
at the normal and the largest text (in high contrast), in both directions (Al Nakheel reads
right to left): one edge per column, the scroll bar beside its text, no empty band on a
portrait page, icons and the 0-10 scale as large as the words beside them (tests/designed.py
says how each is judged), and every word whole, every target large and apart (tests/seen.py).
One window per clinic and size, walked once for this test and test_every_word_seen's
(tests/screenwalk.py): the walk is the tests' cost."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot
from screenwalk import walk, walk_cases


@pytest.mark.parametrize(("clinic", "size"), walk_cases())
def test_every_screen_looks_designed(qtbot: QtBot, clinic: Path, size: QSize) -> None:
    found = walk(qtbot, clinic, size).designed
    assert not found, f"{len(found)} faults:\n" + "\n".join(dict.fromkeys(found))
