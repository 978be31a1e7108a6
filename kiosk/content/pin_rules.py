"""The rules for a staff PIN, the same for `kiosk hash-pin` and `kiosk validate` (no Qt).

A PIN is 4 to 8 digits (6 or more recommended) and not one of the PINs a curious visitor
tries first: all digits the same (0000), a run up or down (1234, 9876, 7890), a year
(19xx, 20xx), a date (DDMM, MMDD, DDMMYY, MMDDYY, YYMMDD, DDMMYYYY, MMDDYYYY, YYYYMMDD), lines
and columns of a keypad (1470, 3690, 2580, 7410, 789456, 159357), a few well-known others, and
the sample PIN of the default content. A stored hash uses 100,000 to 2,000,000 PBKDF2
iterations: fewer is quick to guess from a copy of the file; more makes every try on the pad
freeze the kiosk for seconds.

`kiosk hash-pin` records in the hash which rules the PIN passed (`pbkdf2-sha256+rules2$...`,
`RULES_VERSION`), so `kiosk validate` need not guess the PIN back to know it obeys them. The
mark is part of what is hashed (`salted`): pasted onto a hash made without it, the PIN no
longer opens the pad, so it cannot silence the warning by mistake. A hash without the mark
(an older `hash-pin`, a hand-made line) is tried against the few most common PINs and,
whatever it is, gets a warning to make it again: trying every PIN these rules refuse (over a
thousand, 50 to 100 ms each) at every load is out of the question.
"""

from __future__ import annotations

import datetime as dt
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

RULES_VERSION = 2
"""The version of these rules that `kiosk hash-pin` writes into the hash (1: before dates and
keypad lines were refused, never written). Raise it when a rule is added: hashes with an older
mark get `validate`'s warning to make them again."""
RULES_MARK = f"+rules{RULES_VERSION}"
"""What follows the scheme's name in a hash that passed these rules."""

PIN_RULE = f"a PIN is {MIN_DIGITS} to {MAX_DIGITS} digits"
_DIGITS = re.compile(rf"^[0-9]{{{MIN_DIGITS},{MAX_DIGITS}}}$")

WELL_KNOWN = frozenset(
    {
        SAMPLE_PIN,
        "0852",  # the sample's column of the keypad, upwards
        "1212",
        "2468",  # the keypad's diamond, the even digits (fleet tester: taken)
        "8642",
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


_PHONE = ("123", "456", "789", "147", "2580", "369", "159", "357")
"""The lines of a phone's keypad (1 2 3 at the top, 0 below 8): rows, columns, diagonals."""
_NUMPAD = ("741", "852", "963", "753", "951")
"""The columns and diagonals of a computer's number pad (7 8 9 at the top), not in `_PHONE`."""
KEYPAD_LINES = frozenset(
    line
    for base in (*_PHONE, *_NUMPAD, *(c + "0" for c in ("147", "369", "741", "852", "963")))
    for line in (base, base[::-1])
)
"""Lines of keys a thumb draws without thinking, either way; a column may end at the 0 below."""


def _is_keypad_lines(pin: str) -> bool:
    """Whether `pin` is whole keypad lines one after the other (1470, 7410, 789456, 147258)."""
    if not pin:
        return True
    return any(pin.startswith(line) and _is_keypad_lines(pin[len(line) :]) for line in KEYPAD_LINES)


def _is_day(day: str, month: str, year: int = 2000) -> bool:
    try:
        dt.date(year, int(month), int(day))
    except ValueError:
        return False
    return True


def _is_date(pin: str) -> bool:
    """Whether `pin` is a date in a common form (a birthday, an anniversary)."""
    if len(pin) == 4:  # DDMM, MMDD
        return _is_day(pin[:2], pin[2:]) or _is_day(pin[2:], pin[:2])
    if len(pin) == 6:  # DDMMYY, MMDDYY, YYMMDD (any century)
        return (
            _is_day(pin[:2], pin[2:4]) or _is_day(pin[2:4], pin[:2]) or _is_day(pin[4:], pin[2:4])
        )
    if len(pin) == 8:  # DDMMYYYY, MMDDYYYY, YYYYMMDD, a year of the last and this century
        first, last = int(pin[:4]), int(pin[4:])
        return (
            (1900 <= last <= 2099 and _is_day(pin[:2], pin[2:4], last))
            or (1900 <= last <= 2099 and _is_day(pin[2:4], pin[:2], last))
            or (1900 <= first <= 2099 and _is_day(pin[6:], pin[4:6], first))
        )
    return False


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
    if _is_keypad_lines(pin):
        return f"{pin} is a line of the keypad"
    if _is_date(pin):
        return f"{pin} is a date"
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


_MARKED = re.compile(r"^pbkdf2-sha256\+rules(?P<rules>[1-9][0-9]{0,2})\$")


def passed_the_rules(stored: str) -> bool:
    """Whether a stored hash was made by a `kiosk hash-pin` that applied every rule here (its
    mark says so; the mark is part of what is hashed, so it cannot be pasted on)."""
    match = _MARKED.match(stored)
    return match is not None and int(match["rules"]) >= RULES_VERSION


def salted(salt: bytes, rules: int | None) -> bytes:
    """What PBKDF2 is given as the salt: the hash's random salt, followed by its rules mark
    if it has one (so the mark cannot be added to or taken from a hash without breaking it)."""
    return salt if rules is None else salt + f"pin-rules-{rules}".encode()


def weak_pin_behind(
    iterations: int, salt: bytes, digest_hex: str, rules: int | None = None
) -> str | None:
    """The common PIN a stored hash is made of, if it is one of `CHECKED_IN_VALIDATE`."""
    for pin in CHECKED_IN_VALIDATE:
        digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salted(salt, rules), iterations)
        if hmac.compare_digest(digest.hex(), digest_hex):
            return pin
    return None
