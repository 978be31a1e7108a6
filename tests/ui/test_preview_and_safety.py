"""`kiosk preview` writes a PNG of every screen; an error inside a screen takes the visitor
back to the start instead of showing anything."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from kioskpage import KioskPage
from PySide6.QtGui import QImage

from kiosk.app import install_safety_net
from kiosk.core.control import Kiosk

ROOT = Path(__file__).resolve().parents[2]


def test_preview_writes_every_screen(tmp_path: Path) -> None:
    out = tmp_path / "previews"
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "preview", "--out", str(out), "--size", "1080x1920"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    files = sorted(p.name for p in out.glob("*.png"))
    assert files[0] == "00-attract.png"
    assert "03-screen-sciatic_nerve.png" in files
    assert {f for f in files if "-question-" in f} and len(
        [f for f in files if "-result-" in f]
    ) == 4
    assert files[-5:] == [
        "26-accessibility-panel.png",
        "27-staff-pin-pad.png",
        "28-staff-admin.png",
        "29-staff-paused.png",
        "30-staff-admin-paused.png",
    ]
    assert len(files) == 31
    assert "08-screen-stretches_at_home.png" in files
    image = QImage(str(out / "03-screen-sciatic_nerve.png"))
    assert (image.width(), image.height()) == (1080, 1920)


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_screen_returns_to_attract(
    kiosk: Kiosk, page: KioskPage, caplog: pytest.LogCaptureFixture
) -> None:
    previous = sys.excepthook
    install_safety_net(lambda: kiosk.reset("error"))  # as `kiosk run` sets it
    try:
        page.start_visit()
        page.keep_answers({"saddle_numbness": "no"})

        def broken() -> None:
            raise RuntimeError("a bug in a screen")

        page.control("nextButton").clicked.connect(broken)
        with caplog.at_level(logging.ERROR, logger="kiosk"):
            page.control("nextButton").click()
        assert page.on_attract()
        assert page.answers_kept() == {}
        assert page.screen() == "attract"
        assert "a bug in a screen" in caplog.text
    finally:
        sys.excepthook = previous
