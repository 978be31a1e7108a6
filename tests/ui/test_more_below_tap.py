""" "More below" looks like a button, so it is one: a tap shows the next part of a long page,
and at the end it goes away (tester: older visitors tapped it and nothing happened)."""

from __future__ import annotations

from kioskpage import KioskPage, NotOnScreenError
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot
from uihelpers import make_window

from kiosk.content import LoadedContent


def test_tapping_more_below_shows_the_rest_then_it_goes(
    qtbot: QtBot, loaded: LoadedContent
) -> None:
    window = make_window(qtbot, loaded, QSize(1366, 768))
    page = KioskPage(qtbot, window)
    page.set_display(text_size=3)
    page.go("screen:what_is_sciatica")
    page.settle()
    last = "Back pain is very common"
    label = next(w for w in page.labels() if w.text().startswith(last))
    assert label.visibleRegion().isEmpty(), "the page's end shows already: nothing to test"
    for _ in range(10):
        try:
            more = page.button("More below")
        except NotOnScreenError:
            break
        page.tap_widget(more)
        page.settle(400)  # the scroll takes 300 ms
    else:
        raise AssertionError("'More below' never went away")
    assert not label.visibleRegion().isEmpty(), "the end of the page was never shown"
