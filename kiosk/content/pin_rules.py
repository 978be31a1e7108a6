"""The rules for a staff PIN, the same for `kiosk hash-pin` and `kiosk validate` (no Qt).

A PIN is 4 to 8 digits (6 or more recommended) and not one of the PINs a curious visitor
tries first: all digits the same (0000), a run up or down (1234, 9876, 7890), a year
(19xx, 20xx), a few well-known others, and the sample PIN of the default content. A stored
hash uses 100,000 to 2,000,000 PBKDF2 iterations: fewer is quick to guess from a copy of the
file; more makes every try on the pad freeze the kiosk for seconds.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import re

MIN_DIGITS = 4
RECOMMENDED_DIGITS = 6
MAX_DIGITS = 8
MIN_ITERATIONS = 100_000
MAX_ITERATIONS = 2_000_000
SAMPLE_PIN = "2580"
"""The sample PIN of the default content: anyone can read it in the README."""

PIN_RULE = f"a PIN is {MIN_DIGITS} to {MAX_DIGITS} digits"
_DIGITS = re.compile(rf"^[0-9]{{{MIN_DIGITS},{MAX_DIGITS}}}$")

WELL_KNOWN = frozenset(
    {
        SAMPLE_PIN,
        "0852",  # the sample's column of the keypad, upwards
        "1212",
        "1004",
        "1122",
        "1313",
        "4545",
        "6969",
        "5683",  # LOVE
        "112233",
        "121212",
        "123123",
        "123321",
        "147258",
        "159753",
        "696969",
        "12341234",
    }
)
"""Common PINs that are no run, repeat or year (from published PIN-frequency studies)."""

CHECKED_IN_VALIDATE = (SAMPLE_PIN, "1234", "0000", "1111")
"""The PINs `validate` tries against a stored hash: the most common ones. Each try costs one
PBKDF2 (about 0.05 s at 200,000 iterations), so the whole list cannot be tried at every load."""


def _is_run(pin: str) -> bool:
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(pin)}
    return steps in ({1}, {9})


def weakness(pin: str) -> str | None:
    """Why a PIN of the right form is too easy to guess, or None."""
    if pin == SAMPLE_PIN:
        return f"{pin} is the sample PIN that anyone can read in the README"
    if len(set(pin)) == 1:
        return f"{pin} has all its digits the same"
    if _is_run(pin):
        return f"{pin} is a run of digits"
    if len(pin) == 4 and pin[:2] in ("19", "20"):
        return f"{pin} is a year"
    if pin in WELL_KNOWN:
        return f"{pin} is one of the most common PINs"
    return None


def pin_problem(pin: str) -> str | None:
    """Why `pin` cannot be the staff PIN (one sentence), or None if it can."""
    if not _DIGITS.match(pin):
        return PIN_RULE
    why = weakness(pin)
    if why is not None:
        return f"{why}, one of the first a visitor would try; choose another"
    return None


def iterations_problem(iterations: int) -> str | None:
    if MIN_ITERATIONS <= iterations <= MAX_ITERATIONS:
        return None
    return (
        f"the hash uses {iterations:,} PBKDF2 iterations; it needs {MIN_ITERATIONS:,} to "
        f"{MAX_ITERATIONS:,} (make a new one with `kiosk hash-pin`)"
    )


def weak_pin_behind(iterations: int, salt: bytes, digest_hex: str) -> str | None:
    """The common PIN a stored hash is made of, if it is one of `CHECKED_IN_VALIDATE`."""
    for pin in CHECKED_IN_VALIDATE:
        digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, iterations)
        if hmac.compare_digest(digest.hex(), digest_hex):
            return pin
    return None
