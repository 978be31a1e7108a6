"""Checks across the parts of valid-shaped content: ids, references, rules, files, colours,
links, and the warnings a clinic would want (hard reading, old reviews, long paragraphs).

Each problem names the path of the value at fault, so the loader can give its line. Errors stop
the content from loading; warnings are printed by `kiosk validate` and do not.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal, NamedTuple
from urllib.parse import urlsplit

from ..paths import bundled_asset, resource_root
from .app_words import APP_WORDS
from .body_words import english_region
from .catalogue import pick
from .colors import (
    CONTRAST_PAIRS,
    KIND_WORDS,
    ContrastPair,
    contrast_ratio,
    derive_palette,
    luminance,
)
from .confine import OutsideFolderError
from .errors import PathPart, Severity, did_you_mean
from .files import FileError, FileReader, read_regular
from .fonts import (
    BUNDLED_FONTS,
    FONT_SUGGESTIONS,
    MAX_FONT_BYTES,
    SCRIPT_FONTS,
    bundled_characters,
    font_characters,
    font_file_problem,
    needs_no_glyph,
)
from .fonts import FONT_MAGIC as FONT_MAGIC
from .i18n import FALLBACK_LANGUAGE, MAX_MISSING_LISTED, BuiltIn, Localized
from .i18n import texts as all_texts
from .kinds import QUESTION_KINDS, SCREEN_KINDS, question_kind, screen_kind
from .kinds.base import block_texts
from .letters import font_letters_problem
from .model import (
    PIN_HASH_PATTERN,
    REGION_NAMES,
    SAMPLE_PIN,
    SAMPLE_PIN_HASH,
    Brand,
    Condition,
    Content,
    Outcome,
    Question,
)
from .parts import assets_of, links_of
from .pictures import MAX_IMAGE_BYTES as MAX_IMAGE_BYTES  # the names callers knew here
from .pictures import MAX_IMAGE_SIDE as MAX_IMAGE_SIDE
from .pictures import FigureIds, image_file_problem, raster_size, svg_parts
from .pictures import UnreadableImageError as UnreadableImageError
from .pin_rules import RULES_MARK, passed_the_rules, weak_pin_behind

IMAGE_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg"}
FONT_SUFFIXES = {".ttf", ".otf"}
WIDE_FORMAT = re.compile(r"\{[^{}:]*:[^{}]*[0-9]{3,}[^{}]*\}")
"""A format spec like {n:>999999999}: trying it would build a string that size."""

MAX_GRADE = 8.0
"""The highest Flesch-Kincaid grade a screen should read at (DESIGN.md: grade 6 to 8)."""
MIN_GRADED_WORDS = 20
"""Screens with fewer words are not graded: the formula means little on a few lines."""
MAX_PARAGRAPH_WORDS = 90
MAX_PARAGRAPH_CHARS = 600
REVIEW_DAYS = 365

AssetFinder = Callable[[str], Path | None]
AssetKind = Literal["font", "image"]
AssetInspector = Callable[[Path, AssetKind], str | None]
"""What makes an asset file unusable (worded to follow its name), or None."""


@dataclass(frozen=True)
class Problem:
    path: tuple[PathPart, ...]
    message: str
    severity: Severity = "error"


KIOSK_ASSET = "kiosk:"
"""An asset name that starts so is the kiosk's own file (in its `assets/`), never a file of the
clinic's folder: `kiosk:bodymap/body_back.svg`. Upgrades of the kiosk bring their fixes."""


def own_asset(name: str) -> Path | None:
    """The kiosk's own file `assets/NAME` (what `kiosk:NAME` names), or None."""
    shipped = (resource_root() / "assets").resolve()
    try:
        found = (shipped / name).resolve()
    except (OSError, ValueError):
        return None
    return found if found.is_relative_to(shipped) and found.is_file() else None


def _own_of_relative(relative: str) -> Path | None:
    """The kiosk's own file of the same name as a content's asset path (`assets/NAME`)."""
    name = Path(relative).as_posix().removeprefix("./")
    return own_asset(name.removeprefix("assets/")) if name.startswith("assets/") else None


def _finding_own(find_asset: AssetFinder) -> AssetFinder:
    def find(relative: str) -> Path | None:
        if relative.startswith(KIOSK_ASSET):
            return own_asset(relative.removeprefix(KIOSK_ASSET))
        return find_asset(relative)

    return find


class Checked(NamedTuple):
    problems: list[Problem]
    assets: dict[str, Path]
    """The files the content's asset paths name."""
    guessable_pin: str | None
    """The sample or common PIN the staff PIN's hash is made of (`guessable_pin`), or None."""


def check_content(
    content: Content,
    find_asset: AssetFinder,
    *,
    today: date | None = None,
    inspect: AssetInspector | None = None,
    read: FileReader = read_regular,
) -> Checked:
    """Every problem of valid-shaped content, the files its asset paths name, and the
    guessable PIN behind its staff PIN hash if it is one.

    `today` (the real date when None) is what review dates are measured against; `inspect`
    checks each asset file (`inspect_asset` when None); `read` reads a figure whose element
    ids the content names. A name `kiosk:NAME` is the kiosk's own `assets/NAME`, whatever
    `find_asset` would find; a figure of the clinic's that stands in for one of the kiosk's
    of the same name is warned about.
    """
    checker = _Checker(content, find_asset, today or date.today(), inspect or inspect_asset)
    checker.read = read
    checker.run()
    return Checked(checker.problems, checker.assets, checker.guessable_pin)


class _Checker:
    def __init__(
        self, content: Content, find_asset: AssetFinder, today: date, inspect: AssetInspector
    ) -> None:
        self.content = content
        self.find_asset = _finding_own(find_asset)
        self.inspect = inspect
        self.today = today
        self.problems: list[Problem] = []
        self.assets: dict[str, Path] = {}
        self.file_problems: dict[tuple[Path, str], str | None] = {}
        self.modality_ids = {m.id for m in content.modalities}
        self.questions = {q.id: q for q in content.self_check.questions}
        self.order = {q.id: i for i, q in enumerate(content.self_check.questions)}
        self.score_names = set().union(*(q.score_names for q in content.self_check.questions))
        self.read: FileReader = read_regular
        self.ids: dict[tuple[Path, bool], FigureIds | None] = {}
        self.guessable_pin: str | None = None
        self.words: dict[str, list[tuple[tuple[PathPart, ...], str]]] | None = None

    def figure_ids(self, relative: str, *, regions: bool = False) -> FigureIds | None:
        """The ids a part (or, with `regions`, a body map's region) of a figure that passed
        its check as a picture may name, or None."""
        found = self.assets.get(relative)
        if found is None or found.suffix.lower() != ".svg":
            return None
        if (found, regions) not in self.ids:
            try:
                self.ids[found, regions] = svg_parts(
                    self.read(found, MAX_IMAGE_BYTES), regions=regions
                )
            except FileError:
                self.ids[found, regions] = None
        return self.ids[found, regions]

    def shadowed(self, relative: str) -> str | None:
        """`kiosk:NAME` when the file found for `relative` is the clinic's own, standing in
        for the kiosk's file of the same name (a copy an older `kiosk init` made, perhaps)."""
        found = self.assets.get(relative)
        if found is None or relative.startswith(KIOSK_ASSET):
            return None
        own = _own_of_relative(relative)
        if own is None or own.resolve() == found.resolve():
            return None
        name = Path(relative).as_posix().removeprefix("./").removeprefix("assets/")
        return f"{KIOSK_ASSET}{name}"

    def error(self, path: tuple[PathPart, ...], message: str) -> None:
        self.problems.append(Problem(path, message))

    def warn(self, path: tuple[PathPart, ...], message: str) -> None:
        self.problems.append(Problem(path, message, "warning"))

    def run(self) -> None:
        self._unique_ids()
        self._assets()
        self._modality_refs()
        self._screens()
        self._questions()
        self._outcomes()
        self._ui_text()
        self._languages()
        self._coverage()
        self._letters()
        self._staff()
        self._contrast()
        self._links()
        self._reading()

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

    def _asset(self, path: tuple[PathPart, ...], relative: str, suffixes: set[str]) -> None:
        suffix = Path(relative).suffix.lower()
        if suffix not in suffixes:
            self.error(path, f"'{relative}' should be a {' or '.join(sorted(suffixes))} file")
            return
        try:
            found = self.find_asset(relative)
        except OutsideFolderError as outside:
            self.error(path, f"'{relative}' {outside.message}")
            return
        if found is None and relative.startswith(KIOSK_ASSET):
            self.error(
                path,
                f"the kiosk has no file '{relative.removeprefix(KIOSK_ASSET)}' of its own "
                f"('{KIOSK_ASSET}' names a file of the kiosk's assets folder, such as "
                f"'{KIOSK_ASSET}bodymap/body_back.svg')",
            )
            return
        if found is None:
            self.error(
                path, f"the file '{relative}' does not exist (paths are relative to content.yaml)"
            )
            return
        kind: AssetKind = "font" if suffixes is FONT_SUFFIXES else "image"
        key = (found, kind)
        if key not in self.file_problems:
            self.file_problems[key] = self.inspect(found, kind)
        problem = self.file_problems[key]
        if problem is not None:
            self.error(path, f"'{relative}' {problem}")
            return
        self.assets[relative] = found

    def _assets(self) -> None:
        """Every field typed as an asset, wherever it is (see `parts.assets_of`)."""
        for asset in assets_of(self.content):
            suffixes = FONT_SUFFIXES if asset.kind == "font" else IMAGE_SUFFIXES
            self._asset(asset.path, asset.relative, suffixes)

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
        kinds = [screen_kind(screen) for screen in self.content.screens]
        starts = [i for i, kind in enumerate(kinds) if kind.starts_self_check]
        if not starts:
            start = next(name for name, kind in SCREEN_KINDS.items() if kind.starts_self_check)
            self.error(
                ("screens",), f"add a screen with 'type: {start}' where the self-check starts"
            )
        for extra in starts[1:]:
            self.error(("screens", extra, "type"), "only one screen can start the self-check")
        for si, (screen, kind) in enumerate(zip(self.content.screens, kinds, strict=True)):
            kind.check(screen, _At(self, ("screens", si)))

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
        kind = question_kind(q.type)
        if not kind.has_options:
            if q.options:
                self.error(
                    (*base, "options"), f"a {kind.name} question has no options (it offers 0 to 10)"
                )
        elif len(q.options) < 2:
            self.error((*base, "options"), "a question needs at least 2 options")
        for key in _OWN_FIELDS:
            if getattr(q, key) and key not in kind.own_fields:
                owners = " or ".join(k.name for k in QUESTION_KINDS.values() if key in k.own_fields)
                message = f"'{key}' is for {owners} questions only"
                if key == "score":
                    message = f"'score' is for {owners} questions; give options scores instead"
                self.error((*base, key), message)
        if kind.answer != "many":  # one answer (or a number): nothing else to clear
            many = ", ".join(k.name for k in QUESTION_KINDS.values() if k.answer == "many")
            for oi, option in enumerate(q.options):
                if option.exclusive:
                    self.error(
                        (*base, "options", oi, "exclusive"),
                        f"'exclusive' is for questions where several answers may be ticked"
                        f" ({many}); a {kind.name} question takes one answer anyway: remove it",
                    )
        before = len(self.problems)
        kind.check(q, _At(self, base))
        # an option whose id the kind's check refused (a region the figure lacks) gets that
        # one error: its missing label follows from the wrong id (a region of the kiosk's own
        # figures needs none), and a second error on its line would mislead
        refused = {p.path for p in self.problems[before:] if p.severity == "error"}
        known_words = kind.option_words(self.content.ui_text)
        for pi, option in enumerate(q.options):
            path = (*base, "options", pi)
            problem = kind.option_problem(option.id)
            if problem is not None:
                self.error((*path, "id"), problem)
            elif (*path, "id") in refused:
                continue
            elif option.label is None and option.id not in known_words:
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
        kind = question_kind(q.type)
        use = f"'{q.id}' is a {q.type} question: use " + " or ".join(
            "at_least/at_most" if test == "at_least" else test
            for test in kind.tests
            if test != "at_most"
        )
        if cond.equals is not None:
            if "equals" not in kind.tests:
                self.error((*path, "equals"), use)
            elif cond.equals not in option_ids:
                self._unknown_option((*path, "equals"), q, cond.equals)
        if cond.includes is not None:
            if "includes" not in kind.tests:
                self.error((*path, "includes"), use)
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
        for key in ("at_least", "at_most"):
            if getattr(cond, key) is not None and key not in kind.tests:
                self.error((*path, key), use)
                break

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
            "offers_feminine": {"modalities": "Swedish massage"},
            "idle_message": {"seconds": 20, "time": "20 seconds"},
        }
        for key, sample in samples.items():
            for language, text in _variants(getattr(ui, key)):
                self._placeholders(key, sample, language, text)
        women = [t.id for t in self.content.therapists if t.grammatical_gender == "feminine"]
        if women and not isinstance(ui.offers, BuiltIn) and isinstance(ui.offers_feminine, BuiltIn):
            self.warn(
                ("ui_text", "offers"),
                "you rewrote 'offers' but not 'offers_feminine': the line over the treatments"
                f" of {', '.join(women)} (grammatical_gender: feminine) keeps the kiosk's own"
                " words; write offers_feminine too (the same words where the verb does not"
                " change)",
            )
        for key in ui.regions:
            if key not in REGION_NAMES:
                self.error(
                    ("ui_text", "regions", key),
                    f"'{key}' is not a region of the kiosk's own figures"
                    f"{_region_guess(key)}; name the regions of your own figure"
                    " in each option's label",
                )

    def _placeholders(
        self, key: str, sample: dict[str, object], language: str | None, text: str
    ) -> None:
        path: tuple[PathPart, ...] = ("ui_text", key) + ((language,) if language else ())
        if WIDE_FORMAT.search(text):
            self.error(
                path,
                "a placeholder asks for a width or precision over 99 characters; write it"
                " plainly, like {" + next(iter(sample)) + "}",
            )
            return
        try:
            text.format(**sample)
        except KeyError as missing:
            self.error(
                path,
                f"unknown placeholder {{{missing.args[0]}}} (you can use: "
                + ", ".join("{" + name + "}" for name in sample)
                + ")",
            )
        except (ValueError, IndexError, AttributeError):
            self.error(
                path,
                "write placeholders plainly, like {"
                + next(iter(sample))
                + "}, and double a brace you want shown: {{ or }}",
            )

    # -- languages ---------------------------------------------------------------------

    def _languages(self) -> None:
        """A text in a language not offered is an error (a typo, most often); a language
        offered without its own words for a text is a warning: the default language shows."""
        content = self.content
        codes = content.language_codes()
        names = {language.code: language.name for language in content.languages}
        default = content.default_language
        missing: dict[str, list[tuple[PathPart, ...]]] = {code: [] for code in codes[1:]}
        builtin_missing: set[str] = set()
        for path, text in all_texts(content):
            given = not isinstance(text, BuiltIn)
            for code in text.translations:
                if given and code not in names:
                    self.error(
                        (*path, code),
                        f"'{code}' is not one of the languages offered"
                        f" ({', '.join(codes)}){did_you_mean(code, codes)};"
                        " add it under languages: or correct the code",
                    )
            for code in missing:
                if not text.has(code):
                    if given:
                        missing[code].append(path)
                    else:
                        builtin_missing.add(code)
        for code, paths in missing.items():
            shown = f"{names[code]} ({code})"
            fallback = f"{names[default]} ({default})"
            for path in paths[:MAX_MISSING_LISTED]:
                self.warn(
                    path,
                    f"no {shown} text here; visitors reading {shown} see the"
                    f" {fallback} text. Give both, like  {default}: ...  {code}: ...",
                )
            if len(paths) > MAX_MISSING_LISTED:
                self.warn(
                    ("languages",),
                    f"{len(paths) - MAX_MISSING_LISTED} more texts have no {shown} words"
                    f" (the first {MAX_MISSING_LISTED} are listed); the {fallback} text shows"
                    " there",
                )
        for code in sorted(builtin_missing):
            self.warn(
                ("languages",),
                f"the kiosk's own words (Next, Back, Home ...) are built in for"
                f" {', '.join(sorted(APP_WORDS))} only, not {names[code]} ({code}); they show in"
                f" {FALLBACK_LANGUAGE} until you give them under ui_text:, like"
                f"  next: {{{FALLBACK_LANGUAGE}: Next, {code}: ...}}",
            )

    # -- fonts for every language -----------------------------------------------------

    def _font_characters(self) -> frozenset[int]:
        """Every character some font of the kiosk draws: the brand font (or Lato), the
        fonts of `brand.fonts`, then the bundled fonts for other scripts."""
        brand = self.content.brand
        covered: set[int] = set()
        own = [brand.font] if brand.font else []
        for relative in [*own, *brand.fonts.values()]:
            path = self.assets.get(relative)
            if path is None:
                continue  # missing or broken: an error of its own
            try:
                covered |= font_characters(read_regular(path, MAX_FONT_BYTES))
            except FileError:
                continue
        for relative in [*([] if own else BUNDLED_FONTS[:1]), *SCRIPT_FONTS]:
            path = bundled_asset(relative)
            try:
                stamp = path.stat().st_mtime_ns
            except OSError:
                continue
            covered |= bundled_characters(path, stamp)
        return frozenset(covered)

    def _words(self) -> dict[str, list[tuple[tuple[PathPart, ...], str]]]:
        """Each language's own words (a plain text and the languages' names, shown on the
        language buttons, count for the first language), in one pass over the texts."""
        if self.words is not None:
            return self.words
        content = self.content
        codes = content.language_codes()
        found: dict[str, list[tuple[tuple[PathPart, ...], str]]] = {code: [] for code in codes}
        for path, text in all_texts(content):
            if not text.translations:
                found[codes[0]].append((path, str(text)))
                continue
            for code in codes:
                own = pick(text.translations, code) or pick(text.builtin, code)
                if own:
                    found[code].append((path, own))
        found[codes[0]] += [
            (("languages", li, "name"), language.name)
            for li, language in enumerate(content.languages)
        ]
        self.words = found
        return found

    def _letters(self) -> None:
        """Each font of the clinic's draws ink for every letter of the words it shows, and
        each letter as itself (`kiosk.content.letters`): a font emptied or with its map
        changed passes every other check and shows blank or scrambled words."""
        brand = self.content.brand
        words = self._words()
        every = frozenset().union(*(set(t) for texts in words.values() for _p, t in texts))
        fonts: list[tuple[tuple[PathPart, ...], str, frozenset[str]]] = []
        if brand.font:
            fonts.append((("brand", "font"), brand.font, every))
        for code, relative in brand.fonts.items():
            own = frozenset().union(*(set(t) for _p, t in words.get(code, [])))
            fonts.append((("brand", "fonts", code), relative, own or every))
        for path, relative, chars in fonts:
            found = self.assets.get(relative)
            if found is None:
                continue  # missing or broken: an error of its own
            try:
                data = self.read(found, MAX_FONT_BYTES)
            except FileError:
                continue
            problem = font_letters_problem(data, chars)
            if problem is not None:
                self.error(path, f"'{relative}' {problem}")

    def _coverage(self) -> None:
        """Each language's words, the kiosk's own included, drawn by a font the kiosk has:
        a character no font has shows as an empty box (a warning: the machine's own fonts
        may have it, but nobody can know which machine)."""
        content = self.content
        covered = self._font_characters()
        if not covered:
            return
        drawn = frozenset(map(chr, covered))
        names = {language.code: language.name for language in content.languages}
        codes = content.language_codes()
        found = self._words()
        for code in codes:
            missing: dict[str, None] = {}
            first: tuple[PathPart, ...] | None = None
            places = 0
            for path, words in found[code]:
                if not set(words) - drawn:
                    continue
                gaps = [ch for ch in words if ch not in drawn and not needs_no_glyph(ch)]
                if gaps:
                    first = first or path
                    places += 1
                    missing.update(dict.fromkeys(gaps))
            if first is None:
                continue
            listed = ", ".join(f"{ch} (U+{ord(ch):04X})" for ch in list(missing)[:6])
            more = f" and {len(missing) - 6} more" if len(missing) > 6 else ""
            where = f"here and in {places - 1} more places" if places > 1 else "here"
            base = code.split("-")[0]
            suggestion = FONT_SUGGESTIONS.get(base, "a Noto Sans font for its script")
            self.warn(
                first,
                f"the {names[code]} ({code}) words {where} use letters that no font of the"
                f" kiosk has: {listed}{more}; they would show as empty boxes. Add a font"
                f" that has them under brand.fonts, like  fonts: {{{code}: assets/fonts/"
                f"...ttf}}  ({suggestion}, free from fonts.google.com)",
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
            return
        pin = self.guessable_pin = guessable_pin(staff.pin_hash)
        if pin == SAMPLE_PIN:
            message = f"this is the sample PIN {SAMPLE_PIN} that anyone can read in the README"
        elif pin is not None:
            message = f"this is a hash of {pin}, one of the first PINs a visitor would try"
        elif not passed_the_rules(staff.pin_hash):
            message = (
                "this hash was not made by a `kiosk hash-pin` that checks every PIN rule (it"
                f" lacks {RULES_MARK}), so its PIN may be one a visitor would guess (a year, a"
                " date, a line of the keypad)"
            )
        else:
            return
        self.problems.append(
            Problem(
                ("staff", "pin_hash"),
                f"{message}; set your own with `kiosk hash-pin`",
                "warning",
            )
        )

    # -- colours ---------------------------------------------------------------------------

    def _contrast(self) -> None:
        """Every pair of colours the theme draws against its WCAG 2.2 minimum (an error)."""
        for key, message in brand_contrast_problems(self.content.brand):
            self.error(("brand", key), message)

    # -- links and the phone -----------------------------------------------------------------

    def _links(self) -> None:
        clinic = self.content.clinic
        links: list[tuple[tuple[PathPart, ...], str | None, bool]] = [
            (("clinic", "website"), clinic.website, False),
            (("clinic", "booking_url"), clinic.booking_url, True),
        ]
        for ti, therapist in enumerate(self.content.therapists):
            links.append((("therapists", ti, "booking_url"), therapist.booking_url, True))
        for at, link in links_of(self.content):
            links.append(((*at, "url"), link.url, False))
        for where, text, booking in links:
            if text is None:
                continue
            for language, url in _variants(text):
                path = (*where, language) if language else where
                problem = link_problem(url)
                if problem is not None:
                    self.error(path, problem)
                elif booking and url.lower().startswith("http://"):
                    self.warn(
                        path,
                        "this booking link starts with http://; use https:// so the visitor's"
                        " phone opens it securely (most booking sites offer it)",
                    )
        phone = clinic.phone
        if phone is not None and any(ch.isalpha() for ch in phone):
            self.warn(
                ("clinic", "phone"),
                f"the phone number '{phone}' has letters; write it in digits"
                " (like +1 555 0142 800) so every visitor can dial it",
            )

    # -- warnings on the words ----------------------------------------------------------------

    def _reading(self) -> None:
        """Warnings on every screen and result: reading grade, review date, long paragraphs."""
        pages: list[tuple[tuple[PathPart, ...], list[_Placed], date | None]] = []
        for si, screen in enumerate(self.content.screens):
            base: tuple[PathPart, ...] = ("screens", si)
            texts = [((*base, *at), text) for at, text in screen_kind(screen).texts(screen)]
            pages.append((base, texts, screen.reviewed))
        for oi, outcome in enumerate(self.content.self_check.outcomes):
            base = ("self_check", "outcomes", oi)
            pages.append((base, list(_outcome_texts(base, outcome)), outcome.reviewed))
        for base, texts, reviewed in pages:
            for path, text in texts:
                self._paragraph_length(path, text)
            self._grade(base, [text for _, text in texts])
            if reviewed is not None:
                self._review(base, reviewed)

    def _paragraph_length(self, path: tuple[PathPart, ...], localized: str) -> None:
        for language, text in _variants(localized):
            self._one_paragraph_length(path + ((language,) if language else ()), text)

    def _one_paragraph_length(self, path: tuple[PathPart, ...], text: str) -> None:
        words = len(WORD.findall(text))
        chars = len(text)
        if words > MAX_PARAGRAPH_WORDS or chars > MAX_PARAGRAPH_CHARS:
            self.warn(
                path,
                f"this paragraph has {words} words ({chars} characters), too long to read"
                f" on one screen; keep it to {MAX_PARAGRAPH_WORDS} words and"
                f" {MAX_PARAGRAPH_CHARS} characters at most: split it, or make part of it a list",
            )

    def _grade(self, base: tuple[PathPart, ...], localized: list[str]) -> None:
        """The English words of a screen get a Flesch-Kincaid grade, wherever English stands
        in the list of languages; Spanish and French words a reading-ease score."""
        by_language = _by_language(localized)
        for language, texts in by_language.items():
            if language.split("-")[0] in EASE_FORMULAS:
                self._ease(base, language, texts)
        texts = by_language.get(_english(by_language), [])
        stats = reading_stats(texts)
        if stats.words < MIN_GRADED_WORDS or not looks_english(texts):
            return
        grade = stats.grade
        if grade > MAX_GRADE:
            self.warn(
                base,
                f"this screen reads at grade {grade:.1f} (Flesch-Kincaid:"
                f" {stats.words / stats.sentences:.1f} words a sentence,"
                f" {stats.syllables / stats.words:.2f} syllables a word); aim for grade"
                f" {MAX_GRADE:.0f} or below with shorter sentences and plainer words",
            )

    def _ease(self, base: tuple[PathPart, ...], language: str, texts: list[str]) -> None:
        name, formula = EASE_FORMULAS[language.split("-")[0]]
        stats = reading_stats(texts, romance_syllables)
        if stats.words < MIN_GRADED_WORDS:
            return
        ease = formula(stats.words / stats.sentences, stats.syllables / stats.words)
        if ease < MIN_EASE:
            self.warn(
                base,
                f"the {language} words of this screen score {ease:.0f} for reading ease"
                f" ({name}: {stats.words / stats.sentences:.1f} words a sentence,"
                f" {stats.syllables / stats.words:.2f} syllables a word); aim for"
                f" {MIN_EASE:.0f} or more with shorter sentences and plainer words",
            )

    def _review(self, base: tuple[PathPart, ...], reviewed: date) -> None:
        days = (self.today - reviewed).days
        if days > REVIEW_DAYS:
            self.warn(
                (*base, "reviewed"),
                f"last reviewed on {reviewed.isoformat()}, more than a year ago ({days} days);"
                " check the text against its sources, then set 'reviewed' to today's date",
            )


class _At:
    """A kind's view of the checker: paths from the start of its screen."""

    def __init__(self, checker: _Checker, base: tuple[PathPart, ...]) -> None:
        self.checker = checker
        self.base = base

    def error(self, path: tuple[PathPart, ...], message: str) -> None:
        self.checker.error((*self.base, *path), message)

    def warn(self, path: tuple[PathPart, ...], message: str) -> None:
        self.checker.warn((*self.base, *path), message)

    def modality(self, path: tuple[PathPart, ...], modality_id: str) -> None:
        self.checker._modality((*self.base, *path), modality_id)

    def figure_ids(self, relative: str, *, regions: bool = False) -> FigureIds | None:
        return self.checker.figure_ids(relative, regions=regions)

    def shadowed(self, relative: str) -> str | None:
        return self.checker.shadowed(relative)


def _region_guess(key: str) -> str:
    """ " (did you mean ...?)" for a region of the kiosk's own figures, also one named in
    French or Spanish words."""
    english = english_region(key, REGION_NAMES)
    if english is not None:
        return f" (did you mean '{english}'? the ids are English words)"
    return did_you_mean(key, REGION_NAMES)


_OWN_FIELDS = tuple(dict.fromkeys(key for k in QUESTION_KINDS.values() for key in k.own_fields))
"""Keys of a question that only some kinds use."""


_Placed = tuple[tuple[PathPart, ...], str]
"""A text of the content and the path of its value."""


def guessable_pin(stored: str) -> str | None:
    """The PIN behind a stored staff PIN hash if a visitor could guess it: the sample PIN of
    the docs, or one of the common PINs `validate` tries; else None. The one rule behind
    `kiosk validate`'s warning, the staff panel's and `kiosk ctl status`'s (the loader keeps
    its answer in `LoadedContent.guessable_pin`: each common PIN tried costs a PBKDF2)."""
    if stored == SAMPLE_PIN_HASH:
        return SAMPLE_PIN
    return _weak_pin(stored)


def _rules_of(stored: str) -> int | None:
    match = re.match(PIN_HASH_PATTERN, stored)
    return int(match["rules"]) if match is not None and match["rules"] else None


def _weak_pin(stored: str) -> str | None:
    """The common PIN behind a stored hash, if it is one `validate` tries. A hash that passed
    today's rules is not tried: `hash-pin` refused every one of them."""
    match = re.match(PIN_HASH_PATTERN, stored)
    if match is None or passed_the_rules(stored):
        return None
    return weak_pin_behind(
        int(match["iterations"]), bytes.fromhex(match["salt"]), match["digest"], _rules_of(stored)
    )


def _variants(text: str) -> list[tuple[str | None, str]]:
    """Each language's words of a text, with its code (None for a plain string)."""
    if isinstance(text, Localized) and text.translations:
        return list(text.translations.items())
    return [(None, text)]


# --- files --------------------------------------------------------------------------------
# The checks themselves live in `files`, `pictures` and `fonts`; these names stay for callers.


def image_size(path: Path) -> tuple[int, int]:
    """(width, height) in pixels of a PNG or JPEG, read from its header with no image library.

    Raises `UnreadableImageError` when the file is neither, or its header is cut short or broken,
    and `FileError` when it cannot be read.
    """
    return raster_size(read_regular(path, MAX_IMAGE_BYTES))


def image_problem(path: Path) -> str | None:
    """What makes a picture file unusable, worded to follow its name, or None when it is fine
    (see `pictures`: read whole, within its budgets, SVG references inside its folder)."""
    return image_file_problem(path)


def font_problem(path: Path) -> str | None:
    """What makes a font file unusable (see `fonts`), or None when it is fine."""
    return font_file_problem(path)


def inspect_asset(path: Path, kind: AssetKind) -> str | None:
    """The file check of one asset: the default `AssetInspector`."""
    return font_file_problem(path) if kind == "font" else image_file_problem(path)


# --- links ----------------------------------------------------------------------------------

HOST_LABEL = re.compile(r"^[^\W_](?:(?:[^\W_]|-)*[^\W_])?$")
"""One part of a host name: letters (any script) and digits, hyphens only inside."""


def link_problem(url: str) -> str | None:
    """What is wrong with a web address's host, or None (its shape is checked by the model)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return f"'{url}' is not a web address the kiosk can read"
    if not host:
        return f"'{url}' has no host name (like https://www.example.com/book)"
    if any(ch.isspace() for ch in host) or "%20" in host:
        return f"the host name '{host}' has a space in it"
    if "." not in host.rstrip("."):
        return (
            f"the host name '{host}' has no dot; write the whole address,"
            " like https://www.example.com/book"
        )
    labels = host.rstrip(".").split(".")
    if not all(HOST_LABEL.match(label) for label in labels):
        return (
            f"the host name '{host}' can hold only letters, digits, hyphens and single dots"
            " between its parts"
        )
    return None


# --- colours --------------------------------------------------------------------------------

_AUTO_TEXT = ("on_primary", "on_accent", "on_danger")
_DESCRIBED: dict[str, str] = {
    "muted": "the softer text colour {hex} (made from text {text} and background {background})",
    "primary_dark": "the pressed primary colour {hex} (primary {primary} made darker)",
    "selected_bg": (
        "the chosen-answer colour {hex} (a tint of accent {accent} on surface {surface})"
    ),
    "callout_bg": "the callout colour {hex} (a tint of accent {accent} on surface {surface})",
    "pressed": (
        "the pressed-button colour {hex} (a tint of primary {primary} on surface {surface})"
    ),
}
_MAIN_KEY = {
    "muted": "text",
    "primary_dark": "primary",
    "selected_bg": "surface",
    "callout_bg": "surface",
    "pressed": "surface",
}
"""The brand colour a clinic changes to change a derived colour."""


def _describe_color(name: str, palette: dict[str, str]) -> str:
    value = palette[name]
    if name in _AUTO_TEXT:
        return "white text (#FFFFFF)" if value == "#FFFFFF" else f"near-black text ({value})"
    if name == "accent_text":
        name = "accent" if value == palette["accent"] else "text"
    if name in _DESCRIBED:
        return _DESCRIBED[name].format(hex=value, **palette)
    return f"the {name} colour {value}"


def _brand_key(name: str, palette: dict[str, str]) -> str | None:
    """The brand key behind a palette colour, or None for text the kiosk picks itself."""
    if name in _AUTO_TEXT:
        return None
    if name == "accent_text":
        return "accent" if palette[name] == palette["accent"] else "text"
    return _MAIN_KEY.get(name, name)


def contrast_message(pair: ContrastPair, palette: dict[str, str], ratio: float) -> tuple[str, str]:
    """The brand key to blame for a pair under its minimum, and the message for the clinic.

    The message names both colours (and the brand colours a derived one comes from), the
    ratio rounded down to one decimal (4.46 is "4.4", as WCAG does not round up), the
    minimum, and which way to move which brand colour.
    """
    fg, bg = palette[pair.foreground], palette[pair.background]
    fg_key, bg_key = _brand_key(pair.foreground, palette), _brand_key(pair.background, palette)
    if pair.foreground in _AUTO_TEXT and bg_key is not None:
        # The kiosk picks the text; only the fill can move. Move it away from the surface
        # around it, so that it also stands out there: darker on a light surface.
        darker = luminance(palette["surface"]) >= luminance(palette[bg_key])
        advice = (
            f"make {bg_key} {'darker' if darker else 'lighter'}, so that"
            f" {'white' if darker else 'near-black'} text reads on it; the kiosk already picks"
            " near-black or white text, whichever reads better"
        )
    else:
        fg_darker = luminance(fg) <= luminance(bg)
        hints: list[str] = []
        for key, darker in ((fg_key, fg_darker), (bg_key, not fg_darker)):
            if key is None or any(f"make {key} " in hint for hint in hints):
                continue
            if palette[key] == ("#000000" if darker else "#FFFFFF"):
                continue  # it cannot move that way
            hints.append(f"make {key} {'darker' if darker else 'lighter'}")
        advice = ", or ".join(hints) if hints else "choose colours further apart"
    blamed = fg_key or bg_key or "primary"
    shown = math.floor(ratio * 10 + 1e-9) / 10
    fg_words = _describe_color(pair.foreground, palette)
    bg_words = _describe_color(pair.background, palette)
    message = (
        f"{fg_words} on {bg_words} has a contrast of {shown:.1f}:1;"
        f" {KIND_WORDS[pair.kind]} needs at least {pair.minimum:g}:1 ({advice})."
        f" It is used for {pair.uses}."
    )
    return blamed, message


def brand_contrast_problems(brand: Brand) -> list[tuple[str, str]]:
    """(brand key, message) for every pair of theme colours under its WCAG 2.2 minimum.

    A failure of the very same two colours is told once (the softer text colour falls back
    to the text colour when no softer shade is readable, say).
    """
    palette = derive_palette(brand)
    reported: list[tuple[str, str, float]] = []
    out: list[tuple[str, str]] = []
    for pair in CONTRAST_PAIRS:
        fg, bg = palette[pair.foreground], palette[pair.background]
        ratio = contrast_ratio(fg, bg)
        if ratio >= pair.minimum:
            continue
        if any(f == fg and b == bg and m >= pair.minimum for f, b, m in reported):
            continue
        reported.append((fg, bg, pair.minimum))
        out.append(contrast_message(pair, palette, ratio))
    return out


# --- reading --------------------------------------------------------------------------------

WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u2019\u201d)]*\s+")
COMMON_ENGLISH = frozenset(
    {
        *("a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "for", "from"),
        *("have", "how", "if", "in", "is", "it", "may", "not", "of", "on", "or", "so"),
        *("that", "the", "their", "them", "they", "this", "to", "was", "we", "what"),
        *("when", "will", "with", "you", "your"),
    }
)


@functools.lru_cache(maxsize=8192)  # words repeat: the checks of a 1 MB file take 30% less
def count_syllables(word: str) -> int:
    """Syllables in an English word, by a simple heuristic (right for most plain words).

    Count the groups of vowels (a, e, i, o, u, y) in a row; then drop a silent final "e"
    (make, time; not "le" after a consonant: little), a silent "-es" (makes, times; not after
    s, x, z, ch, sh, ce, ge: causes) and a silent "-ed" (passed; not after t or d: needed).
    Words of three letters or fewer, numbers and every word have at least one syllable.
    """
    w = re.sub(r"[^a-z]", "", word.lower())
    if len(w) <= 3:
        return 1
    count = len(re.findall(r"[aeiouy]+", w))
    if w.endswith("e") and not w.endswith(("ee", "ye")):
        if not (w.endswith("le") and w[-3] not in "aeiouy"):
            count -= 1
    elif w.endswith("es") and not w.endswith(("ses", "xes", "zes", "ches", "shes", "ces", "ges")):
        if not (w.endswith("les") and w[-4] not in "aeiouy"):
            count -= 1
    elif w.endswith("ed") and not w.endswith(("ted", "ded")):
        count -= 1
    return max(1, count)


@dataclass(frozen=True)
class ReadingStats:
    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> float:
        """The Flesch-Kincaid grade level: 0.39 (words/sentences) + 11.8 (syllables/words)
        - 15.59, the school grade (US) a reader needs."""
        if not self.words:
            return 0.0
        return (
            0.39 * self.words / max(1, self.sentences) + 11.8 * self.syllables / self.words - 15.59
        )


def _by_language(texts: Iterable[str]) -> dict[str, list[str]]:
    """A screen's words by language code ("" for plain strings, which count for every
    language)."""
    plain: list[str] = []
    found: dict[str, list[str]] = {}
    for text in texts:
        variants = _variants(text)
        for language, words in variants:
            if language is None:
                plain.append(words)
            else:
                found.setdefault(language, []).append(words)
    if not found:
        return {"": plain}
    return {language: [*plain, *words] for language, words in found.items()}


def _english(by_language: Mapping[str, list[str]]) -> str:
    """The code of a screen's English words: en, else en-GB and the like, else "" (plain
    strings, graded if they read as English)."""
    codes = list(by_language)
    return next(
        (c for c in codes if c == "en"), next((c for c in codes if c.startswith("en-")), "")
    )


@functools.lru_cache(maxsize=8192)
def romance_syllables(word: str) -> int:
    """Syllables of a Spanish or French word, roughly: its groups of vowels (a final silent
    French "e" or "es" after a consonant not counted)."""
    lower = word.lower()
    groups = len(ROMANCE_VOWELS.findall(lower))
    if groups > 1 and re.search(r"[^aeiouyéèêàâîôûœ]es?$", lower):
        groups -= 1
    return max(1, groups)


ROMANCE_VOWELS = re.compile(r"[aeiouyáéíóúüàâèêëîïôûùœ]+")
MIN_EASE = 60.0
"""The lowest reading ease a Spanish or French screen should score (60 to 70 reads like
grade 8 to 9; 70 and up is easy)."""
EASE_FORMULAS: dict[str, tuple[str, Callable[[float, float], float]]] = {
    "es": ("Fernández-Huerta", lambda wps, spw: 206.84 - 1.02 * wps - 60.0 * spw),
    "fr": ("Kandel-Moles", lambda wps, spw: 207.0 - 1.015 * wps - 73.6 * spw),
}
"""Reading ease in Spanish (Fernández Huerta, 1959, as corrected by Law) and French (Kandel
and Moles, 1958): Flesch's reading ease with weights for each language."""


def reading_stats(
    texts: Iterable[str], syllables_of: Callable[[str], int] | None = None
) -> ReadingStats:
    """Words, sentences and syllables of some texts, each a paragraph, bullet or callout.

    A sentence ends at . ! or ? followed by a space; each text ends one too, so a bullet
    without a full stop is a sentence of its own.
    """
    words = sentences = syllables = 0
    for text in texts:
        for sentence in SENTENCE_END.split(text.strip()):
            found = WORD.findall(sentence)
            if found:
                sentences += 1
                words += len(found)
                syllables += sum((syllables_of or count_syllables)(w) for w in found)
    return ReadingStats(words, sentences, syllables)


def reading_grade(text: str) -> float:
    """The Flesch-Kincaid grade of one text (see `count_syllables` for the heuristic)."""
    return reading_stats([text]).grade


def looks_english(texts: Iterable[str]) -> bool:
    """Whether text reads as English: at least 1 word in 6 is a common English word such as
    "the", "you" or "and". The grade formula and the syllable count are for English only."""
    words = [w.lower() for text in texts for w in WORD.findall(text)]
    if not words:
        return False
    return sum(w in COMMON_ENGLISH for w in words) * 6 >= len(words)


def _outcome_texts(
    base: tuple[PathPart, ...], outcome: Outcome
) -> Iterator[tuple[tuple[PathPart, ...], str]]:
    yield from block_texts((*base, "body"), outcome.body)
