"""Each kind's answer widget, built alone: a tap is reported once, with the answer tapped, and
the session's answer is shown back on its controls (and a keyboard visitor lands on it)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import LoadedContent
from kiosk.content.kinds import QUESTION_KINDS, Answer
from kiosk.core.session import Session
from kiosk.ui.answers import ANSWER_WIDGETS, AnswerWidget, BodyMapAnswers
from kiosk.ui.context import UiContext


@pytest.fixture
def ctx(loaded: LoadedContent) -> UiContext:
    """What a part is drawn for: the default content, a new visit, a 1920x1080 screen (the
    part is built alone, with no window round it)."""
    return UiContext.for_session(loaded, Session(loaded.content), QSize(1920, 1080))


def built(qtbot: QtBot, ctx: UiContext, kind: str) -> tuple[QWidget, AnswerWidget]:
    """The answer widget of the default content's question of `kind`, shown in a plain
    window of its own (one without a layout: the offscreen platform warns when a layout sets
    a window's size limits). Keep the window: it owns the widget."""
    questions = ctx.content.self_check.questions
    question = next(q for q in questions if q.type == kind)  # the default asks every kind
    widget = ANSWER_WIDGETS[kind](ctx, question)
    holder = QWidget()
    qtbot.addWidget(holder)
    widget.setParent(holder)
    holder.resize(1600, 800)
    widget.setGeometry(holder.rect())
    widget.fit(holder.size())
    holder.show()
    return holder, widget


@pytest.mark.parametrize("kind", sorted(QUESTION_KINDS))
def test_a_tap_is_reported_and_the_answer_shown(qtbot: QtBot, ctx: UiContext, kind: str) -> None:
    holder, widget = built(qtbot, ctx, kind)
    assert widget.buttons, "a control for each answer"
    key, button = list(widget.buttons.items())[-1]
    number = QUESTION_KINDS[kind].answer == "number"
    tapped = int(key) if number else key
    taps: list[object] = []
    widget.tapped.connect(taps.append)
    button.click()
    assert taps == [tapped]
    assert widget.first_focus() is not None
    widget.refresh(None)
    assert not any(b.isChecked() for b in widget.buttons.values())
    assert widget.first_focus() is next(iter(widget.buttons.values()))
    answer: Answer = tapped if QUESTION_KINDS[kind].answer != "many" else frozenset({key})
    widget.refresh(answer)
    assert [k for k, b in widget.buttons.items() if b.isChecked()] == [key]
    assert widget.first_focus() is button
    assert taps == [tapped], "showing an answer is not a tap"
    assert holder.isVisible()


def test_the_body_maps_figure_reports_a_region_and_lights_the_answer(
    qtbot: QtBot, ctx: UiContext
) -> None:
    holder, widget = built(qtbot, ctx, "body_map")
    assert isinstance(widget, BodyMapAnswers)
    taps: list[object] = []
    widget.tapped.connect(taps.append)
    point = widget.figure.region_centre("calf_right").toPoint()
    qtbot.mouseClick(widget.figure, Qt.MouseButton.LeftButton, pos=point)
    assert taps == ["calf_right"]
    widget.refresh(frozenset({"calf_right"}))
    assert widget.figure.chosen == frozenset({"calf_right"})
    assert widget.figure.accessibleDescription() == ctx.words.regions["calf_right"]
    assert holder.isVisible()
