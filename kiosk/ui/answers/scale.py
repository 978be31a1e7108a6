"""The 0 to 10 scale: a row of numbers, the words of each end under it; on a tall page a
column of wide bars, 10 at the top and 0 at the foot (as a pain thermometer), each end's
words beside it."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QLabel, QPushButton, QWidget

from ...content.kinds import SCALE_MAX, SCALE_MIN, AnswerShape
from ...content.kinds.questions import ScaleQuestion
from .. import accessible
from ..context import UiContext
from ..widgets import set_role, text_label
from .base import AnswerWidget

NUMBER = 74
"""A number's side at 1080p and the normal text size (px); it grows with the text."""
PAGE_MARGINS = 2 * 56
"""The question page's side margins at 1080p (`Screen`), which the row may not take."""
ENDS_WIDTH = 440
"""The width of an end's words beside the column (px at 1080p)."""
QWIDGETSIZE_MAX = (1 << 24) - 1
COLUMN_SHARE = 0.55
"""The most of a portrait page's height the column of numbers may take."""


class ScaleAnswers(AnswerWidget):
    """A number from the scale: one tap chooses it, Next moves on. Its numbers are as large
    as the words grow (the largest text: larger numbers), as far as the row (or column)
    has room."""

    answer: ClassVar[AnswerShape] = "number"
    question: ScaleQuestion

    def __init__(self, ctx: UiContext, question: ScaleQuestion) -> None:
        super().__init__(ctx, question)
        q, m = question, ctx.metrics
        # its range, in numbers (any language reads them); the ends' words name 0 and 10
        self.setAccessibleDescription(f"{SCALE_MIN}\u2013{SCALE_MAX}")
        self.box = QWidget()
        self.grid = QGridLayout(self.box)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(m.target_gap)
        group = QButtonGroup(self)
        for value in range(SCALE_MIN, SCALE_MAX + 1):
            button = QPushButton(str(value))
            set_role(button, "scale")
            end = {SCALE_MIN: q.min_label, SCALE_MAX: q.max_label}.get(value)
            button.setAccessibleName(f"{value}: {end}" if end else str(value))
            button.setCheckable(True)
            group.addButton(button)
            button.clicked.connect(lambda _=False, v=value: self._tap(v))
            self.buttons[str(value)] = button
        self.low = text_label(q.min_label or str(SCALE_MIN), "scaleEnd")
        self.high = text_label(q.max_label or str(SCALE_MAX), "scaleEnd")
        for label in (self.low, self.high):
            accessible.hide(label)  # the names of 0 and 10 say their words
        self.column.setSpacing(0)
        self.column.addWidget(self.box, 0, Qt.AlignmentFlag.AlignHCenter)
        self.column.addStretch(1)
        self.shape: tuple[bool, int] | None = None
        self.height_limit = 0
        """The most height a column of numbers may take (0: `COLUMN_SHARE` of the page)."""
        self.page = QSize()
        self.fit(self.size())

    def side(self, page: QSize, portrait: bool) -> int:
        """A number's side: grown with the text, as far as the row (column) has room."""
        m, count = self.ctx.metrics, SCALE_MAX - SCALE_MIN + 1
        wanted = round(m.px(NUMBER) * m.text_factor)
        length = page.height() * COLUMN_SHARE if portrait else page.width() - m.px(PAGE_MARGINS)
        if portrait and self.height_limit:
            length = min(length, self.height_limit)
        room = max(48, int((length - (count - 1) * m.target_gap) // count))
        return max(m.px(NUMBER) if not portrait else min(m.px(NUMBER), room), min(wanted, room))

    def fit_height(self, height: int) -> None:
        """A column of numbers takes no more than `height` (smaller numbers, never under
        48 px), where the question's words leave less room (the largest text, in Spanish)."""
        if height != self.height_limit:
            self.height_limit = height
            self.fit(self.page)

    def fit(self, page: QSize) -> None:
        if page.isEmpty():
            return
        self.page = page
        portrait = page.height() > page.width()
        side = self.side(page, portrait)
        if self.shape == (portrait, side):
            return
        self.shape = (portrait, side)
        for index in reversed(range(self.grid.count())):
            self.grid.takeAt(index)
        values = range(SCALE_MIN, SCALE_MAX + 1)
        # in a column, each number is a bar as wide as the ends' words beside it, as far as
        # the page has room (a designer's review: a column of small squares at one edge
        # left most of a portrait page's width empty); in a row, a square
        m = self.ctx.metrics
        room = page.width() - m.px(PAGE_MARGINS) - m.px(ENDS_WIDTH) - m.target_gap
        wide = max(side, min(room, m.px(ENDS_WIDTH))) if portrait else side
        for value, button in zip(values, self.buttons.values(), strict=True):
            button.setFixedSize(wide, side)
            if portrait:  # 10 at the top
                self.grid.addWidget(button, SCALE_MAX - value, 0)
            else:
                self.grid.addWidget(button, 0, value - SCALE_MIN)
        last = SCALE_MAX - SCALE_MIN
        left, right = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
        absolute = Qt.AlignmentFlag.AlignAbsolute
        if portrait:  # beside their numbers, at the reading side's far end
            start = right if self.ctx.rtl else left
            for label, row in ((self.high, 0), (self.low, last)):
                label.setAlignment(start | Qt.AlignmentFlag.AlignVCenter | absolute)
                label.setFixedWidth(self.ctx.metrics.px(ENDS_WIDTH))
                self.grid.addWidget(label, row, 1)
        else:  # each end's words under its own end of the row, which mirrors right to left
            first, finish = (right, left) if self.ctx.rtl else (left, right)
            half = (last + 1) // 2
            self.low.setAlignment(first | Qt.AlignmentFlag.AlignTop | absolute)
            self.high.setAlignment(finish | Qt.AlignmentFlag.AlignTop | absolute)
            for label in (self.low, self.high):
                label.setMinimumWidth(0)
                label.setMaximumWidth(QWIDGETSIZE_MAX)
            self.grid.addWidget(self.low, 1, 0, 1, half)
            self.grid.addWidget(self.high, 1, last + 1 - half, 1, half)
        for label in (self.low, self.high):
            label.show()
        # a column stands at the text's edge, under the hint; a row in the middle
        where = Qt.AlignmentFlag.AlignLeading if portrait else Qt.AlignmentFlag.AlignHCenter
        self.column.setAlignment(self.box, where)

    def needed_height(self, width: int) -> int:
        """The numbers' row (column) and their words, at the width they take (centred)."""
        self.box.ensurePolished()
        return self.box.sizeHint().height()

    def ends(self) -> tuple[QLabel, QLabel]:
        """The words of the low and the high end."""
        return self.low, self.high
