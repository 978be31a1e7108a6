"""The kinds of question of the self-check: each one's model (the keys only it takes, its
default options and their words), how it is answered, the hint under it, and what the speaker
reads besides its options."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from pydantic import Field

from ..parts import BODY_REGIONS, AssetPath, Id, ShortText
from ..question_parts import Option, OptionWords, QuestionBase
from .base import Checks, QuestionKind, Script, check_figure

SCALE_MIN, SCALE_MAX = 0, 10


class SingleChoiceQuestion(QuestionBase):
    type: Literal["single_choice"] = Field(description="single_choice: one answer of the options.")


class MultiChoiceQuestion(QuestionBase):
    type: Literal["multi_choice"] = Field(
        description="multi_choice: choose all the options that fit."
    )


class YesNoQuestion(QuestionBase):
    type: Literal["yes_no"] = Field(description="yes_no: yes or no.")
    options: list[Option] = Field(
        default_factory=lambda: [Option(id="yes"), Option(id="no")],
        description="The answers: yes and no (with the kiosk's own words) when empty.",
    )

    def option_words(self, words: OptionWords) -> Mapping[str, str]:
        return {"yes": words.yes, "no": words.no}


class ScaleQuestion(QuestionBase):
    type: Literal["scale"] = Field(description="scale: a number from 0 to 10.")
    min_label: ShortText | None = Field(None, description="The words under 0.")
    max_label: ShortText | None = Field(None, description="The words under 10.")
    score: Id | None = Field(None, description="Adds the number chosen to this score.")

    @property
    def number_score(self) -> str | None:
        return self.score


BODY_BACK = "kiosk:bodymap/body_back.svg"


class BodyMapQuestion(QuestionBase):
    type: Literal["body_map"] = Field(description="body_map: tap the places on a figure.")
    options: list[Option] = Field(
        default_factory=lambda: [Option(id=region) for region in BODY_REGIONS],
        description="The regions to tap: the ids of the figure's elements (the regions of the"
        " kiosk's lower body from behind, with its own words, when empty).",
    )
    figure: AssetPath | None = Field(
        BODY_BACK,
        description="The figure, an SVG whose regions are elements with the options'"
        " ids (kiosk:bodymap/body_front_back.svg: the kiosk's own whole body from the front"
        " and behind); the kiosk's lower body from behind (kiosk:bodymap/body_back.svg) when"
        " empty.",
    )
    figure_name: ShortText | None = Field(
        None,
        description="What the figure shows, in words, for screen readers"
        " (ui_text.seen_from_behind when empty).",
    )

    def option_words(self, words: OptionWords) -> Mapping[str, str]:
        return words.regions


def _regions_on_the_figure(question: BodyMapQuestion, checks: Checks) -> None:
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


def _scale_ends(question: ScaleQuestion) -> Script:
    return [
        f"{SCALE_MIN}: {question.min_label}" if question.min_label else None,
        f"{SCALE_MAX}: {question.max_label}" if question.max_label else None,
    ]


SINGLE_CHOICE = QuestionKind(SingleChoiceQuestion, answer="one", hint="choose_one")
MULTI_CHOICE = QuestionKind(MultiChoiceQuestion, answer="many", hint="choose_all")
YES_NO = QuestionKind(YesNoQuestion, answer="one", hint="choose_one")
SCALE = QuestionKind(
    ScaleQuestion,
    answer="number",
    hint="choose_scale",
    has_options=False,
    numbers=(SCALE_MIN, SCALE_MAX),
    colour_uses=(
        ("on_accent", "accent", "the chosen number of a 0 to 10 scale question"),
        ("accent", "background", "the chosen number of a 0 to 10 scale question"),
    ),
    script=_scale_ends,
    elsewhere={"score": "give options scores instead"},
)
BODY_MAP = QuestionKind(
    BodyMapQuestion,
    answer="many",
    hint="choose_regions",
    check=_regions_on_the_figure,
)
