"""Checks across the parts of valid-shaped content: ids, references, rules and files.

Each problem names the path of the value at fault, so the loader can give its line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import PathPart, Severity, did_you_mean
from .model import (
    BODY_REGIONS,
    SAMPLE_PIN,
    SAMPLE_PIN_HASH,
    AnatomyScreen,
    ArticleScreen,
    Block,
    CardsScreen,
    Condition,
    Content,
    Question,
    SelfCheckScreen,
)

IMAGE_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg"}
FONT_SUFFIXES = {".ttf", ".otf"}
MANY_TYPES = {"multi_choice", "body_map"}

AssetFinder = Callable[[str], Path | None]


@dataclass(frozen=True)
class Problem:
    path: tuple[PathPart, ...]
    message: str
    severity: Severity = "error"


def check_content(
    content: Content, find_asset: AssetFinder
) -> tuple[list[Problem], dict[str, Path]]:
    checker = _Checker(content, find_asset)
    checker.run()
    return checker.problems, checker.assets


class _Checker:
    def __init__(self, content: Content, find_asset: AssetFinder) -> None:
        self.content = content
        self.find_asset = find_asset
        self.problems: list[Problem] = []
        self.assets: dict[str, Path] = {}
        self.modality_ids = {m.id for m in content.modalities}
        self.questions = {q.id: q for q in content.self_check.questions}
        self.order = {q.id: i for i, q in enumerate(content.self_check.questions)}
        self.score_names = {
            name for q in content.self_check.questions for o in q.options for name in o.scores
        } | {q.score for q in content.self_check.questions if q.score}

    def error(self, path: tuple[PathPart, ...], message: str) -> None:
        self.problems.append(Problem(path, message))

    def run(self) -> None:
        self._unique_ids()
        self._assets()
        self._modality_refs()
        self._screens()
        self._questions()
        self._outcomes()
        self._ui_text()
        self._staff()

    # -- ids ---------------------------------------------------------------------------

    def _unique_ids(self) -> None:
        groups: list[tuple[tuple[PathPart, ...], list[str]]] = [
            (("modalities",), [m.id for m in self.content.modalities]),
            (("therapists",), [t.id for t in self.content.therapists]),
            (("screens",), [s.id for s in self.content.screens]),
            (("self_check", "questions"), [q.id for q in self.content.self_check.questions]),
            (("self_check", "outcomes"), [o.id for o in self.content.self_check.outcomes]),
        ]
        for qi, question in enumerate(self.content.self_check.questions):
            groups.append(
                (("self_check", "questions", qi, "options"), [o.id for o in question.options])
            )
        for base, ids in groups:
            seen: set[str] = set()
            for index, item_id in enumerate(ids):
                if item_id in seen:
                    self.error((*base, index, "id"), f"the id '{item_id}' is used twice")
                seen.add(item_id)

    # -- files -------------------------------------------------------------------------

    def _asset(self, path: tuple[PathPart, ...], relative: str | None, suffixes: set[str]) -> None:
        if relative is None:
            return
        suffix = Path(relative).suffix.lower()
        if suffix not in suffixes:
            self.error(path, f"'{relative}' should be a {' or '.join(sorted(suffixes))} file")
            return
        found = self.find_asset(relative)
        if found is None:
            self.error(
                path, f"the file '{relative}' does not exist (paths are relative to content.yaml)"
            )
            return
        self.assets[relative] = found

    def _blocks(
        self, base: tuple[PathPart, ...], blocks: list[Block]
    ) -> Iterator[tuple[tuple[PathPart, ...], str]]:
        for bi, block in enumerate(blocks):
            if block.image:
                yield (*base, bi, "image"), block.image

    def _assets(self) -> None:
        c = self.content
        self._asset(("clinic", "logo"), c.clinic.logo, IMAGE_SUFFIXES)
        self._asset(("brand", "font"), c.brand.font, FONT_SUFFIXES)
        for i, m in enumerate(c.modalities):
            self._asset(("modalities", i, "icon"), m.icon, IMAGE_SUFFIXES)
        for i, t in enumerate(c.therapists):
            self._asset(("therapists", i, "photo"), t.photo, IMAGE_SUFFIXES)
        images: list[tuple[tuple[PathPart, ...], str]] = []
        for si, screen in enumerate(c.screens):
            if isinstance(screen, ArticleScreen | SelfCheckScreen):
                images.extend(self._blocks(("screens", si, "body"), screen.body))
            if isinstance(screen, CardsScreen):
                for ci, card in enumerate(screen.cards):
                    if card.icon:
                        images.append((("screens", si, "cards", ci, "icon"), card.icon))
        for oi, outcome in enumerate(c.self_check.outcomes):
            images.extend(self._blocks(("self_check", "outcomes", oi, "body"), outcome.body))
        for path, relative in images:
            self._asset(path, relative, IMAGE_SUFFIXES)

    # -- modalities ----------------------------------------------------------------------

    def _modality(self, path: tuple[PathPart, ...], modality_id: str) -> None:
        if modality_id not in self.modality_ids:
            known = ", ".join(sorted(self.modality_ids)) or "none defined"
            self.error(
                path,
                f"no modality has the id '{modality_id}'"
                f"{did_you_mean(modality_id, self.modality_ids)} (modalities: {known})",
            )

    def _modality_refs(self) -> None:
        c = self.content
        for ti, therapist in enumerate(c.therapists):
            for mi, modality in enumerate(therapist.modalities):
                self._modality(("therapists", ti, "modalities", mi), modality)
        for oi, outcome in enumerate(c.self_check.outcomes):
            for mi, modality in enumerate(outcome.therapists):
                self._modality(("self_check", "outcomes", oi, "therapists", mi), modality)
        for qi, question in enumerate(c.self_check.questions):
            for pi, option in enumerate(question.options):
                for si, modality in enumerate(option.suggests):
                    path = ("self_check", "questions", qi, "options", pi, "suggests", si)
                    self._modality(path, modality)

    # -- screens ---------------------------------------------------------------------------

    def _screens(self) -> None:
        starts = [i for i, s in enumerate(self.content.screens) if isinstance(s, SelfCheckScreen)]
        if not starts:
            self.error(
                ("screens",), "add a screen with 'type: self_check' where the self-check starts"
            )
        for extra in starts[1:]:
            self.error(("screens", extra, "type"), "only one screen can start the self-check")
        for si, screen in enumerate(self.content.screens):
            if isinstance(screen, AnatomyScreen):
                counts = Counter(part.segment for part in screen.parts)
                for pi, part in enumerate(screen.parts):
                    if counts[part.segment] > 1:
                        self.error(
                            ("screens", si, "parts", pi, "segment"),
                            f"the segment '{part.segment}' is described twice",
                        )
                        counts[part.segment] = 1
            if isinstance(screen, CardsScreen):
                for ci, card in enumerate(screen.cards):
                    if card.modality:
                        self._modality(("screens", si, "cards", ci, "modality"), card.modality)
                    elif not card.title:
                        self.error(
                            ("screens", si, "cards", ci), "a card needs a title or a modality"
                        )

    # -- questions ---------------------------------------------------------------------------

    def _questions(self) -> None:
        questions = self.content.self_check.questions
        seen_plain: str | None = None
        for qi, q in enumerate(questions):
            base: tuple[PathPart, ...] = ("self_check", "questions", qi)
            if q.has_red_flag:
                if seen_plain is not None:
                    self.error(
                        (*base, "id"),
                        f"red-flag question '{q.id}' must come before '{seen_plain}':"
                        " questions with a red_flag answer are asked first, for safety",
                    )
                if q.show_if is not None:
                    self.error(
                        (*base, "show_if"), "a red-flag question is always asked: remove show_if"
                    )
            elif seen_plain is None:
                seen_plain = q.id
            self._question_shape(base, q)
            if q.show_if is not None:
                self._condition((*base, "show_if"), q.show_if, before=qi)

    def _question_shape(self, base: tuple[PathPart, ...], q: Question) -> None:
        if q.type == "scale":
            if q.options:
                self.error(
                    (*base, "options"), "a scale question has no options (it offers 0 to 10)"
                )
        else:
            if q.score:
                self.error(
                    (*base, "score"), "'score' is for scale questions; give options scores instead"
                )
            if q.min_label or q.max_label:
                key = "min_label" if q.min_label else "max_label"
                self.error((*base, key), f"'{key}' is for scale questions only")
            if len(q.options) < 2:
                self.error((*base, "options"), "a question needs at least 2 options")
        for pi, option in enumerate(q.options):
            path = (*base, "options", pi)
            if q.type == "body_map":
                if option.id not in BODY_REGIONS:
                    self.error(
                        (*path, "id"),
                        f"'{option.id}' is not a body region{did_you_mean(option.id, BODY_REGIONS)}"
                        f" (regions: {', '.join(BODY_REGIONS)})",
                    )
            elif option.label is None and not (q.type == "yes_no" and option.id in ("yes", "no")):
                self.error((*path, "label"), "this option needs a label (the words on its button)")

    def _condition(self, path: tuple[PathPart, ...], cond: Condition, before: int | None) -> None:
        """Check a condition; `before` is the index of the question it gates, if any."""
        for key, items in (("all", cond.all_), ("any", cond.any_)):
            for i, sub in enumerate(items or []):
                self._condition((*path, key, i), sub, before)
        if cond.not_ is not None:
            self._condition((*path, "not"), cond.not_, before)
        if cond.score is not None and cond.score not in self.score_names:
            known = ", ".join(sorted(self.score_names)) or "none: give options scores"
            self.error(
                (*path, "score"),
                f"no answer adds to a score '{cond.score}'"
                f"{did_you_mean(cond.score, self.score_names)} (scores: {known})",
            )
        if cond.question is None:
            return
        q = self.questions.get(cond.question)
        if q is None:
            self.error(
                (*path, "question"),
                f"there is no question '{cond.question}'"
                + did_you_mean(cond.question, self.questions),
            )
            return
        if before is not None and self.order[q.id] >= before:
            self.error(
                (*path, "question"),
                f"'{q.id}' is not asked before this question, so it has no answer yet",
            )
        option_ids = [o.id for o in q.options]
        if cond.equals is not None:
            if q.type not in ("single_choice", "yes_no"):
                self.error(
                    (*path, "equals"),
                    f"'{q.id}' is a {q.type} question: use includes"
                    + (" or at_least/at_most" if q.type == "scale" else ""),
                )
            elif cond.equals not in option_ids:
                self._unknown_option((*path, "equals"), q, cond.equals)
        if cond.includes is not None:
            if q.type not in MANY_TYPES:
                self.error((*path, "includes"), f"'{q.id}' takes one answer: use equals")
            else:
                wanted = [cond.includes] if isinstance(cond.includes, str) else cond.includes
                for i, value in enumerate(wanted):
                    if value not in option_ids:
                        at = (
                            (*path, "includes")
                            if isinstance(cond.includes, str)
                            else (*path, "includes", i)
                        )
                        self._unknown_option(at, q, value)
        if (cond.at_least is not None or cond.at_most is not None) and q.type != "scale":
            key = "at_least" if cond.at_least is not None else "at_most"
            self.error((*path, key), f"'{q.id}' is not a scale question: use equals or includes")

    def _unknown_option(self, path: tuple[PathPart, ...], q: Question, value: str) -> None:
        ids = [o.id for o in q.options]
        self.error(
            path,
            f"'{q.id}' has no option '{value}'{did_you_mean(value, ids)}"
            f" (options: {', '.join(ids)})",
        )

    # -- outcomes -----------------------------------------------------------------------------

    def _outcomes(self) -> None:
        outcomes = self.content.self_check.outcomes
        defaults = [i for i, o in enumerate(outcomes) if o.default]
        if not defaults:
            self.error(
                ("self_check", "outcomes"),
                "one outcome needs 'default: true' (used when no other matches)",
            )
        for extra in defaults[1:]:
            self.error(
                ("self_check", "outcomes", extra, "default"), "only one outcome can be the default"
            )
        urgent = [i for i, o in enumerate(outcomes) if o.kind == "urgent"]
        has_flags = any(q.has_red_flag for q in self.content.self_check.questions)
        if has_flags and not urgent:
            self.error(
                ("self_check", "outcomes"), "red-flag answers need an outcome with 'kind: urgent'"
            )
        for extra in urgent[1:]:
            self.error(("self_check", "outcomes", extra, "kind"), "only one outcome can be urgent")
        for oi, outcome in enumerate(outcomes):
            base: tuple[PathPart, ...] = ("self_check", "outcomes", oi)
            if outcome.kind == "urgent":
                if outcome.therapists:
                    self.error(
                        (*base, "therapists"),
                        "the urgent outcome never shows therapists (safety before sales)",
                    )
                if outcome.when is not None:
                    self.error(
                        (*base, "when"),
                        "the urgent outcome is chosen by red-flag answers: remove 'when'",
                    )
                if outcome.default:
                    self.error((*base, "default"), "the urgent outcome cannot be the default")
            elif outcome.default:
                if outcome.when is not None:
                    self.error((*base, "when"), "the default outcome has no 'when'")
            elif outcome.when is None:
                self.error(
                    (*base, "when"), "add 'when' (the answers that lead here) or 'default: true'"
                )
            if outcome.when is not None:
                self._condition((*base, "when"), outcome.when, before=None)

    # -- the kiosk's own words ------------------------------------------------------------------

    def _ui_text(self) -> None:
        ui = self.content.ui_text
        samples: dict[str, dict[str, object]] = {
            "step": {"n": 2, "total": 8},
            "question": {"n": 2, "total": 8},
            "reviewed": {"date": "1 November 2026"},
            "offers": {"modalities": "Swedish massage"},
            "idle_message": {"seconds": 20},
        }
        for key, sample in samples.items():
            text = getattr(ui, key)
            try:
                text.format(**sample)
            except KeyError as missing:
                self.error(
                    ("ui_text", key),
                    f"unknown placeholder {{{missing.args[0]}}} (you can use: "
                    + ", ".join("{" + name + "}" for name in sample)
                    + ")",
                )
            except (ValueError, IndexError, AttributeError):
                self.error(
                    ("ui_text", key),
                    "write placeholders plainly, like {"
                    + next(iter(sample))
                    + "}, and double a brace you want shown: {{ or }}",
                )
        for key in ui.regions:
            if key not in BODY_REGIONS:
                self.error(
                    ("ui_text", "regions", key),
                    f"'{key}' is not a body region{did_you_mean(key, BODY_REGIONS)}",
                )

    # -- staff -------------------------------------------------------------------------

    def _staff(self) -> None:
        staff = self.content.staff
        if staff is None:
            self.problems.append(
                Problem(
                    ("staff",),
                    "there is no staff PIN, so receptionists cannot open the admin panel; "
                    "add a 'staff:' section with a pin_hash from `kiosk hash-pin`",
                    "warning",
                )
            )
        elif staff.pin_hash == SAMPLE_PIN_HASH:
            self.problems.append(
                Problem(
                    ("staff", "pin_hash"),
                    f"this is the sample PIN {SAMPLE_PIN} that anyone can read in the README; "
                    "set your own with `kiosk hash-pin`",
                    "warning",
                )
            )
