"""Where no voice can read aloud (none installed, or it fails), the kiosk says so in words,
in the visitor's language (tester: the speaker button looked as if it did something)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from kioskpage import ACCESS_PANEL, KioskPage
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot
from seen import faults
from uihelpers import ROOT, build_window

from kiosk.content import LoadedContent, load_content
from kiosk.content.app_words import APP_WORDS, SHIPPED_LANGUAGES
from kiosk.core.control import Kiosk
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.speech import FakeSpeaker
from kiosk.ui.theme import content_fonts, load_fonts

NOT_AVAILABLE = "Reading aloud is not available"


def open_window(qtbot: QtBot, loaded: LoadedContent, speaker: FakeSpeaker) -> KioskPage:
    window = build_window(
        qtbot,
        Kiosk(loaded),
        QSize(1920, 1080),
        tap_guard_seconds=0,
        transition_ms=0,
        speaker=speaker,
        fonts=load_fonts(None),
    )
    page = KioskPage(qtbot, window)
    page.end_visit()
    page.tap("Touch to begin")
    page.settle()
    return page


def test_with_no_voice_the_reading_panel_says_so(qtbot: QtBot, loaded: LoadedContent) -> None:
    page = open_window(qtbot, loaded, FakeSpeaker(available=False))
    assert "Read aloud" not in [b.accessibleName() for b in page.buttons()]
    page.tap("Easier to see and use")
    page.settle()
    assert NOT_AVAILABLE in page.texts()
    page.tap("Close")
    page.tap("Español")
    page.settle()
    page.tap("Más fácil de ver y usar")
    page.settle()
    assert "La lectura en voz alta no está disponible" in page.texts()
    assert NOT_AVAILABLE not in page.texts()


def test_with_a_voice_the_panel_does_not_say_so(qtbot: QtBot, loaded: LoadedContent) -> None:
    page = open_window(qtbot, loaded, FakeSpeaker())
    page.tap("Easier to see and use")
    page.settle()
    assert "Easier to see and use" in page.texts()
    assert NOT_AVAILABLE not in page.texts()


def test_a_voice_that_fails_when_tapped_says_so_at_once(
    qtbot: QtBot, loaded: LoadedContent
) -> None:
    speaker = FakeSpeaker()
    page = open_window(qtbot, loaded, speaker)
    page.tap("Read aloud")
    assert speaker.speaking
    speaker.available = False  # the engine fails while it reads
    page.settle()
    assert NOT_AVAILABLE in page.texts()  # the reading panel opened by itself, saying so
    page.tap("Close")
    page.settle()
    assert "Read aloud" not in [b.accessibleName() for b in page.buttons()]
    assert page.screen() == "screen:welcome"


@pytest.mark.parametrize("code", SHIPPED_LANGUAGES)
def test_the_words_are_in_every_built_in_language(code: str) -> None:
    words = APP_WORDS[code]["read_aloud_unavailable"]
    assert words.strip()
    if code != "en":  # a translation, not the English left in place
        assert words != APP_WORDS["en"]["read_aloud_unavailable"]


SIZES = [QSize(1920, 1080), QSize(1366, 768), QSize(1080, 1920)]


def open_without_voice(qtbot: QtBot, loaded: LoadedContent, size: QSize) -> KioskWindow:
    window = build_window(
        qtbot,
        Kiosk(loaded),
        size,
        fonts=content_fonts(loaded),  # the clinic's fonts by language, as kiosk run
        exposed=False,
        tap_guard_seconds=0,
        transition_ms=0,
        speaker=FakeSpeaker(available=False),
    )
    qtbot.waitExposed(window)
    return window


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_the_words_are_seen_whole_in_every_language_and_size(
    qtbot: QtBot, size: QSize, content_text: str, write_content: Callable[[str], Path]
) -> None:
    """In the default clinic with every shipped language but Arabic offered, and in the
    Arabic example clinic (with its Arabic font)."""
    others = [code for code in SHIPPED_LANGUAGES if code not in ("en", "es", "ar")]
    offered = "".join(f"  - code: {code}\n    name: {code}\n" for code in others)
    text = content_text.replace("languages:\n", "languages:\n" + offered, 1)
    clinics = [
        (load_content(write_content(text)), ["en", "es", *others]),
        (load_content(ROOT / "examples" / "nakheel-physio" / "content.yaml"), ["ar"]),
    ]
    seen: list[str] = []
    for loaded, languages in clinics:
        window = open_without_voice(qtbot, loaded, size)
        page = KioskPage(qtbot, window)
        for language in languages:
            for text_size, high_contrast in [(1, False), (3, False), (3, True)]:
                page.end_visit()
                page.start_visit()
                page.set_display(
                    language=language, text_size=text_size, high_contrast=high_contrast
                )
                panel = page.open_panel(ACCESS_PANEL)
                qtbot.wait(5)
                words = APP_WORDS[language]["read_aloud_unavailable"]
                assert words in page.texts(), language
                where = f"[{language}, size {text_size}{', contrast' * high_contrast}]"
                seen += [f"{where}: {fault}" for fault in faults(panel)]
                page.close_layers()
    assert not seen, f"{len(seen)} faults:\n" + "\n".join(dict.fromkeys(seen))
