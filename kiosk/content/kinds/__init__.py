"""The registry of kinds: every kind of screen and of question, declared once. No Qt here.

The loader, the checks, read-aloud, the attract loop, the engine and the session look a kind
up here; nothing else switches on a kind's name. The window looks up the view of a kind in
`kiosk/ui/views.py`. Adding a kind of screen is a model and its kind (a module here), one line
in `SCREEN_KINDS` and one view in `kiosk/ui/views.py`. Adding a kind of question is a model
(on `question_parts.QuestionBase`) and its kind in `questions.py`, one line in
`QUESTION_KINDS` and one answer widget in `kiosk/ui/answers/`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Union

from pydantic import Field

from ..parts import ScreenBase
from ..question_parts import QuestionBase
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
    "Question",
    "QuestionKind",
    "Screen",
    "ScreenKind",
    "Script",
    "UnknownKindError",
    "misplaced_key",
    "question_kind",
    "screen_kind",
]

SCREEN_KINDS: dict[str, ScreenKind[Any]] = {
    kind.name: kind for kind in (ARTICLE, ANATOMY, CARDS, SELF_CHECK, STEPS)
}
"""Every kind of screen, by the name a screen gives as its `type`."""

QUESTION_KINDS: dict[str, QuestionKind[Any]] = {
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

_QUESTION_MODELS = frozenset(kind.model for kind in QUESTION_KINDS.values())

if TYPE_CHECKING:
    Question = QuestionBase
else:
    Question = Annotated[
        Union[tuple(kind.model for kind in QUESTION_KINDS.values())],  # noqa: UP007
        Field(discriminator="type"),
    ]
    """A question of the self-check: one of the kinds' models, chosen by its `type`."""


def screen_kind(screen: ScreenBase) -> ScreenKind[Any]:
    """The kind of a screen of the content."""
    kind = _BY_MODEL.get(type(screen))
    if kind is None:
        raise UnknownKindError(
            f"'{type(screen).__name__}' is not a kind of screen in the registry"
            f" (kinds: {', '.join(SCREEN_KINDS)})"
        )
    return kind


def question_kind(name: str) -> QuestionKind[Any]:
    """The kind of question called `name` (a question's `type`)."""
    kind = QUESTION_KINDS.get(name)
    if kind is None:
        raise UnknownKindError(
            f"'{name}' is not a kind of question (kinds: {', '.join(QUESTION_KINDS)})"
        )
    return kind


def misplaced_key(model: type[Any], key: str) -> str | None:
    """What to say of a key that a question of this kind (its model) lacks but a question of
    another kind takes: whose key it is, and what to do instead if the owner says; None for
    any other unknown key (the loader's "unknown key" message fits it)."""
    if model not in _QUESTION_MODELS:
        return None
    owners = [kind for kind in QUESTION_KINDS.values() if key in kind.own_fields]
    if not owners:
        return None
    names = " or ".join(kind.name for kind in owners)
    instead = next((kind.elsewhere[key] for kind in owners if key in kind.elsewhere), None)
    if instead is not None:
        return f"'{key}' is for {names} questions; {instead}"
    return f"'{key}' is for {names} questions only"
