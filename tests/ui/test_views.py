"""The UI's half of the registry: every kind of screen has a view and every kind of question
an answer widget, so a kind added to `kiosk.content.kinds` without one fails here, not on a
visitor's screen."""

from __future__ import annotations

from kiosk.content.kinds import QUESTION_KINDS, SCREEN_KINDS
from kiosk.ui.answers import ANSWER_WIDGETS
from kiosk.ui.views import SCREEN_VIEWS


def test_every_kind_of_screen_has_a_view() -> None:
    assert set(SCREEN_VIEWS) == set(SCREEN_KINDS)


def test_every_kind_of_question_has_an_answer_widget() -> None:
    assert set(ANSWER_WIDGETS) == set(QUESTION_KINDS)


def test_each_answer_widget_gives_the_answer_its_kind_declares() -> None:
    """One answer (round marks, a tap answers), several (boxes, a tap ticks) or a number."""
    shapes = {name: widget.answer for name, widget in ANSWER_WIDGETS.items()}
    assert shapes == {name: kind.answer for name, kind in QUESTION_KINDS.items()}
