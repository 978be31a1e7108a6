"""A clinic's font checked whole with fontTools: every table parsed, every glyph read.

Qt draws nothing at all with a font it cannot read: a font cut short in a copy leaves every
word on every screen blank, "Get medical help now" included. The first bytes say little;
fontTools reads the font as a type designer's tools do, and refuses what Qt could not draw.
"""

from __future__ import annotations

import functools
import io
import json
import logging
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .files import FileError, FileReader, megabytes, read_regular

MAX_FONT_BYTES = 32 * 1024 * 1024
"""The largest font file accepted (a font for Chinese, Japanese and Korean is about 20 MB)."""
FONT_MAGIC = {
    b"\x00\x01\x00\x00": "TrueType",
    b"true": "TrueType",
    b"OTTO": "OpenType",
    b"ttcf": "TrueType collection",
}
REQUIRED_TABLES = ("cmap", "head", "hhea", "hmtx", "maxp")
"""What every font needs to draw a letter, besides its outlines (glyf and loca, or CFF)."""


@contextmanager
def _quiet_fonttools() -> Iterator[None]:
    """fontTools logs what it forgives in a font (an odd date, say): not the clinic's concern."""
    logger = logging.getLogger("fontTools")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def font_data_problem(data: bytes) -> str | None:
    """What makes a font's bytes unusable, worded to follow its name, or None when Qt can
    draw with it: a TrueType or OpenType font whose every table and glyph reads."""
    magic = data[:4]
    if magic in (b"wOFF", b"wOF2"):
        return "is a web font (WOFF); use the .ttf or .otf file of the font instead"
    if magic not in FONT_MAGIC:
        return "is not a TrueType or OpenType font (its first bytes are not a font's)"
    from fontTools.ttLib import TTFont  # only when a clinic gives a font of its own

    try:
        with _quiet_fonttools():
            font = TTFont(io.BytesIO(data), lazy=False, fontNumber=0)
            missing = [tag for tag in REQUIRED_TABLES if tag not in font]
            outlines = ("glyf" in font and "loca" in font) or "CFF " in font or "CFF2" in font
            if missing or not outlines:
                names = missing + ([] if outlines else ["glyf"])
                return (
                    f"is not a complete font: it has no {', '.join(repr(n) for n in names)}"
                    " table (use the .ttf or .otf file the font came in)"
                )
            tags = font.keys()
            for tag in tags:
                font[tag]  # parses the table: a cut-short or broken one raises
            if "glyf" in font:
                glyf = font["glyf"]
                for name in font.getGlyphOrder():
                    glyf[name].expand(glyf)
            if "CFF " in font:
                charstrings = font["CFF "].cff.topDictIndex[0].CharStrings
                names = charstrings.keys()
                for name in names:
                    charstrings[name].decompile()
    except Exception as error:  # fontTools raises many kinds on a broken font: all mean that
        reason = " ".join(str(error).split())[:160] or type(error).__name__
        if reason.startswith("unexpected end of "):
            table = reason.removeprefix("unexpected end of ").partition(" table")[0]
            reason = f"it is cut short: its {table} table ends early"
        return (
            f"is a broken or cut-short font ({reason}); copy the .ttf or .otf file again"
            " from where the font came from"
        )
    return None


def font_file_problem(path: Path, read: FileReader = read_regular) -> str | None:
    """What makes a font file unusable, or None: a regular file of at most `MAX_FONT_BYTES`
    that `font_data_problem` accepts."""
    try:
        data = read(path, MAX_FONT_BYTES)
    except FileError as error:
        if error.message.startswith("is larger than"):
            return f"is larger than {megabytes(MAX_FONT_BYTES)}; is it a font file?"
        return error.message
    return font_data_problem(data)


# --- which letters the kiosk's fonts draw ------------------------------------------------

BUNDLED_FONTS = ("fonts/Lato-Regular.ttf", "fonts/Lato-Bold.ttf")
"""The interface font: Latin letters, the main font when a clinic gives none."""
SCRIPT_FONTS = ("fonts/NotoSansArabic-Regular.ttf", "fonts/NotoSansArabic-Bold.ttf")
"""Bundled fonts for scripts Lato lacks, tried after the clinic's own: Arabic (Noto Sans
Arabic, the Arabic blocks only, regular and bold: Qt draws no bold of its own for letters of
64 px and more, so large Arabic titles came out regular). No font for Chinese, Japanese or
Korean ships (about 20 MB each): a clinic adds one under `brand.fonts`."""

FONT_SUGGESTIONS = {
    "zh": "Noto Sans SC (or Noto Sans TC for traditional characters)",
    "ja": "Noto Sans JP",
    "ko": "Noto Sans KR",
    "he": "Noto Sans Hebrew",
    "th": "Noto Sans Thai",
    "hi": "Noto Sans Devanagari",
    "ru": "Noto Sans",
    "el": "Noto Sans",
}
"""A free font that has the letters of a language, named in the check's advice."""


def font_characters(data: bytes) -> frozenset[int]:
    """The characters a font (its first face, for a collection) has a glyph for: its cmap.
    Empty for data fontTools cannot read (its problem is reported by `font_data_problem`)."""
    from fontTools.ttLib import TTFont

    try:
        with _quiet_fonttools():
            font = TTFont(io.BytesIO(data), lazy=True, fontNumber=0)
            cmap = font.getBestCmap() or {}
    except Exception:  # a broken font is refused elsewhere, with its reason
        return frozenset()
    return frozenset(cmap)


CHARACTERS_FILE = "fonts/characters.json"
"""The characters of each bundled font, as ranges (scripts/font_characters.py writes it), so
the check needs no fontTools unless a clinic gives a font of its own."""


def ranges(characters: frozenset[int]) -> list[list[int]]:
    """Code points as [first, last] ranges."""
    out: list[list[int]] = []
    for code in sorted(characters):
        if out and code == out[-1][1] + 1:
            out[-1][1] = code
        else:
            out.append([code, code])
    return out


@functools.cache
def _known_characters(path: Path, stamp: int) -> dict[str, Any]:
    try:
        found = json.loads(read_regular(path, 1024 * 1024))
    except (FileError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


@functools.cache
def bundled_characters(path: Path, stamp: int) -> frozenset[int]:
    """The characters a bundled font draws: from CHARACTERS_FILE beside it when that file
    describes this very font (its size), else read with fontTools; once per version."""
    table = path.parent / Path(CHARACTERS_FILE).name
    try:
        known = _known_characters(table, table.stat().st_mtime_ns).get(path.name)
        size = path.stat().st_size
    except OSError:
        known, size = None, -1
    if isinstance(known, dict) and known.get("bytes") == size:
        return frozenset(
            code for first, last in known.get("ranges", []) for code in range(first, last + 1)
        )
    try:
        return font_characters(read_regular(path, MAX_FONT_BYTES))
    except FileError:
        return frozenset()


def needs_no_glyph(char: str) -> bool:
    """Spaces, line breaks and invisible marks (the right-to-left mark, the zero-width
    joiner ...): no font needs a glyph for them."""
    return unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp")
