"""`kiosk ctl` and `kiosk run` as separate processes, talking over a real local socket."""

from __future__ import annotations

import json
import logging
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fakes import FakeClock
from PySide6.QtNetwork import QLocalSocket
from pytestqt.qtbot import QtBot
from visits import MASSAGE

from kiosk.content import load_content
from kiosk.control_channel import ControlServer, ask
from kiosk.core.control import Kiosk
from kiosk.core.place import ATTRACT

ROOT = Path(__file__).resolve().parents[2]
Writer = Callable[[str], Path]


@pytest.fixture
def channel(tmp_path: Path) -> str:
    # a short path: Unix socket paths are limited to about 100 bytes
    return str(Path(os.environ["XDG_RUNTIME_DIR"]) / f"t{os.getpid()}-{tmp_path.name[-12:]}")


def kiosk_process(*args: str, channel: str, tmp_path: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "KIOSK_CONTROL_NAME": channel,
        "KIOSK_LOG_DIR": str(tmp_path / "log"),
        "KIOSK_DATA_DIR": str(tmp_path / "data"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk", *args],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(qtbot: QtBot, process: subprocess.Popen[str]) -> tuple[int, str, str]:
    """Let the server in this process answer while the other process runs."""
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=20_000)
    out, err = process.communicate()
    return process.returncode, out, err


@pytest.fixture
def serving(
    qtbot: QtBot, channel: str, content_text: str, write_content: Writer
) -> tuple[Kiosk, ControlServer]:
    kiosk = Kiosk(load_content(write_content(content_text)))
    server = ControlServer(kiosk.command, channel)
    assert server.listen()
    yield kiosk, server
    server.close()


def test_status_over_the_socket(
    qtbot: QtBot, serving: tuple[Kiosk, ControlServer], channel: str, tmp_path: Path
) -> None:
    kiosk, _ = serving
    kiosk.session.start()
    code, out, err = finish(
        qtbot, kiosk_process("ctl", "status", channel=channel, tmp_path=tmp_path)
    )
    assert code == 0, err
    assert "screen: screen:welcome" in out
    assert "visit_under_way: True" in out
    assert f"content_path: {kiosk.loaded.path}" in out
    assert "uptime_seconds:" in out and "content_version:" in out


def test_reset_over_the_socket_wipes_the_visit(
    qtbot: QtBot, serving: tuple[Kiosk, ControlServer], channel: str, tmp_path: Path
) -> None:
    kiosk, _ = serving
    kiosk.session.start()
    kiosk.session.answers.update(MASSAGE)
    process = kiosk_process("ctl", "reset", "--json", channel=channel, tmp_path=tmp_path)
    code, out, err = finish(qtbot, process)
    assert code == 0, err
    assert json.loads(out)["ok"] is True
    assert kiosk.session.current == ATTRACT and kiosk.session.answers == {}
    assert kiosk.figures.ended == {"control": 1}


def test_pause_and_resume_over_the_socket(
    qtbot: QtBot, serving: tuple[Kiosk, ControlServer], channel: str, tmp_path: Path
) -> None:
    kiosk, _ = serving
    assert finish(qtbot, kiosk_process("ctl", "pause", channel=channel, tmp_path=tmp_path))[0] == 0
    assert kiosk.paused
    assert finish(qtbot, kiosk_process("ctl", "resume", channel=channel, tmp_path=tmp_path))[0] == 0
    assert not kiosk.paused


def test_a_bad_reload_exits_non_zero_and_says_why(
    qtbot: QtBot,
    serving: tuple[Kiosk, ControlServer],
    channel: str,
    tmp_path: Path,
    content_text: str,
    write_content: Writer,
) -> None:
    write_content(content_text.replace("version: 1", "version: 7"))
    code, out, _ = finish(qtbot, kiosk_process("ctl", "reload", channel=channel, tmp_path=tmp_path))
    assert code == 1
    assert "last good content" in out and "version" in out


def test_ctl_with_no_kiosk_running_says_so(channel: str, tmp_path: Path) -> None:
    process = kiosk_process("ctl", "status", channel=channel, tmp_path=tmp_path)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 1
    assert "no kiosk is running" in err


def test_a_second_kiosk_refuses_to_start(
    qtbot: QtBot, serving: tuple[Kiosk, ControlServer], channel: str, tmp_path: Path
) -> None:
    process = kiosk_process("run", "--windowed", channel=channel, tmp_path=tmp_path)
    code, _, err = finish(qtbot, process)
    assert code == 1
    assert "already running" in err


def test_a_stale_socket_is_replaced(
    qtbot: QtBot, channel: str, content_text: str, write_content: Writer
) -> None:
    left_behind = socket.socket(socket.AF_UNIX)
    left_behind.bind(channel)  # a kiosk that crashed: its socket file stays, nobody listens
    left_behind.close()
    kiosk = Kiosk(load_content(write_content(content_text)))
    server = ControlServer(kiosk.command, channel)
    try:
        assert server.listen()
    finally:
        server.close()


def test_a_file_that_is_not_our_socket_is_refused_never_deleted(
    channel: str, content_text: str, write_content: Writer, caplog: pytest.LogCaptureFixture
) -> None:
    Path(channel).write_text("somebody's notes", "utf-8")
    kiosk = Kiosk(load_content(write_content(content_text)))
    server = ControlServer(kiosk.command, channel)
    try:
        assert not server.listen()
    finally:
        server.close()
        assert Path(channel).read_text("utf-8") == "somebody's notes"
        Path(channel).unlink()
    assert "is there and is not the kiosk's socket; it was left alone" in caplog.text


def test_a_socket_in_a_folder_others_can_write_is_refused(
    tmp_path: Path, content_text: str, write_content: Writer, caplog: pytest.LogCaptureFixture
) -> None:
    shared = Path(tempfile.mkdtemp(prefix="k", dir="/tmp"))
    try:
        shared.chmod(0o1777)  # like /tmp: anyone could have made the socket first
        kiosk = Kiosk(load_content(write_content(content_text)))
        server = ControlServer(kiosk.command, str(shared / "c.sock"))
        assert not server.listen()
        server.close()
        assert "can be written by other users" in caplog.text
        env = {**os.environ, "KIOSK_CONTROL_NAME": str(shared / "c.sock")}
        done = subprocess.run(
            [sys.executable, "-m", "kiosk", "ctl", "status"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 1
        assert "can be written by other users; nothing was sent." in done.stderr
    finally:
        shutil.rmtree(shared)


def test_a_garbled_request_gets_an_answer_not_a_crash(
    serving: tuple[Kiosk, ControlServer],
) -> None:
    _, server = serving
    assert server._reply(b"\xff\xfe")["ok"] is False
    assert "unknown command" in server._reply(b"format c:")["message"]


def test_the_kiosk_starts_paints_logs_and_quits(channel: str, tmp_path: Path) -> None:
    """The whole start-up path, offscreen: content, window, socket, log file, first paint."""
    process = kiosk_process("run", "--quit-after-paint", channel=channel, tmp_path=tmp_path)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    log_text = (tmp_path / "log" / "kiosk.log").read_text("utf-8")
    assert "kiosk started with" in log_text
    assert "control channel listening" in log_text
    assert ask("status", channel, timeout_ms=200) is None  # the socket went with it


def test_a_kiosk_started_on_a_broken_file_runs_the_last_good_content(
    channel: str, tmp_path: Path, content_text: str, write_content: Writer
) -> None:
    """A bad edit made while the kiosk was off (or a power cut after one): the kiosk starts
    on the copy of the content it last ran, never leaving visitors the desktop, and says why in
    its log; with no copy it cannot start, and its log says that too."""
    path = write_content(content_text)
    first = kiosk_process(
        "run", "--quit-after-paint", "--content", str(path), channel=channel, tmp_path=tmp_path
    )
    _, err = first.communicate(timeout=60)
    assert first.returncode == 0, err
    path.write_text(content_text.replace("idle_seconds: 90", "idle_seconds: soon"), "utf-8")
    again = kiosk_process(
        "run", "--quit-after-paint", "--content", str(path), channel=channel, tmp_path=tmp_path
    )
    _, err = again.communicate(timeout=60)
    assert again.returncode == 0, err
    assert "settings.idle_seconds: expected a whole number" in err
    log_text = (tmp_path / "log" / "kiosk.log").read_text("utf-8")
    assert f"content refused at start: {path}; running the last good content" in log_text
    assert log_text.rstrip().count("kiosk started with") == 2
    shutil.rmtree(tmp_path / "data" / "last-good")
    last = kiosk_process(
        "run", "--quit-after-paint", "--content", str(path), channel=channel, tmp_path=tmp_path
    )
    _, err = last.communicate(timeout=60)
    assert last.returncode == 1
    log_text = (tmp_path / "log" / "kiosk.log").read_text("utf-8")
    assert f"content refused at start: {path}; the kiosk cannot start." in log_text


# -- a client that misbehaves --------------------------------------------------------------------


def connect(qtbot: QtBot, channel: str) -> QLocalSocket:
    client = QLocalSocket()
    client.connectToServer(channel)
    qtbot.waitUntil(lambda: client.state() == QLocalSocket.LocalSocketState.ConnectedState)
    return client


def closed(client: QLocalSocket) -> bool:
    return client.state() == QLocalSocket.LocalSocketState.UnconnectedState


def reply_of(qtbot: QtBot, client: QLocalSocket) -> dict[str, object]:
    data = bytearray()

    def whole() -> bool:
        data.extend(client.readAll().data())
        return b"\n" in data

    qtbot.waitUntil(whole)
    reply = json.loads(bytes(data).split(b"\n", 1)[0])
    assert isinstance(reply, dict)
    return reply


@pytest.fixture
def strict(
    channel: str, content_text: str, write_content: Writer, clock: FakeClock
) -> Iterator[ControlServer]:
    """The kiosk's server (idle connections closed after 2 s), serving 3 at once (8 in the
    kiosk), on a clock the test moves."""
    kiosk = Kiosk(load_content(write_content(content_text)))
    server = ControlServer(kiosk.command, channel, max_clients=3, clock=clock)
    assert server.listen()
    yield server
    server.close()


def test_a_connection_that_never_ends_its_line_is_closed(
    qtbot: QtBot, strict: ControlServer, channel: str, clock: FakeClock
) -> None:
    silent = connect(qtbot, channel)
    silent.write(b"s" * 255)  # no newline, and then nothing
    qtbot.waitUntil(lambda: any(c.buffer for c in strict.clients.values()))
    clock.now += 1.9
    strict.sweep()
    assert not closed(silent)
    clock.now += 0.2
    strict.sweep()  # what the server's quarter-second timer does
    qtbot.waitUntil(lambda: closed(silent))
    assert not strict.clients
    asking = connect(qtbot, channel)
    asking.write(b"status\n")
    assert reply_of(qtbot, asking)["ok"] is True


def test_a_request_longer_than_256_bytes_is_refused(
    qtbot: QtBot, strict: ControlServer, channel: str
) -> None:
    client = connect(qtbot, channel)
    client.write(b"status" * 50 + b"\n")
    reply = reply_of(qtbot, client)
    assert reply == {"ok": False, "message": "the request is longer than 256 bytes"}
    qtbot.waitUntil(lambda: closed(client))


def test_when_every_connection_is_taken_the_oldest_idle_one_makes_room(
    qtbot: QtBot, channel: str, content_text: str, write_content: Writer
) -> None:
    """Issue 28: idle clients that reconnect held every slot, and `kiosk ctl` never got in.
    Now a new connection is always let in: the oldest one is told 'busy' and closed, unless
    its line has come, which is answered first."""
    kiosk = Kiosk(load_content(write_content(content_text)))
    server = ControlServer(kiosk.command, channel, max_clients=3)
    assert server.listen()
    try:
        held = [connect(qtbot, channel) for _ in range(3)]
        qtbot.waitUntil(lambda: len(server.clients) == 3)
        extra = connect(qtbot, channel)
        qtbot.waitUntil(lambda: closed(held[0]))
        assert reply_of(qtbot, held[0]) == {
            "ok": False,
            "busy": True,
            "message": "busy: 3 clients connected",
        }
        assert not closed(extra) and not closed(held[1]) and not closed(held[2])
        extra.write(b"status\n")
        assert reply_of(qtbot, extra)["ok"] is True
        held[1].write(b"status\n")  # the oldest has sent its line: served, not dropped
        qtbot.wait(20)
        newest = connect(qtbot, channel)
        assert reply_of(qtbot, held[1])["ok"] is True
        newest.write(b"status\n")
        assert reply_of(qtbot, newest)["ok"] is True
    finally:
        server.close()


def test_idle_clients_that_reconnect_do_not_starve_kiosk_ctl(
    qtbot: QtBot, serving: tuple[Kiosk, ControlServer], channel: str, tmp_path: Path
) -> None:
    """16 clients that connect, send nothing and reconnect as soon as they are closed hold
    more than the 8 connections the kiosk serves at once: `kiosk ctl status`, run as a
    process of its own, still gets its answer every time."""
    hogs: list[QLocalSocket] = []

    def reconnect() -> None:
        for index, hog in enumerate(hogs):
            if hog.state() == QLocalSocket.LocalSocketState.UnconnectedState:
                hog.deleteLater()
                hogs[index] = QLocalSocket()
                hogs[index].connectToServer(channel)

    for _ in range(16):
        hog = QLocalSocket()
        hog.connectToServer(channel)
        hogs.append(hog)
    _kiosk, server = serving
    qtbot.waitUntil(lambda: len(server.clients) == 8)
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(reconnect)
    timer.start(5)
    try:
        for _ in range(3):
            process = kiosk_process("ctl", "status", channel=channel, tmp_path=tmp_path)
            code, out, err = finish(qtbot, process)
            assert code == 0, err
            assert "screen: attract" in out
    finally:
        timer.stop()
        for hog in hogs:
            hog.abort()


def test_a_server_that_stopped_listening_listens_again(
    qtbot: QtBot, strict: ControlServer, channel: str, caplog: pytest.LogCaptureFixture
) -> None:
    strict.server.close()  # what Qt does when accepting fails (out of file handles)
    assert strict.check()
    assert "the control channel stopped listening" in caplog.text
    client = connect(qtbot, channel)
    client.write(b"status\n")
    assert reply_of(qtbot, client)["ok"] is True


def test_a_flood_of_bogus_commands_cannot_rotate_the_log_away(
    qtbot: QtBot,
    strict: ControlServer,
    channel: str,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Issue 28: 20 s of bogus commands wrote 57,000 lines and rotated away 6 MB of the log's
    history. The channel writes at most 20 lines a minute; the rest are counted, and said in
    one line when the minute is over."""
    caplog.set_level(logging.INFO, "kiosk")
    for number in range(60):
        client = connect(qtbot, channel)
        client.write(f"bogus-{number}\n".encode())
        assert reply_of(qtbot, client)["ok"] is False
        client.abort()
    lines = [r.getMessage() for r in caplog.records if "control channel" in r.getMessage()]
    assert len(lines) == 20
    assert lines[0] == "control channel: bogus-0"
    clock.now += 61
    strict.sweep()  # the server's quarter-second timer
    said = [r.getMessage() for r in caplog.records if "left out of the log" in r.getMessage()]
    assert said == [
        "control channel: 40 more lines left out of the log in the last 60 s (a flood of requests?)"
    ]
    client = connect(qtbot, channel)
    client.write(b"reset\n")
    assert reply_of(qtbot, client)["ok"] is True
    assert caplog.records[-1].getMessage() == "control channel: reset"  # a new minute
