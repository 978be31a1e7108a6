"""Each of a clinic's pictures drawn once by Qt before the kiosk shows it, under a time budget.

The content checks (`kiosk.content.pictures`) refuse what can be seen in a picture's bytes: a
cut-short PNG, a JPEG with no end, an SVG reaching outside the content folder or multiplying
its `<use>` copies. What only drawing shows (a picture Qt takes seconds to draw, a JPEG Qt's
decoder refuses) is found here: every picture is decoded or drawn by Qt in a child process,
which is stopped when a picture takes longer than the budget. The kiosk's own interface never
waits on a picture that could freeze it, and the picture is refused with its name.

The child's memory is capped (`RLIMIT_AS`, `DRAW_MEMORY_MB`, or `KIOSK_DRAW_MEMORY_MB` in the
environment) on POSIX systems: a small SVG whose filters ask for gigabytes (ten `feFlood`
results of 200 MB each) meets the cap in the child, never the kiosk PC's memory, and is refused
as needing too much memory. (Windows has no `RLIMIT_AS`: there the cap is not applied.)

This module imports Qt only in the child (`python -m kiosk _draw-check`), so `kiosk validate`
still starts without Qt; where Qt cannot start at all, nothing is drawn and nothing refused.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import logging
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from ..paths import resource_root

CHILD_ARGUMENT = "_draw-check"
DRAW_SECONDS = 5.0
"""The longest one picture may take to draw (the kiosk's own take a few milliseconds)."""
START_SECONDS = 30.0
"""How long the drawing process may take to start Qt (a busy machine, a cold disk)."""
DRAW_BOX = 1024
"""Pictures are drawn to fit this square: as large as the kiosk draws any picture at 1080p."""
FIRST_DRAW_MS = 200.0
"""The longest one picture's first draw at the kiosk's size (`DRAW_BOX`) may take, in the
drawing child's processor time: the kiosk draws each picture once per size and look, on the
screen's thread, and a visitor's tap waits for it. A picture over it is refused with its time."""
SLOW_DRAW_MS = 50.0
"""A first draw over this (and within `FIRST_DRAW_MS`) passes, with a warning naming the
picture and its time: three frames at 60 Hz, felt as a hitch when the picture first shows."""
DRAW_MEMORY_MB = 1024
"""The most memory (address space, MB) the drawing child may take: the kiosk's own pictures
need under 200 MB, and a 4 GB kiosk PC keeps room for the kiosk itself."""
MEMORY_ENV = "KIOSK_DRAW_MEMORY_MB"
"""Overrides `DRAW_MEMORY_MB` (a whole number of MB, at least 256)."""
MEMORY_WORDS = ("too big", "out of memory", "allocation limit", "cannot allocate")
"""What Qt says when an image or a filter buffer cannot be had (the cap, or Qt's own limit)."""
log = logging.getLogger("kiosk")


def _command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, CHILD_ARGUMENT]
    return [sys.executable, "-m", "kiosk", CHILD_ARGUMENT]


class DrawChecker:
    """Draws pictures in a child process; remembers the ones drawn well (by their SHA-256),
    so a reload draws only what changed. Pictures the kiosk ships are drawn by its tests."""

    def __init__(
        self,
        seconds: float = DRAW_SECONDS,
        skip_bundled: bool = True,
        memory_mb: int | None = None,
        first_draw_ms: float | None = None,
        slow_draw_ms: float | None = None,
    ) -> None:
        self.seconds = seconds
        self.first_draw_ms = FIRST_DRAW_MS if first_draw_ms is None else first_draw_ms
        self.slow_draw_ms = SLOW_DRAW_MS if slow_draw_ms is None else slow_draw_ms
        self.slow: dict[Path, float] = {}
        """Pictures that passed but are slow to draw the first time (ms), for a warning."""
        self.skip_bundled = skip_bundled
        self.memory_mb = memory_mb or memory_cap_mb()
        self.on_drawn: Callable[[Path, float | None], None] | None = None
        """Told when each picture starts to draw (None) and the seconds it took."""
        self.good: set[str] = set()
        """The SHA-256 of the pictures drawn well (kept across reloads)."""

    def __call__(self, pictures: Sequence[tuple[Path, bytes]]) -> dict[Path, str]:
        """What is wrong with each picture Qt cannot draw in time or at all (by path)."""
        bundled = (resource_root() / "assets").resolve()
        todo: list[tuple[Path, bytes, str]] = []
        for path, data in pictures:
            digest = hashlib.sha256(data).hexdigest()
            if digest in self.good or (self.skip_bundled and path.is_relative_to(bundled)):
                continue
            todo.append((path, data, digest))
        problems: dict[Path, str] = {}
        while todo:
            done, problem = self._draw(todo)
            for _, _, digest in todo[:done]:
                self.good.add(digest)
            if problem is None:
                break
            problems[todo[done][0]] = problem
            todo = todo[done + 1 :]
        return problems

    def _draw(self, todo: list[tuple[Path, bytes, str]]) -> tuple[int, str | None]:
        """Draw `todo` in order in one child: how many were drawn well, and the problem of the
        next one (None when all were)."""
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            MALLOC_ARENA_MAX="2",  # each thread's arena reserves 64 MB of address space
            **{MEMORY_ENV: str(self.memory_mb)},
        )
        env.pop("QT_QPA_PLATFORMTHEME", None)
        request = "".join(
            json.dumps({"suffix": path.suffix.lower(), "data": base64.b64encode(data).decode()})
            + "\n"
            for path, data, _ in todo
        ).encode()
        try:
            child = subprocess.Popen(
                _command(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
            )
        except OSError as error:
            log.warning("pictures not drawn before use: %s", error)
            return len(todo), None
        assert child.stdin is not None and child.stdout is not None
        stdin, stdout = child.stdin, child.stdout
        replies: queue.Queue[str | None] = queue.Queue()

        def send() -> None:  # in a thread: a child that never reads must not block us
            with contextlib.suppress(OSError):  # the child ended, or was stopped
                try:
                    stdin.write(request)
                finally:
                    stdin.close()

        def receive() -> None:  # in a thread: pipes cannot be polled on Windows
            with stdout:
                for line in stdout:
                    replies.put(line.decode("utf-8", "replace").rstrip("\r\n"))
            replies.put(None)

        threading.Thread(target=send, daemon=True).start()
        receiver = threading.Thread(target=receive, daemon=True)
        receiver.start()
        drawn = 0
        started = False
        deadline = time.monotonic() + START_SECONDS
        began = time.monotonic()

        def tell(index: int, seconds: float | None) -> None:
            if self.on_drawn is not None and index < len(todo):
                self.on_drawn(todo[index][0], seconds)

        try:
            while drawn < len(todo):
                try:
                    reply = replies.get(timeout=max(deadline - time.monotonic(), 0.0))
                except queue.Empty:
                    if not started:
                        log.warning("pictures not drawn before use: Qt did not start")
                        return len(todo), None
                    return drawn, (
                        f"takes more than {self.seconds:g} s to draw (it would freeze the"
                        " screen: simplify it, or save it as a PNG)"
                    )
                if reply is None:  # the child ended: Qt could not start, or crashed
                    if not started:
                        log.warning("pictures not drawn before use: Qt did not start")
                        return len(todo), None
                    if child.wait() != 0 and _capped():
                        return drawn, (
                            "makes Qt fail while drawing it: it needs more than"
                            f" {self.memory_mb} MB of memory, or is damaged (simplify it,"
                            " or save it again)"
                        )
                    return drawn, "makes Qt fail while drawing it (save it again)"
                if reply == "ready":
                    started = True
                    tell(0, None)
                elif reply == "ok" or reply.startswith("ok "):
                    tell(drawn, time.monotonic() - began)
                    slow = self._too_slow(todo[drawn][0], reply.removeprefix("ok").strip())
                    if slow is not None:
                        return drawn, slow
                    drawn += 1
                    tell(drawn, None)
                else:
                    tell(drawn, time.monotonic() - began)
                    return drawn, reply.removeprefix("bad ")
                began = time.monotonic()
                deadline = time.monotonic() + self.seconds
            return drawn, None
        finally:
            if child.poll() is None:
                child.kill()
            child.wait()
            receiver.join(timeout=5)  # the pipe ends with the child: its reader closes it

    def _too_slow(self, path: Path, said: str) -> str | None:
        """The problem of a picture whose first draw took `said` ms (the child's processor
        time) if over `first_draw_ms`; one over `slow_draw_ms` is noted in `slow`."""
        try:
            took = float(said)
        except ValueError:
            return None  # an older child that does not say: drawn in time
        if took > self.first_draw_ms:
            return (
                f"takes {took:.0f} ms to draw at the kiosk's size, more than the"
                f" {self.first_draw_ms:.0f} ms a screen can wait for a picture (it would"
                " freeze a visitor's tap: simplify it, or save it as a PNG)"
            )
        if took > self.slow_draw_ms:
            self.slow[path] = took
        return None

    def slow_warnings(self, content: Path) -> list[str]:
        """One line for each picture that passed but is slow to draw the first time."""
        return [
            f"{_named(path, content)}: warning: takes {took:.0f} ms to draw at the kiosk's"
            f" size (over {self.slow_draw_ms:.0f} ms, a visible hitch when it first shows;"
            f" more than {self.first_draw_ms:.0f} ms is refused): simplify it, or save it"
            " as a PNG"
            for path, took in sorted(self.slow.items())
        ]


def _named(path: Path, content: Path) -> str:
    try:
        return path.relative_to(content.resolve().parent).as_posix()
    except ValueError:
        return str(path)


def memory_cap_mb() -> int:
    """The drawing child's memory cap in MB: `KIOSK_DRAW_MEMORY_MB`, else `DRAW_MEMORY_MB`."""
    given = os.environ.get(MEMORY_ENV, "")
    if given.isdigit() and int(given) >= 256:
        return int(given)
    if given:
        log.warning(
            "%s=%s is not a whole number of MB of at least 256; using %d",
            MEMORY_ENV,
            given,
            DRAW_MEMORY_MB,
        )
    return DRAW_MEMORY_MB


def _capped() -> bool:
    """Whether this system caps the drawing child's memory (POSIX: `RLIMIT_AS`)."""
    try:
        import resource
    except ImportError:
        return False
    return hasattr(resource, "RLIMIT_AS")


def _cap_memory(megabytes: int) -> None:
    """In the child, before Qt: no more than `megabytes` of address space (POSIX)."""
    try:
        import resource
    except ImportError:  # Windows: no RLIMIT_AS (a job object would do; not here yet)
        return
    cap = megabytes * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard if hard != resource.RLIM_INFINITY else cap))


WARM_UP_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8">'
    b'<rect width="8" height="8"/></svg>'
)


def child_main() -> int:
    """The drawing process: reads pictures as JSON lines on stdin, answers one line each."""
    megabytes = memory_cap_mb()
    _cap_memory(megabytes)
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
    from PySide6.QtGui import QGuiApplication, QImageReader

    pictures = [json.loads(line) for line in sys.stdin.buffer.read().splitlines() if line]
    _app = QGuiApplication(sys.argv[:1])
    QImageReader.setAllocationLimit(256)  # MB: more than any picture the checks let through
    said: list[str] = []

    def heard(_kind: QtMsgType, _where: QMessageLogContext, message: str) -> None:
        said.append(message)

    qInstallMessageHandler(heard)
    # once before the clock starts: Qt's SVG module and its painter's first use are not
    # the first picture's own time
    _draw_one({"suffix": ".svg", "data": base64.b64encode(WARM_UP_SVG).decode()})
    out = sys.stdout
    out.write("ready\n")
    out.flush()
    for picture in pictures:
        said.clear()
        started = time.process_time()  # the drawing's own time, whatever else the PC runs
        try:
            problem = _draw_one(picture)
        except MemoryError:
            problem = ""
        took = time.process_time() - started
        if problem is None and any(w in m.lower() for m in said for w in MEMORY_WORDS):
            problem = ""
        if problem == "":
            problem = (
                f"needs more than {megabytes} MB of memory to draw (its filters or pictures"
                " are far too large: simplify it, or save it as a PNG)"
            )
        out.write(f"ok {took * 1000:.1f}\n" if problem is None else f"bad {problem}\n")
        out.flush()
    return 0


def _draw_one(picture: dict[str, str]) -> str | None:
    """Draw one picture of the request; what is wrong with it, or None."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
    from PySide6.QtGui import QImage, QImageReader, QPainter
    from PySide6.QtSvg import QSvgRenderer

    data = QByteArray(base64.b64decode(picture["data"]))
    problem: str | None = None
    if picture["suffix"] == ".svg":
        renderer = QSvgRenderer(data)
        if not renderer.isValid():
            problem = "cannot be drawn: Qt does not read it as an SVG picture"
        else:
            size = renderer.defaultSize()
            if size.isEmpty():
                size = QSize(DRAW_BOX, DRAW_BOX)
            size = size.scaled(DRAW_BOX, DRAW_BOX, Qt.AspectRatioMode.KeepAspectRatio)
            size = size.expandedTo(QSize(1, 1))
            image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(0)
            painter = QPainter(image)
            renderer.render(painter, QRectF(0, 0, size.width(), size.height()))
            painter.end()
    else:
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer)
        image = reader.read()
        if image.isNull():
            problem = f"cannot be read as a picture: {reader.errorString()}"
    return problem
