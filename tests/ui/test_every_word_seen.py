"""Every screen of every example clinic, as a visitor sees it: at 1920x1080, 1366x768 and
1080x1920, at every text size, in high contrast at the largest, in every language of the
clinic. No word is elided or clipped, nothing lies outside its frame or the window, and
'More below' shows exactly when more lies below (tests/seen.py says how each is judged)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from kioskpage import ACCESS_PANEL, ADMIN, LANGUAGE_PANEL, PIN_PAD, STILL_THERE, KioskPage
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot
from screenwalk import DISPLAYS, SIZES, clinic_id, walk, walk_cases
from seen import faults
from uihelpers import ROOT, shown_window

from kiosk.content import load_content
from kiosk.content.app_words import staff_word


@pytest.mark.parametrize(("clinic", "size"), walk_cases())
def test_every_word_is_seen_whole(qtbot: QtBot, clinic: Path, size: QSize) -> None:
    """Every screen, in every language of the clinic at every display (the walk is shared
    with test_designed_layout: tests/screenwalk.py)."""
    seen = walk(qtbot, clinic, size).seen
    assert not seen, f"{len(seen)} faults:\n" + "\n".join(dict.fromkeys(seen))


def staff_taps(page: KioskPage, key: str) -> None:
    """Open the staff panel and tap its button `key` (in the staff's language)."""
    admin = page.open_panel(ADMIN)
    page.tap(staff_word(admin.language, key))  # type: ignore[attr-defined]


OVERLAYS: dict[str, Callable[[KioskPage], object]] = {
    "still there?": lambda page: page.open_panel(STILL_THERE),
    "reading panel": lambda page: page.open_panel(ACCESS_PANEL),
    "language panel": lambda page: page.open_panel(LANGUAGE_PANEL),
    "pin pad": lambda page: page.open_panel(PIN_PAD),
    "staff panel": lambda page: page.open_panel(ADMIN),
    "figures": lambda page: staff_taps(page, "figures"),
    "staff panel, paused": lambda page: (staff_taps(page, "pause"), page.open_panel(ADMIN)),
}
"""The last one pauses the kiosk: the loops resume it after it is checked."""


PANEL_CLINICS = [ROOT / "content.yaml", ROOT / "examples" / "nakheel-physio" / "content.yaml"]
"""The default clinic, and the Arabic one: its staff screens read right to left, in taller
lines."""


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
@pytest.mark.parametrize("clinic", PANEL_CLINICS, ids=clinic_id)
def test_every_panel_is_seen_whole(qtbot: QtBot, clinic: Path, size: QSize) -> None:
    """The panels over the screens (the visitor's and the staff's), likewise."""
    loaded = load_content(clinic)
    window = shown_window(qtbot, loaded, size)
    page, session = KioskPage(qtbot, window), window.session
    seen: list[str] = []
    for language in [lang.code for lang in loaded.content.languages]:
        for text_size, high_contrast in DISPLAYS:
            session.reset()
            session.start()
            session.set_language(language)
            session.set_text_size(text_size)
            session.set_high_contrast(high_contrast)
            for name, open_it in OVERLAYS.items():
                open_it(page)
                qtbot.wait(5)
                where = f"{name} [{language}, size {text_size}{', contrast' * high_contrast}]"
                shown = page.open_layers()
                assert len(shown) == 1, f"{where}: {len(shown)} panels open"
                seen += [f"{where}: {fault}" for fault in faults(shown[0])]
                page.close_layers()
    assert not seen, f"{len(seen)} faults:\n" + "\n".join(dict.fromkeys(seen))


SHIPPED = ["fr", "de", "pt", "zh"]  # built-in words no example clinic shows (en, es, ar do)
KIOSK_WORDS = ("attract", "screen:self_check", "question:worse_with", "result:see_doctor")
"""Screens where the kiosk's own words are longest: Touch to begin, Start the self-check,
the hints under a question, See my result, Finish."""


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_the_built_in_words_of_every_shipped_language_are_seen_whole(
    qtbot: QtBot, size: QSize, content_text: str, write_content: Callable[[str], Path]
) -> None:
    """A clinic writing in French (German, Portuguese, Chinese) gets the kiosk's own words
    in that language: they too fit at every text size (the tester saw "Touchez pour
    commence" and "Plus gran" in portrait at the largest)."""
    offered = "".join(f"  - code: {code}\n    name: {code}\n" for code in SHIPPED)
    text = content_text.replace("languages:\n", "languages:\n" + offered, 1)
    window = shown_window(qtbot, load_content(write_content(text)), size)
    session = window.session
    seen: list[str] = []
    for language in SHIPPED:
        for text_size, high_contrast in DISPLAYS:
            session.reset()
            session.set_language(language)
            session.set_text_size(text_size)
            session.set_high_contrast(high_contrast)
            where = f"[{language}, size {text_size}{', contrast' * high_contrast}]"
            for name in KIOSK_WORDS:
                session.show(name)
                qtbot.wait(5)
                seen += [f"{name} {where}: {fault}" for fault in faults(window)]
            session.start()
            page = KioskPage(qtbot, window)
            for panel, open_it in OVERLAYS.items():
                open_it(page)
                qtbot.wait(5)
                shown = page.open_layers()
                assert len(shown) == 1, f"{panel} {where}: {len(shown)} panels open"
                seen += [f"{panel} {where}: {fault}" for fault in faults(shown[0])]
                page.close_layers()
    assert not seen, f"{len(seen)} faults:\n" + "\n".join(dict.fromkeys(seen))


def test_a_word_wider_than_its_wrapped_label_is_seen_cut(qtbot: QtBot) -> None:
    """A word cannot wrap: in a label narrower than the word, it runs past the label's edge
    and is cut there (a tester saw "إعادة" cut at a card's edge), though the label has all
    the height its one line needs. The eye of `faults` catches it; a label as wide as the
    word is whole."""
    from PySide6.QtWidgets import QFrame, QLabel

    from kiosk.ui.theme import load_fonts

    load_fonts(None)
    card = QFrame()
    qtbot.addWidget(card)
    card.resize(400, 200)
    label = QLabel("إعادة", card)
    label.setWordWrap(True)
    font = label.font()
    font.setFamilies(["Lato", "Noto Sans Arabic"])
    font.setPixelSize(48)
    label.setFont(font)
    word = label.fontMetrics().horizontalAdvance("إعادة")
    label.setGeometry(0, 0, word // 2, label.heightForWidth(word // 2))
    card.show()
    qtbot.waitExposed(card)
    assert label.heightForWidth(label.width()) <= label.height()  # the height is no clue
    assert any("'إعادة' has a line that runs" in fault for fault in faults(card)), faults(card)
    label.setGeometry(0, 0, word + 2, label.heightForWidth(word + 2))
    assert faults(card) == []


BIO = "هدى معالجة طبيعية منذ 10 سنوات. تساعد من يجلسون طويلًا على إعادة الحركة خطوة بخطوة."


def test_a_right_to_left_line_pushed_past_the_edge_by_its_space_is_seen_cut(
    qtbot: QtBot,
) -> None:
    """Right to left, Qt draws a wrapped line with the space it wrapped at on its right end:
    the line's last word moves a space to the left, past the label's edge ("إعادة" lost its
    end on a therapist card), though every line fits the label's width as Qt measures it.
    The eye catches it; the room the theme keeps on the left of a wrapped label (a space
    wide) lets the line in."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFrame, QLabel

    from kiosk.ui.theme import WRAP_ROOM_EM, load_fonts

    load_fonts(None)
    card = QFrame()
    qtbot.addWidget(card)
    card.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    card.resize(600, 600)
    label = QLabel(BIO, card)
    label.setWordWrap(True)
    font = label.font()
    font.setFamilies(["Lato", "Noto Sans Arabic"])
    font.setPixelSize(39)
    label.setFont(font)
    label.setGeometry(0, 0, 376, label.heightForWidth(376))
    card.show()
    qtbot.waitExposed(card)
    assert any("has a line that runs" in fault for fault in faults(card)), faults(card)
    label.setContentsMargins(round(WRAP_ROOM_EM * 39 + 0.5), 0, 0, 0)
    label.setGeometry(0, 0, 376, label.heightForWidth(376))
    assert faults(card) == []


def test_a_right_to_left_panel_in_a_left_to_right_window_keeps_its_words_whole(
    qtbot: QtBot,
) -> None:
    """The room a wrapped right-to-left label keeps on its left follows the label's own
    direction, not the window's: an Arabic staff panel over an English visitor's window (the
    staff read Arabic) loses no word at its edge, whatever its width."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFrame

    from kiosk.ui.widgets import text_label

    window = shown_window(qtbot, load_content(ROOT / "content.yaml"), QSize(1920, 1080))
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    panel = QFrame(window)
    panel.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    panel.setGeometry(0, 0, 900, 900)
    label = text_label(BIO, "body")
    label.setParent(panel)
    panel.show()
    qtbot.waitExposed(panel)
    cut = []
    for width in range(300, 700, 3):
        label.setGeometry(0, 0, width, label.heightForWidth(width))
        cut += [f"at {width} px: {fault}" for fault in faults(panel)]
    assert not cut, "\n".join(cut[:5])
