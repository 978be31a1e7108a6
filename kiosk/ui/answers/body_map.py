"""The body map: a figure whose regions a finger taps, beside a button for each region (for
keyboard and switch visitors, who do the same with them), tap each, then Next."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QMouseEvent, QPainter
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QVBoxLayout, QWidget

from ...content.kinds import Answer, AnswerShape
from ...content.kinds.questions import BodyMapQuestion
from ...content.snapshot import AssetFile
from .. import accessible
from ..context import UiContext
from ..figure import SvgFigure
from ..screens.base import measured, scroll_area
from ..widgets import text_label
from .base import AnswerWidget
from .choices import ChoiceButton

QWIDGETSIZE_MAX = (1 << 24) - 1


class BodyFigure(SvgFigure):
    """The question's figure (an SVG whose regions are elements with the options' ids); chosen
    regions are lit. A tap on a region toggles it: the region under the finger is found by
    its own outline.

    A picture for the finger: keyboard and switch visitors use the named region buttons
    beside it, which do the same. Screen readers hear what it shows (`name`) and the chosen
    regions (`names`: region -> its name in the visitor's language) as its description."""

    def __init__(
        self,
        ctx: UiContext,
        picture: AssetFile | None,
        regions: list[str],
        on_tap: Callable[[str], None],
        names: dict[str, str] | None = None,
        name: str | None = None,
    ) -> None:
        super().__init__(ctx, picture)
        self.regions = regions
        self.names = names or {}
        self.on_tap = on_tap
        self.chosen: frozenset[str] = frozenset()
        self.setAccessibleName(name or ctx.words.seen_from_behind)
        accessible.mark(self, accessible.FIGURE)
        self.show_chosen(frozenset())

    def show_chosen(self, chosen: frozenset[str]) -> None:
        p = self.ctx.palette
        # only the regions asked are tinted: a figure's other regions draw as body
        asked = ", ".join(f"#{r}, #{r} .region" for r in self.regions)
        css = (
            f".body{{fill:{p.surface};stroke:{p.line_strong}}}"
            ".region{fill-opacity:0;stroke-opacity:0}"
            + (
                f"{asked}{{fill:{p.primary};fill-opacity:0.10;stroke:{p.primary};"
                "stroke-opacity:0.35;stroke-width:2}"
                if self.regions
                else ""
            )
        )
        accent = p.color("accent")
        self.chosen = chosen
        self.restyle(css, {r: (accent, 0.8) for r in self.regions if r in chosen})
        self.setAccessibleDescription(
            ", ".join(self.names.get(r, r) for r in self.regions if r in chosen)
        )

    def region_at(self, point: QPointF) -> str | None:
        return self.element_at(point, self.regions)

    def views(self) -> list[tuple[str, QRectF]]:
        """The words over each view of a figure drawn from the front and from behind (its
        elements `front` and `back`, as the kiosk's whole-body figure has) and where each
        view is drawn; none for a figure of one view (tester: nothing said which side of
        the body is which)."""
        words = self.ctx.words
        found = [(str(words.figure_front), "front"), (str(words.figure_back), "back")]
        placed = [(text, self.element_rect(view)) for text, view in found]
        return [(text, rect) for text, rect in placed if not rect.isEmpty()]

    def paint_over(self, painter: QPainter) -> None:
        views = self.views()
        if not views:
            return
        font = QFont(self.font())
        font.setPixelSize(self.ctx.metrics.font("small"))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(self.ctx.palette.color("text"))
        height = QFontMetrics(font).height()
        # over the head of each view, in the room the figure leaves above it (never off the
        # widget's top: then on the figure's first line)
        for text, rect in views:
            top = max(0.0, rect.top() - height - self.ctx.metrics.px(4))
            band = QRectF(rect.left(), top, rect.width(), height)
            painter.drawText(band, Qt.AlignmentFlag.AlignCenter, text)

    def region_centre(self, region: str) -> QPointF:
        """A point on a region, where a finger would tap it (for tests): the middle of the
        first part of it found (a region may be drawn on both views of the body)."""
        rect = self.element_rect(region).toAlignedRect()

        def on(x: int, y: int) -> bool:
            return self.region_at(QPointF(x, y)) == region

        for y in range(rect.top(), rect.bottom() + 1, 2):
            x = next((x for x in range(rect.left(), rect.right() + 1, 2) if on(x, y)), None)
            if x is None:
                continue
            right = x
            while right + 2 <= rect.right() and on(right + 2, y):
                right += 2
            middle = (x + right) // 2
            bottom = y
            while bottom + 2 <= rect.bottom() and on(middle, bottom + 2):
                bottom += 2
            return QPointF(middle, (y + bottom) / 2)
        return self.element_centre(region)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        region = self.region_at(event.position())
        if region is not None:
            self.on_tap(region)


class BodyMapAnswers(AnswerWidget):
    """Where it hurts: any regions of the figure, or an exclusive "None of these". The
    figure and its buttons take all the height they can (no room held above them) and
    stand side by side on a wide page, one above the other on a tall one."""

    answer: ClassVar[AnswerShape] = "many"
    holds_room: ClassVar[bool] = False

    def __init__(self, ctx: UiContext, question: BodyMapQuestion) -> None:
        super().__init__(ctx, question)
        q, m = question, ctx.metrics
        regions = [o.id for o in q.options if not o.exclusive]
        names = {o.id: q.option_label(o, ctx.words) for o in q.options}
        self.figure = BodyFigure(ctx, ctx.asset(q.figure), regions, self._tap, names, q.figure_name)
        side = QWidget()
        grid = QGridLayout(side)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(m.target_gap)
        for option in q.options:
            words = q.option_label(option, ctx.words)
            region_button = ChoiceButton(ctx, words, many=True, min_height=80)
            region_button.clicked.connect(lambda _=False, o=option.id: self._tap(o))
            self.buttons[option.id] = region_button
        # the middle of the body spans both columns; left parts on the left, right on the
        # right, as on the figure, which never mirrors: a mirrored grid (right to left) shows
        # its column 0 on the right, so there the sides swap columns; "None of these"
        # (exclusive) last, across both
        left, right = (1, 0) if ctx.rtl else (0, 1)
        row = 0
        options = {o.id: o for o in q.options}
        ordered = sorted(self.buttons.items(), key=lambda item: options[item[0]].exclusive)
        for region, button in ordered:
            if options[region].exclusive:
                grid.addWidget(button, row, 0, 1, 2)
                row += 1
            elif region.endswith("_left"):
                grid.addWidget(button, row, left)
            elif region.endswith("_right"):
                grid.addWidget(button, row, right)
                row += 1
            else:
                grid.addWidget(button, row, 0, 1, 2)
                row += 1
        grid.setRowStretch(row + 1, 1)
        self.side = side
        # in the page's text column (portrait: under the question's words, edge to edge)
        self.side_scroll = scroll_area(ctx, measured(ctx, side), q.text)
        # what the figure shows, in words under it (tester: nothing said it is the body
        # seen from behind)
        self.caption = text_label(q.figure_name or ctx.words.seen_from_behind, "meta")
        self.caption.setObjectName("figureCaption")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pictured = QWidget()
        under = QVBoxLayout(pictured)
        under.setContentsMargins(0, 0, 0, 0)
        under.setSpacing(m.px(8))
        under.addWidget(self.figure, 1)
        under.addWidget(self.caption)
        self.least = self.figure.minimumHeight()
        """The least height of the figure and its name (the figure's alone, without one)."""
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(m.px(40))
        self.body.addWidget(pictured, 2)
        self.body.addWidget(self.side_scroll, 3)
        self.column.addLayout(self.body, 1)
        self.portrait: bool | None = None

    def fit(self, page: QSize) -> None:
        """Side by side on a wide page; on a tall one the buttons under the figure take the
        height they need (all of them, where the page has room for half a figure more) and
        the figure the rest: as large as the page allows (tester: a small figure, 700 px
        empty below the buttons)."""
        m = self.ctx.metrics
        portrait = page.height() > page.width()
        # the figure and its name need no more height than the figure alone did
        named = self.caption.minimumSizeHint().height() + m.px(8)
        least = max(m.px(200), self.least - named)
        if self.figure.minimumHeight() != least:
            self.figure.setMinimumHeight(least)
        if portrait != self.portrait:
            self.portrait = portrait
            self.body.setDirection(
                QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
            )
            self.side.setMaximumWidth(m.measure if portrait else m.px(900))
            self.body.setStretch(0, 1 if portrait else 2)
            self.body.setStretch(1, 0 if portrait else 3)
        if not portrait:
            self.side_scroll.setMinimumHeight(0)
            self.side_scroll.setMaximumHeight(QWIDGETSIZE_MAX)
            return
        width = page.width() - 2 * m.px(56)  # the question page's margins (`Screen`)
        inner = self.side_scroll.widget()
        needed = inner.heightForWidth(width) if inner is not None else -1
        if needed < 0:
            return
        most = max(self.figure.minimumHeight(), page.height() // 2)
        self.side_scroll.setFixedHeight(min(needed, most))

    def refresh(self, answer: Answer | None) -> None:
        super().refresh(answer)
        self.figure.show_chosen(self.chosen(answer))
