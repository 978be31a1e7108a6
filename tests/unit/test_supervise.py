"""`kiosk run --supervise`: restart on a crash with back-off, stop on a deliberate quit."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from kiosk import supervise as supervise_module
from kiosk.supervise import child_command, supervise

COMMAND = ["kiosk", "run"]


class Script:
    """A fake child and a fake clock: each spawn 'runs' for a scripted time, then ends with a
    scripted exit code, raises the scripted exception or raises KeyboardInterrupt."""

    def __init__(self, outcomes: Sequence[int | BaseException], runtimes: Sequence[float] = ()):
        self.outcomes = list(outcomes)
        self.runtimes = list(runtimes)
        self.now = 1000.0
        self.sleeps: list[float] = []
        self.commands: list[list[str]] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def spawn(self, command: Sequence[str]) -> int:
        self.commands.append(list(command))
        if not self.outcomes:
            raise AssertionError("spawned more often than scripted")
        outcome = self.outcomes.pop(0)
        self.now += self.runtimes.pop(0) if self.runtimes else 1.0
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    def run(self, **kwargs: float) -> int:
        return supervise(COMMAND, sleep=self.sleep, clock=self.clock, spawn=self.spawn, **kwargs)


def crash_messages(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_exit_zero_is_a_deliberate_quit_and_is_not_restarted() -> None:
    script = Script([0])
    assert script.run() == 0
    assert script.commands == [COMMAND]
    assert script.sleeps == []


def test_crashes_restart_with_doubling_backoff_and_count_in_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.supervise")
    script = Script([1, 3, -9, 0])
    assert script.run() == 0
    assert len(script.commands) == 4
    assert script.sleeps == [1, 2, 4]
    messages = crash_messages(caplog)
    assert messages == [
        "kiosk exited with code 1 (crash 1 since the supervisor started); restarting in 1 s",
        "kiosk exited with code 3 (crash 2 since the supervisor started); restarting in 2 s",
        "kiosk exited with code -9, killed by SIGKILL "
        "(crash 3 since the supervisor started); restarting in 4 s",
    ]
    assert all(r.levelno == logging.ERROR for r in caplog.records if r.levelno >= logging.WARNING)


def test_backoff_is_capped() -> None:
    script = Script([1] * 8 + [0])
    assert script.run(max_backoff=10) == 0
    assert script.sleeps == [1, 2, 4, 8, 10, 10, 10, 10]


def test_default_cap_is_sixty_seconds() -> None:
    script = Script([1] * 9 + [0])
    assert script.run() == 0
    assert script.sleeps == [1, 2, 4, 8, 16, 32, 60, 60, 60]


def test_backoff_resets_after_a_stable_run(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.supervise")
    # three quick crashes, then one after a long stable run, then quick ones again
    script = Script([1, 1, 1, 1, 1, 0], runtimes=[1, 1, 1, 300, 1, 1])
    assert script.run(stable_after=300) == 0
    assert script.sleeps == [1, 2, 4, 1, 2]
    # the crash count is since the supervisor started: it is not reset with the back-off
    assert "crash 4 since the supervisor started); restarting in 1 s" in crash_messages(caplog)[3]


def test_a_run_just_short_of_stable_does_not_reset_the_backoff() -> None:
    script = Script([1, 1, 1, 0], runtimes=[1, 1, 299.5, 1])
    assert script.run(stable_after=300) == 0
    assert script.sleeps == [1, 2, 4]


def test_oserror_on_start_is_logged_and_retried(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.supervise")
    missing = FileNotFoundError(2, "No such file or directory")
    script = Script([missing, missing, 0])
    assert script.run() == 0
    assert len(script.commands) == 3
    assert script.sleeps == [1, 2]
    messages = crash_messages(caplog)
    assert len(messages) == 2
    assert messages[0].startswith("cannot start the kiosk (kiosk): ")
    assert "No such file or directory" in messages[0]
    assert "crash 1 since the supervisor started" in messages[0]
    assert all(r.exc_info is None for r in caplog.records)  # one line, never a traceback


def test_keyboard_interrupt_returns_130() -> None:
    script = Script([1, KeyboardInterrupt()])
    assert script.run() == 130
    assert len(script.commands) == 2


def test_keyboard_interrupt_during_backoff_returns_130() -> None:
    script = Script([1])

    def interrupted(seconds: float) -> None:
        raise KeyboardInterrupt

    assert supervise(COMMAND, sleep=interrupted, clock=script.clock, spawn=script.spawn) == 130


def test_sigterm_in_the_supervisor_returns_143() -> None:
    script = Script([supervise_module._Terminated()])
    assert script.run() == 143


def test_supervisor_logs_to_the_given_logger(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    logger = logging.getLogger("test.clinic")
    script = Script([5, 0])
    assert (
        supervise(COMMAND, sleep=script.sleep, clock=script.clock, spawn=script.spawn, log=logger)
        == 0
    )
    assert [r.name for r in caplog.records if r.levelno >= logging.WARNING] == ["test.clinic"]


def test_empty_command_is_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        supervise([], spawn=lambda command: 0)


def test_child_command_not_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/venv/bin/python")
    assert child_command(["run", "--supervise", "--windowed"]) == [
        "/opt/venv/bin/python",
        "-m",
        "kiosk",
        "run",
        "--windowed",
    ]


def test_child_command_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", r"C:\clinic-kiosk\kiosk.exe")
    assert child_command(["run", "--content", "c.yaml", "--supervise"]) == [
        r"C:\clinic-kiosk\kiosk.exe",
        "run",
        "--content",
        "c.yaml",
    ]


def test_child_command_without_the_flag_is_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    command = child_command(["run", "--size", "1280x720"])
    assert command == [sys.executable, "-m", "kiosk", "run", "--size", "1280x720"]


def test_real_child_process_crashes_twice_then_quits(tmp_path: Path) -> None:
    counter = tmp_path / "runs"
    script = (
        "import pathlib, sys\n"
        f"counter = pathlib.Path({str(counter)!r})\n"
        "runs = int(counter.read_text()) + 1 if counter.exists() else 1\n"
        "counter.write_text(str(runs))\n"
        "sys.exit(3 if runs <= 2 else 0)\n"
    )
    sleeps: list[float] = []
    assert supervise([sys.executable, "-c", script], sleep=sleeps.append) == 0
    assert counter.read_text() == "3"
    assert sleeps == [1, 2]


def test_real_missing_program_is_a_crash_not_a_traceback(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.supervise")
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        if len(sleeps) == 2:
            raise KeyboardInterrupt  # the only way out of a program that never starts

    assert supervise([str(tmp_path / "no-such-kiosk")], sleep=sleep) == 130
    assert sleeps == [1, 2]
    assert "cannot start the kiosk" in crash_messages(caplog)[0]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize(("signum", "expected"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_stopping_the_supervisor_stops_the_kiosk(
    tmp_path: Path, signum: signal.Signals, expected: int
) -> None:
    pid_file = tmp_path / "child.pid"
    child = (
        "import os, pathlib, time\n"
        f"pathlib.Path({str(pid_file)!r}).write_text(str(os.getpid()))\n"
        "try:\n"
        "    time.sleep(60)\n"
        "except KeyboardInterrupt:\n"  # like the kiosk's own command line
        "    raise SystemExit(1) from None\n"
    )
    supervisor = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\nfrom kiosk.supervise import supervise\n"
            f"sys.exit(supervise([sys.executable, '-c', {child!r}]))\n",
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 20
        while not (pid_file.exists() and pid_file.read_text()):
            assert time.monotonic() < deadline, "the child never started"
            assert supervisor.poll() is None, supervisor.communicate()[1]
            time.sleep(0.02)
        child_pid = int(pid_file.read_text())
        supervisor.send_signal(signum)
        _, stderr = supervisor.communicate(timeout=20)
    finally:
        if supervisor.poll() is None:
            supervisor.kill()
            supervisor.wait()
    assert supervisor.returncode == expected, stderr
    assert "Traceback" not in stderr
    with pytest.raises(ProcessLookupError):  # the child is gone (and reaped by the supervisor)
        os.kill(child_pid, 0)
