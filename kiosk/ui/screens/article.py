"""An article: a title and blocks of text that scroll by touch, then its sources."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...content.model import ArticleScreen, SelfCheckScreen
from ...core.place import Place
from ..context import UiContext
from ..widgets import KineticScrollArea, text_label
from .base import Screen, blocks_widget, measured, scroll_area, sources_widget

QWIDGETSIZE_MAX = (1 << 24) - 1


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
        self.body = body
        self.scroll_area = scroll_area(ctx, measured(ctx, body), screen.title)
        self.layout_.addStretch(0)
        self.layout_.addWidget(measured(ctx, title))
        self.layout_.addWidget(self.scroll_area, 1)
        self.layout_.addStretch(0)
        self._balancing = False
        body.installEventFilter(self)  # laid out anew (its fonts, its width): balanced anew

    def balance(self) -> None:
        """On a portrait page an article shorter than the page stands in its middle, the
        room left shared above its title and below its sources (tester: the words at the
        top, 60 % of the page blank); a longer one, or any in landscape, starts at the top
        and scrolls."""
        layout, area = self.layout_, self.scroll_area
        if self.window() is self or self._balancing:
            return  # not on the window yet, or balancing now
        self._balancing = True
        try:
            self._balance(layout, area)
        finally:
            self._balancing = False

    def _balance(self, layout: QVBoxLayout, area: KineticScrollArea) -> None:
        margins = layout.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        if area.maximumHeight() != QWIDGETSIZE_MAX:  # measured at its full height
            area.setMinimumHeight(0)
            area.setMaximumHeight(QWIDGETSIZE_MAX)
            layout.setStretch(2, 1)
            layout.activate()
        title = layout.itemAt(1)
        assert title is not None
        room = self.height() - margins.top() - margins.bottom() - 3 * layout.spacing()
        room -= title.heightForWidth(width) if title.hasHeightForWidth() else 0
        area.fit_content()  # laid out at its width: what it draws is known
        needed = _lowest(self.body) + self.ctx.metrics.px(24)
        centred = self.height() > self.width() and 0 < needed < room
        if centred:
            area.setFixedHeight(needed)
        else:
            area.setMinimumHeight(0)
            area.setMaximumHeight(QWIDGETSIZE_MAX)
        for index, stretch in ((0, 1), (2, 0), (3, 1)) if centred else ((0, 0), (2, 1), (3, 0)):
            layout.setStretch(index, stretch)
        layout.activate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.body and event.type() == QEvent.Type.Resize:
            self.balance()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        self.balance()
        super().resizeEvent(event)

    def refresh(self) -> None:
        for part in self.findChildren(QWidget):  # measured in the fonts it is drawn in
            part.ensurePolished()
        self.balance()
        self.scroll_area.reset_position()


def _lowest(content: QWidget) -> int:
    """The bottom edge, in `content`, of the lowest thing it draws (shown or not yet)."""
    leaves = [
        w
        for w in content.findChildren(QWidget)
        if w.isVisibleTo(content) and w.height() > 0 and not w.findChildren(QWidget)
    ]
    return max((w.mapTo(content, QPoint(0, w.height())).y() for w in leaves), default=0)
