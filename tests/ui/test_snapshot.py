"""The running kiosk shows its last good snapshot, pictures and font included: a picture deleted
or replaced on disk changes nothing on screen until a valid new snapshot is applied."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from fakes import FakeClock
from kioskpage import KioskPage
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from uihelpers import build_window

from kiosk.content import load_content
from kiosk.core.control import QUIET_SECONDS, Kiosk
from kiosk.ui.theme import load_fonts

Write = Callable[[str], Path]


def attract_logo(page: KioskPage) -> QImage:
    name = page.title()  # the clinic's name
    [logo] = [
        label
        for label in page.shown().findChildren(QLabel)
        if label.accessibleName() == name and not label.pixmap().isNull()
    ]
    return logo.pixmap().toImage()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_deleted_picture_stays_on_screen_until_a_new_snapshot(
    qtbot: QtBot, content_text: str, write_content: Write, clock: FakeClock
) -> None:
    path = write_content(content_text)
    kiosk = Kiosk(load_content(path), clock=clock)
    window = build_window(
        qtbot, kiosk, QSize(1280, 720), fonts=load_fonts(None), tap_guard_seconds=0, transition_ms=0
    )
    page = KioskPage(qtbot, window)
    before = attract_logo(page)
    logo = path.parent / "assets" / "logo.svg"
    logo.unlink()
    os.mkfifo(logo)  # worse than gone: a reader of it would wait for ever

    kiosk.check_files()
    clock.now += QUIET_SECONDS
    kiosk.check_files()  # refused: the last good snapshot stays
    assert "'assets/logo.svg' is a named pipe (FIFO)" in (kiosk.content_error or "")
    kiosk.session.set_text_size(2)  # every page is drawn again, from the snapshot
    kiosk.session.set_text_size(1)
    assert attract_logo(page) == before

    logo.unlink()  # the clinic puts a real picture back: a new snapshot, shown
    logo.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<rect width="10" height="10" fill="#c00"/></svg>\n',
        "utf-8",
    )
    kiosk.check_files()
    clock.now += QUIET_SECONDS
    kiosk.check_files()
    assert kiosk.content_error is None
    assert attract_logo(page) != before
