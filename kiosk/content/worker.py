"""Content read and checked in a process of its own, under one time budget (without Qt).

Reading a content file means parsing its YAML, checking every picture and font, and drawing
each picture once: seconds for a slow picture, more for a big font. None of it may run on the
interface's thread (the visitor's screen would freeze), nor in a thread of the kiosk's process
(a library stuck in C cannot be stopped there). `ContentReads` starts a fresh process (spawned:
nothing of the kiosk's state is copied into it) for each read; the kiosk asks the read whether it
is done (`ContentRead.poll`, from a timer of its event loop) and gets the checked snapshot or the
refusal. A read that outlasts `BUDGET_SECONDS` is stopped and refused, naming the files that took
longest. What the checks learnt about fonts and pictures by their hash (`CheckMemo`, the pictures
drawn well) is carried from one read to the next, so an edit of the text checks only that.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import queue
import signal
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol

from .errors import ContentError, ContentIssue
from .loader import LoadedContent, load_content
from .snapshot import CheckMemo

if TYPE_CHECKING:
    from .checks.finding import AssetKind

BUDGET_SECONDS = 30.0
"""The longest a whole read may take (the YAML, every check and every picture drawn): more
than the default content needs by far (about 1 s), less than a clinic waits for an edit."""
SLOWEST_NAMED = 3
"""Files named when the budget runs out."""
START_GRACE_SECONDS = 20.0
"""Added to the budget for the worker process to start (Python and the checks' imports)."""

Outcome = LoadedContent | ContentError


class Drawer(Protocol):
    """A picture drawer the worker can carry from one read to the next (`DrawChecker`)."""

    good: set[str]
    on_drawn: Callable[[Path, float | None], None] | None

    def __call__(self, pictures: Sequence[tuple[Path, bytes]]) -> dict[Path, str]: ...


DrawerFactory = Callable[[], Drawer]


def _portable(loaded: LoadedContent) -> LoadedContent:
    """The snapshot with plain dicts (a read-only mapping cannot cross between processes)."""
    return dataclasses.replace(loaded, files=dict(loaded.files), shown=dict(loaded.shown))


def _settled(loaded: LoadedContent) -> LoadedContent:
    return dataclasses.replace(
        loaded,
        files=MappingProxyType(dict(loaded.files)),
        shown=MappingProxyType(dict(loaded.shown)),
    )


def _work(
    path: str,
    out: Any,
    memo_results: Mapping[tuple[AssetKind, str], str | None],
    good: set[str],
    drawer: DrawerFactory | None,
) -> None:
    """The worker process: read `path`, telling `out` each file's time, then the outcome."""
    if hasattr(os, "setpgrp"):
        os.setpgrp()  # a group of its own: stopping it stops its drawing child too

    def progress(file: Path, seconds: float | None) -> None:
        out.put(("took", str(file), seconds))

    out.put(("begin",))
    memo = CheckMemo()
    memo.results.update(memo_results)
    draw = drawer() if drawer is not None else None
    if draw is not None:
        draw.good |= good
        draw.on_drawn = progress
    try:
        loaded = load_content(path, draw=draw, memo=memo, progress=progress)
    except ContentError as error:
        outcome: tuple[Any, ...] = ("refused", tuple(error.issues))
    else:
        outcome = ("done", _portable(loaded))
    out.put(("memo", dict(memo.results), set(draw.good) if draw is not None else set()))
    out.put(outcome)


class ContentRead:
    """One read under way in its process; `poll` says how it went, once it has."""

    def __init__(self, reads: ContentReads, path: Path) -> None:
        self.reads = reads
        self.path = path
        import multiprocessing  # here: the kiosk's first frame is drawn before any read

        context = multiprocessing.get_context("spawn")
        self.queue: Any = context.Queue()
        self.started = reads.clock()
        self.begun = False
        self.times: dict[str, float] = {}
        """Seconds each file took, and for files under way, when they started (negative)."""
        self.process = context.Process(
            target=_work,
            args=(str(path), self.queue, dict(reads.memo.results), set(reads.good), reads.drawer),
            name="kiosk-content-check",
            daemon=True,
        )
        self.process.start()
        self.outcome: Outcome | None = None
        self.stopped = False
        """Stopped before its outcome (a newer read, or the kiosk quitting): says nothing more."""

    def poll(self) -> Outcome | None:
        """The outcome once the read is over (None while it runs); never blocks."""
        if self.outcome is not None or self.stopped:  # (its queue is closed)
            return self.outcome
        now = self.reads.clock()
        while self.outcome is None:
            try:
                message = self.queue.get_nowait()
            except queue.Empty:
                break
            self._take(message, now)
        if self.outcome is not None:
            self._release()
        elif now - self.started > self.reads.budget + START_GRACE_SECONDS * (not self.begun):
            self.outcome = self._over_budget(now)
            self.stop()
        elif not self.process.is_alive() and self.queue.empty():
            self.outcome = ContentError(
                [
                    ContentIssue(
                        self.path.name,
                        None,
                        "(file)",
                        f"the check of the content stopped (exit code "
                        f"{self.process.exitcode}); kiosk.log may say why",
                    )
                ]
            )
            self.stop()
        return self.outcome

    def _take(self, message: tuple[Any, ...], now: float) -> None:
        kind = message[0]
        if kind == "begin":
            self.started = now  # the budget counts from here: starting Python is not the content's
            self.begun = True
        elif kind == "took":
            _kind, file, seconds = message
            if seconds is None:
                self.times[file] = -now  # under way since `now`
            else:
                self.times[file] = float(seconds)
        elif kind == "memo":
            self.reads.memo.results.update(message[1])
            self.reads.good |= message[2]
        elif kind == "done":
            self.outcome = _settled(message[1])
        elif kind == "refused":
            self.outcome = ContentError(list(message[1]))

    def _over_budget(self, now: float) -> ContentError:
        spent = {file: (now + took if took < 0 else took) for file, took in self.times.items()}
        slowest = sorted(spent.items(), key=lambda item: -item[1])[:SLOWEST_NAMED]
        named = ", ".join(
            f"{_short(file, self.path)} ({seconds:.1f} s)" for file, seconds in slowest
        )
        return ContentError(
            [
                ContentIssue(
                    self.path.name,
                    None,
                    "(file)",
                    f"checking the content took more than {self.reads.budget:g} s, the most it"
                    " may take (it would keep an edit waiting, and a picture this slow would"
                    f" freeze the screen); the slowest files: {named or 'none finished'}."
                    " Simplify those pictures, or save them as PNG",
                )
            ]
        )

    def stop(self) -> None:
        """End the process if it still runs (a read no longer wanted, or over its budget)."""
        self.stopped = True
        if self.process.is_alive():
            if hasattr(os, "killpg") and self.process.pid is not None:
                with contextlib.suppress(OSError):
                    os.killpg(self.process.pid, signal.SIGKILL)  # its drawing child too
            self.process.kill()
        self.process.join(timeout=1)
        self._release()

    def _release(self) -> None:
        """Let go of a process that has said its outcome: it ends on its own and is reaped
        later (`multiprocessing.active_children`); the event loop never waits for that."""
        self.queue.close()
        self.queue.cancel_join_thread()
        import multiprocessing

        multiprocessing.active_children()  # reaps the ones that have ended, without waiting


def _short(file: str, content: Path) -> str:
    try:
        return Path(file).relative_to(content.resolve().parent).as_posix()
    except ValueError:
        return Path(file).name


class ContentReads:
    """Starts reads of content in worker processes (a `BackgroundLoader` for `Kiosk`)."""

    def __init__(
        self,
        drawer: DrawerFactory | None = None,
        budget: float = BUDGET_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.drawer = drawer
        self.budget = budget
        self.clock = clock
        self.memo = CheckMemo()
        self.good: set[str] = set()
        self.reading: ContentRead | None = None

    def __call__(self, path: Path) -> ContentRead:
        """Start reading `path` (a read still under way is stopped: only the newest counts)."""
        if self.reading is not None and self.reading.outcome is None:
            self.reading.stop()
        self.reading = ContentRead(self, path)
        return self.reading

    def forget(self) -> None:
        """Drop what earlier reads found: the next read checks every file again."""
        self.memo = CheckMemo()
        self.good = set()

    def close(self) -> None:
        if self.reading is not None:
            self.reading.stop()
