"""A right-to-left language mirrors the whole window, in place: the frame, the arrows, the
progress dots, the callout bar and the attract screen's language buttons; the way back to a
left-to-right language puts everything back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fakes import FakeClock
from kioskpage import shown_screen
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF, QImage
from PySide6.QtWidgets import QFrame, QLabel
from pytestqt.qtbot import QtBot
from uihelpers import real_window

from kiosk.ui.main_window import KioskWindow
from kiosk.ui.theme import palette_for
from kiosk.ui.widgets import reads_right_to_left

ARABIC = "العربية"
TITLE = "مرحبا بكم في ويلو ستريت"


def with_arabic(text: str) -> str:
    """The default content with Arabic as a third language (and the first page's title)."""
    text = text.replace(
        "  - code: es\n    name: Español\n",
        f"  - code: es\n    name: Español\n  - code: ar\n    name: {ARABIC}\n",
    )
    return text.replace(
        "      es: Le damos la bienvenida a Willow Street\n",
        f"      es: Le damos la bienvenida a Willow Street\n      ar: {TITLE}\n",
        1,
    )


def test_the_direction_of_a_language() -> None:
    from kiosk.content.model import Language

    languages = [
        Language(code="en", name="English"),
        Language(code="ar", name=ARABIC),
        Language(code="fa", name="فارسی"),
        Language(code="he", name="עברית", direction="ltr"),  # the clinic's word wins
    ]
    assert [reads_right_to_left(languages, code) for code in ("en", "ar", "fa", "he")] == [
        False,
        True,
        True,
        False,
    ]


def centre_x(widget: object, window: KioskWindow) -> int:
    return widget.mapTo(window, widget.rect().center()).x()  # type: ignore[attr-defined]


def test_arabic_mirrors_the_window_in_place_and_english_puts_it_back(
    qtbot: QtBot, write_content: Callable[[str], Path], content_text: str
) -> None:
    clock = FakeClock()
    window, page = real_window(qtbot, write_content(with_arabic(content_text)), clock)
    middle = window.width() // 2

    page.tap(ARABIC)  # on the attract screen
    clock.now += 1
    page.settle()
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert centre_x(page.button(ARABIC), window) < middle  # the language buttons: top left
    page.tap("المسوا الشاشة للبدء")  # the kiosk's own words are built in for Arabic
    clock.now += 1
    page.settle()
    assert TITLE in page.texts()
    back, next_ = page.button("رجوع"), page.button("التالي")
    assert centre_x(back, window) > middle > centre_x(next_, window)  # Back on the right
    right_gap = window.width() - back.mapTo(window, back.rect().topRight()).x()
    assert abs(next_.mapTo(window, next_.rect().topLeft()).x() - right_gap) <= 2  # the edges
    # the first dot (this page) is filled at the right end of the row
    dots = window.frame.dots
    image = dots.grab().toImage()
    primary = palette_for(window.session.content.brand).color("primary")
    filled = [
        x for x in range(image.width()) if image.pixelColor(x, image.height() // 2) == primary
    ]
    assert filled and min(filled) > image.width() // 2
    # the callout's bar is on the right of its box
    page.tap("التالي")
    clock.now += 1
    page.settle()
    callout = next(
        f for f in shown_screen(window).findChildren(QFrame) if f.property("role") == "callout"
    )
    bar = callout.grab().toImage()
    accent = palette_for(window.session.content.brand).color("accent")
    assert colour_at(bar, bar.width() - 3) == accent and colour_at(bar, 2) != accent

    # the 0 to 10 scale runs right to left, each end's words under its own end
    window.session.show("question:pain_now")
    page.settle()
    zero, ten = page.button("0"), page.button("10")
    assert centre_x(zero, window) > centre_x(ten, window)
    labels = {label.text(): label for label in shown_screen(window).findChildren(QLabel)}
    no_pain, worst = labels["No pain"], labels["Worst pain you can imagine"]
    no_pain_ink, worst_ink = ink_span(no_pain, window), ink_span(worst, window)
    assert abs(no_pain_ink[1] - zero.mapTo(window, zero.rect().topRight()).x()) < 40
    assert abs(worst_ink[0] - ten.mapTo(window, ten.rect().topLeft()).x()) < 40

    page.tap("اللغة")  # three languages: a list
    page.tap("English")
    clock.now += 1
    page.settle()
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    back, next_ = page.button("Back"), page.button("Next")
    assert centre_x(back, window) < middle < centre_x(next_, window)


def ink_span(label: QLabel, window: KioskWindow) -> tuple[int, int]:
    """Where a label's words are drawn, left and right, in the window's coordinates."""
    image = label.grab().toImage()
    inked = [
        x
        for x in range(image.width())
        if any(image.pixelColor(x, y).lightness() < 160 for y in range(image.height()))
    ]
    origin = label.mapTo(window, label.rect().topLeft()).x()
    return origin + min(inked), origin + max(inked)


def colour_at(image: QImage, x: int) -> object:
    return image.pixelColor(x, image.height() // 2)


def test_arabic_words_are_drawn_with_the_bundled_arabic_font(
    qtbot: QtBot, write_content: Callable[[str], Path], content_text: str
) -> None:
    clock = FakeClock()
    window, page = real_window(qtbot, write_content(with_arabic(content_text)), clock)
    page.tap(ARABIC)
    clock.now += 1
    page.settle()
    title = next(label for label in window.findChildren(QLabel) if label.text() == TITLE)
    font = title.font()
    assert font.families()[-1] == "Noto Sans Arabic"  # after Lato, which has no Arabic
    alone = QFont(font)
    alone.setFamilies(["Noto Sans Arabic"])
    for word in TITLE.split():  # a space is Lato's: the words are the Arabic font's
        with_lato = QFontMetricsF(font).horizontalAdvance(word)
        assert with_lato == QFontMetricsF(alone).horizontalAdvance(word), word
    assert QFontMetricsF(font).inFontUcs4(ord("L"))  # Latin letters stay in Lato


def test_the_body_maps_left_stays_on_the_left_in_arabic(
    qtbot: QtBot, write_content: Callable[[str], Path], content_text: str
) -> None:
    """The figure is the body seen from behind and never mirrors; the list of regions beside
    it mirrors its reading order but keeps each side's name on that side of the figure."""
    clock = FakeClock()
    window, page = real_window(qtbot, write_content(with_arabic(content_text)), clock)
    page.tap(ARABIC)
    clock.now += 1
    question = next(q for q in window.session.base.self_check.questions if q.type == "body_map")
    window.session.show(f"question:{question.id}")
    page.settle()
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    for left, right in (("الألية اليسرى", "الألية اليمنى"), ("القدم اليسرى", "القدم اليمنى")):
        assert centre_x(page.button(left), window) < centre_x(page.button(right), window)
    figure = shown_screen(window).answers.figure
    assert figure.region_centre("foot_left").x() < figure.region_centre("foot_right").x()
