"""Text in several languages, with no Qt.

Every visitor-facing text of `content.yaml` is either one string, or one string per language:

    title: What is sciatica?              # the same words in every language
    title:                                # or one per language code
      en: What is sciatica?
      es: ¿Qué es la ciática?

The model keeps each as a `Localized`: a `str` holding the text in the language being shown,
which carries every translation with it. `localize(content, code, default)` gives a copy of
the content in one language, so the screens never see more than one language; the session and
its engine work by ids and never read the words at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationInfo

from .catalogue import pick

LANGUAGE_CODE = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$"
"""A language code as in BCP 47, e.g. en, es, pt-BR, zh-Hant."""
_CODE = re.compile(LANGUAGE_CODE)
FALLBACK_LANGUAGE = "en"
"""The language of the kiosk's own built-in words when a clinic's language has none."""

MAX_MISSING_LISTED = 8
"""Missing translations listed one by one per language; the rest are counted."""


class Localized(str):
    """A text in the language being shown, carrying every language it was written in.

    `translations` is empty for a plain string, which reads the same in every language.
    `translatable` is False for names and numbers (a clinic's name, a phone number): a plain
    string there is expected, not a missing translation. `builtin` holds the kiosk's own
    words for a `ui_text` word the clinic rewrote in some languages only: a language the
    clinic left out shows the built-in word for that language before the clinic's first.
    """

    translations: Mapping[str, str]
    translatable: bool
    builtin: Mapping[str, str]

    def __new__(
        cls,
        text: str,
        translations: Mapping[str, str] | None = None,
        translatable: bool = True,
        builtin: Mapping[str, str] | None = None,
    ) -> Localized:
        self = super().__new__(cls, text)
        self.translations = dict(translations or {})
        self.translatable = translatable
        self.builtin = dict(builtin or {})
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # copy and pickle keep the translations
        return (
            type(self),
            (str(self), dict(self.translations), self.translatable, dict(self.builtin)),
        )

    def has(self, language: str) -> bool:
        """Whether this text has its own words for `language` (a plain string has them for
        every language only where it is not meant to be translated)."""
        if not self.translations:
            return not self.translatable
        return bool(pick(self.translations, language) or pick(self.builtin, language))

    def in_language(self, language: str, default: str) -> Localized:
        """This text in `language`: the clinic's words, else the kiosk's own words for that
        language, else the clinic's words in `default` (then the built-in ones); as written
        if plain (a plain text is in `default`). Set as its language sets it (`typeset`)."""
        if not self.translations:
            text = typeset(self, default)
            if text == self:
                return self
            return type(self)(text, self.translations, self.translatable, self.builtin)
        written = (
            (language, pick(self.translations, language)),
            (language, pick(self.builtin, language)),
            (default, self.translations.get(default)),
            (default, pick(self.builtin, default)),
        )
        source, text = next(
            ((code, found) for code, found in written if found),
            (FALLBACK_LANGUAGE, _until_localized(self.translations)),
        )
        text = typeset(text, source)
        return type(self)(text, self.translations, self.translatable, self.builtin)

    def with_builtin(self, builtin: Localized) -> Localized:
        """This clinic's word, falling back to `builtin`'s words where it has none."""
        if not self.translations or isinstance(self, BuiltIn):
            return self
        merged = {**builtin.translations, **self.translations}
        return Localized(
            _until_localized(merged), self.translations, self.translatable, builtin.translations
        )


NO_BREAK_SPACE = "\u00a0"
_FRENCH_BEFORE = re.compile(r"[ \t]+(?=[?!:;»])")
_FRENCH_AFTER = re.compile(r"(?<=«)[ \t]+")


def typeset(text: str, language: str) -> str:
    """`text` as its language sets it. French puts a space before ? ! : ; and inside « »:
    its writers type a plain space there, at which a line may break and leave a lone "?" at the
    start of the next line; it becomes a no-break space, so the sign stays with its word."""
    if language.split("-")[0].lower() != "fr" or not text:
        return text
    return _FRENCH_AFTER.sub(NO_BREAK_SPACE, _FRENCH_BEFORE.sub(NO_BREAK_SPACE, text))


_NUMBER_SPACE = re.compile(r"(?<=\d) (?=\S)|(?<=\S) (?=\d)")


def hold_numbers(text: str) -> str:
    """`text` with a no-break space beside each number, so that a line never parts a count
    from its words ("0 / staff resets", "in 9 / seconds")."""
    return _NUMBER_SPACE.sub(NO_BREAK_SPACE, text)


def labelled(label: str, value: str, language: str) -> str:
    """ "label: value" as `language` writes it: French with a (no-break) space before the
    colon ("Contraste élevé : Désactivé"), Chinese with its full-width colon."""
    base = language.split("-")[0].lower()
    if base == "zh":
        return f"{label}\uff1a{value}"
    return typeset(f"{label} : {value}" if base == "fr" else f"{label}: {value}", language)


class BuiltIn(Localized):
    """One of the kiosk's own words, as it ships (not written in the clinic's file)."""


def words(translations: Mapping[str, str]) -> BuiltIn:
    """A built-in text in several languages, shown in English until localized."""
    return BuiltIn(_until_localized(translations), translations)


def _until_localized(translations: Mapping[str, str]) -> str:
    """The words a text shows before `localize` picks the language: English, else the first."""
    return translations.get(FALLBACK_LANGUAGE) or next(iter(translations.values()))


def text_validator(max_length: int, translatable: bool) -> Callable[[Any, ValidationInfo], Any]:
    """Pydantic's check of a text field: one string, or a mapping of language code to string."""

    def check_one(text: Any, language: str | None) -> str:
        where = f"the '{language}' text" if language else "the text"
        if isinstance(text, bool):  # true or false, unquoted: yes and no are read as words
            word = str(text).lower()
            raise ValueError(
                f"YAML read {word} as a true-or-false value, not as text: write it in quotes,"
                f' "{word}"'
            )
        if not isinstance(text, str):
            raise ValueError(
                f"{where} should be words in quotes, not {type(text).__name__}"
                if language
                else "expected text, or one text per language (e.g. en: ... and es: ...)"
            )
        if not text.strip():
            raise ValueError(f"{where} is empty")
        if len(text) > max_length:
            raise ValueError(f"{where} is longer than {max_length} characters ({len(text)})")
        return text

    def validate(value: Any, info: ValidationInfo) -> Localized:
        if isinstance(value, Localized):
            return value
        if isinstance(value, dict):
            if not value:
                raise ValueError("give the text, or one text per language (e.g. en: ... es: ...)")
            translations: dict[str, str] = {}
            before: str | None = None
            for code, text in value.items():
                if text is None and before is not None:
                    # {fr: Oui, bien sûr, ar: ...}: YAML ends a text at a comma inside { }
                    raise ValueError(
                        f"the words after a comma in the '{before}' text were read as a language"
                        f" of their own ('{code}'): inside {{ }} a comma ends a text; put the"
                        f' text in quotes: {before}: "{value[before]}, {code}"'
                    )
                before = code if isinstance(code, str) else None
                if not isinstance(code, str) or not _CODE.match(code):
                    raise ValueError(
                        f"'{code}' is not a language code: use codes like en, es or pt-BR"
                        " (the ones listed under languages:)"
                    )
                translations[code] = check_one(text, code)
            return Localized(_until_localized(translations), translations, translatable)
        return Localized(check_one(value, None), None, translatable)

    return validate


def serialize_text(value: Localized) -> str | dict[str, str]:
    """A text as it is written in a file: one string, or one per language."""
    return dict(value.translations) if value.translations else str(value)


def per_language_schema(one: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema of a value given once (`one`) or per language (code -> `one`)."""
    return {
        "anyOf": [
            one,
            {
                "type": "object",
                "minProperties": 1,
                "propertyNames": {"pattern": LANGUAGE_CODE},
                "additionalProperties": one,
            },
        ]
    }


def text_schema(max_length: int) -> dict[str, Any]:
    """The JSON Schema of a text field: a string, or an object of language code -> string."""
    return per_language_schema({"type": "string", "minLength": 1, "maxLength": max_length})


# --- the content in one language ---------------------------------------------------------

M = TypeVar("M", bound=BaseModel)


def localize(model: M, language: str, default: str) -> M:
    """A copy of `model` with every text in `language` (or `default` where it has none)."""
    return _localize_value(model, language, default)  # type: ignore[no-any-return]


def _localize_value(value: Any, language: str, default: str) -> Any:
    if isinstance(value, Localized):
        return value.in_language(language, default)
    if isinstance(value, BaseModel):
        update = {}
        for name in type(value).model_fields:
            old = getattr(value, name)
            new = _localize_value(old, language, default)
            if new is not old:
                update[name] = new
        return value.model_copy(update=update) if update else value
    if isinstance(value, list):
        items = [_localize_value(v, language, default) for v in value]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    if isinstance(value, dict):
        mapped = {k: _localize_value(v, language, default) for k, v in value.items()}
        return mapped if any(mapped[k] is not value[k] for k in value) else value
    return value


def texts(
    value: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], Localized]]:
    """Every text under `value`, with its path."""
    if isinstance(value, Localized):
        yield path, value
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from texts(getattr(value, name), (*path, info.alias or name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from texts(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts(item, (*path, key))
