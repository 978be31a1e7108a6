"""A visitor taps through the kiosk offscreen: real mouse events through the event loop."""

from __future__ import annotations

import journeys
import pytest
from journeys import answer_on_screen
from kioskpage import KioskPage
from PySide6.QtCore import QPoint, QSize, Qt
from pytestqt.qtbot import QtBot
from uihelpers import build_window
from visits import MASSAGE, SCRIPTS

from kiosk.content import LoadedContent
from kiosk.core.control import Kiosk
from kiosk.core.place import ATTRACT
from kiosk.core.session import Session
from kiosk.ui.answers import BodyMapAnswers
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.screens.question import QuestionView
from kiosk.ui.screens.result import ResultView
from kiosk.ui.widgets import QrCode


def walk_to_questions(qtbot: QtBot, window: KioskWindow) -> None:
    journeys.walk_to_questions(
        qtbot,
        window,
        "screen:welcome",
        "screen:self_check",
        "Start the self-check",
        at=QPoint(200, 200),
    )


@pytest.mark.parametrize("outcome_id", sorted(SCRIPTS))
def test_a_whole_visit_by_taps(
    qtbot: QtBot, window: KioskWindow, page: KioskPage, kiosk: Kiosk, outcome_id: str
) -> None:
    walk_to_questions(qtbot, window)
    answers = SCRIPTS[outcome_id]
    for _ in range(30):
        question = page.question()
        if question is None:
            break
        answer_on_screen(qtbot, window, answers[question.id])
    assert kiosk.session.current.name == f"result:{outcome_id}"
    result = page.shown()
    assert isinstance(result, ResultView)
    assert result.outcome is not None and result.outcome.id == outcome_id
    assert page.heading() == result.outcome.title
    assert "not a diagnosis" in page.text("disclaimer")
    page.tap("Finish")
    assert page.screen() == "attract"
    assert kiosk.session.answers == {}


def test_red_flag_result_has_no_therapist_and_no_qr(
    qtbot: QtBot, window: KioskWindow, page: KioskPage
) -> None:
    walk_to_questions(qtbot, window)
    answer_on_screen(qtbot, window, "no")
    answer_on_screen(qtbot, window, "yes")  # bladder or bowel: a red flag
    result = page.shown()
    assert isinstance(result, ResultView)
    assert result.outcome is not None and result.outcome.id == "urgent"
    assert result.matches == []
    assert result.findChildren(QrCode) == []
    banner = result.findChild(object, "resultBanner")
    assert banner is not None and banner.property("kind") == "urgent"


def test_massage_result_shows_therapists_with_booking_qr(page: KioskPage, kiosk: Kiosk) -> None:
    kiosk.session.answers.update(MASSAGE)
    page.go("result:massage_may_help")
    result = page.shown()
    assert isinstance(result, ResultView)
    codes = [c for c in result.findChildren(QrCode) if c.isVisible()]
    assert codes and all(c.data.startswith("https://") for c in codes)
    shown = [m.therapist.id for m in result.matches]
    assert shown and shown[0] == "maya"
    assert result.findChild(object, "therapist-maya") is not None


def test_body_map_figure_toggles_a_region(qtbot: QtBot, page: KioskPage, kiosk: Kiosk) -> None:
    page.go("question:where")
    shown = page.shown()
    assert isinstance(shown, QuestionView) and isinstance(shown.answers, BodyMapAnswers)
    figure = shown.answers.figure
    point = figure.region_centre("calf_right").toPoint()
    qtbot.mouseClick(figure, Qt.MouseButton.LeftButton, pos=point)
    assert kiosk.session.answers["where"] == frozenset({"calf_right"})
    assert page.answer_control("calf_right").isChecked()
    assert page.enabled("Next")
    qtbot.mouseClick(figure, Qt.MouseButton.LeftButton, pos=point)
    assert "where" not in kiosk.session.answers
    assert not page.answer_control("calf_right").isChecked()
    assert not page.enabled("Next")


def test_anatomy_part_tap_shows_its_text(page: KioskPage, loaded: LoadedContent) -> None:
    page.go("screen:sciatic_nerve")
    shown = page.shown()
    marker = shown.figure.markers["tibial"]  # type: ignore[attr-defined]
    page.tap_widget(marker)
    assert shown.figure.selected == "tibial"  # type: ignore[attr-defined]
    screen = next(s for s in loaded.content.screens if s.id == "sciatic_nerve")
    part = next(p for p in screen.parts if p.id == "tibial")  # type: ignore[union-attr]
    assert any(part.text == text for text in page.texts())


def test_back_and_home_from_every_screen(page: KioskPage, kiosk: Kiosk) -> None:
    session = kiosk.session
    page.tap("Touch to begin")
    assert not page.enabled("Back")  # nothing to go back to on the first screen
    page.tap("Home")
    assert page.screen() == "screen:welcome"
    for name in session.places()[2:]:
        session.start()
        session.show(name, remember=True)
        assert page.enabled("Back")
        page.tap("Back")
        assert page.screen() == "screen:welcome", name
        session.show(name, remember=True)
        page.tap("Home")
        assert page.screen() == "screen:welcome", name
        assert page.has("Back") and page.has("Home")


def test_disclaimer_on_every_framed_screen(page: KioskPage, kiosk: Kiosk) -> None:
    """DESIGN: every screen says it is education, not diagnosis."""
    for name in kiosk.session.places()[1:]:
        kiosk.session.show(name)
        assert "not a diagnosis" in page.text("disclaimer"), name


def test_next_waits_for_an_answer(page: KioskPage, kiosk: Kiosk) -> None:
    page.go("question:pain_now")
    assert not page.enabled("Next")
    page.tap_answer("7")
    assert kiosk.session.answers["pain_now"] == 7
    assert page.answer_control("7").isChecked()
    assert page.enabled("Next")


def test_selected_answer_is_shown_when_coming_back(
    qtbot: QtBot, window: KioskWindow, page: KioskPage
) -> None:
    walk_to_questions(qtbot, window)
    answer_on_screen(qtbot, window, "no")
    page.tap("Back")
    assert page.answer_control("no").isChecked()
    assert not page.answer_control("yes").isChecked()


def on_the_first_question(
    qtbot: QtBot, loaded: LoadedContent, size: QSize, now: list[float]
) -> tuple[KioskPage, Session]:
    """A window with the real tap guard on the clock `now`, on the first question (a red-flag
    one), painted and laid out as on a screen a finger can see, long after it showed (the
    visitor has read it)."""
    kiosk = Kiosk(loaded)
    window = build_window(qtbot, kiosk, size, exposed=False, clock=lambda: now[0])
    kiosk.session.start()
    kiosk.session.show("question:saddle_numbness", remember=True)
    qtbot.waitExposed(window)
    qtbot.wait(1)
    now[0] += 10
    return KioskPage(qtbot, window), kiosk.session


def test_a_double_tap_does_not_answer_the_next_question(
    qtbot: QtBot, loaded: LoadedContent
) -> None:
    now = [100.0]
    page, session = on_the_first_question(qtbot, loaded, QSize(1920, 1080), now)
    page.tap_answer("no")
    assert page.screen() == "question:bladder_bowel"
    second = page.answer_control("no")
    page.tap_widget(second)  # the same instant
    assert "bladder_bowel" not in session.answers
    now[0] += 0.7  # the slow double tap a tester made: whole on screen for 0.5 s only
    page.tap_widget(second)
    assert "bladder_bowel" not in session.answers
    now[0] += 0.5  # a red-flag question: at least 1 s whole, and time to read it
    page.tap_widget(second)
    assert "bladder_bowel" not in session.answers
    now[0] += 3
    page.tap_widget(second)
    assert session.answers["bladder_bowel"] == "no"


def test_a_double_tap_on_see_my_result_does_not_tap_finish_and_wipe_an_urgent_result(
    qtbot: QtBot, loaded: LoadedContent
) -> None:
    """Back from an urgent result, 'See my result' stands where the result's Finish is: a
    double tap showed 'Get medical help now' for a moment, then wiped it (tester). The bars'
    buttons wait for the guard as the page's do."""
    now = [100.0]
    page, session = on_the_first_question(qtbot, loaded, QSize(1366, 768), now)
    page.tap_answer("yes")
    assert session.current.name == "result:urgent"
    now[0] += 1
    page.tap("Back")
    assert page.screen() == "question:saddle_numbness"
    now[0] += 5
    see_result = page.button("See my result")
    spot = page.where(see_result)
    page.tap("See my result")
    assert session.current.name == "result:urgent"
    finish = page.button("Finish")
    assert page.where(finish) == spot  # under the same finger
    page.tap_widget(finish)  # the second tap, at once
    assert session.current.name == "result:urgent" and session.answers
    now[0] += 0.3
    page.tap_widget(finish)  # still within the guard
    assert session.current.name == "result:urgent"
    now[0] += 1
    page.tap("Finish")  # a tap meant for it
    assert session.current == ATTRACT
