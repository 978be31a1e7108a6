"""The sciatic nerve on a body outline (our own SVG): tap a part to read about it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QByteArray, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...content.model import AnatomyScreen
from ...paths import bundled_asset
from ..theme import Palette
from ..widgets import set_role, svg_with_style, text_label
from .base import Screen, UiContext, WordsButton, scroll_area, sources_widget

FIGURE = "anatomy/body_back.svg"


def styled_svg(source: str, palette: Palette, selected: str | None) -> bytes:
    """The figure in the clinic's colours, the selected part of the nerve stronger."""
    rules = [
        f".body{{fill:{palette.surface};stroke:{palette.line_strong}}}",
        f".nerve{{stroke:{palette.primary};stroke-opacity:0.45}}",
    ]
    if selected:
        rules.append(
            f"#nerve-{selected}{{stroke:{palette.accent};stroke-opacity:1;stroke-width:11}}"
        )
    return svg_with_style(source, "".join(rules))


class NerveFigure(QWidget):
    """Paints the figure and places a numbered button on each part of the nerve. Each button
    is named for screen readers by its number and the part's name (`names`, in the
    visitor's language)."""

    def __init__(
        self,
        ctx: UiContext,
        segments: Sequence[str],
        on_pick: Callable[[str], None],
        names: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.source = bundled_asset(FIGURE).read_text("utf-8")
        self.selected: str | None = None
        self.renderer = QSvgRenderer()
        self.markers: dict[str, QPushButton] = {}
        self.leaders: list[tuple[QPointF, QPointF]] = []
        for number, segment in enumerate(segments, start=1):
            button = QPushButton(str(number), self)
            set_role(button, "marker")
            button.setCheckable(True)
            name = names[number - 1] if number <= len(names) else segment
            button.setAccessibleName(f"{number}. {name}")
            button.setToolTip(name)
            button.clicked.connect(lambda _=False, s=segment: on_pick(s))
            self.markers[segment] = button
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(ctx.metrics.px(220), ctx.metrics.px(360))
        self.select(None)

    def select(self, segment: str | None) -> None:
        self.selected = segment
        self.renderer.load(QByteArray(styled_svg(self.source, self.ctx.palette, segment)))
        for name, button in self.markers.items():
            button.setChecked(name == segment)
        self._place_markers()
        self.update()

    def _viewport(self) -> QRectF:
        size = self.renderer.viewBoxF().size()
        size.scale(self.width(), self.height(), Qt.AspectRatioMode.KeepAspectRatio)
        x = (self.width() - size.width()) / 2
        y = (self.height() - size.height()) / 2
        return QRectF(x, y, size.width(), size.height())

    def _place_markers(self) -> None:
        """Each number sits beside its part of the nerve, alternately right and left so that
        neighbours never overlap, joined to it by a short line."""
        view, box = self._viewport(), self.renderer.viewBoxF()
        if box.width() <= 0:
            return
        factor = view.width() / box.width()
        offset = self.ctx.metrics.px(78)
        gap = self.ctx.metrics.target_gap
        self.leaders = []
        taken: list[QRectF] = []  # the markers placed so far
        placed: list[tuple[float, QPushButton, QPointF, int]] = []
        for index, (segment, button) in enumerate(self.markers.items()):
            centre = self.renderer.boundsOnElement(f"marker-{segment}").center()
            point = QPointF(
                view.x() + (centre.x() - box.x()) * factor,
                view.y() + (centre.y() - box.y()) * factor,
            )
            placed.append((point.y(), button, point, 1 if index % 2 == 0 else -1))
        for _, button, point, side in sorted(placed, key=lambda item: item[0]):
            half = button.height() / 2
            x = point.x() + side * offset - button.width() / 2
            y = point.y()
            # never on a neighbour, on either side: a finger needs a gap between targets
            for other in sorted(taken, key=QRectF.top):
                mine = QRectF(x, y - half, button.width(), button.height())
                if mine.adjusted(-gap, -gap, gap, gap).intersects(other):
                    y = other.bottom() + gap + half
            taken.append(QRectF(x, y - half, button.width(), button.height()))
            spot = QPointF(point.x() + side * offset, y)
            button.move(round(spot.x() - button.width() / 2), round(y - half))
            self.leaders.append((point, spot))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._place_markers()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.renderer.render(painter, self._viewport())
        colour = self.ctx.palette.color("primary")
        painter.setPen(QPen(colour, max(2, self.ctx.metrics.px(3))))
        painter.setBrush(colour)
        dot = max(3, self.ctx.metrics.px(6))
        for point, spot in self.leaders:
            painter.drawLine(point, spot)
            painter.drawEllipse(point, dot, dot)
        painter.end()


class AnatomyView(Screen):
    def __init__(self, ctx: UiContext, name: str, screen: AnatomyScreen) -> None:
        super().__init__(ctx, name)
        self.spec = screen
        self.set_title(screen.title)
        m = ctx.metrics
        self.layout_.addWidget(text_label(screen.title, "title"))
        segments = [part.segment for part in screen.parts]
        labels = [part.label for part in screen.parts]
        self.figure = NerveFigure(ctx, segments, self.pick, labels)
        panel = QWidget()
        side = QVBoxLayout(panel)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(m.px(14))
        side.addWidget(text_label(screen.intro or ctx.words.tap_nerve, "body"))
        self.group = QButtonGroup(self)
        self.part_buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(m.px(12))
        rows = (len(screen.parts) + 1) // 2
        for index, part in enumerate(screen.parts):
            button = WordsButton(ctx, f"{index + 1}   {part.label}", "part")
            button.setAccessibleName(f"{index + 1}. {part.label}")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, s=part.segment: self.pick(s))
            self.group.addButton(button)
            self.part_buttons[part.segment] = button
            grid.addWidget(button, index % rows, index // rows)  # numbers run down each column
        side.addLayout(grid)
        self.detail = QFrame()
        set_role(self.detail, "detail")
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(m.px(28), m.px(22), m.px(28), m.px(22))
        detail_layout.setSpacing(m.px(10))
        self.detail_title = text_label("", "heading")
        self.detail_text = text_label("", "body")
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.detail_text)
        side.addWidget(self.detail)
        side.addStretch(1)
        side.addWidget(sources_widget(ctx, list(screen.sources), screen.reviewed))
        self.panel_scroll = scroll_area(ctx, panel, screen.title)
        self.panel_scroll.setMaximumWidth(m.measure)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(m.px(40))
        self.body.addWidget(self.figure, 2)
        self.body.addWidget(self.panel_scroll, 3)
        self.layout_.addLayout(self.body, 1)
        self.pick(screen.parts[0].segment)

    def pick(self, segment: str) -> None:
        part = next(p for p in self.spec.parts if p.segment == segment)
        self.figure.select(segment)
        self.part_buttons[segment].setChecked(True)
        self.detail_title.setText(part.label)
        self.detail_text.setText(part.text)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        portrait = self.height() > self.width()
        self.body.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        # portrait: the figure takes the larger share, so its numbers have room between them
        self.body.setStretch(0, 3 if portrait else 2)
        self.body.setStretch(1, 2 if portrait else 3)
        super().resizeEvent(event)

    def refresh(self) -> None:
        self.pick(self.spec.parts[0].segment)
        self.panel_scroll.reset_position()
