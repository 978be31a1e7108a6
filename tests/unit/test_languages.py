"""Texts in several languages: one string or one per language, the fallback to the default
language and its warning, the built-in words, and the visitor's choice in the session."""

from __future__ import annotations

import copy
import pickle
import random
from pathlib import Path

import pytest
import yaml

from kiosk.content import load_content
from kiosk.content.app_words import APP_WORDS, REGION_WORDS
from kiosk.content.colors import (
    CONTRAST_PAIRS,
    HIGH_CONTRAST,
    contrast_ratio,
    high_contrast_palette,
)
from kiosk.content.errors import ContentError
from kiosk.content.i18n import MAX_MISSING_LISTED, Localized, texts
from kiosk.content.model import REGION_NAMES, Brand, Content, UiText
from kiosk.core.place import ATTRACT
from kiosk.core.session import DisplayChanged, Session, SessionEvent

ROOT = Path(__file__).resolve().parents[2]


def minimal(**extra: object) -> dict[str, object]:
    """The smallest valid content, in two languages unless `languages` is given."""
    data: dict[str, object] = {
        "version": 1,
        "languages": [{"code": "en", "name": "English"}, {"code": "es", "name": "Español"}],
        "clinic": {"name": "Test Clinic"},
        "screens": [
            {
                "id": "intro",
                "type": "article",
                "title": {"en": "Hello", "es": "Hola"},
                "body": [{"paragraph": {"en": "Welcome.", "es": "Bienvenido."}}],
            },
            {"id": "check", "type": "self_check", "title": {"en": "Check", "es": "Prueba"}},
        ],
        "self_check": {
            "questions": [
                {"id": "pain", "type": "yes_no", "text": {"en": "Pain?", "es": "¿Dolor?"}}
            ],
            "outcomes": [
                {
                    "id": "ok",
                    "kind": "info",
                    "title": {"en": "Fine", "es": "Bien"},
                    "default": True,
                },
                {
                    "id": "doc",
                    "kind": "doctor",
                    "title": {"en": "Doctor", "es": "Médico"},
                    "when": {"question": "pain", "equals": "yes"},
                },
            ],
        },
    }
    data.update(extra)
    return data


def load(tmp_path: Path, data: dict[str, object]):  # type: ignore[no-untyped-def]
    path = tmp_path / "content.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return load_content(path)


# --- the text type ------------------------------------------------------------------------


def test_a_text_is_one_string_or_one_per_language() -> None:
    content = Content.model_validate(minimal())
    title = content.screens[0].title
    assert title == "Hello" and isinstance(title, Localized)
    assert title.translations == {"en": "Hello", "es": "Hola"}
    spanish = content.in_language("es")
    assert spanish.screens[0].title == "Hola"
    assert spanish.clinic.name == "Test Clinic"  # a plain string reads the same everywhere
    assert spanish.in_language("en").screens[0].title == "Hello"  # and back again


def test_a_language_not_offered_or_none_shows_the_default() -> None:
    content = Content.model_validate(minimal())
    assert content.in_language("fr").screens[0].title == "Hello"
    assert content.in_language(None).screens[0].title == "Hello"


def test_a_missing_translation_falls_back_to_the_default_language() -> None:
    data = minimal()
    data["screens"][0]["title"] = {"en": "Hello"}  # type: ignore[index]
    content = Content.model_validate(data)
    assert content.in_language("es").screens[0].title == "Hello"


def test_the_default_language_is_the_first_listed() -> None:
    data = minimal(languages=[{"code": "es", "name": "Español"}, {"code": "en", "name": "English"}])
    loaded_default = Content.model_validate(data)
    assert loaded_default.default_language == "es"
    assert loaded_default.in_language(loaded_default.default_language).screens[0].title == "Hola"


def test_texts_survive_copy_and_pickle() -> None:
    title = Content.model_validate(minimal()).screens[0].title
    for clone in (copy.deepcopy(title), pickle.loads(pickle.dumps(title))):
        assert clone == "Hello" and clone.translations == title.translations


# --- the file, its errors and warnings -----------------------------------------------------


def test_the_default_content_is_complete_in_english_and_spanish() -> None:
    loaded = load_content(ROOT / "content.yaml")
    assert loaded.content.language_codes() == ["en", "es"]
    assert not [w for w in loaded.warnings if "text here" in w.message]
    spanish = loaded.content.in_language("es")
    assert spanish.ui_text.next == "Siguiente"
    assert spanish.self_check.questions[0].text.startswith("¿")
    for path, text in texts(loaded.content):
        if text.translatable and text.translations:
            assert text.has("es"), path


def test_a_missing_translation_is_a_warning_with_its_line(tmp_path: Path) -> None:
    data = minimal()
    data["screens"][0]["title"] = {"en": "Hello"}  # type: ignore[index]
    data["screens"][0]["body"][0]["paragraph"] = "Only English."  # type: ignore[index]
    loaded = load(tmp_path, data)
    missing = [str(w) for w in loaded.warnings if "no Español (es) text" in w.message]
    assert len(missing) == 2
    assert missing[0].startswith("content.yaml:")
    assert "screens[1].title" in missing[0]
    assert "see the English (en) text" in missing[0]
    assert "screens[1].body[1].paragraph" in missing[1]


def test_many_missing_translations_are_counted_not_all_listed(tmp_path: Path) -> None:
    data = minimal()
    data["screens"] = [  # type: ignore[index]
        {
            "id": f"s{i}",
            "type": "article",
            "title": f"Screen {i}",
            "body": [{"paragraph": "Words."}],
        }
        for i in range(10)
    ] + [data["screens"][1]]  # type: ignore[index]
    loaded = load(tmp_path, data)
    listed = [w for w in loaded.warnings if "no Español (es) text here" in w.message]
    assert len(listed) == MAX_MISSING_LISTED
    [summary] = [w for w in loaded.warnings if "more texts have no Español" in w.message]
    assert summary.message.startswith(f"{20 - MAX_MISSING_LISTED} more texts")


def test_names_need_no_translation(tmp_path: Path) -> None:
    data = minimal()
    data["clinic"] = {"name": "Test Clinic", "phone": "+1 555 0100", "address": "1 Road"}
    loaded = load(tmp_path, data)
    assert not [w for w in loaded.warnings if "clinic" in w.path]


def test_a_language_code_not_offered_is_an_error(tmp_path: Path) -> None:
    data = minimal()
    data["screens"][0]["title"] = {"en": "Hello", "sp": "Hola"}  # type: ignore[index]
    with pytest.raises(ContentError) as caught:
        load(tmp_path, data)
    [issue] = caught.value.issues
    assert issue.path == "screens[1].title.sp"
    assert "'sp' is not one of the languages offered (en, es)" in issue.message


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ({"en": "Hello", "es": ""}, "the 'es' text is empty"),
        ({"en": "Hello", "es": 3}, "the 'es' text should be words in quotes"),
        ({"en": "x" * 121, "es": "Hola"}, "the 'en' text is longer than 120 characters"),
        ({"English": "Hello"}, "'English' is not a language code"),
        ({}, "give the text, or one text per language"),
        (["Hello"], "expected text, or one text per language"),
    ],
)
def test_a_bad_text_is_explained(tmp_path: Path, value: object, words: str) -> None:
    data = minimal()
    data["screens"][0]["title"] = value  # type: ignore[index]
    with pytest.raises(ContentError) as caught:
        load(tmp_path, data)
    assert any(
        words in issue.message and issue.path == "screens[1].title" for issue in caught.value.issues
    ), [str(i) for i in caught.value.issues]


def test_a_language_listed_twice_is_an_error(tmp_path: Path) -> None:
    data = minimal(languages=[{"code": "en", "name": "English"}, {"code": "en", "name": "Eng"}])
    with pytest.raises(ContentError) as caught:
        load(tmp_path, data)
    assert any("en is listed twice" in i.message for i in caught.value.issues)


def test_a_placeholder_is_checked_in_every_language(tmp_path: Path) -> None:
    data = minimal(ui_text={"step": {"en": "Step {n} of {total}", "es": "Paso {m} de {total}"}})
    with pytest.raises(ContentError) as caught:
        load(tmp_path, data)
    [issue] = caught.value.issues
    assert issue.path == "ui_text.step.es"
    assert "unknown placeholder {m}" in issue.message


def test_a_language_without_built_in_words_gets_one_warning(tmp_path: Path) -> None:
    data = minimal(
        languages=[{"code": "en", "name": "English"}, {"code": "it", "name": "Italiano"}]
    )
    for screen in data["screens"]:  # type: ignore[attr-defined]
        screen["title"] = {"en": "T", "it": "T"}
        for block in screen.get("body", []):
            block["paragraph"] = {"en": "Words.", "it": "Parole."}
    data["self_check"]["questions"][0]["text"] = {"en": "Pain?", "it": "Dolore?"}  # type: ignore[index]
    for outcome in data["self_check"]["outcomes"]:  # type: ignore[index]
        outcome["title"] = {"en": "T", "it": "T"}
    loaded = load(tmp_path, data)
    words = [w for w in loaded.warnings if "kiosk's own words" in w.message]
    assert len(words) == 1
    assert "Italiano (it)" in words[0].message and "ui_text" in words[0].message
    assert not [w for w in loaded.warnings if "text here" in w.message]


def test_the_kiosk_words_are_built_in_for_seven_languages(tmp_path: Path) -> None:
    assert set(APP_WORDS) == {"en", "es", "fr", "de", "pt", "ar", "zh"}
    data = minimal(languages=[{"code": "en", "name": "English"}, {"code": "ar", "name": "العربية"}])
    for screen in data["screens"]:  # type: ignore[attr-defined]
        screen["title"] = {"en": "T", "ar": "ع"}
        for block in screen.get("body", []):
            block["paragraph"] = {"en": "Words.", "ar": "كلمات."}
    data["self_check"]["questions"][0]["text"] = {"en": "Pain?", "ar": "ألم؟"}  # type: ignore[index]
    for outcome in data["self_check"]["outcomes"]:  # type: ignore[index]
        outcome["title"] = {"en": "T", "ar": "ع"}
    loaded = load(tmp_path, data)
    assert not [w for w in loaded.warnings if "kiosk's own words" in w.message]
    arabic = loaded.content.in_language("ar")
    assert arabic.ui_text.next == "التالي"
    assert arabic.ui_text.regions["foot_left"] == "القدم اليسرى"
    assert arabic.clinic.welcome != loaded.content.clinic.welcome


def test_words_given_for_two_of_three_languages_keep_the_built_in_english() -> None:
    three = [
        {"code": "en", "name": "English"},
        {"code": "es", "name": "Español"},
        {"code": "fr", "name": "Français"},
    ]
    content = Content.model_validate(
        minimal(
            languages=three,
            ui_text={
                "next": {"es": "Adelante", "fr": "Continuer"},
                "regions": {"foot_left": {"es": "El pie izquierdo", "fr": "Le pied gauche"}},
            },
        )
    )
    english = content.in_language("en").ui_text
    assert english.next == "Next"
    assert english.regions["foot_left"] == "Left foot"
    assert content.in_language("es").ui_text.next == "Adelante"
    assert content.in_language("fr").ui_text.next == "Continuer"
    assert content.in_language("fr").ui_text.back == "Retour"


def test_a_missing_word_falls_back_to_the_built_in_word_then_the_first_language() -> None:
    languages = [
        {"code": "fr", "name": "Français"},
        {"code": "de", "name": "Deutsch"},
        {"code": "it", "name": "Italiano"},
    ]
    content = Content.model_validate(
        minimal(languages=languages, ui_text={"next": {"fr": "Avancer"}})
    )
    assert content.in_language("fr").ui_text.next == "Avancer"  # the clinic's own word
    assert content.in_language("de").ui_text.next == "Weiter"  # built in for German
    assert content.in_language("it").ui_text.next == "Avancer"  # the clinic's first language
    assert content.in_language("it").ui_text.back == "Retour"  # built in, first language


def test_a_booking_link_may_differ_per_language(tmp_path: Path) -> None:
    clinic = {
        "name": "Test Clinic",
        "booking_url": {"en": "https://book.example.org/en", "es": "https://book.example.org/es"},
        "website": "https://example.org",
    }
    loaded = load(tmp_path, minimal(clinic=clinic))
    assert not [w for w in loaded.warnings if "booking_url" in w.path]
    assert loaded.content.in_language("en").clinic.booking_url == "https://book.example.org/en"
    assert loaded.content.in_language("es").clinic.booking_url == "https://book.example.org/es"
    assert loaded.content.in_language("es").clinic.website == "https://example.org"


def test_a_bad_link_in_one_language_is_named(tmp_path: Path) -> None:
    clinic = {
        "name": "Test Clinic",
        "booking_url": {"en": "https://book.example.org/en", "es": "book.example.org/es"},
    }
    with pytest.raises(ContentError) as caught:
        load(tmp_path, minimal(clinic=clinic))
    [issue] = caught.value.issues
    assert issue.path == "clinic.booking_url" and issue.line
    assert "the 'es' link" in issue.message and "https://" in issue.message
    clinic["booking_url"] = {"en": "https://book.example.org/en", "es": "https://localhost/es"}
    with pytest.raises(ContentError) as caught:
        load(tmp_path, minimal(clinic=clinic))
    [issue] = caught.value.issues
    assert issue.path == "clinic.booking_url.es"


def test_a_value_that_cannot_differ_per_language_says_so(tmp_path: Path) -> None:
    data = minimal(brand={"primary": {"en": "#123456", "es": "#654321"}})
    with pytest.raises(ContentError) as caught:
        load(tmp_path, data)
    [issue] = caught.value.issues
    assert issue.path == "brand.primary"
    assert "the same in every language" in issue.message
    assert "quotes" not in issue.message


def test_a_regional_code_uses_its_language_words() -> None:
    languages = [{"code": "en", "name": "English"}, {"code": "pt-BR", "name": "Português"}]
    content = Content.model_validate(minimal(languages=languages))
    assert content.in_language("pt-BR").ui_text.next == "Seguinte"


def test_a_clinic_rewrites_a_built_in_word_per_language() -> None:
    content = Content.model_validate(minimal(ui_text={"next": {"en": "Onward", "es": "Adelante"}}))
    assert content.ui_text.next == "Onward"
    assert content.in_language("es").ui_text.next == "Adelante"
    assert content.in_language("es").ui_text.back == "Atrás"  # the others keep theirs


def test_the_built_in_words_are_complete_in_every_language() -> None:
    keys = set(UiText.model_fields) - {"regions"}
    for code, table in APP_WORDS.items():
        assert set(table) == keys, code
        assert set(REGION_WORDS[code]) == set(REGION_NAMES), code
        for key, text in table.items():
            assert text.strip(), (code, key)
            assert text.count("{") == APP_WORDS["en"][key].count("{"), (code, key)


# --- the session --------------------------------------------------------------------------


def test_the_visitor_changes_language_and_keeps_their_answers() -> None:
    session = Session(Content.model_validate(minimal()))
    session.start()
    session.show("question:pain")
    session.answer("pain", "yes")
    heard: list[SessionEvent] = []
    session.subscribe(heard.append)
    session.set_language("es")
    assert heard == [DisplayChanged(session.current)]  # the same screen, drawn again
    assert session.content.screens[0].title == "Hola"
    assert session.outcome().title == "Médico"
    assert session.answers == {"pain": "yes"}
    assert session.display == ("es", 1, False)
    with pytest.raises(KeyError):
        session.set_language("fr")


def test_reset_brings_back_the_default_language_size_contrast_and_motion() -> None:
    session = Session(Content.model_validate(minimal()))
    session.start()
    session.set_language("es")
    session.set_text_size(3)
    session.set_high_contrast(True)
    session.set_reduce_motion(True)
    session.reset("idle")
    assert session.current == ATTRACT
    assert session.display == ("en", 1, False)
    assert not session.reduce_motion
    assert session.content.screens[0].title == "Hello"


def test_text_size_stays_within_one_to_three() -> None:
    session = Session(Content.model_validate(minimal()))
    session.set_text_size(7)
    assert session.text_size == 3
    session.set_text_size(0)
    assert session.text_size == 1


# --- high contrast --------------------------------------------------------------------------


def test_high_contrast_has_seven_to_one_for_every_pair() -> None:
    rng = random.Random(5)
    brands = [Brand()] + [
        Brand(
            **{
                key: f"#{rng.randrange(1 << 24):06X}"
                for key in ("primary", "accent", "background", "surface", "text", "danger")
            }
        )
        for _ in range(300)
    ]
    for brand in brands:
        palette = high_contrast_palette(brand)
        for pair in CONTRAST_PAIRS:
            ratio = contrast_ratio(palette[pair.foreground], palette[pair.background])
            assert ratio >= HIGH_CONTRAST, (brand, pair, ratio)
        assert palette["background"] == "#FFFFFF" and palette["text"] == "#000000"


# --- reading level in every language order ------------------------------------------------

HARD_ENGLISH = (
    "Radiculopathy characteristically manifests as neuropathic discomfort radiating"
    " distally along the dermatomal distribution, frequently accompanied by paraesthesia,"
    " diminished reflexes and occasionally demonstrable myotomal weakness in the affected"
    " extremity."
)
HARD_SPANISH = (
    "La radiculopatía lumbosacra se manifiesta característicamente mediante sintomatología"
    " neuropática irradiada distalmente siguiendo la distribución dermatómica correspondiente,"
    " frecuentemente acompañada de parestesias, hiporreflexia e ocasionalmente debilidad"
    " miotómica demostrable en la extremidad afectada."
)
EASY_SPANISH = (
    "El dolor baja por la pierna. Suele ser de un lado. Puede arder o dar calambres."
    " Hable con su médico. Un masaje puede ayudar un poco. No cura el dolor."
)


def graded(
    tmp_path: Path, languages: list[str], paragraph: dict[str, str], titled: list[str] | None = None
) -> list[str]:
    names = {
        "en": "English",
        "en-GB": "English",
        "es": "Español",
        "ar": "العربية",
        "fr": "Français",
    }
    data = minimal(languages=[{"code": c, "name": names[c]} for c in languages])
    data["screens"][0]["body"] = [{"paragraph": paragraph}]  # type: ignore[index]
    data["screens"][0]["title"] = {c: "T" for c in titled or languages}  # type: ignore[index]
    return [w.message for w in load(tmp_path, data).warnings if "read" in w.message]


def test_the_english_words_are_graded_whatever_the_language_order(tmp_path: Path) -> None:
    for order in (["en", "es", "ar"], ["ar", "es", "en"], ["es", "ar", "en"]):
        texts = {"en": HARD_ENGLISH, "es": EASY_SPANISH, "ar": "كلمات كثيرة جدا هنا."}
        found = graded(tmp_path, order, texts)
        assert any("reads at grade" in m for m in found), order
    british = {"ar": "كلمات كثيرة جدا هنا.", "es": EASY_SPANISH, "en-GB": HARD_ENGLISH}
    found = graded(tmp_path, ["ar", "es", "en-GB", "en"], british, titled=list(british))
    assert any("reads at grade" in m for m in found)


def test_spanish_words_get_a_reading_ease_score(tmp_path: Path) -> None:
    hard = graded(tmp_path, ["en", "es"], {"en": "Easy words here.", "es": HARD_SPANISH})
    assert not any("reads at grade" in m for m in hard)
    assert any("es words of this screen score" in m and "Fernández-Huerta" in m for m in hard)
    easy = graded(tmp_path, ["en", "es"], {"en": "Easy words here.", "es": EASY_SPANISH})
    assert not any("reading ease" in m for m in easy)


def test_french_text_keeps_its_signs_with_their_words() -> None:
    """A French writer's space before ? ! : ; (and inside « ») is shown as a no-break space,
    so a line never starts with a lone sign; other languages, and an English text shown to a
    French visitor for want of a translation, are shown as written."""
    data = minimal(
        languages=[{"code": "en", "name": "English"}, {"code": "fr-CA", "name": "Français"}]
    )
    data["screens"][0]["title"] = {  # type: ignore[index]
        "en": "What is it? Ask us : now",
        "fr-CA": "Qu'est-ce que c'est ? Attention ! Note : ceci ; « cela »",
    }
    data["screens"][0]["body"] = [{"paragraph": {"en": "Really ?"}}]  # type: ignore[index]
    content = Content.model_validate(data)
    french = content.in_language("fr-CA")
    nbsp = "\u00a0"
    assert french.screens[0].title == (
        f"Qu'est-ce que c'est{nbsp}? Attention{nbsp}! Note{nbsp}: ceci{nbsp}; «{nbsp}cela{nbsp}»"
    )
    assert french.screens[0].body[0].paragraph == "Really ?"  # English, as written
    assert content.in_language("en").screens[0].title == "What is it? Ask us : now"
    # a file in French only, in plain strings: they are French
    only = minimal(languages=[{"code": "fr", "name": "Français"}])
    only["clinic"] = {"name": "Clinique", "welcome": "Bienvenue ! Une question ?"}
    assert Content.model_validate(only).in_language("fr").clinic.welcome == (
        f"Bienvenue{nbsp}! Une question{nbsp}?"
    )
