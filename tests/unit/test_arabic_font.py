"""The bundled Arabic font's lines are not double-spaced, and no Arabic letter is cut by them.

Noto Sans Arabic's own line is 2.11 em (Lato's 1.2 em): Arabic paragraphs read double-spaced
and scrolled where English fits (a designer's review). Its metrics are tightened (see
assets/fonts/NotoSansArabic-OFL.txt); the letters must still fit the line."""

from __future__ import annotations

import pytest
from fontTools.ttLib import TTFont

from kiosk.paths import bundled_asset

FACES = ["fonts/NotoSansArabic-Regular.ttf", "fonts/NotoSansArabic-Bold.ttf"]

ARABIC_LETTERS = range(0x0621, 0x064B)  # hamza .. yeh: the letters every Arabic text uses


@pytest.mark.parametrize("face", FACES)
def test_an_arabic_line_is_at_most_one_and_two_thirds_of_its_size(face: str) -> None:
    font = TTFont(str(bundled_asset(face)))
    em = font["head"].unitsPerEm
    hhea, os2 = font["hhea"], font["OS/2"]
    line = (hhea.ascent - hhea.descent + hhea.lineGap) / em
    assert 1.45 <= line <= 1.65, f"a line is {line:.2f} em"
    typo = (os2.sTypoAscender - os2.sTypoDescender + os2.sTypoLineGap) / em
    assert typo == line and os2.fsSelection & (1 << 7), "typo metrics used, and the same"


@pytest.mark.parametrize("face", FACES)
def test_every_arabic_letter_fits_inside_the_line(face: str) -> None:
    font = TTFont(str(bundled_asset(face)))
    glyphs, cmap = font["glyf"], font.getBestCmap()
    hhea = font["hhea"]
    for code in ARABIC_LETTERS:
        if code not in cmap:
            continue
        glyph = glyphs[cmap[code]]
        if not glyph.numberOfContours:
            continue
        glyph.recalcBounds(glyphs)
        assert hhea.descent <= glyph.yMin and glyph.yMax <= hhea.ascent, (
            f"U+{code:04X} {chr(code)} reaches {glyph.yMin}..{glyph.yMax}"
        )
