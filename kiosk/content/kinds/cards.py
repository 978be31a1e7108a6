"""Cards side by side: the kinds of massage, each with its icon, name and a few words."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from ..parts import AssetPath, Id, Model, ScreenBase, ShortText, Text
from .base import Checks, ContentView, Lead, Placed, ScreenKind, Script


class Card(Model):
    modality: Id | None = Field(None, description="Takes title and icon from this modality.")
    title: ShortText | None = Field(
        None, description="The card's heading (the modality's name when empty)."
    )
    icon: AssetPath | None = Field(
        None, description="The card's picture (the modality's icon when empty)."
    )
    text: Text = Field(description="The words on the card.")


class CardsScreen(ScreenBase):
    type: Literal["cards"] = Field(
        description="The kind of screen: cards (one card per kind of massage)."
    )
    intro: Text | None = Field(None, description="A sentence or two above the cards.")
    cards: list[Card] = Field(min_length=1, description="The cards, in the order shown.")


def _texts(screen: CardsScreen) -> Iterator[Placed]:
    if screen.intro:
        yield ("intro",), screen.intro
    for ci, card in enumerate(screen.cards):
        yield ("cards", ci, "text"), card.text


def _script(content: ContentView, screen: CardsScreen, part: str | None) -> Script:
    parts: Script = [screen.title, screen.intro]
    for card in screen.cards:
        modality = content.modality(card.modality) if card.modality else None
        parts += [card.title or (modality.name if modality else None), card.text]
    return parts


def _lead(screen: CardsScreen) -> Lead:
    return Lead(screen.intro or (screen.cards[0].text if screen.cards else ""))


def _check(screen: CardsScreen, checks: Checks) -> None:
    for ci, card in enumerate(screen.cards):
        if card.modality:
            checks.modality(("cards", ci, "modality"), card.modality)
        elif not card.title:
            checks.error(("cards", ci), "a card needs a title or a modality")


CARDS = ScreenKind(model=CardsScreen, texts=_texts, script=_script, lead=_lead, check=_check)
