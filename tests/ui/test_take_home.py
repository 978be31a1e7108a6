"""Something to take home: a link block is a QR code with its short address in words (in the
visitor's language), and the results that send a visitor to the clinic say when it is open and
how to find it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kioskpage import KioskPage, shown_screen
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFrame, QLabel
from pytestqt.qtbot import QtBot
from uihelpers import make_window
from visits import DOCTOR, MASSAGE

from kiosk.content import LoadedContent, load_content
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.screens.base import short_address
from kiosk.ui.widgets import QrCode


def texts(widget: QFrame) -> list[str]:
    return [label.text().replace("\u200b", "") for label in widget.findChildren(QLabel)]


def test_a_short_address_is_what_a_visitor_would_type() -> None:
    assert short_address("https://www.example.org/knee/") == "example.org/knee"
    assert short_address("http://clinic.example/es/ciatica") == "clinic.example/es/ciatica"


def test_a_link_is_a_qr_code_with_its_address_in_the_visitors_language(
    qtbot: QtBot, window: KioskWindow, page: KioskPage
) -> None:
    page.start_visit()
    page.go("screen:what_is_sciatica", remember=True)
    card = shown_screen(window).findChild(QFrame, "linkCard")
    assert card is not None and card.isVisibleTo(shown_screen(window))
    [code] = card.findChildren(QrCode)
    assert code.data == "https://willowstreet.example/sciatica"
    assert "willowstreet.example/sciatica" in texts(card)
    assert "Read more on our website" in texts(card)
    page.set_display(language="es")
    qtbot.wait(10)
    card = shown_screen(window).findChild(QFrame, "linkCard")
    [code] = card.findChildren(QrCode)
    assert code.data == "https://willowstreet.example/es/ciatica"
    assert "willowstreet.example/es/ciatica" in texts(card)
    assert "Lea más en nuestro sitio web" in texts(card)


def test_a_long_address_wraps_on_the_card_and_is_never_cut(
    qtbot: QtBot, loaded: LoadedContent
) -> None:
    window = make_window(qtbot, loaded, QSize(1080, 1920))
    page = KioskPage(qtbot, window)
    page.start_visit()
    page.set_display(text_size=3)
    page.go("screen:what_is_sciatica", remember=True)
    qtbot.wait(30)
    card = shown_screen(window).findChild(QFrame, "linkCard")
    for label in card.findChildren(QLabel):
        assert label.height() >= label.heightForWidth(label.width()), label.text()
        right = label.mapTo(card, label.rect().topRight()).x()
        assert right <= card.width(), label.text()


def details_shown(window: KioskWindow) -> list[str]:
    box = shown_screen(window).findChild(QFrame, "clinicDetails")
    return texts(box) if box is not None and box.isVisibleTo(shown_screen(window)) else []


def test_results_that_send_the_visitor_to_the_clinic_give_its_hours_and_directions(
    window: KioskWindow, page: KioskPage
) -> None:
    clinic = page.content.clinic
    page.start_visit()
    page.keep_answers(MASSAGE)
    page.go("result:massage_may_help", remember=True)
    shown = details_shown(window)
    assert ["Opening hours", clinic.hours, "How to find us", clinic.directions] == shown
    # "see your doctor first" lists no therapist: no invitation to the clinic
    page.end_visit()
    page.start_visit()
    page.keep_answers(DOCTOR)
    page.go("result:see_doctor", remember=True)
    assert details_shown(window) == []
    # nor the urgent result
    page.end_visit()
    page.start_visit()
    page.keep_answers({"saddle_numbness": "yes"})
    page.go("result:urgent", remember=True)
    assert details_shown(window) == []


def test_the_attract_screen_shows_the_details_only_when_the_clinic_wants(
    qtbot: QtBot, write_content: Callable[[str], Path], content_text: str
) -> None:
    def attract_texts(text: str) -> list[str]:
        window = make_window(qtbot, load_content(write_content(text)), QSize(1920, 1080))
        return [label.text() for label in shown_screen(window).findChildren(QLabel)]

    hours = "Monday to Friday, 8 am to 7 pm. Saturday, 9 am to 1 pm."
    assert not any(hours in text for text in attract_texts(content_text))
    wanted = content_text.replace("  hours:\n", "  details_on_attract: true\n  hours:\n", 1)
    assert any(hours in text for text in attract_texts(wanted))
