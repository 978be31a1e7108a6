"""A question of the self-check: its words above the answers of its kind.

Single choice and yes/no: one tap answers and moves on. Multiple choice, the 0 to 10 scale
and the body map: tap, then Next. The answers are drawn by the kind's answer widget (see
`kiosk.ui.answers`); the page only turns its taps into session calls; the session decides.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...content.kinds import question_kind
from ...content.model import Question
from ...core.place import Place
from ..answers import AnswerWidget, answer_widget_for
from ..context import UiContext
from ..widgets import text_label
from .base import Screen, measured


class QuestionHeader(QWidget):
    """A question's words, its help and the hint (tap one answer, ...), as tall as the
    tallest of the check's questions needs at this width, so the answers under it start at
    the same height on every question and stay under the visitor's finger (tester: "Yes"
    on one question, "No" under the finger on the next). The words stay at the top, the
    hint just above the answers.

    The tallest is measured once per context (content, language, text size, contrast) and
    width, with three hidden labels, and shared by every question page of that context; the
    header never takes what the answers of its own page need (`answers_height`), so where
    both cannot fit (the largest text on a small screen) the answers come up instead."""

    def __init__(
        self, ctx: UiContext, question: Question, answers_height: Callable[[], int]
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.answers_height = answers_height
        self.holds_room = True
        """False where the answers take what height there is (the body map's figure)."""
        head = QVBoxLayout(self)
        head.setContentsMargins(0, 0, 0, 0)
        head.setSpacing(ctx.metrics.px(12))
        head.addWidget(text_label(question.text, "question"))
        if question.help:
            head.addWidget(text_label(question.help, "help"))
        head.addStretch(1)  # the room reserved, between the words and the hint
        self.hint = text_label(self._hint_for(question), "hint")
        head.addWidget(self.hint)
        # measuring only: never shown
        self._rulers = {role: text_label("", role) for role in ("question", "help", "hint")}
        for ruler in self._rulers.values():
            ruler.setParent(self)
            ruler.hide()

    def _hint_for(self, question: Question, button: str = "") -> str:
        words = self.ctx.words
        return question_kind(question.type).hint_words(words, button or str(words.next))

    def name_the_button(self, question: Question, button: str) -> None:
        """The hint names the button that goes on as it reads now: "then tap See my result"
        where it says so, "then tap Continue" where the clinic renamed Next (testers: "then
        tap Next" over "See my result", and over a button the clinic called "Continue")."""
        hint = self._hint_for(question, button)
        if self.hint.text() != hint:
            self.hint.setText(hint)

    def reserve(self) -> None:
        """Take the height of the tallest header at this width, or what the page leaves
        above its answers if that is less (a minimum: Qt asks the layout of a widget that
        has one for its height, never the widget)."""
        page = self.parentWidget()
        while page is not None and not isinstance(page, Screen):
            page = page.parentWidget()
        if page is None or page.window() is page or self.width() <= 0:
            return  # not on the window yet: not styled, nor sized
        height = 0
        if self.holds_room:
            room = page.height() - self.answers_height()
            height = max(0, min(self.tallest(self.width()), room))
        if self.minimumHeight() != height:
            self.setMinimumHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.reserve()

    def tallest(self, width: int) -> int:
        """The tallest header of the check's questions at `width` (measured once)."""
        key = ("question_header", width)
        known = self.ctx.measured_once.get(key)
        if known is None:
            known = max(
                (self._measure(q, width) for q in self.ctx.content.self_check.questions),
                default=0,
            )
            self.ctx.measured_once[key] = known
        return known

    def _measure(self, question: Question, width: int) -> int:
        parts: list[tuple[str, str | None]] = [("question", question.text)]
        parts.append(("help", question.help))
        # the hint as long as it can read: naming Next or See my result
        hints = [
            self._hint_for(question, str(b))
            for b in (self.ctx.words.next, self.ctx.words.see_result)
        ]
        parts.append(("hint", max(hints, key=len)))
        heights = []
        for role, words in parts:
            if words:
                ruler = self._rulers[role]
                ruler.ensurePolished()
                ruler.setText(words)
                heights.append(ruler.heightForWidth(width))
        spacing = self.ctx.metrics.px(12)
        return sum(heights) + spacing * (len(heights) - 1)


class QuestionView(Screen):
    """A question's page: its header (words, help, hint) above one answer widget, the one
    of its kind (see `kiosk.ui.answers`). A tap on an answer is one session call."""

    def __init__(self, ctx: UiContext, place: Place, question: Question) -> None:
        super().__init__(ctx, place)
        self.question = question
        self.set_title(question.text)
        self.header = header = QuestionHeader(ctx, question, self._answers_height)
        self.hint = header.hint
        self.layout_.addWidget(measured(ctx, header))
        self.toggles = question_kind(question.type).answer == "many"
        """A tap ticks or unticks an option (else it is the answer)."""
        self.answers: AnswerWidget = answer_widget_for(question)(ctx, question)
        header.holds_room = self.answers.holds_room
        self.answers.tapped.connect(self._tapped)
        self.layout_.addWidget(self.answers, 1)
        self.answers.fit(self.size())

    def _tapped(self, value: str | int) -> None:
        session, question_id = self.ctx.session, self.question.id
        if self.toggles:
            session.toggle(question_id, str(value))
        else:
            session.answer(question_id, value)

    def _answers_height(self) -> int:
        """The height the answers need below the header, at the page's width: what the
        header may not take (so a reserved header never pushes the answers out of sight)."""
        margins = self.layout_.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        need = self.layout_.spacing() + self.answers.needed_height(width)
        return margins.top() + margins.bottom() + need

    def first_focus(self) -> QWidget | None:
        """A keyboard visitor lands on the answer given (coming back), else the first."""
        return self.answers.first_focus()

    def refresh(self) -> None:
        session = self.ctx.session
        if session.current == self.place:
            self.header.name_the_button(
                self.question, str(getattr(self.ctx.words, session.next_action()))
            )
        self.answers.refresh(session.answers.get(self.question.id))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        self.answers.fit(self.size())
        self.header.reserve()  # the room it may take depends on the page's height
        super().resizeEvent(event)
