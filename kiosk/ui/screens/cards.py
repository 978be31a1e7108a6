"""Cards side by side: the kinds of massage, each with its icon, name and a few words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from ...content.model import CardsScreen
from ...core.place import Place
from ..context import UiContext
from ..widgets import icon_label, set_role, text_label
from .base import Screen, scroll_area, sources_widget


class CardsView(Screen):
    def __init__(self, ctx: UiContext, place: Place, screen: CardsScreen) -> None:
        super().__init__(ctx, place)
        self.spec = screen
        self.set_title(screen.title)
        m = ctx.metrics
        title = text_label(screen.title, "title")
        title.setMaximumWidth(m.px(1500))
        self.layout_.addWidget(self._centred(title))
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, m.px(24))
        column.setSpacing(m.px(28))
        if screen.intro:
            column.addWidget(text_label(screen.intro, "body"))
        self.grid = QGridLayout()
        self.grid.setSpacing(m.px(24))
        self.cards: list[QFrame] = [
            self._card(card_index) for card_index in range(len(screen.cards))
        ]
        column.addLayout(self.grid)
        # the sources follow the words (a portrait page put 750 px between them)
        column.addWidget(sources_widget(ctx, list(screen.sources), screen.reviewed))
        column.addStretch(1)
        wide = body
        wide.setMaximumWidth(m.px(1500))
        self.scroll_area = scroll_area(ctx, self._centred(wide), screen.title)
        self.layout_.addWidget(self.scroll_area, 1)
        self.centre_when_short(self.scroll_area, body)
        self._columns = 0

    def _centred(self, inner: QWidget) -> QWidget:
        outer = QWidget()
        row = QHBoxLayout(outer)
        row.setContentsMargins(0, 0, self.ctx.metrics.px(16), 0)
        row.addStretch(1)
        row.addWidget(inner, 100)
        row.addStretch(1)
        return outer

    def _card(self, index: int) -> QFrame:
        ctx, m = self.ctx, self.ctx.metrics
        card = self.spec.cards[index]
        modality = ctx.content.modality(card.modality) if card.modality else None
        title = card.title or (modality.name if modality else "")
        icon = ctx.asset(card.icon or (modality.icon if modality else None))
        frame = QFrame()
        set_role(frame, "card")
        layout = QHBoxLayout(frame)
        layout.setContentsMargins(m.px(28), m.px(24), m.px(28), m.px(24))
        layout.setSpacing(m.px(24))
        if icon is not None:
            layout.addWidget(
                icon_label(icon, m.px(80), ctx.palette.color("primary")),
                0,
                Qt.AlignmentFlag.AlignTop,
            )
        text = QVBoxLayout()
        text.setSpacing(m.px(8))
        text.addWidget(text_label(title, "heading"))
        text.addWidget(text_label(card.text, "body"))
        text.addStretch(1)
        layout.addLayout(text, 1)
        return frame

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for frame in self.cards:
            self.grid.removeWidget(frame)
        for index, frame in enumerate(self.cards):
            self.grid.addWidget(frame, index // columns, index % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        self._arrange(2 if self.width() > self.height() else 1)
        super().resizeEvent(event)

    def refresh(self) -> None:
        self._arrange(2 if self.width() > self.height() else 1)
        self.balance_column()
        self.scroll_area.reset_position()
