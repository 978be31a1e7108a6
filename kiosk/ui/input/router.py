"""One door for input: the window's application-wide event filter.

The helpers that watch input for as long as the kiosk runs (the tap guard, the idle watcher,
the staff corner, the lockdown, keyboard access and the fade between pages) do not install
filters of their own. The window owns them and one `InputRouter`, installed once, passes
every event to them in a stated order; the first that uses an event up ends its journey:

1. the staff corner: a long hold opens the PIN pad, and the release that ends it is dropped
   (first, so that a hold begun just after a page change is still a hold);
2. the tap guard: a tap just after the page changed is dropped, so the second tap of a
   double tap cannot answer the next (often red-flag) question, nor tap Next or Finish;
3. idle: any touch or key counts as the visitor being there;
   then spoken mode's keys, once the window adds them (`kiosk.ui.spoken`: repeat, pause,
   help, volume, speed, back; a key on the start screen starts it);
4. lockdown: close, minimise and desktop keys are refused;
5. keyboard: Tab, arrows, Enter and Space;
6. the fade: a press ends the fade so the pressed button shows at once.

Because the router and its policies belong to the window (never to a page, a stack or a
panel), no rebuild of the screens can drop one of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication


class Policy(Protocol):
    """Something that looks at input: True uses the event up. `events`: the kinds of event
    it looks at (the router passes it no other, so most events cost one look-up)."""

    @property
    def events(self) -> frozenset[QEvent.Type]: ...

    def eventFilter(self, watched: QObject, event: QEvent) -> bool: ...  # noqa: N802


class InputRouter(QObject):
    """Installed on the application once; asks each policy in turn."""

    def __init__(self, parent: QObject, policies: Sequence[tuple[str, Policy]]) -> None:
        super().__init__(parent)
        self.setObjectName("inputRouter")
        self.installed = False
        self.set_policies(policies)

    def set_policies(self, policies: Sequence[tuple[str, Policy]]) -> None:
        self.policies: list[tuple[str, Policy]] = list(policies)
        self._by_kind: dict[QEvent.Type, list[Policy]] = {}
        for _, policy in self.policies:  # in order: each kind's list keeps it
            for kind in policy.events:
                self._by_kind.setdefault(kind, []).append(policy)

    @property
    def order(self) -> list[str]:
        """The policies' names, in the order they see an event."""
        return [name for name, _ in self.policies]

    def install(self) -> None:
        app = QApplication.instance()
        if app is not None and not self.installed:
            app.installEventFilter(self)
            app.aboutToQuit.connect(self.remove)  # nothing is routed while the app ends
            self.installed = True

    def remove(self) -> None:
        app = QApplication.instance()
        if app is not None and self.installed:
            app.removeEventFilter(self)
            self.installed = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # a router whose window is gone is torn down in two steps: Python's garbage collector
        # may clear its attributes before Qt deletes it (and so stops sending it events)
        by_kind: dict[QEvent.Type, list[Policy]] | None = self.__dict__.get("_by_kind")
        if by_kind is None:
            return False
        policies = by_kind.get(event.type())
        if not policies:
            return False
        return any(policy.eventFilter(watched, event) for policy in policies)
