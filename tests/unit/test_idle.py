"""The idle policy, with time passed in."""

from pathlib import Path

import pytest

from kiosk.content import load_content
from kiosk.core.idle import (
    READING_CAP_SECONDS,
    Idle,
    IdlePolicy,
    count_words,
    reading_seconds,
    words_on,
)
from kiosk.core.place import Place
from kiosk.core.readaloud import script_for

ROOT = Path(__file__).resolve().parents[2]


def test_phases() -> None:
    policy = IdlePolicy(idle_seconds=90, countdown_seconds=20, now=1000)
    assert policy.state(1000).phase is Idle.ACTIVE
    assert policy.state(1089.5).phase is Idle.ACTIVE
    asking = policy.state(1090)
    assert (asking.phase, asking.seconds_left) == (Idle.ASKING, 20)
    assert policy.state(1109.2).seconds_left == 1
    assert policy.state(1110).phase is Idle.EXPIRED


def test_a_touch_starts_the_wait_again() -> None:
    policy = IdlePolicy(90, 20, now=0)
    assert policy.state(100).phase is Idle.ASKING
    policy.touch(100)
    assert policy.state(100).phase is Idle.ACTIVE
    assert policy.state(189).phase is Idle.ACTIVE


def test_times_must_be_positive() -> None:
    with pytest.raises(ValueError):
        IdlePolicy(0, 20)


def test_step_never_times_out_the_attract_screen() -> None:
    policy = IdlePolicy(90, 20, now=0)
    assert policy.step(1000, visit_under_way=False).phase is Idle.ACTIVE
    # the wait starts when the visit does, not when the kiosk last saw a touch
    assert policy.step(1050, visit_under_way=True).phase is Idle.ACTIVE


def test_step_asks_then_expires_and_starts_the_wait_again() -> None:
    policy = IdlePolicy(90, 20, now=0)
    assert policy.step(95, visit_under_way=True).phase is Idle.ASKING
    assert policy.step(110, visit_under_way=True).phase is Idle.EXPIRED
    assert policy.step(111, visit_under_way=True).phase is Idle.ACTIVE


def test_step_closes_a_staff_screen_without_a_countdown() -> None:
    policy = IdlePolicy(90, 20, now=0)
    assert policy.step(89, visit_under_way=False, staff_open=True).phase is Idle.ACTIVE
    assert policy.step(91, visit_under_way=False, staff_open=True).phase is Idle.EXPIRED
    assert policy.step(92, visit_under_way=False, staff_open=True).phase is Idle.ACTIVE


# -- a long page gives its reader more time ---------------------------------------------------


def test_reading_time_grows_with_the_words_between_the_idle_time_and_the_cap() -> None:
    assert reading_seconds(90, 0) == 90  # a short page: the clinic's idle time
    assert reading_seconds(90, 100) == 90  # 100 words at 80 a minute: 75 s, less than 90
    assert reading_seconds(90, 160) == 120  # 2 minutes' reading
    assert reading_seconds(90, 5000) == READING_CAP_SECONDS  # never for ever
    assert reading_seconds(600, 5000) == 600  # a clinic's own longer wait still holds
    assert reading_seconds(90, 160, words_per_minute=160) == 90


def test_words_are_counted_in_scripts_with_and_without_spaces() -> None:
    assert count_words("Sciatica is pain\nthat follows a nerve.") == 7
    assert count_words("坐骨神经痛") == 3  # two characters a word, rounded up
    assert count_words("NICE 指南 NG59") == 3


def test_a_long_page_waits_for_its_reader_before_asking() -> None:
    policy = IdlePolicy(90, 20, now=0)
    policy.page_shown(words=240)  # three minutes at a slow reader's pace
    assert policy.step(170, visit_under_way=True).phase is Idle.ACTIVE
    assert policy.step(181, visit_under_way=True).phase is Idle.ASKING
    policy.page_shown(words=20)  # the next page is short: the clinic's idle time again
    policy.touch(200)
    assert policy.step(291, visit_under_way=True).phase is Idle.ASKING


def test_a_staff_screen_closes_after_the_idle_time_whatever_page_is_under_it() -> None:
    policy = IdlePolicy(90, 20, now=0)
    policy.page_shown(words=240)
    assert policy.step(91, visit_under_way=True, staff_open=True).phase is Idle.EXPIRED


def test_the_words_of_a_page_are_those_read_aloud() -> None:
    content = load_content(ROOT / "content.yaml").content
    words = words_on(content, Place.parse("screen:what_is_sciatica"))
    assert words == count_words(script_for(content, Place.parse("screen:what_is_sciatica"))) > 100
    assert words_on(content, Place.parse("screen:nowhere")) == 0
