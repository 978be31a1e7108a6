"""What a kind of screen and a kind of question are: the entries of the registry. No Qt here.

A screen kind joins its pydantic model with what the rest of the kiosk asks of it: its running
text (for the reading checks), its checks, its read-aloud script and the words of its attract
teaser. Its pictures need no entry: every field typed as an asset is found by `assets_of`.
A question kind joins its pydantic model (the keys only it takes, its default options and
their words) with how it is answered (one option, several, or a number), the hint under it,
what the speaker reads of it and the checks of its shape.

The kinds never import `model.py` (the whole file, built from them): what they read of the
whole content is the protocols below, which `model.Content` and `model.UiText` meet.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Literal, NamedTuple, Protocol, TypeVar

from ..body_words import english_region
from ..errors import PathPart, did_you_mean
from ..parts import REGION_NAMES, Block, ScreenBase
from ..question_parts import QuestionBase

if TYPE_CHECKING:
    from ..pictures import FigureIds

Path_ = tuple[PathPart, ...]
"""Where a value sits, from the start of the thing checked (`("steps", 0, "image")`)."""
Placed = tuple[Path_, str]
"""A text of the content and where it sits."""
Script = list[str | None]
"""The parts read aloud, in reading order (None and empty parts are skipped)."""


class UnknownKindError(LookupError):
    """A screen or question of a kind the registry does not hold."""


class Checks(Protocol):
    """What a kind's checks may report, at paths from the start of the screen or question."""

    def error(self, path: Path_, message: str) -> None: ...

    def warn(self, path: Path_, message: str) -> None: ...

    def modality(self, path: Path_, modality_id: str) -> None:
        """An error unless a modality has this id (with "did you mean ...?")."""

    def figure_ids(self, relative: str, *, regions: bool = False) -> FigureIds | None:
        """The ids of the SVG figure at `relative` (an asset path of the content) that a part
        may name (with `regions`, a body map's region), or None when it is not a usable SVG
        (its own check says why)."""

    def shadowed(self, relative: str) -> str | None:
        """The kiosk's own name (`kiosk:NAME`) of the file at `relative` when a file of the
        clinic's folder of the same name stands in for it, else None."""


class Named(Protocol):
    """A part of the content with a name (a modality)."""

    @property
    def name(self) -> str: ...


class ScreenWords(Protocol):
    """The kiosk's own words (`ui_text`) a kind of screen reads."""

    @property
    def tap_nerve(self) -> str: ...


class ContentView(Protocol):
    """What a kind's script reads of the whole content (`model.Content`, in the visitor's
    language)."""

    @property
    def ui_text(self) -> ScreenWords: ...

    def modality(self, modality_id: str) -> Named | None: ...


class Lead(NamedTuple):
    """What a screen shows on the attract loop, before trimming: its first words and maybe
    a picture (an asset path)."""

    words: str
    image: str | None = None


M = TypeVar("M", bound=ScreenBase)
Q = TypeVar("Q", bound=QuestionBase)


def _no_checks(screen: Any, checks: Checks) -> None:
    """A kind whose shape says it all."""


def _no_upgrade(screen: dict[str, Any]) -> str | None:
    """A kind whose shape has not changed since format 1 began."""


def _no_safety(screen: Any) -> str | None:
    """A kind with no words of safety of its own."""
    return None


ColourUse = tuple[str, str, str]
"""(foreground, background, where a visitor sees it): a pair of palette colours a kind draws."""


@dataclass(frozen=True)
class ScreenKind(Generic[M]):
    """One kind of screen: its model and what the kiosk asks of it. The kind's name is its
    model's `type` (declared once, there)."""

    model: type[M]
    texts: Callable[[M], Iterator[Placed]]
    """The running text (not the title), for the reading and paragraph checks."""
    script: Callable[[ContentView, M, str | None], Script]
    """What the speaker reads: the content (in the visitor's language), the screen and the
    part the visitor opened (a nerve segment), if any."""
    lead: Callable[[M], Lead]
    """The words (and picture) of its attract teaser."""
    check: Callable[[M, Checks], None] = _no_checks
    """Checks across the screen's parts that its shape cannot say."""
    starts_self_check: bool = False
    """The screen where the questions start (one per file)."""
    upgrade: Callable[[dict[str, Any]], str | None] = _no_upgrade
    """Rewrites, in place, a screen (its YAML mapping, not yet checked) written in an older
    shape of this kind into today's, and says in one sentence what to write instead (None:
    nothing to do). See `kiosk.content.formats`."""
    safety: Callable[[M], str | None] = _no_safety
    """The screen's safety note (when to stop, who to ask first), if it has one: a tap that
    leaves the screen waits until the note could be read (`kiosk.core.intent`)."""
    colour_uses: tuple[ColourUse, ...] = ()
    """Where this kind draws a pair of theme colours (`colors.CONTRAST_PAIRS`) besides every
    screen's uses: a contrast error speaks of it only in a clinic that has such a screen."""

    @property
    def name(self) -> str:
        annotation = self.model.model_fields["type"].annotation
        (name,) = typing.get_args(annotation)
        return str(name)


Answer = str | frozenset[str] | int
"""An option id (one answer), a set of option ids (several) or a number (a scale)."""
AnswerShape = Literal["one", "many", "number"]

TESTS: Mapping[AnswerShape, tuple[str, ...]] = {
    "one": ("equals",),
    "many": ("includes",),
    "number": ("at_least", "at_most"),
}
"""The tests of a condition that fit each shape of answer (`answered` fits them all)."""


def _nothing_more(question: Any) -> Script:
    return []


def _any_option(option_id: str) -> str | None:
    return None


@dataclass(frozen=True)
class QuestionKind(Generic[Q]):
    """One kind of question: its model, how it is answered and what it needs. The kind's name
    is its model's `type` (declared once, there)."""

    model: type[Q]
    """The keys of a question of this kind: those of every question (`QuestionBase`) and its
    own, with its default options and their words (`option_words`)."""
    answer: AnswerShape
    """One option (one tap answers and moves on), several options, or a number."""
    hint: str
    """The key in `ui_text` of the hint under the question."""
    option_problem: Callable[[str], str | None] = _any_option
    """What is wrong with an option id for this kind, if anything."""
    has_options: bool = True
    """False: answered by a number alone (a scale), so options are an error."""
    script: Callable[[Q], Script] = _nothing_more
    """What the speaker reads after the options."""
    check: Callable[[Q, Checks], None] = _no_checks
    """Checks across the question's parts that its shape cannot say (paths from the start of
    the question)."""
    elsewhere: Mapping[str, str] = field(default_factory=dict)
    """What to do instead, for a key of this kind's own given to a question of another kind
    (the message says whose key it is, then this)."""
    colour_uses: tuple[ColourUse, ...] = ()
    """Where this kind draws a pair of theme colours, as `ScreenKind.colour_uses`."""
    numbers: tuple[int, int] | None = None
    """The lowest and highest number an answer may be (a number answer: 0 and 10 on a scale),
    so a rule no answer can meet is found (`at_least: 12`)."""

    @property
    def name(self) -> str:
        annotation = self.model.model_fields["type"].annotation
        (name,) = typing.get_args(annotation)
        return str(name)

    @property
    def own_fields(self) -> tuple[str, ...]:
        """Keys of a question that only this kind takes (the words under a scale's ends ...)."""
        shared = QuestionBase.model_fields
        return tuple(key for key in self.model.model_fields if key not in shared)

    @property
    def tests(self) -> tuple[str, ...]:
        return TESTS[self.answer]

    def hint_words(self, words: object, button: str) -> str:
        """The hint under a question of this kind, from the kiosk's words (`ui_text`), naming
        the button that goes on as it reads now (`{button}`: "Next", "See my result", or the
        clinic's own words for them). The checks refuse any other placeholder at load."""
        return str(getattr(words, self.hint)).format(button=button)


# --- helpers the kinds share ------------------------------------------------------------------


def block_texts(base: Path_, blocks: Iterable[Block]) -> Iterator[Placed]:
    """The texts of some blocks (paragraphs, callouts, bullets, captions), each placed."""
    for bi, block in enumerate(blocks):
        if block.paragraph:
            yield (*base, bi, "paragraph"), block.paragraph
        if block.callout:
            yield (*base, bi, "callout"), block.callout
        for i, bullet in enumerate(block.bullets or []):
            yield (*base, bi, "bullets", i), bullet
        if block.caption:
            yield (*base, bi, "caption"), block.caption
        if block.link is not None:
            yield (*base, bi, "link", "label"), block.link.label
            if block.link.caption:
                yield (*base, bi, "link", "caption"), block.link.caption


def block_script(blocks: Iterable[Block]) -> Iterator[str | None]:
    """Blocks as read aloud: an image is read by its caption, if it has one; a link by its
    label and caption (its address is for the phone, not the ear)."""
    for block in blocks:
        yield block.paragraph
        yield from block.bullets or ()
        yield block.callout
        yield block.caption
        if block.link is not None:
            yield block.link.label
            yield block.link.caption


def block_lead(blocks: Iterable[Block]) -> Lead:
    """The first paragraph of some blocks, else the first callout, else the first bullet; and
    the first image."""
    blocks = list(blocks)
    words = next((b.paragraph for b in blocks if b.paragraph), None)
    words = words or next((b.callout for b in blocks if b.callout), None)
    words = words or next((b.bullets[0] for b in blocks if b.bullets), None)
    image = next((b.image for b in blocks if b.image), None)
    return Lead(words or "", image)


MAX_IDS_LISTED = 24
"""A figure's ids listed in an error about a missing one; the rest are counted. Room for
every region of the kiosk's own whole-body figure (15): a name no id resembles gets the whole
list (a clinic tester missed the shoulders among "7 more")."""


def check_figure(
    checks: Checks, at: Path_, figure: str, wanted: Iterable[Placed], *, regions: bool = False
) -> None:
    """An error for each id in `wanted` (each placed) that no element of the SVG `figure`
    (given at `at`) has, with the nearest id it does have. With `regions` (a body map), the
    ids are those of regions a visitor can tap, and a region named in French or Spanish words
    gets the English id it means."""
    if not figure.lower().endswith(".svg"):
        checks.error(at, f"'{figure}' should be an SVG file: its parts are found by their id")
        return
    ids = checks.figure_ids(figure, regions=regions)
    if ids is None:
        return
    own = checks.shadowed(figure)
    if own is not None:
        checks.warn(
            at,
            f"'{figure}' in the clinic's folder stands in for the kiosk's own figure of that "
            f"name (a copy made by an older `kiosk init`?): its ids are the copy's, and the "
            f"kiosk's fixes to its figure do not reach it. Write '{own}' to use the kiosk's "
            "own figure, or give your figure a name of its own",
        )
    what = "region" if regions else "element"
    for path, ident in wanted:
        if ident in ids.usable:
            continue
        listed = list(ids.offered)
        more = len(listed) - MAX_IDS_LISTED
        names = ", ".join(listed[:MAX_IDS_LISTED]) + (f" and {more} more" if more > 0 else "")
        guess = did_you_mean(ident, ids.offered)
        english = english_region(ident, ids.offered) if regions else None
        if english is not None and english not in guess:
            guess = f" (did you mean '{english}'? the ids are English words)"
        elif regions and not guess and set(ids.offered) <= set(REGION_NAMES):
            guess = " (the kiosk's own figures name their regions in English words)"
        checks.error(
            path,
            f"the figure '{figure}' has no {what} with the id '{ident}'"
            f"{guess} (ids in it: {names or 'none'})",
        )
