"""How each kind of question is answered on screen: one table, from a kind's name to its
answer widget (buttons for the options, the 0 to 10 scale, the body map).

The kinds of question are in `kiosk.content.kinds`; this is their other half, in Qt, as
`kiosk/ui/views.py` is for screens. The question's page holds the header and one of these;
nothing else in the interface switches on a question kind's name. A kind with no widget here
is a clear error, and a test checks that every kind of the registry has one.
"""

from __future__ import annotations

from ...content.kinds import UnknownKindError, question_kind
from ...content.model import Question
from .base import AnswerWidget
from .body_map import BodyFigure, BodyMapAnswers
from .choices import ChoiceAnswers, ChoiceButton, ManyAnswers
from .scale import ScaleAnswers

__all__ = [
    "ANSWER_WIDGETS",
    "AnswerWidget",
    "BodyFigure",
    "BodyMapAnswers",
    "ChoiceAnswers",
    "ChoiceButton",
    "ManyAnswers",
    "ScaleAnswers",
    "answer_widget_for",
]

ANSWER_WIDGETS: dict[str, type[AnswerWidget]] = {
    "single_choice": ChoiceAnswers,
    "multi_choice": ManyAnswers,
    "yes_no": ChoiceAnswers,
    "scale": ScaleAnswers,
    "body_map": BodyMapAnswers,
}
"""The answer widget of each kind of question, by the kind's name."""


def answer_widget_for(question: Question) -> type[AnswerWidget]:
    """The answer widget class that shows `question`'s answers."""
    name = question_kind(question.type).name
    widget = ANSWER_WIDGETS.get(name)
    if widget is None:
        raise UnknownKindError(
            f"no answer widget for questions of the kind '{name}' (kiosk/ui/answers/__init__.py)"
        )
    return widget
