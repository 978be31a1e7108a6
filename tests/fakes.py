"""Stand-ins the tests share (no Qt here)."""

from __future__ import annotations

import hashlib


class FakeClock:
    """A steady clock that moves only when a test moves it: `clock.now += 90`."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def raw_pin_hash(pin: str, iterations: int = 200_000) -> str:
    """A staff PIN hash as an old `hash-pin` or a hand-made script wrote it, without today's
    rules (`hash_pin` refuses 1234)."""
    salt = bytes(range(16))
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, iterations)
    return f"pbkdf2-sha256${iterations}${salt.hex()}${digest.hex()}"
