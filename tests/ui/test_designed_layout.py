"""Every screen of every example clinic looks designed, at 1920x1080, 1366x768 and 1080x1920,
at the normal and the largest text (in high contrast), in both directions (Al Nakheel reads
right to left): one edge per column, the scroll bar beside its text, no empty band on a
portrait page, icons and the 0-10 scale as large as the words beside them (tests/designed.py
says how each is judged), and every word whole, every target large and apart (tests/seen.py).
One window per clinic and size: the walk is the test's cost."""

from __future__ import annotations

from pathlib import Path

import pytest
from designed import design_faults
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot
from seen import faults
from uihelpers import ROOT, shown_window

from kiosk.content import load_content

CLINICS = [ROOT / "content.yaml", *sorted((ROOT / "examples").glob("*/content.yaml"))]
SIZES = [QSize(1920, 1080), QSize(1366, 768), QSize(1080, 1920)]
DISPLAYS = [(1, False), (3, True)]  # text size, high contrast


def clinic_id(path: Path) -> str:
    return path.parent.name if path.parent != ROOT else "default"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
@pytest.mark.parametrize("clinic", CLINICS, ids=clinic_id)
def test_every_screen_looks_designed(qtbot: QtBot, clinic: Path, size: QSize) -> None:
    window = shown_window(qtbot, load_content(clinic), size)
    session = window.session
    found: list[str] = []
    for text_size, high_contrast in DISPLAYS:
        session.reset()
        session.set_text_size(text_size)
        session.set_high_contrast(high_contrast)
        for place in session.places():
            session.show(place)
            qtbot.wait(5)  # laid out and fitted, as on a screen
            where = f"{place} [size {text_size}]"
            found += [f"{where}: {fault}" for fault in design_faults(window, place)]
            found += [f"{where}: {fault}" for fault in faults(window)]
    assert not found, f"{len(found)} faults:\n" + "\n".join(dict.fromkeys(found))
