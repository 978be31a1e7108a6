"""The receptionist's way through the window: the staff corner opens the PIN pad, the right
PIN opens the staff panel, and the panel's Reload and Quit reach the kiosk.

The flow owns no widget of its own: the PIN pad and the panel are overlays of the window's
overlay host, built the first time they open. Every decision (the PIN, the lock, what reload
does) is `kiosk.core`'s.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from ...core.control import Kiosk
from ..context import UiContext
from ..corner import STAFF_CORNER_PX
from ..input.corner import Clock, CornerHold
from ..overlays import OverlayHost, OverlayKind
from .admin import AdminPanel
from .pin_pad import PinPad

log = logging.getLogger(__name__)


class StaffFlow(QObject):
    def __init__(
        self,
        window: QWidget,
        overlays: OverlayHost,
        kiosk: Kiosk,
        clock: Clock,
        quit_app: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.overlays = overlays
        self.kiosk = kiosk
        self.clock = clock
        self.quit_app = quit_app
        staff = kiosk.loaded.content.staff
        self.corner = CornerHold(
            window,
            staff.corner if staff else "top_left",
            staff.hold_seconds if staff else 3.0,
            overlays.ctx.metrics.px(STAFF_CORNER_PX),
            clock,
        )
        self.corner.triggered.connect(self.open_pin_pad)
        kiosk.on_state(self.refresh)  # made before the window: its panel says so first
        overlays.register(
            {"pin_pad": OverlayKind(self._pin_pad), "admin": OverlayKind(self._admin)}
        )

    def _pin_pad(self, ctx: UiContext) -> QWidget:
        pad = PinPad(ctx, self.window, self.kiosk, self.clock)
        pad.opened_admin.connect(self.open_admin)
        return pad

    def _admin(self, ctx: UiContext) -> QWidget:
        panel = AdminPanel(ctx, self.window, self.kiosk)
        panel.quit_requested.connect(self.quit_app)
        panel.reload_requested.connect(self.reload_content)
        return panel

    def configure(self, ctx: UiContext) -> None:
        """New content: the corner and hold time it names."""
        staff = self.kiosk.loaded.content.staff
        if staff is not None:
            self.corner.configure(staff.corner, staff.hold_seconds, ctx.metrics.px(STAFF_CORNER_PX))

    @property
    def pin_pad(self) -> PinPad:
        pad = self.overlays.get("pin_pad")
        assert isinstance(pad, PinPad)
        return pad

    @property
    def admin(self) -> AdminPanel:
        panel = self.overlays.get("admin")
        assert isinstance(panel, AdminPanel)
        return panel

    def open_pin_pad(self) -> None:
        self.overlays.hide("still_there", "admin")
        self.pin_pad.open()

    def open_admin(self) -> None:
        self.admin.open()

    def reload_content(self) -> None:
        """Staff asked for the file again: the panel stays open and says what happened."""
        result = self.kiosk.reload()
        log.info("staff reload: %s", result.message)
        self.admin.reloaded(result)

    def is_open(self) -> bool:
        return self.overlays.is_open("pin_pad") or self.overlays.is_open("admin")

    def close(self) -> None:
        pad = self.overlays.peek("pin_pad")
        if isinstance(pad, PinPad):
            pad.close_pad()
        self.overlays.hide("admin")

    def refresh(self) -> None:
        """The kiosk's state changed (paused, content waiting, a content error): an open
        panel says so at once."""
        admin = self.overlays.peek("admin")
        if isinstance(admin, AdminPanel) and admin.isVisible():
            admin.refresh()
