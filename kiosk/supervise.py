"""Keep the kiosk running on machines without systemd: `kiosk run --supervise`.

On Linux with systemd the shipped user unit (`docs/clinic-kiosk.service`) restarts the kiosk
when it dies. Where there is no systemd (a Windows PC started by a log-on task, a bare X
session started from `.xinitrc`, an embedded board), `kiosk run --supervise` does the same job:
this process stays small and Qt-free, starts the real kiosk as a child process and watches it.

- The child exits with 0: the receptionist chose "Quit to desktop" on purpose. The supervisor
  exits with 0 as well and does not restart it.
- Any other exit code, or death by a signal (a negative code), is a crash. It is logged with a
  running count ("crash 3 since the supervisor started") and the kiosk is started again after
  a back-off of 1, 2, 4, 8 ... seconds, capped at `max_backoff`. A child that ran for at least
  `stable_after` seconds before it died starts the back-off again at 1 s, so a kiosk that
  crashes once a week always comes back after a second, while one that cannot start at all
  (no display yet, a broken install) does not spin the CPU.
- A child that cannot be started at all (`OSError`: a missing or non-executable program) is
  logged in one line and counted as a crash, with the same back-off; never a traceback.
- Each child is told the crashes counted so far (the environment variable
  `KIOSK_SUPERVISOR_CRASHES`), which its metrics report (`kiosk_supervisor_crashes_total`).
- Stopping the supervisor stops the kiosk: SIGTERM (e.g. `kill`, a service manager) and
  SIGINT (Ctrl+C) are passed on to the child, which is killed if it has not gone after a few
  seconds. The supervisor then exits with 143 (SIGTERM) or 130 (Ctrl+C).

This module never imports Qt and uses the standard library only.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from types import FrameType

__all__ = ["child_command", "supervise"]

SUPERVISE_FLAG = "--supervise"
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what a shell reports after Ctrl+C
EXIT_TERMINATED = 143  # 128 + SIGTERM
STOP_TIMEOUT = 5.0  # seconds the child gets to exit after the signal before it is killed
CRASHES_ENV = "KIOSK_SUPERVISOR_CRASHES"
"""Set for each child: the crashes counted so far, which its metrics report."""

_log = logging.getLogger(__name__)


class _Terminated(BaseException):
    """Raised in the supervisor by its SIGTERM handler; a BaseException like KeyboardInterrupt,
    so that no `except Exception` on the way swallows it."""


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise _Terminated


@contextmanager
def _sigterm_raises() -> Iterator[None]:
    """While inside, SIGTERM raises `_Terminated` (only possible in the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _stop_child(child: subprocess.Popen[bytes], signum: int) -> None:
    """Pass `signum` on to the child, give it STOP_TIMEOUT seconds, then kill it."""
    try:
        if child.poll() is None:
            if os.name == "nt":  # Windows can send neither SIGINT nor SIGTERM to a process
                child.terminate()
            else:
                child.send_signal(signum)
            with suppress(subprocess.TimeoutExpired):
                child.wait(timeout=STOP_TIMEOUT)
    finally:  # also when a second Ctrl+C arrives while waiting: never leave the kiosk behind
        if child.poll() is None:
            child.kill()
            child.wait()


def _call(command: Sequence[str]) -> int:
    """Run `command` and return its exit code (negative: killed by that signal), like
    `subprocess.call`, but stop the child when the supervisor is interrupted or terminated."""
    child = subprocess.Popen(list(command))
    try:
        return child.wait()
    except KeyboardInterrupt:
        _stop_child(child, signal.SIGINT)
        raise
    except BaseException:
        _stop_child(child, signal.SIGTERM)
        raise


def _describe_exit(code: int) -> str:
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"kiosk exited with code {code}, killed by {name}"
    return f"kiosk exited with code {code}"


def supervise(
    command: Sequence[str],
    *,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    spawn: Callable[[Sequence[str]], int] | None = None,
    log: logging.Logger | None = None,
    max_backoff: float = 60.0,
    stable_after: float = 300.0,
) -> int:
    """Run `command` and start it again whenever it crashes; return the supervisor's exit code.

    `spawn` runs the command to its end and returns its exit code (default: a child process,
    with SIGTERM and SIGINT passed on to it). `sleep` and `clock` are injectable so that tests
    need not wait. Returns 0 when the child quit deliberately (exit code 0), 130 after Ctrl+C
    and 143 after SIGTERM; in both of those the child has been stopped.
    """
    if not command:
        raise ValueError("supervise: the command is empty")
    if max_backoff <= 0:
        raise ValueError(f"supervise: max_backoff must be positive, got {max_backoff}")
    run_child = _call if spawn is None else spawn
    logger = _log if log is None else log
    shown = " ".join(command)
    crashes = 0
    backoff = 1.0
    with _sigterm_raises():
        try:
            while True:
                logger.info("starting the kiosk: %s", shown)
                os.environ[CRASHES_ENV] = str(crashes)  # the child inherits it
                started = clock()
                try:
                    code = run_child(command)
                except OSError as error:
                    problem = f"cannot start the kiosk ({command[0]}): {error}"
                else:
                    if code == 0:
                        logger.info("kiosk quit on purpose (exit code 0); not restarting it")
                        return 0
                    problem = _describe_exit(code)
                ran = clock() - started
                crashes += 1
                if ran >= stable_after:
                    backoff = 1.0
                delay = min(backoff, max_backoff)
                logger.error(
                    "%s (crash %d since the supervisor started); restarting in %s s",
                    problem,
                    crashes,
                    f"{delay:g}",
                )
                sleep(delay)
                backoff = min(backoff * 2, max_backoff)
        except KeyboardInterrupt:
            logger.warning("supervisor interrupted (Ctrl+C); the kiosk is stopped")
            return EXIT_INTERRUPTED
        except _Terminated:
            logger.warning("supervisor terminated (SIGTERM); the kiosk is stopped")
            return EXIT_TERMINATED


def child_command(argv: Sequence[str]) -> list[str]:
    """The command that runs this same program with `argv`, minus `--supervise`.

    `argv` is the argument list of `run`, e.g. `["run", "--supervise", "--windowed"]`. Frozen
    (a PyInstaller bundle) the program is `sys.executable` itself; otherwise it is
    `sys.executable -m kiosk`, which does not depend on the working directory or on PATH.
    """
    arguments = [argument for argument in argv if argument != SUPERVISE_FLAG]
    if getattr(sys, "frozen", False):
        return [sys.executable, *arguments]
    return [sys.executable, "-m", "kiosk", *arguments]
