"""The idle policy: after so long without a touch, ask "Still there?"; after a countdown,
end the visit. Time is passed in (seconds from any steady clock), never read here.

A long page gives its reader more time: the wait before "Still there?" is the time a slow
reader takes to read the page's words (`reading_seconds`), never less than the clinic's
`idle_seconds` and never more than `READING_CAP_SECONDS`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

from ..content.model import Content
from .place import Place
from .readaloud import script_for

READING_WORDS_PER_MINUTE = 80
"""A slow reader's pace (an older visitor in pain, reading a second language): about a
third of an average adult's 240 words a minute."""
READING_CAP_SECONDS = 300.0
"""The longest wait a page's words may give before "Still there?" (5 minutes), unless the
clinic's own `idle_seconds` is longer: a kiosk left alone on a long page still resets."""


def _unspaced(ch: str) -> bool:
    """A character of a script written without spaces between words (Chinese, Japanese)."""
    code = ord(ch)
    return 0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF


def count_words(text: str) -> int:
    """The words in `text`: runs between spaces; in Chinese or Japanese, which have no spaces,
    two characters make a word."""
    unspaced = sum(1 for ch in text if _unspaced(ch))
    spaced = sum(1 for run in text.split() if not all(_unspaced(ch) for ch in run))
    return spaced + math.ceil(unspaced / 2)


def reading_seconds(
    idle_seconds: float,
    words: int,
    words_per_minute: float = READING_WORDS_PER_MINUTE,
    cap_seconds: float = READING_CAP_SECONDS,
) -> float:
    """How long a page with `words` words waits for a touch before "Still there?":
    max(idle_seconds, words at a slow reader's pace), capped at `cap_seconds` (or at
    idle_seconds, if that is longer)."""
    reading = words * 60.0 / words_per_minute
    return max(idle_seconds, min(reading, cap_seconds))


URGENT_HOLD_SECONDS = 300.0
"""How long an urgent result ("Get medical help now", which asks the visitor to show it to the
receptionist) waits before "Still there?": a visitor gone to the desk finds it still there."""


def hold_for(content: Content, place: Place) -> float:
    """The least a place waits before "Still there?", whatever its words: an urgent result
    waits URGENT_HOLD_SECONDS (tester: it was gone in 110 s), any other place nothing more."""
    if not place.is_result:
        return 0.0
    outcome = content.outcome(place.ident)
    return URGENT_HOLD_SECONDS if outcome is not None and outcome.kind == "urgent" else 0.0


def words_on(content: Content, place: Place) -> int:
    """The words at a place: what read-aloud would read."""
    return count_words(script_for(content, place))


class Idle(Enum):
    ACTIVE = "active"
    ASKING = "asking"  # "Still there?" with a countdown
    EXPIRED = "expired"  # time to reset


@dataclass(frozen=True)
class IdleState:
    phase: Idle
    seconds_left: int
    """Whole seconds until the next phase (what the countdown shows)."""


class IdlePolicy:
    def __init__(self, idle_seconds: float, countdown_seconds: float, now: float = 0.0) -> None:
        if idle_seconds <= 0 or countdown_seconds <= 0:
            raise ValueError("idle and countdown times must be positive")
        self.idle_seconds = idle_seconds
        self.countdown_seconds = countdown_seconds
        self.wait_seconds = idle_seconds
        """The wait before "Still there?" on the page shown (`page_shown`)."""
        self._last_touch = now

    def page_shown(self, words: int, hold_seconds: float = 0.0) -> None:
        """A page with `words` words is shown: wait as long as a slow reader needs for it
        (`reading_seconds`), and at least `hold_seconds` (`hold_for`), before asking "Still
        there?"."""
        self.wait_seconds = max(reading_seconds(self.idle_seconds, words), hold_seconds)

    def touch(self, now: float) -> None:
        """A visitor touched the screen."""
        self._last_touch = now

    def step(self, now: float, visit_under_way: bool, staff_open: bool = False) -> IdleState:
        """The whole decision for one look at the clock.

        - The attract screen never times out: with no visit under way it is always ACTIVE.
        - A staff screen left alone has no countdown: after the idle time (`idle_seconds`,
          whatever page is under it) it is EXPIRED (to be closed) at once.
        - Otherwise ACTIVE, then ASKING with a countdown, then EXPIRED (reset the visit).
        After EXPIRED, or with no visit, the wait starts again from `now`.
        """
        if not visit_under_way and not staff_open:
            self.touch(now)
            return IdleState(Idle.ACTIVE, math.ceil(self.wait_seconds))
        state = self.state(now, self.idle_seconds if staff_open else None)
        if staff_open and state.phase is Idle.ASKING:
            state = IdleState(Idle.EXPIRED, 0)
        if state.phase is Idle.EXPIRED:
            self.touch(now)
        return state

    def state(self, now: float, wait: float | None = None) -> IdleState:
        """Where the wait stands: `wait` seconds (the page's, by default) then the countdown."""
        wait = self.wait_seconds if wait is None else wait
        quiet = max(0.0, now - self._last_touch)
        if quiet < wait:
            return IdleState(Idle.ACTIVE, math.ceil(wait - quiet))
        left = wait + self.countdown_seconds - quiet
        if left > 0:
            return IdleState(Idle.ASKING, math.ceil(left))
        return IdleState(Idle.EXPIRED, 0)
