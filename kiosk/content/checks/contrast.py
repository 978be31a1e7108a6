"""The brand's colours: every pair the theme draws meets its WCAG 2.2 minimum contrast, and a
failure says which brand colour to move which way. No Qt here."""

from __future__ import annotations

import math

from ..colors import (
    CONTRAST_PAIRS,
    KIND_WORDS,
    ContrastPair,
    contrast_ratio,
    derive_palette,
    luminance,
)
from ..model import Brand
from .run import Run


def contrast(run: Run) -> None:
    """Every pair of colours the theme draws against its WCAG 2.2 minimum (an error)."""
    for key, message in brand_contrast_problems(run.content.brand):
        run.error(("brand", key), message)


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


def contrast_message(pair: ContrastPair, palette: dict[str, str], ratio: float) -> tuple[str, str]:
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
        f" It is used for {pair.uses}."
    )
    return blamed, message


def brand_contrast_problems(brand: Brand) -> list[tuple[str, str]]:
    """(brand key, message) for every pair of theme colours under its WCAG 2.2 minimum.

    A failure of the very same two colours is told once (the softer text colour falls back
    to the text colour when no softer shade is readable, say).
    """
    palette = derive_palette(brand)
    reported: list[tuple[str, str, float]] = []
    out: list[tuple[str, str]] = []
    for pair in CONTRAST_PAIRS:
        fg, bg = palette[pair.foreground], palette[pair.background]
        ratio = contrast_ratio(fg, bg)
        if ratio >= pair.minimum:
            continue
        if any(f == fg and b == bg and m >= pair.minimum for f, b, m in reported):
            continue
        reported.append((fg, bg, pair.minimum))
        out.append(contrast_message(pair, palette, ratio))
    return out
