"""Letters that draw, and draw themselves: a font's glyphs checked against the words they show.

A font can pass every check of its tables and still show nothing: a copy of Lato with every
glyph emptied draws each word as blank space (on the urgent result, a red title over an empty
box), and a font whose character map sends each letter to another letter's glyph shows
nonsense. Neither is visible in the font's bytes; both are visible in its outlines:

- **ink**: each character of the words the font draws (every language it serves) must map to a
  glyph with an outline (its bounds are not empty);
- **itself**: each letter must be that letter, by three witnesses. (1) Its glyph's name: a
  letter mapped to a glyph named for another letter (Adobe's glyph list: `a` to the glyph `b`)
  is refused, in any script. (2) Its shape: the outline is rasterised coarsely (16 by 16 cells
  of the em square, centred on its advance) and compared with the kiosk's bundled fonts (Lato
  for Latin letters and digits, Noto Sans Arabic for Arabic): a letter drawn as exactly another
  reference letter (`COPY_DISTANCE`) is refused, as is a font where most letters of one group
  look more like another letter than like themselves (`WHOLESALE_SHARE`). A coarse picture
  cannot tell every design's letter apart (a light J is nearer I), so one letter alone is
  judged only when it is a copy; a wrong map moves most letters at once. Letters of scripts
  with no bundled font (Chinese) are judged by their names and their ink only.

Qt-free (fontTools only), so `kiosk validate` and the worker run it without a display.
"""

from __future__ import annotations

import functools
import hashlib
import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..paths import bundled_asset
from .files import FileError, read_regular
from .fonts import MAX_FONT_BYTES, needs_no_glyph

GRID = 16
"""Cells a side of the coarse picture of a glyph."""
SAMPLES = 2
"""Sample points a side in each cell (the cell's shade is the share inside the outline)."""
COPY_DISTANCE = 0.05
"""A letter drawn within this distance of another reference letter (and farther from its own)
is that letter's glyph, copied: a bundled font with its map changed."""
WHOLESALE_SHARE = 0.6
WHOLESALE_LETTERS = 8
"""A font where more than this share of the letters of one group (the small letters of a
script, its capitals, its digits; at least so many compared) look more like another letter than
like themselves has a wrong map. Measured on 22 DejaVu faces (sans, serif, mono, condensed,
light, bold, italic) and Lato Bold against Lato: at most 50 % of an honest group (18 of 36 small
letters of DejaVu Serif Bold Italic) is nearer another letter in the coarse picture; Lato Bold
with its small letters shifted puts 72 % there (26 of 36)."""
REFERENCES = ("fonts/Lato-Regular.ttf", "fonts/NotoSansArabic-Regular.ttf")
"""The bundled fonts whose letters the kiosk compares a clinic's letters with."""
LISTED = 8
"""Letters named in one message; the rest are counted."""


Picture = tuple[int, ...]


@dataclass(frozen=True)
class LetterProblems:
    blank: tuple[str, ...] = ()
    """Characters whose glyph has no outline."""
    swapped: tuple[tuple[str, str], ...] = ()
    """(character, the letter its glyph shows instead)."""


class _Flattener:
    """A fontTools pen that keeps each contour as a polygon (curves cut into short lines)."""

    STEPS = 4

    def __init__(self, glyph_set: Any) -> None:
        from fontTools.pens.basePen import BasePen

        flattener = self

        class Pen(BasePen):  # type: ignore[misc]
            def _moveTo(self, pt: tuple[float, float]) -> None:  # noqa: N802 (fontTools)
                flattener.contours.append([pt])

            def _lineTo(self, pt: tuple[float, float]) -> None:  # noqa: N802
                flattener.contours[-1].append(pt)

            def _curveToOne(  # noqa: N802
                self, p1: tuple[float, float], p2: tuple[float, float], p3: tuple[float, float]
            ) -> None:
                p0 = flattener.contours[-1][-1]
                for step in range(1, flattener.STEPS + 1):
                    t = step / flattener.STEPS
                    u = 1 - t
                    flattener.contours[-1].append(
                        (
                            u**3 * p0[0]
                            + 3 * u * u * t * p1[0]
                            + 3 * u * t * t * p2[0]
                            + t**3 * p3[0],
                            u**3 * p0[1]
                            + 3 * u * u * t * p1[1]
                            + 3 * u * t * t * p2[1]
                            + t**3 * p3[1],
                        )
                    )

            def _qCurveToOne(  # noqa: N802
                self, p1: tuple[float, float], p2: tuple[float, float]
            ) -> None:
                p0 = flattener.contours[-1][-1]
                for step in range(1, flattener.STEPS + 1):
                    t = step / flattener.STEPS
                    u = 1 - t
                    flattener.contours[-1].append(
                        (
                            u * u * p0[0] + 2 * u * t * p1[0] + t * t * p2[0],
                            u * u * p0[1] + 2 * u * t * p1[1] + t * t * p2[1],
                        )
                    )

            def _closePath(self) -> None:  # noqa: N802
                pass

            def _endPath(self) -> None:  # noqa: N802
                pass

        self.contours: list[list[tuple[float, float]]] = []
        self.pen = Pen(glyph_set)


def _edges(contours: Sequence[Sequence[tuple[float, float]]]) -> list[tuple[float, ...]]:
    edges: list[tuple[float, ...]] = []
    for contour in contours:
        if len(contour) < 3:
            continue
        for (x0, y0), (x1, y1) in zip(contour, [*contour[1:], contour[0]], strict=True):
            if y0 != y1:
                edges.append((x0, y0, x1, y1))
    return edges


def _picture(
    contours: Sequence[Sequence[tuple[float, float]]], frame: tuple[float, ...]
) -> Picture:
    """The glyph's coarse picture in `frame` (left, bottom, width, height): each cell's share of
    sample points inside the outline (non-zero winding), as a whole number 0..SAMPLES²."""
    left, bottom, width, height = frame
    edges = _edges(contours)
    size = GRID * SAMPLES
    shades = [0] * (GRID * GRID)
    for row in range(size):
        y = bottom + (row + 0.5) * height / size
        crossings: list[tuple[float, int]] = []
        for x0, y0, x1, y1 in edges:
            if (y0 <= y < y1) or (y1 <= y < y0):
                x = x0 + (y - y0) * (x1 - x0) / (y1 - y0)
                crossings.append((x, 1 if y1 > y0 else -1))
        if not crossings:
            continue
        crossings.sort()
        winding = 0
        spans: list[tuple[float, float]] = []
        start = 0.0
        for x, direction in crossings:
            before = winding
            winding += direction
            if before == 0 and winding != 0:
                start = x
            elif before != 0 and winding == 0:
                spans.append((start, x))
        for column in range(size):
            x = left + (column + 0.5) * width / size
            if any(a <= x < b for a, b in spans):
                shades[(row // SAMPLES) * GRID + column // SAMPLES] += 1
    return tuple(shades)


def _distance(a: Picture, b: Picture) -> float:
    """0 for the same picture, 1 for pictures with no ink in common (weighted Jaccard)."""
    union = sum(max(x, y) for x, y in zip(a, b, strict=True))
    if union == 0:
        return 0.0
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) / union


class _Font:
    """One font's cmap and the pictures of its glyphs, made on demand."""

    def __init__(self, data: bytes) -> None:
        from fontTools.ttLib import TTFont

        self.font = TTFont(io.BytesIO(data), lazy=True, fontNumber=0)
        self.cmap: dict[int, str] = dict(self.font.getBestCmap() or {})
        self.glyphs = self.font.getGlyphSet()
        self.em = float(self.font["head"].unitsPerEm)
        self._pictures: dict[str, Picture | None] = {}
        post = self.font.get("post", None)
        self.has_names = "CFF " in self.font or (post is not None and post.formatType != 3)
        """Whether the glyph names are the font's own (fontTools makes names up from the
        character map for a font without them)."""

    def picture(self, char: str) -> Picture | None:
        """The coarse picture of the glyph `char` maps to, or None when it has no outline."""
        name = self.cmap.get(ord(char))
        if name is None:
            return None
        if name not in self._pictures:
            flat = _Flattener(self.glyphs)
            glyph = self.glyphs[name]
            glyph.draw(flat.pen)
            if not _edges(flat.contours):
                self._pictures[name] = None
            else:
                advance = float(getattr(glyph, "width", 0) or self.em * 0.6)
                side = self.em * 1.3
                frame = (advance / 2 - side / 2, -0.3 * self.em, side, side)
                self._pictures[name] = _picture(flat.contours, frame)
        return self._pictures[name]

    def named(self, char: str) -> str | None:
        """The one character the glyph's name stands for (Adobe's glyph list), if any."""
        from fontTools.agl import toUnicode

        name = self.cmap.get(ord(char))
        if not self.has_names or name is None or name.startswith((".", "glyph", "cid")):
            return None
        try:
            named = toUnicode(name)
        except Exception:  # a name fontTools cannot read says nothing
            return None
        return named if len(named) == 1 else None


def _is_letter(char: str) -> bool:
    return unicodedata.category(char)[0] in ("L", "N")


def _same(a: str, b: str) -> bool:
    """Two characters a font may fairly draw with one glyph (µ and μ, K and the Kelvin sign)."""
    return unicodedata.normalize("NFKC", a) == unicodedata.normalize("NFKC", b)


@functools.cache
def _reference(relative: str) -> _Font | None:
    try:
        return _Font(read_regular(bundled_asset(relative), MAX_FONT_BYTES))
    except (FileError, Exception):  # a kiosk without its fonts compares nothing
        return None


def _references() -> list[_Font]:
    return [font for font in map(_reference, REFERENCES) if font is not None]


BASIC = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    + "".join(map(chr, range(0x0621, 0x064B)))
)
"""The letters any letter may be mistaken for: the Latin and Arabic alphabets and digits (with
the content's own letters)."""


def _script(char: str) -> str:
    return unicodedata.name(char, "").split(" ")[0]


def _candidates(reference: _Font, char: str, chars: frozenset[str]) -> list[str]:
    """The letters of `reference`, of the same script as `char`, it could be mistaken for."""
    script = _script(char)
    return sorted(
        other
        for other in BASIC | chars
        if ord(other) in reference.cmap and _is_letter(other) and _script(other) == script
    )


def _nearest(picture: Picture, char: str, reference: _Font, chars: frozenset[str]) -> _Match:
    """How far `picture` is from `char`'s reference, and the nearest other letter and its
    distance (case variants aside: a small o may fairly look like a large O)."""
    own = reference.picture(char)
    own_distance = 1.0 if own is None else _distance(picture, own)
    best, shown = 2.0, char
    for other in _candidates(reference, char, chars):
        if _same(other, char) or (other.lower() == char.lower() and other != char):
            continue
        seen = reference.picture(other)
        if seen is not None:
            distance = _distance(picture, seen)
            if distance < best:
                best, shown = distance, other
    return _Match(own_distance, shown, best)


@dataclass(frozen=True)
class _Match:
    own: float
    other: str
    distance: float


@functools.lru_cache(maxsize=16)
def _problems(digest: str, data: bytes, chars: frozenset[str]) -> LetterProblems:
    del digest  # the key: the bytes themselves are hashed by the cache as well
    try:
        font = _Font(data)
    except Exception:  # a broken font is refused by its own check
        return LetterProblems()
    blank: list[str] = []
    named_as: list[tuple[str, str]] = []
    copied: list[tuple[str, str]] = []
    groups: dict[tuple[str, str], tuple[int, list[tuple[str, str]]]] = {}
    references = _references()
    for char in sorted(chars):
        if needs_no_glyph(char) or ord(char) not in font.cmap:
            continue
        picture = font.picture(char)
        if picture is None:
            blank.append(char)
            continue
        if not _is_letter(char):
            continue
        named = font.named(char)
        if named is not None and _is_letter(named) and not _same(named, char):
            named_as.append((char, named))
            continue
        reference = next((r for r in references if ord(char) in r.cmap), None)
        if reference is None:
            continue
        match = _nearest(picture, char, reference, chars)
        group = (_script(char), unicodedata.category(char))
        compared, nearer = groups.get(group, (0, []))
        if match.other != char and match.distance <= COPY_DISTANCE < match.own:
            copied.append((char, match.other))
        elif match.other != char and match.distance < match.own:
            nearer.append((char, match.other))
        groups[group] = (compared + 1, nearer)
    swapped = named_as + copied
    for compared, nearer in groups.values():
        if compared >= WHOLESALE_LETTERS and len(nearer) > compared * WHOLESALE_SHARE:
            swapped += nearer
    return LetterProblems(tuple(blank), tuple(sorted(swapped)))


def letter_problems(data: bytes, chars: Iterable[str]) -> LetterProblems:
    """Which of `chars` the font `data` has but draws blank, or draws as another letter."""
    return _problems(hashlib.sha256(data).hexdigest(), data, frozenset(chars))


def describe(found: LetterProblems) -> str | None:
    """The problems in words that follow the font's name, or None."""
    parts: list[str] = []
    if found.blank:
        listed = " ".join(found.blank[:LISTED])
        more = f" and {len(found.blank) - LISTED} more" if len(found.blank) > LISTED else ""
        parts.append(
            f"draws nothing for the letters {listed}{more} (their glyphs are empty: the words"
            " would show blank)"
        )
    if found.swapped:
        listed = ", ".join(f"{a} as {b}" for a, b in found.swapped[:LISTED])
        more = f" and {len(found.swapped) - LISTED} more" if len(found.swapped) > LISTED else ""
        parts.append(f"draws letters as other letters: {listed}{more} (its character map is wrong)")
    if not parts:
        return None
    return "; ".join(parts) + "; use the font file as it came from its maker"


def font_letters_problem(data: bytes, chars: Iterable[str]) -> str | None:
    """What is wrong with the letters of the font `data` for the characters `chars`, in words
    that follow the font's name, or None."""
    return describe(letter_problems(data, chars))
