"""The third example clinic (examples/nakheel-physio): Arabic only, right to left.

It validates on its own with no font of its own (Noto Sans Arabic ships with the kiosk),
reaches each of its four outcomes, ends at once on any warning sign, and fits landscape and
portrait screens at the largest text size, mirrored: Back on the right, the 0 to 10 scale
from the right with each end's words under its own end, and the body map's left parts on
the figure's left.
"""

from __future__ import annotations

from collections.abc import Mapping

import journeys
import pytest
from arabic import singular_address
from journeys import answer_on_screen, assert_readable, assert_screen_fits, tap
from kioskpage import control_of, shown_screen
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QLabel, QWidget
from pytestqt.qtbot import QtBot
from uihelpers import ROOT, make_window

from kiosk.cli import main as kiosk_main
from kiosk.content import LoadedContent, load_content
from kiosk.core.access import verify_pin
from kiosk.core.engine import Answer
from kiosk.core.place import ATTRACT
from kiosk.core.session import Session
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.screens.result import ResultView
from kiosk.ui.widgets import QrCode

EXAMPLE_DIR = ROOT / "examples" / "nakheel-physio"
EXAMPLE = EXAMPLE_DIR / "content.yaml"
PORTRAIT, LANDSCAPE = QSize(1080, 1920), QSize(1920, 1080)
MIN_TARGET = 48

RED_FLAGS = ["saddle_numbness", "bladder_bowel", "both_legs", "fever_weight"]
NO_FLAGS: dict[str, Answer] = {question: "no" for question in RED_FLAGS}
PHYSIO: dict[str, Answer] = {
    **NO_FLAGS,
    "where": frozenset({"lower_back", "thigh_left"}),
    "how_long": "two_to_six_weeks",
    "pain_now": 5,
    "preference": "exercises",
}
DOCTOR: dict[str, Answer] = {**PHYSIO, "how_long": "getting_worse"}
SELF_CARE: dict[str, Answer] = {
    **NO_FLAGS,
    "where": frozenset({"lower_back"}),
    "how_long": "under_two_weeks",
    "pain_now": 3,
    "preference": "not_sure",
}
SCRIPTS = {
    "urgent": {"saddle_numbness": "yes"},
    "see_doctor": DOCTOR,
    "physio_may_help": PHYSIO,
    "self_care": SELF_CARE,
}


@pytest.fixture(scope="module")
def nakheel() -> LoadedContent:
    return load_content(EXAMPLE)


# --- the file ---------------------------------------------------------------------------------


def test_the_example_validates_with_no_problems(capsys: pytest.CaptureFixture[str]) -> None:
    assert kiosk_main(["validate", str(EXAMPLE)]) == 0
    out, err = capsys.readouterr()
    assert "valid (6 screens, 8 questions, 4 outcomes, 3 therapists)" in out
    assert err == ""  # no warning: every letter has a font, every built-in word is Arabic
    assert load_content(EXAMPLE).warnings == ()


def test_it_is_arabic_only_and_reads_right_to_left(nakheel: LoadedContent) -> None:
    content = nakheel.content
    assert content.language_codes() == ["ar"]
    assert content.brand.font is None and content.brand.fonts == {}
    assert content.ui_text.next == "التالي"  # built in, not written in the file
    assert all(t.languages and t.languages[0] == "ar" for t in content.therapists)
    assert all(s.sources and s.reviewed and s.reviewed.year == 2026 for s in content.screens)


def test_it_speaks_to_visitors_in_the_polite_plural_as_the_built_in_words_do() -> None:
    """The file spoke to one man (هل لديك، راجع طبيبك) beside the kiosk's polite plural."""
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    words = "\n".join(line for line in lines if not line.lstrip().startswith("#"))
    assert singular_address(words) == []
    assert "هل لديكم تنميل جديد" in words and "اطلبوا مساعدة طبية الآن" in words


def test_every_picture_is_the_examples_own(nakheel: LoadedContent) -> None:
    content = nakheel.content
    named = [content.clinic.logo, *(m.icon for m in content.modalities)]
    named += [t.photo for t in content.therapists]
    assert all(named)
    shipped_figures = ROOT / "assets" / "bodymap"  # the body map's figure, which ships
    for relative, found in nakheel.assets.items():
        assert found.is_relative_to(EXAMPLE_DIR / "assets") or (
            relative == "kiosk:bodymap/body_back.svg" and found.is_relative_to(shipped_figures)
        ), relative


def test_its_colours_are_readable(nakheel: LoadedContent) -> None:
    brand = nakheel.content.brand
    assert_readable(brand)


def test_the_example_pin_is_1357(nakheel: LoadedContent) -> None:
    staff = nakheel.content.staff
    assert staff is not None and verify_pin("1357", staff.pin_hash)


# --- visits through the session ----------------------------------------------------------------


def visit(session: Session, answers: Mapping[str, Answer]) -> list[str]:
    return journeys.visit(session, answers, "screen:back_check")


def test_the_warning_signs_come_first_and_are_always_asked(nakheel: LoadedContent) -> None:
    questions = nakheel.content.self_check.questions
    assert [q.id for q in questions if q.has_red_flag] == RED_FLAGS
    assert [q.id for q in questions[: len(RED_FLAGS)]] == RED_FLAGS


@pytest.mark.parametrize("outcome_id", list(SCRIPTS))
def test_a_visit_reaches_each_outcome(nakheel: LoadedContent, outcome_id: str) -> None:
    session = Session(nakheel.content)
    visit(session, SCRIPTS[outcome_id])
    assert session.current.name == f"result:{outcome_id}"


@pytest.mark.parametrize("flag", RED_FLAGS)
def test_every_warning_sign_ends_the_check_at_once(nakheel: LoadedContent, flag: str) -> None:
    session = Session(nakheel.content)
    asked = visit(session, {**NO_FLAGS, flag: "yes"})
    assert asked == RED_FLAGS[: RED_FLAGS.index(flag) + 1]
    assert session.current.name == "result:urgent"
    assert session.therapist_matches() == []


# --- visits by taps, mirrored ------------------------------------------------------------------


def walk_to_questions(qtbot: QtBot, window: KioskWindow) -> None:
    journeys.walk_to_questions(
        qtbot, window, "screen:back_pain", "screen:back_check", "ابدؤوا فحص الظهر"
    )
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft


def centre_x(widget: QWidget, window: KioskWindow) -> int:
    return widget.mapTo(window, widget.rect().center()).x()


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_a_visit_by_taps_reaches_the_physios(
    qtbot: QtBot, nakheel: LoadedContent, size: QSize
) -> None:
    window = make_window(qtbot, nakheel, size)
    walk_to_questions(qtbot, window)
    middle = window.width() // 2
    assert (
        centre_x(control_of(window, "backButton"), window)
        > middle
        > centre_x(control_of(window, "nextButton"), window)
    )
    for _ in range(20):
        question = window.session.current_question()
        if question is None:
            break
        page = shown_screen(window)
        if question.type == "body_map":  # the body's left on the left, like the figure
            left, right = page.answers.buttons["thigh_left"], page.answers.buttons["thigh_right"]
            assert centre_x(left, window) < centre_x(right, window)
        if question.type == "scale":  # a row: 0 on the right; a column: 0 at the foot
            zero, ten = page.answers.buttons["0"], page.answers.buttons["10"]
            if zero.y() == ten.y():
                assert centre_x(zero, window) > centre_x(ten, window)
            else:
                assert (
                    zero.mapTo(window, zero.rect().center()).y()
                    > ten.mapTo(window, ten.rect().center()).y()
                )
        answer_on_screen(qtbot, window, PHYSIO[question.id])
    assert window.session.current.name == "result:physio_may_help"
    result = shown_screen(window)
    assert isinstance(result, ResultView)
    assert [m.therapist.id for m in result.matches] == ["huda", "omar", "sara"]
    card = result.findChild(QFrame, "therapist-huda")
    assert card is not None and card.isVisible()
    assert card.findChildren(QrCode)[0].data == nakheel.content.clinic.booking_url
    words = [label.text() for label in card.findChildren(QLabel)]
    # an Arabic list, not "A, B"; the verb agrees with the therapist: Huda and Sara are
    # women (تقدّم), Omar is a man (يقدّم)
    assert "تقدّم: تمارين علاجية والعلاج اليدوي" in words
    for therapist, line in (
        ("omar", "يقدّم: تمارين علاجية والتدليك العلاجي"),
        ("sara", "تقدّم: التدليك العلاجي والعلاج اليدوي"),
    ):
        other = result.findChild(QFrame, f"therapist-{therapist}")
        assert other is not None and line in [lb.text() for lb in other.findChildren(QLabel)]
    assert control_of(window, "nextButton").text() == "إنهاء"
    tap(qtbot, control_of(window, "nextButton"))
    assert window.session.current == ATTRACT and window.session.answers == {}


def test_a_warning_sign_tapped_shows_get_help_now_and_no_therapist(
    qtbot: QtBot, nakheel: LoadedContent
) -> None:
    window = make_window(qtbot, nakheel, PORTRAIT)
    walk_to_questions(qtbot, window)
    answer_on_screen(qtbot, window, "no")
    answer_on_screen(qtbot, window, "no")
    answer_on_screen(qtbot, window, "yes")  # both legs
    assert window.session.current.name == "result:urgent"
    result = shown_screen(window)
    assert isinstance(result, ResultView)
    assert result.matches == [] and result.findChildren(QrCode) == []
    banner = result.findChild(QWidget, "resultBanner")
    assert banner is not None and banner.property("kind") == "urgent"
    assert "اطلبوا مساعدة طبية الآن" in [label.text() for label in result.findChildren(QLabel)]


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_every_screen_fits_at_the_largest_text(
    qtbot: QtBot, nakheel: LoadedContent, size: QSize
) -> None:
    window = make_window(qtbot, nakheel, size)
    session = window.session
    session.set_text_size(3)
    session.answers.update(PHYSIO)
    names = session.places()
    assert len(names) == 1 + 6 + 8 + 4
    for name in names:
        session.show(name)
        qtbot.wait(1)
        assert_screen_fits(window, name)
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_english_sources_keep_their_direction_on_an_arabic_screen(
    qtbot: QtBot, nakheel: LoadedContent
) -> None:
    """An English citation on a right-to-left screen is its own left-to-right run (a first
    strong isolate), so its brackets and full stop stay where they belong."""
    window = make_window(qtbot, nakheel, PORTRAIT)
    window.session.show("result:urgent")
    sources = shown_screen(window).findChild(QLabel, "sources")
    assert sources is not None
    text = sources.text()
    assert text.startswith("المصادر: \u2068GIRFT")
    assert "\u2068NICE guideline NG59: Low back pain and sciatica in over 16s" in text
    assert "updated 2020)\u2069" in text
    assert "رُوجع في 29 نوفمبر 2026" in text
    # one source a line, and the date its own: no "; " or ". " inside the citations' words
    lines = text.split("\n")
    assert len(lines) == 3 and lines[1].startswith("\u2068NICE") and lines[2].startswith("رُوجع")
    assert ";" not in text


def test_pain_marked_in_both_legs_is_urgent(nakheel: LoadedContent) -> None:
    """As in the default content: pain in both legs is a red flag, whatever the both-legs
    question was answered."""
    session = Session(nakheel.content)
    visit(session, {**PHYSIO, "where": frozenset({"thigh_left", "calf_right"})})
    assert session.current.name == "result:urgent"
