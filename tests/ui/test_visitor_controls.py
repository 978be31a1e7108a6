"""The visitor's own controls: language (top bar and attract screen), text size, high
contrast, reduce motion and read-aloud; all of them go back to normal at the reset."""

from __future__ import annotations

import dataclasses

import pytest
from kioskpage import KioskPage
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot
from uihelpers import build_window, make_window

from kiosk.content import LoadedContent
from kiosk.content.colors import contrast_ratio
from kiosk.content.model import Language
from kiosk.core.control import Kiosk
from kiosk.core.place import ATTRACT, Place
from kiosk.core.readaloud import script_for
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.speech import FakeSpeaker
from kiosk.ui.theme import load_fonts


def tap(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def title_of(window: KioskWindow) -> str:
    labels = [
        label
        for label in window.current_page().findChildren(QLabel)
        if label.property("role") in ("title", "question") and label.isVisible()
    ]
    return labels[0].text()


def speaking_window(
    qtbot: QtBot, loaded: LoadedContent, speaker: FakeSpeaker, size: QSize | None = None
) -> KioskWindow:
    window = build_window(
        qtbot,
        Kiosk(loaded),
        size or QSize(1920, 1080),
        tap_guard_seconds=0,
        transition_ms=0,
        speaker=speaker,
        fonts=load_fonts(None),
    )
    return window


def test_the_language_button_switches_and_keeps_the_screen_and_answers(
    qtbot: QtBot, window: KioskWindow
) -> None:
    session = window.session
    session.start()
    session.show("question:both_legs")
    session.answers["where"] = ["lower_back"]
    assert title_of(window).startswith("Do you have")
    button = window.frame.access_bar.language
    assert button.text() == "Español"  # the other language, in its own name
    tap(qtbot, button)
    assert session.current.name == "question:both_legs"
    assert session.answers == {"where": ["lower_back"]}
    assert title_of(window).startswith("¿")
    assert (
        window.frame.back_button.text() == "Atrás"
        and window.frame.next_button.text() == "Siguiente"
    )
    tap(qtbot, window.frame.access_bar.language)
    assert window.frame.access_bar.language.text() == "Español"
    assert title_of(window).startswith("Do you have")


def test_the_attract_screen_offers_each_language_and_does_not_begin(
    qtbot: QtBot, window: KioskWindow
) -> None:
    assert [b.text() for b in window.page_for(ATTRACT).language_buttons] == ["English", "Español"]
    tap(qtbot, window.page_for(ATTRACT).language_buttons[1])
    assert window.session.current.name == "attract"
    assert window.page_for(ATTRACT).begin.text() == "Toque para empezar"
    assert window.page_for(ATTRACT).language_buttons[1].isChecked()
    tap(qtbot, window.page_for(ATTRACT).begin)
    assert window.session.current.name == "screen:welcome"
    assert title_of(window) == "Le damos la bienvenida a Willow Street"


def test_one_language_shows_no_language_controls(qtbot: QtBot, loaded: LoadedContent) -> None:
    content = loaded.content.model_copy(update={"languages": [Language(code="en", name="English")]})
    window = make_window(qtbot, dataclasses.replace(loaded, content=content), QSize(1920, 1080))
    assert window.page_for(ATTRACT).language_buttons == []
    window.session.start()
    assert not window.frame.access_bar.language.isVisible()


def test_three_languages_open_a_chooser(qtbot: QtBot, loaded: LoadedContent) -> None:
    languages = [*loaded.content.languages, Language(code="fr", name="Français")]
    content = loaded.content.model_copy(update={"languages": languages})
    window = make_window(qtbot, dataclasses.replace(loaded, content=content), QSize(1920, 1080))
    window.session.start()
    tap(qtbot, window.frame.access_bar.language)
    panel = window.overlays.get("language_panel")
    assert panel.isVisible()
    names = [b.text() for b in panel.findChildren(QPushButton) if b.isCheckable()]
    assert names == ["English", "Español", "Français"]
    tap(qtbot, panel.findChild(QPushButton, "language_es"))
    assert window.session.shown_language == "es"
    assert not window.overlays.get("language_panel").isVisible()


def test_text_size_grows_the_words_and_the_panel_stays_open(
    qtbot: QtBot, window: KioskWindow
) -> None:
    session = window.session
    session.start()
    before = window.current_page().findChild(QLabel).fontInfo().pixelSize()
    tap(qtbot, window.frame.access_bar.access)
    assert window.overlays.get("access_panel").isVisible()
    tap(qtbot, window.overlays.get("access_panel").findChild(QPushButton, "textSize3"))
    assert session.text_size == 3 and window.built_for[1] == 3
    assert window.overlays.get(
        "access_panel"
    ).isVisible()  # the new panel, open where the old one was
    assert window.overlays.get("access_panel").findChild(QPushButton, "textSize3").isChecked()
    after = window.current_page().findChild(QLabel).fontInfo().pixelSize()
    assert after >= before * 1.3
    assert session.current.name == "screen:welcome"


def test_high_contrast_draws_black_on_white(qtbot: QtBot, window: KioskWindow) -> None:
    session = window.session
    session.start()
    window.panels.open("access_panel")
    tap(qtbot, window.overlays.get("access_panel").contrast)
    assert session.high_contrast
    assert window.ctx.palette.background == "#FFFFFF" and window.ctx.palette.text == "#000000"
    assert window.overlays.get("access_panel").contrast.text().endswith("On")
    window.overlays.get("access_panel").hide()
    image = window.grab().toImage()
    corner = window.current_page().mapTo(window, QPoint(4, 4))
    assert image.pixelColor(corner) == QColor("#FFFFFF")


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high contrast"])
def test_next_can_be_read_before_it_can_be_tapped(
    qtbot: QtBot, window: KioskWindow, high_contrast: bool
) -> None:
    """On a question not yet answered, Next is greyed out but its words stand out from its
    own background (3:1, 7:1 in high contrast), not grey on grey."""
    window.session.set_high_contrast(high_contrast)
    window.session.show("question:pain_now")
    qtbot.wait(10)
    page = KioskPage(qtbot, window)
    button = page.button("Next")
    assert not button.isEnabled()
    image = button.grab().toImage()
    inside = image.pixelColor(image.width() // 2, image.height() // 8)  # its background
    ink = min(
        (image.pixelColor(x, image.height() // 2) for x in range(image.width())),
        key=lambda c: contrast_ratio(c.name(), "#000000"),
    )  # the darkest pixel of its words
    assert contrast_ratio(ink.name(), inside.name()) >= (7.0 if high_contrast else 3.0) * 0.95


def test_reduce_motion_stops_the_fades(qtbot: QtBot, loaded: LoadedContent) -> None:
    window = build_window(
        qtbot,
        Kiosk(loaded),
        QSize(1920, 1080),
        tap_guard_seconds=0,
        transition_ms=200,
        fonts=load_fonts(None),
    )
    session = window.session
    session.start()
    window.panels.open("access_panel")
    tap(qtbot, window.overlays.get("access_panel").motion)
    assert session.reduce_motion
    assert window.overlays.get("access_panel").motion.isChecked()
    assert window.overlays.get("access_panel").motion.text().endswith("On")
    window.overlays.get("access_panel").hide()
    session.next()
    assert window.fade.duration_ms == 0 and not window.fade.isVisible()
    session.reset("finish")
    assert window.fade.duration_ms == 200  # the next visitor gets the calm fade again
    assert window.page_for(ATTRACT).animate


def test_the_reset_puts_everything_back(qtbot: QtBot, window: KioskWindow) -> None:
    session = window.session
    session.start()
    for change in (
        lambda: session.set_language("es"),
        lambda: session.set_text_size(2),
        lambda: session.set_high_contrast(True),
    ):
        change()
        qtbot.wait(1)  # as the event loop does: the old pages are deleted before the next
    window.panels.open("access_panel")
    session.reset("idle")
    assert window.built_for == ("en", 1, False)
    assert window.page_for(ATTRACT).begin.text() == "Touch to begin"
    assert not window.overlays.get("access_panel").isVisible()
    assert window.ctx.palette.background == window.kiosk.loaded.content.brand.background.upper()


def test_read_aloud_reads_the_screen_in_the_visitors_language(
    qtbot: QtBot, loaded: LoadedContent
) -> None:
    speaker = FakeSpeaker()
    window = speaking_window(qtbot, loaded, speaker)
    session = window.session
    session.start()
    session.show("question:both_legs")
    speaker_button = window.frame.access_bar.speaker
    assert speaker_button.isVisible()
    tap(qtbot, speaker_button)
    text, language = speaker.spoken[-1]
    assert language == "en"
    assert text == script_for(session.content, Place.parse("question:both_legs"))
    assert "both of your legs" in text and "Yes" in text and "No" in text
    assert speaker.speaking and speaker_button.isChecked()
    assert speaker_button.accessibleName() == "Stop reading"
    tap(qtbot, speaker_button)  # a second tap stops
    assert not speaker.speaking and not speaker_button.isChecked()
    session.set_language("es")
    tap(qtbot, window.frame.access_bar.speaker)
    text, language = speaker.spoken[-1]
    assert language == "es" and "Sí" in text


def test_read_aloud_stops_when_the_visitor_moves_on(qtbot: QtBot, loaded: LoadedContent) -> None:
    speaker = FakeSpeaker()
    window = speaking_window(qtbot, loaded, speaker)
    session = window.session
    session.start()
    tap(qtbot, window.frame.access_bar.speaker)
    assert speaker.speaking
    tap(qtbot, window.frame.next_button)
    assert not speaker.speaking
    assert not window.frame.access_bar.speaker.isChecked()
    tap(qtbot, window.frame.access_bar.speaker)
    session.reset("idle")
    assert not speaker.speaking


def test_read_aloud_reads_the_result(qtbot: QtBot, loaded: LoadedContent) -> None:
    speaker = FakeSpeaker()
    window = speaking_window(qtbot, loaded, speaker)
    session = window.session
    session.start()
    session.show("result:see_doctor")
    tap(qtbot, window.frame.access_bar.speaker)
    text, _ = speaker.spoken[-1]
    assert "See your doctor first" in text


def test_the_speaker_hides_without_a_voice(qtbot: QtBot, loaded: LoadedContent) -> None:
    silent = speaking_window(qtbot, loaded, FakeSpeaker(available=False))
    silent.session.start()
    assert not silent.frame.access_bar.speaker.isVisible()
    speaker = FakeSpeaker()
    window = speaking_window(qtbot, loaded, speaker)
    window.session.start()
    assert window.frame.access_bar.speaker.isVisible()
    speaker.available = False  # the engine broke
    assert not window.frame.access_bar.speaker.isVisible()


def test_dates_are_written_in_the_visitors_language(qtbot: QtBot, window: KioskWindow) -> None:
    session = window.session
    session.start()
    session.set_language("es")
    session.show("result:see_doctor")
    sources = window.current_page().findChild(QLabel, "sources")
    assert sources is not None
    assert "Revisado: 1 de noviembre de 2026" in sources.text()
    assert "November" not in sources.text()
