"""In-process part of the benchmark: the longest the visitor's screen stalls while content is
checked, on a hot reload to pictures that are slow to draw.

    python bench/stall_bench.py OUT.json

In a copy of the default content (a temporary folder), builds the kiosk's window as `kiosk
run` does (the real `KioskWindow` at 1920x1080, content read in the background by the
content worker, `kiosk.content.worker`, with the kiosk's own picture drawer and its limits, and
polled by the app's timer, `kiosk.app.poll_reads`), lets it settle, then replaces two
therapists' photos with SVGs that Qt takes tens of seconds to draw (tests/slowdraw.py) and
lets the kiosk find the change (`Kiosk.check_files`, as its watch timer does). The reload is
read and refused in the worker; the visitor keeps the content already shown.

A 10 ms timer of the event loop ticks from just before the change is found until the refusal
is taken in (and 0.5 s after); the longest gap between two ticks is the longest a tap would
have waited (the gaps over 30 ms are listed, with when they began); the most processor time
the interface's thread spent within one gap is the part of it that was the kiosk's own work.
Writes the figures to OUT.json; bench/run.py puts them in its table.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QSize, QTimer
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from slowdraw import SLOW_SVG  # noqa: E402

from kiosk.app import poll_reads, read_off_screen  # noqa: E402
from kiosk.content import load_content  # noqa: E402
from kiosk.core.control import QUIET_SECONDS, Kiosk  # noqa: E402
from kiosk.ui.main_window import KioskWindow  # noqa: E402
from kiosk.ui.theme import content_fonts  # noqa: E402

SIZE = QSize(1920, 1080)
PHOTOS = ("maya", "daniel")
TICK_MS = 10
now = time.perf_counter


class StallProbe:
    """A timer of the event loop: the longest gap between its ticks."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.last = now()
        self.longest = 0.0
        self.ticks = 0
        self.busiest = 0.0
        """The most processor time the interface's thread spent between two ticks: the part
        of a stall that is the kiosk's own work, not a busy machine's scheduling."""
        self.last_cpu = time.thread_time()
        self.gaps: list[tuple[float, int]] = []
        self.t0 = now()

    def tick(self) -> None:
        t, cpu = now(), time.thread_time()
        self.longest = max(self.longest, t - self.last)
        self.busiest = max(self.busiest, cpu - self.last_cpu)
        self.last_cpu = cpu
        if t - self.last > 0.03:
            self.gaps.append((round(self.last - self.t0, 3), round((t - self.last) * 1000)))
        self.last = t
        self.ticks += 1

    def start(self) -> None:
        self.last, self.last_cpu = now(), time.thread_time()
        self.timer.start()


def run_for(app: QApplication, ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def measure(app: QApplication, folder: Path) -> dict[str, Any]:
    shutil.copy(ROOT / "content.yaml", folder / "content.yaml")
    shutil.copytree(ROOT / "assets", folder / "assets")
    path = folder / "content.yaml"
    clock = [0.0]
    loaded = load_content(path)
    reads = read_off_screen(app)
    kiosk = Kiosk(loaded, clock=lambda: clock[0], source=path, background=reads)
    window = KioskWindow(kiosk, SIZE)
    window.apply_style(content_fonts(loaded))
    window.setFixedSize(SIZE)
    window.show()
    kiosk.reset("finish")
    window.start()
    poll = poll_reads(kiosk, window)
    run_for(app, 1500)  # the window's own building and first frames are not measured
    for name in PHOTOS:
        (path.parent / "assets" / "therapists" / f"{name}.svg").write_text(SLOW_SVG, "utf-8")
    probe = StallProbe()
    probe.start()
    started = now()
    kiosk.check_files()
    clock[0] += QUIET_SECONDS
    kiosk.check_files()  # the change has settled: its read starts in the worker
    if not kiosk.reading:
        raise RuntimeError("the change was not read")
    deadline = now() + 120
    while kiosk.content_error is None and now() < deadline:
        run_for(app, 50)
    read_s = now() - started
    run_for(app, 500)
    probe.timer.stop()
    poll.stop()
    reads.close()
    window.input.lockdown.release()
    window.input.idle.stop()
    window.hide()
    refused = kiosk.content_error or ""
    return {
        "longest_stall_ms": probe.longest * 1000,
        "busiest_gap_cpu_ms": probe.busiest * 1000,
        "ticks": probe.ticks,
        "gaps_over_30_ms": probe.gaps,
        "read_s": read_s,
        "refused": bool(refused),
        "named": [n for n in PHOTOS if f"therapists/{n}.svg" in refused],
        "still_shown": kiosk.loaded.version == loaded.version,
    }


def main() -> int:
    out = Path(sys.argv[1])
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="kiosk-stall-") as tmp:
        result = measure(app, Path(tmp))
    out.write_text(json.dumps(result))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
