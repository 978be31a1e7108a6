"""A therapist's card says the languages they speak, named in the visitor's language (clinic
author: the languages a clinic lists for each therapist were never shown to visitors)."""

from __future__ import annotations

from journeys import visit
from kioskpage import KioskPage
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot
from uihelpers import ROOT, variant, window_for
from visits import MASSAGE

from kiosk.content import LoadedContent, load_content
from kiosk.core.control import Kiosk
from kiosk.core.engine import Answer

LANDSCAPE = QSize(1920, 1080)
PHYSIO: dict[str, Answer] = {  # the Arabic example's answers that lead to its physios
    "saddle_numbness": "no",
    "bladder_bowel": "no",
    "both_legs": "no",
    "fever_weight": "no",
    "where": frozenset({"lower_back", "thigh_left"}),
    "how_long": "two_to_six_weeks",
    "pain_now": 5,
    "preference": "exercises",
}


def test_an_arabic_visitor_reads_each_therapists_languages_in_arabic(qtbot: QtBot) -> None:
    nakheel = load_content(ROOT / "examples" / "nakheel-physio" / "content.yaml")
    kiosk = Kiosk(nakheel)
    window = window_for(qtbot, kiosk, LANDSCAPE)
    visit(kiosk.session, PHYSIO, "screen:back_check")  # the visit, through the session
    page = KioskPage(qtbot, window)
    qtbot.waitUntil(lambda: "اللغات: العربية والإنجليزية" in page.texts())  # Huda: [ar, en]
    texts = page.texts()
    assert "اللغات: العربية والفرنسية" in texts  # Omar: [ar, fr]
    assert "اللغات: العربية" in texts  # Sara: [ar]


def test_the_languages_follow_the_visitors_language(qtbot: QtBot, loaded: LoadedContent) -> None:
    text = loaded.path.read_text("utf-8")
    speaks = text.replace(
        "    modalities: [deep_tissue, trigger_point]\n",
        "    modalities: [deep_tissue, trigger_point]\n    languages: [es, en]\n",
        1,
    )
    assert speaks != text
    kiosk = Kiosk(variant(loaded.path, speaks, "speaks.yaml"))
    window = window_for(qtbot, kiosk, LANDSCAPE)
    visit(kiosk.session, MASSAGE, "screen:self_check")
    page = KioskPage(qtbot, window)
    qtbot.waitUntil(lambda: "Speaks Spanish and English" in page.texts())
    assert sum(t.startswith("Speaks ") for t in page.texts()) == 1  # only Maya lists hers
    page.tap("Español")
    qtbot.waitUntil(lambda: "Habla español e inglés" in page.texts())
