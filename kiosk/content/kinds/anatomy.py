"""The sciatic nerve on a body figure: a visitor taps a part of it to read about that part."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ..parts import Model, ScreenBase, ShortText, Text
from .base import Checks, Lead, Placed, ScreenKind, Script

if TYPE_CHECKING:
    from ..model import Content


class AnatomyPart(Model):
    segment: Literal["roots", "buttock", "thigh", "split", "tibial", "peroneal"] = Field(
        description="Which part of the nerve on the figure, from the spine to the foot."
    )
    label: ShortText = Field(description="The name on the button for this part.")
    text: Text = Field(description="What a visitor reads after tapping this part.")


class AnatomyScreen(ScreenBase):
    type: Literal["anatomy"] = Field(
        description="The kind of screen: anatomy (the body figure with the sciatic nerve)."
    )
    intro: Text | None = Field(None, description="A sentence or two above the figure.")
    parts: list[AnatomyPart] = Field(
        min_length=1, description="The parts of the nerve a visitor can tap."
    )


def _texts(screen: AnatomyScreen) -> Iterator[Placed]:
    if screen.intro:
        yield ("intro",), screen.intro
    for pi, part in enumerate(screen.parts):
        yield ("parts", pi, "text"), part.text


def _script(content: Content, screen: AnatomyScreen, part: str | None) -> Script:
    """The title, the intro (or the hint to tap), then the part opened (or every part)."""
    parts: Script = [screen.title, screen.intro or content.ui_text.tap_nerve]
    chosen = [p for p in screen.parts if p.segment == part] or screen.parts
    for anatomy_part in chosen:
        parts += [anatomy_part.label, anatomy_part.text]
    return parts


def _lead(screen: AnatomyScreen) -> Lead:
    return Lead(screen.intro or (screen.parts[0].text if screen.parts else ""))


def _check(screen: AnatomyScreen, checks: Checks) -> None:
    counts = Counter(part.segment for part in screen.parts)
    for pi, part in enumerate(screen.parts):
        if counts[part.segment] > 1:
            checks.error(
                ("parts", pi, "segment"), f"the segment '{part.segment}' is described twice"
            )
            counts[part.segment] = 1


ANATOMY = ScreenKind(model=AnatomyScreen, texts=_texts, script=_script, lead=_lead, check=_check)
