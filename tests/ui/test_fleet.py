"""A chain's kiosk end to end (issue 20): a real `kiosk run` process on content that the
shipped timer's script brings from a repository, watched through `kiosk ctl metrics` and the
metrics file node_exporter reads."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fleet import Chain, needs_git
from kioskpage import KioskPage, shown_screen
from prometheus_client.parser import text_string_to_metric_families
from PySide6.QtCore import QPoint, QSize, Qt
from pytestqt.qtbot import QtBot
from uihelpers import build_window

from kiosk.app import watch_content
from kiosk.content import load_content
from kiosk.control_channel import SOCKET_NAME, ask
from kiosk.core.control import Kiosk
from kiosk.core.place import ATTRACT
from kiosk.ui.theme import load_fonts

ROOT = Path(__file__).resolve().parents[2]
START_MS = 60_000  # a generous bound for a cold start on a busy machine, not a timing


def samples(text: str) -> dict[str, list[tuple[dict[str, str], float]]]:
    found: dict[str, list[tuple[dict[str, str], float]]] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found.setdefault(sample.name, []).append((sample.labels, sample.value))
    return found


class Running:
    """One `kiosk run` in private folders; stopped at the end of the test."""

    def __init__(self, tmp_path: Path) -> None:
        self.runtime = Path(tempfile.mkdtemp(prefix="k", dir="/tmp"))  # short socket path
        self.log = tmp_path / "log"
        self.env = {
            **os.environ,
            "XDG_RUNTIME_DIR": str(self.runtime),
            "KIOSK_LOG_DIR": str(self.log),
            "KIOSK_DATA_DIR": str(tmp_path / "data"),
            "QT_QPA_PLATFORM": "offscreen",
        }
        self.env.pop("KIOSK_CONTROL_NAME", None)
        self.socket = str(self.runtime / SOCKET_NAME)
        self.process: subprocess.Popen[str] | None = None

    def start(self, *args: str, **env: str) -> subprocess.Popen[str]:
        self.env.update(env)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "run", "--windowed", *args],
            cwd=ROOT,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        return self.process

    def ctl(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "kiosk", "ctl", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
        )

    def answers(self) -> bool:
        return ask("status", self.socket, timeout_ms=500) is not None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
        if self.process is not None:
            self.process.communicate()
        shutil.rmtree(self.runtime, ignore_errors=True)


@pytest.fixture
def running(tmp_path: Path) -> Iterator[Running]:
    kiosk = Running(tmp_path)
    yield kiosk
    kiosk.stop()


def test_metrics_over_the_socket_and_in_the_file(
    qtbot: QtBot, running: Running, tmp_path: Path
) -> None:
    folder = tmp_path / "textfile"
    folder.mkdir()
    prom = folder / "clinic-kiosk.prom"
    process = running.start(
        "--metrics-file", str(prom), KIOSK_SUPERVISOR_CRASHES="2", KIOSK_ID="elm-road-1"
    )
    qtbot.waitUntil(running.answers, timeout=START_MS)
    qtbot.waitUntil(prom.exists, timeout=START_MS)
    written = samples(prom.read_text("utf-8"))
    assert written["kiosk_up"] == [({}, 1.0)]
    assert written["kiosk_supervisor_crashes_total"] == [({}, 2.0)]
    [(info, _)] = written["kiosk_content_info"]
    assert info["kiosk_id"] == "elm-road-1"

    asked = running.ctl("metrics")
    assert asked.returncode == 0, asked.stderr
    told = samples(asked.stdout)
    assert told["kiosk_content_info"] == written["kiosk_content_info"]
    assert told["kiosk_start_time_seconds"] == written["kiosk_start_time_seconds"]

    process.send_signal(signal.SIGTERM)  # systemctl stop: the file says the kiosk is down
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=START_MS)
    assert process.returncode == 0
    assert samples(prom.read_text("utf-8"))["kiosk_up"] == [({}, 0.0)]
    assert [name for name in os.listdir(folder)] == ["clinic-kiosk.prom"]


def test_a_metrics_file_that_cannot_be_written_is_logged_and_the_kiosk_runs_on(
    qtbot: QtBot, running: Running, tmp_path: Path
) -> None:
    prom = tmp_path / "no-such-folder" / "clinic-kiosk.txt"
    process = running.start("--metrics-file", str(prom))
    qtbot.waitUntil(running.answers, timeout=START_MS)
    log = running.log / "kiosk.log"
    qtbot.waitUntil(
        lambda: log.exists() and f"cannot write the metrics file {prom}" in log.read_text(),
        timeout=START_MS,
    )
    assert "does not end in .prom: node_exporter's textfile collector" in log.read_text()
    assert "metrics written to" not in log.read_text()  # it was not: no line says it was
    assert process.poll() is None
    for _poll in range(3):  # a monitor asking again and again: no line of the log each time
        asked = running.ctl("status")
        assert asked.returncode == 0, asked.stderr
    assert "control channel: status" not in log.read_text()
    assert running.ctl("reset").returncode == 0  # an action is logged
    qtbot.waitUntil(lambda: "control channel: reset" in log.read_text(), timeout=START_MS)


@needs_git
def test_a_running_kiosk_applies_a_pushed_commit_with_the_commit_as_its_version(
    qtbot: QtBot, running: Running, tmp_path: Path, content_text: str
) -> None:
    chain = Chain(tmp_path, content_text)
    first = chain.push(content_text, "first")
    assert chain.sync().returncode == 0
    running.start("--content", str(chain.live))
    qtbot.waitUntil(running.answers, timeout=START_MS)
    status = ask("status", running.socket)
    assert status is not None and status["content_version"] == first[:12]

    second = chain.push(content_text.replace("Willow Street", "Elm Road"), "renamed")
    done = chain.sync()
    assert done.returncode == 0, done.stderr

    def version() -> str:
        reply = ask("status", running.socket, timeout_ms=1000) or {}
        return str(reply.get("content_version"))

    qtbot.waitUntil(lambda: version() == second[:12], timeout=START_MS)
    shown = running.ctl("status")
    assert f"content_version: {second[:12]}" in shown.stdout
    assert f"content_commit: {second}" in shown.stdout


@needs_git
def test_the_window_takes_a_pushed_commit_between_visits(
    qtbot: QtBot, tmp_path: Path, content_text: str
) -> None:
    """In the window's own loop (its 2 s look at the files): a visitor in the middle of a visit
    keeps the content they began with; the next visitor sees the new commit."""
    chain = Chain(tmp_path, content_text)
    first = chain.push(content_text, "first")
    assert chain.sync().returncode == 0
    kiosk = Kiosk(load_content(chain.live), source=chain.live)
    window = build_window(
        qtbot, kiosk, QSize(1280, 720), tap_guard_seconds=0, transition_ms=0, fonts=load_fonts(None)
    )
    page = KioskPage(qtbot, window)
    kiosk.reset("finish")
    page.watch_for_idle()
    watch_content(kiosk, window)  # as `kiosk run` does: a look at the files every 2 s
    assert kiosk.version == first[:12]
    qtbot.mouseClick(shown_screen(window), Qt.MouseButton.LeftButton, pos=QPoint(200, 200))
    assert kiosk.session.current.name == "screen:welcome"

    second = chain.push(content_text.replace("Willow Street", "Elm Road"), "renamed")
    assert chain.sync().returncode == 0
    qtbot.waitUntil(lambda: kiosk.pending is not None, timeout=START_MS)
    assert kiosk.session.current.name == "screen:welcome"  # the visit goes on, untouched
    assert any("Willow Street" in text for text in page.texts())
    assert not any("Elm Road" in text for text in page.texts())
    kiosk.session.reset("idle")  # the visitor walked away: the idle countdown's reset
    assert kiosk.session.current == ATTRACT
    assert kiosk.version == second[:12]
    assert any("Elm Road" in text for text in page.texts())


def test_the_metrics_file_is_written_on_its_cadence_not_when_a_visit_ends(
    qtbot: QtBot, qapp: object, tmp_path: Path, content_text: str
) -> None:
    """Issue 28: during a rollout the metrics file changed the second a visit ended (new
    content is applied then), so a scrape could time a visitor's Finish. The file is written
    at the start and then every 15 s only: a visit's end and the content applied after it
    show at the next tick, not at once."""
    from PySide6.QtCore import QTimer

    from kiosk.app import keep_metrics_file

    source = tmp_path / "content.yaml"
    source.write_text(content_text, "utf-8")
    kiosk = Kiosk(load_content(source))
    prom = tmp_path / "clinic-kiosk.prom"
    keep_metrics_file(kiosk, prom, qapp)  # type: ignore[arg-type]
    timer = next(t for t in qapp.findChildren(QTimer) if t.objectName() == "kiosk-metrics-file")  # type: ignore[attr-defined]
    try:
        first = prom.read_text("utf-8")
        kiosk.session.start()
        source.write_text(content_text.replace("Willow Street", "Elm Road"), "utf-8")
        assert kiosk.reload(from_afar=True).ok  # valid: waits for the visit to end
        kiosk.pause()  # the visit ends: the new content is applied, the kiosk paused
        assert kiosk.pending is None and kiosk.paused
        qtbot.wait(50)
        assert prom.read_text("utf-8") == first
        timer.timeout.emit()  # the next tick of the 15 s cadence
        assert samples(prom.read_text("utf-8"))["kiosk_paused"] == [({}, 1.0)]
    finally:
        timer.stop()
        timer.deleteLater()
