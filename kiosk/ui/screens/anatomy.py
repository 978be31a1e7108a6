"""A figure of the body the clinic draws (an SVG with ids): tap a numbered part to read about it.

The numbers are placed from the figure's own geometry (see `kiosk.ui.figure`); the part open
is drawn in the accent colour. The sciatic nerve of the default content is one such figure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...content.model import AnatomyPart, AnatomyScreen
from ...core.place import Place
from .. import accessible
from ..context import UiContext
from ..figure import SvgFigure
from ..theme import Palette, focus_width
from ..widgets import ring_reach, set_role, text_label
from .base import Screen, WordsButton, scroll_area, sources_widget


def figure_style(palette: Palette) -> str:
    """The figure in the clinic's colours: its `body` and `nerve` classes, if it has them."""
    return (
        f".body{{fill:{palette.surface};stroke:{palette.line_strong}}}"
        f".nerve{{stroke:{palette.primary};stroke-opacity:0.45}}"
    )


class AnatomyFigure(SvgFigure):
    """Paints the figure and places a numbered button beside each part. Each button is named
    for screen readers by its number and the part's name (its label, in the visitor's
    language)."""

    def __init__(
        self, ctx: UiContext, screen: AnatomyScreen, on_pick: Callable[[str], None]
    ) -> None:
        super().__init__(ctx, ctx.asset(screen.figure))
        # for the eye and the finger: the list of parts beside it names each part once to a
        # screen reader (its numbers here would name each twice)
        accessible.hide(self)
        self.parts: Sequence[AnatomyPart] = screen.parts
        self.selected: str | None = None
        self.markers: dict[str, QPushButton] = {}
        self.leaders: list[tuple[QPointF, QPointF]] = []
        for number, part in enumerate(screen.parts, start=1):
            button = QPushButton(str(number), self)
            set_role(button, "marker", ringRound=True)
            button.setCheckable(True)
            button.setAccessibleName(f"{number}. {part.label}")
            button.setToolTip(part.label)
            button.clicked.connect(lambda _=False, p=part.id: on_pick(p))
            self.markers[part.id] = button
        self.select(None)

    def select(self, part_id: str | None) -> None:
        self.selected = part_id
        part = next((p for p in self.parts if p.id == part_id), None)
        accent = self.ctx.palette.color("accent")
        lit = {part.highlighted: (accent, 1.0)} if part is not None else {}
        self.restyle(figure_style(self.ctx.palette), lit)
        for name, button in self.markers.items():
            button.setChecked(name == part_id)
        self._place_markers()

    def _place_markers(self) -> None:
        """Each number sits beside its part, alternately right and left so that neighbours
        never overlap, joined to it by a short line; two parts whose lines would cross
        change sides."""
        if self.renderer.viewBoxF().width() <= 0:
            return
        points = {part_id: self.element_centre(part_id) for part_id in self.markers}
        sides = {part_id: 1 if i % 2 == 0 else -1 for i, part_id in enumerate(self.markers)}
        for _ in range(len(sides) * 2):
            spots = self._spots(points, sides)
            crossing = next(
                (
                    (a, b)
                    for a in spots
                    for b in spots
                    if a < b
                    and sides[a] != sides[b]
                    and _cross(points[a], spots[a], points[b], spots[b])
                ),
                None,
            )
            if crossing is None:
                break
            a, b = crossing
            sides[a], sides[b] = sides[b], sides[a]
        spots = self._spots(points, sides)
        self.leaders = []
        for part_id, button in self.markers.items():
            spot = spots[part_id]
            button.move(round(spot.x() - button.width() / 2), round(spot.y() - button.height() / 2))
            self.leaders.append((points[part_id], spot))

    def _spots(self, points: dict[str, QPointF], sides: dict[str, int]) -> dict[str, QPointF]:
        """Where each number's middle goes: beside its part on its side, pushed down below
        any number already placed that it would touch, on either side (8 px apart at least)."""
        offset = self.ctx.metrics.px(78)
        gap = self.ctx.metrics.target_gap
        taken: list[QRectF] = []  # the numbers placed so far
        spots: dict[str, QPointF] = {}
        for part_id in sorted(points, key=lambda p: points[p].y()):
            button = self.markers[part_id]
            width, height = button.width(), button.height()
            side, point = sides[part_id], points[part_id]
            x, y = point.x() + side * offset - width / 2, point.y()
            # never on a neighbour, on either side: a finger needs a gap between targets
            for other in sorted(taken, key=QRectF.top):
                mine = QRectF(x, y - height / 2, width, height)
                if mine.adjusted(-gap, -gap, gap, gap).intersects(other):
                    y = other.bottom() + gap + height / 2
            taken.append(QRectF(x, y - height / 2, width, height))
            spots[part_id] = QPointF(point.x() + side * offset, y)
        return spots

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._place_markers()

    def paint_over(self, painter: QPainter) -> None:
        colour = self.ctx.palette.color("primary")
        painter.setPen(QPen(colour, max(2, self.ctx.metrics.px(3))))
        painter.setBrush(colour)
        dot = max(3, self.ctx.metrics.px(6))
        for point, spot in self.leaders:
            painter.drawLine(point, spot)
            painter.drawEllipse(point, dot, dot)
        # each number stands on a clear disc as wide as its focus ring (`ControlRing`), so
        # that the ring, in the text colour, never lies on a line of the figure or a leader
        # (a line of its own colour would hide part of it)
        reach = ring_reach(focus_width(self.ctx.metrics))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.ctx.palette.color("background"))
        for button in self.markers.values():
            painter.drawEllipse(QRectF(button.geometry()).adjusted(-reach, -reach, reach, reach))


class AnatomyView(Screen):
    def __init__(self, ctx: UiContext, place: Place, screen: AnatomyScreen) -> None:
        super().__init__(ctx, place)
        self.spec = screen
        self._reopen: str | None = None
        """The part to open when next shown (the page drawn anew for a display change)."""
        self.set_title(screen.title)
        m = ctx.metrics
        self.layout_.addWidget(text_label(screen.title, "title"))
        self.figure = AnatomyFigure(ctx, screen, self.pick)
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
            button = WordsButton(ctx, part.label, "part", number=str(index + 1))
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, p=part.id: self.pick(p))
            self.group.addButton(button)
            self.part_buttons[part.id] = button
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
        self.pick(screen.parts[0].id)

    def pick(self, part_id: str) -> None:
        """Open a part: its name and words show in the box under the buttons."""
        part = next(p for p in self.spec.parts if p.id == part_id)
        self.figure.select(part_id)
        self.part_buttons[part_id].setChecked(True)
        self.detail_title.setText(part.label)
        self.detail_text.setText(part.text)
        if self.isVisible():
            self.show_detail()

    def show_detail(self) -> None:
        """Scroll the side so the part's words show with their heading, never cutting the
        intro in half: from the top when the box fits under the intro, else with the box's
        heading at the top of the view (the intro and buttons then wholly above it)."""
        area = self.panel_scroll
        area.fit_content()
        inside = area.widget()
        if inside is None:
            return
        top = self.detail.mapTo(inside, QPoint(0, 0)).y()
        bottom = top + self.detail.height()
        view = area.viewport().height()
        bar = area.verticalScrollBar()
        if bottom <= view:
            bar.setValue(0)
        elif not (bar.value() <= top and bottom <= bar.value() + view):
            bar.setValue(min(bar.maximum(), top))

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
        self.pick(self._reopen or self.spec.parts[0].id)
        if self._reopen is None:
            self.panel_scroll.reset_position()
        self._reopen = None

    def opened(self) -> object:
        return self.figure.selected

    def reopen(self, opened: object) -> None:
        if any(part.id == opened for part in self.spec.parts):
            self._reopen = str(opened)


def _cross(a1: QPointF, a2: QPointF, b1: QPointF, b2: QPointF) -> bool:
    """Whether the line a1-a2 crosses the line b1-b2 (touching ends do not count)."""

    def turn(p: QPointF, q: QPointF, r: QPointF) -> float:
        return (q.x() - p.x()) * (r.y() - p.y()) - (q.y() - p.y()) * (r.x() - p.x())

    d1, d2 = turn(b1, b2, a1), turn(b1, b2, a2)
    d3, d4 = turn(a1, a2, b1), turn(a1, a2, b2)
    return d1 * d2 < 0 and d3 * d4 < 0
