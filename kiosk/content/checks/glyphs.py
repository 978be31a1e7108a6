"""Letters and fonts: each font of the clinic's draws every letter of the words it shows, and
each language's words have a font that draws them. No Qt here."""

from __future__ import annotations

from ...paths import bundled_asset
from ..catalogue import pick
from ..files import FileError, read_regular
from ..fonts import (
    BUNDLED_FONTS,
    FONT_SUGGESTIONS,
    MAX_FONT_BYTES,
    SCRIPT_FONTS,
    bundled_characters,
    font_characters,
    needs_no_glyph,
)
from ..i18n import texts as all_texts
from ..letters import font_letters_problem
from .run import Path_, Placed, Run


def _characters_drawn(run: Run) -> frozenset[int]:
    """Every character some font of the kiosk draws: the brand font (or Lato), the
    fonts of `brand.fonts`, then the bundled fonts for other scripts."""
    brand = run.content.brand
    covered: set[int] = set()
    own = [brand.font] if brand.font else []
    for relative in [*own, *brand.fonts.values()]:
        path = run.assets.get(relative)
        if path is None:
            continue  # missing or broken: an error of its own
        try:
            covered |= font_characters(read_regular(path, MAX_FONT_BYTES))
        except FileError:
            continue
    for relative in [*([] if own else BUNDLED_FONTS[:1]), *SCRIPT_FONTS]:
        path = bundled_asset(relative)
        try:
            stamp = path.stat().st_mtime_ns
        except OSError:
            continue
        covered |= bundled_characters(path, stamp)
    return frozenset(covered)


def words_by_language(run: Run) -> dict[str, list[Placed]]:
    """Each language's own words (a plain text and the languages' names, shown on the
    language buttons, count for the first language), in one pass over the texts."""
    if run.words is not None:
        return run.words
    content = run.content
    codes = content.language_codes()
    found: dict[str, list[Placed]] = {code: [] for code in codes}
    for path, text in all_texts(content):
        if not text.translations:
            found[codes[0]].append((path, str(text)))
            continue
        for code in codes:
            own = pick(text.translations, code) or pick(text.builtin, code)
            if own:
                found[code].append((path, own))
    found[codes[0]] += [
        (("languages", li, "name"), language.name) for li, language in enumerate(content.languages)
    ]
    run.words = found
    return found


def letters(run: Run) -> None:
    """Each font of the clinic's draws ink for every letter of the words it shows, and
    each letter as itself (`kiosk.content.letters`): a font emptied or with its map
    changed passes every other check and shows blank or scrambled words."""
    brand = run.content.brand
    words = words_by_language(run)
    every = frozenset().union(*(set(t) for texts in words.values() for _p, t in texts))
    fonts: list[tuple[Path_, str, frozenset[str]]] = []
    if brand.font:
        fonts.append((("brand", "font"), brand.font, every))
    for code, relative in brand.fonts.items():
        own = frozenset().union(*(set(t) for _p, t in words.get(code, [])))
        fonts.append((("brand", "fonts", code), relative, own or every))
    for path, relative, chars in fonts:
        found = run.assets.get(relative)
        if found is None:
            continue  # missing or broken: an error of its own
        try:
            data = run.read(found, MAX_FONT_BYTES)
        except FileError:
            continue
        problem = font_letters_problem(data, chars)
        if problem is not None:
            run.error(path, f"'{relative}' {problem}")


def coverage(run: Run) -> None:
    """Each language's words, the kiosk's own included, drawn by a font the kiosk has:
    a character no font has shows as an empty box (a warning: the machine's own fonts
    may have it, but nobody can know which machine)."""
    content = run.content
    covered = _characters_drawn(run)
    if not covered:
        return
    drawn = frozenset(map(chr, covered))
    names = {language.code: language.name for language in content.languages}
    codes = content.language_codes()
    found = words_by_language(run)
    for code in codes:
        missing: dict[str, None] = {}
        first: Path_ | None = None
        places = 0
        for path, words in found[code]:
            if not set(words) - drawn:
                continue
            gaps = [ch for ch in words if ch not in drawn and not needs_no_glyph(ch)]
            if gaps:
                first = first or path
                places += 1
                missing.update(dict.fromkeys(gaps))
        if first is None:
            continue
        listed = ", ".join(f"{ch} (U+{ord(ch):04X})" for ch in list(missing)[:6])
        more = f" and {len(missing) - 6} more" if len(missing) > 6 else ""
        where = f"here and in {places - 1} more places" if places > 1 else "here"
        base = code.split("-")[0]
        suggestion = FONT_SUGGESTIONS.get(base, "a Noto Sans font for its script")
        run.warn(
            first,
            f"the {names[code]} ({code}) words {where} use letters that no font of the"
            f" kiosk has: {listed}{more}; they would show as empty boxes. Add a font"
            f" that has them under brand.fonts, like  fonts: {{{code}: assets/fonts/"
            f"...ttf}}  ({suggestion}, free from fonts.google.com)",
        )
