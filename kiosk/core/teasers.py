"""The attract loop's slides: pure functions of the content. No Qt here.

Each kind of screen gives its lead (first words and maybe a picture; see `content/kinds`);
this trims it to one sentence that fits a slide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..content.kinds import screen_kind
from ..content.model import Content

MAX_TEASERS = 5
LINE_CHARS = 120
ELLIPSIS = "\u2026"
_SENTENCE_END = re.compile(
    r"[.!?][\"'\u201d\u2019)]?(?=\s+[\"'\u201c\u2018(\u00bf\u00a1]?[A-Z0-9\u00c0-\u00de])"
)
_NOT_AN_END = frozenset({"dr", "mr", "mrs", "ms", "st", "prof", "e.g", "i.e", "etc", "vs"})
"""Words whose full stop does not end a sentence ("Dr. Okafor", "e.g. Swedish")."""


@dataclass(frozen=True)
class Teaser:
    """One slide of the attract loop: a screen's title, a short line, maybe a picture."""

    title: str
    line: str
    image: str | None = None
    """An asset path from the content (relative to content.yaml), or None."""


def first_sentence(text: str) -> str:
    """The text up to the end of its first sentence ("Dr." and "e.g." are not ends)."""
    text = " ".join(text.split())
    for end in _SENTENCE_END.finditer(text):
        word = text[: end.start()].rsplit(" ", 1)[-1].lower()
        if word not in _NOT_AN_END:
            return text[: end.end()]
    return text


def shorten(text: str, limit: int = LINE_CHARS) -> str:
    """`text` as it is if it fits in `limit` characters, else cut at a word boundary with an
    ellipsis (the ellipsis counted in the limit)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS) + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space > 0 else cut[: limit - len(ELLIPSIS)]
    return cut.rstrip(" ,;:-\u2013\u2014") + ELLIPSIS


def teasers(content: Content, limit: int = MAX_TEASERS) -> list[Teaser]:
    """The slides of the attract loop: the content's screens in order, each as its title and
    the first sentence of its first words, trimmed to `LINE_CHARS`. A screen with nothing to
    say is skipped; at most `limit` slides."""
    found: list[Teaser] = []
    for screen in content.screens:
        words, image = screen_kind(screen).lead(screen)
        line = shorten(first_sentence(words)) if words.strip() else ""
        if not line:
            continue
        found.append(Teaser(title=screen.title, line=line, image=image))
        if len(found) >= limit:
            break
    return found
