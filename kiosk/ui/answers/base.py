"""What every answer widget has: the question's controls by answer, the session's answer shown
on them, the control a keyboard visitor lands on, and one signal for a tap."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QPushButton, QScrollArea, QVBoxLayout, QWidget

from ...content.kinds import Answer, AnswerShape
from ...content.model import Question
from ..context import UiContext


class AnswerWidget(QWidget):
    """The answers of one question, below its words: one kind of question's widget.

    It owns its controls and their state, and only reports taps (`tapped`: an option's id,
    or the scale's number); the question's page turns each tap into one session call and
    shows the session's answer back with `refresh`."""

    tapped = Signal(object)
    """A visitor tapped an answer: the option's id (str) or the number chosen (int)."""

    answer: ClassVar[AnswerShape]
    """The answer it gives, as its kind of question declares (a test holds them the same)."""

    holds_room: ClassVar[bool] = True
    """The question's header keeps the room of the tallest header above it (False: these
    answers take what height there is, as the body map's figure does)."""

    def __init__(self, ctx: UiContext, question: Question) -> None:
        super().__init__()
        self.ctx = ctx
        self.question = question
        self.buttons: dict[str, QPushButton] = {}
        """A control per answer, in the question's order: by option id (the scale: by its
        number, as words)."""
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(ctx.metrics.px(20))  # the page's own spacing

    def _tap(self, value: str | int) -> None:
        self.tapped.emit(value)

    def fit(self, page: QSize) -> None:
        """Lay the answers out for a page of this size (its shape: portrait or landscape)."""

    def fit_height(self, height: int) -> None:
        """Take no more than `height` where the answers can (a portrait page whose words
        leave less room than they would take); most answers scroll instead."""

    def refresh(self, answer: Answer | None) -> None:
        """Show `answer` (the session's, None when there is none yet)."""
        chosen = self.chosen(answer)
        for option_id, button in self.buttons.items():
            group = button.group()
            exclusive = group is not None and group.exclusive()
            if exclusive and group is not None:
                group.setExclusive(False)
            button.setChecked(option_id in chosen)
            if exclusive and group is not None:
                group.setExclusive(True)

    @staticmethod
    def chosen(answer: Answer | None) -> frozenset[str]:
        """The keys of `buttons` that `answer` chose."""
        if isinstance(answer, int):
            return frozenset({str(answer)})
        if isinstance(answer, str):
            return frozenset({answer})
        return frozenset(answer or ())

    def first_focus(self) -> QWidget | None:
        """A keyboard visitor lands on the answer given (coming back), else the first."""
        for button in self.buttons.values():
            if button.isChecked() and button.isVisible() and button.isEnabled():
                return button
        return next((b for b in self.buttons.values() if b.isVisible()), None)

    def needed_height(self, width: int) -> int:
        """The height the answers need at `width`: all of a list that scrolls, so a header
        holding its room never pushes the answers out of sight."""
        need = 0
        for index in range(self.column.count()):
            item = self.column.itemAt(index)
            if item is None:
                continue
            if index:
                need += self.column.spacing()
            widget = item.widget()
            inner = widget.widget() if isinstance(widget, QScrollArea) else None
            if inner is not None:
                height = inner.heightForWidth(width)
                need += height if height >= 0 else inner.sizeHint().height()
            elif item.hasHeightForWidth():
                need += item.heightForWidth(width)
            else:
                need += item.sizeHint().height()
        return need
