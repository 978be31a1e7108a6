"""The third example clinic (examples/ridgeway-knee): knee pain, with a figure the clinic drew
and the kiosk's whole-body map asked with knee regions.

It must validate on its own, reach each of its outcomes, end at once on any red flag, show its
own knee with the parts it names, let a visitor tap a knee on either view of the body (or say
"None of these" and go on), and fit the small landscape screen it is made for (1366x768).
"""

from __future__ import annotations

from collections.abc import Mapping

import journeys
import pytest
from journeys import tap
from kioskpage import KioskPage
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from uihelpers import ROOT, make_window

from kiosk.cli import main as kiosk_main
from kiosk.content import LoadedContent, load_content
from kiosk.core.access import verify_pin
from kiosk.core.engine import Answer
from kiosk.core.session import Session
from kiosk.ui.answers import BodyMapAnswers
from kiosk.ui.screens.anatomy import AnatomyView
from kiosk.ui.screens.question import QuestionView
from kiosk.ui.widgets import KineticScrollArea

EXAMPLE_DIR = ROOT / "examples" / "ridgeway-knee"
EXAMPLE = EXAMPLE_DIR / "content.yaml"
SMALL = QSize(1366, 768)
KNEE_PARTS = ["quadriceps_tendon", "patella", "patellar_tendon", "meniscus_medial", "mcl", "lcl"]

RED_FLAGS = ["injury_no_weight", "hot_and_unwell", "calf_or_breath"]
NO_FLAGS: dict[str, Answer] = {question: "no" for question in RED_FLAGS}
PHYSIO: dict[str, Answer] = {
    **NO_FLAGS,
    "where": frozenset({"knee_left"}),
    "gives_way": "no",
    "pain_now": 4,
    "how_long": "two_to_twelve_weeks",
    "worse_with": frozenset({"stairs", "sport"}),
}
DOCTOR: dict[str, Answer] = {**PHYSIO, "gives_way": "yes"}
KEEP_MOVING: dict[str, Answer] = {
    **PHYSIO,
    "where": frozenset({"none_of_these"}),
    "how_long": "under_two_weeks",
    "worse_with": frozenset({"none"}),
}
SCRIPTS = {"physio_may_help": PHYSIO, "see_doctor": DOCTOR, "keep_moving": KEEP_MOVING}


@pytest.fixture(scope="module")
def knee() -> LoadedContent:
    return load_content(EXAMPLE)


def test_the_example_validates_with_no_problems(capsys: pytest.CaptureFixture[str]) -> None:
    assert kiosk_main(["validate", str(EXAMPLE)]) == 0
    out, err = capsys.readouterr()
    assert "valid (6 screens, 8 questions, 4 outcomes, 3 therapists)" in out
    assert err == ""
    assert load_content(EXAMPLE).warnings == ()


def test_its_figures_are_its_own_knee_and_the_kiosks_whole_body(knee: LoadedContent) -> None:
    anatomy = next(s for s in knee.content.screens if s.type == "anatomy")
    assert anatomy.figure == "assets/knee_front.svg"  # type: ignore[attr-defined]
    assert knee.assets["assets/knee_front.svg"].is_relative_to(EXAMPLE_DIR / "assets")
    assert [p.id for p in anatomy.parts] == KNEE_PARTS  # type: ignore[attr-defined]
    where = knee.content.question("where")
    assert where is not None and where.figure == "assets/bodymap/body_front_back.svg"
    assert {"knee_left", "knee_right"} <= {o.id for o in where.options}


def test_the_example_pin_is_4826(knee: LoadedContent) -> None:
    staff = knee.content.staff
    assert staff is not None and verify_pin("4826", staff.pin_hash)


def visit(session: Session, answers: Mapping[str, Answer]) -> list[str]:
    return journeys.visit(session, answers, "screen:knee_check")


@pytest.mark.parametrize("outcome_id", list(SCRIPTS))
def test_a_visit_reaches_each_outcome(knee: LoadedContent, outcome_id: str) -> None:
    session = Session(knee.content)
    visit(session, SCRIPTS[outcome_id])
    assert session.current.name == f"result:{outcome_id}"
    matches = [m.therapist.id for m in session.therapist_matches()]
    assert bool(matches) == (outcome_id != "see_doctor")


@pytest.mark.parametrize("flag", RED_FLAGS)
def test_every_red_flag_ends_the_check_at_once(knee: LoadedContent, flag: str) -> None:
    session = Session(knee.content)
    asked = visit(session, {**PHYSIO, flag: "yes"})
    assert asked == RED_FLAGS[: RED_FLAGS.index(flag) + 1]
    assert session.current.name == "result:urgent"
    assert session.therapist_matches() == []


def on_the_body_map(qtbot: QtBot, knee: LoadedContent) -> tuple[KioskPage, QuestionView]:
    """The window on the knee clinic's body map, laid out as on a screen."""
    visitor = KioskPage(qtbot, make_window(qtbot, knee, SMALL))
    visitor.start_visit()
    visitor.go("question:where", remember=True)
    qtbot.wait(20)
    page = visitor.shown()
    assert isinstance(page, QuestionView) and isinstance(page.answers, BodyMapAnswers)
    return visitor, page


def test_a_knee_is_tapped_on_either_view_of_the_body(qtbot: QtBot, knee: LoadedContent) -> None:
    visitor, page = on_the_body_map(qtbot, knee)
    figure = page.answers.figure
    assert figure is not None
    # the left knee is drawn twice: from the front (on the viewer's right of the first
    # figure) and from behind (on the viewer's left of the second)
    rect = figure.element_rect("knee_left")
    middle = rect.center()
    front = QPoint(int(rect.left() + 4), int(middle.y()))
    while figure.region_at(front.toPointF()) != "knee_left":
        front += QPoint(2, 0)
    back = QPoint(int(rect.right() - 4), int(middle.y()))
    while figure.region_at(back.toPointF()) != "knee_left":
        back -= QPoint(2, 0)
    assert back.x() - front.x() > figure.width() // 4  # two places, far apart
    assert figure.region_at(middle) is None  # between the figures: nothing
    qtbot.mouseClick(figure, Qt.MouseButton.LeftButton, pos=front)
    assert visitor.answers_kept()["where"] == frozenset({"knee_left"})
    assert (
        page.answers.buttons["knee_left"].isChecked() and visitor.control("nextButton").isEnabled()
    )
    qtbot.mouseClick(figure, Qt.MouseButton.LeftButton, pos=back)
    assert "where" not in visitor.answers_kept()
    assert not visitor.control("nextButton").isEnabled()
    # a visitor with no pain in these places can go on
    tap(qtbot, page.answers.buttons["knee_right"])
    tap(qtbot, page.answers.buttons["none_of_these"])
    assert visitor.answers_kept()["where"] == frozenset({"none_of_these"})
    assert not page.answers.buttons["knee_right"].isChecked()
    assert visitor.control("nextButton").isEnabled()


def test_the_chosen_knee_is_lit_on_both_views(qtbot: QtBot, knee: LoadedContent) -> None:
    visitor, page = on_the_body_map(qtbot, knee)
    assert isinstance(page.answers, BodyMapAnswers)
    accent = visitor.palette().color("accent")

    def lit(rect_x: tuple[int, int]) -> int:
        image = page.answers.figure.grab().toImage()
        rect = page.answers.figure.element_rect("knee_right").toAlignedRect()
        return sum(
            1
            for x in range(rect_x[0], rect_x[1])
            for y in range(rect.top(), rect.bottom())
            if image.pixelColor(x, y).red() > 120 and image.pixelColor(x, y).blue() < 90
        )

    # a region of the figure that is not asked is drawn as plain body: nothing to tap there
    image = page.answers.figure.grab().toImage()
    shoulder = page.answers.figure.element_rect("shoulder_left").toAlignedRect()
    surface = visitor.palette().color("surface")
    assert image.pixelColor(shoulder.left() + 6, shoulder.center().y()) == surface
    knee_rect = page.answers.figure.element_rect("knee_left").toAlignedRect()
    assert image.pixelColor(knee_rect.left() + 8, knee_rect.center().y()) != surface
    rect = page.answers.figure.element_rect("knee_right").toAlignedRect()
    halves = ((rect.left(), rect.center().x()), (rect.center().x(), rect.right()))
    assert [lit(h) for h in halves] == [0, 0]
    tap(qtbot, page.answers.buttons["knee_right"])
    qtbot.wait(10)
    assert all(lit(h) > 50 for h in halves), accent.name()


def test_its_own_knee_shows_each_part_it_names(qtbot: QtBot, knee: LoadedContent) -> None:
    visitor = KioskPage(qtbot, make_window(qtbot, knee, SMALL))
    visitor.start_visit()
    visitor.go("screen:your_knee", remember=True)
    qtbot.wait(20)
    page = visitor.shown()
    assert isinstance(page, AnatomyView)
    for number, part_id in enumerate(KNEE_PARTS, start=1):
        marker = page.figure.markers[part_id]
        assert marker.text() == str(number)
        tap(qtbot, marker)
        part = page.spec.parts[number - 1]
        assert page.detail_title.text() == part.label and page.detail_text.text() == part.text
    # no two leader lines cross
    from kiosk.ui.screens.anatomy import _cross

    leaders = page.figure.leaders
    for i, (a1, a2) in enumerate(leaders):
        for b1, b2 in leaders[i + 1 :]:
            assert not _cross(a1, a2, b1, b2)


@pytest.mark.parametrize("text_size", [1, 3])
def test_every_screen_fits_the_small_landscape_screen(
    qtbot: QtBot, knee: LoadedContent, text_size: int
) -> None:
    visitor = KioskPage(qtbot, make_window(qtbot, knee, SMALL))
    visitor.keep_answers(PHYSIO)
    visitor.set_display(text_size=text_size)
    for name in visitor.places():
        visitor.go(name)
        qtbot.wait(1)
        page = visitor.shown()
        for label in page.findChildren(QLabel):
            if not (label.isVisible() and label.text() and label.wordWrap()):
                continue
            assert label.height() >= label.heightForWidth(label.width()) - 1, (name, label.text())
            inside = [a for a in page.findChildren(KineticScrollArea) if a.isAncestorOf(label)]
            if not inside:  # not in a scrolling view: wholly on the page
                top_left = label.mapTo(page, QPoint(0, 0))
                assert page.rect().contains(label.rect().translated(top_left)), (name, label.text())
