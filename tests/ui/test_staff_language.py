"""The staff screens speak the staff's language (the clinic's first, or `staff.language`),
whatever language a visitor chose; counts use the language's plural forms; the paused screen
speaks every language of the kiosk."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from fakes import FakeClock
from kioskpage import ADMIN, PIN_PAD, KioskPage
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot
from uihelpers import build_window

from kiosk.content import load_content
from kiosk.content.app_words import staff_word
from kiosk.content.model import SAMPLE_PIN
from kiosk.core.control import Kiosk
from kiosk.core.stats import CountRow
from kiosk.ui.staff.charts import FiguresPage
from kiosk.ui.theme import load_fonts
from kiosk.ui.widgets import QrCode

Writer = Callable[[str], Path]
Opener = Callable[..., tuple[KioskPage, Kiosk]]
LANDSCAPE = QSize(1920, 1080)


@pytest.fixture
def open_kiosk(qtbot: QtBot, content_text: str, write_content: Writer, clock: FakeClock) -> Opener:
    def make(
        staff_language: str = "", arabic: bool = False, size: QSize = LANDSCAPE
    ) -> tuple[KioskPage, Kiosk]:
        text = content_text
        if arabic:
            text = text.replace(
                "    name: Español\n", "    name: Español\n  - code: ar\n    name: العربية\n"
            )
        if staff_language:
            text = text.replace(
                "  hold_seconds: 3\n", f"  hold_seconds: 3\n  language: {staff_language}\n"
            )
        kiosk = Kiosk(load_content(write_content(text)), clock=clock)
        window = build_window(
            qtbot, kiosk, size, clock=clock, tap_guard_seconds=0, fonts=load_fonts(None)
        )
        kiosk.reset("finish")
        return KioskPage(qtbot, window), kiosk

    return make


def open_pad(page: KioskPage, clock: FakeClock) -> None:
    page.hold(QPoint(20, 20), 3.1, clock)  # the staff corner
    assert page.is_open(PIN_PAD)


def type_pin(page: KioskPage, pin: str) -> None:
    """The PIN's digits, then OK in the staff's language."""
    language = page.open_layer(PIN_PAD).language
    page.enter_pin(pin, ok=staff_word(language, "ok"))


def test_staff_screens_stay_in_the_clinics_first_language(
    qtbot: QtBot, open_kiosk: Opener, clock: FakeClock
) -> None:
    page, _kiosk = open_kiosk("")
    page.tap("Español")  # a visitor reading Spanish walks away
    open_pad(page, clock)
    assert "Enter the staff PIN." in page.texts()
    for tries_left in (4, 3, 2):
        type_pin(page, "1111")
        assert page.text("pinMessage") == f"That PIN is not right. {tries_left} tries left."
    type_pin(page, "1111")
    assert page.text("pinMessage") == "That PIN is not right. 1 try left."
    type_pin(page, "1111")  # the fifth wrong one locks the pad
    assert "Try again in 60 seconds" in page.text("pinMessage")


def test_staff_language_sets_the_pin_pad_and_the_panel(
    qtbot: QtBot, open_kiosk: Opener, clock: FakeClock
) -> None:
    page, _kiosk = open_kiosk("fr")
    open_pad(page, clock)
    assert "Saisissez le code du personnel." in page.texts()
    page.button("Effacer")
    page.button("Annuler")
    type_pin(page, "1111")
    assert page.text("pinMessage") == "Ce code n\u2019est pas le bon. Il reste 4 essais."
    type_pin(page, SAMPLE_PIN)
    assert page.is_open(ADMIN)
    for words in ("Réinitialiser", "Recharger le contenu", "Mettre la borne en pause", "Chiffres"):
        page.button(words)
    said = "\n".join(page.texts())
    assert "Le code du personnel est toujours celui d\u2019exemple du README" in said
    assert "Le fichier de contenu est correct." not in said  # not while the sample PIN opens it
    assert "Aujourd\u2019hui\u00a0: 0\u00a0visite · 0\u00a0résultat" in page.text("adminInfo")
    page.tap("Chiffres")
    page.button("✓ 7 jours")
    page.button("30 jours")


def test_more_below_on_the_staff_panel_is_in_the_staffs_language(
    qtbot: QtBot, open_kiosk: Opener, clock: FakeClock
) -> None:
    """A long report scrolls; its sign speaks the panel's language, not the last visitor's
    (tester: an English 'More below' under Spanish words)."""
    page, kiosk = open_kiosk("es", size=QSize(1366, 768))
    kiosk.session.start()
    kiosk.session.set_text_size(3)
    open_pad(page, clock)
    type_pin(page, SAMPLE_PIN)
    qtbot.waitUntil(lambda: any(b.accessibleName() == "Hay más abajo" for b in page.buttons()))
    assert not any("More below" in b.text() for b in page.buttons())
    page.tap("Hay más abajo")


def test_the_paused_state_and_a_reload_are_said_in_the_staffs_language(
    qtbot: QtBot, open_kiosk: Opener, clock: FakeClock
) -> None:
    page, _kiosk = open_kiosk("es")
    open_pad(page, clock)
    type_pin(page, SAMPLE_PIN)
    assert "En marcha: los visitantes pueden usar el quiosco." in page.texts()
    page.tap("Recargar contenido")
    said = "\n".join(page.texts()).replace("\u2066", "").replace("\u2069", "")
    assert "content.yaml no ha cambiado desde que se cargó" in said
    assert "La visita que estaba en pantalla" not in said  # nobody was mid-visit
    page.tap("Pausar el quiosco")
    open_pad(page, clock)
    type_pin(page, SAMPLE_PIN)
    assert any(text.startswith("En pausa:") for text in page.texts())
    page.tap("Reanudar para los visitantes")
    assert page.screen() == "attract"


def test_arabic_staff_screens_read_right_to_left_with_arabic_plurals(
    qtbot: QtBot, open_kiosk: Opener, clock: FakeClock
) -> None:
    page, _kiosk = open_kiosk("ar")
    open_pad(page, clock)
    assert page.open_layer(PIN_PAD).layoutDirection() == Qt.LayoutDirection.RightToLeft
    one, three = page.button("1"), page.button("3")
    # the keys keep phone order, 1-2-3 left to right, as on every phone (issue 27)
    assert page.where(one, QPoint(0, 0)).x() < page.where(three, QPoint(0, 0)).x()
    type_pin(page, "1111")
    assert page.text("pinMessage") == "الرقم السري غير صحيح. بقيت 4 محاولات."
    for _ in range(2):
        type_pin(page, "1111")
    assert page.text("pinMessage") == "الرقم السري غير صحيح. بقيت محاولتان."


def test_figures_count_one_visit_and_two_visits(
    qtbot: QtBot, open_kiosk: Opener, clock: FakeClock
) -> None:
    page, kiosk = open_kiosk("")
    today = kiosk.today()
    rows = [CountRow(today, "visits", "", 1)]
    kiosk.stats = type("Rows", (), {"rows": lambda self: rows})()  # type: ignore[assignment]
    page.open_admin()
    page.tap("Figures")
    assert "1 visit," in page.text("figuresSubtitle")
    rows.append(CountRow(today - dt.timedelta(days=1), "visits", "", 1))
    page.tap("30 days")
    assert "2 visits," in page.text("figuresSubtitle")


def test_the_paused_screen_speaks_every_language_of_the_kiosk(
    qtbot: QtBot, open_kiosk: Opener
) -> None:
    page, kiosk = open_kiosk(arabic=True)
    kiosk.pause()
    page.wait_until(lambda: page.screen() == "paused")
    texts = page.texts()
    for words in ("Back in a moment", "Volvemos enseguida", "نعود بعد قليل"):
        assert words in texts


def test_a_booking_code_leads_to_the_page_in_the_visitors_language(
    qtbot: QtBot, content_text: str, write_content: Writer, clock: FakeClock
) -> None:
    text = content_text.replace(
        "  booking_url: https://willowstreet.example/book\n",
        "  booking_url:\n    en: https://willowstreet.example/book\n"
        "    es: https://willowstreet.example/es/reservar\n",
    )
    kiosk = Kiosk(load_content(write_content(text)), clock=clock)
    window = build_window(
        qtbot, kiosk, QSize(1920, 1080), clock=clock, tap_guard_seconds=0, fonts=load_fonts(None)
    )
    session = kiosk.session
    session.start()
    session.set_language("es")
    page = KioskPage(qtbot, window)
    page.go("result:massage_may_help")
    codes = page.shown().findChildren(QrCode)
    assert codes
    names = {code.accessibleName() for code in codes}  # booking codes and pages to take home
    booking = [name for name in names if "/book" in name or "/reservar" in name]
    assert booking
    assert all(name.endswith("https://willowstreet.example/es/reservar") for name in booking)


def test_the_figures_speak_the_staff_language(
    qtbot: QtBot, open_kiosk: Opener, clock: FakeClock
) -> None:
    page, _kiosk = open_kiosk("ar")
    page.open_admin()
    page.tap("الأرقام")
    [figures] = page.widgets(FiguresPage)
    assert figures.isVisible()
    page.button("✓ 7 أيام")  # 3 to 10: the plural form "few"
    page.tap("30 يومًا")  # 11 to 99: the form "many"
    texts = page.texts()
    for words in (
        "الزيارات في اليوم",
        "كيف انتهت الزيارات",
        "أعداد يومية فقط: لا يُحفظ شيء عن أي زائر.",
    ):
        assert words in texts or words in [c.title for c in figures.charts], words
    ended = [label for label, _ in figures.ended_chart.items]
    assert ended == ["غادر (عدم نشاط)", "أنهاها الموظفون"]
    assert figures.stopped_chart.empty_text == "لا أرقام بعد"
    assert figures.subtitle.text().startswith("آخر 30 يومًا")


@pytest.mark.parametrize(
    "size", [QSize(1920, 1080), QSize(1080, 1920)], ids=["landscape", "portrait"]
)
def test_the_arabic_staff_panel_fits_with_nothing_cut(
    qtbot: QtBot, open_kiosk: Opener, size: QSize
) -> None:
    """Arabic lines are tall (Noto Sans Arabic: 2.1 em): the report scrolls, never squeezed."""
    page, _ = open_kiosk("ar", size=size)
    admin = page.open_admin()
    qtbot.wait(10)
    card = admin.card
    assert card.geometry().top() >= 0 and card.geometry().bottom() <= page.height()
    for label in admin.main_page.findChildren(QLabel):
        if label.isVisible() and label.wordWrap() and label.width() > 0:
            assert label.height() >= label.heightForWidth(label.width()), label.text()[:40]
    inside = card.rect()
    for button in admin.main_page.findChildren(QPushButton):
        if button.isVisible():
            box = button.geometry().translated(button.parentWidget().mapTo(card, QPoint(0, 0)))
            assert inside.contains(box), button.text()
            assert button.height() >= 48
