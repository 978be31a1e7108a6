"""Colour arithmetic for the theme: WCAG 2.2 contrast, mixing, readable text on a colour."""

from __future__ import annotations

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


def soften(text: str, background: str, minimum: float = 4.5) -> str:
    """A quieter shade of `text` on `background` that still has `minimum` contrast."""
    for step in (0.45, 0.35, 0.25, 0.15, 0.0):
        candidate = mix(text, background, step)
        if contrast_ratio(candidate, background) >= minimum:
            return candidate
    return text
