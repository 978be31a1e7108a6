"""The kinds of question of the self-check: how each is answered, its default options and
their words, the hint under it, and what the speaker reads besides its options."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..errors import did_you_mean
from ..parts import BODY_REGIONS
from .base import QuestionKind, Script

if TYPE_CHECKING:
    from ..model import Question, UiText

SCALE_MIN, SCALE_MAX = 0, 10


def _yes_no_words(words: UiText) -> Mapping[str, str]:
    return {"yes": words.yes, "no": words.no}


def _region_words(words: UiText) -> Mapping[str, str]:
    return words.regions


def _not_a_region(option_id: str) -> str | None:
    if option_id in BODY_REGIONS:
        return None
    return (
        f"'{option_id}' is not a body region{did_you_mean(option_id, BODY_REGIONS)}"
        f" (regions: {', '.join(BODY_REGIONS)})"
    )


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
    option_problem=_not_a_region,
)
