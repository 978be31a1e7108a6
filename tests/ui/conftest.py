from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot
from uihelpers import make_window

from kiosk.content import LoadedContent, load_content
from kiosk.ui.main_window import KioskWindow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def loaded() -> LoadedContent:
    return load_content(ROOT / "content.yaml")


@pytest.fixture
def window(qtbot: QtBot, loaded: LoadedContent) -> KioskWindow:
    return make_window(qtbot, loaded, QSize(1920, 1080))
