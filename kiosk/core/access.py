"""Staff access: the PIN as a salted hash, and the lock after too many wrong tries.

The PIN never sits in `content.yaml` in the clear: `kiosk hash-pin` prints a line like
`pbkdf2-sha256+rules2$200000$<salt>$<hash>` to paste there (`+rules2`: the PIN passed
version 2 of `pin_rules`; a hash without it still opens the pad, and `validate` warns of it).
A 4 to 8 digit PIN cannot resist a determined attack on the file itself; the hash keeps it
from being read over a shoulder or in a shared folder, and the lock keeps a visitor from
guessing it on the pad. No Qt here; time is passed in.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import math
import os
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from ..content.model import PIN_HASH_PATTERN
from ..content.pin_rules import RULES_MARK, RULES_VERSION, pin_problem, salted
from ..paths import open_private, private_folder

SCHEME = "pbkdf2-sha256"
ITERATIONS = 200_000
PIN_PATTERN = re.compile(r"^[0-9]{4,8}$")
HASH_PATTERN = re.compile(PIN_HASH_PATTERN)
LOCK_FILE_NAME = "pin-lock.json"
log = logging.getLogger("kiosk")


def hash_pin(pin: str, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    """The line to store for a PIN; a fresh random salt each time unless one is given.
    A PIN that breaks the rules (`pin_rules.pin_problem`) is refused with ValueError."""
    problem = pin_problem(pin)
    if problem is not None:
        raise ValueError(problem)
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salted(salt, RULES_VERSION), iterations)
    return f"{SCHEME}{RULES_MARK}${iterations}${salt.hex()}${digest.hex()}"


def is_pin_hash(text: str) -> bool:
    return HASH_PATTERN.match(text) is not None


def verify_pin(pin: str, stored: str) -> bool:
    """Whether `pin` is the PIN behind `stored` (compared in constant time)."""
    match = HASH_PATTERN.match(stored)
    if match is None or not PIN_PATTERN.match(pin):
        return False
    rules = int(match["rules"]) if match["rules"] else None
    salt = salted(bytes.fromhex(match["salt"]), rules)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, int(match["iterations"]))
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


@dataclass(frozen=True)
class LockState:
    wrong: int
    """Wrong tries since the last lock or the right PIN."""
    locks: int
    """Locks in a row (each one twice as long as the one before)."""
    seconds_left: float
    """How long the current lock still holds (0: not locked)."""


class UnreadableLockError(Exception):
    """The lock file exists but cannot be read; the message says why."""


class LockStore:
    """The pad's lock in a small JSON file of the data folder, so that a restart of the kiosk
    does not open a locked pad. The time of a lock is kept as wall-clock time (`wall`), the
    only clock that goes on while the kiosk is stopped."""

    def __init__(self, path: Path, wall: Callable[[], float] = time.time) -> None:
        self.path = path
        self.wall = wall

    def load(self) -> LockState | None:
        """The stored state; None when there is no file (a pad never locked)."""
        try:
            text = self.path.read_text("utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as error:
            raise UnreadableLockError(f"cannot read {self.path} ({error})") from error
        try:
            data = json.loads(text)
            wrong, locks, until = data["wrong"], data["locks"], data["locked_until"]
            if not all(type(v) in (int, float) for v in (wrong, locks, until)):
                raise TypeError("a value is not a number")
            if not all(math.isfinite(v) and v >= 0 for v in (wrong, locks, until)):
                raise ValueError("a value is negative or not finite")
        except (ValueError, TypeError, KeyError) as error:
            raise UnreadableLockError(f"{self.path} is damaged ({error})") from error
        return LockState(int(wrong), int(locks), max(0.0, until - self.wall()))

    def save(self, state: LockState) -> None:
        """Write the state (atomically); a failure is logged, the lock holds in memory."""
        data = {
            "wrong": state.wrong,
            "locks": state.locks,
            "locked_until": round(self.wall() + state.seconds_left, 3)
            if state.seconds_left > 0
            else 0,
        }
        temporary = self.path.with_name(self.path.name + ".tmp")
        try:
            private_folder(self.path.parent)
            descriptor = open_private(temporary)
            with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
                json.dump(data, stream)
            os.replace(temporary, self.path)
        except OSError as error:
            log.warning(
                "cannot save the staff PIN lock to %s (%s); it holds until the kiosk stops",
                self.path,
                error,
            )


class PinLock:
    """Five wrong PINs lock the pad for a minute; each lock after that is twice as long,
    up to an hour. The right PIN clears the count.

    With a `store`, the count and the lock are saved after every try and read back on first
    use, so a restart changes nothing; a file that cannot be read counts as a lock of the
    first length, never as no lock. `now` is the caller's steady (monotonic) clock in
    seconds, so a wall clock moved while the kiosk runs changes no lock; the wall clock is
    read only to save and restore across a restart, and a restored lock never lasts longer
    than its own length, however far the wall clock was set back."""

    def __init__(
        self,
        stored_hash: str,
        max_tries: int = 5,
        first_lock_seconds: float = 60.0,
        longest_lock_seconds: float = 3600.0,
        store: LockStore | None = None,
    ) -> None:
        self.stored_hash = stored_hash
        self.max_tries = max_tries
        self.first_lock_seconds = first_lock_seconds
        self.longest_lock_seconds = longest_lock_seconds
        self.store = store
        self._restored = store is None
        self._wrong = 0
        self._locks = 0
        self._locked_until = -math.inf

    def _restore(self, now: float) -> None:
        if self._restored or self.store is None:
            return
        self._restored = True
        try:
            state = self.store.load()
        except UnreadableLockError as error:
            log.warning("%s; the PIN pad is locked for %d s", error, self.first_lock_seconds)
            self._locks = 1
            self._locked_until = now + self.first_lock_seconds
            self._save(now)
            return
        if state is None:
            return
        self._wrong = min(state.wrong, self.max_tries - 1)
        self._locks = min(state.locks, 64)
        if state.seconds_left > 0:
            # a deadline further ahead than the lock it belongs to was set by a clock that
            # has since been set back (or by hand): the lock holds its own length, no longer
            self._locked_until = now + min(state.seconds_left, self.lock_length(self._locks))

    def lock_length(self, locks: int) -> float:
        """How long the `locks`-th lock in a row lasts (the first: `first_lock_seconds`)."""
        doublings = min(max(locks, 1) - 1, 64)
        return min(self.first_lock_seconds * 2.0**doublings, self.longest_lock_seconds)

    def _save(self, now: float) -> None:
        if self.store is not None:
            left = max(0.0, self._locked_until - now)
            self.store.save(LockState(self._wrong, self._locks, left))

    def locked_seconds(self, now: float) -> int:
        self._restore(now)
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
            self._save(now)
            return Attempt(Verdict.OPEN)
        self._wrong += 1
        if self._wrong < self.max_tries:
            self._save(now)
            return Attempt(Verdict.WRONG, tries_left=self.max_tries - self._wrong)
        self._locks += 1
        seconds = self.lock_length(self._locks)
        self._wrong = 0
        self._locked_until = now + seconds
        self._save(now)
        return Attempt(Verdict.LOCKED, locked_seconds=math.ceil(seconds))
