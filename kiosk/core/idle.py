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

    def state(self, now: float) -> IdleState:
        quiet = max(0.0, now - self._last_touch)
        if quiet < self.idle_seconds:
            return IdleState(Idle.ACTIVE, math.ceil(self.idle_seconds - quiet))
        left = self.idle_seconds + self.countdown_seconds - quiet
        if left > 0:
            return IdleState(Idle.ASKING, math.ceil(left))
        return IdleState(Idle.EXPIRED, 0)
