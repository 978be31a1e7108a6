"""The kiosk's own words (`ui_text:` of `content.yaml`), each declared once.

A word is declared in two places that say different things, never twice the same thing: the
catalogues of `kiosk/content/locale/` give its words (the template `kiosk.pot`: its key as
`msgctxt "ui_text.NAME"`, the English words, and a `#.` note of what it is for), and `UiText`
gives its type by the same name (`back: ShortText = word()`), for mypy and for pydantic. From the
name, `word()` makes the field: its default is the built-in words in every shipped language,
its description (the JSON Schema's) the template's note. To add a word, add its entry to the
template and each `.po` file, then its line here. No Qt here.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from .app_words import APP_WORDS, REGION_WORDS, WORD_NOTES
from .i18n import Localized, words
from .parts import REGION_NAMES, Model, ShortText, Text

__all__ = ["UiText", "built_in_regions", "built_in_word", "word"]

_TEMPLATE = "kiosk/content/locale/kiosk.pot"


def built_in_word(key: str) -> Localized:
    """A built-in word of the kiosk, in every language it ships with."""
    found = {code: table[key] for code, table in APP_WORDS.items() if key in table}
    if not found:
        raise LookupError(f"ui_text.{key} has no words: add its entry to {_TEMPLATE}")
    return words(found)


def built_in_regions() -> dict[str, Localized]:
    """The built-in names of the body regions, in every language the kiosk ships with."""
    return {
        region: words({code: table[region] for code, table in REGION_WORDS.items()})
        for region in REGION_NAMES
    }


class _Word:
    """A word until its class is made: Python then tells it its name (`__set_name__`), and it
    puts in its place the field pydantic reads."""

    def __set_name__(self, owner: type, name: str) -> None:
        default = built_in_word(name)
        note = WORD_NOTES.get(name)
        if not note:
            raise LookupError(
                f"ui_text.{name} says nothing of what it is for: put a '#.' note above its"
                f" msgctxt in {_TEMPLATE}"
            )
        setattr(owner, name, Field(default, description=note))


def word() -> Any:
    """A word of the kiosk, named by the field it is given to (see the module's doc)."""
    return _Word()


class UiText(Model):
    """The kiosk's own words, built in for English, Spanish, French, German, Portuguese, Arabic
    and Chinese (the catalogues in `kiosk/content/locale/`). A clinic may rewrite any of
    them, as one string or one per language; a language it leaves out keeps the built-in word
    for that language."""

    touch_to_begin: ShortText = word()
    privacy: Text = word()
    back: ShortText = word()
    home: ShortText = word()
    next: ShortText = word()
    start_check: ShortText = word()
    see_result: ShortText = word()
    finish: ShortText = word()
    step: ShortText = word()
    question: ShortText = word()
    result: ShortText = word()
    disclaimer: Text = word()
    more_below: ShortText = word()
    choose_one: ShortText = word()
    choose_all: ShortText = word()
    choose_regions: ShortText = word()
    choose_scale: ShortText = word()
    figure_front: ShortText = word()
    figure_back: ShortText = word()
    seen_from_behind: ShortText = word()
    tap_nerve: ShortText = word()
    sources: ShortText = word()
    reviewed: ShortText = word()
    therapists_title: ShortText = word()
    offers: ShortText = word()
    offers_feminine: ShortText = word()
    speaks: ShortText = word()
    scan_to_book: ShortText = word()
    opening_hours: ShortText = word()
    find_us: ShortText = word()
    still_there: ShortText = word()
    idle_message: Text = word()
    still_here: ShortText = word()
    paused_title: ShortText = word()
    paused_message: Text = word()
    yes: ShortText = word()
    no: ShortText = word()
    language: ShortText = word()
    choose_language: ShortText = word()
    accessibility: ShortText = word()
    text_size: ShortText = word()
    text_size_n: ShortText = word()
    normal: ShortText = word()
    larger: ShortText = word()
    largest: ShortText = word()
    high_contrast: ShortText = word()
    reduce_motion: ShortText = word()
    on: ShortText = word()
    off: ShortText = word()
    read_aloud: ShortText = word()
    stop_reading: ShortText = word()
    read_aloud_unavailable: Text = word()
    close: ShortText = word()
    voice_on: ShortText = word()
    voice_keys: Text = word()
    voice_begin: ShortText = word()
    voice_answers: Text = word()
    voice_answer: ShortText = word()
    voice_choice: ShortText = word()
    voice_selected: ShortText = word()
    voice_not_selected: ShortText = word()
    voice_button: ShortText = word()
    voice_still_there: Text = word()
    voice_volume: ShortText = word()
    voice_speed: ShortText = word()
    voice_paused: ShortText = word()
    voice_ended: ShortText = word()
    voice_long_text: ShortText = word()
    regions: dict[str, ShortText] = Field(
        default_factory=lambda: built_in_regions(),
        description="Names of the regions of the body-map figures the kiosk ships (those not"
        " given keep their defaults); a clinic's own figure names its regions in each option's"
        " label.",
    )

    @model_validator(mode="before")
    @classmethod
    def _merge_regions(cls, data: Any) -> Any:
        """A clinic renaming one region keeps the default names of the others."""
        if isinstance(data, dict) and isinstance(data.get("regions"), dict):
            return {**data, "regions": {**built_in_regions(), **data["regions"]}}
        return data

    @model_validator(mode="after")
    def _fall_back_to_built_in(self) -> UiText:
        """A word the clinic wrote for some languages only keeps the built-in words for the
        others: `next: {es: Adelante, fr: Suivant}` still reads Next in English."""
        update: dict[str, Any] = {}
        for name, info in type(self).model_fields.items():
            value = getattr(self, name)
            if isinstance(value, Localized) and isinstance(info.default, Localized):
                merged = value.with_builtin(info.default)
                if merged is not value:
                    update[name] = merged
        built_in = built_in_regions()
        regions = {
            key: text.with_builtin(built_in[key]) if key in built_in else text
            for key, text in self.regions.items()
        }
        if any(regions[key] is not self.regions[key] for key in regions):
            update["regions"] = regions
        return self.model_copy(update=update) if update else self
