"""The kiosk's own words: each declared once, by its name, its words and note in the catalogues."""

from __future__ import annotations

from typing import Any

import pytest
from babel.messages.pofile import read_po

from kiosk.content.catalogue import TEMPLATE
from kiosk.content.parts import ShortText
from kiosk.content.schema import content_schema
from kiosk.content.uitext import UiText, word

WORDS = [name for name in UiText.model_fields if name != "regions"]


def _template() -> dict[str, Any]:
    with TEMPLATE.open("rb") as file:
        return {message.context: message for message in read_po(file) if message.context}


def test_each_word_has_the_templates_words_and_note_in_the_schema() -> None:
    template = _template()
    described = content_schema()["$defs"]["UiText"]["properties"]
    for name in WORDS:
        entry = template[f"ui_text.{name}"]
        assert UiText.model_fields[name].default == entry.id, name
        assert described[name]["description"] == " ".join(entry.auto_comments), name
        assert described[name]["default"]["en"] == entry.id, name
    assert described["back"]["description"] == "The button that goes one screen back."
    assert described["back"]["default"]["es"] == "Atrás"


def test_a_clinic_rewrites_a_word_as_one_string_or_per_language() -> None:
    one = UiText.model_validate({"back": "Return"})
    assert one.back == "Return" and one.next == "Next"
    some = UiText.model_validate({"back": {"es": "Volver"}})
    assert some.back.in_language("es", "en") == "Volver"
    assert some.back.in_language("fr", "en") == "Retour"  # the built-in word, not the clinic's


def test_a_word_the_catalogues_lack_stops_at_once_naming_the_template() -> None:
    with pytest.raises(Exception) as caught:

        class _More(UiText):
            no_such_word: ShortText = word()

    said = f"{caught.value} {caught.value.__cause__}"
    assert "ui_text.no_such_word" in said and "kiosk.pot" in said
