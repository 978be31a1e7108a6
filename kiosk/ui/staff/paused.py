"""'Back in a moment': the page shown while staff have paused the kiosk."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QLabel,
)

from ...core.place import PAUSED
from .. import accessible
from ..context import UiContext
from ..screens.base import Screen
from ..widgets import (
    render_image,
    text_label,
)

log = logging.getLogger(__name__)
Clock = Callable[[], float]


class PausedView(Screen):
    """'Back in a moment': shown while staff have paused the kiosk; taps do nothing. Its words
    stand in every language of the kiosk (nobody can choose one while it is paused): the
    visitor's language first and largest, then the others."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, PAUSED)
        m, words = ctx.metrics, ctx.words
        self.set_title(words.paused_title)
        self.layout_.addStretch(2)
        logo = QLabel()
        logo.setPixmap(
            render_image(ctx.asset(ctx.content.clinic.logo), QSize(m.px(180), m.px(180)))
        )
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        accessible.hide(logo)
        self.layout_.addWidget(logo)
        title = text_label(words.paused_title)
        title.setObjectName("attractName")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.layout_.addWidget(title)
        message = text_label(words.paused_message)
        message.setObjectName("attractWelcome")
        message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.layout_.addWidget(message)
        base = ctx.loaded.content
        shown = {str(words.paused_title), str(words.paused_message)}
        for code in base.language_codes():
            other = base.in_language(code).ui_text
            if str(other.paused_title) in shown and str(other.paused_message) in shown:
                continue
            shown |= {str(other.paused_title), str(other.paused_message)}
            self.layout_.addSpacing(m.px(12))
            for text, role in ((other.paused_title, "heading"), (other.paused_message, None)):
                label = text_label(text, role)
                label.setObjectName("pausedOther")
                label.setAlignment(Qt.AlignmentFlag.AlignCenter)
                self.layout_.addWidget(label)
        self.layout_.addStretch(3)
