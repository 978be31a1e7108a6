"""A therapist without a photo shows their initials, in the clinic's colour (an empty grey
circle looked like a picture that failed to load)."""

from __future__ import annotations

from kioskpage import KioskPage
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot
from uihelpers import ROOT, make_window, variant
from visits import MASSAGE

from kiosk.ui.widgets import Portrait, initials

DEFAULT_CONTENT = ROOT / "content.yaml"


def test_a_therapist_without_a_photo_shows_initials(qtbot: QtBot) -> None:
    text = DEFAULT_CONTENT.read_text("utf-8")
    loaded = variant(
        DEFAULT_CONTENT,
        text.replace("    photo: assets/therapists/maya.svg\n", ""),
        "no-photo.yaml",
    )
    page = KioskPage(qtbot, make_window(qtbot, loaded, QSize(1920, 1080)))
    page.keep_answers(MASSAGE)
    page.go("result:massage_may_help")
    qtbot.wait(1)
    portraits = {p.accessibleName(): p for p in page.shown().findChildren(Portrait)}
    maya = next(p for name, p in portraits.items() if name.startswith("Maya"))
    image = maya.grab().toImage()
    primary = QColor(loaded.content.brand.primary).rgb()
    inked = sum(
        image.pixelColor(x, y).rgb() == primary
        for y in range(image.height())
        for x in range(image.width())
    )
    assert inked > image.width(), "no initials drawn in the clinic's colour"
    assert maya.initials == initials(maya.accessibleName()) and len(maya.initials) == 2


def test_initials_are_the_first_and_last_names_first_letters() -> None:
    assert initials("Maya Chen") == "MC"
    assert initials("Dr. Sam O'Neill") == "SO"
    assert initials("Aroha") == "A"
    assert initials("سارة الحربي") == "سح"
