"""The figures on disk, on real files: the round trip, and every fault the kiosk must ride out
(a damaged file, a folder it cannot write, a locked database, a full disk)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes import FakeClock

from kiosk.cli import main
from kiosk.core.stats import CountRow, DayCounts, kiosk_id, sample_rows, summarise
from kiosk.stats_store import StatsStore, data_dir, default_db_path, read_rows

DAY = dt.date(2025, 3, 14)
LAST_DAY = dt.date(2026, 11, 20)
"""The last day of the `kiosk stats` reports here (`--until`), so no test depends on the clock."""
UNTIL = ["--until", LAST_DAY.isoformat()]


def visit(day: dt.date = DAY, outcome: str = "see_doctor") -> DayCounts:
    counts = DayCounts(day)
    counts.add("visits")
    counts.add("results")
    counts.add("outcome", outcome)
    counts.add("ended", "finish")
    return counts


def stored(path: Path) -> dict[tuple[dt.date, str, str], int]:
    return {(r.day, r.metric, r.key): r.n for r in read_rows(path) or []}


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    return default_db_path()


@pytest.fixture
def store(db_path: Path) -> Iterator[StatsStore]:
    made = StatsStore(db_path, flush_seconds=60, busy_seconds=0.1, today=lambda: DAY)
    yield made
    made.close()


def test_the_data_folder_follows_kiosk_data_dir(db_path: Path, tmp_path: Path) -> None:
    assert data_dir() == tmp_path / "data"
    assert db_path == tmp_path / "data" / "stats.db"


def test_no_database_yet_reads_as_none(db_path: Path) -> None:
    assert read_rows(db_path) is None


def test_counts_add_up_across_flushes_days_and_restarts(db_path: Path, store: StatsStore) -> None:
    store.record(visit())
    store.record(visit(outcome="urgent"))
    store.record(visit(DAY - dt.timedelta(days=1)))
    assert store.flush()
    got = stored(db_path)
    assert got[(DAY, "visits", "")] == 2
    assert got[(DAY, "outcome", "urgent")] == 1
    assert got[(DAY - dt.timedelta(days=1), "visits", "")] == 1
    store.close()
    again = StatsStore(db_path, flush_seconds=60)
    again.record(visit())
    again.close()  # closing writes what is left
    assert stored(db_path)[(DAY, "visits", "")] == 3
    with sqlite3.connect(db_path) as db:
        assert db.execute("SELECT COUNT(*) FROM counts").fetchone()[0] == len(stored(db_path))


def test_the_worker_writes_by_itself_every_few_seconds(db_path: Path) -> None:
    store = StatsStore(db_path, flush_seconds=0.05)
    try:
        store.record(visit())
        deadline = time.monotonic() + 5
        while not stored(db_path) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert stored(db_path)[(DAY, "visits", "")] == 1
    finally:
        store.close()


def test_under_continuous_use_the_counts_are_written_every_few_seconds(db_path: Path) -> None:
    """Visits ending one after another, never a quiet moment: the writer still saves on
    time, not only once the kiosk falls quiet."""
    clock = FakeClock(0.0)
    store = StatsStore(db_path, flush_seconds=5, clock=clock)
    try:
        store.record(visit())
        store.rows()  # the worker has taken it (the queue is in order)
        assert stored(db_path) == {}
        for second in range(1, 8):  # a visit ends every second
            clock.now = second
            store.record(visit())
            store.rows()
        on_disk = stored(db_path)
        assert on_disk[(DAY, "visits", "")] >= 5  # written at 5 s, while visits kept coming
    finally:
        store.close()


def test_rows_include_counts_not_written_yet(db_path: Path, store: StatsStore) -> None:
    store.record(visit())
    assert store.flush()
    store.record(visit())
    rows = {(r.metric, r.key): r.n for r in store.rows()}
    assert rows[("visits", "")] == 2
    assert stored(db_path)[(DAY, "visits", "")] == 1


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_file_is_moved_aside_and_a_new_one_works(
    db_path: Path, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    db_path.parent.mkdir(parents=True)
    if damage == "garbage":
        db_path.write_bytes(b"these are not the figures you are looking for\n" * 200)
    else:
        first = StatsStore(db_path)
        for n in range(300):
            counts = DayCounts(DAY)
            counts.add("screen", f"screen:number_{n}_{'x' * 40}")
            first.record(counts)
        first.close()
        data = db_path.read_bytes()
        assert len(data) > 8192
        db_path.write_bytes(data[: len(data) // 2])
    damaged = db_path.read_bytes()
    store = StatsStore(db_path, flush_seconds=60, today=lambda: DAY)
    try:
        store.record(visit())
        assert store.flush()
    finally:
        store.close()
    aside = db_path.with_name(f"stats.db.corrupt-{DAY.isoformat()}")
    assert aside.read_bytes() == damaged
    assert stored(db_path) == {
        (DAY, "visits", ""): 1,
        (DAY, "results", ""): 1,
        (DAY, "outcome", "see_doctor"): 1,
        (DAY, "ended", "finish"): 1,
    }
    assert "moved it to stats.db.corrupt-2025-03-14" in caplog.text


def test_a_folder_that_cannot_be_made_is_logged_once_and_counts_stay(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Tests run as root here, where chmod does not stop writes: a regular file where the
    # folder should be makes the database impossible to create for any user.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file")
    store = StatsStore(blocker / "data" / "stats.db", flush_seconds=60)
    try:
        store.record(visit())
        assert not store.flush()
        store.record(visit())
        assert not store.flush()
        assert {(r.metric, r.key): r.n for r in store.pending}[("visits", "")] == 2
        assert caplog.text.count("cannot create the figures folder") == 1
        assert "keeps counting in memory" in caplog.text
    finally:
        store.close()


def test_a_database_path_that_is_a_folder_recovers_when_it_is_gone(
    db_path: Path, store: StatsStore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, "kiosk")
    db_path.mkdir(parents=True)  # unwritable as a file, even for root
    store.record(visit())
    assert not store.flush()
    assert "cannot write the figures file" in caplog.text
    db_path.rmdir()
    assert store.flush()
    assert stored(db_path)[(DAY, "visits", "")] == 1
    assert "are written to" in caplog.text


def hold_exclusive_lock(path: Path) -> sqlite3.Connection:
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN EXCLUSIVE")
    return other


def test_a_locked_database_keeps_the_counts_and_retries_later(
    db_path: Path, store: StatsStore, caplog: pytest.LogCaptureFixture
) -> None:
    store.record(visit())
    assert store.flush()
    other = hold_exclusive_lock(db_path)
    try:
        store.record(visit())
        assert not store.flush()
        assert not store.flush()
        assert {(r.metric, r.key): r.n for r in store.pending}[("visits", "")] == 1
        assert caplog.text.count("is locked by another program") == 1
    finally:
        other.execute("COMMIT")
        other.close()
    assert store.flush()
    assert stored(db_path)[(DAY, "visits", "")] == 2
    assert store.pending == []


def test_recording_never_waits_for_a_locked_database(db_path: Path) -> None:
    store = StatsStore(db_path, flush_seconds=60, busy_seconds=3.0)
    store.record(visit())
    assert store.flush()
    other = hold_exclusive_lock(db_path)
    returned = threading.Event()
    try:
        store.record(visit())
        busy = store.request_flush()  # the worker now waits up to 3 s for the lock
        time.sleep(0.05)

        def tap() -> None:
            for _ in range(100):
                store.record(visit())
            returned.set()

        tapper = threading.Thread(target=tap)
        tapper.start()
        tapper.join(1.0)
        assert returned.is_set(), "recording waited for the locked database"
        assert not busy.done.is_set()  # the lock was still held while the taps returned
    finally:
        other.execute("COMMIT")
        other.close()
    assert store.flush()
    store.close()
    assert stored(db_path)[(DAY, "visits", "")] == 102


def test_a_full_disk_is_logged_once_and_the_counts_wait_in_memory(
    db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    def small_disk(db: sqlite3.Connection) -> None:
        db.execute("PRAGMA max_page_count = 3")

    store = StatsStore(db_path, flush_seconds=60, on_connect=small_disk)
    try:
        for n in range(400):
            counts = DayCounts(DAY)
            counts.add("screen", f"screen:a_long_screen_name_{n:04d}_{'y' * 60}")
            store.record(counts)
        assert not store.flush()
        assert not store.flush()
        assert caplog.text.count("is full") == 1
        assert len(store.pending) == 400
        store.on_connect = None  # room again
        assert store.flush()
        assert len(stored(db_path)) == 400
    finally:
        store.close()


def test_rows_without_a_worker_read_the_file(db_path: Path) -> None:
    store = StatsStore(db_path, flush_seconds=60)
    store.record(visit())
    store.close()
    assert CountRow(DAY, "visits", "", 1) in store.rows()


def test_the_figures_modules_never_import_qt() -> None:
    code = (
        "import sys, kiosk.core.stats, kiosk.stats_store, kiosk.core.control\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "assert not qt, qt\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# -- kiosk stats --------------------------------------------------------------------------------


def test_kiosk_stats_without_a_database_says_no_figures_yet(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats"]) == 0
    assert "no figures yet" in capsys.readouterr().out
    assert not db_path.exists()  # reading never creates the file


@pytest.fixture
def filled(db_path: Path) -> dt.date:
    today = LAST_DAY
    store = StatsStore(db_path, flush_seconds=60)
    for row in sample_rows(today, days=40):
        counts = DayCounts(row.day)
        counts.add(row.metric, row.key, row.n)
        store.record(counts)
    store.close()
    return today


def test_kiosk_stats_prints_a_table(filled: dt.date, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--days", "7", *UNTIL]) == 0
    out = capsys.readouterr().out
    expected = summarise(sample_rows(filled, days=40), 7, filled)
    assert f"{'total':<12}{expected.total_visits:>8}{expected.total_results:>9}" in out
    assert "Where unfinished visits stopped" in out and "screen:welcome" in out
    assert "idle" in out and "approximate" in out
    assert (filled - dt.timedelta(days=7)).isoformat() not in out


def test_kiosk_stats_csv_has_one_row_per_day_and_key(
    filled: dt.date, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", "--days", "2", "--csv", *UNTIL]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["kiosk_id", "day", "metric", "key", "count", "left_out"]
    assert {row[0] for row in rows[1:]} == {kiosk_id()}  # every row names this kiosk
    lines = [row[1:] for row in rows]
    days = {line[0] for line in lines[1:]}
    assert days == {filled.isoformat(), (filled - dt.timedelta(days=1)).isoformat()}
    pairs = [(d, m, k) for d, m, k, _n, _why in lines[1:]]
    assert len(pairs) == len(set(pairs))
    visits = {d: int(n) for d, m, _k, n, _why in lines[1:] if m == "visits"}
    assert visits[filled.isoformat()] == stored(default_db_path())[(filled, "visits", "")]


def test_kiosk_stats_json_for_a_program(
    filled: dt.date, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", "--json", *UNTIL]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["last_day"] == filled.isoformat() and len(data["per_day"]) == 30
    assert data["visits"] == sum(day["visits"] for day in data["per_day"])
    assert data["screens"]["screen:welcome"]["median_seconds"] == 7.5
    assert set(data["ended"]) == {"finish", "idle", "staff"}


def test_kiosk_stats_reports_an_unreadable_file(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"not sqlite at all" * 100)
    assert main(["stats"]) == 1
    assert "cannot read" in capsys.readouterr().err
    assert db_path.read_bytes().startswith(b"not sqlite")  # reading never moves it aside


@pytest.fixture
def lone_visitor(db_path: Path) -> dt.date:
    """Today one visit, with a red flag; yesterday six ordinary ones."""
    today = LAST_DAY
    store = StatsStore(db_path, flush_seconds=60)
    store.record(visit(today, outcome="urgent"))
    for _ in range(6):
        store.record(visit(today - dt.timedelta(days=1)))
    store.close()
    return today


def test_kiosk_stats_hides_the_outcome_of_a_day_with_fewer_than_5_visits(
    lone_visitor: dt.date, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", "--days", "1", *UNTIL]) == 0
    out = capsys.readouterr().out
    assert "urgent: fewer than 5" in out
    assert "fewer than 5 visits a day: not shown" in out
    assert "see_doctor" not in out
    assert main(["stats", "--days", "2", *UNTIL]) == 0
    out = capsys.readouterr().out
    assert "see_doctor       6" in out and "urgent      " not in out
    assert "(days with fewer than 5 visits are left out: 1)" in out


def test_kiosk_stats_csv_and_json_hide_it_too(
    lone_visitor: dt.date, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", "--days", "2", "--csv", *UNTIL]) == 0
    lines = [row[1:] for row in csv.reader(io.StringIO(capsys.readouterr().out))]
    today = lone_visitor.isoformat()
    assert [today, "outcome", "", "", "fewer than 5 visits"] in lines
    assert not any(line[0] == today and line[2] == "urgent" and line[3] for line in lines)
    assert [today, "visits", "", "1", ""] in lines
    yesterday = (lone_visitor - dt.timedelta(days=1)).isoformat()
    assert [yesterday, "outcome", "see_doctor", "6", ""] in lines
    assert main(["stats", "--days", "1", "--json", *UNTIL]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["outcomes"] == "fewer than 5" and report["urgent"] == "fewer than 5"
    assert report["visits"] == 1
