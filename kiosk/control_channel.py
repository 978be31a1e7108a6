"""The control channel: `kiosk ctl reset|reload|status|pause|resume` reaches the running kiosk
over a local socket (a Unix socket in the user's runtime folder, a named pipe on Windows)
that only the same user can open. It also keeps a second kiosk from starting.

One request is one line (the command's name); one reply is one line of JSON.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import logging
import os
import stat
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

MAX_REQUEST = 256
"""The longest request line, in bytes (the longest command is a few bytes)."""
MAX_REPLY = 1 << 20
"""The longest reply `ask` reads (a status is about 600 bytes)."""
MAX_CLIENTS = 8
"""Connections served at once; more are closed at once."""
IDLE_SECONDS = 2.0
"""A connection that has not sent a whole line by then is closed."""
SWEEP_MS = 250
"""How often the server closes idle connections and checks that it still listens."""
LOG_LINES = 20
LOG_WINDOW_SECONDS = 60.0
"""The channel writes at most LOG_LINES lines to the log in LOG_WINDOW_SECONDS; past that it
counts them and says how many it left out, so a flood of requests cannot rotate the log's
history away."""
ASK_SECONDS = 3.0
"""How long `ask` keeps trying (a connection closed for another is tried again)."""
Handler = Callable[[str], dict[str, Any]]


SOCKET_NAME = "clinic-kiosk.sock"
LOCK_SUFFIX = ".lock"


class ChannelError(Exception):
    """No private place for the control socket or the one-kiosk lock; says why."""


def folder_problem(folder: Path) -> str | None:
    """Why another user could put or change files in `folder`, or None if only we can."""
    try:
        info = os.lstat(folder)
    except OSError as error:
        return f"{folder} cannot be used ({error.strerror or error})"
    if not stat.S_ISDIR(info.st_mode):
        return f"{folder} is not a folder"
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return f"{folder} belongs to another user"
    if info.st_mode & 0o022:
        return f"{folder} can be written by other users"
    return None


def private_dir() -> Path:
    """A folder only this user can write: the runtime folder (XDG_RUNTIME_DIR, else
    /run/user/UID, made by systemd), else `run/` in the kiosk's data folder, made 0700. Never
    a shared name in /tmp, where another user could take it first."""
    runtime = os.environ.get("XDG_RUNTIME_DIR") or (
        f"/run/user/{os.getuid()}" if hasattr(os, "getuid") else ""
    )
    if runtime and folder_problem(Path(runtime)) is None:
        return Path(runtime)
    from .paths import data_dir

    own = data_dir() / "run"
    try:
        own.mkdir(mode=0o700, parents=True, exist_ok=True)
        if folder_problem(own) == f"{own} can be written by other users":
            own.chmod(0o700)
    except OSError as error:
        raise ChannelError(f"cannot make the private folder {own} ({error.strerror})") from None
    problem = folder_problem(own)
    if problem is not None:
        raise ChannelError(problem)
    return own


def server_name() -> str:
    """Where the kiosk listens: KIOSK_CONTROL_NAME if set (an absolute path; a bare name is
    put in `private_dir()`, never in /tmp where Qt would put it); else a socket in
    `private_dir()` (on Windows, a named pipe of the user's own name). Raises ChannelError."""
    override = os.environ.get("KIOSK_CONTROL_NAME")
    if override and sys.platform != "win32":
        if "\0" in override or override in (".", ".."):
            raise ChannelError(f"KIOSK_CONTROL_NAME {override!r} is not a name a socket can have")
        if "/" not in override:
            return str(private_dir() / override)  # a bare name: in the private folder
        if not os.path.isabs(override):
            raise ChannelError(
                f"KIOSK_CONTROL_NAME {override!r} is a relative path: give a bare name (the "
                "socket is then made in the kiosk's private folder) or a full path"
            )
        return override
    if override:
        return override
    if sys.platform != "win32":
        return str(private_dir() / SOCKET_NAME)
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name known (a container without a passwd entry)
        user = "user"
    return f"clinic-kiosk-{user}"


def is_path(name: str) -> bool:
    return sys.platform != "win32" or "/" in name or "\\" in name


def channel_problem(name: str) -> str | None:
    """Why the socket `name` is not safe to use: its folder is not ours alone, or the path is
    something else than a socket of ours. None when it is fine (or not there yet)."""
    if not is_path(name):
        return None
    path = Path(name)
    problem = folder_problem(path.parent)
    if problem is not None:
        return f"the control socket {path} is in an unsafe folder: {problem}"
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"the control socket {path} cannot be used ({error.strerror})"
    if not stat.S_ISSOCK(info.st_mode):
        return f"{path} is there and is not the kiosk's socket; it was left alone"
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return f"the socket {path} belongs to another user; it was left alone"
    return None


LOCK_NAME = "kiosk.lock"
"""The one-kiosk lock, in the kiosk's data folder."""


def lock_path(name: str | None = None) -> Path:
    """The one-kiosk lock that goes with the control channel `name`: beside its socket (a
    second kiosk must not take the socket over). The data folder's own lock is `data_lock`."""
    if name is None:
        return data_lock()
    if is_path(name):
        return Path(name + LOCK_SUFFIX)
    return data_lock().with_name(f"{name}{LOCK_SUFFIX}")


def data_lock() -> Path:
    """The lock that keeps a second kiosk off the data folder: a file in it (the figures, the
    PIN lock and the last good copy live there), whatever the socket."""
    from .paths import data_dir

    return data_dir() / LOCK_NAME


class AlreadyRunningError(Exception):
    """Another kiosk holds the lock (it may be frozen or stopped: it still counts)."""


class KioskLock:
    """Locks held while the kiosk runs (released by `unlock`, or by the system when the
    process ends, however it ends): flock(2) on files opened 0600, so a lock file left behind,
    even one naming a live process such as PID 1, stops nobody unless it is really held."""

    def __init__(self) -> None:
        self.held: list[tuple[Path, int]] = []

    def unlock(self) -> None:
        for path, descriptor in reversed(self.held):
            if descriptor < 0:
                continue  # a Qt lock (Windows): released when it is dropped
            with contextlib.suppress(OSError):
                if _same_file(path, descriptor):
                    path.unlink()  # still held: the next kiosk starts on a file of its own
            with contextlib.suppress(OSError):
                os.close(descriptor)  # closing the file releases the lock
        self.held.clear()


def _same_file(path: Path, descriptor: int) -> bool:
    """Whether `path` still names the file open as `descriptor` (not removed, not replaced)."""
    try:
        named, held = os.stat(path, follow_symlinks=False), os.fstat(descriptor)
    except OSError:
        return False
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


def _lock_file(path: Path) -> int:
    """Open the lock file `path` for the kiosk's account alone: in a folder others cannot
    write, not a link, a regular file of ours. Raises ChannelError."""
    from .paths import private_folder

    folder = path.parent
    try:
        private_folder(folder)
    except OSError as error:
        raise ChannelError(f"cannot make the folder {folder} ({error.strerror})") from None
    problem = folder_problem(folder)
    if problem is not None:
        raise ChannelError(f"the one-kiosk lock {path} is refused: {problem}")
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except OSError as error:
        raise ChannelError(
            f"cannot open the one-kiosk lock {path} ({error.strerror or error})"
        ) from None
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
        os.close(descriptor)
        raise ChannelError(f"the one-kiosk lock {path} is not a file of this user's: refused")
    if info.st_mode & 0o077:
        os.fchmod(descriptor, 0o600)
    return descriptor


def _holder(descriptor: int) -> int:
    try:
        text = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return 0
    return int(text) if text.isdigit() else 0


def take_lock(*paths: Path) -> KioskLock:
    """The one-kiosk locks (the data folder's, and the socket's), held until the returned
    object is unlocked or the process ends. A kiosk that is stopped (SIGSTOP) or frozen still
    holds them; a dead one's are free at once. Raises AlreadyRunningError, or ChannelError when
    a lock file cannot be made or is in a folder others can write."""
    if sys.platform == "win32":  # pragma: no cover - the kiosk's Windows build
        return _take_qt_lock(*paths)
    held = KioskLock()
    try:
        for path in paths or (data_lock(),):
            held.held.append((path, _take_one(path)))
    except (AlreadyRunningError, ChannelError):
        held.unlock()
        raise
    return held


def _take_one(path: Path) -> int:
    import fcntl

    for _attempt in range(5):
        descriptor = _lock_file(path)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            pid = 0
            for _try in range(10):  # a kiosk starting this instant may not have written it yet
                pid = _holder(descriptor)
                if pid > 0:
                    break
                time.sleep(0.02)
            os.close(descriptor)
            who = f" (process {pid})" if pid > 0 else ""
            raise AlreadyRunningError(
                f"A kiosk is already running for this user{who}; only one can run at a time "
                f"(its lock: {path}). Use `kiosk ctl status` to talk to it."
            ) from None
        if _same_file(path, descriptor):
            os.ftruncate(descriptor, 0)
            os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
            return descriptor
        os.close(descriptor)  # removed by a kiosk that was stopping: open it again
    raise ChannelError(f"the one-kiosk lock {path} keeps being replaced by another program")


def _take_qt_lock(*paths: Path) -> KioskLock:  # pragma: no cover - Windows
    from PySide6.QtCore import QLockFile

    held = KioskLock()
    for path in paths or (data_lock(),):
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = QLockFile(str(path))
        lock.setStaleLockTime(0)
        if not lock.tryLock(0):
            raise AlreadyRunningError(
                "A kiosk is already running for this user; only one can run at a time."
            )
        held.held.append((path, -1))
        setattr(held, f"qt_{len(held.held)}", lock)  # kept alive with the lock
    return held


def lock_holder(name: str | None = None) -> int | None:
    """The process id of the kiosk holding the one-kiosk lock (the data folder's, else that
    of channel `name`), if the lock is really held: a lock file left behind names nobody."""
    if sys.platform == "win32":  # pragma: no cover
        return None
    import fcntl

    for path in (data_lock(), *((lock_path(name),) if name else ())):
        try:
            descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:
            continue
        try:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:
                pid = _holder(descriptor)
                if pid > 0:
                    return pid
                continue
            fcntl.flock(descriptor, fcntl.LOCK_UN)  # free: nobody holds it
        finally:
            os.close(descriptor)
    return None


class LogBudget:
    """At most `lines` lines of the log in `seconds`; the rest are counted, and said in one
    line when the window ends (`flush`)."""

    def __init__(
        self,
        clock: Callable[[], float],
        lines: int = LOG_LINES,
        seconds: float = LOG_WINDOW_SECONDS,
    ) -> None:
        self.clock = clock
        self.lines = lines
        self.seconds = seconds
        self.start = clock()
        self.used = 0
        self.left_out = 0

    def log(self, level: int, message: str, *args: object) -> None:
        self.flush()
        if not log.isEnabledFor(level):
            return
        if self.used < self.lines:
            self.used += 1
            log.log(level, message, *args)
        else:
            self.left_out += 1

    def flush(self) -> None:
        """At the end of a window: say how many lines were left out of it, start another."""
        now = self.clock()
        if now - self.start < self.seconds:
            return
        if self.left_out:
            log.warning(
                "control channel: %d more lines left out of the log in the last %g s "
                "(a flood of requests?)",
                self.left_out,
                self.seconds,
            )
        self.start, self.used, self.left_out = now, 0, 0


@dataclass
class _Client:
    since: float
    """When it connected (the server's clock)."""
    buffer: bytearray = field(default_factory=bytearray)


class ControlServer(QObject):
    """Answers commands from `kiosk ctl` with `handler` (the kiosk's `command`).

    It holds against a client that misbehaves: at most `max_clients` connections at once,
    each closed `idle_seconds` after it connected if it has not sent a whole line by then; when
    all are taken, a new connection is let in and the oldest one closed (served first if its
    line has come), so clients that connect, stay idle and reconnect cannot starve `kiosk ctl`,
    which sends its line at once. A request longer than MAX_REQUEST bytes is refused, the
    channel's lines in the log are rate-limited (`LogBudget`), and a watchdog listens again
    (and logs it) if Qt closed the server, as it does when it runs out of file handles.
    `clock` (steady seconds) is injectable for tests."""

    def __init__(
        self,
        handler: Handler,
        name: str | None = None,
        max_clients: int = MAX_CLIENTS,
        idle_seconds: float = IDLE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.handler = handler
        self.name = name or server_name()
        self.max_clients = max_clients
        self.idle_seconds = idle_seconds
        self.clock = clock
        self.clients: dict[QLocalSocket, _Client] = {}
        """Connections not answered yet, oldest first."""
        self.budget = LogBudget(clock)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.setMaxPendingConnections(max_clients)
        self.server.newConnection.connect(self._accept)
        self._wanted = False
        self.sweeper = QTimer(self)
        self.sweeper.setInterval(SWEEP_MS)
        self.sweeper.timeout.connect(self.sweep)

    def listen(self) -> bool:
        """Start listening. Call it holding the one-kiosk lock: a socket of ours left
        behind by a kiosk that died is then removed; any other file there is left alone."""
        problem = channel_problem(self.name)
        if problem is not None:
            log.warning("the control channel is not available: %s", problem)
            return False
        QLocalServer.removeServer(self.name)
        if not self.server.listen(self.name):
            log.warning(
                "the control channel is not available (%s); `kiosk ctl` will not reach this kiosk",
                self.server.errorString(),
            )
            return False
        log.info("control channel listening on %s", self.server.fullServerName())
        self._wanted = True
        self.sweeper.start()
        return True

    def sweep(self) -> None:
        """Every quarter second: close connections idle too long, and listen again if the
        server stopped without being asked to."""
        now = self.clock()
        for client, state in list(self.clients.items()):
            if now - state.since >= self.idle_seconds:
                self.budget.log(
                    logging.INFO,
                    "control channel: closed a connection idle for %g s",
                    self.idle_seconds,
                )
                self._drop(client)
        self.budget.flush()
        self.check()

    def check(self) -> bool:
        """Listen again if the server stopped without being asked to (and log it)."""
        if not self._wanted or self.server.isListening():
            return True
        log.warning(
            "the control channel stopped listening (%s); listening again",
            self.server.errorString() or "no reason given",
        )
        self.server.close()
        self._wanted = False
        return self.listen()

    def close(self) -> None:
        self._wanted = False
        self.sweeper.stop()
        self.server.close()
        for client in list(self.clients):
            self._drop(client)

    def _drop(self, client: QLocalSocket) -> None:
        self.clients.pop(client, None)
        client.abort()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            client = self.server.nextPendingConnection()
            while len(self.clients) >= self.max_clients:
                self._make_room()
            self.clients[client] = _Client(self.clock())
            client.readyRead.connect(self._read)
            client.disconnected.connect(self._gone)
            if client.bytesAvailable():
                self._answer(client)

    def _make_room(self) -> None:
        """Every connection is taken: the oldest is served if its line has come (unread
        yet), else told the channel is busy and closed. A new client always gets in."""
        oldest = next(iter(self.clients))
        oldest.waitForReadyRead(0)  # its line may be waiting, not read yet
        self._answer(oldest)
        if oldest not in self.clients:
            return
        busy = len(self.clients)
        self.budget.log(
            logging.INFO,
            "control channel: busy (%d clients connected); closed the oldest idle connection",
            busy,
        )
        self.clients.pop(oldest, None)
        reply = {"ok": False, "busy": True, "message": f"busy: {busy} clients connected"}
        oldest.write(json.dumps(reply).encode() + b"\n")
        oldest.flush()
        oldest.abort()

    def _read(self) -> None:
        client = self.sender()
        if isinstance(client, QLocalSocket):
            self._answer(client)

    def _gone(self) -> None:
        client = self.sender()
        if isinstance(client, QLocalSocket):
            self.clients.pop(client, None)
            client.deleteLater()

    def _answer(self, client: QLocalSocket) -> None:
        state = self.clients.get(client)
        if state is None:
            return  # answered or dropped already
        state.buffer.extend(client.readAll().data())
        if b"\n" in state.buffer[:MAX_REQUEST]:
            reply = self._reply(bytes(state.buffer).split(b"\n", 1)[0])
        elif len(state.buffer) >= MAX_REQUEST:
            reply = {"ok": False, "message": f"the request is longer than {MAX_REQUEST} bytes"}
        else:
            return
        del self.clients[client]
        client.write(json.dumps(reply).encode() + b"\n")
        client.flush()
        client.disconnectFromServer()

    def _reply(self, line: bytes) -> dict[str, Any]:
        try:
            command = line.decode("utf-8").strip()
        except UnicodeDecodeError:
            return {"ok": False, "message": "the command was not text"}
        # a look (status, metrics: a monitor may ask every few seconds) is not worth a line
        # of the log; an action (reset, reload, pause, resume) is
        from .core.control import LOOKS  # here: the start screen's picture needs no core

        level = logging.DEBUG if command.split(" ")[0] in LOOKS else logging.INFO
        self.budget.log(level, "control channel: %s", command[:40])
        try:
            return self.handler(command)
        except Exception as error:  # a bug of ours: the kiosk keeps running
            log.exception("control command %r failed", command[:40])
            return {"ok": False, "message": f"the kiosk could not do that ({error})"}


@dataclass(frozen=True)
class Asked:
    """What came of `request`: the reply, or why there is none, in words that say what
    really happened."""

    reply: dict[str, Any] | None
    problem: str | None = None
    """'not listening': nothing accepts connections at the name; 'busy': the kiosk closed
    the connection for others every time; 'no answer': it took the command and said nothing
    within the time; 'garbled': what came back was not a reply."""
    tries: int = 1


def request(command: str, name: str | None = None, seconds: float = ASK_SECONDS) -> Asked:
    """Send one command to a running kiosk, trying again (within `seconds`) when the kiosk
    closed the connection for another one; see `Asked`."""
    deadline = time.monotonic() + seconds
    tries = 0
    busy: dict[str, Any] | None = None
    while True:
        tries += 1
        left_ms = max(1, int((deadline - time.monotonic()) * 1000))
        socket = QLocalSocket()
        socket.connectToServer(name or server_name())
        if not socket.waitForConnected(left_ms):
            if busy is not None:
                return Asked(busy, "busy", tries)
            return Asked(None, "not listening", tries)
        socket.write(command.encode() + b"\n")
        socket.waitForBytesWritten(left_ms)
        data = bytearray()
        closed = False
        while b"\n" not in data and len(data) < MAX_REPLY:
            left_ms = int((deadline - time.monotonic()) * 1000)
            if left_ms <= 0:
                break
            if not socket.waitForReadyRead(left_ms):
                closed = socket.state() != QLocalSocket.LocalSocketState.ConnectedState
                break
            data.extend(socket.readAll().data())
        data.extend(socket.readAll().data())
        socket.abort()
        try:
            reply = json.loads(bytes(data).split(b"\n", 1)[0]) if data else None
        except ValueError:
            return Asked(None, "garbled", tries)
        if isinstance(reply, dict) and not reply.get("busy"):
            return Asked(reply, None, tries)
        if isinstance(reply, dict):
            busy = reply  # closed to make room for another: try again
        elif not closed:
            return Asked(None, "no answer", tries)
        if time.monotonic() >= deadline:
            return Asked(busy, "busy", tries)
        time.sleep(0.01)


def ask(command: str, name: str | None = None, timeout_ms: int = 3000) -> dict[str, Any] | None:
    """Send one command to a running kiosk; its reply, or None if no kiosk answers."""
    asked = request(command, name, timeout_ms / 1000)
    return asked.reply if asked.problem is None else None
