"""Key press to start of speech, offscreen, with a stand-in voice program.

    python bench/speech_bench.py OUT.json

Builds the kiosk's window at 1920x1080 as `kiosk run` does (no tap guard to wait for), its
speaker the real espeak-ng backend (`EspeakSpeaker`) whose program is a stand-in: a shell
script that reads nothing and exits, so what is measured is the kiosk's own part (the key
through the input router, what to say, a new process) and not a synthesiser's.

- "spoken": spoken mode, as a blind visitor uses it: a key on the start screen (the
  welcome), Enter (the first page), then arrows over every control of the first pages and
  of the questions (each answer said with its position), the repeat key, and Enter on
  answers (the change, then the next question).
- "button": the read-aloud button, focused by keys, Enter on it (read the page), the only
  way a key made the kiosk speak before spoken mode; on trees without spoken mode only this
  part runs.

A sample is from just before `QTest.keyClick` to the stand-in's `QProcess.started` (the
backend's `started_at`), both on `time.monotonic`; the event loop runs until it arrives.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parent.parent

from kiosk.content import load_content  # noqa: E402
from kiosk.core.control import Kiosk  # noqa: E402
from kiosk.ui.main_window import KioskWindow  # noqa: E402
from kiosk.ui.speech import EspeakSpeaker  # noqa: E402

Key = Qt.Key
SIZE = QSize(1920, 1080)
TIMEOUT_S = 5.0
LISTEN_S = 0.5
"""Waited (not measured) before Enter: a visitor listens first, and a key during the fade
into a new page is held like a tap."""


class Bench:
    def __init__(self, app: QApplication, program: Path) -> None:
        self.app = app
        self.speaker = EspeakSpeaker(str(program))
        kiosk = Kiosk(load_content(ROOT / "content.yaml"))
        self.window = KioskWindow(kiosk, SIZE, tap_guard_seconds=0, speaker=self.speaker)
        self.window.setFixedSize(SIZE)
        self.window.show()
        self.window.activateWindow()
        self.session = kiosk.session
        self.samples: list[float] = []
        self.by_key: dict[str, list[float]] = {}
        self.run(0.3)

    def run(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)

    def quiet(self) -> None:
        """Until the voice has finished what it was saying (the stand-in ends at once)."""
        end = time.monotonic() + TIMEOUT_S
        while self.speaker.speaking and time.monotonic() < end:
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)

    def key(self, key: Key, measured: bool = True) -> None:
        """Press `key` where a real key goes; with `measured`, wait for speech to start."""
        target: QWidget = QApplication.focusWidget() or self.window
        before = self.speaker.started_at
        start = time.monotonic()
        QTest.keyClick(target, key)
        if not measured:
            self.run(0.02)
            return
        while self.speaker.started_at == before:
            if time.monotonic() - start > TIMEOUT_S:
                raise RuntimeError(f"no speech after {key!r} on {self.session.current}")
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        assert self.speaker.started_at is not None
        sample = (self.speaker.started_at - start) * 1000
        self.samples.append(sample)
        self.by_key.setdefault(key.name.removeprefix("Key_"), []).append(sample)
        self.run(0.01)

    def spoken(self) -> list[float]:
        self.samples = []
        self.key(Key.Key_Space)  # the welcome
        self.run(LISTEN_S)
        self.key(Key.Key_Return)  # the first page
        for _ in range(3):  # the first pages: every control, then on
            for _ in range(8):
                self.key(Key.Key_Down)
            self.key(Key.Key_R)
            self.window.session.next()
            self.run(0.05)
        self.session.show("question:saddle_numbness", remember=True)
        self.run(0.05)
        spoken = self.window.spoken  # type: ignore[attr-defined]
        for _ in range(4):  # the red flags: the answers by ear, then "No"
            for _ in range(10):  # Yes, answer 1 of 2; No, answer 2 of 2
                self.key(Key.Key_Down)
                if spoken.said.startswith("No, answer"):
                    break
            self.run(LISTEN_S)  # the visitor listens (and the fade is over) before choosing
            self.key(Key.Key_Return)  # No, selected; the next question
        return self.samples

    def button(self) -> list[float]:
        self.samples = []
        self.session.reset()
        self.run(0.05)
        self.session.start()
        self.run(0.05)
        button = self.window.frame.access_bar.speaker
        for _ in range(30):
            self.quiet()  # the button reads when the voice is silent (else it stops it)
            button.setFocus(Qt.FocusReason.TabFocusReason)
            self.key(Key.Key_Return)  # read the page
        return self.samples


def main() -> int:
    out = Path(sys.argv[1])
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="kiosk-voice-") as tmp:
        program = Path(tmp) / "voice"
        program.write_text("#!/bin/sh\nexit 0\n")
        program.chmod(0o755)
        bench = Bench(app, program)
        result: dict[str, Any] = {}
        if hasattr(bench.window, "spoken"):
            result["spoken"] = bench.spoken()
            result["spoken_by_key"] = {k: list(v) for k, v in bench.by_key.items()}
        result["button"] = bench.button()
        bench.window.close()
    out.write_text(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
