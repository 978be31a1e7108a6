"""The kiosk's own words (buttons, hints, the staff screens) in the languages it ships with,
from the gettext catalogues in `kiosk/content/locale/` (see `catalogue.py`).

A clinic may rewrite any visitor word under `ui_text:`, word by word and language by language;
a word it leaves out shows the built-in word for the visitor's language, then the clinic's
first language. The staff screens' words are built in only.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from .catalogue import SOURCE_LANGUAGE, Catalogue, pick, read_catalogues
from .catalogue import format_date as _format_date
from .catalogue import format_day as format_day
from .catalogue import join_words as join_words
from .i18n import typeset

CATALOGUES: dict[str, Catalogue] = read_catalogues()
"""Every language the kiosk ships words for (read once, at import), English first."""

SHIPPED_LANGUAGES: tuple[str, ...] = tuple(CATALOGUES)

_UI = "ui_text."
_REGIONS = "ui_text.regions."
_STAFF = "staff."


def _table(table: Mapping[str, str], prefix: str, exclude: str | None = None) -> dict[str, str]:
    return {
        key.removeprefix(prefix): text
        for key, text in table.items()
        if key.startswith(prefix) and not (exclude and key.startswith(exclude))
    }


APP_WORDS: dict[str, dict[str, str]] = {
    code: _table(catalogue.words, _UI, exclude=_REGIONS) for code, catalogue in CATALOGUES.items()
}
"""Language code -> ui_text key -> the built-in word."""

WORD_NOTES: dict[str, str] = _table(CATALOGUES[SOURCE_LANGUAGE].notes, _UI, exclude=_REGIONS)
"""ui_text key -> what the word is for (the template's note to translators): the description
the JSON Schema gives it."""

REGION_WORDS: dict[str, dict[str, str]] = {
    code: _table(catalogue.words, _REGIONS) for code, catalogue in CATALOGUES.items()
}
"""Language code -> body region -> its built-in name."""

STAFF_WORDS: dict[str, dict[str, str]] = {
    code: _table(catalogue.words, _STAFF) for code, catalogue in CATALOGUES.items()
}
"""Language code -> staff key -> the built-in word."""


def catalogue_for(language: str) -> Catalogue | None:
    """The catalogue of `language`, or of its base language (pt-BR -> pt); None if neither."""
    code = pick({code: code for code in CATALOGUES}, language)
    return CATALOGUES[code] if code else None


def staff_word(language: str, key: str) -> str:
    """A word of the staff screens in `language` (English where it has none)."""
    catalogue = catalogue_for(language)
    found = catalogue.words.get(_STAFF + key) if catalogue else None
    return typeset(found, language) if found else STAFF_WORDS[SOURCE_LANGUAGE][key]


def count(language: str, key: str, n: int, **more: object) -> str:
    """`n` things in words, in the plural form `language` uses for `n` (CLDR's rules, as the
    catalogue's Plural-Forms gives them): "1 visit", "2 visits", and Arabic's six forms."""
    catalogue = catalogue_for(language)
    found = catalogue.count(_STAFF + key, n, **more) if catalogue else None
    if found:
        return typeset(found, language)
    return CATALOGUES[SOURCE_LANGUAGE].count(_STAFF + key, n, **more) or f"{n}"


def visitor_count(language: str, key: str, n: int, **more: object) -> str:
    """`n` things in the visitor's words (a `ui_text.` plural key of the catalogues), in the
    plural form `language` uses for `n`: "1 second", "9 seconds", Arabic's "ثانية واحدة"."""
    catalogue = catalogue_for(language)
    found = catalogue.count(_UI + key, n, **more) if catalogue else None
    if found:
        return typeset(found, language)
    return CATALOGUES[SOURCE_LANGUAGE].count(_UI + key, n, **more) or f"{n}"


def format_date(value: date, language: str) -> str:
    """A date as people write it in `language` (CLDR's long form, through Babel)."""
    return _format_date(value, language)
