"""The self-check engine: which question comes next, scores, red flags, the outcome and the
therapists who fit. Pure functions of the content and the answers; no Qt, no clock, no I/O."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..content.kinds import SCALE_MAX, SCALE_MIN, Answer, question_kind
from ..content.model import Condition, Content, Outcome, Question, Therapist

__all__ = ["SCALE_MAX", "SCALE_MIN", "Answer", "Answers", "Questionnaire", "TherapistMatch"]

Answers = Mapping[str, Answer]
"""Answers by question id: an option id (a question answered with one option), a set of
option ids (several) or a number (a scale); see the question kinds in `content/kinds`."""


@dataclass(frozen=True)
class TherapistMatch:
    therapist: Therapist
    modalities: tuple[str, ...]
    """The ids of the outcome's modalities this therapist offers, best fit first."""
    booking_url: str | None
    """Where to book them: their own link, or the clinic's."""


class InvalidAnswerError(ValueError):
    pass


class Questionnaire:
    def __init__(self, content: Content) -> None:
        self.content = content
        self.questions: tuple[Question, ...] = tuple(content.self_check.questions)
        self._by_id = {q.id: q for q in self.questions}

    # -- answers -----------------------------------------------------------------------

    def question(self, question_id: str) -> Question:
        return self._by_id[question_id]

    def validate(self, question_id: str, answer: Answer) -> Answer:
        """Check an answer fits its question; returns it normalised."""
        q = self.question(question_id)
        ids = {o.id for o in q.options}
        shape = question_kind(q.type).answer
        if shape == "number":
            if isinstance(answer, bool) or not isinstance(answer, int):
                raise InvalidAnswerError(f"{q.id}: a scale answer is a number")
            if not SCALE_MIN <= answer <= SCALE_MAX:
                raise InvalidAnswerError(f"{q.id}: {answer} is outside {SCALE_MIN}..{SCALE_MAX}")
            return answer
        if shape == "many":
            if isinstance(answer, str | int):
                raise InvalidAnswerError(f"{q.id}: expects a set of options")
            chosen = frozenset(answer)
            if not chosen or not chosen <= ids:
                raise InvalidAnswerError(f"{q.id}: unknown or no options {sorted(chosen - ids)}")
            return chosen
        if not isinstance(answer, str) or answer not in ids:
            raise InvalidAnswerError(f"{q.id}: unknown option {answer!r}")
        return answer

    def toggled(self, question_id: str, current: Answer | None, option_id: str) -> frozenset[str]:
        """The set of options after one is ticked or unticked. An `exclusive` option
        ("None of these") clears the others, and any other clears it."""
        q = self.question(question_id)
        chosen = set(current) if isinstance(current, frozenset) else set()
        if option_id in chosen:
            chosen.discard(option_id)
            return frozenset(chosen)
        option = q.option(option_id)
        if option is None:
            raise InvalidAnswerError(f"{q.id}: unknown option {option_id!r}")
        if option.exclusive:
            return frozenset({option_id})
        exclusive = {o.id for o in q.options if o.exclusive}
        return frozenset((chosen - exclusive) | {option_id})

    def chosen_options(self, question_id: str, answer: Answer) -> list[str]:
        if isinstance(answer, int):
            return []
        return [answer] if isinstance(answer, str) else sorted(answer)

    def is_red_flag(self, question_id: str, answer: Answer) -> bool:
        q = self.question(question_id)
        chosen = set(self.chosen_options(question_id, answer))
        return any(o.red_flag and o.id in chosen for o in q.options)

    def red_flag_raised(self, answers: Answers) -> bool:
        """A red flag is up: an answer that is one, or the urgent outcome's own rule (answers
        safe one by one but not together, such as pain marked in both legs) already decided
        by the questions answered. Either ends the self-check at once."""
        kept = self.counted_answers(answers)
        if self._flagged(kept):
            return True
        urgent = self.urgent_outcome()
        if urgent is None or urgent.when is None:
            return False
        return self._may_hold(urgent.when, kept, set(kept)) is True

    def _flagged(self, kept: Answers) -> bool:
        return any(self.is_red_flag(qid, answer) for qid, answer in kept.items())

    # -- flow ----------------------------------------------------------------------------

    def _walk(self, answers: Answers) -> tuple[list[Question], dict[str, Answer]]:
        """One pass in order: the questions shown, and the answers that count. A question is
        shown when its show_if holds on the answers before it, so an answer to a question
        that has since become hidden (the visitor went Back and changed an earlier answer)
        counts nowhere, and a show_if on a score sees only earlier answers."""
        shown: list[Question] = []
        kept: dict[str, Answer] = {}
        for q in self.questions:
            if q.show_if is None or self._holds(q.show_if, kept):
                shown.append(q)
                if q.id in answers:
                    kept[q.id] = answers[q.id]
        return shown, kept

    def counted_answers(self, answers: Answers) -> dict[str, Answer]:
        return self._walk(answers)[1]

    def visible_questions(self, answers: Answers) -> list[Question]:
        """The questions this visitor is asked, given the answers so far, in order."""
        return self._walk(answers)[0]

    def next_question(self, answers: Answers, after: str | None) -> Question | None:
        """The question after `after` (or the first), or None when the check is complete."""
        start = 0 if after is None else self.questions.index(self._by_id[after]) + 1
        later = set(q.id for q in self.questions[start:])
        return next((q for q in self.visible_questions(answers) if q.id in later), None)

    def question_count(self, answers: Answers, current: str) -> tuple[int, int]:
        """The "Question n of total" shown on the question `current`: n is its place among the
        questions asked; total adds the questions after it that may still be asked. A
        question whose `show_if` the answers so far already rule out is not counted, and one
        that depends on a later answer is: so the total never grows as the visitor goes on,
        and it shrinks when an answer rules questions out."""
        shown, kept = self._walk(answers)
        place = self.questions.index(self._by_id[current])
        settled = {q.id for q in self.questions[:place]}  # answered before this one
        known = {qid: answer for qid, answer in kept.items() if qid in settled}
        # the current question counts itself, also when shown directly (a preview) while the
        # answers so far rule it out: "Question 1 of N", never "Question 0 of N"
        n = sum(1 for q in shown if q.id in settled) + 1
        later = [
            q
            for q in self.questions[place + 1 :]
            if q.show_if is None or self._may_hold(q.show_if, known, settled) is not False
        ]
        return n, n + len(later)

    def _may_hold(self, cond: Condition, known: Answers, settled: set[str]) -> bool | None:
        """`cond` on the answers of the `settled` questions only: True or False when they
        decide it, None when it depends on a question not yet reached."""
        if cond.all_ is not None:
            parts = [self._may_hold(c, known, settled) for c in cond.all_]
            return False if False in parts else (None if None in parts else True)
        if cond.any_ is not None:
            parts = [self._may_hold(c, known, settled) for c in cond.any_]
            return True if True in parts else (None if None in parts else False)
        if cond.not_ is not None:
            inner = self._may_hold(cond.not_, known, settled)
            return None if inner is None else not inner
        if cond.score is not None:
            adds = {q.id for q in self.questions if cond.score in q.score_names}
            if adds - settled:
                return None
            return self._holds(cond, known)
        assert cond.question is not None
        if cond.question not in settled:
            return None
        return self._holds(cond, known)

    # -- scores and conditions ---------------------------------------------------------------

    def scores(self, answers: Answers) -> dict[str, int]:
        return self._scores(self.counted_answers(answers))

    def _scores(self, kept: Answers) -> dict[str, int]:
        totals: dict[str, int] = {}
        for question_id, answer in kept.items():
            q = self._by_id[question_id]
            if question_kind(q.type).answer == "number":
                score = q.number_score
                if score and isinstance(answer, int):
                    totals[score] = totals.get(score, 0) + answer
                continue
            for option_id in self.chosen_options(q.id, answer):
                option = q.option(option_id)
                for name, value in option.scores.items() if option else ():
                    totals[name] = totals.get(name, 0) + value
        return totals

    def holds(self, cond: Condition, answers: Answers) -> bool:
        return self._holds(cond, self.counted_answers(answers))

    def _holds(self, cond: Condition, kept: Answers) -> bool:
        """`cond` on answers that already count (no visibility work here: no recursion)."""
        if cond.all_ is not None:
            return all(self._holds(c, kept) for c in cond.all_)
        if cond.any_ is not None:
            return any(self._holds(c, kept) for c in cond.any_)
        if cond.not_ is not None:
            return not self._holds(cond.not_, kept)
        if cond.score is not None:
            return _in_range(self._scores(kept).get(cond.score, 0), cond)
        assert cond.question is not None
        answer = kept.get(cond.question)
        if cond.answered is not None:
            return (answer is not None) == cond.answered
        if answer is None:
            return False
        if cond.equals is not None:
            return answer == cond.equals
        if cond.includes is not None:
            wanted = {cond.includes} if isinstance(cond.includes, str) else set(cond.includes)
            return isinstance(answer, frozenset) and bool(answer & wanted)
        return isinstance(answer, int) and not isinstance(answer, bool) and _in_range(answer, cond)

    # -- the result ------------------------------------------------------------------------------

    def urgent_outcome(self) -> Outcome | None:
        return next((o for o in self.content.self_check.outcomes if o.kind == "urgent"), None)

    def outcome(self, answers: Answers) -> Outcome:
        """A red flag wins, and so does the urgent outcome's own rule if it has one (answers
        that are safe one by one but not together, such as pain marked in both legs after
        "No" to the both-legs question); then the first outcome whose rule matches; then the
        default."""
        kept = self.counted_answers(answers)
        urgent = self.urgent_outcome()
        if urgent is not None and (
            self._flagged(kept) or (urgent.when is not None and self._holds(urgent.when, kept))
        ):
            return urgent
        default: Outcome | None = None
        for outcome in self.content.self_check.outcomes:
            if outcome.kind == "urgent":
                continue
            if outcome.default:
                default = default or outcome
                continue
            if outcome.when is not None and self._holds(outcome.when, kept):
                return outcome
        assert default is not None, "the loader guarantees a default outcome"
        return default

    def suggested_modalities(self, answers: Answers) -> list[str]:
        """Modalities the answers point to (e.g. the pressure a visitor likes), in order."""
        out: list[str] = []
        for question_id, answer in self.counted_answers(answers).items():
            q = self._by_id[question_id]
            for option_id in self.chosen_options(q.id, answer):
                option = q.option(option_id)
                for modality in option.suggests if option else ():
                    if modality not in out:
                        out.append(modality)
        return out

    def therapists_for(
        self, outcome: Outcome, answers: Answers, language: str | None = None
    ) -> list[TherapistMatch]:
        """Therapists offering the outcome's modalities, ranked by: how many of the
        modalities the answers suggest they offer; then whether they speak the visitor's
        `language`; then how many of the outcome's modalities they offer; then their order in
        the content (docs/clinic-guide.md says the same). None for an urgent outcome,
        whatever the content says."""
        if outcome.kind == "urgent" or not outcome.therapists:
            return []
        suggested = self.suggested_modalities(answers)
        wanted = list(outcome.therapists)

        def rank(modality: str) -> int:
            return suggested.index(modality) if modality in suggested else len(suggested)

        def speaks(therapist: Therapist) -> bool:
            if language is None:
                return False
            base = language.split("-", 1)[0]
            return any(code in (language, base) for code in therapist.languages)

        matches: list[tuple[tuple[int, int, int, int], TherapistMatch]] = []
        for position, therapist in enumerate(self.content.therapists):
            shared = sorted((m for m in therapist.modalities if m in wanted), key=rank)
            if not shared:
                continue
            fits_suggestion = sum(1 for m in shared if m in suggested)
            key = (-fits_suggestion, 0 if speaks(therapist) else 1, -len(shared), position)
            link = therapist.booking_url or self.content.clinic.booking_url
            matches.append((key, TherapistMatch(therapist, tuple(shared), link)))
        matches.sort(key=lambda item: item[0])
        return [m for _, m in matches[: self.content.self_check.max_therapists]]


def _in_range(value: int, cond: Condition) -> bool:
    if cond.at_least is not None and value < cond.at_least:
        return False
    return not (cond.at_most is not None and value > cond.at_most)
