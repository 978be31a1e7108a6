"""A question of the self-check: its words above the answers of its kind.

Single choice and yes/no: one tap answers and moves on. Multiple choice, the 0 to 10 scale
and the body map: tap, then Next. The answers are drawn by the kind's answer widget (see
`kiosk.ui.answers`); the page only turns its taps into session calls; the session decides.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QSpacerItem, QVBoxLayout, QWidget

from ...content.kinds import question_kind
from ...content.model import Question
from ...core.place import Place
from ..answers import AnswerWidget, answer_widget_for
from ..context import UiContext
from ..widgets import text_label
from .base import Screen, measured

QWIDGETSIZE_MAX = (1 << 24) - 1
"""Qt's largest widget size (no maximum)."""


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
        self.question = question
        self.answers_height = answers_height
        self.holds_room = True
        """False where the answers take what height there is (the body map's figure)."""
        self.extra = 0
        """px a portrait page adds to the reserved room (`QuestionView.balance`)."""
        head = QVBoxLayout(self)
        head.setContentsMargins(0, 0, 0, 0)
        head.setSpacing(ctx.metrics.px(12))
        self.lead = QSpacerItem(0, 0)
        """Room above the words: on a portrait page, half of what shorter words leave."""
        head.addSpacerItem(self.lead)
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
        base = self.base_room()
        if base is None:
            return  # not on the window yet: not styled, nor sized
        height = base + self.extra if self.holds_room else 0
        if self.minimumHeight() != height:
            self.setMinimumHeight(height)
            holder = self.parentWidget()  # its row measures it again (not a cached height)
            if holder is not None and (row := holder.layout()) is not None:
                row.invalidate()
                holder.updateGeometry()

    def base_room(self) -> int | None:
        """The room of the tallest header at this width, or what the page leaves above its
        answers if that is less; None when not on the window yet."""
        page = self.parentWidget()
        while page is not None and not isinstance(page, Screen):
            page = page.parentWidget()
        if page is None or page.window() is page or self.width() <= 0:
            return None
        room = page.height() - self.answers_height()
        return max(0, min(self.tallest(self.width()), room))

    def place(self, extra: int, lead: int) -> None:
        """Hold `extra` px more than the room of the tallest words, and start the words
        `lead` px down (a portrait page's share of its room; 0 and 0 in landscape)."""
        layout = self.layout()
        assert layout is not None
        if (extra, lead) == (self.extra, self.lead.sizeHint().height()):
            return
        self.extra = extra
        fixed = QSizePolicy.Policy.Fixed
        self.lead.changeSize(0, lead, QSizePolicy.Policy.Minimum, fixed)
        layout.invalidate()
        self.reserve()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.reserve()

    def words_height(self, width: int) -> int:
        """The height this question's own words, help and hint take at `width`."""
        return self._measure(self.question, width)

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
        # in portrait the room left over is shared above the words, between them and the
        # hint (the header's own stretch), and below the answers (see `balance`)
        self.layout_.addSpacerItem(QSpacerItem(0, 0))
        self.layout_.addWidget(measured(ctx, header))
        self.toggles = question_kind(question.type).answer == "many"
        """A tap ticks or unticks an option (else it is the answer)."""
        self.answers: AnswerWidget = answer_widget_for(question)(ctx, question)
        header.holds_room = self.answers.holds_room
        self.answers.tapped.connect(self._tapped)
        self.layout_.addWidget(self.answers, 1)
        self.layout_.addStretch(0)
        self.answers.fit(self.size())
        self.answers.installEventFilter(self)  # answers laid out anew: balanced anew

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
        for part in self.findChildren(QWidget):  # measured in the fonts it is drawn in
            part.ensurePolished()
        self.balance()

    def balance(self) -> None:
        """A portrait page is far taller than a question and its answers: the answers are as
        tall as they need (all of them, where that fits) and the room left is shared in
        three, above the words, between them and the hint over the answers, and below, so
        no empty band takes half the page (tester: a question in the top 30 %, 60 % blank).
        The shares are those of the tallest question's words, so Yes and No still start at
        one height on every yes/no question; shorter words start lower by half of what they
        leave of their room. In landscape, and for answers that take all the height (the
        body map), the answers take what is left."""
        layout, answers, header = self.layout_, self.answers, self.header
        if self.window() is self:
            return  # not on the window yet: not styled, nor sized
        top = layout.itemAt(0)
        assert top is not None and top.spacerItem() is not None
        lead = top.spacerItem()
        assert lead is not None
        portrait = self.height() > self.width() and answers.holds_room
        minimum, fixed = QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed
        if not portrait:
            answers.setMinimumHeight(0)
            answers.setMaximumHeight(QWIDGETSIZE_MAX)
            layout.setStretch(2, 1)
            layout.setStretch(3, 0)
            header.place(0, 0)
            if lead.sizeHint().height():
                lead.changeSize(0, 0, minimum, fixed)
                layout.invalidate()
            return
        margins = layout.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        room = self.height() - margins.top() - margins.bottom() - 3 * layout.spacing()
        reserved = header.base_room()  # the tallest words' room
        if reserved is None:
            return
        # (a spacing to spare: Qt spaces the shares only when they are not empty)
        most = max(0, room - reserved - layout.spacing())
        if answers.needed_height(width) > most:
            answers.fit_height(most)  # a column of numbers: smaller numbers
        height = min(answers.needed_height(width), most)
        if answers.minimumHeight() != height or answers.maximumHeight() != height:
            answers.setFixedHeight(height)
        share = max(0, room - reserved - height) // 3
        shorter = max(0, reserved - header.words_height(width))
        layout.setStretch(2, 0)
        layout.setStretch(3, 1)  # the last share, and what rounding leaves
        header.place(share, shorter // 2)
        if lead.sizeHint().height() != share:
            lead.changeSize(0, share, minimum, fixed)
            layout.invalidate()
        layout.activate()  # now: the page is never drawn with its header cut

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.answers and event.type() == QEvent.Type.LayoutRequest:
            self.balance()
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        QTimer.singleShot(0, self.balance)  # its parts placed now: measured again

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        self.answers.fit(self.size())
        self.header.reserve()  # the room it may take depends on the page's height
        self.balance()
        super().resizeEvent(event)
