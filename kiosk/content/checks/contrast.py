"""The brand's colours: every pair the theme draws meets its WCAG 2.2 minimum contrast, and a
failure says which brand colour to move which way. No Qt here."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from ..colors import (
    CONTRAST_PAIRS,
    KIND_WORDS,
    ContrastPair,
    contrast_ratio,
    derive_palette,
    luminance,
)
from ..kinds import QUESTION_KINDS, SCREEN_KINDS, question_kind, screen_kind
from ..kinds.base import QuestionKind, ScreenKind
from ..model import Brand, Content
from .run import Run


def contrast(run: Run) -> None:
    """Every pair of colours the theme draws against its WCAG 2.2 minimum (an error), worded
    by what the pair is used for in this clinic."""
    for key, message in brand_contrast_problems(run.content.brand, colour_uses(run.content)):
        run.error(("brand", key), message)


Uses = Mapping[tuple[str, str], Sequence[str]]
"""Where each pair of palette colours (foreground, background) is drawn, beyond its `uses`."""


def colour_uses(content: Content | None) -> Uses:
    """Where the kinds of screen and question draw each pair: those `content` has (every
    kind's when None), in the order they first appear."""
    if content is None:
        kinds: list[ScreenKind[Any] | QuestionKind[Any]] = [
            *SCREEN_KINDS.values(),
            *QUESTION_KINDS.values(),
        ]
    else:
        kinds = [screen_kind(screen) for screen in content.screens]
        kinds += [question_kind(q.type) for q in content.self_check.questions]
    found: dict[tuple[str, str], list[str]] = {}
    for kind in kinds:
        for foreground, background, words in kind.colour_uses:
            said = found.setdefault((foreground, background), [])
            if words not in said:
                said.append(words)
    return found


def _uses(pair: ContrastPair, uses: Uses) -> str:
    """Where a visitor sees the pair, in words: "" when nowhere in this clinic."""
    words = [pair.uses] if pair.uses else []
    words += uses.get((pair.foreground, pair.background), ())
    if len(words) > 1:
        return f"{', '.join(words[:-1])} and {words[-1]}"
    return words[0] if words else ""


_AUTO_TEXT = ("on_primary", "on_accent", "on_danger")
_DESCRIBED: dict[str, str] = {
    "muted": "the softer text colour {hex} (made from text {text} and background {background})",
    "primary_dark": "the pressed primary colour {hex} (primary {primary} made darker)",
    "selected_bg": (
        "the chosen-answer colour {hex} (a tint of accent {accent} on surface {surface})"
    ),
    "callout_bg": "the callout colour {hex} (a tint of accent {accent} on surface {surface})",
    "pressed": (
        "the pressed-button colour {hex} (a tint of primary {primary} on surface {surface})"
    ),
}
_MAIN_KEY = {
    "muted": "text",
    "primary_dark": "primary",
    "selected_bg": "surface",
    "callout_bg": "surface",
    "pressed": "surface",
}
"""The brand colour a clinic changes to change a derived colour."""


def _describe_color(name: str, palette: dict[str, str]) -> str:
    value = palette[name]
    if name in _AUTO_TEXT:
        return "white text (#FFFFFF)" if value == "#FFFFFF" else f"near-black text ({value})"
    if name == "accent_text":
        name = "accent" if value == palette["accent"] else "text"
    if name in _DESCRIBED:
        return _DESCRIBED[name].format(hex=value, **palette)
    return f"the {name} colour {value}"


def _brand_key(name: str, palette: dict[str, str]) -> str | None:
    """The brand key behind a palette colour, or None for text the kiosk picks itself."""
    if name in _AUTO_TEXT:
        return None
    if name == "accent_text":
        return "accent" if palette[name] == palette["accent"] else "text"
    return _MAIN_KEY.get(name, name)


def contrast_message(
    pair: ContrastPair, palette: dict[str, str], ratio: float, used_for: str | None = None
) -> tuple[str, str]:
    """The brand key to blame for a pair under its minimum, and the message for the clinic.

    The message names both colours (and the brand colours a derived one comes from), the
    ratio rounded down to one decimal (4.46 is "4.4", as WCAG does not round up), the
    minimum, and which way to move which brand colour.
    """
    fg, bg = palette[pair.foreground], palette[pair.background]
    fg_key, bg_key = _brand_key(pair.foreground, palette), _brand_key(pair.background, palette)
    if pair.foreground in _AUTO_TEXT and bg_key is not None:
        # The kiosk picks the text; only the fill can move. Move it away from the surface
        # around it, so that it also stands out there: darker on a light surface.
        darker = luminance(palette["surface"]) >= luminance(palette[bg_key])
        advice = (
            f"make {bg_key} {'darker' if darker else 'lighter'}, so that"
            f" {'white' if darker else 'near-black'} text reads on it; the kiosk already picks"
            " near-black or white text, whichever reads better"
        )
    else:
        fg_darker = luminance(fg) <= luminance(bg)
        hints: list[str] = []
        for key, darker in ((fg_key, fg_darker), (bg_key, not fg_darker)):
            if key is None or any(f"make {key} " in hint for hint in hints):
                continue
            if palette[key] == ("#000000" if darker else "#FFFFFF"):
                continue  # it cannot move that way
            hints.append(f"make {key} {'darker' if darker else 'lighter'}")
        advice = ", or ".join(hints) if hints else "choose colours further apart"
    blamed = fg_key or bg_key or "primary"
    shown = math.floor(ratio * 10 + 1e-9) / 10
    fg_words = _describe_color(pair.foreground, palette)
    bg_words = _describe_color(pair.background, palette)
    message = (
        f"{fg_words} on {bg_words} has a contrast of {shown:.1f}:1;"
        f" {KIND_WORDS[pair.kind]} needs at least {pair.minimum:g}:1 ({advice})."
        f" It is used for {used_for if used_for is not None else pair.uses}."
    )
    return blamed, message


def brand_contrast_problems(brand: Brand, uses: Uses | None = None) -> list[tuple[str, str]]:
    """(brand key, message) for every pair of theme colours under its WCAG 2.2 minimum.

    `uses` says where the kinds of a clinic's content draw each pair (`colour_uses`; every
    kind's when None); a pair drawn nowhere in the clinic is not checked. A failure of the
    very same two colours is told once (the softer text colour falls back to the text colour
    when no softer shade is readable, say).
    """
    palette = derive_palette(brand)
    reported: list[tuple[str, str, float]] = []
    out: list[tuple[str, str]] = []
    uses = colour_uses(None) if uses is None else uses
    for pair in CONTRAST_PAIRS:
        used_for = _uses(pair, uses)
        if not used_for:
            continue  # this clinic draws it nowhere (a scale's colours, with no scale)
        fg, bg = palette[pair.foreground], palette[pair.background]
        ratio = contrast_ratio(fg, bg)
        if ratio >= pair.minimum:
            continue
        if any(f == fg and b == bg and m >= pair.minimum for f, b, m in reported):
            continue
        reported.append((fg, bg, pair.minimum))
        out.append(contrast_message(pair, palette, ratio, used_for))
    return out
