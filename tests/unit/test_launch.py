"""`kiosk run` as a kiosk starts it skips the command line's table (which imports the whole
content model); anything else goes to `kiosk.cli`, with its parsing and its messages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kiosk.launch import plain_run


def test_a_plain_full_screen_run_takes_the_short_way() -> None:
    assert plain_run(["run"]) == {"content_path": None, "metrics_file": None}
    assert plain_run(["run", "--content", "c.yaml", "--quit-after-paint"]) == {
        "content_path": Path("c.yaml"),
        "metrics_file": None,
        "quit_after_paint": True,
    }
    assert plain_run(["run", "--content=c.yaml", "--metrics-file", "m.prom"]) == {
        "content_path": Path("c.yaml"),
        "metrics_file": Path("m.prom"),
    }
    assert plain_run(["run", "--quit-when-live"])["quit_when_live"] is True  # type: ignore[index]


def test_anything_else_goes_to_the_command_line() -> None:
    for argv in (
        [],
        ["validate"],
        ["run", "--windowed"],
        ["run", "--supervise"],
        ["run", "--size", "800x600"],
        ["run", "--content"],
        ["run", "--content", "--windowed"],
        ["run", "--content="],
        ["run", "--cont", "c.yaml"],
        ["run", "-h"],
        ["run", "extra"],
    ):
        assert plain_run(argv) is None, argv


def test_the_command_line_still_answers_for_run() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "run", "--content"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2  # argparse's own message, as before
    assert "--content: expected one argument" in done.stderr
