"""One visitor's visit: where they are, where they came from, what they answered.

Where a visitor is, is a typed `Place` (`kiosk.core.place`), never a number. Every move goes
through one method (`start`, `next`, `back`, `home`, `answer`, `reset`); the session tells its
listeners what changed (`Moved`, `Answered`, `DisplayChanged`) and each part of the UI decides
what to redraw. No Qt here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ..content.kinds import question_kind, screen_kind
from ..content.model import Content, Outcome, Question
from .engine import Answer, Questionnaire, TherapistMatch
from .place import ATTRACT, Place


@dataclass(frozen=True)
class Moved:
    """The visitor is at a new place (a move, Back, Home, a reset)."""

    place: Place
    previous: Place


@dataclass(frozen=True)
class Answered:
    """An answer was given, changed or cleared, and the visitor stays where they are (a tick
    on a choose-all question, a point on the scale): the page shows it, Next may wake."""

    question_id: str


@dataclass(frozen=True)
class DisplayChanged:
    """The language, text size, contrast or motion changed: the same place, drawn anew."""

    place: Place


SessionEvent = Moved | Answered | DisplayChanged
Listener = Callable[[SessionEvent], None]


@dataclass(frozen=True)
class Progress:
    kind: Literal["step", "question", "result", "none"]
    n: int = 0
    total: int = 0


class Session:
    def __init__(self, content: Content) -> None:
        self._listeners: list[Listener] = []
        self.language: str | None = None
        """The language the visitor chose; None is the content's default language."""
        self.text_size = 1
        """1 (normal), 2 (larger) or 3 (largest)."""
        self.high_contrast = False
        self.reduce_motion = False
        self.load(content)
        self.current: Place = ATTRACT
        self.history: list[Place] = []
        self.answers: dict[str, Answer] = {}
        self.ended_by = "finish"
        """Why the last visit ended: finish, idle, staff, control or error."""

    def load(self, content: Content) -> None:
        """Use new content (between visits only: the caller resets first)."""
        self.base = content
        """The content in its default language; `content` is in the visitor's language."""
        if self.language not in content.language_codes():
            self.language = None
        self._use(content.in_language(self.language) if self.language else content)

    def _use(self, content: Content) -> None:
        self.content = content
        self.engine = Questionnaire(content)
        self._screen_ids = [s.id for s in content.screens]
        self._check_index = next(
            i for i, s in enumerate(content.screens) if screen_kind(s).starts_self_check
        )

    # -- listeners --------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _go(self, place: Place, remember: bool = True) -> None:
        previous = self.current
        if remember and place != previous:
            self.history.append(previous)
        self.current = place
        self._tell(Moved(place, previous))

    def _tell(self, event: SessionEvent) -> None:
        for listener in list(self._listeners):
            listener(event)

    # -- where we are -------------------------------------------------------------------------

    @property
    def visit_under_way(self) -> bool:
        return self.current != ATTRACT

    def current_question(self) -> Question | None:
        here = self.current
        return self.engine.question(here.ident) if here.is_question else None

    def outcome(self) -> Outcome:
        here = self.current
        if here.is_result:
            found = self.content.outcome(here.ident)
            if found is not None:
                return found
        return self.engine.outcome(self.answers)

    def therapist_matches(self) -> list[TherapistMatch]:
        return self.engine.therapists_for(self.outcome(), self.answers, self.shown_language)

    def progress(self) -> Progress:
        here = self.current
        if here.is_screen:
            n = self._screen_ids.index(here.ident) + 1
            return Progress("step", n, len(self._screen_ids))
        if here.is_question:
            n, total = self.engine.question_count(self.answers, here.ident)
            return Progress("question", n, total)
        if here.is_result:
            return Progress("result")
        return Progress("none")

    def widest_progress(self) -> list[Progress]:
        """Every kind of progress a visit can show, each at its largest count: what the
        frame sizes the middle of its top bar for, once, so the bar around it is the same on
        every screen of a visit."""
        steps, questions = len(self._screen_ids), len(self.engine.questions)
        return [
            Progress("step", steps, steps),
            Progress("question", questions, questions),
            Progress("result"),
        ]

    def next_action(self) -> Literal["start_check", "see_result", "finish", "next"]:
        """What Next does here, so the button can say so."""
        here = self.current
        if here.is_screen:
            index = self._screen_ids.index(here.ident)
            if index == self._check_index:
                return "start_check"
            return "next" if index + 1 < len(self._screen_ids) else "finish"
        if here.is_question:
            if self.engine.red_flag_raised(self.answers):
                return "see_result"
            following = self.engine.next_question(self.answers, here.ident)
            return "see_result" if following is None else "next"
        if here.is_result:
            return "next" if self._screens_after_result() else "finish"
        return "next"

    def _screens_after_result(self) -> bool:
        """Screens after the self-check follow a result, but never an urgent one."""
        urgent = self.outcome().kind == "urgent"
        return not urgent and self._check_index + 1 < len(self._screen_ids)

    def can_go_back(self) -> bool:
        return bool(self.history)

    def can_go_next(self) -> bool:
        here = self.current
        return here.ident in self.answers if here.is_question else True

    # -- moves -------------------------------------------------------------------------------

    def start(self) -> None:
        """From the attract screen into the first screen."""
        self.history.clear()
        self._go(Place.screen(self._screen_ids[0]), remember=False)

    def next(self) -> None:
        here = self.current
        if here.is_attract:
            self.start()
        elif here.is_screen:
            index = self._screen_ids.index(here.ident)
            if index == self._check_index:
                self._after_question(None)
            elif index + 1 < len(self._screen_ids):
                self._go(Place.screen(self._screen_ids[index + 1]))
            else:
                self.reset()
        elif here.is_question:
            if here.ident in self.answers:
                self._after_question(here.ident)
        elif here.is_result:
            if self._screens_after_result():
                self._go(Place.screen(self._screen_ids[self._check_index + 1]))
            else:
                self.reset()

    def _after_question(self, question_id: str | None) -> None:
        if self.engine.red_flag_raised(self.answers):
            self._go(Place.result(self.engine.outcome(self.answers).id))
            return
        following = self.engine.next_question(self.answers, question_id)
        if following is None:
            self._go(Place.result(self.engine.outcome(self.answers).id))
        else:
            self._go(Place.question(following.id))

    def back(self) -> None:
        if self.history:
            self._go(self.history.pop(), remember=False)

    def home(self) -> None:
        """Start again: the answers and the way back are wiped (the welcome page promises
        it, and whoever taps Home may be the next visitor), and the first screen shows. The
        language, text size, contrast and motion stay: the same person is reading."""
        self.answers.clear()
        self.history.clear()
        self._go(Place.screen(self._screen_ids[0]), remember=False)

    def show(self, place: Place | str, remember: bool = False) -> None:
        """Show a place directly (previews, tests and the admin's tools); a written name
        (`question:pain`) is read as `Place.parse` reads it."""
        if isinstance(place, str):
            try:
                place = Place.parse(place)
            except ValueError:
                raise KeyError(f"no screen named {place!r}") from None
        if place not in self.places() or place.is_paused:
            raise KeyError(f"no screen named {place.name!r}")
        self._go(place, remember=remember)

    def places(self) -> list[Place]:
        """Every place a visitor can see, in the order of a visit."""
        places = [ATTRACT]
        for index, screen_id in enumerate(self._screen_ids):
            places.append(Place.screen(screen_id))
            if index == self._check_index:
                places += [Place.question(q.id) for q in self.content.self_check.questions]
                places += [Place.result(o.id) for o in self.content.self_check.outcomes]
        return places

    def next_place(self) -> Place | None:
        """The place after this one in the order of a visit, if it is framed: the page a
        visitor may well need next (the UI builds it in an idle moment)."""
        places = self.places()
        if self.current not in places:
            return None
        index = places.index(self.current)
        following = places[index + 1 : index + 2]
        return following[0] if following and following[0].framed else None

    def answer(self, question_id: str, value: Answer) -> None:
        """Record an answer. A red flag ends the check at once; a single choice moves on."""
        question = self.engine.question(question_id)
        self.answers[question_id] = self.engine.validate(question_id, value)
        if self.engine.is_red_flag(question_id, self.answers[question_id]):
            self._go(Place.result(self.engine.outcome(self.answers).id))
        elif question_kind(question.type).answer == "one" and self.current == Place.question(
            question_id
        ):
            self._after_question(question_id)
        else:
            self._tell(Answered(question_id))

    def toggle(self, question_id: str, option_id: str) -> None:
        """Tick or untick one option of a multi-choice or body-map question."""
        chosen = self.engine.toggled(question_id, self.answers.get(question_id), option_id)
        if chosen:
            self.answer(question_id, chosen)
        else:
            self.clear_answer(question_id)

    def clear_answer(self, question_id: str) -> None:
        self.answers.pop(question_id, None)
        self._tell(Answered(question_id))

    # -- how the visitor reads it ------------------------------------------------------------

    @property
    def shown_language(self) -> str:
        """The code of the language on the screen now."""
        return self.language or self.base.default_language

    def set_language(self, code: str) -> None:
        """Show every text in `code` (one of the content's languages); the answers stay."""
        if code not in self.base.language_codes():
            raise KeyError(f"no language {code!r} in the content")
        chosen = None if code == self.base.default_language else code
        if chosen != self.language:
            self.language = chosen
            self._use(self.base.in_language(code) if chosen else self.base)
        self._tell(DisplayChanged(self.current))

    def set_text_size(self, size: int) -> None:
        self.text_size = max(1, min(3, size))
        self._tell(DisplayChanged(self.current))

    def set_high_contrast(self, on: bool) -> None:
        self.high_contrast = on
        self._tell(DisplayChanged(self.current))

    def set_reduce_motion(self, on: bool) -> None:
        self.reduce_motion = on
        self._tell(DisplayChanged(self.current))

    @property
    def still(self) -> bool:
        """No fades or moving pictures: the visitor asked for it (reduce motion), or the
        clinic set it for everyone."""
        return self.reduce_motion or self.base.settings.reduce_motion

    @property
    def display(self) -> tuple[str, int, bool]:
        """What the screens are drawn for: language, text size and contrast."""
        return self.shown_language, self.text_size, self.high_contrast

    def reset(self, reason: str = "finish") -> None:
        """End the visit: wipe answers, history, language, text size, contrast and motion;
        show attract. Every way of ending a visit (finish, idle, staff, control, error) is
        this call."""
        self.ended_by = reason
        self.answers.clear()
        self.history.clear()
        if self.language is not None:
            self.language = None
            self._use(self.base)
        self.text_size = 1
        self.high_contrast = False
        self.reduce_motion = False
        self._go(ATTRACT, remember=False)
