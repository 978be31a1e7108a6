"""An AT-SPI client for the end-to-end test (`test_atspi.py`): what a screen reader sees
and does, run by the system's Python (`/usr/bin/python3`, which has pyatspi; the project's
virtual environment has no system packages) inside the D-Bus session of
`dbus-run-session`, where it starts the kiosk itself so that both share the session's
accessibility bus.

It reads one JSON request a line on standard input and writes one JSON reply a line on
standard output (the test's `Agent` speaks it). While it waits for a request it pumps GLib's
main loop, so the kiosk's events (announcements, focus) are heard as they come; each is kept
with the time it came (pyatspi hears them; the tree is read with Gio's D-Bus calls). It
never decides a test's outcome: it reports what the tree holds and
what happened, and waits for conditions with a deadline, never for a fixed time.

Requests (`op`):
- `start` {argv, cwd, out, app, control}: start the kiosk; wait for its application in
  the registry and its control channel; reply with the seconds it took.
- `status`: the kiosk's `status` over its control channel (its screen).
- `wait_screen` {away_from, timeout}: wait until the screen is not `away_from`.
- `walk`: every node of the kiosk's tree: path, role, name, states, actions, value (read
  over the accessibility bus with many calls in flight: pyatspi's one call at a time took
  seconds a walk once every page was built).
- `act` {name, action, role?, settle, after?, expect, timeout}: wait until `settle` seconds
  have passed since the screen last changed (and until the time `after`), then do `action`
  (Press, Toggle) on the one showing node called `name` that offers it; with `expect`
  "screen" wait for the screen to change, with "checked" for the node's checked state to
  flip; once more if nothing came (a press the tap guard held because it came early).
- `press_twice` {name, gap_ms, settle, action}: Press (or Toggle) the showing node `name`,
  then `gap_ms` later whatever node is at the same spot (a double tap by an assistive client).
- `set_value` {value}: set the one showing node with a value (a slider) to `value`.
- `events` {since}: the events heard since that time (monotonic seconds of this process).
- `wait_event` {since, text, timeout}: wait for an announcement, or a focus event on a
  node, carrying `text`.
- `wait_node` {name, action, present, timeout}: wait until a showing node called `name`
  offers `action` (or, with `present` false, until none does).
- `stop`: stop the kiosk and end.
"""

from __future__ import annotations

import json
import select
import signal
import socket
import subprocess
import sys
import time
from typing import Any

import gi  # type: ignore[import-not-found]

gi.require_version("Atspi", "2.0")
import pyatspi  # type: ignore[import-not-found]  # noqa: E402
from gi.repository import Atspi, Gio, GLib  # type: ignore[import-not-found]  # noqa: E402

NO_FLAGS = Gio.DBusCallFlags.NONE

REPLY = "@agent "
"""Marks a reply: the session's daemons write to the same standard output."""
EVENTS = ("object:announcement", "object:state-changed:focused", "focus:")
CHECKED_ROLES = ("check box", "radio button", "toggle button")
STATES = {
    key: int(getattr(Atspi.StateType, key.upper()))
    for key in ("showing", "visible", "focused", "focusable", "checked", "enabled", "sensitive")
}
"""A node's states, by their bit in AT-SPI's state set."""
ACCESSIBLE = "org.a11y.atspi.Accessible"
ACTION = "org.a11y.atspi.Action"
VALUE = "org.a11y.atspi.Value"
COMPONENT = "org.a11y.atspi.Component"
PROPERTIES = "org.freedesktop.DBus.Properties"
NULL_PATH = "/org/a11y/atspi/null"
REGISTRY = ("org.a11y.atspi.Registry", "/org/a11y/atspi/accessible/root")
SCREEN = 0
"""ATSPI_COORD_TYPE_SCREEN."""
Node = tuple[str, str]
"""A node on the accessibility bus: its application's bus name and its object path."""


def clean(text: str | None) -> str:
    """Words as a listener hears them: no bidi isolates, one space between words."""
    text = (text or "").replace("\u2068", "").replace("\u2069", "").replace("\u00ad", "")
    return " ".join(text.split())


class Agent:
    def __init__(self) -> None:
        self.kiosk: subprocess.Popen[bytes] | None = None
        self.app_name = "clinic-kiosk"
        self.control = ""
        self.app: Node | None = None
        session = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        address = session.call_sync(
            "org.a11y.Bus",
            "/org/a11y/bus",
            "org.a11y.Bus",
            "GetAddress",
            None,
            None,
            NO_FLAGS,
            10000,
            None,
        ).unpack()[0]
        self.bus = Gio.DBusConnection.new_for_address_sync(
            address,
            Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT
            | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION,
            None,
            None,
        )
        self.events: list[dict[str, Any]] = []
        self.screen = ""
        self.arrived = time.monotonic()
        self.context = GLib.MainContext.default()
        pyatspi.Registry.registerEventListener(self.heard, *EVENTS)

    # -- events ------------------------------------------------------------------------------

    def heard(self, event: Any) -> None:
        source = event.source
        try:
            role, name = source.getRoleName(), clean(source.name)
        except Exception:  # the node went away before we asked
            role, name = "", ""
        data = event.any_data
        self.events.append(
            {
                "t": time.monotonic(),
                "type": event.type,
                "role": role,
                "name": name,
                "text": clean(data) if isinstance(data, str) else "",
                "detail1": event.detail1,
            }
        )

    def pump(self, seconds: float = 0.0) -> None:
        """Let GLib deliver what came, for `seconds` at least (0: what is waiting now)."""
        end = time.monotonic() + seconds
        while True:
            while self.context.iteration(False):
                pass
            if time.monotonic() >= end:
                return
            time.sleep(0.005)

    # -- the kiosk ---------------------------------------------------------------------------

    def ask(self, command: str) -> dict[str, Any]:
        with socket.socket(socket.AF_UNIX) as channel:
            channel.settimeout(5)
            channel.connect(self.control)
            channel.sendall(command.encode() + b"\n")
            reply = b""
            while not reply.endswith(b"\n"):
                chunk = channel.recv(65536)
                if not chunk:
                    break
                reply += chunk
        answer: dict[str, Any] = json.loads(reply)
        return answer

    def current(self) -> str:
        screen = str(self.ask("status")["screen"])
        if screen != self.screen:
            self.screen, self.arrived = screen, time.monotonic()
        return screen

    def start(self, req: dict[str, Any]) -> dict[str, Any]:
        began = time.monotonic()
        self.app_name, self.control = req["app"], req["control"]
        with open(req["out"], "wb") as out:  # the session's bus is in this process's environment
            self.kiosk = subprocess.Popen(
                req["argv"], cwd=req["cwd"], stdout=out, stderr=subprocess.STDOUT
            )
        deadline = began + req.get("timeout", 60)
        while time.monotonic() < deadline:
            if self.kiosk.poll() is not None:
                return {"ok": False, "why": f"the kiosk ended with {self.kiosk.returncode}"}
            self.pump()
            if self.app is None:
                self.app = self.find_app()
            if self.app is not None:
                try:
                    self.current()
                    return {"ok": True, "seconds": round(time.monotonic() - began, 2)}
                except OSError:
                    pass
            time.sleep(0.05)
        return {"ok": False, "why": "no kiosk in the accessibility registry in time"}

    def find_app(self) -> Node | None:
        """The kiosk's application node in the registry, once it has its window."""
        for bus, path in self.call(REGISTRY, ACCESSIBLE, "GetChildren")[0]:
            app = (bus, path)
            try:
                name = self.call(app, PROPERTIES, "Get", ("(ss)", (ACCESSIBLE, "Name")))[0]
                if name == self.app_name and self.call(app, ACCESSIBLE, "GetChildren")[0]:
                    return app
            except GLib.Error:  # an application that went away
                continue
        return None

    def wait_screen(self, away_from: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while True:
            self.pump()
            screen = self.current()
            if screen != away_from or time.monotonic() >= deadline:
                return screen
            time.sleep(0.02)

    # -- the tree ----------------------------------------------------------------------------
    # Read over the accessibility bus directly, many calls in flight at once: pyatspi asks
    # one property at a time and waits for each (seconds per walk once every page is built).

    def call(self, node: Node, interface: str, method: str, args: Any = None) -> Any:
        params = GLib.Variant(args[0], args[1]) if args else None
        reply = self.bus.call_sync(
            node[0], node[1], interface, method, params, None, NO_FLAGS, 5000, None
        )
        return reply.unpack()

    def batch(self, calls: list[tuple[Node, str, str, Any]]) -> list[Any]:
        """Send every call at once; their replies (an Exception where one failed), in order."""
        replies: list[Any] = [None] * len(calls)
        waiting = [len(calls)]

        def done(bus: Any, result: Any, index: int) -> None:
            try:
                replies[index] = bus.call_finish(result).unpack()
            except GLib.Error as error:
                replies[index] = Exception(error.message)
            waiting[0] -= 1

        for index, (node, interface, method, args) in enumerate(calls):
            params = GLib.Variant(args[0], args[1]) if args else None
            self.bus.call(
                node[0],
                node[1],
                interface,
                method,
                params,
                None,
                NO_FLAGS,
                5000,
                None,
                done,
                index,
            )
        deadline = time.monotonic() + 10
        while waiting[0] and time.monotonic() < deadline:
            self.context.iteration(True)
        return replies

    def walk(self, showing_only: bool = False) -> list[dict[str, Any]]:
        """The tree, depth first; with `showing_only`, not below a node that is not
        showing (a quick search of what is on screen)."""
        found: dict[Node, dict[str, Any]] = {}
        order: list[Node] = []
        assert self.app is not None
        level: list[tuple[Node, list[int]]] = [(self.app, [])]
        while level:
            asked: list[tuple[Node, str, str, Any]] = []
            for node, _ in level:
                asked += [
                    (node, ACCESSIBLE, "GetRole", None),
                    (node, ACCESSIBLE, "GetState", None),
                    (node, PROPERTIES, "Get", ("(ss)", (ACCESSIBLE, "Name"))),
                    (node, ACCESSIBLE, "GetChildren", None),
                    (node, ACCESSIBLE, "GetInterfaces", None),
                ]
            replies = self.batch(asked)
            following: list[tuple[Node, list[int]]] = []
            more: list[tuple[Node, str, str, Any]] = []
            for index, (node, path) in enumerate(level):
                role, state, name, children, interfaces = replies[index * 5 : index * 5 + 5]
                if any(isinstance(r, Exception) for r in (role, state, name, children)):
                    continue  # gone while we walked (a page built or dropped)
                bits = state[0][0] | (state[0][1] << 32)
                node_states = {key: bool(bits >> bit & 1) for key, bit in STATES.items()}
                found[node] = {
                    "path": path,
                    "role": Atspi.role_get_name(Atspi.Role(role[0])),
                    "name": clean(name[0]),
                    **node_states,
                    "actions": [],
                    "value": None,
                    "ref": list(node),
                }
                order.append(node)
                interfaces = interfaces[0] if not isinstance(interfaces, Exception) else []
                if ACTION in interfaces:
                    more.append((node, ACTION, "GetActions", None))
                if VALUE in interfaces:
                    more.append((node, PROPERTIES, "GetAll", ("(s)", (VALUE,))))
                if showing_only and path and not node_states["showing"]:
                    continue
                for child_index, child in enumerate(children[0]):
                    if child[1] != NULL_PATH:
                        following.append(((child[0], child[1]), [*path, child_index]))
            for (node, interface, _, _), reply in zip(more, self.batch(more), strict=True):
                if isinstance(reply, Exception):
                    continue
                if interface == ACTION:
                    found[node]["actions"] = [action[0] for action in reply[0]]
                else:
                    got = reply[0]
                    found[node]["value"] = [
                        got.get("CurrentValue"),
                        got.get("MinimumValue"),
                        got.get("MaximumValue"),
                    ]
            level = following
        nodes = [found[node] for node in order]
        nodes.sort(key=lambda n: n["path"])
        return nodes

    def state_of(self, node: Node) -> dict[str, bool]:
        state = self.call(node, ACCESSIBLE, "GetState")
        bits = state[0][0] | (state[0][1] << 32)
        return {key: bool(bits >> bit & 1) for key, bit in STATES.items()}

    def showing(
        self, name: str, action: str, role: str | None, timeout: float = 1.0
    ) -> list[dict[str, Any]]:
        """The showing nodes called `name` that offer `action`; where there is none yet,
        looked for again until `timeout` (a panel may still be coming in)."""
        deadline = time.monotonic() + timeout
        while True:
            found = [
                node
                for node in self.walk(showing_only=True)
                if node["showing"]
                and node["name"] == name
                and action in node["actions"]
                and (role is None or node["role"] == role)
            ]
            if found or time.monotonic() >= deadline:
                return found
            self.pump(0.05)

    def do(self, node: dict[str, Any], action: str) -> None:
        self.call(tuple(node["ref"]), ACTION, "DoAction", ("(i)", (node["actions"].index(action),)))

    def settle(self, seconds: float) -> None:
        self.current()
        wait = self.arrived + seconds - time.monotonic()
        if wait > 0:
            self.pump(wait)

    def act(self, req: dict[str, Any]) -> dict[str, Any]:
        name, action, role = req["name"], req.get("action", "Press"), req.get("role")
        expect = req.get("expect", "screen")
        self.settle(req.get("settle", 0.0))
        self.pump(max(0.0, req.get("after", 0.0) - time.monotonic()))
        tries: list[float] = []
        before = self.current()
        for _ in range(req.get("tries", 2)):
            found = self.showing(name, action, role)
            if len(found) != 1:
                shown = [n for n in self.walk(True) if n["showing"]]
                return {
                    "ok": False,
                    "found": len(found),
                    "why": f"{len(found)} showing nodes called {name!r} offer {action}",
                    "named": [(n["role"], n["actions"]) for n in shown if n["name"] == name],
                    "on_screen": sorted({f"{n['role']} '{n['name']}'" for n in shown}),
                    "screen": before,
                }
            target = found[0]
            checked = target["checked"]
            tries.append(time.monotonic())
            self.do(target, action)
            deadline = time.monotonic() + req.get("timeout", 5.0)
            while time.monotonic() < deadline:
                self.pump()
                if expect == "screen" and self.current() != before:
                    return {"ok": True, "changed": True, "screen": self.screen, "at": tries}
                if expect == "checked":
                    try:
                        now = self.state_of(tuple(target["ref"]))["checked"]
                    except GLib.Error:
                        now = checked
                    if now != checked:
                        return {"ok": True, "changed": True, "screen": before, "at": tries}
                if expect == "nothing":
                    return {"ok": True, "changed": False, "screen": self.current(), "at": tries}
                time.sleep(0.02)
        return {"ok": True, "changed": False, "screen": self.current(), "at": tries}

    def press_twice(self, req: dict[str, Any]) -> dict[str, Any]:
        """Press, then `gap_ms` after it was sent (not answered: the kiosk may still be
        busy with it, as it would be for a screen reader's second press) Press what is at
        the same spot then."""
        name, gap, action = req["name"], req.get("gap_ms", 250) / 1000, req.get("action", "Press")
        self.settle(req.get("settle", 0.0))
        shown = self.walk(showing_only=True)
        found = [n for n in shown if n["showing"] and n["name"] == name and action in n["actions"]]
        if len(found) != 1:
            return {
                "ok": False,
                "why": f"{len(found)} showing nodes called {name!r} offer {action}",
            }
        window = next(n for n in shown if len(n["path"]) == 1 and n["showing"])
        ref = tuple(found[0]["ref"])
        x, y, width, height = self.call(ref, COMPONENT, "GetExtents", ("(u)", (SCREEN,)))[0]
        x, y = x + width // 2, y + height // 2
        began = time.monotonic()
        press = GLib.Variant("(i)", (found[0]["actions"].index(action),))
        self.bus.call(ref[0], ref[1], ACTION, "DoAction", press, None, NO_FLAGS, 5000, None)
        self.pump(max(0.0, began + gap - time.monotonic()))
        second = self.at_point(x, y, tuple(window["ref"]), action)
        if second is None:
            return {"ok": False, "why": f"nothing at ({x}, {y}) {gap * 1000:.0f} ms later"}
        pressed = time.monotonic()
        if action in second["actions"]:
            self.do(second, action)
        return {
            "ok": True,
            "gap_ms": round((pressed - began) * 1000),
            "second_at": pressed,
            "second": {k: second[k] for k in ("role", "name", "actions", "showing")},
        }

    def at_point(self, x: int, y: int, window: Node, action: str) -> dict[str, Any] | None:
        """The control at (x, y) in `window`, as a screen reader's pointer finds it: the
        deepest node there (Qt descends all the way) or its nearest holder that offers Press
        (a button's words are a label inside it); `action` as Press."""
        chain: list[Node] = []
        node: Node | None = window
        while node is not None and node not in chain:
            chain.append(node)
            try:
                reply = self.call(
                    node, COMPONENT, "GetAccessibleAtPoint", ("(iiu)", (x, y, SCREEN))
                )[0]
            except GLib.Error:
                break
            node = None if reply[1] == NULL_PATH else (reply[0], reply[1])
        if len(chain) < 2:
            return None
        deepest = self.about(chain[-1])
        here: Node = chain[-1]
        while action not in (found := self.about(here))["actions"] and here != window:
            parent = self.call(here, PROPERTIES, "Get", ("(ss)", (ACCESSIBLE, "Parent")))[0]
            if parent[1] == NULL_PATH:
                break
            here = (parent[0], parent[1])
        return found if action in found["actions"] else deepest

    def about(self, node: Node) -> dict[str, Any]:
        name = self.call(node, PROPERTIES, "Get", ("(ss)", (ACCESSIBLE, "Name")))[0]
        role = self.call(node, ACCESSIBLE, "GetRole")[0]
        try:
            actions = [a[0] for a in self.call(node, ACTION, "GetActions")[0]]
        except GLib.Error:
            actions = []
        return {
            "ref": list(node),
            "name": clean(name),
            "role": Atspi.role_get_name(Atspi.Role(role)),
            "actions": actions,
            "showing": self.state_of(node)["showing"],
        }

    def set_value(self, req: dict[str, Any]) -> dict[str, Any]:
        nodes = [n for n in self.walk(True) if n["showing"] and n["value"] is not None]
        if len(nodes) != 1:
            return {"ok": False, "why": f"{len(nodes)} showing nodes with a value"}
        self.settle(req.get("settle", 0.0))
        value = GLib.Variant("d", float(req["value"]))
        self.call(
            tuple(nodes[0]["ref"]), PROPERTIES, "Set", ("(ssv)", (VALUE, "CurrentValue", value))
        )
        return {"ok": True}

    def wait_event(self, req: dict[str, Any]) -> dict[str, Any]:
        text, since = clean(req["text"]), req["since"]
        deadline = time.monotonic() + req.get("timeout", 2.0)
        while True:
            self.pump()
            for event in self.events:
                if event["t"] < since:
                    continue
                announced = event["type"] == "object:announcement" and text in event["text"]
                focused = event["type"].startswith("focus") or (
                    event["type"] == "object:state-changed:focused" and event["detail1"] == 1
                )
                if announced or (focused and text in event["name"]):
                    return {"ok": True, "event": event}
            if time.monotonic() >= deadline:
                heard = [e for e in self.events if e["t"] >= since]
                return {"ok": False, "heard": heard}
            time.sleep(0.02)

    # -- the loop ----------------------------------------------------------------------------

    def handle(self, req: dict[str, Any]) -> dict[str, Any]:
        op = req["op"]
        if op == "start":
            return self.start(req)
        if op == "status":
            return {"ok": True, "screen": self.current(), "now": time.monotonic()}
        if op == "wait_screen":
            screen = self.wait_screen(req["away_from"], req.get("timeout", 5.0))
            return {"ok": True, "screen": screen, "now": time.monotonic()}
        if op == "walk":
            began = time.monotonic()
            nodes = self.walk()
            return {"ok": True, "nodes": nodes, "seconds": round(time.monotonic() - began, 2)}
        if op == "act":
            return self.act(req)
        if op == "wait_node":  # until a showing node called so is there (or, not present, gone)
            present = req.get("present", True)
            deadline = time.monotonic() + req.get("timeout", 5.0)
            while True:
                there = bool(self.showing(req["name"], req["action"], None, 0.0))
                if there == present or time.monotonic() >= deadline:
                    return {"ok": there == present}
                self.pump(0.05)
        if op == "press_twice":
            return self.press_twice(req)
        if op == "set_value":
            return self.set_value(req)
        if op == "events":
            self.pump()
            return {"ok": True, "events": [e for e in self.events if e["t"] >= req["since"]]}
        if op == "wait_event":
            return self.wait_event(req)
        return {"ok": False, "why": f"unknown op {op!r}"}

    def stop(self) -> None:
        if self.kiosk is not None and self.kiosk.poll() is None:
            self.kiosk.send_signal(signal.SIGTERM)
            try:
                self.kiosk.wait(10)
            except subprocess.TimeoutExpired:
                self.kiosk.kill()
                self.kiosk.wait()

    def serve(self) -> None:
        try:
            while True:
                ready, _, _ = select.select([sys.stdin], [], [], 0.02)
                self.pump()
                if not ready:
                    continue
                line = sys.stdin.readline()
                if not line:
                    return
                req = json.loads(line)
                if req["op"] == "stop":
                    return
                try:
                    reply = self.handle(req)
                except Exception as error:  # reported to the test, which names the step
                    reply = {"ok": False, "why": f"{type(error).__name__}: {error}"}
                sys.stdout.write(REPLY + json.dumps(reply) + "\n")
                sys.stdout.flush()
        finally:
            self.stop()


if __name__ == "__main__":
    Agent().serve()
