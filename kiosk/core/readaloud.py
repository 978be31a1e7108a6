"""The words the speaker button reads aloud for a screen. No Qt here.

`script_for` takes the content already in the visitor's language and a place (`Place`) and
returns what is on that screen, in reading order, one part per line. Each part ends with
punctuation, so a text-to-speech engine pauses between a title, a paragraph and each answer.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..content.kinds import question_kind, screen_kind
from ..content.kinds.base import block_script
from ..content.model import Content, Outcome, Question
from .place import Place, PlaceKind

FINAL_PUNCTUATION = frozenset(".!?:;\u2026\u3002\uff01\uff1f\uff1b\uff1a\u061f\u061b\u06d4")
"""A part ending with one of these already makes the engine pause (with the ellipsis, the
full-width stops of Chinese and Japanese, and Arabic's question mark, semicolon and full
stop)."""
CLOSING = "\"')]\u00bb\u201d\u2019\u300d\u300f"
"""Quotes and brackets that may follow a part's final punctuation."""


def script_for(content: Content, place: Place, part: str | None = None) -> str:
    """The words to read aloud at `place`; empty for a place the content does not have.

    `part` is the nerve segment the visitor opened on an anatomy screen (then that part is
    read, not all of them).
    """
    parts: list[str | None] = []
    match place.kind:
        case PlaceKind.ATTRACT:
            parts = _attract(content)
        case PlaceKind.SCREEN:
            found = next((s for s in content.screens if s.id == place.ident), None)
            if found is not None:
                parts = screen_kind(found).script(content, found, part)
        case PlaceKind.QUESTION:
            question = content.question(place.ident)
            parts = _question(content, question) if question is not None else []
        case PlaceKind.RESULT:
            outcome = content.outcome(place.ident)
            parts = _result(content, outcome) if outcome is not None else []
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


def _question(content: Content, question: Question) -> list[str | None]:
    parts: list[str | None] = [question.text, question.help]
    parts += [question.option_label(o, content.ui_text) for o in question.options]
    parts += question_kind(question.type).script(question)
    return parts


def _result(content: Content, outcome: Outcome) -> list[str | None]:
    return [
        content.ui_text.result,
        outcome.title,
        *block_script(outcome.body),
        content.ui_text.disclaimer,
    ]
