"""Colour arithmetic for the theme: WCAG 2.2 contrast, mixing, readable text on a colour."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

RGB = tuple[int, int, int]


def parse_hex(color: str) -> RGB:
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def to_hex(rgb: RGB) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(color: str) -> float:
    r, g, b = parse_hex(color)
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.2 contrast ratio of two colours, from 1.0 to 21.0."""
    la, lb = luminance(a), luminance(b)
    light, dark = max(la, lb), min(la, lb)
    return (light + 0.05) / (dark + 0.05)


def mix(a: str, b: str, amount: float) -> str:
    """`amount` of `b` mixed into `a` (0 gives a, 1 gives b)."""
    ra, rb = parse_hex(a), parse_hex(b)
    r, g, bl = (round(x + (y - x) * amount) for x, y in zip(ra, rb, strict=True))
    return to_hex((r, g, bl))


def readable_on(background: str, dark: str = "#111111", light: str = "#FFFFFF") -> str:
    """Whichever of `dark` and `light` reads better on `background`."""
    if contrast_ratio(dark, background) >= contrast_ratio(light, background):
        return dark
    return light


MUTED_CONTRAST = 6.0
"""The quieter grey of hints, sources and bios keeps at least 6:1 on the background (4.5:1,
the AA floor, is too faint for the older eyes of a waiting room)."""


def soften(text: str, background: str, minimum: float = 4.5) -> str:
    """A quieter shade of `text` on `background` that still has `minimum` contrast."""
    for step in (0.45, 0.35, 0.25, 0.15, 0.0):
        candidate = mix(text, background, step)
        if contrast_ratio(candidate, background) >= minimum:
            return candidate
    return text


# --- the theme's palette, and the pairs of colours the stylesheet draws -----------------

PALETTE_NAMES: tuple[str, ...] = (
    "primary",
    "primary_dark",
    "accent",
    "background",
    "surface",
    "text",
    "muted",
    "danger",
    "accent_text",
    "on_primary",
    "on_accent",
    "on_danger",
    "line",
    "line_strong",
    "selected_bg",
    "callout_bg",
    "pressed",
    "disabled_text",
    "disabled_line",
)
"""Every colour the theme uses, by the name the stylesheet (`kiosk/ui/theme.qss`) gives it."""

DERIVED_FROM: dict[str, tuple[str, ...]] = {
    "primary_dark": ("primary",),
    "muted": ("text", "background"),
    "accent_text": ("accent", "text", "surface"),
    "on_primary": ("primary",),
    "on_accent": ("accent",),
    "on_danger": ("danger",),
    "line": ("surface", "text"),
    "line_strong": ("surface", "text"),
    "selected_bg": ("surface", "accent"),
    "callout_bg": ("surface", "accent"),
    "pressed": ("surface", "primary"),
    "disabled_text": ("text", "surface"),
    "disabled_line": ("surface", "text"),
}
"""The brand colours each derived colour is made from (the others are brand colours)."""


BODY_TEXT = 4.5
"""WCAG 2.2 AA (1.4.3): the least contrast for text of normal size."""
LARGE_TEXT = 3.0
"""WCAG 2.2 AA (1.4.3, 1.4.11): large text, and the outlines and marks that show a control."""


class BrandColors(Protocol):
    """The six colours a clinic sets under `brand:` (the `Brand` model has them)."""

    @property
    def primary(self) -> str: ...
    @property
    def accent(self) -> str: ...
    @property
    def background(self) -> str: ...
    @property
    def surface(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def danger(self) -> str: ...


def _norm(color: str) -> str:
    return to_hex(parse_hex(color))


def derive_palette(brand: BrandColors) -> dict[str, str]:
    """Every colour of the theme, as "#RRGGBB", from the clinic's six brand colours.

    Text on a filled colour (on_primary, on_accent, on_danger) is chosen automatically,
    whichever of near-black and white reads better; the rest are mixes of brand colours.
    """
    primary, accent, danger = _norm(brand.primary), _norm(brand.accent), _norm(brand.danger)
    background, surface, text = _norm(brand.background), _norm(brand.surface), _norm(brand.text)
    palette = {
        "primary": primary,
        "primary_dark": mix(primary, "#000000", 0.25),
        "accent": accent,
        "background": background,
        "surface": surface,
        "text": text,
        "muted": soften(text, background, MUTED_CONTRAST),
        "danger": danger,
        "accent_text": accent if contrast_ratio(accent, surface) >= BODY_TEXT else text,
        "on_primary": readable_on(primary),
        "on_accent": readable_on(accent),
        "on_danger": readable_on(danger),
        "line": mix(surface, text, 0.15),
        "line_strong": mix(surface, text, 0.45),
        "selected_bg": mix(surface, accent, 0.14),
        "callout_bg": mix(surface, accent, 0.08),
        "pressed": mix(surface, primary, 0.18),
        "disabled_text": soften(text, surface, 3.0),
        "disabled_line": mix(surface, text, 0.25),
    }
    return {name: palette[name] for name in PALETTE_NAMES}


HIGH_CONTRAST = 7.0
"""WCAG 2.2 AAA (1.4.6): the least contrast of every pair in the high-contrast theme."""


def deepen(color: str, background: str = "#FFFFFF", minimum: float = 8.5) -> str:
    """`color` made darker, step by step, until it has `minimum` contrast on `background`."""
    for step in range(21):
        candidate = mix(color, "#000000", step / 20)
        if contrast_ratio(candidate, background) >= minimum:
            return candidate
    return "#000000"


def high_contrast_palette(brand: BrandColors) -> dict[str, str]:
    """The theme for visitors who see poorly: black text on white, the brand's colours made
    dark enough that every pair the stylesheet draws has at least 7:1 (`HIGH_CONTRAST`), and
    black outlines on every control. Tints of chosen answers and callouts stay faint, so the
    deepened colours keep their contrast on them too."""
    white, black = "#FFFFFF", "#000000"
    primary = deepen(_norm(brand.primary))
    accent = deepen(_norm(brand.accent))
    danger = deepen(_norm(brand.danger))
    palette = {
        "primary": primary,
        "primary_dark": mix(primary, black, 0.4),
        "accent": accent,
        "background": white,
        "surface": white,
        "text": black,
        "muted": "#222222",
        "danger": danger,
        "accent_text": accent,
        "on_primary": white,
        "on_accent": white,
        "on_danger": white,
        "line": black,
        "line_strong": black,
        "selected_bg": mix(white, accent, 0.08),
        "callout_bg": mix(white, accent, 0.06),
        "pressed": mix(white, primary, 0.08),
        "disabled_text": "#595959",
        "disabled_line": "#767676",
    }
    return {name: palette[name] for name in PALETTE_NAMES}


ContrastKind = Literal["body", "large", "graphic"]
MINIMUM: dict[ContrastKind, float] = {"body": BODY_TEXT, "large": LARGE_TEXT, "graphic": LARGE_TEXT}
KIND_WORDS: dict[ContrastKind, str] = {
    "body": "body text",
    "large": "large text",
    "graphic": "the outline or mark of a control",
}


@dataclass(frozen=True)
class ContrastPair:
    """A colour the stylesheet draws (`foreground`) on another (`background`), by palette name.

    `kind` sets the minimum: "body" (4.5:1) for reading text and anything small; "large" (3:1)
    for titles and bold button words of 28 px and more at 1080p; "graphic" (3:1) for the
    outline or mark that shows a control or its state. `uses` says where a visitor sees it
    in every clinic ("" for nowhere); the kinds of screen and question add their own uses
    (`colour_uses`), so the words fit the clinic's content (clinic tester: the accent's error
    spoke of a nerve in a clinic without one).
    """

    foreground: str
    background: str
    kind: ContrastKind
    uses: str

    @property
    def minimum(self) -> float:
        return MINIMUM[self.kind]


CONTRAST_PAIRS: tuple[ContrastPair, ...] = (
    ContrastPair("text", "background", "body", "the words of every page"),
    ContrastPair("text", "surface", "body", "words on cards, panels and answer buttons"),
    ContrastPair("text", "callout_bg", "body", "the words in a highlighted box (callout)"),
    ContrastPair("text", "selected_bg", "body", "the words of a chosen answer"),
    ContrastPair("muted", "background", "body", "help lines, hints, sources and the privacy line"),
    ContrastPair(
        "muted", "surface", "body", "the progress line, the disclaimer and therapists' bios"
    ),
    ContrastPair(
        "primary", "surface", "body", "the clinic's name in the top bar, and the words of buttons"
    ),
    ContrastPair("primary", "background", "large", "the titles of the pages"),
    ContrastPair(
        "on_primary", "primary", "body", 'the Next and Begin buttons and the "More below" sign'
    ),
    ContrastPair("on_primary", "primary_dark", "large", "the words of a pressed Next button"),
    ContrastPair("primary", "pressed", "large", "the words of a pressed button"),
    ContrastPair("text", "pressed", "large", "the words of a pressed Back, Home or answer button"),
    ContrastPair("on_accent", "accent", "large", ""),
    ContrastPair("accent_text", "surface", "large", 'the countdown of "Still there?"'),
    ContrastPair("on_danger", "danger", "large", "the title and icon of the urgent result"),
    ContrastPair("accent", "selected_bg", "graphic", "the tick and outline of a chosen answer"),
    ContrastPair("accent", "surface", "graphic", "the focus ring"),
    ContrastPair("accent", "background", "graphic", ""),
    ContrastPair(
        "disabled_text", "surface", "large", "the words of a button not yet usable (Next)"
    ),
)
"""Every pair of colours `theme.qss` draws that a visitor must be able to tell apart.

WCAG 2.2 exempts the words of a disabled button (1.4.3); they are kept here all the same at 3:1
(7:1 in high contrast), since a visitor must find Next before it can be tapped. Left out, as
WCAG 2.2 allows: the thin lines around cards and bars (`line`) and the grey outline of buttons
and of an empty tick (`line_strong`), since every control is named by its words and a chosen
answer is shown by its accent tick (1.4.11 asks for a boundary only where nothing else
identifies the control); the bar beside a callout and the faint nerve on the figure
(decoration); the dark veil behind "Still there?"."""
