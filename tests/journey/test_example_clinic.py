"""The second example clinic (examples/harbour-physio): proof that the model is general.

It must validate on its own, reach each of its four outcomes, end at once on any warning
sign, and fit a portrait screen (1080x1920), the screen it is made for.
"""

from __future__ import annotations

from collections.abc import Mapping

import journeys
import pytest
from journeys import answer_on_screen, assert_readable, assert_screen_fits, tap
from kioskpage import KioskPage, control_of, shown_screen
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFrame, QWidget
from pytestqt.qtbot import QtBot
from uihelpers import ROOT, make_window

from kiosk.cli import main as kiosk_main
from kiosk.content import LoadedContent, load_content
from kiosk.content.model import AnatomyScreen
from kiosk.core.access import verify_pin
from kiosk.core.engine import Answer
from kiosk.core.session import Session
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.screens.result import ResultView
from kiosk.ui.widgets import KineticScrollArea, QrCode

EXAMPLE_DIR = ROOT / "examples" / "harbour-physio"
EXAMPLE = EXAMPLE_DIR / "content.yaml"
PORTRAIT = QSize(1080, 1920)
MIN_TARGET = 48

RED_FLAGS = ["injury", "fever_stiff_neck", "both_arms", "worst_headache", "weight_or_cancer"]
NO_FLAGS: dict[str, Answer] = {question: "no" for question in RED_FLAGS}

PHYSIO: dict[str, Answer] = {
    **NO_FLAGS,
    "where": frozenset({"neck", "shoulders"}),
    "how_long": "two_to_six_weeks",
    "pain_now": 5,
    "worse_with": frozenset({"desk", "turning"}),
    "preference": "needling",
}
DOCTOR: dict[str, Answer] = {  # pins and needles down one arm for more than 6 weeks
    **NO_FLAGS,
    "where": frozenset({"neck", "one_arm"}),
    "arm_tingling": "yes",
    "how_long": "over_six_weeks",
    "pain_now": 6,
    "worse_with": frozenset({"turning"}),
    "preference": "hands_on",
}
SELF_CARE: dict[str, Answer] = {  # a stiff neck of a few days, nothing else
    **NO_FLAGS,
    "where": frozenset({"neck"}),
    "how_long": "under_two_weeks",
    "pain_now": 3,
    "worse_with": frozenset({"none"}),
    "preference": "not_sure",
}
URGENT: dict[str, Answer] = {"injury": "yes"}

SCRIPTS = {
    "urgent": URGENT,
    "see_doctor": DOCTOR,
    "physio_may_help": PHYSIO,
    "self_care": SELF_CARE,
}


@pytest.fixture(scope="module")
def harbour() -> LoadedContent:
    return load_content(EXAMPLE)


# --- the file ---------------------------------------------------------------------------------


def test_the_example_validates_with_no_problems(capsys: pytest.CaptureFixture[str]) -> None:
    assert kiosk_main(["validate", str(EXAMPLE)]) == 0
    out, err = capsys.readouterr()
    assert "valid (6 screens, 12 questions, 4 outcomes, 3 therapists)" in out
    assert err == ""  # no warnings either: its own staff PIN, every file readable
    assert load_content(EXAMPLE).warnings == ()


def test_every_picture_is_the_examples_own(harbour: LoadedContent) -> None:
    """Assets fall back to the bundled ones; the example must not lean on them."""
    content = harbour.content
    named = [content.clinic.logo, *(m.icon for m in content.modalities)]
    named += [t.photo for t in content.therapists]
    assert all(named) and len(harbour.assets) >= len(named)
    for relative, found in harbour.assets.items():
        assert found.is_relative_to(EXAMPLE_DIR / "assets"), relative


def test_it_shares_nothing_with_the_default_clinic(harbour: LoadedContent) -> None:
    mine, default = harbour.content, load_content(ROOT / "content.yaml").content
    assert mine.clinic.name != default.clinic.name
    assert mine.brand.primary != default.brand.primary
    assert mine.brand.accent != default.brand.accent
    for ids in (
        lambda c: {m.id for m in c.modalities},
        lambda c: {t.id for t in c.therapists},
        lambda c: {s.id for s in c.screens},
        lambda c: {q.text for q in c.self_check.questions},  # ids may repeat; words not
    ):
        assert not ids(mine) & ids(default)
    assert mine.ui_text.disclaimer != default.ui_text.disclaimer
    assert mine.ui_text.touch_to_begin != default.ui_text.touch_to_begin
    assert {s.type for s in mine.screens} <= {"article", "cards", "self_check"}
    assert not any(isinstance(s, AnatomyScreen) for s in mine.screens)
    assert all(q.type != "body_map" for q in mine.self_check.questions)
    assert all(s.sources and s.reviewed and s.reviewed.year == 2026 for s in mine.screens)


def test_its_colours_are_readable(harbour: LoadedContent) -> None:
    brand = harbour.content.brand
    assert_readable(brand)


def test_the_example_pin_is_1357(harbour: LoadedContent) -> None:
    staff = harbour.content.staff
    assert staff is not None
    assert verify_pin("1357", staff.pin_hash)
    assert not verify_pin("2580", staff.pin_hash)


# --- visits through the session ----------------------------------------------------------------


def visit(session: Session, answers: Mapping[str, Answer]) -> list[str]:
    return journeys.visit(session, answers, "screen:neck_check")


def test_the_warning_signs_come_first_and_are_always_asked(harbour: LoadedContent) -> None:
    questions = harbour.content.self_check.questions
    flagged = [q.id for q in questions if q.has_red_flag]
    assert flagged == RED_FLAGS == [q.id for q in questions[: len(RED_FLAGS)]]
    assert all(q.show_if is None for q in questions[: len(RED_FLAGS)])


@pytest.mark.parametrize("outcome_id", list(SCRIPTS))
def test_a_visit_reaches_each_outcome(harbour: LoadedContent, outcome_id: str) -> None:
    session = Session(harbour.content)
    visit(session, SCRIPTS[outcome_id])
    assert session.current.name == f"result:{outcome_id}"
    matches = [m.therapist.id for m in session.therapist_matches()]
    if outcome_id == "physio_may_help":
        assert matches == ["priya", "tom", "lena"]
    else:
        assert matches == []


def test_show_if_asks_follow_up_questions_only_when_they_fit(harbour: LoadedContent) -> None:
    session = Session(harbour.content)
    asked = visit(session, PHYSIO)
    assert "arm_tingling" not in asked and "headache_kind" not in asked
    asked = visit(session, DOCTOR)
    assert "arm_tingling" in asked and "headache_kind" not in asked
    headache = {**PHYSIO, "where": frozenset({"neck", "head"}), "headache_kind": "band"}
    asked = visit(session, headache)
    assert "headache_kind" in asked
    assert session.current.name == "result:physio_may_help"


def test_the_doctor_outcome_has_more_than_one_way_in(harbour: LoadedContent) -> None:
    session = Session(harbour.content)
    visit(session, {**PHYSIO, "pain_now": 8})
    assert session.current.name == "result:see_doctor"
    visit(session, {**PHYSIO, "how_long": "getting_worse"})
    assert session.current.name == "result:see_doctor"
    visit(session, {**PHYSIO, "pain_now": 7})
    assert session.current.name == "result:physio_may_help"
    # tingling for less than 6 weeks is not, by itself, a reason to see the doctor first
    visit(session, {**DOCTOR, "how_long": "two_to_six_weeks"})
    assert session.current.name == "result:physio_may_help"


def test_suggested_treatments_put_the_right_therapist_first(harbour: LoadedContent) -> None:
    session = Session(harbour.content)
    relaxing = {**PHYSIO, "worse_with": frozenset({"stress"}), "preference": "relax"}
    visit(session, relaxing)
    assert session.current.name == "result:physio_may_help"
    assert session.therapist_matches()[0].therapist.id == "lena"  # massage
    visit(session, {**PHYSIO, "worse_with": frozenset({"phone"}), "preference": "exercises"})
    first = session.therapist_matches()[0]
    assert "exercise_rehab" in first.modalities


def test_none_of_these_clears_the_other_answers(harbour: LoadedContent) -> None:
    session = Session(harbour.content)
    session.toggle("worse_with", "desk")
    session.toggle("worse_with", "stress")
    session.toggle("worse_with", "none")
    assert session.answers["worse_with"] == frozenset({"none"})
    session.toggle("worse_with", "phone")
    assert session.answers["worse_with"] == frozenset({"phone"})


@pytest.mark.parametrize("flag", RED_FLAGS)
def test_every_warning_sign_ends_the_check_at_once(harbour: LoadedContent, flag: str) -> None:
    session = Session(harbour.content)
    answers = {**PHYSIO, flag: "yes"}
    asked = visit(session, answers)
    assert asked == RED_FLAGS[: RED_FLAGS.index(flag) + 1]  # nothing after the flag
    assert session.current.name == "result:urgent"
    assert session.outcome().kind == "urgent"
    assert session.therapist_matches() == []
    assert session.next_action() == "finish"  # no screens, no booking after it


# --- visits by taps, on a portrait screen ---------------------------------------------------------


def walk_to_questions(qtbot: QtBot, window: KioskWindow) -> None:
    journeys.walk_to_questions(
        qtbot, window, "screen:neck_pain", "screen:neck_check", "Start the neck check"
    )


def test_a_portrait_visit_by_taps_reaches_the_physios(qtbot: QtBot, harbour: LoadedContent) -> None:
    window = make_window(qtbot, harbour, PORTRAIT)
    page = KioskPage(qtbot, window)
    walk_to_questions(qtbot, window)
    for _ in range(30):
        question = page.question()
        if question is None:
            break
        answer_on_screen(qtbot, window, PHYSIO[question.id])
    assert page.place() == "result:physio_may_help"
    result = shown_screen(window)
    assert isinstance(result, ResultView)
    assert [m.therapist.id for m in result.matches] == ["priya", "tom", "lena"]
    clinic_link = harbour.content.clinic.booking_url
    links: dict[str, str] = {}
    for match in result.matches:
        card = result.findChild(QFrame, f"therapist-{match.therapist.id}")
        assert card is not None and card.isVisible(), match.therapist.id
        codes = card.findChildren(QrCode)
        assert len(codes) == 1
        links[match.therapist.id] = codes[0].data
    assert links["priya"] == links["lena"] == clinic_link
    assert links["tom"] == "https://harbourside-physio.example/book/tom"  # his own link
    assert "not a diagnosis" in page.text("disclaimer")
    assert control_of(window, "nextButton").text() == "Done"
    tap(qtbot, control_of(window, "nextButton"))
    assert page.on_attract()
    assert page.answers_kept() == {}
    assert page.size() == PORTRAIT


@pytest.mark.parametrize("flag", RED_FLAGS)
def test_a_warning_sign_tapped_shows_no_therapist(
    qtbot: QtBot, harbour: LoadedContent, flag: str
) -> None:
    window = make_window(qtbot, harbour, PORTRAIT)
    page = KioskPage(qtbot, window)
    walk_to_questions(qtbot, window)
    for question in RED_FLAGS[: RED_FLAGS.index(flag)]:
        assert page.place() == f"question:{question}"
        answer_on_screen(qtbot, window, "no")
    answer_on_screen(qtbot, window, "yes")
    assert page.place() == "result:urgent"
    result = shown_screen(window)
    assert isinstance(result, ResultView)
    assert result.matches == []
    assert result.findChildren(QrCode) == []
    banner = result.findChild(QWidget, "resultBanner")
    assert banner is not None and banner.property("kind") == "urgent"


def test_every_screen_fits_a_portrait_screen(qtbot: QtBot, harbour: LoadedContent) -> None:
    visitor = KioskPage(qtbot, make_window(qtbot, harbour, PORTRAIT))
    visitor.keep_answers(PHYSIO)  # so the physio result shows its therapists
    names = visitor.places()
    assert len(names) == 1 + 6 + 12 + 4
    for name in names:
        visitor.go(name)
        qtbot.wait(1)
        page = assert_screen_fits(visitor, name)
        if name.is_screen:  # made for portrait: the reading screens need no scrolling
            for area in page.findChildren(KineticScrollArea):
                assert area.verticalScrollBar().maximum() == 0, f"{name.ident} scrolls"
    assert visitor.size() == PORTRAIT
