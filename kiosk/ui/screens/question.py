"""A question of the self-check, with large answer buttons.

Single choice and yes/no: one tap answers and moves on. Multiple choice, the 0 to 10 scale
and the body map: tap, then Next. The screen only reports taps; the session decides.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...content.kinds import SCALE_MAX, SCALE_MIN, UnknownKindError, question_kind
from ...content.model import Question
from ...content.snapshot import AssetFile
from ...core.place import Place
from ..figure import SvgFigure
from ..widgets import (
    KineticScrollArea,
    icon_pixmap,
    set_role,
    text_label,
    ui_icon,
)
from .base import Screen, UiContext, WordsButton, measured, scroll_area


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

    def _hint_for(self, question: Question) -> str:
        return str(getattr(self.ctx.words, question_kind(question.type).hint))

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
        parts.append(("hint", self._hint_for(question)))
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
    def __init__(self, ctx: UiContext, place: Place, question: Question) -> None:
        super().__init__(ctx, place)
        self.question = question
        self.set_title(question.text)
        self.buttons: dict[str, QPushButton] = {}
        self.figure: BodyFigure | None = None
        self.header = header = QuestionHeader(ctx, question, self._answers_height)
        self.hint = header.hint
        self.layout_.addWidget(measured(ctx, header))
        kind = question_kind(question.type)
        self.scroll_area: KineticScrollArea | None = None
        add_answers = ANSWER_WIDGETS.get(kind.name)
        if add_answers is None:
            raise UnknownKindError(
                f"no answer widget for questions of the kind '{kind.name}' (question.py)"
            )
        add_answers(self)

    def _answers_height(self) -> int:
        """The height the answers need below the header, at the page's width: what the
        header may not take (so a reserved header never pushes the answers out of sight)."""
        margins = self.layout_.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        need = 0
        for index in range(1, self.layout_.count()):
            item = self.layout_.itemAt(index)
            if item is None:
                continue
            need += self.layout_.spacing()
            widget = item.widget()
            inner = widget.widget() if isinstance(widget, QScrollArea) else None
            if inner is not None:
                height = inner.heightForWidth(width)
                need += height if height >= 0 else inner.sizeHint().height()
            elif item.hasHeightForWidth():
                need += item.heightForWidth(width)
            else:
                need += item.sizeHint().height()
        return margins.top() + margins.bottom() + need

    # -- kinds of answer -------------------------------------------------------------------

    def _add_choices(self) -> None:
        """A button per option, scrolling when they are many."""
        self.scroll_area = scroll_area(
            self.ctx, measured(self.ctx, self._choices()), self.question.text
        )
        self.layout_.addWidget(self.scroll_area, 1)

    def _add_scale(self) -> None:
        self.layout_.addWidget(self._scale())
        self.layout_.addStretch(1)

    def _add_body_map(self) -> None:
        # the figure and its regions take all the height they can: no room held above them
        self.header.holds_room = False
        self.layout_.addLayout(self._body_map(), 1)

    def _choices(self) -> QWidget:
        q, m = self.question, self.ctx.metrics
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, m.px(8), 0, m.px(8))
        self.choice_grid = QGridLayout()
        self.choice_grid.setSpacing(m.px(16))
        column.addLayout(self.choice_grid)
        # the space left over stays below the answers: a button is as tall as its words (a
        # stretch, not the grid's alignment, which would give the grid its size hint's
        # height, made for wider buttons, and squeeze words that wrap)
        column.addStretch(1)
        one = question_kind(q.type).answer == "one"
        group = QButtonGroup(self) if one else None
        for option in q.options:
            button = ChoiceButton(self.ctx, q.option_label(option, self.ctx.words), many=not one)
            if group is not None:
                group.addButton(button)
                button.clicked.connect(
                    lambda _=False, o=option.id: self.ctx.session.answer(q.id, o)
                )
            else:
                button.clicked.connect(
                    lambda _=False, o=option.id: self.ctx.session.toggle(q.id, o)
                )
            self.buttons[option.id] = button
        self._arrange_choices()
        return box

    def _arrange_choices(self) -> None:
        if not hasattr(self, "choice_grid"):
            return
        many = len(self.buttons) > 4
        columns = 2 if many and self.width() > self.height() else 1
        for index, button in enumerate(self.buttons.values()):
            self.choice_grid.addWidget(button, index // columns, index % columns)

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
            button.clicked.connect(lambda _=False, v=value: self.ctx.session.answer(q.id, v))
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

    def _body_map(self) -> QBoxLayout:
        q, m = self.question, self.ctx.metrics
        regions = [o.id for o in q.options if not o.exclusive]
        many = question_kind(q.type).answer != "one"
        names = {o.id: q.option_label(o, self.ctx.words) for o in q.options}
        self.figure = BodyFigure(
            self.ctx,
            self.ctx.asset(q.figure),
            regions,
            lambda r: self.ctx.session.toggle(q.id, r),
            names,
            q.figure_name,
        )
        side = QWidget()
        grid = QGridLayout(side)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(m.target_gap)
        for option in q.options:
            words = q.option_label(option, self.ctx.words)
            region_button = ChoiceButton(self.ctx, words, many=many, min_height=80)
            region_button.clicked.connect(
                lambda _=False, o=option.id: self.ctx.session.toggle(q.id, o)
            )
            self.buttons[option.id] = region_button
        # the middle of the body spans both columns; left parts on the left, right on the
        # right, as on the figure, which never mirrors: a mirrored grid (right to left) shows
        # its column 0 on the right, so there the sides swap columns; "None of these"
        # (exclusive) last, across both
        left, right = (1, 0) if self.ctx.rtl else (0, 1)
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
        side.setMaximumWidth(m.px(900))
        self.side_scroll = scroll_area(self.ctx, side, q.text)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(m.px(40))
        self.body.addWidget(self.figure, 2)
        self.body.addWidget(self.side_scroll, 3)
        return self.body

    # -- showing the answer -------------------------------------------------------------------

    def first_focus(self) -> QWidget | None:
        """A keyboard visitor lands on the answer given (coming back), else the first."""
        for button in self.buttons.values():
            if button.isChecked() and button.isVisible() and button.isEnabled():
                return button
        return next((b for b in self.buttons.values() if b.isVisible()), None)

    def refresh(self) -> None:
        answer = self.ctx.session.answers.get(self.question.id)
        if isinstance(answer, int):
            chosen = {str(answer)}
        elif isinstance(answer, str):
            chosen = {answer}
        else:
            chosen = set(answer or ())
        for option_id, button in self.buttons.items():
            group = button.group()
            exclusive = group is not None and group.exclusive()
            if exclusive and group is not None:
                group.setExclusive(False)
            button.setChecked(option_id in chosen)
            if exclusive and group is not None:
                group.setExclusive(True)
        if self.figure is not None:
            self.figure.show_chosen(frozenset(chosen))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        if self.figure is not None:
            portrait = self.height() > self.width()
            self.body.setDirection(
                QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
            )
        self._arrange_choices()
        self.header.reserve()  # the room it may take depends on the page's height
        super().resizeEvent(event)


ANSWER_WIDGETS: dict[str, Callable[[QuestionView], None]] = {
    "single_choice": QuestionView._add_choices,
    "multi_choice": QuestionView._add_choices,
    "yes_no": QuestionView._add_choices,
    "scale": QuestionView._add_scale,
    "body_map": QuestionView._add_body_map,
}
"""How each kind of question is answered on screen, by the kind's name: buttons for its
options, the 0 to 10 scale or the body map. Each adds its widgets to the question's page."""
