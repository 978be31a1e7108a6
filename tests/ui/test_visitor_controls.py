"""The visitor's own controls: language (top bar and attract screen), text size, high
contrast, reduce motion and read-aloud; all of them go back to normal at the reset."""

from __future__ import annotations

import dataclasses

import pytest
from fakes import FakeClock
from kioskpage import ACCESS_PANEL, LANGUAGE_PANEL, KioskPage
from PySide6.QtCore import QPoint, QSize
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from uihelpers import build_window, make_window, window_for

from kiosk.content import LoadedContent
from kiosk.content.colors import contrast_ratio
from kiosk.content.model import Language
from kiosk.core.control import Kiosk
from kiosk.core.place import Place
from kiosk.core.readaloud import script_for
from kiosk.ui.speech import FakeSpeaker
from kiosk.ui.theme import load_fonts


def speaking_window(
    qtbot: QtBot, loaded: LoadedContent, speaker: FakeSpeaker, size: QSize | None = None
) -> KioskPage:
    window = build_window(
        qtbot,
        Kiosk(loaded),
        size or QSize(1920, 1080),
        tap_guard_seconds=0,
        transition_ms=0,
        speaker=speaker,
        fonts=load_fonts(None),
    )
    return KioskPage(qtbot, window)


def test_the_language_button_switches_and_keeps_the_screen_and_answers(
    page: KioskPage, kiosk: Kiosk
) -> None:
    session = kiosk.session
    page.go("question:both_legs")
    session.answers["where"] = ["lower_back"]
    assert page.heading().startswith("Do you have")
    page.tap("Español")  # the other language, in its own name
    assert page.screen() == "question:both_legs"
    assert session.answers == {"where": ["lower_back"]}
    assert page.heading().startswith("¿")
    assert page.has("Atrás") and page.has("Siguiente")
    assert not page.has("Back") and not page.has("Next")
    page.tap("English")
    assert page.has("Español")
    assert page.heading().startswith("Do you have")


def test_the_attract_screen_offers_each_language_and_does_not_begin(page: KioskPage) -> None:
    assert [words for words in page.answers()] == ["English", "Español"]
    page.tap("Español")
    assert page.screen() == "attract"
    assert page.has("Toque para empezar")
    assert page.answers() == {"English": False, "Español": True}
    page.tap("Toque para empezar")
    assert page.screen() == "screen:welcome"
    assert page.heading() == "Le damos la bienvenida a Willow Street"


def test_one_language_shows_no_language_controls(qtbot: QtBot, loaded: LoadedContent) -> None:
    content = loaded.content.model_copy(update={"languages": [Language(code="en", name="English")]})
    window = make_window(qtbot, dataclasses.replace(loaded, content=content), QSize(1920, 1080))
    page = KioskPage(qtbot, window)
    assert page.answers() == {}
    assert not page.has("English")
    page.tap("Touch to begin")
    assert page.screen() == "screen:welcome"
    assert not page.has("English") and not page.has("Choose your language")


def test_three_languages_open_a_chooser(qtbot: QtBot, loaded: LoadedContent) -> None:
    languages = [*loaded.content.languages, Language(code="fr", name="Français")]
    content = loaded.content.model_copy(update={"languages": languages})
    kiosk = Kiosk(dataclasses.replace(loaded, content=content))
    page = KioskPage(qtbot, window_for(qtbot, kiosk, QSize(1920, 1080)))
    page.tap("Touch to begin")
    page.tap("Language")  # three languages: no one other to name
    assert page.is_open(LANGUAGE_PANEL)
    assert list(page.layer_answers(LANGUAGE_PANEL)) == ["English", "Español", "Français"]
    page.tap("Español")
    assert kiosk.session.shown_language == "es"
    assert not page.is_open(LANGUAGE_PANEL)


def test_text_size_grows_the_words_and_the_panel_stays_open(page: KioskPage) -> None:
    page.tap("Touch to begin")
    before = page.shown().findChild(QLabel).fontInfo().pixelSize()
    page.tap("Easier to see and use")
    assert page.is_open(ACCESS_PANEL)
    page.tap("Largest")
    assert page.is_open(ACCESS_PANEL)  # the new panel, open where the old one was
    assert page.layer_answers(ACCESS_PANEL)["Largest"]
    after = page.shown().findChild(QLabel).fontInfo().pixelSize()
    assert after >= before * 1.3
    assert page.screen() == "screen:welcome"


def test_high_contrast_draws_black_on_white(page: KioskPage, kiosk: Kiosk) -> None:
    page.tap("Touch to begin")
    page.tap("Easier to see and use")
    page.tap("High contrast")
    assert kiosk.session.high_contrast
    assert page.button("High contrast").text().endswith("On")
    page.tap("Close")
    assert not page.is_open(ACCESS_PANEL)
    image = page.grab()
    shown = page.shown()
    for corner in (QPoint(4, 4), QPoint(shown.width() - 4, shown.height() - 4)):
        assert image.pixelColor(page.where(shown, corner)) == QColor("#FFFFFF")
    words = [label for label in page.labels() if label.property("role") == "body"]
    assert words and all(
        label.palette().color(label.foregroundRole()) == QColor("#000000") for label in words
    )


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high contrast"])
def test_next_can_be_read_before_it_can_be_tapped(
    page: KioskPage, kiosk: Kiosk, high_contrast: bool
) -> None:
    """On a question not yet answered, Next is greyed out but its words stand out from its
    own background (3:1, 7:1 in high contrast), not grey on grey."""
    kiosk.session.set_high_contrast(high_contrast)
    page.go("question:pain_now")
    page.settle(10)
    button = page.button("Next")
    assert not button.isEnabled()
    image = button.grab().toImage()
    inside = image.pixelColor(image.width() // 2, image.height() // 8)  # its background
    ink = min(
        (image.pixelColor(x, image.height() // 2) for x in range(image.width())),
        key=lambda c: contrast_ratio(c.name(), "#000000"),
    )  # the darkest pixel of its words
    assert contrast_ratio(ink.name(), inside.name()) >= (7.0 if high_contrast else 3.0) * 0.95


def test_reduce_motion_stops_the_fades(
    qtbot: QtBot, loaded: LoadedContent, clock: FakeClock
) -> None:
    kiosk = Kiosk(loaded)
    window = build_window(
        qtbot, kiosk, QSize(1920, 1080), clock=clock, tap_guard_seconds=0, transition_ms=200
    )
    page = KioskPage(qtbot, window)
    page.tap("Touch to begin")
    assert page.fading()  # the calm fade, before the visitor asks for none
    clock.now += 1  # taps wait while a screen fades in
    page.tap("Easier to see and use")
    page.tap("Reduce motion")
    assert kiosk.session.reduce_motion
    assert page.layer_answers(ACCESS_PANEL)[page.button("Reduce motion").text()]
    assert page.button("Reduce motion").text().endswith("On")
    page.tap("Close")
    page.tap("Next")
    assert page.screen() != "screen:welcome" and not page.fading()
    kiosk.session.reset("finish")
    page.settle()
    assert page.shown().animate  # the start screen's slides move again
    page.tap("Touch to begin")
    assert page.fading()  # the next visitor gets the calm fade again


def test_the_reset_puts_everything_back(page: KioskPage, kiosk: Kiosk, qtbot: QtBot) -> None:
    session = kiosk.session
    session.start()
    for change in (
        lambda: session.set_language("es"),
        lambda: session.set_text_size(2),
        lambda: session.set_high_contrast(True),
    ):
        change()
        qtbot.wait(1)  # as the event loop does: the old pages are deleted before the next
    page.tap("Más fácil de ver y usar")
    assert page.is_open(ACCESS_PANEL)
    session.reset("idle")
    assert not page.is_open(ACCESS_PANEL)
    assert page.has("Touch to begin")
    page.tap("Touch to begin")
    background = page.grab().pixelColor(page.where(page.shown(), QPoint(4, 4)))
    assert background == QColor(kiosk.loaded.content.brand.background)
    page.tap("Easier to see and use")
    sizes = page.layer_answers(ACCESS_PANEL)
    assert sizes["Normal"] and not sizes["Larger"] and not sizes["Largest"]
    assert page.button("High contrast").text().endswith("Off")


def test_read_aloud_reads_the_screen_in_the_visitors_language(
    qtbot: QtBot, loaded: LoadedContent
) -> None:
    speaker = FakeSpeaker()
    page = speaking_window(qtbot, loaded, speaker)
    page.go("question:both_legs")
    speaker_button = page.button("Read aloud")
    page.tap("Read aloud")
    text, language = speaker.spoken[-1]
    assert language == "en"
    assert text == script_for(loaded.content, Place.parse("question:both_legs"))
    assert "both of your legs" in text and "Yes" in text and "No" in text
    assert speaker.speaking and speaker_button.isChecked()
    assert speaker_button.accessibleName() == "Stop reading"
    page.tap("Stop reading")  # a second tap stops
    assert not speaker.speaking and not speaker_button.isChecked()
    page.tap("Español")
    page.tap("Escuchar")
    text, language = speaker.spoken[-1]
    assert language == "es" and "Sí" in text


def test_read_aloud_stops_when_the_visitor_moves_on(qtbot: QtBot, loaded: LoadedContent) -> None:
    speaker = FakeSpeaker()
    page = speaking_window(qtbot, loaded, speaker)
    page.tap("Touch to begin")
    page.tap("Read aloud")
    assert speaker.speaking
    page.tap("Next")
    assert not speaker.speaking
    assert not page.button("Read aloud").isChecked()
    page.tap("Read aloud")
    assert speaker.speaking
    page.end_visit("idle")  # the visitor walked away
    assert not speaker.speaking


def test_read_aloud_reads_the_result(qtbot: QtBot, loaded: LoadedContent) -> None:
    speaker = FakeSpeaker()
    page = speaking_window(qtbot, loaded, speaker)
    page.go("result:see_doctor")
    page.tap("Read aloud")
    text, _ = speaker.spoken[-1]
    assert "See your doctor first" in text


def test_the_speaker_hides_without_a_voice(qtbot: QtBot, loaded: LoadedContent) -> None:
    silent = speaking_window(qtbot, loaded, FakeSpeaker(available=False))
    silent.tap("Touch to begin")
    assert not silent.has("Read aloud")
    speaker = FakeSpeaker()
    page = speaking_window(qtbot, loaded, speaker)
    page.tap("Touch to begin")
    assert page.has("Read aloud")
    speaker.available = False  # the engine broke
    assert not page.has("Read aloud")


def test_dates_are_written_in_the_visitors_language(page: KioskPage, kiosk: Kiosk) -> None:
    kiosk.session.start()
    kiosk.session.set_language("es")
    page.go("result:see_doctor")
    sources = page.shown().findChild(QLabel, "sources")
    assert sources is not None and sources.isVisible()
    assert "Revisado: 1 de noviembre de 2026" in sources.text()
    assert "November" not in sources.text()
