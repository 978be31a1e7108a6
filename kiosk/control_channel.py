"""The control channel: `kiosk ctl reset|reload|status|pause|resume` reaches the running kiosk
over a local socket (a Unix socket in the user's runtime folder, a named pipe on Windows)
that only the same user can open. It also keeps a second kiosk from starting.

One request is one line (the command's name); one reply is one line of JSON.
"""

from __future__ import annotations

import getpass
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

MAX_REQUEST = 256
Handler = Callable[[str], dict[str, Any]]


def server_name() -> str:
    """Where the kiosk listens: KIOSK_CONTROL_NAME if set; else a socket in the user's
    private runtime folder; else a name of the user's own (Qt puts it in the temp folder)."""
    override = os.environ.get("KIOSK_CONTROL_NAME")
    if override:
        return override
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if not runtime and hasattr(os, "getuid"):  # cron and ssh may not set it; systemd made it
        runtime = f"/run/user/{os.getuid()}"
    if sys.platform != "win32" and runtime and Path(runtime).is_dir():
        return str(Path(runtime) / "clinic-kiosk.sock")
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name known (a container without a passwd entry)
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    return f"clinic-kiosk-{user}"


class ControlServer(QObject):
    """Answers commands from `kiosk ctl` with `handler` (the kiosk's `command`)."""

    def __init__(self, handler: Handler, name: str | None = None) -> None:
        super().__init__()
        self.handler = handler
        self.name = name or server_name()
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Start listening; a socket left behind by a crashed kiosk is removed first (call
        `ask(name, "status")` before this to be sure no kiosk answers on it)."""
        QLocalServer.removeServer(self.name)
        if not self.server.listen(self.name):
            log.warning(
                "the control channel is not available (%s); `kiosk ctl` will not reach this kiosk",
                self.server.errorString(),
            )
            return False
        log.info("control channel listening on %s", self.server.fullServerName())
        return True

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            buffer = bytearray()

            def read(socket: QLocalSocket = socket, buffer: bytearray = buffer) -> None:
                buffer.extend(socket.readAll().data())
                if b"\n" not in buffer and len(buffer) < MAX_REQUEST:
                    return
                line = bytes(buffer[:MAX_REQUEST]).split(b"\n", 1)[0]
                reply = self._reply(line)
                socket.write(json.dumps(reply).encode() + b"\n")
                socket.flush()
                socket.disconnectFromServer()

            socket.readyRead.connect(read)
            socket.disconnected.connect(socket.deleteLater)

    def _reply(self, line: bytes) -> dict[str, Any]:
        try:
            command = line.decode("utf-8").strip()
        except UnicodeDecodeError:
            return {"ok": False, "message": "the command was not text"}
        log.info("control channel: %s", command[:40])
        try:
            return self.handler(command)
        except Exception as error:  # a bug of ours: the kiosk keeps running
            log.exception("control command %r failed", command[:40])
            return {"ok": False, "message": f"the kiosk could not do that ({error})"}


def ask(command: str, name: str | None = None, timeout_ms: int = 3000) -> dict[str, Any] | None:
    """Send one command to a running kiosk; its reply, or None if no kiosk answers."""
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(timeout_ms):
        return None
    socket.write(command.encode() + b"\n")
    socket.waitForBytesWritten(timeout_ms)
    data = bytearray()
    while b"\n" not in data:
        if not socket.waitForReadyRead(timeout_ms):
            break
        data.extend(socket.readAll().data())
    socket.disconnectFromServer()
    try:
        reply = json.loads(bytes(data).split(b"\n", 1)[0])
    except ValueError:
        return None
    return reply if isinstance(reply, dict) else None
