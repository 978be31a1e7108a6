"""Numbered steps: each a card with its number, its words and maybe a picture, then a box
with when to stop and who to ask, then the sources."""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...content.kinds.steps import Step, StepsScreen
from ...content.model import Block
from ...core.place import Place
from ..context import UiContext
from ..widgets import render_drawing, set_role, text_label
from .base import Screen, blocks_widget, scroll_area, sources_widget

PICTURE = QSize(280, 122)
"""The box a step's picture is fitted into at 1080p (the default drawings are 240 x 104)."""
WIDE = 1500
"""The widest the steps may be at 1080p, side by side in landscape."""
LARGER_TEXT = 1.2
"""The text factor from which steps go one under another, and in portrait a step's picture
under its words, so that the words keep a comfortable width."""
MAX_COLUMNS = 3
"""Steps side by side in landscape: more go on the next row."""


Shape = Literal["stacked", "beside", "under"]


class StepNumber(QLabel):
    """A step's number in a filled circle of the primary colour. Its text is the number, so
    screen readers (and tests) read it; the words and the circle are painted here."""

    def __init__(self, ctx: UiContext, number: int) -> None:
        super().__init__(str(number))
        self.ctx = ctx
        set_role(self, "heading")  # the font: bold, heading size
        side = round(ctx.metrics.font("heading") * 1.9)
        self.setFixedSize(side, side)
        self.setAccessibleName(str(number))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.ctx.palette.color("primary"))
        painter.drawEllipse(QRectF(self.rect()))
        painter.setPen(self.ctx.palette.color("on_primary"))
        painter.setFont(self.font())
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.text())
        painter.end()


class StepCard(QFrame):
    """One step: its number, its name and words, and maybe its picture. Side by side in one
    column (portrait), or stacked (number and name, picture, words) in a row of cards."""

    def __init__(self, ctx: UiContext, number: int, step: Step) -> None:
        super().__init__()
        m = ctx.metrics
        set_role(self, "card")
        self.setObjectName(f"step{number}")
        self.number = StepNumber(ctx, number)
        self.title = text_label(step.title, "heading") if step.title else None
        self.text = text_label(step.text, "body")
        self.picture: QLabel | None = None
        path = ctx.asset(step.image)
        if path is not None:
            self.picture = QLabel()
            box = QSize(m.px(PICTURE.width()), m.px(PICTURE.height()))
            primary = ctx.palette.color("primary")
            self.picture.setPixmap(render_drawing(path, box, primary))
            self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.picture.setAccessibleName("")  # the step's words say what it shows
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(m.px(24), m.px(20), m.px(24), m.px(20))
        self.spacing = m.px(16)
        self.inner: QWidget | None = None
        self.shape: Shape | None = None

    def arrange(self, shape: Shape) -> None:
        """Lay the parts out afresh: `stacked` (number and name, picture, words: for cards
        side by side), `beside` (number, words, picture in a row) or `under` (the picture
        under the words, for larger text on a narrow screen)."""
        if shape == self.shape:
            return
        self.shape = shape
        inner = QWidget()
        top = Qt.AlignmentFlag.AlignTop
        words = QVBoxLayout()
        words.setSpacing(self.spacing // 2)
        if shape == "stacked":
            column = QVBoxLayout(inner)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(self.spacing)
            head = QHBoxLayout()
            head.setSpacing(self.spacing)
            head.addWidget(self.number, 0, Qt.AlignmentFlag.AlignVCenter)
            if self.title is not None:
                head.addWidget(self.title, 1)
            else:
                head.addStretch(1)
            column.addLayout(head)
            if self.picture is not None:
                column.addWidget(self.picture)
            column.addWidget(self.text)
            column.addStretch(1)
        else:
            row = QHBoxLayout(inner)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(self.spacing + self.spacing // 2)
            row.addWidget(self.number, 0, top)
            if self.title is not None:
                words.addWidget(self.title)
            words.addWidget(self.text)
            if self.picture is not None and shape == "under":
                words.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignLeft)
            words.addStretch(1)
            row.addLayout(words, 1)
            if self.picture is not None and shape == "beside":
                row.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignVCenter)
        old, self.inner = self.inner, inner
        self.outer.addWidget(inner)
        if old is not None:
            self.outer.removeWidget(old)
            old.deleteLater()


class StepsView(Screen):
    """The steps one under another (portrait), or side by side in a row (landscape)."""

    def __init__(self, ctx: UiContext, place: Place, screen: StepsScreen) -> None:
        super().__init__(ctx, place)
        self.spec = screen
        self.set_title(screen.title)
        m = ctx.metrics
        title = text_label(screen.title, "title")
        title.setMaximumWidth(m.px(WIDE))
        self.layout_.addWidget(centred(ctx, title))
        body = QWidget()
        body.setMaximumWidth(m.px(WIDE))
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, m.px(24))
        column.setSpacing(m.px(24))
        if screen.intro:
            intro = text_label(screen.intro, "body")
            intro.setMaximumWidth(m.measure)
            column.addWidget(intro)
        if screen.note:  # when to stop, read before the steps (it was below the fold)
            note = blocks_widget(ctx, [Block(callout=screen.note)])
            note.setMaximumWidth(m.measure)
            column.addWidget(note)
        self.grid = QGridLayout()
        self.grid.setSpacing(m.px(24))
        self.steps = [StepCard(ctx, number, step) for number, step in enumerate(screen.steps, 1)]
        column.addLayout(self.grid)
        # the sources follow the words (a portrait page put 750 px between them)
        column.addWidget(sources_widget(ctx, list(screen.sources), screen.reviewed))
        column.addStretch(1)
        self.scroll_area = scroll_area(ctx, centred(ctx, body), screen.title)
        self.layout_.addWidget(self.scroll_area, 1)
        self.centre_when_short(self.scroll_area, body)
        self._arranged: tuple[int, Shape] | None = None
        self._arrange()

    def _arrange(self) -> None:
        landscape = self.width() > self.height()
        larger = self.ctx.metrics.text_factor >= LARGER_TEXT
        columns = min(MAX_COLUMNS, len(self.steps)) if landscape and not larger else 1
        shape: Shape = (
            "stacked" if columns > 1 else "under" if larger and not landscape else "beside"
        )
        if (columns, shape) == self._arranged:
            return
        self._arranged = (columns, shape)
        for card in self.steps:
            self.grid.removeWidget(card)
        for index, card in enumerate(self.steps):
            card.arrange(shape)
            self.grid.addWidget(card, index // columns, index % columns)
        for index in range(MAX_COLUMNS):  # cards side by side are equally wide
            self.grid.setColumnStretch(index, 1 if index < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        self._arrange()
        super().resizeEvent(event)

    def refresh(self) -> None:
        self._arrange()
        self.balance_column()
        self.scroll_area.reset_position()


def centred(ctx: UiContext, inner: QWidget) -> QWidget:
    """`inner` in the middle of the width, as wide as it may be."""
    outer = QWidget()
    row = QHBoxLayout(outer)
    row.setContentsMargins(0, 0, ctx.metrics.px(16), 0)
    row.addStretch(1)
    row.addWidget(inner, 100)
    row.addStretch(1)
    return outer
