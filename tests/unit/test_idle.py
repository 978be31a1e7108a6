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
