"""The staff PIN: stored only as a salted hash, and locked after five wrong tries."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.content import ContentError, load_content
from kiosk.content.model import SAMPLE_PIN, SAMPLE_PIN_HASH
from kiosk.content.pin_rules import MAX_ITERATIONS, MIN_ITERATIONS, RULES_MARK
from kiosk.core.access import LockStore, PinLock, Verdict, hash_pin, is_pin_hash, verify_pin

Writer = Callable[[str], Path]
FAST = 1000  # iterations: enough to test the scheme without spending the real cost


def test_a_hash_verifies_its_pin_and_no_other() -> None:
    stored = hash_pin("482913", iterations=FAST)
    assert is_pin_hash(stored)
    assert "482913" not in stored
    assert verify_pin("482913", stored)
    assert not verify_pin("482914", stored)
    assert not verify_pin("", stored)
    assert not verify_pin("482913", "482913")  # a plain PIN is never a hash


def test_the_same_pin_gets_a_new_salt_each_time() -> None:
    assert hash_pin("4826", iterations=FAST) != hash_pin("4826", iterations=FAST)


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", " 1234", ""])
def test_a_pin_is_four_to_eight_digits(pin: str) -> None:
    with pytest.raises(ValueError, match="4 to 8 digits"):
        hash_pin(pin)


@pytest.mark.parametrize(
    ("pin", "why"),
    [
        ("0000", "all its digits the same"),
        ("1111", "all its digits the same"),
        ("77777777", "all its digits the same"),
        ("1234", "a run of digits"),
        ("9876", "a run of digits"),
        ("7890", "a run of digits"),
        ("123456", "a run of digits"),
        ("654321", "a run of digits"),
        ("1987", "a year"),
        ("2024", "a year"),
        ("2580", "the sample PIN"),
        ("1212", "one of the most common PINs"),
        ("123123", "one of the most common PINs"),
        # dates in the forms people use for a birthday (fleet tester: all were taken)
        ("19991231", "a date"),  # YYYYMMDD
        ("31121999", "a date"),  # DDMMYYYY
        ("12311999", "a date"),  # MMDDYYYY
        ("010190", "a date"),  # DDMMYY
        ("123190", "a date"),  # MMDDYY
        ("900101", "a date"),  # YYMMDD
        ("2507", "a date"),  # DDMM
        ("0725", "a date"),  # MMDD
        # lines and columns of the keypad, either way, one after another
        ("2468", "one of the most common PINs"),
        ("1470", "a line of the keypad"),
        ("3690", "a line of the keypad"),
        ("7410", "a line of the keypad"),
        ("0369", "a line of the keypad"),
        ("789456", "a line of the keypad"),
        ("369147", "a line of the keypad"),
        ("357159", "a line of the keypad"),
    ],
)
def test_common_pins_are_refused(pin: str, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        hash_pin(pin, iterations=FAST)


@pytest.mark.parametrize(
    "pin", ["4826", "1829", "48261", "482913", "97531086", "1357", "31131999", "19991331"]
)
def test_other_pins_are_taken(pin: str) -> None:
    assert verify_pin(pin, hash_pin(pin, iterations=FAST))


def raw_hash(pin: str, iterations: int) -> str:
    """A hash as an old `hash-pin` or a hand-made script wrote it, without today's rules."""
    salt = bytes(range(16))
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, iterations)
    return f"pbkdf2-sha256${iterations}${salt.hex()}${digest.hex()}"


@pytest.mark.parametrize(
    ("pin", "expected"),
    [
        ("2580", "this is the sample PIN 2580"),
        ("1234", "this is a hash of 1234, one of the first PINs a visitor would try"),
        ("0000", "this is a hash of 0000"),
    ],
)
def test_validate_warns_of_a_fresh_hash_of_a_common_pin(
    content_text: str, write_content: Writer, pin: str, expected: str
) -> None:
    stored = raw_hash(pin, MIN_ITERATIONS)
    loaded = load_content(
        write_content(staff_yaml(without_staff(content_text), f'  pin_hash: "{stored}"'))
    )
    warnings = [str(w) for w in loaded.warnings if "staff.pin_hash" in str(w)]
    assert len(warnings) == 1 and expected in warnings[0], warnings
    assert "kiosk hash-pin" in warnings[0]


@pytest.mark.parametrize("iterations", [1000, MIN_ITERATIONS - 1, MAX_ITERATIONS + 1, 9_999_999])
def test_validate_refuses_too_few_or_too_many_iterations(
    content_text: str, write_content: Writer, iterations: int
) -> None:
    salt, digest = "00" * 16, "ab" * 32  # never hashed: the number alone is refused
    stored = f"pbkdf2-sha256${iterations}${salt}${digest}"
    path = write_content(staff_yaml(without_staff(content_text), f'  pin_hash: "{stored}"'))
    with pytest.raises(ContentError) as caught:
        load_content(path)
    report = caught.value.report()
    assert f"staff.pin_hash: the hash uses {iterations:,} PBKDF2 iterations" in report
    assert "100,000 to 2,000,000" in report and "kiosk hash-pin" in report


def test_the_sample_pin_of_the_default_content_is_2580() -> None:
    assert verify_pin(SAMPLE_PIN, SAMPLE_PIN_HASH)


def test_five_wrong_pins_lock_for_a_minute_then_longer() -> None:
    lock = PinLock(hash_pin("4829", iterations=FAST))
    for left in (4, 3, 2, 1):
        attempt = lock.attempt("1111", now=0)
        assert (attempt.verdict, attempt.tries_left) == (Verdict.WRONG, left)
    fifth = lock.attempt("1111", now=0)
    assert (fifth.verdict, fifth.locked_seconds) == (Verdict.LOCKED, 60)
    # while locked, even the right PIN does not open
    assert lock.attempt("4829", now=30).verdict is Verdict.LOCKED
    assert lock.locked_seconds(now=30) == 30
    # after the minute, five more wrong tries lock for two minutes
    for _ in range(4):
        assert lock.attempt("1111", now=61).verdict is Verdict.WRONG
    assert lock.attempt("1111", now=61).locked_seconds == 120
    assert lock.attempt("4829", now=61 + 119).verdict is Verdict.LOCKED
    assert lock.attempt("4829", now=61 + 120).verdict is Verdict.OPEN


def test_the_right_pin_clears_the_count() -> None:
    lock = PinLock(hash_pin("4829", iterations=FAST))
    for _ in range(4):
        lock.attempt("0000", now=0)
    assert lock.attempt("4829", now=0).verdict is Verdict.OPEN
    assert lock.attempt("0000", now=0).tries_left == 4


def test_locks_never_grow_past_an_hour() -> None:
    lock = PinLock(hash_pin("4829", iterations=FAST))
    now = 0.0
    for _ in range(12):
        for _ in range(5):
            attempt = lock.attempt("0000", now)
        now += attempt.locked_seconds
    assert attempt.locked_seconds == 3600


def staff_yaml(text: str, body: str) -> str:
    return text.replace("\nmodalities:", f"\nstaff:\n{body}\n\nmodalities:", 1)


def without_staff(text: str) -> str:
    start = text.index("\nstaff:")
    end = text.index("\nmodalities:")
    return text[:start] + text[end:]


@pytest.mark.parametrize("value", ["2580", '"2580"', "'123456'"])
def test_a_plain_pin_in_the_file_is_an_error(
    content_text: str, write_content: Writer, value: str
) -> None:
    path = write_content(staff_yaml(without_staff(content_text), f"  pin_hash: {value}"))
    with pytest.raises(ContentError) as caught:
        load_content(path)
    report = caught.value.report()
    assert "staff.pin_hash" in report
    assert "plain sight" in report and "kiosk hash-pin" in report


def test_a_garbled_hash_is_an_error(content_text: str, write_content: Writer) -> None:
    path = write_content(
        staff_yaml(without_staff(content_text), '  pin_hash: "sha1$abc"\n  corner: top_left')
    )
    with pytest.raises(ContentError, match="not a PIN hash"):
        load_content(path)


def test_the_sample_pin_and_a_missing_pin_are_warnings(
    content_text: str, write_content: Writer
) -> None:
    sample = load_content(write_content(content_text))
    assert any("sample PIN 2580" in str(w) for w in sample.warnings)
    missing = load_content(write_content(without_staff(content_text)))
    assert any("no staff PIN" in str(w) for w in missing.warnings)
    own = hash_pin("975310", iterations=MIN_ITERATIONS)
    mine = load_content(
        write_content(staff_yaml(without_staff(content_text), f'  pin_hash: "{own}"'))
    )
    assert not any("PIN" in str(w) for w in mine.warnings)


def test_an_unknown_corner_gets_a_suggestion(content_text: str, write_content: Writer) -> None:
    path = write_content(content_text.replace("  corner: top_left", "  corner: top_lft"))
    with pytest.raises(ContentError) as caught:
        load_content(path)
    assert "staff.corner" in caught.value.report()
    assert "top_left" in caught.value.report()


# -- the lock survives a restart ---------------------------------------------------------------


class Wall:
    """The wall clock, which goes on while the kiosk is stopped (moved by the test)."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


RIGHT = "4829"


@pytest.fixture
def stored() -> str:
    return hash_pin(RIGHT, iterations=FAST)


def restarted(stored: str, path: Path, wall: Wall) -> PinLock:
    """A new kiosk process: a new lock object, read back from the same file."""
    return PinLock(stored, store=LockStore(path, wall))


def test_a_locked_pad_stays_locked_after_a_restart(tmp_path: Path, stored: str) -> None:
    path, wall = tmp_path / "pin-lock.json", Wall()
    lock = restarted(stored, path, wall)
    for _ in range(5):
        attempt = lock.attempt("1111", now=500)
    assert attempt.verdict is Verdict.LOCKED
    wall.now += 14  # killed and started again 14 s into the lock; its steady clock restarts
    again = restarted(stored, path, wall)
    assert again.attempt(RIGHT, now=3).verdict is Verdict.LOCKED
    assert again.locked_seconds(now=3) == 46
    wall.now += 46
    assert restarted(stored, path, wall).attempt(RIGHT, now=0).verdict is Verdict.OPEN


def test_wrong_tries_and_the_lock_length_survive_a_restart(tmp_path: Path, stored: str) -> None:
    path, wall = tmp_path / "pin-lock.json", Wall()
    lock = restarted(stored, path, wall)
    for _ in range(3):
        lock.attempt("1111", now=0)
    lock = restarted(stored, path, wall)
    assert lock.attempt("1111", now=0).tries_left == 1  # the fourth wrong try, not the first
    assert lock.attempt("1111", now=0).locked_seconds == 60
    wall.now += 60
    lock = restarted(stored, path, wall)
    for _ in range(4):
        lock.attempt("1111", now=0)
    assert lock.attempt("1111", now=0).locked_seconds == 120  # the second lock is longer


def test_the_right_pin_clears_the_saved_count(tmp_path: Path, stored: str) -> None:
    path, wall = tmp_path / "pin-lock.json", Wall()
    lock = restarted(stored, path, wall)
    for _ in range(4):
        lock.attempt("1111", now=0)
    assert lock.attempt(RIGHT, now=0).verdict is Verdict.OPEN
    assert restarted(stored, path, wall).attempt("1111", now=0).tries_left == 4


@pytest.mark.parametrize(
    "damage",
    ["not json", '{"wrong": 0}', '{"wrong": "x", "locks": 0, "locked_until": 0}', "\udcff", "dir"],
)
def test_a_lock_file_that_cannot_be_read_counts_as_locked(
    tmp_path: Path, stored: str, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    path, wall = tmp_path / "pin-lock.json", Wall()
    if damage == "dir":
        path.mkdir()
    elif damage == "\udcff":
        path.write_bytes(b"\xff\xfe\x00")
    else:
        path.write_text(damage, "utf-8")
    lock = restarted(stored, path, wall)
    assert lock.attempt(RIGHT, now=10).verdict is Verdict.LOCKED
    assert lock.locked_seconds(now=10) == 60
    assert "the PIN pad is locked for 60 s" in caplog.text
    assert lock.attempt(RIGHT, now=70).verdict is Verdict.OPEN


def test_a_lock_file_that_cannot_be_written_still_locks_in_memory(
    tmp_path: Path, stored: str, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "data").write_text("a file where the folder should be", "utf-8")
    lock = restarted(stored, tmp_path / "data" / "pin-lock.json", Wall())
    for _ in range(5):
        attempt = lock.attempt("1111", now=0)
    assert attempt.verdict is Verdict.LOCKED and lock.locked_seconds(now=30) == 30
    assert "cannot save the staff PIN lock" in caplog.text


# -- a clock that can lie ----------------------------------------------------------------------

DAY = 24 * 3600.0


def test_a_clock_set_back_a_day_does_not_lengthen_a_lock(tmp_path: Path, stored: str) -> None:
    """Fleet tester: the wall clock set back a day and a restart turned a 60 s lock into
    3,600 s (receptionists locked out for an hour)."""
    path, wall = tmp_path / "pin-lock.json", Wall()
    lock = restarted(stored, path, wall)
    for _ in range(5):
        attempt = lock.attempt("1111", now=0)
    assert attempt.locked_seconds == 60
    wall.now -= DAY  # the clock is set back a day, and the kiosk starts again
    again = restarted(stored, path, wall)
    assert again.attempt(RIGHT, now=0).locked_seconds == 60
    assert again.attempt(RIGHT, now=60).verdict is Verdict.OPEN


def test_the_wall_clock_moved_while_running_changes_no_lock(tmp_path: Path, stored: str) -> None:
    path, wall = tmp_path / "pin-lock.json", Wall()
    lock = restarted(stored, path, wall)
    for _ in range(5):
        lock.attempt("1111", now=100)
    wall.now -= DAY  # the steady clock goes on; the wall clock jumps back
    assert lock.locked_seconds(now=130) == 30
    wall.now += 2 * DAY  # and a day ahead
    assert lock.attempt(RIGHT, now=130).verdict is Verdict.LOCKED
    assert lock.attempt(RIGHT, now=160).verdict is Verdict.OPEN


@pytest.mark.parametrize(("locks", "length"), [(0, 60), (1, 60), (2, 120), (3, 240), (9, 3600)])
def test_a_stored_deadline_a_day_ahead_is_cut_to_the_locks_length(
    tmp_path: Path, stored: str, locks: int, length: int
) -> None:
    path, wall = tmp_path / "pin-lock.json", Wall()
    path.write_text(
        json.dumps({"wrong": 0, "locks": locks, "locked_until": wall.now + DAY}), "utf-8"
    )
    lock = restarted(stored, path, wall)
    assert lock.locked_seconds(now=0) == length
    assert lock.attempt(RIGHT, now=length).verdict is Verdict.OPEN


# -- one PIN rule everywhere -------------------------------------------------------------------


def pin_warnings(content_text: str, write_content: Writer, stored: str) -> list[str]:
    loaded = load_content(
        write_content(staff_yaml(without_staff(content_text), f'  pin_hash: "{stored}"'))
    )
    return [str(w) for w in loaded.warnings if "staff.pin_hash" in str(w)]


@pytest.mark.parametrize("pin", ["1999", "2024", "9876", "1212", "19991231", "1470"])
def test_validate_flags_a_hash_of_any_pin_hash_pin_refuses(
    content_text: str, write_content: Writer, pin: str
) -> None:
    """Fleet tester: `validate` was silent on stored hashes of 1999, 2024, 9876 and 1212."""
    with pytest.raises(ValueError):
        hash_pin(pin, iterations=FAST)  # so its hash can only come from elsewhere
    warnings = pin_warnings(content_text, write_content, raw_hash(pin, MIN_ITERATIONS))
    assert len(warnings) == 1, warnings
    assert f"lacks {RULES_MARK}" in warnings[0] and "a year" in warnings[0]
    assert "kiosk hash-pin" in warnings[0]


def test_a_hash_from_hash_pin_says_which_rules_it_passed(
    content_text: str, write_content: Writer
) -> None:
    stored = hash_pin("482913", iterations=MIN_ITERATIONS)
    assert stored.startswith(f"pbkdf2-sha256{RULES_MARK}$100000$")
    assert verify_pin("482913", stored)
    assert pin_warnings(content_text, write_content, stored) == []


def test_the_mark_cannot_be_pasted_onto_an_old_hash() -> None:
    """The mark is hashed with the PIN: added to a hash made without the rules, the PIN behind
    it no longer opens the pad (so a warning cannot be silenced by editing the line)."""
    old = raw_hash("1999", FAST)
    assert verify_pin("1999", old)  # an old hash still opens the pad
    marked = old.replace("pbkdf2-sha256$", f"pbkdf2-sha256{RULES_MARK}$")
    assert is_pin_hash(marked) and not verify_pin("1999", marked)
