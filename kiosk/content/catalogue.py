"""The kiosk's own words, read from gettext catalogues, and the locale's plurals, dates and
numbers (CLDR, through Babel). No Qt.

The words live in `kiosk/content/locale/`: `kiosk.pot` is the template (the English words, one
entry per key, `msgctxt` being the key) and `<code>.po` one language each. Translators open
them in the tools they know (Poedit, Weblate, Lokalise, Qt Linguist reads .po too); the kiosk
reads them with Babel at start, so a corrected .po needs no build step. Entries marked
`fuzzy` are drafts awaiting a native speaker's check: they are shown all the same (a draft in
the visitor's language reads better than English), and `fuzzy_entries` lists them.

Keys: `ui_text.<name>` (the visitor's words a clinic may rewrite under `ui_text:`),
`ui_text.regions.<region>` (the body map) and `staff.<name>` (the staff screens; plural keys
have one text per plural form of the language, chosen by the catalogue's `Plural-Forms`).
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).with_name("locale")
TEMPLATE = LOCALE_DIR / "kiosk.pot"
SOURCE_LANGUAGE = "en"
"""The template's language: its msgids are the English words."""

TRADITIONAL_CHINESE = ("zh-Hant", "zh-TW", "zh-HK", "zh-MO")
"""Chinese written in traditional characters: the simplified `zh` words do not fit it."""


@dataclass(frozen=True)
class Catalogue:
    """One language's built-in words."""

    language: str
    words: Mapping[str, str]
    """Key (msgctxt) to text."""
    plurals: Mapping[str, tuple[str, ...]]
    """Key to its plural forms, in the order of the catalogue's Plural-Forms."""
    plural_forms: str
    """The gettext Plural-Forms header (from CLDR, as Babel writes it)."""
    fuzzy: frozenset[str] = field(default_factory=frozenset)
    """Keys whose translation is a draft, not yet checked by a native speaker."""
    notes: Mapping[str, str] = field(default_factory=dict)
    """Key to what the word is for, as the template tells translators (its `#.` comment)."""

    def plural_index(self, n: int) -> int:
        return _plural_rule(self.plural_forms)(n)

    def count(self, key: str, n: int, **more: object) -> str | None:
        """The words for `n` of a plural key, with `{n}` (and `more`) filled in; None when it
        has none."""
        forms = self.plurals.get(key)
        if not forms:
            return None
        index = min(self.plural_index(n), len(forms) - 1)
        return (forms[index] or forms[-1]).format(n=n, **more)


def _plural_rule(plural_forms: str) -> Callable[[int], int]:
    expression = plural_forms.split("plural=", 1)[1].rstrip().rstrip(";")
    return gettext.c2py(expression)


def read_catalogue(path: Path, language: str) -> Catalogue:
    """One .po file (or the .pot template, whose msgids are the English words)."""
    template = language == SOURCE_LANGUAGE
    data = path.read_bytes()
    if not template:  # a translation's notes for translators (what a word is for, where it
        # shows) are the template's again: read without them, in half Babel's time
        data = b"\n".join(line for line in data.splitlines() if not line.startswith((b"#.", b"#:")))
    catalog = read_po(io.BytesIO(data))  # no locale: its Plural-Forms header says all it needs
    words: dict[str, str] = {}
    plurals: dict[str, tuple[str, ...]] = {}
    fuzzy: set[str] = set()
    notes: dict[str, str] = {}
    for message in catalog:
        key = message.context
        if not message.id or key is None:
            continue
        if template and message.auto_comments:
            notes[key] = " ".join(line.strip() for line in message.auto_comments)
        if isinstance(message.id, tuple | list):
            forms = tuple(message.id) if template else tuple(message.string or ())
            if any(forms):
                plurals[key] = tuple(str(form) for form in forms)
        else:
            text = message.id if template else message.string
            if isinstance(text, str) and text:
                words[key] = text
        if message.fuzzy and not template:
            fuzzy.add(key)
    plural_forms = "nplurals=2; plural=(n != 1);" if template else catalog.plural_forms
    return Catalogue(language, words, plurals, plural_forms, frozenset(fuzzy), notes)


def read_catalogues(folder: Path = LOCALE_DIR) -> dict[str, Catalogue]:
    """Every language the kiosk ships words for: English (the template) first."""
    found = {SOURCE_LANGUAGE: read_catalogue(folder / TEMPLATE.name, SOURCE_LANGUAGE)}
    for path in sorted(folder.glob("*.po")):
        found[path.stem] = read_catalogue(path, path.stem)
    return found


def base_language(code: str) -> str | None:
    """The language a regional code falls back to (pt-BR -> pt); None where there is none
    that fits (zh-Hant is not zh, which is written in simplified characters)."""
    if "-" not in code or code in TRADITIONAL_CHINESE:
        return None
    return code.split("-", 1)[0]


def pick(table: Mapping[str, str], code: str) -> str | None:
    """`table`'s text for a language code, or for its base language."""
    text = table.get(code)
    if not text:
        base = base_language(code)
        text = table.get(base) if base else None
    return text or None


# --- dates and numbers, from CLDR ---------------------------------------------------------


def babel_locale(code: str) -> str:
    """The Babel (CLDR) locale for a kiosk language code: pt-BR -> pt_BR, else its base
    language, else English. Only the locales whose data the bundle keeps are used."""
    from babel import localedata

    for candidate in (code, base_language(code) or "", SOURCE_LANGUAGE):
        name = candidate.replace("-", "_")
        if name and localedata.exists(name):
            return name
    return SOURCE_LANGUAGE


def format_date(value: date, language: str) -> str:
    """A date as people write it in `language` (CLDR's long form): 20 novembre 2026,
    20 de noviembre de 2026, November 20, 2026 (en) or 20 November 2026 (en-GB)."""
    from babel.dates import format_date as babel_format_date

    return str(babel_format_date(value, "long", locale=babel_locale(language)))


def join_words(items: list[str], language: str) -> str:
    """A list as `language` writes it (CLDR): "A, B and C", "A وB وC", "A、B和C"."""
    from babel.lists import format_list

    if not items:
        return ""
    joined = str(format_list(items, locale=babel_locale(language)))
    if language.split("-", 1)[0] == "es" and len(items) > 1:
        joined = _spanish_conjunction(joined, items[-1])
    return joined


def _spanish_conjunction(joined: str, last: str) -> str:
    """Spanish writes "y" as "e" before the sound i ("español e inglés", not "y inglés") and
    "o" as "u" before the sound o; CLDR's lists do not. "hie-" and "hia-" keep "y" (agua y
    hielo): there the i is not a vowel of its own."""
    word = last.casefold()
    if word.startswith(("i", "í", "hi", "hí")) and not word.startswith(("hie", "hia")):
        return _swap_last(joined, last, " y ", " e ")
    if word.startswith(("o", "ó", "ho", "hó")):
        return _swap_last(joined, last, " o ", " u ")
    return joined


def _swap_last(joined: str, last: str, conjunction: str, replacement: str) -> str:
    ending = conjunction + last
    if joined.endswith(ending):
        return joined[: -len(ending)] + replacement + last
    return joined


def language_names(codes: Iterable[str], language: str) -> list[str]:
    """The names of the languages `codes` in `language` (CLDR: "Arabic" in English, "árabe" in
    Spanish, "العربية" in Arabic); a code CLDR does not know is left as written."""
    from babel import Locale

    names: Mapping[str, str]
    try:
        names = Locale.parse(babel_locale(language)).languages
    except (KeyError, ValueError):  # CLDR data without language names: the codes as written
        names = {}
    found = []
    for code in codes:
        key = code.replace("-", "_")
        found.append(names.get(key) or names.get(base_language(code) or "") or code)
    return found


def format_day(value: date, pattern: str, language: str) -> str:
    """A date by a CLDR pattern (d MMM: 20 nov.; EEE d: ven. 20) in `language`."""
    from babel.dates import format_date as babel_format_date

    return str(babel_format_date(value, pattern, locale=babel_locale(language)))
