"""Numbered steps: a short routine to try (stretches, how to sit ...), each step a few words and
maybe a picture, then a box with when to stop and who to ask."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from ..i18n import Localized
from ..parts import AssetPath, Model, ScreenBase, ShortText, Text
from .base import Checks, ContentView, Lead, Placed, ScreenKind, Script

MAX_STEPS = 9
MAX_STEP_WORDS = 60
"""A step says what to do in a breath or two: longer, and it should be two steps."""


class Step(Model):
    title: ShortText | None = Field(
        None, description="A few words naming the step, e.g. Knee to chest."
    )
    text: Text = Field(description="What to do, in one to three short sentences.")
    image: AssetPath | None = Field(
        None,
        description="A picture of the step (SVG, PNG or JPEG), relative to content.yaml. A"
        " black line drawing (SVG) is drawn in the clinic's primary colour.",
    )


class StepsScreen(ScreenBase):
    """Steps a visitor can follow, numbered in order."""

    type: Literal["steps"] = Field(
        description="The kind of screen: steps (numbered steps, each with words and maybe a"
        " picture)."
    )
    intro: Text | None = Field(None, description="A sentence or two above the steps.")
    steps: list[Step] = Field(
        min_length=1, max_length=MAX_STEPS, description="The steps, in the order to do them."
    )
    note: Text | None = Field(
        None,
        description="Words in a box above the steps, read before them: when to stop, who to "
        "ask first.",
    )


def _texts(screen: StepsScreen) -> Iterator[Placed]:
    if screen.intro:
        yield ("intro",), screen.intro
    for si, step in enumerate(screen.steps):
        yield ("steps", si, "text"), step.text
    if screen.note:
        yield ("note",), screen.note


def _script(content: ContentView, screen: StepsScreen, part: str | None) -> Script:
    """The title and intro, the note (when to stop: before the steps), then each step by its
    number."""
    parts: Script = [screen.title, screen.intro, screen.note]
    for number, step in enumerate(screen.steps, 1):
        parts += [f"{number}. {step.title}" if step.title else f"{number}.", step.text]
    return parts


def _lead(screen: StepsScreen) -> Lead:
    image = next((step.image for step in screen.steps if step.image), None)
    return Lead(screen.intro or screen.steps[0].text, image)


def _check(screen: StepsScreen, checks: Checks) -> None:
    for si, step in enumerate(screen.steps):
        for language, words in _word_counts(step.text):
            if words > MAX_STEP_WORDS:
                at = ("steps", si, "text", *((language,) if language else ()))
                checks.warn(
                    at,
                    f"step {si + 1} has {words} words; a step is read at a glance: keep it to"
                    f" {MAX_STEP_WORDS} words, or split it into two steps",
                )


def _word_counts(text: str) -> Iterator[tuple[str | None, int]]:
    """The words of each language's text (None for one string in every language)."""
    if isinstance(text, Localized) and text.translations:
        for language, words in text.translations.items():
            yield language, len(words.split())
    else:
        yield None, len(text.split())


def _safety(screen: StepsScreen) -> str | None:
    return screen.note


STEPS = ScreenKind(
    model=StepsScreen, texts=_texts, script=_script, lead=_lead, check=_check, safety=_safety
)
