"""The `kiosk` program's entry (`python -m kiosk`, the `kiosk` command): `kiosk run`, the
commonest command, starts here without the command line's table, which imports the whole
content model (pydantic and every kind) before any frame; every other command, and `run`
with any option but the few below, goes to `kiosk.cli` as always.

Only `run [--content PATH] [--metrics-file PATH] [--quit-after-paint] [--quit-when-live]`
(full screen, as a kiosk runs) takes this way; the meaning of each option is `kiosk.cli`'s.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

_VALUED = {"--content": "content_path", "--metrics-file": "metrics_file"}
_FLAGS = {"--quit-after-paint": "quit_after_paint", "--quit-when-live": "quit_when_live"}


def plain_run(argv: Sequence[str]) -> dict[str, Any] | None:
    """The keywords of `kiosk.app.run` for a plain full-screen `kiosk run`, or None when
    `argv` is anything else (the command line then parses it, with its messages)."""
    if not argv or argv[0] != "run":
        return None
    given: dict[str, Any] = {"content_path": None, "metrics_file": None}
    rest = list(argv[1:])
    while rest:
        word = rest.pop(0)
        name, equals, value = word.partition("=")
        if name in _VALUED:
            if not equals:
                if not rest or rest[0].startswith("-"):
                    return None  # argparse says what is missing
                value = rest.pop(0)
            if not value:
                return None
            given[_VALUED[name]] = Path(value)
        elif word in _FLAGS:
            given[_FLAGS[word]] = True
        else:
            return None
    return given


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    plain = plain_run(words)
    if plain is None:
        from .cli import main as command_line

        return command_line(argv)
    try:
        from .app import run

        code = run(windowed=False, size=None, **plain)
    except KeyboardInterrupt:
        print("\nkiosk run: stopped by Ctrl-C; nothing more was done.", file=sys.stderr)
        return 1
    except Exception as error:  # a bug of ours: one line for the user
        if os.environ.get("KIOSK_DEBUG"):
            raise
        say_internal_error(error)
        return 1
    if argv is None:  # the program itself (not a caller that goes on): end it now
        leave(code)
    return code


def say_internal_error(error: BaseException) -> None:
    """A bug of ours, in one line for the user, the details on request (KIOSK_DEBUG=1, which
    the caller checks first to let the error go on); the command line says it so too."""
    print(
        f"kiosk: internal error: {type(error).__name__}: {error} "
        "(set KIOSK_DEBUG=1 to see the details)",
        file=sys.stderr,
    )


def leave(code: int) -> int:
    """End the process once the kiosk has quit: what Python does at exit that matters (the
    threads that write the last good copy and the start screen's picture joined, the exit
    functions run: the log flushed, the content worker's process ended), without tearing
    down every object one by one (the window's 600 widgets, every module: 130 to 200 ms of
    every stop and restart). If either step fails, Python's ordinary exit does it all."""
    import atexit
    import threading

    try:
        threading._shutdown()  # type: ignore[attr-defined]  # as Py_FinalizeEx's first step
        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
    except Exception:
        return code
    os._exit(code)
