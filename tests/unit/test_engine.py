"""The self-check engine, without Qt: conditions, scores, red flags, outcomes, therapists."""

from __future__ import annotations

from pathlib import Path

import pytest
from visits import DOCTOR, MASSAGE, NO_FLAGS, NOT_TYPICAL, RED_FLAG_QUESTIONS, SCRIPTS

from kiosk.content import load_content
from kiosk.content.model import Condition, Content
from kiosk.core.engine import Answers, InvalidAnswerError, Questionnaire

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(ROOT / "content.yaml").content


@pytest.fixture(scope="module")
def engine(content: Content) -> Questionnaire:
    return Questionnaire(content)


@pytest.mark.parametrize("outcome_id", sorted(SCRIPTS))
def test_each_outcome_reached_by_its_answers(engine: Questionnaire, outcome_id: str) -> None:
    assert engine.outcome(SCRIPTS[outcome_id]).id == outcome_id


@pytest.mark.parametrize("flag", RED_FLAG_QUESTIONS)
def test_each_red_flag_gives_the_urgent_outcome(engine: Questionnaire, flag: str) -> None:
    answers = {**MASSAGE, flag: "yes"}
    outcome = engine.outcome(answers)
    assert outcome.kind == "urgent"
    assert engine.therapists_for(outcome, answers) == []


def test_red_flag_questions_come_first(engine: Questionnaire) -> None:
    first = [q.id for q in engine.questions[: len(RED_FLAG_QUESTIONS)]]
    assert first == RED_FLAG_QUESTIONS
    assert all(q.has_red_flag for q in engine.questions[:4])
    assert not any(q.has_red_flag for q in engine.questions[4:])


def test_scores_add_up(engine: Questionnaire) -> None:
    scores = engine.scores(MASSAGE)
    # thigh 2 + calf 2 + one side 1 + sitting 1 + bending 1
    assert scores["sciatica"] == 7
    assert scores["pain"] == 6


def test_hidden_question_answers_do_not_count(engine: Questionnaire, content: Content) -> None:
    """`side` is asked only once `where` is answered; a stale answer must not score."""
    answers: Answers = {**NO_FLAGS, "side": "one"}
    assert [q.id for q in engine.visible_questions(answers)].count("side") == 0
    assert engine.scores(answers).get("sciatica", 0) == 0


def test_show_if_reveals_a_question(engine: Questionnaire) -> None:
    before = engine.next_question({**NO_FLAGS, "warning_signs": "no"}, "warning_signs")
    assert before is not None and before.id == "where"
    after_where = engine.next_question({**NO_FLAGS, "where": frozenset({"lower_back"})}, "where")
    assert after_where is not None and after_where.id == "side"


def test_conditions(engine: Questionnaire) -> None:
    def holds(raw: dict[str, object], answers: Answers) -> bool:
        return engine.holds(Condition.model_validate(raw), answers)

    answers: Answers = {"where": frozenset({"thigh_left"}), "pain_now": 7, "how_long": "under_week"}
    assert holds({"question": "how_long", "equals": "under_week"}, answers)
    assert not holds({"question": "how_long", "equals": "getting_worse"}, answers)
    assert holds({"question": "where", "includes": ["calf_left", "thigh_left"]}, answers)
    assert not holds({"question": "where", "includes": "calf_left"}, answers)
    assert holds({"question": "pain_now", "at_least": 7}, answers)
    assert not holds({"question": "pain_now", "at_most": 6}, answers)
    assert holds({"question": "pain_now", "at_least": 5, "at_most": 8}, answers)
    assert holds({"question": "side", "answered": False}, answers)
    assert holds({"not": {"question": "side", "answered": True}}, answers)
    assert holds(
        {"all": [{"question": "pain_now", "at_least": 1}, {"question": "where", "answered": True}]},
        answers,
    )
    assert holds(
        {"any": [{"question": "pain_now", "at_least": 9}, {"question": "where", "answered": True}]},
        answers,
    )
    assert not holds({"question": "doctor_seen", "equals": "yes"}, answers)


def test_first_matching_outcome_wins(engine: Questionnaire) -> None:
    """DOCTOR's answers also score as sciatica; see_doctor comes first, so it wins."""
    assert engine.scores(DOCTOR)["sciatica"] >= 3
    assert engine.outcome(DOCTOR).id == "see_doctor"


def test_therapists_matched_by_modality_and_preference(engine: Questionnaire) -> None:
    outcome = engine.outcome(MASSAGE)
    matches = engine.therapists_for(outcome, MASSAGE)
    assert 1 <= len(matches) <= 3
    # firm pressure suggests deep tissue and trigger point: Maya offers both
    assert matches[0].therapist.id == "maya"
    assert set(matches[0].modalities) == {"deep_tissue", "trigger_point"}
    gentle = {**MASSAGE, "pressure": "gentle"}
    assert "swedish" in engine.therapists_for(outcome, gentle)[0].therapist.modalities


def test_not_typical_still_offers_a_therapist(engine: Questionnaire) -> None:
    outcome = engine.outcome(NOT_TYPICAL)
    matches = engine.therapists_for(outcome, NOT_TYPICAL)
    assert matches
    assert all(set(m.modalities) <= {"swedish", "neuromuscular"} for m in matches)


def test_doctor_outcome_shows_no_therapist(engine: Questionnaire) -> None:
    assert engine.therapists_for(engine.outcome(DOCTOR), DOCTOR) == []


def test_exclusive_option_clears_the_others(engine: Questionnaire) -> None:
    chosen = engine.toggled("worse_with", None, "sitting")
    chosen = engine.toggled("worse_with", chosen, "bending")
    assert chosen == {"sitting", "bending"}
    assert engine.toggled("worse_with", chosen, "none") == {"none"}
    assert engine.toggled("worse_with", frozenset({"none"}), "walking") == {"walking"}
    assert engine.toggled("worse_with", frozenset({"walking"}), "walking") == frozenset()


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("pain_now", 11),
        ("pain_now", -1),
        ("pain_now", "5"),
        ("how_long", "forever"),
        ("where", frozenset({"elbow"})),
        ("where", frozenset()),
        ("worse_with", "sitting"),
    ],
)
def test_invalid_answers_are_refused(engine: Questionnaire, question: str, answer: object) -> None:
    with pytest.raises(InvalidAnswerError):
        engine.validate(question, answer)  # type: ignore[arg-type]


def test_hidden_answer_does_not_change_the_outcome(engine: Questionnaire) -> None:
    """`side: both` leads to the doctor, but not once `where` is unanswered and `side` hidden."""
    answers: Answers = {**NOT_TYPICAL, "side": "both"}
    assert engine.outcome(answers).id == "see_doctor"
    stale = {k: v for k, v in answers.items() if k != "where"}
    assert engine.outcome(stale).id == "not_typical"


def test_show_if_on_a_score_uses_earlier_answers(content: Content) -> None:
    raw = content.model_dump(by_alias=True, exclude_none=True)
    for question in raw["self_check"]["questions"]:
        if question["id"] == "pressure":
            question["show_if"] = {"score": "sciatica", "at_least": 3}
    engine = Questionnaire(Content.model_validate(raw))
    asked = [q.id for q in engine.visible_questions(MASSAGE)]
    assert "pressure" in asked
    assert "pressure" not in [q.id for q in engine.visible_questions(NOT_TYPICAL)]
    assert engine.outcome(MASSAGE).id == "massage_may_help"


def test_booking_link_falls_back_to_the_clinic(content: Content) -> None:
    raw = content.model_dump(by_alias=True, exclude_none=True)
    raw["therapists"][0]["booking_url"] = "https://maya.example/book"
    engine = Questionnaire(Content.model_validate(raw))
    links = {
        m.therapist.id: m.booking_url
        for m in engine.therapists_for(engine.outcome(MASSAGE), MASSAGE)
    }
    assert links["maya"] == "https://maya.example/book"
    assert {u for t, u in links.items() if t != "maya"} == {content.clinic.booking_url}


def counts_through(engine: Questionnaire, script: Answers) -> list[tuple[str, int, int]]:
    """("question", n, total) on each question a visitor answering `script` is shown."""
    answers: dict[str, object] = {}
    seen: list[tuple[str, int, int]] = []
    question = engine.next_question(answers, None)  # type: ignore[arg-type]
    while question is not None:
        n, total = engine.question_count(answers, question.id)  # type: ignore[arg-type]
        seen.append((question.id, n, total))
        answers[question.id] = script[question.id]
        question = engine.next_question(answers, question.id)  # type: ignore[arg-type]
    return seen


@pytest.mark.parametrize("outcome_id", sorted(SCRIPTS))
def test_the_question_count_never_grows_during_a_check(
    engine: Questionnaire, outcome_id: str
) -> None:
    seen = counts_through(engine, SCRIPTS[outcome_id])
    assert [n for _, n, _ in seen] == list(range(1, len(seen) + 1))
    totals = [total for _, _, total in seen]
    assert totals == sorted(totals, reverse=True), seen  # "Question 6 of 11" never "of 12"
    assert totals[-1] == len(seen)  # the last question says so: "11 of 11"


def test_the_question_count_shrinks_when_an_answer_rules_questions_out() -> None:
    content = load_content(ROOT / "content.yaml").content
    questions = content.self_check.questions
    rule = Condition.model_validate({"question": "how_long", "equals": "over_six_weeks"})
    gated = questions[-1].model_copy(update={"show_if": rule})  # the last: pressure
    check = content.self_check.model_copy(update={"questions": [*questions[:-1], gated]})
    engine = Questionnaire(content.model_copy(update={"self_check": check}))
    seen = {qid: total for qid, _, total in counts_through(engine, MASSAGE)}
    # until how_long is answered the last question may still come; "1 to 6 weeks" rules it out
    assert seen["how_long"] == len(questions)
    assert seen["worse_with"] == len(questions) - 1
    assert gated.id not in seen
    assert list(seen.values())[-1] == len(seen)


@pytest.mark.parametrize(
    "where",
    [
        frozenset({"lower_back", "thigh_left", "thigh_right"}),
        frozenset({"thigh_left", "calf_right"}),
        frozenset({"calf_left", "foot_right", "buttock_left"}),
    ],
)
def test_pain_marked_in_both_legs_is_urgent_though_both_legs_was_answered_no(
    engine: Questionnaire, where: frozenset[str]
) -> None:
    """Pain in both legs is a red flag. A visitor who answered 'No' to the both-legs question
    and then marked both legs on the body map was told 'This is not an emergency' (tester):
    the safer reading of answers that disagree wins."""
    answers: Answers = {**MASSAGE, "both_legs": "no", "where": where, "side": "both"}
    assert engine.outcome(answers).kind == "urgent"
    assert engine.outcome({**answers, "side": "one"}).kind == "urgent"


def test_pain_in_one_leg_is_not_made_urgent(engine: Questionnaire) -> None:
    answers: Answers = {**MASSAGE, "where": frozenset({"lower_back", "thigh_left", "calf_left"})}
    assert engine.outcome(answers).id == "massage_may_help"
