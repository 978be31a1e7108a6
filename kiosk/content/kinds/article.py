"""Articles (text, lists, boxes and pictures) and the self-check's introduction, which is an
article where the questions start."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from ..parts import Block, ScreenBase
from .base import (
    ContentView,
    Lead,
    Placed,
    ScreenKind,
    Script,
    block_lead,
    block_script,
    block_texts,
)


class ArticleScreen(ScreenBase):
    type: Literal["article"] = Field(
        description="The kind of screen: article (text, lists, boxes and pictures)."
    )
    body: list[Block] = Field(min_length=1, description="The blocks of the screen, top to bottom.")


class SelfCheckScreen(ScreenBase):
    """Where the self-check starts: an introduction, then the questions."""

    type: Literal["self_check"] = Field(
        description="The kind of screen: self_check (the introduction to the questions)."
    )
    body: list[Block] = Field(
        default_factory=list, description="The blocks of the introduction, top to bottom."
    )


def _texts(screen: ArticleScreen | SelfCheckScreen) -> Iterator[Placed]:
    return block_texts(("body",), screen.body)


def _script(
    content: ContentView, screen: ArticleScreen | SelfCheckScreen, part: str | None
) -> Script:
    return [screen.title, *block_script(screen.body)]


def _lead(screen: ArticleScreen | SelfCheckScreen) -> Lead:
    return block_lead(screen.body)


ARTICLE = ScreenKind(model=ArticleScreen, texts=_texts, script=_script, lead=_lead)
SELF_CHECK = ScreenKind(
    model=SelfCheckScreen, texts=_texts, script=_script, lead=_lead, starts_self_check=True
)
