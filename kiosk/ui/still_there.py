"""'Still there?': the overlay the idle watcher shows before it ends a visit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QPushButton, QVBoxLayout, QWidget

from ..content.app_words import visitor_count
from . import accessible
from .context import UiContext
from .widgets import centred, set_role, text_label


class StillThere(QFrame):
    """The overlay: a dimmed screen, a card, a countdown and one large button."""

    def __init__(self, ctx: UiContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("idleOverlay")
        # a dialog: its title, and as its description the countdown and what happens when
        # it ends (`show_seconds`); the big number alone is left out (the message says it)
        accessible.as_dialog(self, ctx.words.still_there)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        m = ctx.metrics
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        card = QFrame()
        card.setObjectName("idleCard")
        card.setFixedWidth(m.px(880))
        inner = QVBoxLayout(card)
        inner.setContentsMargins(m.px(56), m.px(48), m.px(56), m.px(48))
        inner.setSpacing(m.px(28))
        title = text_label(ctx.words.still_there, "title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        inner.addWidget(title)
        self.count = text_label("", wrap=False)
        self.count.setObjectName("idleCount")
        accessible.hide(self.count)
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        inner.addWidget(self.count)
        self.message = text_label("", "body")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        inner.addWidget(self.message)
        self.button = QPushButton(ctx.words.still_here)
        self.button.setObjectName("stillHereButton")
        set_role(self.button, "primary")
        self.button.setMinimumHeight(m.px(110))
        inner.addWidget(self.button)
        outer.addLayout(centred(card))
        outer.addStretch(1)
        self.hide()

    def show_seconds(self, seconds: int) -> None:
        self.count.setText(str(seconds))
        # the number in the plural form the language uses for it ("dans 1 seconde")
        time = visitor_count(self.ctx.session.shown_language, "idle_time", seconds)
        message = self.ctx.words.idle_message.format(seconds=seconds, time=time)
        self.message.setText(message)
        self.setAccessibleDescription(message)
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        if not self.isVisible():
            self.show()
            self.raise_()
            # said at once, over whatever is being said: the visit ends unless they answer
            accessible.announce(self, f"{self.accessibleName()} {message}", assertive=True)
            layout = self.layout()
            if layout is not None:
                layout.activate()
