"""The staff PIN: there is one, and its hash is not of a PIN a visitor would guess. No Qt here."""

from __future__ import annotations

import re

from ..model import PIN_HASH_PATTERN, SAMPLE_PIN_HASH
from ..pin_rules import RULES_MARK, SAMPLE_PIN, passed_the_rules, weak_pin_behind
from .run import Problem, Run


def staff(run: Run) -> None:
    """A warning when there is no staff PIN, or when its hash is of a PIN a visitor would guess."""
    staff = run.content.staff
    if staff is None:
        run.problems.append(
            Problem(
                ("staff",),
                "there is no staff PIN, so receptionists cannot open the admin panel; "
                "add a 'staff:' section with a pin_hash from `kiosk hash-pin`",
                "warning",
            )
        )
        return
    pin = run.guessable_pin = guessable_pin(staff.pin_hash)
    if pin == SAMPLE_PIN:
        message = f"this is the sample PIN {SAMPLE_PIN} that anyone can read in the README"
    elif pin is not None:
        message = f"this is a hash of {pin}, one of the first PINs a visitor would try"
    elif not passed_the_rules(staff.pin_hash):
        message = (
            "this hash was not made by a `kiosk hash-pin` that checks every PIN rule (it"
            f" lacks {RULES_MARK}), so its PIN may be one a visitor would guess (a year, a"
            " date, a line of the keypad)"
        )
    else:
        return
    run.problems.append(
        Problem(
            ("staff", "pin_hash"),
            f"{message}; set your own with `kiosk hash-pin`",
            "warning",
        )
    )


def guessable_pin(stored: str) -> str | None:
    """The PIN behind a stored staff PIN hash if a visitor could guess it: the sample PIN of
    the docs, or one of the common PINs `validate` tries; else None. The one rule behind
    `kiosk validate`'s warning, the staff panel's and `kiosk ctl status`'s (the loader keeps
    its answer in `LoadedContent.guessable_pin`: each common PIN tried costs a PBKDF2)."""
    if stored == SAMPLE_PIN_HASH:
        return SAMPLE_PIN
    return _weak_pin(stored)


def _rules_of(stored: str) -> int | None:
    match = re.match(PIN_HASH_PATTERN, stored)
    return int(match["rules"]) if match is not None and match["rules"] else None


def _weak_pin(stored: str) -> str | None:
    """The common PIN behind a stored hash, if it is one `validate` tries. A hash that passed
    today's rules is not tried: `hash-pin` refused every one of them."""
    match = re.match(PIN_HASH_PATTERN, stored)
    if match is None or passed_the_rules(stored):
        return None
    return weak_pin_behind(
        int(match["iterations"]), bytes.fromhex(match["salt"]), match["digest"], _rules_of(stored)
    )
