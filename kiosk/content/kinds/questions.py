"""The kinds of question of the self-check: how each is answered, its default options and
their words, the hint under it, and what the speaker reads besides its options."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..parts import BODY_REGIONS
from .base import Checks, QuestionKind, Script, check_figure

if TYPE_CHECKING:
    from ..model import Question, UiText

SCALE_MIN, SCALE_MAX = 0, 10


def _yes_no_words(words: UiText) -> Mapping[str, str]:
    return {"yes": words.yes, "no": words.no}


def _region_words(words: UiText) -> Mapping[str, str]:
    return words.regions


def _regions_on_the_figure(question: Question, checks: Checks) -> None:
    """Each option of a body map is a region of its figure (an element with the option's
    id), but for an exclusive answer such as "None of these", which is a button only."""
    if question.figure is None:
        return
    wanted = [
        (("options", oi, "id"), option.id)
        for oi, option in enumerate(question.options)
        if not option.exclusive
    ]
    check_figure(checks, ("figure",), question.figure, wanted, regions=True)


def _scale_ends(question: Question) -> Script:
    return [
        f"{SCALE_MIN}: {question.min_label}" if question.min_label else None,
        f"{SCALE_MAX}: {question.max_label}" if question.max_label else None,
    ]


SINGLE_CHOICE = QuestionKind("single_choice", answer="one", hint="choose_one")
MULTI_CHOICE = QuestionKind("multi_choice", answer="many", hint="choose_all")
YES_NO = QuestionKind(
    "yes_no",
    answer="one",
    hint="choose_one",
    default_options=("yes", "no"),
    option_words=_yes_no_words,
)
SCALE = QuestionKind(
    "scale",
    answer="number",
    hint="choose_scale",
    has_options=False,
    own_fields=("score", "min_label", "max_label"),
    script=_scale_ends,
)
BODY_MAP = QuestionKind(
    "body_map",
    answer="many",
    hint="choose_regions",
    default_options=BODY_REGIONS,
    option_words=_region_words,
    own_fields=("figure", "figure_name"),
    default_figure="kiosk:bodymap/body_back.svg",
    check=_regions_on_the_figure,
)
