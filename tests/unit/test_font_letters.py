"""Letters that draw (issue 26, item 3): a clinic's font must draw ink for every letter of the
words it shows, and each letter as itself. The fonts are built here from the bundled Lato with
fontTools: one with every glyph emptied, and ones whose character map sends letters to other
letters' glyphs (with their names kept, with the names removed, and from Lato Bold)."""

from __future__ import annotations

import io
import string
from collections.abc import Callable
from pathlib import Path

import pytest
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

from kiosk.content import ContentError, load_content

Write = Callable[[str], Path]
ROOT = Path(__file__).resolve().parents[2]
LATO = ROOT / "assets" / "fonts" / "Lato-Regular.ttf"
LATO_BOLD = ROOT / "assets" / "fonts" / "Lato-Bold.ttf"
SHIFTED = string.ascii_lowercase[1:] + string.ascii_lowercase[:1]
"""Each small letter's glyph becomes the next letter's: a -> b, b -> c, ..., z -> a."""


def saved(font: TTFont) -> bytes:
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def blank_lato() -> bytes:
    font = TTFont(LATO)
    glyf = font["glyf"]
    empty = TTGlyphPen(None).glyph()
    for name in font.getGlyphOrder():
        glyf[name] = empty
    return saved(font)


def swapped(source: Path, letters: str = string.ascii_lowercase, names: bool = True) -> bytes:
    """`source` with each of `letters` mapped to the glyph of the next in SHIFTED order; without
    `names`, the glyph names are dropped (post table format 3), as a careful forger would."""
    font = TTFont(source)
    done: set[int] = set()
    for table in font["cmap"].tables:
        if not table.isUnicode() or id(table.cmap) in done:
            continue  # subtables may share one map: shift it once
        done.add(id(table.cmap))
        glyphs = dict(table.cmap)
        for letter in letters:
            target = SHIFTED[string.ascii_lowercase.index(letter)]
            if ord(target) in glyphs:
                table.cmap[ord(letter)] = glyphs[ord(target)]
    if not names:
        font["post"].formatType = 3.0
    return saved(font)


def with_font(content_text: str, write_content: Write, name: str, data: bytes) -> tuple[str, Path]:
    text = content_text.replace("brand:\n", f"brand:\n  font: assets/fonts/{name}\n", 1)
    path = write_content(text)
    (path.parent / "assets" / "fonts" / name).write_bytes(data)
    return text, path


def refusal(path: Path) -> str:
    with pytest.raises(ContentError) as caught:
        load_content(path)
    [message] = [str(i) for i in caught.value.issues if "brand.font" in str(i)]
    return message


def line_of(text: str, needle: str) -> int:
    return next(i + 1 for i, line in enumerate(text.splitlines()) if needle in line)


def test_a_font_that_draws_nothing_is_refused_naming_the_font_and_letters(
    content_text: str, write_content: Write
) -> None:
    text, path = with_font(content_text, write_content, "Blank.ttf", blank_lato())
    message = refusal(path)
    assert message.startswith(
        f"content.yaml:{line_of(text, 'Blank.ttf')}: brand.font: 'assets/fonts/Blank.ttf' draws"
        " nothing for the letters "
    )
    assert "their glyphs are empty: the words would show blank" in message


@pytest.mark.parametrize("names", [True, False], ids=["glyph names kept", "names removed"])
def test_a_font_whose_map_swaps_letters_is_refused(
    content_text: str, write_content: Write, names: bool
) -> None:
    text, path = with_font(content_text, write_content, "Swapped.ttf", swapped(LATO, names=names))
    message = refusal(path)
    assert message.startswith(
        f"content.yaml:{line_of(text, 'Swapped.ttf')}: brand.font: 'assets/fonts/Swapped.ttf'"
        " draws letters as other letters: a as b, b as c, c as d, d as e"
    )
    assert "(its character map is wrong)" in message


def test_two_letters_swapped_in_a_copy_of_lato_are_found(
    content_text: str, write_content: Write
) -> None:
    """Not only a wholesale swap: two letters of a copy of the bundled font, names removed."""
    _, path = with_font(
        content_text, write_content, "Two.ttf", swapped(LATO, letters="eo", names=False)
    )
    assert "draws letters as other letters: e as f, o as p (its character map is wrong)" in (
        refusal(path)
    )


def test_another_design_with_its_map_swapped_is_refused(
    content_text: str, write_content: Write
) -> None:
    """Lato Bold is not the reference (Lato Regular), and its names are gone: the shapes of
    most letters are nearer other letters than themselves."""
    _, path = with_font(
        content_text, write_content, "BoldSwapped.ttf", swapped(LATO_BOLD, names=False)
    )
    assert "draws letters as other letters:" in refusal(path)


def test_an_honest_font_of_another_weight_validates(
    content_text: str, write_content: Write
) -> None:
    _, path = with_font(content_text, write_content, "Bold.ttf", LATO_BOLD.read_bytes())
    assert load_content(path).content.brand.font == "assets/fonts/Bold.ttf"
