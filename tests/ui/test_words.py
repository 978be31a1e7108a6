"""Words where a number or a button meets a word (issue 27): CLDR plurals in the countdown,
French typography in the kiosk's own French, and hints that name the button as it reads."""

from __future__ import annotations

import logging

import pytest
from kioskpage import KioskPage, control_of, shown_screen
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot
from uihelpers import ROOT, make_window, variant

from kiosk.content import LoadedContent, load_content
from kiosk.core.access import verify_pin
from kiosk.core.session import Session
from kiosk.ui.context import UiContext
from kiosk.ui.still_there import StillThere

NAKHEEL = ROOT / "examples" / "nakheel-physio" / "content.yaml"
RIDGEWAY = ROOT / "examples" / "ridgeway-knee" / "content.yaml"


def countdown_words(qtbot: QtBot, loaded: LoadedContent, language: str, seconds: int) -> str:
    """The words "Still there?" says to a visitor reading `language` with `seconds` left: the
    panel alone, as the idle watcher shows it."""
    session = Session(loaded.content)
    session.start()
    session.set_language(language)
    holder = QWidget()
    qtbot.addWidget(holder)
    panel = StillThere(UiContext.for_session(loaded, session, QSize(1920, 1080)), holder)
    panel.show_seconds(seconds)
    return panel.message.text()


@pytest.mark.parametrize(
    ("language", "seconds", "expected"),
    [
        ("en", 1, "start again in 1 second and"),
        ("en", 9, "start again in 9 seconds and"),
        ("es", 1, "empezar en 1 segundo y"),
        ("es", 9, "empezar en 9 segundos y"),
    ],
)
def test_the_countdown_counts_in_the_visitors_plural(
    qtbot: QtBot, loaded: LoadedContent, language: str, seconds: int, expected: str
) -> None:
    assert expected in countdown_words(qtbot, loaded, language, seconds)


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(1, "بعد ثانية واحدة"), (2, "بعد ثانيتين"), (9, "بعد 9 ثوانٍ"), (20, "بعد 20 ثانية")],
)
def test_the_arabic_countdown_has_its_six_forms(qtbot: QtBot, seconds: int, expected: str) -> None:
    """«بعد 9 ثانية» (tester): three to ten take the plural."""
    assert expected in countdown_words(qtbot, load_content(NAKHEEL), "ar", seconds)


def test_the_french_toggles_set_a_space_before_the_colon(qtbot: QtBot) -> None:
    """«Contraste élevé: Désactivé»: French sets a no-break space before a colon."""
    source = ROOT / "content.yaml"
    text = source.read_text("utf-8").replace(
        "    name: Español\n", "    name: Español\n  - code: fr\n    name: Français\n", 1
    )
    assert "name: Français" in text
    loaded = variant(source, text, ".french.yaml")
    page = KioskPage(qtbot, make_window(qtbot, loaded, QSize(1920, 1080)))
    page.tap("Français")  # on the start screen
    page.tap_widget(page.control("beginButton"))
    page.tap("Plus facile à voir et à utiliser")
    assert page.has("Contraste élevé\u00a0: Désactivé")


def test_the_hint_names_the_button_as_it_reads(qtbot: QtBot) -> None:
    """ "Choose all that fit, then tap Next." stood over a button that said "See my result"."""
    window = make_window(qtbot, load_content(RIDGEWAY), QSize(1920, 1080))
    page = KioskPage(qtbot, window)
    page.start_visit()
    last = page.content.self_check.questions[-1]
    page.go(f"question:{last.id}", remember=True)
    button = control_of(window, "nextButton").text()
    assert button == "See my result"
    hints = [
        label.text()
        for label in shown_screen(window).findChildren(QLabel)
        if label.isVisible() and "then tap" in label.text()
    ]
    assert hints and all(f"tap {button}" in hint for hint in hints), hints
    page.go(f"question:{page.content.self_check.questions[-2].id}", remember=True)
    earlier = [
        label.text()
        for label in shown_screen(window).findChildren(QLabel)
        if label.isVisible() and "then tap" in label.text()
    ]
    assert all("tap Next" in hint for hint in earlier), earlier


def test_the_log_counts_tries_in_english(
    qtbot: QtBot, loaded: LoadedContent, caplog: pytest.LogCaptureFixture
) -> None:
    page = KioskPage(qtbot, make_window(qtbot, loaded, QSize(1920, 1080)))
    page.open_pin_pad()
    caplog.set_level(logging.WARNING)
    assert loaded.content.staff is not None
    wrong = "1111" if verify_pin("0000", loaded.content.staff.pin_hash) else "0000"
    lines = []
    for _ in range(4):
        page.enter_pin(wrong)
        lines += [r.getMessage() for r in caplog.records if "wrong staff PIN" in r.getMessage()]
        caplog.clear()
    assert any("1 try left" in line for line in lines), lines
    assert not any("1 tries" in line for line in lines), lines


def test_the_hint_names_the_button_the_clinic_renamed(qtbot: QtBot) -> None:
    """A clinic that calls Next "Continue" (the guide's own example) gets hints that say
    "then tap Continue", in each language (clinic tester: the hints still said "Next" and
    "Suivant" beside "Continue" and "Continuer")."""
    text = RIDGEWAY.read_text("utf-8")
    renamed = text.replace("\nui_text:\n", "\nui_text:\n  next: Continue\n", 1)
    assert renamed != text
    window = make_window(qtbot, variant(RIDGEWAY, renamed, "renamed.yaml"), QSize(1920, 1080))
    page = KioskPage(qtbot, window)
    page.start_visit()
    page.go("question:pain_now", remember=True)  # a scale: "Tap a number, then tap ..."
    assert control_of(window, "nextButton").text() == "Continue"
    hints = [
        label.text()
        for label in shown_screen(window).findChildren(QLabel)
        if label.isVisible() and "then tap" in label.text()
    ]
    assert hints and all("tap Continue." in hint for hint in hints), hints
