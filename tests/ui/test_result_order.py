"""A result's sources are its last words: under the therapists when they stand below the
outcome (portrait), under the outcome's words when the therapists stand beside them (a
designer's review: on a portrait page the sources sat between the exercises and the
therapists)."""

from __future__ import annotations

import pytest
from kioskpage import KioskPage
from PySide6.QtCore import QPoint, QSize
from pytestqt.qtbot import QtBot
from uihelpers import shown_window
from visits import MASSAGE

from kiosk.content import LoadedContent


@pytest.mark.parametrize(
    "size", [QSize(1080, 1920), QSize(1920, 1080)], ids=["portrait", "landscape"]
)
def test_the_sources_close_the_result(qtbot: QtBot, loaded: LoadedContent, size: QSize) -> None:
    window = shown_window(qtbot, loaded, size)
    page = KioskPage(qtbot, window)
    window.session.answers.update(MASSAGE)
    page.go("result:massage_may_help")
    page.settle(50)

    def top(words: str) -> QPoint:
        label = next(label for label in page.labels() if label.text().startswith(words))
        return label.mapTo(window, QPoint())

    sources, outcome_words = top("Sources:"), top("Your answers fit")
    heading, maya = top("Therapists who may suit you"), top("Maya Okafor")
    assert sources.y() > outcome_words.y()
    if size.height() > size.width():  # one column: the therapists, then the sources
        assert sources.y() > maya.y() > heading.y()
    else:  # two: the sources under the outcome, the therapists beside
        assert heading.x() > sources.x() and sources.y() > heading.y()


def test_the_therapists_heading_is_a_size_over_their_names(
    qtbot: QtBot, loaded: LoadedContent
) -> None:
    """A designer's review: "Therapists who may suit you" was no larger than the names."""
    window = shown_window(qtbot, loaded, QSize(1080, 1920))
    page = KioskPage(qtbot, window)
    window.session.answers.update(MASSAGE)
    page.go("result:massage_may_help")
    page.settle(50)
    labels = {label.text(): label for label in page.labels()}
    heading, name = labels["Therapists who may suit you"], labels["Maya Okafor"]
    assert heading.font().pixelSize() >= 1.15 * name.font().pixelSize()
