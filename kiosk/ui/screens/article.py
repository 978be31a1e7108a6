"""An article: a title and blocks of text that scroll by touch, then its sources."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...content.model import ArticleScreen, SelfCheckScreen
from ...core.place import Place
from ..context import UiContext
from ..widgets import text_label
from .base import Screen, blocks_widget, measured, scroll_area, sources_widget


class ArticleView(Screen):
    """Also the self-check's introduction, which is an article with a different Next."""

    def __init__(
        self, ctx: UiContext, place: Place, screen: ArticleScreen | SelfCheckScreen
    ) -> None:
        super().__init__(ctx, place)
        self.spec = screen
        self.set_title(screen.title)
        m = ctx.metrics
        title = text_label(screen.title, "title")
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, m.px(24))
        column.setSpacing(m.px(28))
        column.addWidget(blocks_widget(ctx, list(screen.body)))
        # the sources follow the words (tester: 750 px between them on a portrait screen)
        column.addWidget(sources_widget(ctx, list(screen.sources), screen.reviewed))
        column.addStretch(1)
        self.scroll_area = scroll_area(ctx, measured(ctx, body), screen.title)
        self.layout_.addWidget(measured(ctx, title))
        self.layout_.addWidget(self.scroll_area, 1)
        self.centre_when_short(self.scroll_area, body)

    def refresh(self) -> None:
        self.balance_column()
        self.scroll_area.reset_position()
