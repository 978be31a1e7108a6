"""A figure of the body the clinic draws (an SVG with ids): tap a numbered part to read about it.

The numbers are placed from the figure's own geometry (see `kiosk.ui.figure`); the part open
is drawn in the accent colour. The sciatic nerve of the default content is one such figure.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QPoint, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QPainter, QPen, QResizeEvent, QShowEvent
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
from ..ink import Ink
from ..theme import Palette, focus_width
from ..widgets import NOT_A_STOP, ring_reach, set_role, text_label
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
        self._placed: tuple[object, dict[str, tuple[QPointF, QPointF]]] | None = None
        """Each part's dot and number for a size (see `_place_markers`)."""
        for number, part in enumerate(screen.parts, start=1):
            button = QPushButton(str(number), self)
            set_role(button, "marker", ringRound=True)
            button.setCheckable(True)
            button.setAccessibleName(f"{number}. {part.label}")
            button.setToolTip(part.label)
            # a finger's target: keys and a screen reader have the list beside it, which
            # does the same, so each part is one stop, not two (blind tester)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setProperty(NOT_A_STOP, True)
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
        """Each number's line ends in a dot well inside its part (on the largest piece of a
        part drawn in several, off any other part's ink); the number sits beside it, inside
        the figure's widget, off every part's ink and clear of the other numbers and their
        lines. Worked out once for a size and the numbers' size (a tap only moves nothing)."""
        if self.renderer.viewBoxF().width() <= 0 or self.width() <= 0 or self.height() <= 0:
            return
        if not self.isVisible():  # placed when shown, at the size it is shown at
            return
        key = (
            self.width(),
            self.height(),
            tuple((b.width(), b.height()) for b in self.markers.values()),
        )
        if self._placed is None or self._placed[0] != key:
            self._placed = (key, self._arrange())
        self.leaders = []
        for part_id, (point, spot) in self._placed[1].items():
            button = self.markers[part_id]
            button.move(round(spot.x() - button.width() / 2), round(spot.y() - button.height() / 2))
            self.leaders.append((point, spot))

    def anchor(self, part_id: str) -> QPointF:
        """Where a part's line ends: the point deepest inside the largest piece of its ink
        that no other part covers (its bounding box's middle may be empty, or on another
        part)."""
        rect = self.element_rect(part_id)
        if rect.width() <= 0 and rect.height() <= 0:
            return rect.center()
        cell = max(0.5, max(rect.width(), rect.height()) / 32)
        area = rect.adjusted(-2 * cell, -2 * cell, 2 * cell, 2 * cell)
        own = self.ink([part_id], area, cell, threshold=128)
        others = [p.id for p in self.parts if p.id != part_id]
        pieces = own.without(self.ink(others, area, cell)).pieces() or own.pieces()
        if not pieces:
            return rect.center()
        x, y = own.deepest(pieces[0])
        return QPointF(area.x() + (x + 0.5) * cell, area.y() + (y + 0.5) * cell)

    def _arrange(self) -> dict[str, tuple[QPointF, QPointF]]:
        """Each part's dot and its number's middle, the parts from the top down: the number
        tried beside its dot on its side (alternate sides, level with it), then moved as
        little as it can be: farther out, higher or lower, to the other side, above or
        below; always wholly inside the widget. The first place wins that lies on no part's
        ink, keeps a finger's gap from the numbers placed and crosses no line (else the
        place with the least of these, a line over another part's ink counting least)."""
        m = self.ctx.metrics
        points = {part.id: self.anchor(part.id) for part in self.parts}
        cell = max(2.0, max(self.width(), self.height()) / 200)
        area = QRectF(self.rect())
        drawn = dict.fromkeys([*points, *(p.highlighted for p in self.parts)])
        grids = {element: self.ink([element], area, cell, seen=True) for element in drawn}
        marks = _Marks(
            Ink.joined(list(grids.values()), *_grid_size(grids)),
            cell,
            m.target_gap,
            max(3, m.px(6)) + m.px(6),
        )
        reach = ring_reach(focus_width(m)) + 1
        offset, width, height = m.px(78), self.width(), self.height()
        sides = {part.id: 1 if i % 2 == 0 else -1 for i, part in enumerate(self.parts)}
        for part in sorted(self.parts, key=lambda p: points[p.id].y()):
            button, point = self.markers[part.id], points[part.id]
            half_w, half_h = button.width() / 2 + reach, button.height() / 2 + reach
            foreign = [g for e, g in grids.items() if e not in (part.id, part.highlighted)]
            marks.foreign = Ink.joined(foreign, *_grid_size(grids))
            # the places tried, the nearest to its place beside the dot on its side first
            tries: list[tuple[float, QPointF]] = []
            step = button.height() / 2 + m.target_gap
            for far in (1.0, 1.4, 1.9, 2.6):
                for side in (sides[part.id], -sides[part.id]):
                    for rise in (0, 1, -1, 2, -2, 3, -3):
                        moved = math.hypot((far - 1) * offset, rise * step)
                        moved += offset / 2 if side != sides[part.id] else 0
                        tries.append(
                            (
                                moved,
                                QPointF(point.x() + side * offset * far, point.y() + rise * step),
                            )
                        )
                for up in (1, -1):
                    moved = math.hypot(offset, offset * far)
                    tries.append((moved, QPointF(point.x(), point.y() + up * offset * far)))
            tries.sort(key=lambda t: t[0])
            best: tuple[float, QPointF] | None = None
            for order, (_, wish) in enumerate(tries):
                # the middle moved into the widget: the number and its ring whole
                x = width / 2 if width < 2 * half_w else min(max(wish.x(), half_w), width - half_w)
                y = (
                    height / 2
                    if height < 2 * half_h
                    else min(max(wish.y(), half_h), height - half_h)
                )
                spot = QPointF(x, y)
                cost = marks.cost(point, spot, QSizeF(button.size()), reach) + order * 0.01
                if best is None or cost < best[0]:
                    best = (cost, spot)
                if cost < 1:  # clean, and the first such in the order of wishes
                    break
            assert best is not None
            marks.add(part.id, point, best[1], QSizeF(button.size()))
        return {p.id: (points[p.id], marks.spots[p.id]) for p in self.parts}

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._place_markers()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
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


def _grid_size(grids: dict[str, Ink]) -> tuple[int, int]:
    first = next(iter(grids.values()))
    return first.width, first.height


class _Marks:
    """The numbers placed so far on a figure, and what a place for the next one costs."""

    def __init__(self, ink: Ink, cell: float, gap: int, clear: float) -> None:
        self.ink = ink
        """Every part's ink, as a visitor sees it (highlights too)."""
        self.foreign = ink
        """The ink of the parts other than the one being placed."""
        self.cell, self.gap, self.clear = cell, gap, clear
        self.buttons: list[QRectF] = []
        self.lines: list[tuple[QPointF, QPointF]] = []
        self.spots: dict[str, QPointF] = {}

    def add(self, part_id: str, point: QPointF, spot: QPointF, size: QSizeF) -> None:
        self.buttons.append(_around(spot, size, 0))
        self.lines.append((point, spot))
        self.spots[part_id] = spot

    def cost(self, point: QPointF, spot: QPointF, size: QSizeF, reach: float) -> float:
        """0 for a place on no ink, a finger's gap from the other numbers, off its own dot,
        whose line crosses no other line or number and no other part's ink."""
        button, disc = _around(spot, size, 0), _around(spot, size, reach)
        # the clear disc under the number, as two bars across it, and the number itself
        inked = (
            self._inked(button)
            + self._inked(disc.adjusted(0, disc.height() * 0.14, 0, -disc.height() * 0.14))
            + self._inked(disc.adjusted(disc.width() * 0.14, 0, -disc.width() * 0.14, 0))
        )
        near = button.adjusted(-self.gap, -self.gap, self.gap, self.gap)
        touching = sum(1 for other in self.buttons if near.intersects(other))
        own = disc.adjusted(-self.gap, -self.gap, self.gap, self.gap).contains(point)
        crossing = sum(1 for a, b in self.lines if _cross(a, b, point, spot))
        crossing += sum(1 for other in self.buttons if _meets(point, spot, other))
        crossing += sum(1 for a, b in self.lines if _meets(a, b, disc))
        return (
            10000 * (touching + own)
            + 1000 * (inked > 0)
            + inked
            + 300 * crossing
            + 30 * self._over(point, spot, disc)
        )

    def _inked(self, box: QRectF) -> int:
        cell = self.cell
        # the cells mostly under the box (a cell counts any ink in it at all)
        return self.ink.count(
            round(box.left() / cell),
            round(box.top() / cell),
            round(box.right() / cell),
            round(box.bottom() / cell),
        )

    def _over(self, a: QPointF, b: QPointF, disc: QRectF) -> int:
        """How many cells of other parts' ink the line a-b passes over, outside its dot and
        its number."""
        ax, ay, dx, dy = a.x(), a.y(), b.x() - a.x(), b.y() - a.y()
        length = math.hypot(dx, dy)
        steps = max(1, math.ceil(length / self.cell))
        count = 0
        for i in range(steps + 1):
            x, y = ax + dx * i / steps, ay + dy * i / steps
            if length * i / steps <= self.clear or disc.contains(x, y):
                continue
            count += self.foreign.inked(int(x / self.cell), int(y / self.cell))
        return count


def _around(middle: QPointF, size: QSizeF, reach: float) -> QRectF:
    return QRectF(
        middle.x() - size.width() / 2 - reach,
        middle.y() - size.height() / 2 - reach,
        size.width() + 2 * reach,
        size.height() + 2 * reach,
    )


def _meets(a: QPointF, b: QPointF, box: QRectF) -> bool:
    """Whether the line a-b passes through `box` (Liang-Barsky clipping)."""
    dx, dy = b.x() - a.x(), b.y() - a.y()
    low, high = 0.0, 1.0
    for p, q in (
        (-dx, a.x() - box.left()),
        (dx, box.right() - a.x()),
        (-dy, a.y() - box.top()),
        (dy, box.bottom() - a.y()),
    ):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True
