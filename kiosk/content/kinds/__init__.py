"""The registry of kinds: every kind of screen and of question, declared once. No Qt here.

The loader, the checks, read-aloud, the attract loop, the engine and the session look a kind
up here; nothing else switches on a kind's name. The window looks up the view of a kind in
`kiosk/ui/views.py`. Adding a kind of screen is a model and its kind (a module here), one line
in `SCREEN_KINDS` and one view in `kiosk/ui/views.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Union

from pydantic import Field

from ..parts import ScreenBase
from .anatomy import ANATOMY
from .article import ARTICLE, SELF_CHECK
from .base import (
    Answer,
    AnswerShape,
    Checks,
    Lead,
    QuestionKind,
    ScreenKind,
    Script,
    UnknownKindError,
)
from .cards import CARDS
from .questions import BODY_MAP, MULTI_CHOICE, SCALE, SCALE_MAX, SCALE_MIN, SINGLE_CHOICE, YES_NO
from .steps import STEPS

__all__ = [
    "QUESTION_KINDS",
    "SCALE_MAX",
    "SCALE_MIN",
    "SCREEN_KINDS",
    "Answer",
    "AnswerShape",
    "Checks",
    "Lead",
    "QuestionKind",
    "Screen",
    "ScreenKind",
    "Script",
    "UnknownKindError",
    "question_kind",
    "screen_kind",
]

SCREEN_KINDS: dict[str, ScreenKind[Any]] = {
    kind.name: kind for kind in (ARTICLE, ANATOMY, CARDS, SELF_CHECK, STEPS)
}
"""Every kind of screen, by the name a screen gives as its `type`."""

QUESTION_KINDS: dict[str, QuestionKind] = {
    kind.name: kind for kind in (SINGLE_CHOICE, MULTI_CHOICE, YES_NO, SCALE, BODY_MAP)
}
"""Every kind of question, by the name a question gives as its `type`."""

_BY_MODEL: dict[type[ScreenBase], ScreenKind[Any]] = {
    kind.model: kind for kind in SCREEN_KINDS.values()
}

if TYPE_CHECKING:
    Screen = ScreenBase
else:
    Screen = Annotated[
        Union[tuple(kind.model for kind in SCREEN_KINDS.values())],  # noqa: UP007
        Field(discriminator="type"),
    ]
    """A screen of the file: one of the kinds' models, chosen by its `type`."""


def screen_kind(screen: ScreenBase) -> ScreenKind[Any]:
    """The kind of a screen of the content."""
    kind = _BY_MODEL.get(type(screen))
    if kind is None:
        raise UnknownKindError(
            f"'{type(screen).__name__}' is not a kind of screen in the registry"
            f" (kinds: {', '.join(SCREEN_KINDS)})"
        )
    return kind


def question_kind(name: str) -> QuestionKind:
    """The kind of question called `name` (a question's `type`)."""
    kind = QUESTION_KINDS.get(name)
    if kind is None:
        raise UnknownKindError(
            f"'{name}' is not a kind of question (kinds: {', '.join(QUESTION_KINDS)})"
        )
    return kind
