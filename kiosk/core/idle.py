"""The idle policy: after so long without a touch, ask "Still there?"; after a countdown,
end the visit. Time is passed in (seconds from any steady clock), never read here."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum


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
        self._last_touch = now

    def touch(self, now: float) -> None:
        """A visitor touched the screen."""
        self._last_touch = now

    def step(self, now: float, visit_under_way: bool, staff_open: bool = False) -> IdleState:
        """The whole decision for one look at the clock.

        - The attract screen never times out: with no visit under way it is always ACTIVE.
        - A staff screen left alone has no countdown: after the idle time it is EXPIRED (to be
          closed) at once.
        - Otherwise ACTIVE, then ASKING with a countdown, then EXPIRED (reset the visit).
        After EXPIRED, or with no visit, the wait starts again from `now`.
        """
        if not visit_under_way and not staff_open:
            self.touch(now)
            return IdleState(Idle.ACTIVE, math.ceil(self.idle_seconds))
        state = self.state(now)
        if staff_open and state.phase is Idle.ASKING:
            state = IdleState(Idle.EXPIRED, 0)
        if state.phase is Idle.EXPIRED:
            self.touch(now)
        return state

    def state(self, now: float) -> IdleState:
        quiet = max(0.0, now - self._last_touch)
        if quiet < self.idle_seconds:
            return IdleState(Idle.ACTIVE, math.ceil(self.idle_seconds - quiet))
        left = self.idle_seconds + self.countdown_seconds - quiet
        if left > 0:
            return IdleState(Idle.ASKING, math.ceil(left))
        return IdleState(Idle.EXPIRED, 0)
