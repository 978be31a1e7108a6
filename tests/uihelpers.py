"""Building a kiosk window for UI tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fakes import FakeClock
from kioskpage import KioskPage
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kiosk.content import LoadedContent, load_content
from kiosk.core.control import Kiosk
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.theme import content_fonts, load_fonts

ROOT = Path(__file__).resolve().parent.parent


def build_window(
    qtbot: QtBot,
    kiosk: Kiosk,
    size: QSize | None = None,
    *,
    fonts: str | None = None,
    exposed: bool = True,
    **options: Any,
) -> KioskWindow:
    """The one way tests build the kiosk's window: `new_window`, closed when the test ends,
    and (`exposed`) on screen."""
    window = new_window(kiosk, size, fonts=fonts, **options)
    qtbot.addWidget(window)
    if exposed:
        qtbot.waitExposed(window)
    return window


def new_window(
    kiosk: Kiosk, size: QSize | None = None, *, fonts: str | None = None, **options: Any
) -> KioskWindow:
    """`KioskWindow(kiosk, size, **options)` in the clinic's `fonts` (none: Qt's default
    stylesheet-less look), fixed at `size` as on a kiosk (a page that does not fit must show
    it), and shown: the one place tests make the window (`build_window` in a test; a test's
    own process without pytest calls this)."""
    window = KioskWindow(kiosk, size, **options)
    if fonts is not None:
        window.apply_style(fonts)
    window.setFixedSize(window.size_)
    window.show()
    return window


def make_window(qtbot: QtBot, loaded: LoadedContent, size: QSize) -> KioskWindow:
    return window_for(qtbot, Kiosk(loaded), size)


def window_for(qtbot: QtBot, kiosk: Kiosk, size: QSize) -> KioskWindow:
    """A window on `kiosk` in Qt's default look, with no tap guard or fade to wait for, on
    the attract screen."""
    window = build_window(
        qtbot, kiosk, size, tap_guard_seconds=0, transition_ms=0, fonts=load_fonts(None)
    )
    kiosk.session.reset()
    return window


def shown_window(qtbot: QtBot, loaded: LoadedContent, size: QSize) -> KioskWindow:
    """A window as `kiosk run` shows it (the clinic's fonts by language), with no tap guard
    or fade to wait for."""
    return build_window(
        qtbot,
        Kiosk(loaded),
        size,
        tap_guard_seconds=0,
        transition_ms=0,
        fonts=content_fonts(loaded),
    )


def variant(source: Path, text: str, name: str) -> LoadedContent:
    """The content file `source` rewritten as `text`, loaded from beside it (so its pictures
    are found) under `name`, and that file removed again."""
    path = source.parent / name
    path.write_text(text, "utf-8")
    try:
        return load_content(path)
    finally:
        path.unlink()


@pytest.fixture(scope="session")
def loaded() -> LoadedContent:
    return load_content(ROOT / "content.yaml")


@pytest.fixture
def kiosk(loaded: LoadedContent) -> Kiosk:
    """The kiosk (its session and content) the `window` fixture shows."""
    return Kiosk(loaded)


@pytest.fixture
def window(qtbot: QtBot, kiosk: Kiosk) -> KioskWindow:
    return window_for(qtbot, kiosk, QSize(1920, 1080))


@pytest.fixture
def page(qtbot: QtBot, window: KioskWindow) -> KioskPage:
    """The `window`, as a visitor sees and taps it."""
    return KioskPage(qtbot, window)


def real_window(
    qtbot: QtBot, content: Path, clock: FakeClock, transition_ms: int = 0
) -> tuple[KioskWindow, KioskPage]:
    """A window as `kiosk run` makes it: the real tap guard (0.4 s) on an injected clock;
    `transition_ms` 200 for its fade too (which runs on the real event loop's time)."""
    size = QSize(1920, 1080)
    kiosk = Kiosk(load_content(content))
    window = build_window(
        qtbot, kiosk, size, clock=clock, transition_ms=transition_ms, fonts=load_fonts(None)
    )
    return window, KioskPage(qtbot, window)
