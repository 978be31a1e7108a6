"""The usage figures without Qt or a database: what a visit adds, and the reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from fakes import FakeClock
from visits import DOCTOR, MASSAGE

from kiosk.content import load_content
from kiosk.core.control import Kiosk
from kiosk.core.engine import Answer
from kiosk.core.stats import (
    AFTER_RESULT,
    CountRow,
    DayCounts,
    MemoryRecorder,
    VisitTracker,
    approx_median,
    bucket_of,
    sample_rows,
    summarise,
)

Writer = Callable[[str], Path]
DAY = dt.date(2025, 3, 14)


@pytest.fixture
def recorder() -> MemoryRecorder:
    return MemoryRecorder()


@pytest.fixture
def kiosk(
    content_text: str, write_content: Writer, clock: FakeClock, recorder: MemoryRecorder
) -> Kiosk:
    return Kiosk(
        load_content(write_content(content_text)), clock=clock, today=lambda: DAY, stats=recorder
    )


def counts(recorder: MemoryRecorder) -> dict[tuple[str, str], int]:
    return {(r.metric, r.key): r.n for r in recorder.rows()}


def walk_to_check(kiosk: Kiosk, clock: FakeClock, seconds: float = 3) -> None:
    session = kiosk.session
    session.start()
    while session.current.name != "screen:self_check":
        clock.now += seconds
        session.next()
    clock.now += seconds
    session.next()


def answer_all(kiosk: Kiosk, clock: FakeClock, answers: Mapping[str, Answer]) -> None:
    session = kiosk.session
    for _ in range(50):
        question = session.current_question()
        if question is None:
            return
        clock.now += 1
        session.answer(question.id, answers[question.id])
        if session.current.name == f"question:{question.id}":
            session.next()
    raise AssertionError("the self-check did not end")


def test_a_finished_visit_adds_one_visit_one_result_and_its_outcome(
    kiosk: Kiosk, clock: FakeClock, recorder: MemoryRecorder
) -> None:
    walk_to_check(kiosk, clock, seconds=7)
    answer_all(kiosk, clock, MASSAGE)
    assert kiosk.session.current.name == "result:massage_may_help"
    assert recorder.rows() == []  # nothing before the visit ends
    clock.now += 30
    kiosk.reset("finish")
    got = counts(recorder)
    assert got[("visits", "")] == 1
    assert got[("results", "")] == 1
    assert got[("outcome", "massage_may_help")] == 1
    assert ("urgent", "") not in got
    assert ("stopped", "screen:welcome") not in got
    assert not any(m == "stopped" for m, _ in got)
    assert got[("ended", "finish")] == 1
    assert got[("language", "en")] == 1
    assert got[("screen", "screen:welcome")] == 1
    assert got[("time 5-10", "screen:welcome")] == 1  # 7 s on it
    assert got[("time 20-40", "result:massage_may_help")] == 1  # 30 s on the result
    assert {r.day for r in recorder.rows()} == {DAY}


def test_a_red_flag_visit_counts_the_urgent_outcome(
    kiosk: Kiosk, clock: FakeClock, recorder: MemoryRecorder
) -> None:
    walk_to_check(kiosk, clock)
    kiosk.session.answer("saddle_numbness", "yes")
    assert kiosk.session.current.name == "result:urgent"
    kiosk.reset("finish")
    got = counts(recorder)
    assert got[("outcome", "urgent")] == 1
    assert got[("urgent", "")] == 1
    assert got[("results", "")] == 1


def test_an_unfinished_visit_counts_where_it_stopped_and_why(
    kiosk: Kiosk, clock: FakeClock, recorder: MemoryRecorder
) -> None:
    kiosk.session.start()
    clock.now += 4
    kiosk.session.next()
    clock.now += 3
    kiosk.session.next()
    stopped_on = kiosk.session.current.name
    clock.now += 110  # walked away: the idle wait is not timed as reading
    kiosk.reset("idle")
    kiosk.session.start()
    kiosk.reset("staff")
    got = counts(recorder)
    assert got[("visits", "")] == 2
    assert got[("stopped", stopped_on)] == 1
    assert got[("stopped", "screen:welcome")] == 1
    assert got[("ended", "idle")] == 1 and got[("ended", "staff")] == 1
    assert ("results", "") not in got
    assert not any(m.startswith("time") and k == stopped_on for m, k in got)
    assert got[("time 2-5", "screen:welcome")] == 1
    # the existing in-memory figures still count as before
    assert kiosk.figures.visits == 2 and kiosk.figures.ended == {"idle": 1, "staff": 1}


def test_a_visit_with_a_result_then_idle_is_not_a_stop(
    kiosk: Kiosk, clock: FakeClock, recorder: MemoryRecorder
) -> None:
    walk_to_check(kiosk, clock)
    answer_all(kiosk, clock, DOCTOR)
    kiosk.reset("idle")
    got = counts(recorder)
    assert got[("outcome", "see_doctor")] == 1
    assert not any(m == "stopped" for m, _ in got)


def test_a_reset_on_the_start_screen_adds_nothing(kiosk: Kiosk, recorder: MemoryRecorder) -> None:
    kiosk.reset("staff")
    kiosk.pause()
    kiosk.resume()
    assert recorder.rows() == []


def test_the_language_of_the_visit_is_counted(clock: FakeClock) -> None:
    got: list[DayCounts] = []
    tracker = VisitTracker(got.append, clock, lambda: DAY)
    tracker.show("screen:welcome")
    tracker.show("screen:causes", language="mi")
    tracker.end("staff")  # the session wipes the language before the reset is heard
    tracker.show("screen:welcome")
    tracker.end("finish")
    assert got[0].counts[("language", "mi")] == 1
    assert got[1].counts[("language", "default")] == 1


def test_going_back_counts_each_view_and_same_screen_updates_do_not(clock: FakeClock) -> None:
    got: list[DayCounts] = []
    tracker = VisitTracker(got.append, clock, lambda: DAY)
    for name in ("screen:a", "screen:b", "screen:b", "screen:a", "screen:b"):
        clock.now += 1
        tracker.show(name)
    tracker.end("finish")
    assert got[0].counts[("screen", "screen:a")] == 2
    assert got[0].counts[("screen", "screen:b")] == 2


def test_a_tracker_fault_never_reaches_the_visitor(
    content_text: str, write_content: Writer, caplog: pytest.LogCaptureFixture
) -> None:
    class Broken(MemoryRecorder):
        def record(self, counts: DayCounts) -> None:
            raise RuntimeError("boom")

    kiosk = Kiosk(load_content(write_content(content_text)), stats=Broken())
    kiosk.session.start()
    kiosk.reset("finish")
    assert kiosk.session.current.name == "attract"
    assert "recording the usage figures failed" in caplog.text


@pytest.mark.parametrize(
    ("seconds", "bucket"), [(0, 0), (1.9, 0), (2, 1), (9.9, 2), (39, 4), (79, 5), (500, 6)]
)
def test_buckets(seconds: float, bucket: int) -> None:
    assert bucket_of(seconds) == bucket


def test_the_median_is_read_from_the_histogram() -> None:
    assert approx_median([0, 0, 0, 0, 0, 0, 0]) is None
    assert approx_median([0, 0, 4, 0, 0, 0, 0]) == 7.5  # all in 5-10: its middle
    assert approx_median([1, 0, 0, 0, 0, 0, 3]) == 80.0  # in the open last bucket
    median = approx_median([0, 10, 0, 0, 0, 0, 1])
    assert median is not None and 2 <= median <= 5


def test_summarise_adds_up_a_window_of_days() -> None:
    d1, d2, old = DAY - dt.timedelta(days=1), DAY, DAY - dt.timedelta(days=40)
    rows = [
        CountRow(d1, "visits", "", 3),
        CountRow(d2, "visits", "", 5),
        CountRow(old, "visits", "", 100),  # outside the window
        CountRow(d1, "results", "", 2),
        CountRow(d1, "outcome", "urgent", 1),
        CountRow(d2, "outcome", "see_doctor", 2),
        CountRow(d2, "outcome", "urgent", 1),
        CountRow(d2, "stopped", "question:where", 2),
        CountRow(d2, "ended", "idle", 2),
        CountRow(d2, "screen", "screen:welcome", 5),
        CountRow(d2, "time 5-10", "screen:welcome", 5),
    ]
    summary = summarise(rows, 7, DAY)
    assert len(summary.days) == 7 and summary.days[-1] == DAY
    assert summary.visits[-2:] == (3, 5) and summary.total_visits == 8
    # d1 had 3 visits: its outcome is left out (and so out of the totals); d2 had 5
    assert summary.outcomes["urgent"][-2:] == (0, 1) and summary.urgent == 0
    assert summary.small[-2:] == (True, False) and summary.small_days == 1
    assert list(summary.outcomes) == ["see_doctor", "urgent"]  # a tie: by name
    assert summary.stopped == {"question:where": 2}
    assert summary.screens["screen:welcome"].views == 5
    assert summary.screens["screen:welcome"].median_seconds == 7.5
    assert summarise(rows, 7).days[-1] == DAY  # by default the last day with a count
    assert summarise([], 7).empty


def test_a_lone_visitors_red_flag_cannot_be_read_from_the_figures(
    kiosk: Kiosk, recorder: MemoryRecorder
) -> None:
    """The issue's case: one visit on a day, "Yes" to the first red-flag question."""
    session = kiosk.session
    session.start()
    while session.current_question() is None:
        session.next()
    first = session.current_question()
    assert first is not None and first.id == "saddle_numbness"
    session.answer("saddle_numbness", "yes")
    assert session.current.name == "result:urgent"
    kiosk.reset("finish")
    stored = counts(recorder)
    assert not any(key.startswith("question:") for _metric, key in stored)  # not counted at all
    summary = summarise(recorder.rows(), 7, DAY)
    assert summary.total_visits == 1 and summary.total_results == 1
    assert summary.answers_hidden
    assert summary.outcomes == {} and summary.urgent == 0 and summary.stopped == {}
    report = summary.as_dict()
    assert report["outcomes"] == "fewer than 5" and report["urgent"] == "fewer than 5"
    assert report["stopped"] == "fewer than 5"
    assert report["per_day"][-1]["outcomes"] == "fewer than 5"  # type: ignore[index]
    assert "saddle" not in str(report) and "urgent': 1" not in str(report)


def test_question_screens_are_never_counted_one_by_one(
    kiosk: Kiosk, clock: FakeClock, recorder: MemoryRecorder
) -> None:
    walk_to_check(kiosk, clock)
    answer_all(kiosk, clock, MASSAGE)
    kiosk.reset("finish")
    stored = counts(recorder)
    assert ("screen", "screen:welcome") in stored
    assert not any(key.startswith("question:") for _metric, key in stored)


def test_old_question_rows_on_disk_are_not_reported() -> None:
    rows = [
        CountRow(DAY, "visits", "", 9),
        CountRow(DAY, "screen", "question:where", 9),
        CountRow(DAY, "time 2-5", "question:where", 9),
        CountRow(DAY, "screen", "screen:welcome", 9),
    ]
    assert list(summarise(rows, 1, DAY).screens) == ["screen:welcome"]


def test_sample_rows_make_a_full_month() -> None:
    summary = summarise(sample_rows(DAY), 30, DAY)
    assert all(summary.visits) and summary.stopped and summary.ended["idle"]


def test_screens_after_a_result_are_counted_alike_for_every_outcome(clock: FakeClock) -> None:
    """A screen placed after the self-check that only some outcomes reach: its views follow
    from the outcome, so they are kept apart (AFTER_RESULT), never timed, and left out like an
    outcome; a screen before the self-check is counted as before."""
    got: list[DayCounts] = []
    tracker = VisitTracker(got.append, clock, lambda: DAY)
    for name in ("screen:welcome", "result:massage_may_help", "screen:book", "screen:welcome"):
        clock.now += 3
        tracker.show(name)
    tracker.end("finish")
    counted = got[0].counts
    assert counted[("screen", "screen:welcome")] == 1
    assert counted[(AFTER_RESULT, "screen:book")] == 1
    assert counted[(AFTER_RESULT, "screen:welcome")] == 1
    assert ("screen", "screen:book") not in counted
    assert not any(key == "screen:book" for metric, key in counted if metric.startswith("time"))
    small = [row for c in got for row in c.rows()]
    assert "screen:book" not in summarise(small, 1, DAY).screens  # one visit: hidden
    busy = [CountRow(r.day, r.metric, r.key, r.n * 5) for r in small]
    assert summarise(busy, 1, DAY).screens["screen:book"].views == 5
    assert "screen:book" not in summarise(busy, 1, DAY, open_from=DAY).screens


def test_two_readings_of_a_day_under_way_never_differ_by_one_visitors_answers(
    kiosk: Kiosk, clock: FakeClock, recorder: MemoryRecorder
) -> None:
    """Six visits today, then one urgent visit: the summaries before and after differ in
    visits and how visits ended only, never in outcomes, red flags, stops or result screens;
    once the day is over the outcomes are shown (5 visits or more)."""
    for _ in range(6):
        walk_to_check(kiosk, clock)
        answer_all(kiosk, clock, DOCTOR)
        kiosk.reset("finish")
    before = summarise(recorder.rows(), 1, DAY, open_from=DAY).as_dict()
    walk_to_check(kiosk, clock)
    kiosk.session.answer("saddle_numbness", "yes")
    assert kiosk.session.current.name == "result:urgent"
    kiosk.reset("finish")
    after = summarise(recorder.rows(), 1, DAY, open_from=DAY).as_dict()
    changed = {key for key in before if before[key] != after[key]}
    assert changed == {"visits", "results", "per_day", "ended", "languages", "screens"}
    assert after["urgent"] == after["outcomes"] == after["stopped"] == "day not over"
    assert before["per_day"][0]["outcomes"] == after["per_day"][0]["outcomes"] == "day not over"
    screens = after["screens"]
    assert isinstance(screens, dict) and not any(name.startswith("result:") for name in screens)
    closed = summarise(recorder.rows(), 1, DAY, open_from=DAY + dt.timedelta(days=1))
    assert closed.urgent == 1 and closed.outcomes["urgent"] == (1,)
