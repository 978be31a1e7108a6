"""The idle policy, with time passed in."""

import pytest

from kiosk.core.idle import Idle, IdlePolicy


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
