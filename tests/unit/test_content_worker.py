"""Content read and checked in a worker process (issue 26, item 1), seen through the Qt-free
`Kiosk`: a change goes live once the worker's read is over, a refusal is said once, and a read
that outlasts its budget is refused naming its slowest files. The interface's side (the event
loop never waits) is tested in tests/ui/test_reload_stall.py."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from fakes import FakeClock
from slowdraw import SlowDrawer

from kiosk.content import load_content
from kiosk.content.worker import ContentReads
from kiosk.core.control import QUIET_SECONDS, Kiosk

Write = Callable[[str], Path]
WAIT = 120.0  # seconds: only guards the suite against a hang (a spawned Python, on a busy box)


def settle(kiosk: Kiosk, clock: FakeClock) -> None:
    kiosk.check_files()
    clock.now += QUIET_SECONDS
    kiosk.check_files()


def until_read(kiosk: Kiosk) -> None:
    give_up = time.monotonic() + WAIT
    while not kiosk.poll():
        assert time.monotonic() < give_up, "the worker never answered"
        time.sleep(0.02)


@pytest.fixture
def reads() -> ContentReads:
    made = ContentReads()
    yield made  # type: ignore[misc]
    made.close()


def test_an_edit_is_read_in_the_worker_and_goes_live_when_it_is_over(
    content_text: str, write_content: Write, clock: FakeClock, reads: ContentReads
) -> None:
    path = write_content(content_text)
    kiosk = Kiosk(load_content(path), clock=clock, source=path, background=reads)
    path.write_text(content_text.replace("Willow Street", "Elm Road"), "utf-8")
    settle(kiosk, clock)
    assert kiosk.reading  # check_files returned at once: the read runs elsewhere
    assert kiosk.loaded.content.clinic.name.startswith("Willow Street")
    until_read(kiosk)
    assert kiosk.loaded.content.clinic.name.startswith("Elm Road")
    assert kiosk.loaded.file("assets/logo.svg") is not None  # the snapshot crossed whole


def test_a_refusal_is_logged_once_and_a_broken_file_is_read_again_only_when_it_changes(
    content_text: str,
    write_content: Write,
    clock: FakeClock,
    reads: ContentReads,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="kiosk")
    path = write_content(content_text)
    kiosk = Kiosk(load_content(path), clock=clock, source=path, background=reads)
    broken = content_text.replace("idle_seconds: 90", "idle_seconds: soon")
    path.write_text(broken, "utf-8")
    settle(kiosk, clock)
    until_read(kiosk)
    assert kiosk.content_error is not None and "idle_seconds" in kiosk.content_error
    for _look in range(5):  # minutes pass: nothing changed, nothing is read again
        clock.now += 60
        assert not kiosk.check_files() and not kiosk.reading
    path.write_text(broken + "\n", "utf-8")  # saved again, the same problem
    settle(kiosk, clock)
    until_read(kiosk)
    refusals = [r for r in caplog.records if r.getMessage().startswith("content refused")]
    assert len(refusals) == 1
    path.write_text(content_text, "utf-8")  # fixed
    settle(kiosk, clock)
    until_read(kiosk)
    assert kiosk.content_error is None


def test_a_read_over_its_budget_is_refused_naming_the_slowest_files(
    content_text: str, write_content: Write, clock: FakeClock
) -> None:
    """Every picture takes 10 s to draw here (SlowDrawer): the budget of 3 s runs out while
    the first is drawn, and the refusal names it, with the time it had taken."""
    path = write_content(content_text)
    reads = ContentReads(drawer=SlowDrawer, budget=3.0)
    try:
        kiosk = Kiosk(load_content(path), clock=clock, source=path, background=reads)
        path.write_text(content_text.replace("Willow Street", "Elm Road"), "utf-8")
        settle(kiosk, clock)
        until_read(kiosk)
    finally:
        reads.close()
    assert kiosk.content_error is not None
    assert "checking the content took more than 3 s, the most it may take" in (kiosk.content_error)
    slowest = re.search(r"the slowest files: (\S+) \((\d+\.\d) s\)", kiosk.content_error)
    assert slowest is not None, kiosk.content_error
    assert slowest[1].endswith(".svg") and float(slowest[2]) >= 1.0
    assert kiosk.loaded.content.clinic.name.startswith("Willow Street")  # the running one stays


def test_a_reload_staff_ask_for_is_checked_in_the_worker_and_then_goes_live(
    content_text: str, write_content: Write, clock: FakeClock, reads: ContentReads
) -> None:
    path = write_content(content_text)
    kiosk = Kiosk(load_content(path), clock=clock, source=path, background=reads)
    path.write_text(content_text.replace("Willow Street", "Elm Road"), "utf-8")
    result = kiosk.reload()
    assert result.ok
    assert result.message == (
        "Checking content.yaml; it starts when the check passes, and any problem shows here."
    )
    assert kiosk.loaded.content.clinic.name.startswith("Willow Street")
    until_read(kiosk)
    assert kiosk.loaded.content.clinic.name.startswith("Elm Road")
    path.write_text(content_text.replace("idle_seconds: 90", "idle_seconds: soon"), "utf-8")
    kiosk.reload()
    until_read(kiosk)
    assert kiosk.content_error is not None and "idle_seconds" in kiosk.content_error
    assert kiosk.loaded.content.clinic.name.startswith("Elm Road")
