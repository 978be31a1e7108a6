"""Quitting leaves by the front door even after a key focused a control.

The focus ring watches the control it rings; left watching while Qt tore the window down at
exit, it crashed the process (SIGSEGV, exit code 139). Under `kiosk run --supervise` or the
systemd unit a crash is restarted, so staff's "Quit to desktop" after a keyboard visitor would
have brought the kiosk straight back. Run as its own process: the crash is in the teardown
that follows the application's event loop."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import sys
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from kiosk.content import load_content
from kiosk.core.control import Kiosk
from kiosk.ui.theme import load_fonts

sys.path.insert(0, sys.argv[2])  # the tests' helpers
from uihelpers import new_window


def main() -> int:
    app = QApplication([])
    kiosk = Kiosk(load_content(sys.argv[1]))
    window = new_window(
        kiosk, QSize(1280, 720), tap_guard_seconds=0, transition_ms=0, fonts=load_fonts(None)
    )
    kiosk.session.start()

    def tab_then_quit() -> None:
        QTest.keyClick(window, Qt.Key.Key_Tab)  # a keyboard visitor: the ring shows
        assert QApplication.focusWidget() is not None
        QTimer.singleShot(50, window.quit_app)  # staff's Quit, as the panel calls it

    QTimer.singleShot(100, tab_then_quit)
    return app.exec()


sys.exit(main())
"""


def test_quit_after_a_key_focused_a_control_exits_with_0() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_SPEECH": "off"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(ROOT / "content.yaml"), str(ROOT / "tests")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
