"""Stand-ins the tests share (no Qt here)."""

from __future__ import annotations


class FakeClock:
    """A steady clock that moves only when a test moves it: `clock.now += 90`."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now
