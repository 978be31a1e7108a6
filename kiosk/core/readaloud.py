"""The words the speaker button reads aloud for a screen. No Qt here.

`script_for` takes the content already in the visitor's language and a screen named as the
session names it (`attract`, `screen:<id>`, `question:<id>`, `result:<id>`) and returns what
is on that screen, in reading order, one part per line. Each part ends with punctuation, so a
text-to-speech engine pauses between a title, a paragraph and each answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..content.model import (
    AnatomyScreen,
    ArticleScreen,
    Block,
    CardsScreen,
    Content,
    Outcome,
    Question,
    SelfCheckScreen,
)

FINAL_PUNCTUATION = frozenset(".!?:;\u2026\u3002\uff01\uff1f\uff1b\uff1a")
"""A part ending with one of these already makes the engine pause (with the ellipsis and the
full-width stops of Chinese and Japanese)."""
CLOSING = "\"')]\u00bb\u201d\u2019\u300d\u300f"
"""Quotes and brackets that may follow a part's final punctuation."""


def script_for(
    content: Content,
    screen: str,
    outcome_id: str | None = None,
    part: str | None = None,
) -> str:
    """The words to read aloud for `screen`; empty for a screen it does not know.

    `outcome_id` names the result when `screen` is just `result`; `part` is the nerve segment
    the visitor opened on an anatomy screen (then that part is read, not all of them).
    """
    kind, _, ident = screen.partition(":")
    if kind == "attract":
        parts = _attract(content)
    elif kind == "screen":
        found = next((s for s in content.screens if s.id == ident), None)
        if isinstance(found, ArticleScreen | SelfCheckScreen):
            parts = [found.title, *_blocks(found.body)]
        elif isinstance(found, AnatomyScreen):
            parts = _anatomy(content, found, part)
        elif isinstance(found, CardsScreen):
            parts = _cards(content, found)
        else:
            parts = []
    elif kind == "question":
        question = content.question(ident)
        parts = _question(content, question) if question is not None else []
    elif kind == "result":
        outcome = content.outcome(ident or outcome_id or "")
        parts = _result(content, outcome) if outcome is not None else []
    else:
        parts = []
    return join_parts(parts)


def join_parts(parts: Iterable[str | None]) -> str:
    """Non-empty parts, each ending with punctuation, one per line."""
    return "\n".join(sentence(p) for p in parts if p is not None and p.strip())


def sentence(text: str) -> str:
    """`text` on one line, with a full stop added where it has no final punctuation."""
    words = " ".join(str(text).split())
    if words and words.rstrip(CLOSING)[-1:] not in FINAL_PUNCTUATION:
        words += "."
    return words


def _attract(content: Content) -> list[str | None]:
    return [content.clinic.name, content.clinic.welcome, content.ui_text.touch_to_begin]


def _blocks(blocks: Iterable[Block]) -> Iterator[str | None]:
    for block in blocks:
        yield block.paragraph
        yield from block.bullets or ()
        yield block.callout
        yield block.caption  # an image is read by its caption, if it has one


def _anatomy(content: Content, screen: AnatomyScreen, part: str | None) -> list[str | None]:
    parts: list[str | None] = [screen.title, screen.intro or content.ui_text.tap_nerve]
    chosen = [p for p in screen.parts if p.segment == part] or screen.parts
    for anatomy_part in chosen:
        parts += [anatomy_part.label, anatomy_part.text]
    return parts


def _cards(content: Content, screen: CardsScreen) -> list[str | None]:
    parts: list[str | None] = [screen.title, screen.intro]
    for card in screen.cards:
        modality = content.modality(card.modality) if card.modality else None
        parts += [card.title or (modality.name if modality else None), card.text]
    return parts


def _question(content: Content, question: Question) -> list[str | None]:
    parts: list[str | None] = [question.text, question.help]
    parts += [question.option_label(o, content.ui_text) for o in question.options]
    if question.type == "scale":
        if question.min_label:
            parts.append(f"0: {question.min_label}")
        if question.max_label:
            parts.append(f"10: {question.max_label}")
    return parts


def _result(content: Content, outcome: Outcome) -> list[str | None]:
    return [
        content.ui_text.result,
        outcome.title,
        *_blocks(outcome.body),
        content.ui_text.disclaimer,
    ]
