"""The built-in words' gettext catalogues, and the locale's plurals and dates (no Qt)."""

from __future__ import annotations

import string
from datetime import date
from pathlib import Path

import pytest
from arabic import singular_address
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from kiosk.content.app_words import CATALOGUES, count, format_date, staff_word
from kiosk.content.catalogue import LOCALE_DIR, read_catalogue

SHIPPED = ("en", "es", "fr", "de", "pt", "ar", "zh")
DRAFTS = ("fr", "de", "pt", "ar", "zh")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_kiosk_ships_words_for_seven_languages() -> None:
    assert set(CATALOGUES) == set(SHIPPED)
    assert sorted(p.stem for p in LOCALE_DIR.glob("*.po")) == sorted(SHIPPED[1:])


@pytest.mark.parametrize("code", SHIPPED[1:])
def test_every_catalogue_has_every_word_with_its_placeholders(code: str) -> None:
    english, catalogue = CATALOGUES["en"], CATALOGUES[code]
    assert set(catalogue.words) == set(english.words)
    assert set(catalogue.plurals) == set(english.plurals)
    for key, text in english.words.items():
        assert placeholders(catalogue.words[key]) == placeholders(text), (code, key)
    for key, forms in catalogue.plurals.items():
        assert all(forms), (code, key)
        for form in forms:
            assert placeholders(form) <= placeholders(english.plurals[key][-1]), (code, key)


@pytest.mark.parametrize("code", SHIPPED[1:])
def test_every_msgstr_keeps_its_own_msgids_placeholders(code: str) -> None:
    """Each entry of the .po against its own msgid (a stale msgid would pass the test above):
    a word keeps every placeholder; each plural form keeps every one but {n}, which a form
    may say in words ("ثانية واحدة", "يومان"), and some form of the entry shows {n}."""
    with (LOCALE_DIR / f"{code}.po").open("rb") as po:
        catalog = read_po(po)
    checked = 0
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, str):
            assert isinstance(message.string, str)
            assert placeholders(message.string) == placeholders(message.id), message.context
        else:
            wanted = placeholders(message.id[-1])
            forms = [str(form) for form in message.string]
            for form in forms:
                assert wanted - {"n"} <= placeholders(form) <= wanted, (message.context, form)
            if "n" in wanted:
                assert any("n" in placeholders(form) for form in forms), message.context
        checked += 1
    assert checked == len(CATALOGUES[code].words) + len(CATALOGUES[code].plurals)


def test_the_built_in_arabic_speaks_in_the_polite_plural() -> None:
    """Arabic clinics write to their visitors in the polite plural (اضغطوا، هل لديكم); the
    kiosk's own words on the same screen did so to one man (اضغط، هل لديك): no msgstr keeps a
    singular form of the kiosk's verbs or pronouns."""
    with (LOCALE_DIR / "ar.po").open("rb") as po:
        catalog = read_po(po)
    singular: dict[str | None, list[str]] = {}
    for message in catalog:
        if message.id:
            forms = [message.string] if isinstance(message.string, str) else message.string
            found = [word for form in forms for word in singular_address(str(form))]
            if found:
                singular[message.context] = found
    assert singular == {}
    words = CATALOGUES["ar"].words
    assert words["ui_text.touch_to_begin"] == "المسوا الشاشة للبدء"
    assert words["ui_text.choose_all"] == "اختاروا كل ما ينطبق عليكم، ثم المسوا «{button}»."
    assert words["ui_text.still_there"] == "هل ما زلتم هنا؟"
    assert words["ui_text.still_here"] == "ما زلتُ هنا"  # the visitor's own words: I
    assert words["ui_text.voice_begin"] == "اضغطوا Enter للبدء."
    assert count("ar", "locked", 9) == "محاولات خاطئة كثيرة. حاولوا مرة أخرى بعد 9 ثوانٍ."


@pytest.mark.parametrize("code", SHIPPED[1:])
def test_plural_forms_are_cldrs_as_babel_gives_them(code: str) -> None:
    catalogue = CATALOGUES[code]
    expected = get_plural(code)
    assert (
        catalogue.plural_forms == f"nplurals={expected.num_plurals}; plural={expected.plural_expr};"
    )
    for key, forms in catalogue.plurals.items():
        assert len(forms) == expected.num_plurals, (code, key)


def test_drafts_are_marked_fuzzy_for_a_native_speaker_to_check() -> None:
    for code in DRAFTS:
        assert CATALOGUES[code].fuzzy == set(CATALOGUES[code].words) | set(
            CATALOGUES[code].plurals
        ), code
    assert not CATALOGUES["es"].fuzzy
    text = (LOCALE_DIR / "ar.po").read_text(encoding="utf-8")
    assert "native speaker" in text and "#, fuzzy" in text


def test_a_catalogue_is_read_as_translators_tools_write_it(tmp_path: Path) -> None:
    po = tmp_path / "it.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: it\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgctxt "ui_text.next"\nmsgid "Next"\nmsgstr "Avanti"\n\n'
        'msgctxt "staff.visits"\nmsgid "{n} visit"\nmsgid_plural "{n} visits"\n'
        'msgstr[0] "{n} visita"\nmsgstr[1] "{n} visite"\n',
        encoding="utf-8",
    )
    italian = read_catalogue(po, "it")
    assert italian.words == {"ui_text.next": "Avanti"}
    assert [italian.count("staff.visits", n) for n in (1, 2)] == ["1 visita", "2 visite"]


def test_one_try_two_tries() -> None:
    assert count("en", "tries_left", 1) == "That PIN is not right. 1 try left."
    assert count("en", "tries_left", 2) == "That PIN is not right. 2 tries left."
    assert count("en", "visits", 1) == "1 visit"
    assert count("en", "visits", 2) == "2 visits"
    assert count("de", "visits", 1) == "1 Besuch"


def test_arabic_has_six_plural_forms() -> None:
    days = {n: count("ar", "days", n) for n in (0, 1, 2, 7, 30, 100)}
    assert days[1] == "يوم واحد"
    assert days[2] == "يومان"
    assert days[7] == "7 أيام"  # 3 to 10
    assert days[30] == "30 يومًا"  # 11 to 99
    assert len(set(days.values())) == 6


def test_a_language_without_words_counts_in_english() -> None:
    assert count("it", "visits", 2) == "2 visits"
    assert count("pt-BR", "visits", 2) == "2 visitas"
    assert staff_word("it", "reset_now") == "Reset now"
    assert staff_word("fr", "reset_now") == "Réinitialiser"


def test_dates_come_from_the_locale() -> None:
    day = date(2026, 11, 20)
    assert format_date(day, "fr") == "20 novembre 2026"
    assert format_date(day, "es") == "20 de noviembre de 2026"
    assert format_date(day, "en-GB") == "20 November 2026"
    assert "نوفمبر" in format_date(day, "ar")
    assert format_date(day, "zh") == "2026年11月20日"
    assert format_date(day, "xx") == format_date(day, "en")


def test_lists_are_joined_as_the_language_writes_them() -> None:
    from kiosk.content.app_words import join_words

    assert join_words(["Swedish massage", "Deep tissue"], "en") == "Swedish massage and Deep tissue"
    assert join_words(["تمارين علاجية", "العلاج اليدوي"], "ar") == "تمارين علاجية والعلاج اليدوي"
    assert join_words(["A", "B", "C"], "es") == "A, B y C"
    # Spanish "y" is "e" before the sound i, except in hie-/hia- (CLDR's list does not know)
    assert join_words(["español", "inglés"], "es") == "español e inglés"
    assert join_words(["francés", "árabe", "hindi"], "es-MX") == "francés, árabe e hindi"
    assert join_words(["agua", "hielo"], "es") == "agua y hielo"
    assert join_words(["Swedish", "inglés"], "en") == "Swedish and inglés"
    assert join_words([], "fr") == ""


def test_the_french_staff_words_keep_their_signs_with_their_words() -> None:
    """The staff screens in French: the space before ":" or ";" is a no-break space, as in
    the visitor's words, so no line of the panel starts with a lone ":"."""
    nbsp = "\u00a0"
    assert staff_word("fr", "today") == f"Aujourd\u2019hui{nbsp}: {{counts}}"
    assert f"seulement{nbsp}: rien" in staff_word("fr", "counts_only")
    small = count("fr", "small_days", 2, min=5)
    assert " :" not in small and f"{nbsp}:" in small
    assert staff_word("en", "today") == "Today: {counts}"
