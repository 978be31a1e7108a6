"""One kiosk at a time, by flock(2) on a file in the data folder (and one beside the
socket): real `kiosk run` processes, started together, frozen, killed and stopped, each test
in its own private runtime and data folders."""

from __future__ import annotations

import contextlib
import os
import re
import resource
import shutil
import signal
import socket
import stat
import struct
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import install_stop_signals
from kiosk.content import load_content
from kiosk.control_channel import (
    SOCKET_NAME,
    AlreadyRunningError,
    ChannelError,
    ask,
    data_lock,
    lock_holder,
    lock_path,
    private_dir,
    server_name,
    take_lock,
)
from kiosk.core.control import Kiosk
from kiosk.stats_store import StatsStore, read_rows

ROOT = Path(__file__).resolve().parents[2]
START_MS = 60_000  # a generous bound for a cold start on a busy machine, not a timing


@pytest.fixture
def runtime() -> Iterator[Path]:
    # short: Unix socket paths are limited to about 100 bytes
    folder = Path(tempfile.mkdtemp(prefix="k", dir="/tmp"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


class Kiosks:
    """Starts `kiosk run` processes sharing one user's folders; stops them all at the end."""

    def __init__(self, runtime: Path, tmp_path: Path) -> None:
        self.env = {
            **os.environ,
            "XDG_RUNTIME_DIR": str(runtime),
            "KIOSK_LOG_DIR": str(tmp_path / "log"),
            "KIOSK_DATA_DIR": str(tmp_path / "data"),
            "QT_QPA_PLATFORM": "offscreen",
        }
        self.env.pop("KIOSK_CONTROL_NAME", None)
        self.socket = str(runtime / SOCKET_NAME)
        self.started: list[subprocess.Popen[str]] = []

    def start(self, preexec_fn: Callable[[], None] | None = None) -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "run", "--windowed"],
            cwd=ROOT,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=preexec_fn,
        )
        self.started.append(process)
        return process

    def answers(self) -> bool:
        return ask("status", self.socket, timeout_ms=500) is not None

    def stop_all(self) -> None:
        for process in self.started:
            if process.poll() is None:
                process.send_signal(signal.SIGCONT)
                process.kill()
            process.communicate()


@pytest.fixture
def kiosks(runtime: Path, tmp_path: Path) -> Iterator[Kiosks]:
    started = Kiosks(runtime, tmp_path)
    yield started
    started.stop_all()


def test_two_kiosks_started_together_leave_exactly_one_running(
    qtbot: QtBot, kiosks: Kiosks
) -> None:
    first, second = kiosks.start(), kiosks.start()
    qtbot.waitUntil(lambda: first.poll() is not None or second.poll() is not None, timeout=START_MS)
    loser = first if first.poll() is not None else second
    winner = second if loser is first else first
    _, err = loser.communicate()
    assert loser.returncode == 1
    # the process is named once the winner has written it into the lock file
    assert re.match(
        rf"A kiosk is already running for this user( \(process {winner.pid}\))?; only one", err
    ), err
    assert "Traceback" not in err
    qtbot.waitUntil(kiosks.answers, timeout=START_MS)
    assert winner.poll() is None


def test_a_stopped_kiosk_still_holds_the_lock(qtbot: QtBot, kiosks: Kiosks) -> None:
    frozen = kiosks.start()
    qtbot.waitUntil(kiosks.answers, timeout=START_MS)
    frozen.send_signal(signal.SIGSTOP)  # frozen: it answers nothing, yet it runs
    second = kiosks.start()
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=START_MS)
    _, err = second.communicate()
    assert second.returncode == 1
    assert f"already running for this user (process {frozen.pid})" in err
    asked = subprocess.run(
        [sys.executable, "-m", "kiosk", "ctl", "status"],
        cwd=ROOT,
        env=kiosks.env,
        capture_output=True,
        text=True,
    )
    assert asked.returncode == 1
    assert f"the kiosk (process {frozen.pid}) runs but did not answer" in asked.stderr
    frozen.send_signal(signal.SIGCONT)
    qtbot.waitUntil(kiosks.answers, timeout=START_MS)  # and the first one is still the kiosk


def test_a_dead_kiosks_lock_and_socket_are_taken_over(qtbot: QtBot, kiosks: Kiosks) -> None:
    dead = kiosks.start()
    qtbot.waitUntil(kiosks.answers, timeout=START_MS)
    dead.kill()  # SIGKILL: no clean-up, the lock file and the socket stay behind
    dead.communicate()
    assert Path(kiosks.socket + ".lock").exists() and Path(kiosks.socket).exists()
    after = kiosks.start()
    qtbot.waitUntil(kiosks.answers, timeout=START_MS)
    assert after.poll() is None


def test_without_a_runtime_folder_the_socket_goes_to_a_private_folder_of_the_kiosk(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # a runtime folder anyone can write is no runtime folder
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(shared))
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    folder = private_dir()
    assert folder == tmp_path / "data" / "run"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    assert private_dir() in (tmp_path / "data" / "run", Path(f"/run/user/{os.getuid()}"))


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_and_sigint_stop_the_kiosk_cleanly(
    qtbot: QtBot, kiosks: Kiosks, tmp_path: Path, signum: signal.Signals
) -> None:
    running = kiosks.start()
    qtbot.waitUntil(kiosks.answers, timeout=START_MS)
    running.send_signal(signum)  # `systemctl stop`, the supervisor, or Ctrl-C
    qtbot.waitUntil(lambda: running.poll() is not None, timeout=START_MS)
    assert running.returncode == 0, running.communicate()[1]
    log_text = (tmp_path / "log" / "kiosk.log").read_text("utf-8")
    assert f"stopping: {signum.name} received; saving the figures" in log_text
    assert "the usage figures were not all written" not in log_text
    assert not Path(kiosks.socket + ".lock").exists()  # the next kiosk starts at once
    assert not kiosks.answers()


def test_a_stop_signal_saves_the_figures_of_ended_visits(
    qtbot: QtBot, tmp_path: Path, content_text: str, write_content: Callable[[str], Path]
) -> None:
    """The counts of visits that ended moments ago, not yet written (the writer waits a
    minute here), are on disk once SIGTERM has been handled."""
    figures = StatsStore(tmp_path / "stats.db", flush_seconds=60)
    kiosk = Kiosk(load_content(write_content(content_text)), stats=figures)
    for _ in range(3):
        kiosk.session.start()
        kiosk.reset("finish")
    stopped: list[str] = []

    def stop(name: str) -> None:
        stopped.append(name)
        figures.close()

    restore = install_stop_signals(stop)
    try:
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: stopped == ["SIGTERM"])
    finally:
        restore()
    visits = [r.n for r in read_rows(tmp_path / "stats.db") or [] if r.metric == "visits"]
    assert visits == [3]


def test_a_flood_of_idle_connections_neither_stops_the_channel_nor_lets_a_second_kiosk_in(
    qtbot: QtBot, kiosks: Kiosks
) -> None:
    """Another program of the user opens connections and sends nothing, far more than the
    kiosk has file handles (256 here): the kiosk closes the extra ones at once and the idle
    ones after 2 s, and goes on answering."""

    def few_handles() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))

    running = kiosks.start(preexec_fn=few_handles)
    qtbot.waitUntil(kiosks.answers, timeout=START_MS)
    flood = []
    try:
        for _ in range(400):
            connection = socket.socket(socket.AF_UNIX)
            # blocking: waits (up to 10 s) while the kiosk's queue of new ones is full
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, struct.pack("ll", 10, 0))
            flood.append(connection)
            with contextlib.suppress(OSError):
                connection.connect(kiosks.socket)
        qtbot.waitUntil(kiosks.answers, timeout=START_MS)
    finally:
        for connection in flood:
            connection.close()
    second = kiosks.start()
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=START_MS)
    assert second.returncode == 1
    assert running.poll() is None


def test_a_control_name_naming_a_file_leaves_the_file_alone(
    qtbot: QtBot, kiosks: Kiosks, runtime: Path, tmp_path: Path
) -> None:
    notes = runtime / "notes.txt"
    notes.write_text("the receptionist's notes", "utf-8")
    kiosks.env["KIOSK_CONTROL_NAME"] = str(notes)
    running = kiosks.start()
    log_file = tmp_path / "log" / "kiosk.log"
    qtbot.waitUntil(
        lambda: log_file.exists() and "kiosk started with" in log_file.read_text("utf-8"),
        timeout=START_MS,
    )
    assert running.poll() is None  # the kiosk runs, without its control channel
    assert notes.read_text("utf-8") == "the receptionist's notes"
    assert "is there and is not the kiosk's socket; it was left alone" in log_file.read_text(
        "utf-8"
    )


def test_the_lock_guards_the_data_folder_whatever_the_socket(
    qtbot: QtBot, kiosks: Kiosks, tmp_path: Path
) -> None:
    """Issue 28: a kiosk started without XDG_RUNTIME_DIR (its socket elsewhere) beside one
    with it ran on the same data folder. The lock is a file in the data folder (0600)."""
    first = kiosks.start()
    qtbot.waitUntil(kiosks.answers, timeout=START_MS)
    lock = tmp_path / "data" / "kiosk.lock"
    assert stat.S_IMODE(lock.stat().st_mode) == 0o600
    assert stat.S_IMODE(lock.parent.stat().st_mode) == 0o700
    kiosks.env.pop("XDG_RUNTIME_DIR")
    kiosks.env["KIOSK_CONTROL_NAME"] = str(tmp_path / "elsewhere.sock")
    second = kiosks.start()
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=START_MS)
    _, err = second.communicate()
    assert second.returncode == 1
    assert f"already running for this user (process {first.pid})" in err
    assert f"(its lock: {lock})" in err


def test_a_lock_file_left_behind_naming_a_live_process_stops_nobody(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A lock file naming PID 1 (alive, but not a kiosk holding the lock) stopped the kiosk.
    The lock is flock(2): only a process that holds it counts."""
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "data").mkdir(mode=0o700)
    (tmp_path / "data" / "kiosk.lock").write_text("1\n")
    held = take_lock(data_lock())
    try:
        assert lock_holder() == os.getpid()  # this process holds it now
        with pytest.raises(AlreadyRunningError, match=rf"\(process {os.getpid()}\)"):
            take_lock(data_lock())  # and a second taker (another open file) is refused
    finally:
        held.unlock()
    assert lock_holder() is None
    assert not (tmp_path / "data" / "kiosk.lock").exists()


def test_a_lock_in_a_folder_others_can_write_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp: anyone could put a lock file there first
    monkeypatch.setenv("KIOSK_DATA_DIR", str(shared))
    with pytest.raises(ChannelError, match="can be written by other users"):
        take_lock(data_lock())
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777  # a shared folder is left as it is
    assert not (shared / "kiosk.lock").exists()


def test_a_bare_control_name_is_put_in_the_private_folder(
    runtime: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A bare KIOSK_CONTROL_NAME put the socket in /tmp (Qt's choice) and its lock in the
    working folder; it now names a socket in the private runtime folder. A relative path is
    refused with a sentence."""
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KIOSK_CONTROL_NAME", "front-desk")
    assert server_name() == str(runtime / "front-desk")
    assert lock_path(server_name()) == runtime / "front-desk.lock"
    monkeypatch.setenv("KIOSK_CONTROL_NAME", "run/front-desk")
    with pytest.raises(ChannelError, match="is a relative path: give a bare name"):
        server_name()
