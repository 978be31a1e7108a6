"""In-process half of the benchmark: a whole visit tapped at 1920x1080 offscreen.

    python bench/ui_bench.py OUT.json

Builds `KioskWindow(Kiosk(load_content(content.yaml)), QSize(1920, 1080))` as `kiosk run`
does (default 200 ms fade, default tap guard), shows it at 1920x1080, and walks whole
visits (one per outcome of tests/visits.py, and a red flag) by clicking the real buttons
with QTest.mouseClick. Then the same measurements on a bare window (the floor). Writes every
sample to OUT.json; bench/run.py turns them into the table.

How it measures:

- Frames. The top-level window gets one UpdateRequest per frame; Qt paints every dirty
  widget of the window and flushes the backing store while handling it. An event filter on
  the window handles the UpdateRequest itself (calls `QWidget.event`, which is what Qt
  would call next) so that it can time the whole frame: start, end, and when the Fade
  widget's Paint arrived (the Fade is painted last, so end minus that is the Fade's paint
  plus the flush).
- Tap to paint. From just before `QTest.mouseClick` (press and release are handled at once,
  so the click's handler runs inside it) until the end of the first frame of the window
  that follows, reached by calling `app.processEvents()` until that frame has been painted.
  No `repaint()` is forced: the frame is the one Qt would paint anyway.
- Transitions. After a tap that changes the screen the event loop runs for real (a local
  QEventLoop) until the 200 ms fade has finished and the frame without it is painted. Frame
  time = UpdateRequest start to end; an interval of more than 1.5 x 16.7 ms between the
  starts of two successive frames counts as a dropped frame.
- Display changes. On the second screen of a visit, the language button (there and back),
  the largest text size and back, and high contrast on and off, six times each, by the real
  buttons; tap to paint as above. They are kept apart from the visit's taps.
- Between taps the bench waits for the fade and for the tap guard (0.4 s after a page
  change, as a visitor would be slower anyway); the waiting is not measured.
"""

from __future__ import annotations

import itertools
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QEventLoop, QObject, QPoint, QSize, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QPushButton, QVBoxLayout, QWidget

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from visits import NO_FLAGS, SCRIPTS  # noqa: E402

from kiosk.content import load_content  # noqa: E402
from kiosk.core.control import Kiosk  # noqa: E402
from kiosk.core.engine import Answer  # noqa: E402
from kiosk.core.place import ATTRACT  # noqa: E402
from kiosk.ui.main_window import KioskWindow  # noqa: E402
from kiosk.ui.screens.question import QuestionView  # noqa: E402
from kiosk.ui.theme import content_fonts  # noqa: E402
from kiosk.ui.transition import Fade  # noqa: E402

SIZE = QSize(1920, 1080)
now = time.perf_counter


class FrameTimer(QObject):
    """Times every frame (UpdateRequest) of one top-level window."""

    def __init__(self, window: QWidget, fade: QWidget | None) -> None:
        super().__init__()
        self.window = window
        self.fade = fade
        self.frames: list[dict[str, float | None]] = []
        self._fade_paint: float | None = None
        self._in_frame = False
        window.installEventFilter(self)
        if fade is not None:
            fade.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind == QEvent.Type.Paint and watched is self.fade and self._in_frame:
            self._fade_paint = now()
        elif kind == QEvent.Type.UpdateRequest and watched is self.window:
            self._fade_paint = None
            self._in_frame = True
            start = now()
            try:
                QWidget.event(self.window, event)
            finally:
                self._in_frame = False
            self.frames.append({"start": start, "end": now(), "fade_paint": self._fade_paint})
            return True
        return False

    def frames_after(self, t: float) -> list[dict[str, float | None]]:
        return [f for f in self.frames if f["start"] is not None and f["start"] >= t]  # type: ignore[operator]


class ReleaseSpy(QObject):
    """Notes when a mouse release reaches the application (the start of a tap's handling),
    and when the session has told its listeners (the window first) where the visitor is."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.times: list[float] = []
        self.notified: list[float] = []
        app.installEventFilter(self)

    def session_moved(self, _name: str) -> None:
        self.notified.append(now())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.MouseButtonRelease:
            self.times.append(now())
        return False


def tap_and_paint(
    app: QApplication,
    timer: FrameTimer,
    spy: ReleaseSpy,
    widget: QWidget,
    pos: QPoint | None = None,
) -> tuple[float, float, float, dict[str, float | None]]:
    """Click, and run the loop until the first frame that starts after the tap was handled:
    after the session told the window where to go (QAbstractButton repaints its released
    state at once, before its handler runs; and QTest may paint the answer inside the
    click). Returns (click start, release arrival, handler end, that frame)."""
    from PySide6.QtTest import QTest

    t0 = now()
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos or widget.rect().center())
    released = next((t for t in spy.times if t >= t0), None)
    if released is None:
        raise RuntimeError(f"the click on {widget!r} never reached the application")
    handled = next((t for t in spy.notified if t >= released), released)
    deadline = now() + 10.0
    while not (frames := timer.frames_after(handled)):
        app.processEvents()
        if now() > deadline:
            raise RuntimeError(f"no frame painted within 10 s of a tap on {widget!r}")
    return t0, released, handled, frames[0]


def run_until(app: QApplication, done: Callable[[], bool], timeout_s: float = 5.0) -> None:
    """Run the real event loop (timers and all) until done() or the time is up."""
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(5)
    poll.timeout.connect(lambda: loop.quit() if done() else None)
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(loop.quit)
    guard.start(int(timeout_s * 1000))
    if not done():
        poll.start()
        loop.exec()
    poll.stop()
    guard.stop()
    if not done():
        raise RuntimeError("the event loop did not reach the expected state in time")


def fade_frames(app: QApplication, timer: FrameTimer, fade: Fade, since: float) -> list[Any]:
    """Run the loop until the fade is over and the frame without it is painted; the frames
    of the transition (from the tap on)."""
    if not fade.isVisible():  # already over (a slow tap): its frames are all painted
        return timer.frames_after(since)
    finished: list[float] = []

    def note() -> None:
        finished.append(now())

    fade.animation.finished.connect(note)  # after Fade.stop (connected first): it is hidden
    try:
        run_until(app, lambda: bool(finished) or not fade.isVisible(), 3.0)
        ended = finished[0] if finished else now()
        run_until(app, lambda: any(f["start"] >= ended for f in timer.frames), 3.0)  # type: ignore[operator]
    finally:
        fade.animation.finished.disconnect(note)
    frames = timer.frames_after(since)
    last = next(i for i, f in enumerate(frames) if f["start"] >= ended)  # type: ignore[operator]
    return frames[: last + 1]


class Walker:
    def __init__(self, app: QApplication, window: KioskWindow) -> None:
        self.app = app
        self.window = window
        self.timer = FrameTimer(window, window.fade)
        self.spy = ReleaseSpy(app)
        window.session.subscribe(self.spy.session_moved)  # after the window's own listener
        self.taps: list[dict[str, Any]] = []
        self.transitions: list[dict[str, Any]] = []
        self.display_taps: list[dict[str, Any]] = []

    def settle(self) -> None:
        """Wait (unmeasured) for the fade to end and the tap guard to let taps through."""
        w = self.window
        run_until(self.app, lambda: not w.fade.isVisible(), 3.0)
        # a safety note holds taps for its reading time, up to 3 s after the fade
        wait = max(3.0, w.input.tap_guard.until - time.monotonic() + 1.0)
        run_until(self.app, lambda: time.monotonic() > w.input.tap_guard.until + 0.01, wait)

    def tap(self, widget: QWidget, what: str, pos: QPoint | None = None) -> None:
        w = self.window
        if isinstance(widget, QAbstractButton):
            assert widget.isVisible() and widget.isEnabled(), what
        self.settle()
        before = w.session.current.name
        t0, released, handled, frame = tap_and_paint(self.app, self.timer, self.spy, widget, pos)
        after = w.session.current.name
        self.taps.append(
            {
                "tap": what,
                "from": before,
                "to": after,
                "screen_change": before != after,
                "handler_ms": (handled - released) * 1000,
                "wait_ms": (frame["start"] - handled) * 1000,  # type: ignore[operator]
                "frame_ms": (frame["end"] - frame["start"]) * 1000,  # type: ignore[operator]
                "tap_to_paint_ms": (frame["end"] - t0) * 1000,  # type: ignore[operator]
            }
        )
        if w.fade.isVisible() or before != after:
            frames = fade_frames(self.app, self.timer, w.fade, handled)
            self.transitions.append({"from": before, "to": after, **frame_stats(frames)})

    def answer(self, value: Answer) -> None:
        w = self.window
        page = w.current_page()
        assert isinstance(page, QuestionView)
        q = page.question
        if q.type in ("multi_choice", "body_map"):
            assert isinstance(value, frozenset)
            for option_id in sorted(value):
                self.tap(page.answers.buttons[option_id], f"tick {option_id}")
            self.tap(w.frame.next_button, "Next")
        elif q.type == "scale":
            self.tap(page.answers.buttons[str(value)], f"scale {value}")
            self.tap(w.frame.next_button, "Next")
        else:
            self.tap(page.answers.buttons[str(value)], f"answer {value}")

    def visit(self, answers: dict[str, Answer]) -> None:
        w = self.window
        assert w.session.current.is_attract
        self.tap(w.page_for(ATTRACT).begin, "Touch to begin")
        while w.session.current.name != "screen:self_check":
            self.tap(w.frame.next_button, "Next")
        self.tap(w.frame.next_button, "Start the check")
        for _ in range(40):
            question = w.session.current_question()
            if question is None:
                break
            self.answer(answers[question.id])
        assert w.session.current.is_result, w.session.current
        for _ in range(20):
            if w.session.current.is_attract:
                break
            self.tap(w.frame.next_button, w.frame.next_button.text())
        assert w.session.current.is_attract, w.session.current

    def display_tap(self, kind: str, widget: QWidget) -> None:
        """A tap that changes the language, text size or contrast of the screen shown:
        tap to the first frame painted after the window has drawn the change."""
        self.settle()
        # the same toggle twice in a row: the second tap must not be the second of a double
        # tap, which the tap guard takes as one (`core.intent`)
        from kiosk.core.intent import DOUBLE_TAP_SECONDS

        apart = time.monotonic() + DOUBLE_TAP_SECONDS + 0.1
        run_until(self.app, lambda: time.monotonic() > apart, DOUBLE_TAP_SECONDS + 1.0)
        t0, released, handled, frame = tap_and_paint(self.app, self.timer, self.spy, widget)
        self.display_taps.append(
            {
                "kind": kind,
                "handler_ms": (handled - released) * 1000,
                "tap_to_paint_ms": (frame["end"] - t0) * 1000,  # type: ignore[operator]
            }
        )

    def display_changes(self, rounds: int = 6) -> None:
        """On the second screen of a visit: the language there and back, the largest text
        and back, high contrast on and off, each `rounds` times, through the real buttons."""
        w = self.window
        self.tap(w.page_for(ATTRACT).begin, "Touch to begin")
        self.tap(w.frame.next_button, "Next")
        for _ in range(rounds):
            for _ in range(2):
                self.display_tap("language", w.frame.access_bar.language)
            self.tap(w.frame.access_bar.access, "Aa")
            for name in ("textSize3", "textSize1"):
                self.display_tap(
                    "text_size", w.overlays.get("access_panel").findChild(QPushButton, name)
                )
            for _ in range(2):
                panel = w.overlays.get("access_panel")
                self.display_tap("contrast", panel.findChild(QPushButton, "highContrastButton"))
            self.tap(
                w.overlays.get("access_panel").findChild(QPushButton, "closePanelButton"), "Close"
            )
        w.kiosk.reset("finish")


def frame_stats(frames: list[dict[str, Any]]) -> dict[str, Any]:
    times = [(f["end"] - f["start"]) * 1000 for f in frames]
    fade_parts = [
        (f["end"] - f["fade_paint"]) * 1000 for f in frames if f["fade_paint"] is not None
    ]
    starts = [f["start"] for f in frames]
    intervals = [(b - a) * 1000 for a, b in itertools.pairwise(starts)]
    return {
        "frame_ms": times,
        "fade_paint_and_flush_ms": fade_parts,
        "interval_ms": intervals,
        "dropped": sum(1 for i in intervals if i > 16.7 * 1.5),
        "missed_vsyncs": sum(max(0, round(i / (1000 / 60)) - 1) for i in intervals),
    }


def settle_startup(app: QApplication, window: QWidget) -> None:
    from PySide6.QtTest import QTest

    if not QTest.qWaitForWindowExposed(window, 5000):
        raise RuntimeError("the window was never exposed")
    QTest.qWait(300)


def kiosk_part(app: QApplication) -> dict[str, Any]:
    phases: dict[str, float] = {}
    t = now()
    loaded = load_content(ROOT / "content.yaml")
    phases["load_content_ms"] = (now() - t) * 1000
    t = now()
    kiosk = Kiosk(loaded)
    window = KioskWindow(kiosk, SIZE)
    phases["build_window_ms"] = (now() - t) * 1000
    t = now()
    family = content_fonts(loaded)
    phases["load_fonts_ms"] = (now() - t) * 1000
    t = now()
    window.apply_style(family)
    phases["apply_style_ms"] = (now() - t) * 1000
    window.setFixedSize(SIZE)
    t = now()
    window.show()
    phases["show_ms"] = (now() - t) * 1000
    kiosk.reset("finish")
    window.start()
    settle_startup(app, window)
    walker = Walker(app, window)
    visits = {**SCRIPTS, "urgent": {**NO_FLAGS, "bladder_bowel": "yes"}}
    for answers in visits.values():
        walker.visit(answers)
    walker.display_changes()
    walker.settle()
    window.input.lockdown.release()
    window.input.idle.stop()
    window.hide()
    return {
        "phases": phases,
        "taps": walker.taps,
        "transitions": walker.transitions,
        "display_taps": walker.display_taps,
    }


def floor_part(app: QApplication, rounds: int = 12) -> dict[str, Any]:
    """A bare 1920x1080 window with one QPushButton and the same Fade: each click toggles
    the button's text and fades from a grab of the window to a grab of the new one, as the
    kiosk does."""
    window = QWidget()
    layout = QVBoxLayout(window)
    button = QPushButton("Next")
    button.setMinimumSize(260, 90)
    layout.addWidget(button)
    fade = Fade(window, 200)
    spy = ReleaseSpy(app)

    def clicked() -> None:
        snapshot = window.grab()
        button.setText("Back" if button.text() == "Next" else "Next")
        fade.start(snapshot, window.grab())
        spy.session_moved("")

    button.clicked.connect(clicked)
    window.setFixedSize(SIZE)
    window.show()
    settle_startup(app, window)
    timer = FrameTimer(window, fade)
    taps: list[float] = []
    transitions: list[dict[str, Any]] = []
    for _ in range(rounds):
        run_until(app, lambda: not fade.isVisible(), 3.0)
        t0, _, handled, frame = tap_and_paint(app, timer, spy, button)
        taps.append((frame["end"] - t0) * 1000)  # type: ignore[operator]
        transitions.append(frame_stats(fade_frames(app, timer, fade, handled)))
    window.hide()
    return {"tap_to_paint_ms": taps, "transitions": transitions}


def main() -> int:
    out = Path(sys.argv[1])
    app = QApplication(sys.argv[:1])
    result = {"kiosk": kiosk_part(app), "floor": floor_part(app)}
    out.write_text(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
