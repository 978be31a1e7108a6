"""Ids and references: each id once in its list, each modality named exists, and one screen
starts the self-check; then each kind of screen's own checks. No Qt here."""

from __future__ import annotations

from ..kinds import SCREEN_KINDS, screen_kind
from .run import Path_, Run


def unique_ids(run: Run) -> None:
    """Each id once in its list: modalities, therapists, screens, questions, outcomes and
    each question's options."""
    groups: list[tuple[Path_, list[str]]] = [
        (("modalities",), [m.id for m in run.content.modalities]),
        (("therapists",), [t.id for t in run.content.therapists]),
        (("screens",), [s.id for s in run.content.screens]),
        (("self_check", "questions"), [q.id for q in run.content.self_check.questions]),
        (("self_check", "outcomes"), [o.id for o in run.content.self_check.outcomes]),
    ]
    for qi, question in enumerate(run.content.self_check.questions):
        groups.append(
            (("self_check", "questions", qi, "options"), [o.id for o in question.options])
        )
    for base, ids in groups:
        seen: set[str] = set()
        for index, item_id in enumerate(ids):
            if item_id in seen:
                run.error((*base, index, "id"), f"the id '{item_id}' is used twice")
            seen.add(item_id)


def modality_refs(run: Run) -> None:
    """Each modality a therapist offers, an outcome shows or an option suggests exists."""
    c = run.content
    for ti, therapist in enumerate(c.therapists):
        for mi, modality in enumerate(therapist.modalities):
            run.modality(("therapists", ti, "modalities", mi), modality)
    for oi, outcome in enumerate(c.self_check.outcomes):
        for mi, modality in enumerate(outcome.therapists):
            run.modality(("self_check", "outcomes", oi, "therapists", mi), modality)
    for qi, question in enumerate(c.self_check.questions):
        for pi, option in enumerate(question.options):
            for si, modality in enumerate(option.suggests):
                path = ("self_check", "questions", qi, "options", pi, "suggests", si)
                run.modality(path, modality)


def screens(run: Run) -> None:
    """One screen starts the self-check; then each screen's own checks (its kind's `check`)."""
    kinds = [screen_kind(screen) for screen in run.content.screens]
    starts = [i for i, kind in enumerate(kinds) if kind.starts_self_check]
    if not starts:
        start = next(name for name, kind in SCREEN_KINDS.items() if kind.starts_self_check)
        run.error(("screens",), f"add a screen with 'type: {start}' where the self-check starts")
    for extra in starts[1:]:
        run.error(("screens", extra, "type"), "only one screen can start the self-check")
    for si, (screen, kind) in enumerate(zip(run.content.screens, kinds, strict=True)):
        kind.check(screen, run.at(("screens", si)))
