"""Staff access: the PIN as a salted hash, and the lock after too many wrong tries.

The PIN never sits in `content.yaml` in the clear: `kiosk hash-pin` prints a line like
`pbkdf2-sha256$200000$<salt>$<hash>` to paste there. A 4 to 8 digit PIN cannot resist a
determined attack on the file itself; the hash keeps it from being read over a shoulder or in
a shared folder, and the lock keeps a visitor from guessing it on the pad. No Qt here; time is
passed in.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
import secrets
from dataclasses import dataclass
from enum import Enum

from ..content.model import PIN_HASH_PATTERN
from ..content.pin_rules import PIN_RULE, pin_problem

SCHEME = "pbkdf2-sha256"
ITERATIONS = 200_000
PIN_PATTERN = re.compile(r"^[0-9]{4,8}$")
HASH_PATTERN = re.compile(PIN_HASH_PATTERN)


def check_pin_format(pin: str) -> None:
    if not PIN_PATTERN.match(pin):
        raise ValueError(PIN_RULE)


def hash_pin(pin: str, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    """The line to store for a PIN; a fresh random salt each time unless one is given.
    A PIN that breaks the rules (`pin_rules.pin_problem`) is refused with ValueError."""
    problem = pin_problem(pin)
    if problem is not None:
        raise ValueError(problem)
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, iterations)
    return f"{SCHEME}${iterations}${salt.hex()}${digest.hex()}"


def is_pin_hash(text: str) -> bool:
    return HASH_PATTERN.match(text) is not None


def verify_pin(pin: str, stored: str) -> bool:
    """Whether `pin` is the PIN behind `stored` (compared in constant time)."""
    match = HASH_PATTERN.match(stored)
    if match is None or not PIN_PATTERN.match(pin):
        return False
    digest = hashlib.pbkdf2_hmac(
        "sha256", pin.encode(), bytes.fromhex(match["salt"]), int(match["iterations"])
    )
    return hmac.compare_digest(digest.hex(), match["digest"])


class Verdict(Enum):
    OPEN = "open"
    WRONG = "wrong"
    LOCKED = "locked"


@dataclass(frozen=True)
class Attempt:
    verdict: Verdict
    tries_left: int = 0
    """Wrong tries left before the pad locks (after WRONG)."""
    locked_seconds: int = 0
    """Whole seconds until the pad opens again (after LOCKED, or a WRONG that locked it)."""


class PinLock:
    """Five wrong PINs lock the pad for a minute; each lock after that is twice as long,
    up to an hour. The right PIN clears the count."""

    def __init__(
        self,
        stored_hash: str,
        max_tries: int = 5,
        first_lock_seconds: float = 60.0,
        longest_lock_seconds: float = 3600.0,
    ) -> None:
        self.stored_hash = stored_hash
        self.max_tries = max_tries
        self.first_lock_seconds = first_lock_seconds
        self.longest_lock_seconds = longest_lock_seconds
        self._wrong = 0
        self._locks = 0
        self._locked_until = -math.inf

    def locked_seconds(self, now: float) -> int:
        if now >= self._locked_until:
            return 0
        return math.ceil(self._locked_until - now)

    def attempt(self, pin: str, now: float) -> Attempt:
        left = self.locked_seconds(now)
        if left:
            return Attempt(Verdict.LOCKED, locked_seconds=left)
        if verify_pin(pin, self.stored_hash):
            self._wrong = 0
            self._locks = 0
            return Attempt(Verdict.OPEN)
        self._wrong += 1
        if self._wrong < self.max_tries:
            return Attempt(Verdict.WRONG, tries_left=self.max_tries - self._wrong)
        seconds = min(self.first_lock_seconds * 2**self._locks, self.longest_lock_seconds)
        self._locks += 1
        self._wrong = 0
        self._locked_until = now + seconds
        return Attempt(Verdict.LOCKED, locked_seconds=math.ceil(seconds))
