"""Answers as big buttons, one per option: one answer (single choice, yes/no: a tap answers
and moves on) or several (multiple choice: tap each, then Next). Many options scroll, and
stand in two columns on a wide page."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QLabel, QVBoxLayout, QWidget

from ...content.kinds import AnswerShape
from ...content.model import Question
from ..context import UiContext
from ..screens.base import WordsButton, measured, scroll_area
from ..widgets import KineticScrollArea, icon_pixmap, set_role, ui_icon
from .base import AnswerWidget

CHOICE_HEIGHT = 92
"""An answer button's least height at 1080p (px)."""
PORTRAIT_HEIGHT = 144
"""The same on a portrait screen, which has the room."""
PORTRAIT_FEW = 192
"""The same where there are only a few (Yes and No): a portrait page is mostly empty else."""
FEW = 3


class ChoiceButton(WordsButton):
    """A big answer button whose words wrap, with a mark that shows the choice (not colour
    alone): a round one for a single answer, a square box where several may be chosen
    (`many`), as on any paper form."""

    MARKS: ClassVar[dict[bool, tuple[str, str]]] = {
        False: ("circle", "check"),
        True: ("box", "box_check"),
    }
    """many -> (the mark when not chosen, the mark when chosen)"""

    def __init__(self, ctx: UiContext, text: str, many: bool, min_height: int = 92) -> None:
        super().__init__(ctx, text, "choice", min_height)
        self.ctx = ctx
        self.marks = self.MARKS[many]
        self.setCheckable(True)
        m = ctx.metrics
        self.row.setContentsMargins(m.px(24), m.px(14), m.px(24), m.px(14))
        self.row.setSpacing(m.px(20))
        self.tick = QLabel()
        self.tick.setFixedSize(m.px(44), m.px(44))
        set_role(self.tick, "tick")
        self.tick.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.row.insertWidget(0, self.tick, 0, Qt.AlignmentFlag.AlignVCenter)
        self.words.setObjectName("")
        set_role(self.words, "choiceText")
        self.toggled.connect(self._show_tick)
        self._show_tick(False)

    def _show_tick(self, checked: bool) -> None:
        size = self.tick.width()
        color = self.ctx.palette.color("accent" if checked else "line_strong")
        icon = self.marks[checked]
        self.tick.setPixmap(icon_pixmap(ui_icon(icon), size, color))

    def sizeHint(self) -> QSize:  # noqa: N802
        width = self.ctx.metrics.px(600)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.ctx.metrics.px(240), self.min_height)


class ChoiceAnswers(AnswerWidget):
    """One answer of the options: round marks, in one exclusive group."""

    answer: ClassVar[AnswerShape] = "one"

    def __init__(self, ctx: UiContext, question: Question) -> None:
        super().__init__(ctx, question)
        self.scroll_area: KineticScrollArea = scroll_area(
            ctx, measured(ctx, self._choices()), question.text
        )
        self.column.addWidget(self.scroll_area, 1)

    def _choices(self) -> QWidget:
        q, m = self.question, self.ctx.metrics
        self.box = box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, m.px(8), 0, m.px(8))
        self.grid = QGridLayout()
        self.grid.setSpacing(m.px(16))
        column.addLayout(self.grid)
        # the space left over stays below the answers: a button is as tall as its words (a
        # stretch, not the grid's alignment, which would give the grid its size hint's
        # height, made for wider buttons, and squeeze words that wrap)
        column.addStretch(1)
        many = self.answer == "many"
        group = None if many else QButtonGroup(self)
        for option in q.options:
            button = ChoiceButton(self.ctx, q.option_label(option, self.ctx.words), many=many)
            if group is not None:
                group.addButton(button)
            button.clicked.connect(lambda _=False, o=option.id: self._tap(o))
            self.buttons[option.id] = button
        self.fit(self.size())
        return box

    def fit(self, page: QSize) -> None:
        """Many options stand in two columns on a wide page; on a tall one each is taller
        (`PORTRAIT_HEIGHT`): a tall screen has the room, and a finger reaches them easily."""
        many = len(self.buttons) > 4
        portrait = page.height() > page.width()
        columns = 2 if many and not portrait else 1
        m = self.ctx.metrics
        tall = PORTRAIT_FEW if len(self.buttons) <= FEW else PORTRAIT_HEIGHT
        # on a tall page they grow with the words, by half as much
        height = m.px(tall * (1 + (m.text_factor - 1) / 2)) if portrait else m.px(CHOICE_HEIGHT)
        for index, button in enumerate(self.buttons.values()):
            self.grid.addWidget(button, index // columns, index % columns)
            if isinstance(button, ChoiceButton) and button.min_height != height:
                button.min_height = height
                button.setMinimumHeight(height)
                button.updateGeometry()

    def needed_height(self, width: int) -> int:
        """Every option's button at the width it gets (measured from the buttons: the list
        that scrolls is laid out later than a portrait page is balanced)."""
        grid, m = self.grid, self.ctx.metrics
        width = min(width, m.measure)
        columns = max(1, grid.columnCount())
        spacing = grid.horizontalSpacing()
        cell = (width - spacing * (columns - 1)) // columns
        rows: dict[int, int] = {}
        for button in self.buttons.values():
            index = grid.indexOf(button)
            if index < 0:
                continue
            row: int = grid.getItemPosition(index)[0]  # type: ignore[index]
            rows[row] = max(rows.get(row, 0), button.heightForWidth(cell))
        layout = self.box.layout()
        margins = layout.contentsMargins() if layout is not None else None
        edges = margins.top() + margins.bottom() if margins is not None else 0
        return sum(rows.values()) + grid.verticalSpacing() * max(0, len(rows) - 1) + edges


class ManyAnswers(ChoiceAnswers):
    """Any number of the options: square boxes, each tap ticks or unticks one."""

    answer: ClassVar[AnswerShape] = "many"
