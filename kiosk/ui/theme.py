"""The theme: one QSS template filled in from the clinic's brand and the screen's size."""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QColor, QFontDatabase

from ..content.colors import derive_palette, high_contrast_palette
from ..content.fonts import BUNDLED_FONTS, SCRIPT_FONTS
from ..content.loader import LoadedContent
from ..content.model import Brand
from ..content.snapshot import AssetFile
from ..paths import bundled_asset

log = logging.getLogger(__name__)

FALLBACK_FAMILY = "DejaVu Sans"

# Sizes in px at 1080p (the short side of the screen 1080 px) and the normal text size.
BASE_SIZES = {
    "hero": 72,
    "title": 50,
    "question": 42,
    "heading": 34,
    "body": 28,
    "button": 28,
    "choice_text": 30,
    "small": 22,
}
WRAP_ROOM_EM = 0.3
"""Room kept on the left of a wrapped label, right to left, in em (see theme.qss)."""
TEXT_SIZES = {1: 1.0, 2: 1.2, 3: 1.4}
ICON_EM = 1.2
"""An icon beside words is this many times their font's size (at least 36 px at 1080p)."""
"""Text-size setting -> factor on every font size."""


@dataclass(frozen=True)
class Metrics:
    """Lengths in px for one screen size; widgets and the stylesheet share them."""

    scale: float
    text_factor: float = 1.0

    def px(self, value: float) -> int:
        return max(1, round(value * self.scale))

    def font(self, name: str) -> int:
        return max(12, round(BASE_SIZES[name] * self.scale * self.text_factor))

    def icon_beside(self, role: str) -> int:
        """The side of an icon beside words of `role`'s size: 36 px at 1080p and the normal
        text, growing with the text (an arrow stayed small beside large words)."""
        return max(self.px(36), round(ICON_EM * self.font(role)))

    @property
    def target(self) -> int:  # smallest touch target; 48 px is the floor at 1080p
        return self.px(80)

    @property
    def target_gap(self) -> int:  # between two touch targets: never under 8 px
        return max(8, self.px(12))

    @property
    def gap(self) -> int:
        return self.px(24)

    @property
    def measure(self) -> int:  # the widest a column of body text may be (~65 characters)
        return round(self.px(960) * self.text_factor)


def focus_width(metrics: Metrics) -> int:
    """How thick the keyboard focus ring is: 5 px at 1080p, never under 3 px (WCAG 2.2
    2.4.13 asks at least 2 px)."""
    return max(3, metrics.px(5))


def metrics_for(width: int, height: int, text_size: int = 1) -> Metrics:
    scale = max(0.6, min(2.0, min(width, height) / 1080))
    return Metrics(scale=scale, text_factor=TEXT_SIZES.get(text_size, 1.0))


@dataclass(frozen=True)
class Palette:
    """The colours of `theme.qss`, one attribute per name in `colors.PALETTE_NAMES`."""

    primary: str
    primary_dark: str
    accent: str
    background: str
    surface: str
    text: str
    muted: str
    danger: str
    accent_text: str
    on_primary: str
    on_accent: str
    on_danger: str
    line: str
    line_strong: str
    selected_bg: str
    callout_bg: str
    pressed: str
    disabled_text: str
    disabled_line: str

    def color(self, name: str) -> QColor:
        return QColor(str(getattr(self, name)))


def palette_for(brand: Brand, high_contrast: bool = False) -> Palette:
    """The theme's colours, derived from the brand by `kiosk.content.colors.derive_palette`
    (Qt-free, so `kiosk validate` checks the very colours drawn here), or its high-contrast
    variant (at least 7:1 for every pair the stylesheet draws)."""
    if high_contrast:
        return Palette(**high_contrast_palette(brand))
    return Palette(**derive_palette(brand))


@functools.cache
def _register_font(path: str, stamp: int) -> str | None:
    """Add a font file to Qt once per version of the file (a reload of the content must not
    add the same font again: Qt keeps every copy)."""
    font_id = QFontDatabase.addApplicationFont(path)
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else None


def _font_family(path: Path) -> str | None:
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return None
    return _register_font(str(path), stamp)


@functools.cache
def _register_font_data(data: bytes) -> str | None:
    """Add a clinic's font, from the bytes of the content's snapshot, once per version."""
    font_id = QFontDatabase.addApplicationFontFromData(QByteArray(data))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else None


def load_fonts(
    custom_font: AssetFile | None, language_fonts: Sequence[AssetFile | None] = ()
) -> str:
    """Register the bundled fonts (and the clinic's, as read at load); return the families to
    use, as the stylesheet's font-family list: the clinic's font or Lato first, then the
    clinic's fonts for other languages, then the bundled fonts for other scripts (Noto Sans
    Arabic). Qt draws each letter with the first family that has it."""
    family = FALLBACK_FAMILY
    for relative in BUNDLED_FONTS:
        found = _font_family(bundled_asset(relative))
        if found:
            family = found
        else:
            log.warning("could not load the bundled font %s", relative)
    families = [family]
    if custom_font is not None:
        found = _register_font_data(custom_font.data)
        if found:
            families = [found]
        else:
            log.warning("could not load the clinic's font %s; using %s", custom_font.path, family)
    for extra in language_fonts:
        if extra is None:
            continue
        found = _register_font_data(extra.data)
        if found is None:
            log.warning("could not load the clinic's font %s", extra.path)
        elif found not in families:
            families.append(found)
    for relative in SCRIPT_FONTS:
        found = _font_family(bundled_asset(relative))
        if found is None:
            log.warning("could not load the bundled font %s", relative)
        elif found not in families:
            families.append(found)
    return ", ".join(f'"{name}"' for name in families)


def content_fonts(loaded: LoadedContent) -> str:
    """`load_fonts` for a content's brand: `brand.font` and `brand.fonts`."""
    brand = loaded.content.brand
    return load_fonts(loaded.file(brand.font), [loaded.file(p) for p in brand.fonts.values()])


def _clear(color: str) -> str:
    """`color` wholly transparent: a gradient from it to `color` fades, never through grey."""
    c = QColor(color)
    return f"rgba({c.red()}, {c.green()}, {c.blue()}, 0)"


def stylesheet(
    palette: Palette, metrics: Metrics, font_family: str, radius: int, rtl: bool = False
) -> str:
    """The theme for these colours and sizes; `rtl` mirrors what the stylesheet draws on
    one side (the bar of a callout, the text of an answer button)."""
    template = Template(resources.files("kiosk.ui").joinpath("theme.qss").read_text("utf-8"))
    m = metrics
    values: dict[str, object] = {k: v for k, v in vars(palette).items()}
    values.update(start="right" if rtl else "left", end="left" if rtl else "right")
    values.update({name: m.font(name) for name in BASE_SIZES})
    # room for the space a right-to-left line wraps at (a space is about 0.26 em in Lato
    # and in Noto Sans Arabic), by text size
    values.update({f"wrap_{name}": math.ceil(WRAP_ROOM_EM * m.font(name)) for name in BASE_SIZES})
    values.update(
        font=font_family,
        scrim="rgba(0, 0, 0, 150)",
        background_clear=_clear(palette.background),
        surface_clear=_clear(palette.surface),
        focus_ring=palette.text,
        radius=m.px(radius),
        target=m.target,
        choice=m.px(92),
        marker=m.px(60),
        marker_radius=m.px(30),
        begin=m.px(120),
        begin_radius=m.px(60),
        pill_radius=m.px(20),
        gap=m.gap,
        gap_s=m.px(10),
        gap_l=m.px(56),
        hairline=max(1, m.px(2)),
        border=max(2, m.px(3)),
        border_strong=max(3, m.px(5)),
        focus=focus_width(m),
        callout_bar=m.px(10),
        scrollbar=m.px(14),
        scrollbar_radius=m.px(7),
    )
    return template.substitute(values)
