"""Session and navigation, without Qt: named screens, Next/Back/Home, answers, reset."""

from __future__ import annotations

from pathlib import Path

import pytest
from visits import MASSAGE, RED_FLAG_QUESTIONS, SCRIPTS

from kiosk.content import load_content
from kiosk.content.model import Content
from kiosk.core.engine import Answer
from kiosk.core.place import ATTRACT, Place
from kiosk.core.session import Answered, DisplayChanged, Moved, Session, SessionEvent

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(ROOT / "content.yaml").content


@pytest.fixture
def session(content: Content) -> Session:
    return Session(content)


def walk_to_check(session: Session) -> None:
    session.start()
    while session.current.name != "screen:self_check":
        session.next()
    session.next()


def answer_all(session: Session, answers: dict[str, Answer]) -> None:
    """Answer whatever the session asks, as a visitor would, until a result shows."""
    for _ in range(50):
        question = session.current_question()
        if question is None:
            return
        session.answer(question.id, answers[question.id])
        if session.current.name == f"question:{question.id}":
            assert session.can_go_next()
            session.next()
    raise AssertionError("the self-check did not end")


def test_screens_are_named_and_walked_in_order(session: Session, content: Content) -> None:
    seen: list[SessionEvent] = []
    session.subscribe(seen.append)
    walk_to_check(session)
    moves = [event.place for event in seen if isinstance(event, Moved)]
    assert moves[: len(content.screens)] == [Place.screen(s.id) for s in content.screens]
    assert session.current.name == "question:saddle_numbness"


@pytest.mark.parametrize("outcome_id", sorted(SCRIPTS))
def test_a_whole_visit_reaches_each_outcome(session: Session, outcome_id: str) -> None:
    walk_to_check(session)
    answer_all(session, SCRIPTS[outcome_id])
    assert session.current.name == f"result:{outcome_id}"


@pytest.mark.parametrize("flag", RED_FLAG_QUESTIONS)
def test_red_flag_ends_the_check_at_once(session: Session, flag: str) -> None:
    walk_to_check(session)
    for question_id in RED_FLAG_QUESTIONS:
        session.answer(question_id, "yes" if question_id == flag else "no")
        if question_id == flag:
            break
    assert session.current.name == "result:urgent"
    assert session.therapist_matches() == []
    # Back returns to the question, so a mistaken tap can be corrected
    session.back()
    assert session.current.name == f"question:{flag}"


def test_single_choice_moves_on_multi_choice_waits(session: Session) -> None:
    walk_to_check(session)
    session.answer("saddle_numbness", "no")
    assert session.current.name == "question:bladder_bowel"
    session.show("question:worse_with")
    assert not session.can_go_next()
    session.toggle("worse_with", "sitting")
    assert session.current.name == "question:worse_with"
    assert session.can_go_next()
    session.toggle("worse_with", "sitting")
    assert not session.can_go_next()


def test_next_does_nothing_on_an_unanswered_question(session: Session) -> None:
    walk_to_check(session)
    session.next()
    assert session.current.name == "question:saddle_numbness"


def test_back_retraces_every_step(session: Session) -> None:
    walk_to_check(session)
    answer_all(session, MASSAGE)
    trail = [session.current.name]
    while session.can_go_back():
        session.back()
        trail.append(session.current.name)
    assert trail[-1] == "screen:welcome"
    assert "screen:self_check" in trail
    assert len(trail) == len(set(trail))


def test_home_starts_again_wiping_the_answers_but_not_the_reading_choices(
    session: Session,
) -> None:
    walk_to_check(session)
    session.set_language("es")
    session.set_text_size(3)
    session.answer("saddle_numbness", "yes")  # a red flag
    session.home()
    assert session.current.name == "screen:welcome"
    assert not session.can_go_back()
    assert session.answers == {}  # the next reader finds nothing ticked
    assert session.shown_language == "es" and session.text_size == 3


def test_reset_wipes_the_visit(session: Session) -> None:
    walk_to_check(session)
    answer_all(session, MASSAGE)
    session.language = "es"
    session.set_text_size(3)
    session.reset()
    assert session.current == ATTRACT
    assert session.answers == {}
    assert session.history == []
    assert session.language is None
    assert session.text_size == 1


def test_finish_on_the_result_ends_the_visit(session: Session) -> None:
    walk_to_check(session)
    answer_all(session, MASSAGE)
    assert session.next_action() == "finish"
    session.next()
    assert session.current == ATTRACT
    assert session.answers == {}


def test_progress(session: Session, content: Content) -> None:
    session.start()
    progress = session.progress()
    assert (progress.kind, progress.n, progress.total) == ("step", 1, len(content.screens))
    walk_to_check(session)
    progress = session.progress()
    assert (progress.kind, progress.n) == ("question", 1)


def test_a_question_shown_directly_counts_itself(session: Session) -> None:
    """A preview (or the admin's tools) shows every question, also one whose condition the
    answers so far rule out: it says "Question 1 of N" then, never "Question 0 of N"."""
    session.start()
    for place in session.places():
        if place.is_question:
            session.show(place)
            progress = session.progress()
            assert 1 <= progress.n <= progress.total, (place.name, progress)


def test_the_widest_progress_covers_every_screen_of_a_visit(session: Session) -> None:
    """The frame sizes its middle once for these: no screen of a visit shows a larger count."""
    widest = {p.kind: p.total for p in session.widest_progress()}
    session.start()
    seen = []
    for answers in SCRIPTS.values():
        session.reset()
        session.start()
        for name in session.places():
            session.show(name)
            seen.append(session.progress())
        walk_to_check(session)
        while session.current.name.startswith("question:"):
            seen.append(session.progress())
            question = session.current_question()
            assert question is not None
            session.answer(question.id, answers[question.id])
            if session.current.name == f"question:{question.id}":
                session.next()
        seen.append(session.progress())
    assert {p.kind for p in seen} <= set(widest) | {"none"}
    assert all(p.n <= widest[p.kind] and p.total <= widest[p.kind] for p in seen if p.total)


def test_next_button_words(session: Session) -> None:
    session.start()
    assert session.next_action() == "next"
    session.show("screen:self_check")
    assert session.next_action() == "start_check"
    session.show("question:pressure")
    assert session.next_action() == "see_result"


def test_show_refuses_unknown_names(session: Session) -> None:
    with pytest.raises(KeyError):
        session.show("screen:nope")


def test_screen_names_cover_every_question_and_outcome(session: Session, content: Content) -> None:
    names = session.places()
    assert names[0] == ATTRACT
    assert {Place.question(q.id) for q in content.self_check.questions} <= set(names)
    assert {Place.result(o.id) for o in content.self_check.outcomes} <= set(names)


def test_next_on_an_urgent_result_ends_the_visit(content: Content) -> None:
    """Even when screens follow the self-check, an urgent result leads nowhere but home."""
    raw = content.model_dump(by_alias=True, exclude_none=True)
    check = next(s for s in raw["screens"] if s["id"] == "self_check")
    raw["screens"].remove(check)
    raw["screens"].insert(2, check)
    session = Session(Content.model_validate(raw))
    session.start()
    session.show("screen:self_check", remember=True)
    session.next()
    session.answer("saddle_numbness", "yes")
    assert session.current.name == "result:urgent"
    assert session.next_action() == "finish"
    session.next()
    assert session.current == ATTRACT


def test_the_question_total_shown_never_grows(session: Session) -> None:
    """Answering 'where' brings in 'side' (show_if answered): the total counted it already."""
    walk_to_check(session)
    totals = []
    while (question := session.current_question()) is not None:
        progress = session.progress()
        totals.append(progress.total)
        session.answer(question.id, MASSAGE[question.id])
        if session.current_question() is question:
            session.next()
    assert totals == sorted(totals, reverse=True), totals


def test_the_session_says_what_changed(session: Session, content: Content) -> None:
    """Listeners hear a move as Moved (with where from), a tick that stays as Answered and a
    new look as DisplayChanged: each part of the screen decides what to redraw."""
    multi = next(q for q in content.self_check.questions if q.type == "multi_choice")
    session.start()
    session.show(Place.question(multi.id), remember=True)
    seen: list[SessionEvent] = []
    session.subscribe(seen.append)
    session.toggle(multi.id, multi.options[-1].id)
    session.set_text_size(2)
    session.back()
    assert seen == [
        Answered(multi.id),
        DisplayChanged(Place.question(multi.id)),
        Moved(Place.screen(content.screens[0].id), Place.question(multi.id)),
    ]


def test_pain_marked_in_both_legs_ends_the_check_at_once_on_next(session: Session) -> None:
    """Tester: with 'No' to the both-legs question, pain marked in both legs on the body map
    was urgent only at the end, six questions later (the massage-pressure question among
    them); a visitor who walked away meanwhile never saw 'Get medical help now'. The urgent
    outcome's own rule ends the check as soon as the answers decide it, as a red flag does."""
    walk_to_check(session)
    while session.current != Place.question("where"):
        question = session.current_question()
        assert question is not None
        session.answer(question.id, "no" if question.type == "yes_no" else MASSAGE[question.id])
        if session.current == Place.question(question.id):
            session.next()
    session.toggle("where", "thigh_left")
    assert session.current == Place.question("where")  # one leg: nothing yet
    assert session.next_action() == "next"
    session.toggle("where", "calf_right")
    assert session.current == Place.question("where")  # still ticking: the page stays
    assert session.next_action() == "see_result"  # Next says where it leads
    session.next()
    assert session.current == Place.result("urgent")
    assert session.outcome().kind == "urgent"
