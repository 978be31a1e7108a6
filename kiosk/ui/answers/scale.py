"""The 0 to 10 scale: a row of numbers, the words of each end under it."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ...content.kinds import SCALE_MAX, SCALE_MIN, AnswerShape
from ...content.kinds.questions import ScaleQuestion
from ..context import UiContext
from ..widgets import set_role, text_label
from .base import AnswerWidget


class ScaleAnswers(AnswerWidget):
    """A number from the scale: one tap chooses it, Next moves on."""

    answer: ClassVar[AnswerShape] = "number"
    question: ScaleQuestion

    def __init__(self, ctx: UiContext, question: ScaleQuestion) -> None:
        super().__init__(ctx, question)
        self.column.addWidget(self._scale())
        self.column.addStretch(1)

    def _scale(self) -> QWidget:
        q, m = self.question, self.ctx.metrics
        box = QWidget()
        column = QVBoxLayout(box)
        column.setSpacing(m.px(12))
        row = QHBoxLayout()
        row.setSpacing(m.target_gap)
        row.addStretch(1)
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
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
        ends = QHBoxLayout()
        ends.addStretch(1)
        low = text_label(q.min_label or str(SCALE_MIN), "scaleEnd")
        high = text_label(q.max_label or str(SCALE_MAX), "scaleEnd")
        # each end's words under its own end of the row, which mirrors right to left
        left, right = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
        start, finish = (right, left) if self.ctx.rtl else (left, right)
        low.setAlignment(start | Qt.AlignmentFlag.AlignAbsolute)
        high.setAlignment(finish | Qt.AlignmentFlag.AlignAbsolute)
        width = m.px(74) * 11 + m.px(8) * 10
        holder = QWidget()
        holder.setFixedWidth(width)
        inner = QHBoxLayout(holder)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(low, 1, Qt.AlignmentFlag.AlignTop)
        inner.addStretch(1)
        inner.addWidget(high, 1, Qt.AlignmentFlag.AlignTop)
        ends.addWidget(holder)
        ends.addStretch(1)
        column.addLayout(ends)
        return box
