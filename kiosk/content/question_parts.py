"""What every question of the self-check is made of: its options, the conditions that test the
answers, and the base of each kind's model (`kinds/questions.py` declares one model a kind).
No Qt here. `model.py` and the kinds both build on this; it builds on `parts.py` alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Protocol

from pydantic import ConfigDict, Field, model_validator

from .parts import Id, Model, ShortText, Text


class OptionWords(Protocol):
    """The kiosk's own words an option may go by (`ui_text`): yes, no and the body regions."""

    @property
    def yes(self) -> str: ...

    @property
    def no(self) -> str: ...

    @property
    def regions(self) -> Mapping[str, str]: ...


class Condition(Model):
    """A test on the answers so far. Exactly one of: all, any, not, question, score."""

    all_: list[Condition] | None = Field(
        None, alias="all", min_length=1, description="Every one holds."
    )
    any_: list[Condition] | None = Field(
        None, alias="any", min_length=1, description="At least one holds."
    )
    not_: Condition | None = Field(None, alias="not", description="This does not hold.")
    question: Id | None = Field(None, description="Tests this question's answer.")
    score: Id | None = Field(None, description="Tests this score's total.")
    equals: Id | None = Field(None, description="The answer is this option.")
    includes: Id | Annotated[list[Id], Field(min_length=1)] | None = Field(
        None, description="The answers include this option (or any of these)."
    )
    at_least: int | None = Field(
        None, description="The number chosen (or the score) is this or more."
    )
    at_most: int | None = Field(
        None, description="The number chosen (or the score) is this or less."
    )
    answered: bool | None = Field(None, description="The question was (not) answered.")

    @model_validator(mode="after")
    def _one_shape(self) -> Condition:
        heads = [
            name
            for name, value in (
                ("all", self.all_),
                ("any", self.any_),
                ("not", self.not_),
                ("question", self.question),
                ("score", self.score),
            )
            if value is not None
        ]
        if len(heads) != 1:
            raise ValueError(
                "a condition needs exactly one of all, any, not, question or score"
                + (f" (found {', '.join(heads)})" if heads else "")
            )
        tests = [
            name
            for name in ("equals", "includes", "at_least", "at_most", "answered")
            if getattr(self, name) is not None
        ]
        head = heads[0]
        if head in ("all", "any", "not"):
            if tests:
                raise ValueError(f"'{head}' cannot be combined with {', '.join(tests)}")
        elif head == "score":
            if not tests or set(tests) - {"at_least", "at_most"}:
                raise ValueError("a score test needs at_least and/or at_most")
        elif not tests:
            raise ValueError(
                "a question test needs one of equals, includes, at_least, at_most or answered"
            )
        elif len(tests) > 1 and set(tests) != {"at_least", "at_most"}:
            raise ValueError(f"use one test per condition (found {', '.join(tests)})")
        if self.at_least is not None and self.at_most is not None and self.at_least > self.at_most:
            raise ValueError(
                f"at_least ({self.at_least}) is more than at_most ({self.at_most}): nothing matches"
            )
        return self


class Option(Model):
    id: Id = Field(
        description="A short name for this answer (lower-case letters, digits and _),"
        " used by conditions."
    )
    label: ShortText | None = Field(
        None, description="The words on the button (body-map regions have defaults)."
    )
    scores: dict[Id, int] = Field(default_factory=dict, description="Adds to named scores.")
    red_flag: bool = Field(
        False, description="Choosing this ends the self-check with the urgent outcome."
    )
    suggests: list[Id] = Field(
        default_factory=list, description="Modalities this answer points to."
    )
    exclusive: bool = Field(
        False, description="Multiple choice: ticking this (e.g. 'None of these') clears the rest."
    )


class QuestionBase(Model):
    """What every kind of question has. Each kind's model (`kinds/questions.py`) adds its
    `type` and the keys only it takes; a key of another kind is an error naming that kind."""

    model_config = ConfigDict(defer_build=True)
    """Validated as a part of the whole file (`model.Content`), which builds its own
    validator of each kind at import: building each kind's own too would cost the start."""

    id: Id = Field(
        description="A short name for this question (lower-case letters, digits and _),"
        " used by conditions."
    )
    type: str = Field(description="The kind of question.")
    text: Text = Field(description="The question, in plain words.")
    help: Text | None = Field(None, description="One more line of explanation.")
    options: list[Option] = Field(default_factory=list, description="The answers to choose from.")
    show_if: Condition | None = Field(None, description="Ask only when this holds.")

    @property
    def number_score(self) -> str | None:
        """The score a number answer adds to (a scale's `score`), if this kind has one."""
        return None

    @property
    def score_names(self) -> set[str]:
        """The scores an answer to this question may add to."""
        names = {name for option in self.options for name in option.scores}
        return names | {self.number_score} if self.number_score else names

    @property
    def has_red_flag(self) -> bool:
        return any(option.red_flag for option in self.options)

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    def option_words(self, words: OptionWords) -> Mapping[str, str]:
        """The kiosk's own words for option ids of this kind (yes, no, body regions): such an
        option needs no label."""
        return {}

    def option_label(self, option: Option, words: OptionWords) -> str:
        """The words on an option's button: its label, or the kiosk's own word for it (yes,
        no, the body-map regions: see `option_words`)."""
        if option.label:
            return option.label
        return self.option_words(words).get(option.id, option.id)
