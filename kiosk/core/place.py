"""Where a visitor can be, as typed values. No Qt here.

A place is one of: the attract screen, one of the content's screens, a question of the
self-check, a result (an outcome), or the paused page staff put up. It is a value: two places
are equal when their kind and id are, and it is hashable, so the UI keys its pages by it.

Places have a written form, `attract`, `paused`, `screen:<id>`, `question:<id>` and
`result:<id>`: the name the figures store, the control channel reports and `kiosk preview`
writes as file names. Only this module reads that form back (`Place.parse`); nothing outside
`kiosk.core` takes a place's name apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..content.app_words import staff_word
from ..content.model import Content


class PlaceKind(Enum):
    ATTRACT = "attract"
    SCREEN = "screen"
    QUESTION = "question"
    RESULT = "result"
    PAUSED = "paused"


_WITH_ID = frozenset({PlaceKind.SCREEN, PlaceKind.QUESTION, PlaceKind.RESULT})


@dataclass(frozen=True, slots=True)
class Place:
    kind: PlaceKind
    ident: str = ""
    """The screen's, question's or outcome's id; empty for attract and paused."""

    def __post_init__(self) -> None:
        if (self.kind in _WITH_ID) != bool(self.ident):
            needs = "needs an" if self.kind in _WITH_ID else "has no"
            raise ValueError(f"a {self.kind.value} place {needs} id")

    # -- made by kind ----------------------------------------------------------------------

    @staticmethod
    def screen(screen_id: str) -> Place:
        return Place(PlaceKind.SCREEN, screen_id)

    @staticmethod
    def question(question_id: str) -> Place:
        return Place(PlaceKind.QUESTION, question_id)

    @staticmethod
    def result(outcome_id: str) -> Place:
        return Place(PlaceKind.RESULT, outcome_id)

    # -- read ------------------------------------------------------------------------------

    @property
    def is_attract(self) -> bool:
        return self.kind is PlaceKind.ATTRACT

    @property
    def is_screen(self) -> bool:
        return self.kind is PlaceKind.SCREEN

    @property
    def is_question(self) -> bool:
        return self.kind is PlaceKind.QUESTION

    @property
    def is_result(self) -> bool:
        return self.kind is PlaceKind.RESULT

    @property
    def is_paused(self) -> bool:
        return self.kind is PlaceKind.PAUSED

    @property
    def framed(self) -> bool:
        """Shown inside the frame (top bar, bottom bar): every place but attract and paused."""
        return self.kind in _WITH_ID

    # -- the written form ------------------------------------------------------------------

    @property
    def name(self) -> str:
        """`attract`, `paused`, `screen:<id>`, `question:<id>` or `result:<id>`."""
        return f"{self.kind.value}:{self.ident}" if self.ident else self.kind.value

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def parse(name: str) -> Place:
        """The place a written name names; ValueError for anything else."""
        kind_name, colon, ident = name.partition(":")
        try:
            kind = PlaceKind(kind_name)
        except ValueError:
            raise ValueError(f"no place is called {name!r}") from None
        if (kind in _WITH_ID) != bool(colon and ident):
            raise ValueError(f"no place is called {name!r}")
        return Place(kind, ident)


ATTRACT = Place(PlaceKind.ATTRACT)
PAUSED = Place(PlaceKind.PAUSED)


def place_words(content: Content, name: str, language: str = "en") -> str:
    """A stored place name as staff know it (the figures' "where visits stopped"): a screen's
    title, "Q: " and the question's words, "Result: " and the outcome's title; the name
    itself for a place the content no longer has."""
    try:
        place = Place.parse(name)
    except ValueError:
        return name
    if place.is_screen:
        screen = next((s for s in content.screens if s.id == place.ident), None)
        return screen.title if screen is not None else place.ident
    if place.is_question:
        question = content.question(place.ident)
        text = question.text if question is not None else place.ident
        return staff_word(language, "q_label").format(text=text)
    if place.is_result:
        outcome = content.outcome(place.ident)
        text = outcome.title if outcome is not None else place.ident
        return staff_word(language, "result_label").format(text=text)
    return name
