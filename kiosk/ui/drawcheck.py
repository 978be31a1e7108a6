"""Each of a clinic's pictures drawn once by Qt before the kiosk shows it, under a time budget.

The content checks (`kiosk.content.pictures`) refuse what can be seen in a picture's bytes: a
cut-short PNG, a JPEG with no end, an SVG reaching outside the content folder or multiplying
its `<use>` copies. What only drawing shows (a picture Qt takes seconds to draw, a JPEG Qt's
decoder refuses) is found here: every picture is decoded or drawn by Qt in a child process,
which is stopped when a picture takes longer than the budget. The kiosk's own interface never
waits on a picture that could freeze it, and the picture is refused with its name.

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
from collections.abc import Sequence
from pathlib import Path

from ..paths import resource_root

CHILD_ARGUMENT = "_draw-check"
DRAW_SECONDS = 5.0
"""The longest one picture may take to draw (the kiosk's own take a few milliseconds)."""
START_SECONDS = 30.0
"""How long the drawing process may take to start Qt (a busy machine, a cold disk)."""
DRAW_BOX = 1024
"""Pictures are drawn to fit this square: as large as the kiosk draws any picture at 1080p."""
log = logging.getLogger("kiosk")


def _command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, CHILD_ARGUMENT]
    return [sys.executable, "-m", "kiosk", CHILD_ARGUMENT]


class DrawChecker:
    """Draws pictures in a child process; remembers the ones drawn well (by their SHA-256),
    so a reload draws only what changed. Pictures the kiosk ships are drawn by its tests."""

    def __init__(self, seconds: float = DRAW_SECONDS, skip_bundled: bool = True) -> None:
        self.seconds = seconds
        self.skip_bundled = skip_bundled
        self._good: set[str] = set()

    def __call__(self, pictures: Sequence[tuple[Path, bytes]]) -> dict[Path, str]:
        """What is wrong with each picture Qt cannot draw in time or at all (by path)."""
        bundled = (resource_root() / "assets").resolve()
        todo: list[tuple[Path, bytes, str]] = []
        for path, data in pictures:
            digest = hashlib.sha256(data).hexdigest()
            if digest in self._good or (self.skip_bundled and path.is_relative_to(bundled)):
                continue
            todo.append((path, data, digest))
        problems: dict[Path, str] = {}
        while todo:
            done, problem = self._draw(todo)
            for _, _, digest in todo[:done]:
                self._good.add(digest)
            if problem is None:
                break
            problems[todo[done][0]] = problem
            todo = todo[done + 1 :]
        return problems

    def _draw(self, todo: list[tuple[Path, bytes, str]]) -> tuple[int, str | None]:
        """Draw `todo` in order in one child: how many were drawn well, and the problem of the
        next one (None when all were)."""
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
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
                    return drawn, "makes Qt fail while drawing it (save it again)"
                if reply == "ready":
                    started = True
                elif reply == "ok":
                    drawn += 1
                else:
                    return drawn, reply.removeprefix("bad ")
                deadline = time.monotonic() + self.seconds
            return drawn, None
        finally:
            if child.poll() is None:
                child.kill()
            child.wait()
            receiver.join(timeout=5)  # the pipe ends with the child: its reader closes it


def child_main() -> int:
    """The drawing process: reads pictures as JSON lines on stdin, answers one line each."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QImageReader, QPainter
    from PySide6.QtSvg import QSvgRenderer

    pictures = [json.loads(line) for line in sys.stdin.buffer.read().splitlines() if line]
    _app = QGuiApplication(sys.argv[:1])
    QImageReader.setAllocationLimit(256)  # MB: more than any picture the checks let through
    out = sys.stdout
    out.write("ready\n")
    out.flush()
    for picture in pictures:
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
        out.write("ok\n" if problem is None else f"bad {problem}\n")
        out.flush()
    return 0
