"""Privacy by design (DESIGN.md, principle 3): after real visits, the files the kiosk wrote hold
aggregate counts by day only: no answer, no time of day, no visit number, no row per visit."""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest
from visits import DOCTOR, MASSAGE, NOT_TYPICAL

from kiosk.app import setup_logging
from kiosk.content import lastgood, load_content
from kiosk.content.model import Content
from kiosk.core.control import Kiosk
from kiosk.core.engine import Answer
from kiosk.core.stats import DayCounts
from kiosk.stats_store import StatsStore, default_db_path

Writer = Callable[[str], Path]
DAY = dt.date(2025, 3, 14)
TIME_OF_DAY = re.compile(rb"(?<!\d)([01]?\d|2[0-3]):[0-5]\d(?!\d)")
UUID = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
VISIT_NUMBER = re.compile(rb"visit[ _#:-]*(id|no|number)?[ _#:=-]*\d", re.I)


class Clock:
    """A monotonic clock that happens to read like a time of day, to catch it leaking."""

    def __init__(self) -> None:
        self.now = 12 * 3600 + 34 * 60 + 56.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, Path]]:
    data, logs = tmp_path / "data", tmp_path / "log"
    monkeypatch.setenv("KIOSK_DATA_DIR", str(data))
    monkeypatch.setenv("KIOSK_LOG_DIR", str(logs))
    root = logging.getLogger()
    level, before = root.level, list(root.handlers)
    assert setup_logging() == logs / "kiosk.log"
    yield data, logs
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def visit(kiosk: Kiosk, clock: Clock, answers: Mapping[str, Answer], end: str) -> None:
    session = kiosk.session
    session.start()
    while session.current.name != "screen:self_check":
        clock.now += 11
        session.next()
    session.next()
    for _ in range(50):
        question = session.current_question()
        if question is None or question.id not in answers:
            break
        clock.now += 7
        session.answer(question.id, answers[question.id])
        if session.current.name == f"question:{question.id}":
            session.next()
    clock.now += 23
    kiosk.reset(end)  # type: ignore[arg-type]


URGENT: dict[str, Answer] = {"saddle_numbness": "yes"}
UNFINISHED: dict[str, Answer] = {
    k: v for k, v in MASSAGE.items() if k not in ("pressure", "doctor_seen", "worse_with")
}
VISITS: list[tuple[dict[str, Answer], str]] = [
    (MASSAGE, "finish"),
    (DOCTOR, "finish"),
    (NOT_TYPICAL, "idle"),
    (URGENT, "finish"),
    (UNFINISHED, "idle"),
    (MASSAGE, "staff"),
]


def chosen_words(content: Content) -> set[bytes]:
    """The option ids and button words of every answer given, as they would be written."""
    words: set[bytes] = set()
    for answers, _end in VISITS:
        for question_id, value in answers.items():
            question = content.question(question_id)
            assert question is not None
            values = value if isinstance(value, frozenset) else {value}
            for option in question.options or []:
                if option.id in values:
                    for word in (option.id, question.option_label(option, content.ui_text)):
                        if len(word) >= 5:  # "yes", "no", "one" are everywhere
                            words.add(word.encode())
    return words


def run_visits(kiosk: Kiosk, clock: Clock) -> None:
    for answers, end in VISITS:
        visit(kiosk, clock, answers, end)


def every_file(*folders: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for f in folders if f.exists() for p in f.rglob("*") if p.is_file()}


def test_the_files_hold_counts_by_day_and_nothing_about_a_visit(
    folders: tuple[Path, Path], content_text: str, write_content: Writer
) -> None:
    data, logs = folders
    loaded = load_content(write_content(content_text))
    store = StatsStore(flush_seconds=60, today=lambda: DAY)
    clock = Clock()
    kiosk = Kiosk(loaded, clock=clock, today=lambda: DAY, stats=store)
    run_visits(kiosk, clock)
    assert store.flush()
    with sqlite3.connect(default_db_path()) as db:
        rows_after_one_round = db.execute("SELECT COUNT(*) FROM counts").fetchone()[0]
    db.close()
    run_visits(kiosk, clock)  # the same visits again: counts grow, rows must not
    store.close()

    files = every_file(data, logs)
    assert default_db_path() in files
    assert set(files) <= {default_db_path(), logs / "kiosk.log"}  # no journal, no extra files
    words = chosen_words(loaded.content)
    assert {b"one_to_six_weeks", b"Firm and deep", b"Bending forward"} <= words
    for path, blob in files.items():
        for word in words:
            assert word not in blob, f"the answer {word!r} is in {path}"
        assert not TIME_OF_DAY.search(blob), f"a time of day is in {path}"
        assert not UUID.search(blob), f"an id is in {path}"
        assert not VISIT_NUMBER.search(blob), f"a visit number is in {path}"

    with sqlite3.connect(default_db_path()) as db:
        tables = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        columns = [c[1] for c in db.execute("PRAGMA table_info(counts)")]
        rows = db.execute("SELECT day, metric, key, n FROM counts").fetchall()
    db.close()
    assert tables == {"counts"}
    assert columns == ["day", "metric", "key", "n"]
    assert len(rows) == rows_after_one_round  # no row per visit
    assert {day for day, *_ in rows} == {DAY.isoformat()}  # dates only
    keys = {(metric, key) for _day, metric, key, _n in rows}
    assert len(rows) <= 1 * len(keys)  # days x keys bounds the table
    counts = {(metric, key): n for _day, metric, key, n in rows}
    assert counts[("visits", "")] == 2 * len(VISITS)
    assert counts[("urgent", "")] == 2
    assert counts[("stopped", "question:worse_with")] == 2  # where the unfinished visits stopped
    assert counts[("ended", "idle")] == 4 and counts[("ended", "staff")] == 2


@pytest.fixture
def umask_022() -> Iterator[None]:
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def modes(*folders: Path) -> dict[str, int]:
    """Every file's and folder's permission bits under `folders` (links not followed)."""
    found = {}
    for folder in folders:
        found[str(folder)] = folder.stat().st_mode & 0o777
        for path in folder.rglob("*"):
            if not path.is_symlink():
                found[str(path)] = path.stat().st_mode & 0o777
    return found


def test_every_file_the_kiosk_writes_is_for_its_account_alone_whatever_the_umask(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    umask_022: None,
    content_text: str,
    write_content: Writer,
) -> None:
    """Issue 28: with umask 022 stats.db (raw rows of small days), kiosk.log and the last-good
    copy were 0644/0755. Now folders are 0700 and files 0600, and those an older kiosk left
    readable are tightened."""
    data, logs = tmp_path / "data", tmp_path / "log"
    monkeypatch.setenv("KIOSK_DATA_DIR", str(data))
    old_log = logs / "kiosk.log.1"
    logs.mkdir()
    old_log.write_text("an older kiosk's log\n")
    old_log.chmod(0o644)
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        assert setup_logging(logs) == logs / "kiosk.log"
        logging.getLogger("kiosk").warning("a line in the log")
        loaded = load_content(write_content(content_text))
        store = StatsStore(flush_seconds=60, today=lambda: DAY)
        clock = Clock()
        kiosk = Kiosk(loaded, clock=clock, today=lambda: DAY, stats=store)
        run_visits(kiosk, clock)
        store.close()
        base = data / "last-good"
        assert lastgood.keep(loaded, base) is not None
    finally:
        for handler in [h for h in root.handlers if h not in before]:
            root.removeHandler(handler)
            handler.close()
    found = modes(data, logs)
    assert str(default_db_path()) in found and str(logs / "kiosk.log") in found
    assert any("last-good" in path and path.endswith("content.yaml") for path in found)
    loose = {path: oct(mode) for path, mode in found.items() if mode & 0o077}
    assert loose == {}, loose
    # a copy, a figures file and a log left 0644 by an older kiosk are tightened
    for path in (default_db_path(), logs / "kiosk.log", *base.rglob("content.yaml")):
        path.chmod(0o644)
    store = StatsStore(flush_seconds=60, today=lambda: DAY)
    store.record(DayCounts(DAY))
    store.flush()
    store.close()
    assert lastgood.keep(loaded, base) is not None
    try:
        setup_logging(logs)
    finally:
        for handler in [h for h in root.handlers if h not in before]:
            root.removeHandler(handler)
            handler.close()
    loose = {path: oct(mode) for path, mode in modes(data, logs).items() if mode & 0o077}
    assert loose == {}, loose
