"""The overlay host: the layers over the window ("Still there?", the visitor's reading and
language panels, the PIN pad, the staff panel), each built the first time it opens.

Overlays are children of the window, outside its layout, so they cover the frame and the
page alike (and keyboard access keeps focus inside the topmost one). When the window's
context changes, closed overlays are let go (built again when next opened) and an open one
that can be opened again (`reopen`) is built anew and opened where it was, in the same
frame: the visitor who tapped "Largest" in the reading panel sees the panel again, in the
new size, with "Largest" ticked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from .pages import let_go
from .screens.base import UiContext


@dataclass(frozen=True)
class OverlayKind:
    build: Callable[[UiContext], QWidget]
    reopen: Callable[[QWidget], None] | None = None
    """How to open it again after a change of context while it is open (None: it closes)."""


class OverlayHost(QObject):
    def __init__(self, window: QWidget, ctx: UiContext, kinds: dict[str, OverlayKind]) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.kinds = kinds
        self.built: dict[str, QWidget] = {}

    def get(self, name: str) -> QWidget:
        """The overlay `name`, built now (closed) if it was not yet."""
        overlay = self.built.get(name)
        if overlay is None:
            overlay = self.kinds[name].build(self.ctx)
            overlay.hide()
            self.built[name] = overlay
        return overlay

    def peek(self, name: str) -> QWidget | None:
        """The overlay if it was built, without building it."""
        return self.built.get(name)

    def is_open(self, name: str) -> bool:
        overlay = self.built.get(name)
        return overlay is not None and overlay.isVisible()

    def hide(self, *names: str) -> None:
        for name in names:
            overlay = self.built.get(name)
            if overlay is not None:
                overlay.hide()

    def open_ones(self) -> list[QWidget]:
        return [overlay for overlay in self.built.values() if overlay.isVisible()]

    def renew(self, ctx: UiContext) -> None:
        """Use `ctx` from now on (see the module's text)."""
        self.ctx = ctx
        old, self.built = self.built, {}
        for name, overlay in old.items():
            reopen = self.kinds[name].reopen
            was_open = overlay.isVisible()
            let_go(overlay)
            if was_open and reopen is not None:
                reopen(self.get(name))
