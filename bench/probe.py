"""Runs a program in this process (as `python -m MODULE` or `python SCRIPT` would) and
records, on the system-wide monotonic clock, when its first frame was painted.

    python bench/probe.py OUT.json -m kiosk run --quit-after-paint
    python bench/probe.py OUT.json bench/bare_window.py

The parent puts its `time.monotonic()` from just before the spawn in BENCH_T0. When the
program calls `QApplication.exec()`, an application-wide event filter is installed; it notes
the first Paint event delivered to a top-level widget (the start of the first frame) and
`aboutToQuit` (both programs quit through a 0 ms timer right after their first paint, so
this is the end of the first frame: painted, flushed, timer fired). At the end the probe
writes those times, and VmHWM (peak resident memory) from /proc/self/status, to OUT.json.

The probe imports PySide6.QtWidgets before the program does (to hook `exec`); both
programs import it anyway, so the total start-up work is the same.
"""

from __future__ import annotations

import atexit
import json
import os
import runpy
import sys
import time
from pathlib import Path
from typing import Any

T_MAIN = time.monotonic()

from PySide6.QtCore import QEvent, QObject  # noqa: E402 (after the first timestamp)
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

marks: dict[str, Any] = {"t_main": T_MAIN}


class FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            "t_first_paint" not in marks
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.isWindow()
        ):
            marks["t_first_paint"] = time.monotonic()
            marks["first_painted"] = type(watched).__name__
        return False


_original_exec = QApplication.exec
_filter = FirstPaint()


def _exec(*args: object) -> int:
    app = QApplication.instance()
    if app is not None:
        app.installEventFilter(_filter)
        app.aboutToQuit.connect(lambda: marks.setdefault("t_quit", time.monotonic()))
    marks["t_exec"] = time.monotonic()
    return int(_original_exec())


QApplication.exec = staticmethod(_exec)  # type: ignore[method-assign, assignment]


def vm_hwm_kib() -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def write(out: Path, code: object) -> None:
    if "t_end" in marks:
        return  # written already
    marks["t_end"] = time.monotonic()
    marks["vm_hwm_kib"] = vm_hwm_kib()
    marks["t0"] = float(os.environ.get("BENCH_T0", "nan"))
    marks["exit_code"] = code
    out.write_text(json.dumps(marks))


def main() -> int:
    out = Path(sys.argv[1])
    target = sys.argv[2:]
    code: object = 0
    # a program that ends its process itself once done (`kiosk.launch.leave`) runs the exit
    # functions first: the marks are written then
    atexit.register(lambda: write(out, "ended by the program"))
    try:
        if target[0] == "-m":
            sys.argv = [target[1], *target[2:]]
            runpy.run_module(target[1], run_name="__main__", alter_sys=True)
        else:
            sys.argv = target
            sys.path.insert(0, str(Path(target[0]).resolve().parent))
            runpy.run_path(target[0], run_name="__main__")
    except SystemExit as done:
        code = done.code
    write(out, code)
    return code if isinstance(code, int) else 1


if __name__ == "__main__":
    sys.exit(main())
