"""The self-check's rules: red-flag questions first, each question's options, each condition's
question, options and scores, and the outcomes (one default, one urgent). No Qt here."""

from __future__ import annotations

from typing import NamedTuple

from ..errors import did_you_mean
from ..kinds import QUESTION_KINDS, question_kind
from ..model import Condition, Question
from ..question_parts import Option
from .run import Path_, Run


def questions(run: Run) -> None:
    """Red-flag questions first and always asked; each question's shape; each show_if."""
    seen_plain: str | None = None
    urgent_tests = _urgent_tests(run)
    for qi, q in enumerate(run.content.self_check.questions):
        base: Path_ = ("self_check", "questions", qi)
        if q.has_red_flag:
            if seen_plain is not None:
                run.error(
                    (*base, "id"),
                    f"red-flag question '{q.id}' must come before '{seen_plain}':"
                    " questions with a red_flag answer are asked first, for safety",
                )
            if q.show_if is not None:
                run.error((*base, "show_if"), "a red-flag question is always asked: remove show_if")
        elif seen_plain is None:
            seen_plain = q.id
        _question_shape(run, base, q)
        if q.show_if is not None:
            urgent = q.id in urgent_tests
            then = f"so it never lets '{q.id}' be asked" + (
                ", and the urgent outcome's rule tests its answer: a way to urgent care is hidden"
                if urgent
                else ""
            )
            _condition(run, (*base, "show_if"), q.show_if, before=qi, gate=Gate(then, urgent))


def _question_shape(run: Run, base: Path_, q: Question) -> None:
    kind = question_kind(q.type)
    if not kind.has_options:
        if q.options:
            run.error(
                (*base, "options"), f"a {kind.name} question has no options (it offers 0 to 10)"
            )
    elif len(q.options) < 2:
        run.error((*base, "options"), "a question needs at least 2 options")
    if kind.answer != "many":  # one answer (or a number): nothing else to clear
        many = ", ".join(k.name for k in QUESTION_KINDS.values() if k.answer == "many")
        for oi, option in enumerate(q.options):
            if option.exclusive:
                run.error(
                    (*base, "options", oi, "exclusive"),
                    f"'exclusive' is for questions where several answers may be ticked"
                    f" ({many}); a {kind.name} question takes one answer anyway: remove it",
                )
    before = len(run.problems)
    kind.check(q, run.at(base))
    # an option whose id the kind's check refused (a region the figure lacks) gets that
    # one error: its missing label follows from the wrong id (a region of the kiosk's own
    # figures needs none), and a second error on its line would mislead
    refused = {p.path for p in run.problems[before:] if p.severity == "error"}
    known_words = q.option_words(run.content.ui_text)
    for pi, option in enumerate(q.options):
        path = (*base, "options", pi)
        _red_flag_answer(run, path, option)
        problem = kind.option_problem(option.id)
        if problem is not None:
            run.error((*path, "id"), problem)
        elif (*path, "id") in refused:
            continue
        elif option.label is None and option.id not in known_words:
            run.error((*path, "label"), "this option needs a label (the words on its button)")


def _red_flag_answer(run: Run, path: Path_, option: Option) -> None:
    """A red-flag answer ends the check with urgent care: it cannot also be the answer that
    says none of the others apply, and its scores and suggestions would never count (clinic
    tester: both were accepted silently)."""
    if not option.red_flag:
        return
    if option.exclusive:
        run.error(
            (*path, "exclusive"),
            "an answer cannot be both a red flag and exclusive: 'exclusive' marks the answer"
            " that says none of the others apply (\"None of these\"), 'red_flag' one that"
            " needs urgent care; remove one of them",
        )
    unused = [key for key in ("scores", "suggests") if getattr(option, key)]
    if unused:
        run.warn(
            (*path, unused[0]),
            f"a red-flag answer ends the self-check with urgent care at once, so its"
            f" {' and '.join(unused)} never count: remove {'them' if len(unused) > 1 else 'it'}",
        )


class Gate(NamedTuple):
    """What a condition decides, for a rule in it that no answer can meet: what follows, and
    whether it stands between a visitor and urgent care (then it is refused, not warned of)."""

    then: str
    urgent: bool = False


def _urgent_tests(run: Run) -> set[str]:
    """The questions whose answers the urgent outcome's rule tests (directly, or through a
    score they add to): hiding one behind a rule that never holds hides that way to urgent
    care."""
    urgent = next((o for o in run.content.self_check.outcomes if o.kind == "urgent"), None)
    if urgent is None or urgent.when is None:
        return set()
    found: set[str] = set()
    pending = [urgent.when]
    while pending:
        cond = pending.pop()
        pending += [*(cond.all_ or []), *(cond.any_ or []), *([cond.not_] if cond.not_ else [])]
        if cond.question is not None:
            found.add(cond.question)
        if cond.score is not None:
            found |= {q.id for q in run.content.self_check.questions if cond.score in q.score_names}
    return found


def _condition(
    run: Run, path: Path_, cond: Condition, before: int | None, gate: Gate | None = None
) -> None:
    """Check a condition; `before` is the index of the question it gates, if any; `gate` what
    the condition decides."""
    for key, items in (("all", cond.all_), ("any", cond.any_)):
        for i, sub in enumerate(items or []):
            _condition(run, (*path, key, i), sub, before, gate)
    if cond.not_ is not None:
        inverted = Gate("so the 'not' around it always holds", gate.urgent) if gate else None
        _condition(run, (*path, "not"), cond.not_, before, inverted)
    if cond.score is not None and cond.score not in run.score_names:
        known = ", ".join(sorted(run.score_names)) or "none: give options scores"
        run.error(
            (*path, "score"),
            f"no answer adds to a score '{cond.score}'"
            f"{did_you_mean(cond.score, run.score_names)} (scores: {known})",
        )
    elif cond.score is not None:
        low, high = _score_range(run, cond.score)
        _never_met(run, path, cond, low, high, f"the score '{cond.score}' adds up to between", gate)
    if cond.question is None:
        return
    q = run.questions.get(cond.question)
    if q is None:
        run.error(
            (*path, "question"),
            f"there is no question '{cond.question}'" + did_you_mean(cond.question, run.questions),
        )
        return
    if before is not None and run.order[q.id] >= before:
        run.error(
            (*path, "question"),
            f"'{q.id}' is not asked before this question, so it has no answer yet",
        )
    option_ids = [o.id for o in q.options]
    kind = question_kind(q.type)
    use = f"'{q.id}' is a {q.type} question: use " + " or ".join(
        "at_least/at_most" if test == "at_least" else test
        for test in kind.tests
        if test != "at_most"
    )
    if cond.equals is not None:
        if "equals" not in kind.tests:
            run.error((*path, "equals"), use)
        elif cond.equals not in option_ids:
            _unknown_option(run, (*path, "equals"), q, cond.equals)
    if cond.includes is not None:
        if "includes" not in kind.tests:
            run.error((*path, "includes"), use)
        else:
            wanted = [cond.includes] if isinstance(cond.includes, str) else cond.includes
            for i, value in enumerate(wanted):
                if value not in option_ids:
                    at = (
                        (*path, "includes")
                        if isinstance(cond.includes, str)
                        else (*path, "includes", i)
                    )
                    _unknown_option(run, at, q, value)
    for key in ("at_least", "at_most"):
        if getattr(cond, key) is not None and key not in kind.tests:
            run.error((*path, key), use)
            break
    else:
        if kind.numbers is not None:
            low, high = kind.numbers
            _never_met(
                run, path, cond, low, high, f"'{q.id}' is answered with a number between", gate
            )


def _never_met(
    run: Run, path: Path_, cond: Condition, low: int, high: int, range_is: str, gate: Gate | None
) -> None:
    """A rule no number from `low` to `high` meets (`at_least: 12` on a 0 to 10 scale): a
    warning, or an error where it stands between a visitor and urgent care (clinic tester:
    such rules passed without a word)."""
    least, most = cond.at_least, cond.at_most
    if least is not None and least > high:  # (at_least over at_most: the model refuses it)
        key, why = "at_least", f"at_least: {least}, but {range_is} {low} and {high}"
    elif most is not None and most < low:
        key, why = "at_most", f"at_most: {most}, but {range_is} {low} and {high}"
    else:
        return
    said = f"this rule can never hold: {why}"
    if gate is not None:
        said += f"; {gate.then}"
    if gate is not None and gate.urgent:
        run.error((*path, key), f"{said} (a red-flag path must never be weakened: correct it)")
    else:
        run.warn((*path, key), f"{said} (correct the number)")


def _score_range(run: Run, name: str) -> tuple[int, int]:
    """The lowest and highest total the answers can give the score `name` (each question
    may also add nothing: unanswered, or not asked)."""
    low = high = 0
    for q in run.content.self_check.questions:
        kind = question_kind(q.type)
        if q.number_score == name and kind.numbers is not None:
            low, high = low + min(0, kind.numbers[0]), high + max(0, kind.numbers[1])
        values = [option.scores.get(name, 0) for option in q.options]
        if kind.answer == "many":
            low += sum(v for v in values if v < 0)
            high += sum(v for v in values if v > 0)
        elif values:
            low, high = low + min(0, *values), high + max(0, *values)
    return low, high


def _unknown_option(run: Run, path: Path_, q: Question, value: str) -> None:
    ids = [o.id for o in q.options]
    run.error(
        path,
        f"'{q.id}' has no option '{value}'{did_you_mean(value, ids)} (options: {', '.join(ids)})",
    )


def outcomes(run: Run) -> None:
    """One default outcome, one urgent (when an answer is a red flag), and each 'when'."""
    outcomes = run.content.self_check.outcomes
    defaults = [i for i, o in enumerate(outcomes) if o.default]
    if not defaults:
        run.error(
            ("self_check", "outcomes"),
            "one outcome needs 'default: true' (used when no other matches)",
        )
    for extra in defaults[1:]:
        run.error(
            ("self_check", "outcomes", extra, "default"), "only one outcome can be the default"
        )
    urgent = [i for i, o in enumerate(outcomes) if o.kind == "urgent"]
    has_flags = any(q.has_red_flag for q in run.content.self_check.questions)
    if has_flags and not urgent:
        run.error(
            ("self_check", "outcomes"), "red-flag answers need an outcome with 'kind: urgent'"
        )
    for extra in urgent[1:]:
        run.error(("self_check", "outcomes", extra, "kind"), "only one outcome can be urgent")
    for oi, outcome in enumerate(outcomes):
        base: Path_ = ("self_check", "outcomes", oi)
        if outcome.kind == "urgent":
            if outcome.therapists:
                run.error(
                    (*base, "therapists"),
                    "the urgent outcome never shows therapists (safety before sales)",
                )
            if outcome.default:
                run.error((*base, "default"), "the urgent outcome cannot be the default")
        elif outcome.default:
            if outcome.when is not None:
                run.error((*base, "when"), "the default outcome has no 'when'")
        elif outcome.when is None:
            run.error((*base, "when"), "add 'when' (the answers that lead here) or 'default: true'")
        if outcome.when is not None:
            if outcome.kind == "urgent":
                gate = Gate(
                    "so it never sends a visitor to urgent care through the urgent outcome's rule",
                    True,
                )
            else:
                gate = Gate(f"so it never leads to the outcome '{outcome.id}'")
            _condition(run, (*base, "when"), outcome.when, before=None, gate=gate)
