"""A visitor taps through the kiosk offscreen: real mouse events through the event loop."""

from __future__ import annotations

import journeys
import pytest
from journeys import answer_on_screen, tap
from PySide6.QtCore import QPoint, QSize, Qt
from pytestqt.qtbot import QtBot
from uihelpers import build_window
from visits import MASSAGE, SCRIPTS

from kiosk.content import LoadedContent
from kiosk.core.control import Kiosk
from kiosk.core.place import ATTRACT
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
        window.ctx.words.start_check,
        at=QPoint(200, 200),
    )


@pytest.mark.parametrize("outcome_id", sorted(SCRIPTS))
def test_a_whole_visit_by_taps(qtbot: QtBot, window: KioskWindow, outcome_id: str) -> None:
    walk_to_questions(qtbot, window)
    answers = SCRIPTS[outcome_id]
    for _ in range(30):
        question = window.session.current_question()
        if question is None:
            break
        answer_on_screen(qtbot, window, answers[question.id])
    assert window.session.current.name == f"result:{outcome_id}"
    assert window.inner.currentWidget() is window.inner.result_page()
    assert (
        window.inner.result_page().outcome is not None
        and window.inner.result_page().outcome.id == outcome_id
    )
    assert window.frame.disclaimer.isVisible()
    tap(qtbot, window.frame.next_button)  # Finish
    assert window.session.current == ATTRACT
    assert window.session.answers == {}
    assert window.outer.currentWidget() is window.page_for(ATTRACT)


def test_red_flag_result_has_no_therapist_and_no_qr(qtbot: QtBot, window: KioskWindow) -> None:
    walk_to_questions(qtbot, window)
    answer_on_screen(qtbot, window, "no")
    answer_on_screen(qtbot, window, "yes")  # bladder or bowel: a red flag
    assert window.session.current.name == "result:urgent"
    result = window.inner.result_page()
    assert isinstance(result, ResultView)
    assert result.matches == []
    assert result.findChildren(QrCode) == []
    banner = result.findChild(object, "resultBanner")
    assert banner is not None and banner.property("kind") == "urgent"


def test_massage_result_shows_therapists_with_booking_qr(qtbot: QtBot, window: KioskWindow) -> None:
    window.session.answers.update(MASSAGE)
    window.session.show("result:massage_may_help")
    codes = window.inner.result_page().findChildren(QrCode)
    assert codes and all(c.data.startswith("https://") for c in codes)
    shown = [m.therapist.id for m in window.inner.result_page().matches]
    assert shown and shown[0] == "maya"
    assert window.inner.result_page().findChild(object, "therapist-maya") is not None


def test_body_map_figure_toggles_a_region(qtbot: QtBot, window: KioskWindow) -> None:
    window.session.start()
    window.session.show("question:where", remember=True)
    page = window.current_page()
    assert isinstance(page, QuestionView) and isinstance(page.answers, BodyMapAnswers)
    point = page.answers.figure.region_centre("calf_right").toPoint()
    qtbot.mouseClick(page.answers.figure, Qt.MouseButton.LeftButton, pos=point)
    assert window.session.answers["where"] == frozenset({"calf_right"})
    assert page.answers.buttons["calf_right"].isChecked()
    assert window.frame.next_button.isEnabled()
    qtbot.mouseClick(page.answers.figure, Qt.MouseButton.LeftButton, pos=point)
    assert "where" not in window.session.answers
    assert not window.frame.next_button.isEnabled()


def test_anatomy_part_tap_shows_its_text(qtbot: QtBot, window: KioskWindow) -> None:
    window.session.start()
    window.session.show("screen:sciatic_nerve", remember=True)
    page = window.current_page()
    marker = page.figure.markers["tibial"]  # type: ignore[attr-defined]
    tap(qtbot, marker)
    assert page.figure.selected == "tibial"  # type: ignore[attr-defined]
    part = next(p for p in page.spec.parts if p.id == "tibial")  # type: ignore[attr-defined]
    assert page.detail_text.text() == part.text  # type: ignore[attr-defined]


def test_back_and_home_from_every_screen(qtbot: QtBot, window: KioskWindow) -> None:
    session = window.session
    session.start()
    assert not window.frame.back_button.isEnabled()  # nothing to go back to on the first screen
    tap(qtbot, window.frame.home_button)
    assert session.current.name == "screen:welcome"
    for name in session.places()[2:]:
        session.start()
        session.show(name, remember=True)
        assert window.frame.back_button.isEnabled()
        tap(qtbot, window.frame.back_button)
        assert session.current.name == "screen:welcome", name
        session.show(name, remember=True)
        tap(qtbot, window.frame.home_button)
        assert session.current.name == "screen:welcome", name
        assert window.frame.back_button.isVisible() and window.frame.home_button.isVisible()


def test_disclaimer_on_every_framed_screen(window: KioskWindow) -> None:
    """DESIGN: every screen says it is education, not diagnosis."""
    for name in window.session.places()[1:]:
        window.session.show(name)
        assert window.frame.disclaimer.isVisible(), name
        assert "not a diagnosis" in window.frame.disclaimer.text()


def test_next_waits_for_an_answer(qtbot: QtBot, window: KioskWindow) -> None:
    window.session.start()
    window.session.show("question:pain_now", remember=True)
    assert not window.frame.next_button.isEnabled()
    page = window.current_page()
    assert isinstance(page, QuestionView)
    tap(qtbot, page.answers.buttons["7"])
    assert window.session.answers["pain_now"] == 7
    assert window.frame.next_button.isEnabled()


def test_selected_answer_is_shown_when_coming_back(qtbot: QtBot, window: KioskWindow) -> None:
    walk_to_questions(qtbot, window)
    answer_on_screen(qtbot, window, "no")
    tap(qtbot, window.frame.back_button)
    page = window.current_page()
    assert isinstance(page, QuestionView)
    assert page.answers.buttons["no"].isChecked() and not page.answers.buttons["yes"].isChecked()


def on_the_first_question(
    qtbot: QtBot, loaded: LoadedContent, size: QSize, now: list[float]
) -> KioskWindow:
    """A window with the real tap guard on the clock `now`, on the first question (a red-flag
    one), painted and laid out as on a screen a finger can see, long after it showed (the
    visitor has read it)."""
    window = build_window(qtbot, Kiosk(loaded), size, exposed=False, clock=lambda: now[0])
    window.session.start()
    window.session.show("question:saddle_numbness", remember=True)
    qtbot.waitExposed(window)
    qtbot.wait(1)
    now[0] += 10
    return window


def test_a_double_tap_does_not_answer_the_next_question(
    qtbot: QtBot, loaded: LoadedContent
) -> None:
    now = [100.0]
    window = on_the_first_question(qtbot, loaded, QSize(1920, 1080), now)
    session = window.session
    first = window.current_page()
    assert isinstance(first, QuestionView)
    qtbot.mouseClick(first.answers.buttons["no"], Qt.MouseButton.LeftButton)
    assert session.current.name == "question:bladder_bowel"
    second = window.current_page()
    assert isinstance(second, QuestionView)
    qtbot.mouseClick(second.answers.buttons["no"], Qt.MouseButton.LeftButton)  # the same instant
    assert "bladder_bowel" not in session.answers
    now[0] += 0.7  # the slow double tap a tester made: whole on screen for 0.5 s only
    qtbot.mouseClick(second.answers.buttons["no"], Qt.MouseButton.LeftButton)
    assert "bladder_bowel" not in session.answers
    now[0] += 0.5  # a red-flag question: at least 1 s whole, and time to read it
    qtbot.mouseClick(second.answers.buttons["no"], Qt.MouseButton.LeftButton)
    assert "bladder_bowel" not in session.answers
    now[0] += 3
    qtbot.mouseClick(second.answers.buttons["no"], Qt.MouseButton.LeftButton)
    assert session.answers["bladder_bowel"] == "no"


def test_a_double_tap_on_see_my_result_does_not_tap_finish_and_wipe_an_urgent_result(
    qtbot: QtBot, loaded: LoadedContent
) -> None:
    """Back from an urgent result, 'See my result' stands where the result's Finish is: a
    double tap showed 'Get medical help now' for a moment, then wiped it (tester). The bars'
    buttons wait for the guard as the page's do."""
    now = [100.0]
    window = on_the_first_question(qtbot, loaded, QSize(1366, 768), now)
    session = window.session
    page = window.current_page()
    assert isinstance(page, QuestionView)
    qtbot.mouseClick(page.answers.buttons["yes"], Qt.MouseButton.LeftButton)
    assert session.current.name == "result:urgent"
    now[0] += 1
    tap(qtbot, window.frame.back_button)
    assert session.current.name == "question:saddle_numbness"
    now[0] += 5
    see_result = window.frame.next_button
    spot = see_result.mapTo(window, see_result.rect().center())
    tap(qtbot, see_result)
    assert session.current.name == "result:urgent"
    finish = window.frame.next_button
    assert finish.mapTo(window, finish.rect().center()) == spot  # under the same finger
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)  # the second tap, at once
    assert session.current.name == "result:urgent" and session.answers
    now[0] += 0.3
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)  # still within the guard
    assert session.current.name == "result:urgent"
    now[0] += 1
    qtbot.mouseClick(window.frame.next_button, Qt.MouseButton.LeftButton)  # a tap meant for it
    assert session.current == ATTRACT
