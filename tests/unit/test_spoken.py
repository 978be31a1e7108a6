"""What the spoken mode says, decided without Qt: the order of a page's words, answers with
their positions and states, a change of selection, the result urgent first, the levels."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content import LoadedContent, load_content
from kiosk.core import spoken
from kiosk.core.place import Place
from kiosk.core.readaloud import join_parts
from kiosk.core.session import Session

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def content() -> LoadedContent:
    return load_content(ROOT / "content.yaml")


@pytest.fixture
def session(content: LoadedContent) -> Session:
    return Session(content.content)


def test_the_welcome_names_the_clinic_and_the_keys(session: Session) -> None:
    said = spoken.welcome(session).splitlines()
    assert said[0] == join_parts([session.content.clinic.name])
    assert said[1] == "Spoken mode is on."
    assert "Backspace to go back" in said[2] and "R to repeat" in said[2]
    assert said[-1] == "Press Enter to begin."
    assert spoken.arrival(session) == spoken.welcome(session)  # on the start screen


def test_a_page_is_said_title_first(session: Session) -> None:
    session.start()
    first = session.content.screens[0]
    assert spoken.arrival(session).startswith(first.title)


def test_a_question_then_its_help_then_where_it_stands(session: Session) -> None:
    session.show("question:saddle_numbness")
    question = session.current_question()
    assert question is not None and question.help
    lines = spoken.arrival(session).splitlines()
    assert lines[0].startswith(question.text)
    assert lines[1].startswith(question.help)
    assert lines[2] == "Question 1 of 12."
    assert lines[3] == "Choose one answer."  # the hint under it, as on screen
    assert lines[4] == "Use the arrow keys to hear the answers, and Enter to choose."
    # answers are said one by one as focus reaches them, not all at once
    assert "Yes" not in lines


def test_a_question_of_several_answers_says_so_and_names_the_button(session: Session) -> None:
    """A choose-all question sounded like a single choice (blind tester): its hint is said,
    naming the button that goes on as it reads there."""
    session.show("question:worse_with")
    assert "Choose all that fit, then tap Next." in spoken.arrival(session).splitlines()


def test_a_therapist_is_said_with_what_they_offer(session: Session) -> None:
    """The voice said a therapist's name and bio but not what they offer (blind tester)."""
    from visits import MASSAGE

    session.start()
    while session.current.name != "screen:self_check":
        session.next()
    session.next()
    while (question := session.current_question()) is not None:
        value = MASSAGE[question.id]
        if isinstance(value, frozenset):
            for option in sorted(value):
                session.toggle(question.id, option)
            session.next()
        else:
            session.answer(question.id, value)
            if session.current == Place.question(question.id):
                session.next()
    said = spoken.arrival(session)
    assert session.current.is_result
    matches = session.therapist_matches()
    assert matches
    assert any(line.startswith("Offers ") for line in said.splitlines()), said


def test_a_list_in_the_help_is_read_item_by_item_without_its_bullets(session: Session) -> None:
    session.show("question:warning_signs")
    question = session.current_question()
    assert question is not None and question.help and "\u2022" in question.help
    said = spoken.arrival(session)
    assert "\u2022" not in said
    items = [line for line in question.help.splitlines() if line.strip()]
    assert len(items) > 1
    for item in items:
        assert join_parts([item.lstrip("\u2022 ")]) in said.splitlines()


def test_answers_are_said_with_their_position_and_state(session: Session) -> None:
    question = session.engine.question("saddle_numbness")
    assert spoken.answer_words(session, question, "yes") == "Yes, answer 1 of 2, not selected"
    session.answers["saddle_numbness"] = "no"
    assert spoken.answer_words(session, question, "no") == "No, answer 2 of 2, selected"
    scale = session.engine.question("pain_now")
    assert spoken.answer_words(session, scale, "0").startswith("0: ")
    assert ", answer 1 of 11," in spoken.answer_words(session, scale, "0")
    assert spoken.answer_words(session, question, "maybe") == ""


def test_a_change_of_selection_says_each_answer_it_changed(session: Session) -> None:
    question = session.engine.question("worse_with")
    session.answers["worse_with"] = frozenset({"sitting"})
    assert spoken.choice_words(session, question, None) == "Sitting, selected."
    before = session.answers["worse_with"]
    session.answers["worse_with"] = frozenset({"none"})  # "None of these" unticks the rest
    assert spoken.choice_words(session, question, before) == (
        "Sitting, not selected.\nNone of these, selected."
    )


def test_the_urgent_result_is_said_title_first_and_whole(session: Session) -> None:
    session.answers["saddle_numbness"] = "yes"
    session.show(Place.result("urgent"))
    outcome = session.outcome()
    said = spoken.arrival(session)
    assert said.startswith("Get medical help now.")
    for block in outcome.body:
        text = block.paragraph or block.callout
        assert text and text in said
    assert said.splitlines()[-1] == join_parts([session.content.ui_text.disclaimer])


def test_a_therapist_result_names_the_therapists(session: Session) -> None:
    session.show(Place.result("massage_may_help"))
    said = spoken.arrival(session)
    assert session.content.ui_text.therapists_title in said
    for match in session.therapist_matches():
        assert match.therapist.name in said


def test_still_there_says_the_time_left_and_how_to_stay(session: Session) -> None:
    assert spoken.still_there(session, 20) == (
        "Still there? The visit ends in 20 seconds. Press any key to stay."
    )
    session.set_language("es")
    assert spoken.still_there(session, 1).startswith("¿Sigue ahí? La visita termina en 1 segundo.")


def test_a_clinic_may_rewrite_the_voices_words(content: LoadedContent) -> None:
    words = content.content.ui_text.model_copy(update={"voice_begin": "Press the round key."})
    session = Session(content.content.model_copy(update={"ui_text": words}))
    assert spoken.welcome(session).endswith("Press the round key.")


def test_the_words_are_in_the_visitors_language(session: Session) -> None:
    session.set_language("es")
    question = session.engine.question("saddle_numbness")
    assert spoken.answer_words(session, question, "yes") == "Sí, respuesta 1 de 2, no seleccionada"
    assert spoken.welcome(session).endswith("Pulse Intro para empezar.")


def test_volume_and_speed_are_steps(session: Session) -> None:
    levels = spoken.VoiceLevels()
    assert (levels.loudness, levels.pace) == (1.0, 1.0)
    for _ in range(20):
        levels.louder()
    assert levels.volume == spoken.VOLUME_STEPS
    assert spoken.volume_words(session, levels) == "Volume 10 of 10."
    for _ in range(20):
        levels.quieter()
    assert levels.volume == 1 and levels.loudness > 0
    seen = []
    for _ in range(spoken.SPEED_STEPS):
        levels.faster()
        seen.append(levels.speed)
    assert sorted(seen) == list(range(1, spoken.SPEED_STEPS + 1))  # round and round
    assert spoken.speed_words(session, levels) == "Speed 3 of 5."
    levels.faster()
    assert levels.pace > 1.0
