"""Figures the clinic draws (SVGs with ids): the anatomy screen's numbers sit on the parts the
figure names and light them up; the body map's regions are the figure's elements, tapped by
their own outline; a tapped part's words show whole, with their heading, and the intro is
never cut in half; a figure of the body never mirrors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from kioskpage import KioskPage
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot
from uihelpers import make_window

from kiosk.content import LoadedContent, load_content
from kiosk.ui.answers import BodyMapAnswers
from kiosk.ui.screens.anatomy import AnatomyView
from kiosk.ui.screens.question import QuestionView


def anatomy(qtbot: QtBot, loaded: LoadedContent, size: QSize, text_size: int) -> AnatomyView:
    visitor = KioskPage(qtbot, make_window(qtbot, loaded, size))
    visitor.start_visit()
    visitor.set_display(text_size=text_size)
    visitor.go("screen:sciatic_nerve", remember=True)
    qtbot.wait(30)
    page = visitor.shown()
    assert isinstance(page, AnatomyView)
    return page


def shown_rows(widget: QWidget, area: QWidget) -> tuple[int, int]:
    """The top and bottom of `widget` in the view of the scroll area `area`."""
    top = widget.mapTo(area, QPoint(0, 0)).y()
    return top, top + widget.height()


def test_each_number_sits_beside_the_element_the_content_names(
    qtbot: QtBot, loaded: LoadedContent
) -> None:
    page = anatomy(qtbot, loaded, QSize(1920, 1080), 1)
    figure = page.figure
    for part in page.spec.parts:
        centre = figure.element_centre(part.id)
        marker = figure.markers[part.id]
        assert figure.rect().contains(centre.toPoint()), part.id
        # joined by its leader line, beside the part (not far up or down the body)
        assert abs(marker.geometry().center().y() - centre.y()) < marker.height() * 2, part.id


def test_the_part_opened_is_drawn_in_the_accent_colour(qtbot: QtBot, loaded: LoadedContent) -> None:
    page = anatomy(qtbot, loaded, QSize(1920, 1080), 1)
    figure = page.figure
    accent = page.ctx.palette.color("accent")

    def accent_pixels(part_id: str) -> int:
        rect = figure.element_rect(f"nerve_{part_id}").toAlignedRect()
        image = figure.grab(rect).toImage()
        return sum(
            1
            for x in range(image.width())
            for y in range(image.height())
            if image.pixelColor(x, y) == accent
        )

    page.figure.markers["thigh"].click()
    qtbot.wait(10)
    assert accent_pixels("thigh") > 20 and accent_pixels("tibial") == 0
    page.figure.markers["tibial"].click()
    qtbot.wait(10)
    assert accent_pixels("tibial") > 20 and accent_pixels("thigh") == 0


def test_a_tapped_part_shows_its_words_and_heading_and_never_half_the_intro(
    qtbot: QtBot, loaded: LoadedContent
) -> None:
    """Issue 16, item 10: at the largest text on a portrait screen the words of a part lie
    below the view; a tap on its number scrolls them in, heading and all, and the intro above
    is either whole or wholly out of view, never cut in half."""
    for size in (QSize(1080, 1920), QSize(1366, 768)):
        page = anatomy(qtbot, loaded, size, 3)
        area = page.panel_scroll
        view = area.viewport()
        intro = next(
            label for label in area.widget().findChildren(QLabel) if label.text() == page.spec.intro
        )
        for part in reversed(page.spec.parts):
            qtbot.mouseClick(page.figure.markers[part.id], Qt.MouseButton.LeftButton)
            qtbot.wait(20)
            top, bottom = shown_rows(page.detail, view)
            assert page.detail_title.text() == part.label
            assert top >= 0 and bottom <= view.height(), (size, part.id, top, bottom)
            intro_top, intro_bottom = shown_rows(intro, view)
            whole = intro_top >= 0 and intro_bottom <= view.height()
            gone = intro_bottom <= 0
            assert whole or gone, (size, part.id, intro_top, intro_bottom)
        page.window().close()


def test_a_figure_of_the_body_never_mirrors_right_to_left(
    qtbot: QtBot, write_content: Callable[[str], Path], content_text: str
) -> None:
    text = content_text.replace(
        "  - code: es\n    name: Español\n",
        "  - code: es\n    name: Español\n  - code: ar\n    name: العربية\n",
    )
    loaded = load_content(write_content(text))
    places: dict[str, tuple[float, float, list[float]]] = {}
    for language in ("en", "ar"):
        visitor = KioskPage(qtbot, make_window(qtbot, loaded, QSize(1920, 1080)))
        visitor.start_visit()
        visitor.set_display(language=language)
        visitor.go("question:where", remember=True)
        qtbot.wait(20)
        where = visitor.shown()
        assert isinstance(where, QuestionView) and isinstance(where.answers, BodyMapAnswers)
        figure = where.answers.figure
        assert figure.layoutDirection() == Qt.LayoutDirection.LeftToRight
        # as fractions of the figure's width: Arabic words make the list beside it a few px
        # wider or narrower, and the figure with it
        width = figure.width()
        left = figure.region_centre("calf_left").x() / width
        right = figure.region_centre("calf_right").x() / width
        visitor.go("screen:sciatic_nerve", remember=True)
        qtbot.wait(20)
        nerve = visitor.shown()
        assert isinstance(nerve, AnatomyView)
        markers = [
            m.geometry().center().x() / nerve.figure.width() for m in nerve.figure.markers.values()
        ]
        places[language] = (left, right, markers)
        visitor.close()
    assert places["ar"][0] < places["ar"][1]  # from behind: the body's left on the left
    # the same figure, the numbers in the same places (a mirror would move them by half)
    assert places["ar"][:2] == pytest.approx(places["en"][:2], abs=0.01)
    assert places["ar"][2] == pytest.approx(places["en"][2], abs=0.01)
