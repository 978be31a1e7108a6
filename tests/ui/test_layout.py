"""Every screen fits its frame at 1080p in both orientations, and every tappable control is
at least 48 x 48 px (CONTENT_BRIEF: touch targets)."""

from __future__ import annotations

import pytest
from kioskpage import KioskPage, shown_screen
from PySide6.QtCore import QPoint, QSize
from PySide6.QtWidgets import QAbstractButton, QLabel
from pytestqt.qtbot import QtBot
from uihelpers import make_window
from visits import MASSAGE

from kiosk.content import LoadedContent

SIZES = [QSize(1920, 1080), QSize(1080, 1920), QSize(1366, 768), QSize(1280, 800)]
MIN_TARGET = 48


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_every_screen_fits_and_targets_are_large(
    qtbot: QtBot, loaded: LoadedContent, size: QSize
) -> None:
    window = make_window(qtbot, loaded, size)
    visitor = KioskPage(qtbot, window)
    visitor.keep_answers(MASSAGE)
    for name in visitor.places():
        visitor.go(name)
        qtbot.wait(1)
        page = shown_screen(window)
        room = page.size()
        needed = page.minimumSizeHint()
        assert needed.height() <= room.height(), (
            f"{name} needs {needed.height()} px, has {room.height()}"
        )
        assert needed.width() <= room.width(), (
            f"{name} needs {needed.width()} px, has {room.width()}"
        )
        controls = [b for b in page.findChildren(QAbstractButton) if b.isVisible()]
        if not name.is_attract:
            controls += [
                visitor.control("backButton"),
                visitor.control("homeButton"),
                visitor.control("nextButton"),
            ]
        assert controls or name.is_result, name
        for button in controls:
            label = button.text() or button.accessibleName()
            assert button.width() >= MIN_TARGET and button.height() >= MIN_TARGET, (
                f"{name}: '{label}' is {button.width()}x{button.height()}"
            )
    assert visitor.size() == size


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_nerve_markers_do_not_overlap(qtbot: QtBot, loaded: LoadedContent, size: QSize) -> None:
    visitor = KioskPage(qtbot, make_window(qtbot, loaded, size))
    visitor.go("screen:sciatic_nerve")
    qtbot.wait(1)
    page = visitor.shown()
    markers = list(page.figure.markers.values())  # type: ignore[attr-defined]
    for i, a in enumerate(markers):
        assert page.rect().contains(a.geometry().translated(page.figure.pos())), a.text()  # type: ignore[attr-defined]
        for b in markers[i + 1 :]:
            assert not a.geometry().intersects(b.geometry()), (a.text(), b.text())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_answer_buttons_are_as_tall_as_their_words(
    qtbot: QtBot, loaded: LoadedContent, size: QSize
) -> None:
    """A Yes and a No once filled a portrait screen, 700 px each: the eye lost the answers."""
    visitor = KioskPage(qtbot, make_window(qtbot, loaded, size))
    visitor.start_visit()
    for question in loaded.content.self_check.questions:
        if question.type not in ("yes_no", "single_choice", "multi_choice"):
            continue
        visitor.go(f"question:{question.id}")
        page = visitor.shown()
        for button in page.answers.buttons.values():  # type: ignore[attr-defined]
            wanted = max(button.sizeHint().height(), button.heightForWidth(button.width()))
            assert button.height() <= wanted * 1.25, (question.id, button.height(), wanted)


def test_the_clinic_name_shows_in_portrait_where_it_fits(
    qtbot: QtBot, loaded: LoadedContent
) -> None:
    """On a portrait screen the name wraps beside the logo rather than vanishing; only where
    two lines cannot hold it (the largest text) does the logo stand alone (never a cut name:
    test_every_word_seen)."""
    page = KioskPage(qtbot, make_window(qtbot, loaded, QSize(1080, 1920)))
    name = loaded.content.clinic.name
    for text_size in (1, 2):
        page.set_display(text_size=text_size)
        page.go("question:worse_with")
        page.settle()
        assert name in page.texts(), f"no clinic name at text size {text_size}"


@pytest.mark.parametrize(
    ("size", "text_size", "beside"),
    [(QSize(1920, 1080), 1, True), (QSize(1366, 768), 1, True), (QSize(1366, 768), 3, False)],
    ids=["1920-normal", "1366-normal", "1366-largest"],
)
def test_therapists_stand_beside_the_words_only_where_their_cards_stay_readable(
    qtbot: QtBot, loaded: LoadedContent, size: QSize, text_size: int, beside: bool
) -> None:
    """At the largest text on a small landscape screen the cards' words were squeezed to
    two or three a line beside the result; there the cards go under the words."""
    page = KioskPage(qtbot, make_window(qtbot, loaded, size))
    page.keep_answers(MASSAGE)
    page.set_display(text_size=text_size)
    page.go("result:massage_may_help")
    page.settle()
    labels = {label.text(): label for label in page.shown().findChildren(QLabel)}
    heading = labels["Therapists who may suit you"]
    words = next(label for text, label in labels.items() if text.startswith("Your answers fit"))
    root = page.shown()
    heading_at = heading.mapTo(root, QPoint(0, 0))
    words_at = words.mapTo(root, QPoint(0, 0))
    if beside:
        assert heading_at.x() > words_at.x() + words.width()
    else:
        assert heading_at.y() > words_at.y() + words.height()
        bio = next(text for text in labels if text.startswith("Maya has been"))
        assert labels[bio].width() >= 12 * labels[bio].fontMetrics().averageCharWidth()
