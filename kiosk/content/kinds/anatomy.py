"""A figure of the body that the clinic draws (an SVG): a visitor taps a numbered part of it to
read about that part. Each part is an element of the figure, named by its id; the kiosk places
the part's number beside that element and draws it (or another element) in the accent colour
while the part is open. No coordinates in the content: the figure's own shapes say where."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field

from ..parts import AssetPath, ElementId, Model, ScreenBase, ShortText, Text
from .base import Checks, ContentView, Lead, Placed, ScreenKind, Script, check_figure


class AnatomyPart(Model):
    id: ElementId = Field(
        description="The id of the element of the figure this part is (a shape or a group):"
        " its number is placed beside it."
    )
    label: ShortText = Field(description="The name on the button for this part.")
    text: Text = Field(description="What a visitor reads after tapping this part.")
    highlight: ElementId | None = Field(
        None,
        description="The id of the element drawn in the accent colour while this part is open;"
        " the part's own element when empty (e.g. the number points at a spot on a nerve,"
        " and the whole branch lights up).",
    )

    @property
    def highlighted(self) -> str:
        """The element drawn in the accent colour while this part is open."""
        return self.highlight or self.id


class AnatomyScreen(ScreenBase):
    type: Literal["anatomy"] = Field(
        description="The kind of screen: anatomy (a figure of the body whose parts a visitor"
        " taps to read about them)."
    )
    figure: AssetPath = Field(
        description="The figure: an SVG with an id on each part (see the clinic guide,"
        " 'Making a figure'). It is never mirrored, also in a right-to-left language."
    )
    intro: Text | None = Field(None, description="A sentence or two above the parts.")
    parts: list[AnatomyPart] = Field(
        min_length=1, max_length=9, description="The parts of the figure a visitor can tap."
    )


def _texts(screen: AnatomyScreen) -> Iterator[Placed]:
    if screen.intro:
        yield ("intro",), screen.intro
    for pi, part in enumerate(screen.parts):
        yield ("parts", pi, "text"), part.text


def _script(content: ContentView, screen: AnatomyScreen, part: str | None) -> Script:
    """The title, the intro (or the hint to tap), then the part opened (or every part)."""
    parts: Script = [screen.title, screen.intro or content.ui_text.tap_nerve]
    chosen = [p for p in screen.parts if p.id == part] or screen.parts
    for anatomy_part in chosen:
        parts += [anatomy_part.label, anatomy_part.text]
    return parts


def _lead(screen: AnatomyScreen) -> Lead:
    return Lead(screen.intro or (screen.parts[0].text if screen.parts else ""))


def _check(screen: AnatomyScreen, checks: Checks) -> None:
    counts = Counter(part.id for part in screen.parts)
    for pi, part in enumerate(screen.parts):
        if counts[part.id] > 1:
            checks.error(("parts", pi, "id"), f"the part '{part.id}' is described twice")
            counts[part.id] = 1
    wanted: list[Placed] = []
    for pi, part in enumerate(screen.parts):
        wanted.append((("parts", pi, "id"), part.id))
        if part.highlight:
            wanted.append((("parts", pi, "highlight"), part.highlight))
    check_figure(checks, ("figure",), screen.figure, wanted)


OLD_FIGURE = "kiosk:anatomy/body_back.svg"
"""The kiosk's own figure, which the anatomy screen drew before figures were the clinic's
(until December 2026: no `figure`, parts named by `segment`)."""


def _upgrade(screen: dict[str, Any]) -> str | None:
    """The anatomy screen before figures by element id: no `figure`, each part a `segment` of
    the kiosk's own sciatic nerve. Read as today's: that figure, each segment its id, and the
    segment's stretch of the nerve its highlight (the figure names them `nerve_<segment>`)."""
    parts = screen.get("parts")
    if "figure" in screen or not isinstance(parts, list):
        return None
    old = [p for p in parts if isinstance(p, dict) and "segment" in p and "id" not in p]
    if not old:
        return None
    for part in old:
        segment = part.pop("segment")
        part["id"] = segment
        if isinstance(segment, str):
            part.setdefault("highlight", f"nerve_{segment}")
    screen["figure"] = OLD_FIGURE
    return (
        "written in the anatomy screen's first form (parts by `segment`, no `figure`), read "
        f"as today's; to write it so: add `figure: {OLD_FIGURE}` to the screen and write each "
        "part's `segment: NAME` as `id: NAME` with `highlight: nerve_NAME`"
    )


ANATOMY = ScreenKind(
    model=AnatomyScreen,
    texts=_texts,
    script=_script,
    lead=_lead,
    check=_check,
    upgrade=_upgrade,
    colour_uses=(
        ("on_accent", "accent", "the chosen number on the figure of an anatomy screen"),
        ("accent", "surface", "the chosen part of the figure of an anatomy screen"),
    ),
)
