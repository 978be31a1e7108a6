"""The attract screen: the clinic, an invitation to touch, and a word on privacy."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton

from ..widgets import icon_pixmap, render_image, text_label, ui_icon
from .base import Screen, UiContext


class AttractView(Screen):
    def __init__(self, ctx: UiContext, name: str) -> None:
        super().__init__(ctx, name)
        m, content = ctx.metrics, ctx.content
        layout = self.layout_
        layout.setContentsMargins(m.px(80), m.px(80), m.px(80), m.px(56))
        layout.setSpacing(m.px(28))
        layout.addStretch(3)
        logo = QLabel()
        logo.setPixmap(render_image(ctx.asset(content.clinic.logo), QSize(m.px(220), m.px(220))))
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        logo.setAccessibleName(f"{content.clinic.name} logo")
        layout.addWidget(logo)
        name_label = text_label(content.clinic.name)
        name_label.setObjectName("attractName")
        name_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(name_label)
        welcome = text_label(content.clinic.welcome)
        welcome.setObjectName("attractWelcome")
        welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(welcome)
        layout.addStretch(2)
        self.begin = QPushButton(ctx.words.touch_to_begin)
        self.begin.setObjectName("beginButton")
        self.begin.setIcon(icon_pixmap(ui_icon("touch"), m.px(64), ctx.palette.color("on_primary")))
        self.begin.setIconSize(QSize(m.px(64), m.px(64)))
        self.begin.clicked.connect(ctx.session.start)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.begin)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(3)
        privacy_row = QHBoxLayout()
        privacy_row.addStretch(1)
        lock = QLabel()
        lock.setPixmap(icon_pixmap(ui_icon("lock"), m.px(32), ctx.palette.color("muted")))
        privacy_row.addWidget(lock)
        privacy = text_label(ctx.words.privacy, wrap=False)
        privacy.setObjectName("attractPrivacy")
        privacy_row.addWidget(privacy)
        privacy_row.addStretch(1)
        layout.addLayout(privacy_row)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        """A touch anywhere begins."""
        event.accept()
        self.ctx.session.start()
