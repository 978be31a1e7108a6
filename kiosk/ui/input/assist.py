"""An assistive client's actions (AT-SPI or UI Automation: Press, Toggle on a button) take
the path of a tap: `kiosk.ui.accessible` hands them to the window's `AssistiveActions`.

- The visitor is there: the idle watch counts the action as a touch.
- The tap guard decides as for a tap or a key: just after the page changed, or a second
  action on the same toggle within a double tap's time, it is ignored (two Press actions
  250 ms apart must not answer two red-flag questions).
- Then a click: the button's `clicked`, which the page turns into one session call, as for
  a tap (a Toggle too: Qt's own Toggle changed the tick without telling the session).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QAbstractButton, QWidget

from ..accessible import ACTIONS, reachable
from .idle import IdleWatcher, TapGuard


class AssistiveActions(QObject):
    def __init__(self, window: QWidget, guard: TapGuard, idle: IdleWatcher) -> None:
        super().__init__(window)
        self.setObjectName(ACTIONS)
        self.guard = guard
        self.idle = idle

    def activate(self, button: QAbstractButton) -> bool:
        """Press `button` as a tap would; False if it was ignored."""
        if not reachable(button):
            return False
        self.idle.presence()
        if self.guard.blocks(button):
            return False
        button.click()
        return True
