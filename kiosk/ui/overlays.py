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

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from ..content.app_words import count, staff_word
from . import accessible
from .context import UiContext
from .pages import let_go
from .widgets import FittingButton, centred, reads_right_to_left, set_role


@dataclass(frozen=True)
class OverlayKind:
    build: Callable[[UiContext], QWidget]
    reopen: Callable[[QWidget], None] | None = None
    """How to open it again after a change of context while it is open (None: it closes)."""


class OverlayHost(QObject):
    def __init__(self, window: QWidget, ctx: UiContext) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.kinds: dict[str, OverlayKind] = {}
        self.built: dict[str, QWidget] = {}

    def register(self, kinds: dict[str, OverlayKind]) -> None:
        """Overlays this host may open, by name (the visitor's panels, the staff's)."""
        self.kinds.update(kinds)

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


class Overlay(QFrame):
    """A dimmed layer over the whole window with one card in the middle."""

    def __init__(self, ctx: UiContext, parent: QWidget, name: str, width: int) -> None:
        super().__init__(parent)
        self.ctx = ctx
        content = ctx.loaded.content
        self.language = content.staff_language
        rtl = reads_right_to_left(list(content.languages), self.language)
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )
        self.setObjectName(name)
        # a dialog to an assistive client, named by its title (`as_dialog` in a subclass)
        accessible.mark(self, accessible.DIALOG)
        set_role(self, "overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        m = ctx.metrics
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        self.card = QFrame()
        set_role(self.card, "overlayCard")
        self.card.setFixedWidth(width)
        self.card_layout = QVBoxLayout(self.card)
        self.card_layout.setContentsMargins(m.px(48), m.px(40), m.px(48), m.px(40))
        self.card_layout.setSpacing(m.px(20))
        outer.addLayout(centred(self.card))
        outer.addStretch(1)
        self.hide()

    def open(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        accessible.announce(self, self.accessibleName())

    def word(self, key: str) -> str:
        """A staff word in the staff's language."""
        return staff_word(self.language, key)

    def count(self, key: str, n: int) -> str:
        """`n` things in the staff's language, in its plural form for `n`."""
        return count(self.language, key, n)

    def button(self, text: str, role: str = "nav") -> FittingButton:
        button = FittingButton(text)  # a long translation at the largest text takes two lines
        set_role(button, role)
        button.setMinimumHeight(self.ctx.metrics.px(96))
        return button
