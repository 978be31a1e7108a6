"""The anonymous usage figures on disk: one SQLite file of daily counts (no Qt).

`StatsStore.record` only puts the counts of an ended visit on a queue and returns: a
background thread adds them up in memory and writes them every few seconds (and at exit), so a
tap never waits for the disk. The file holds one table, `counts`, keyed by (day, metric, key)
with an integer count; there is no row per visit and no time finer than the day.

Faults never reach the visitor. A file that is not a database (or a damaged one) is moved
aside to `stats.db.corrupt-<date>` and a new one is started. A database locked by another
program is tried again at the next flush. A folder or file that cannot be written, or a full
disk, is logged once; the counts stay in memory and are written when the disk is back.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path

from .core.stats import CountRow, DayCounts
from .paths import data_dir as data_dir  # its home was here: still found here
from .paths import open_private, private_folder, tighten

log = logging.getLogger("kiosk")
APP_NAME = "clinic-kiosk"
DB_NAME = "stats.db"
FLUSH_SECONDS = 5.0
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS counts ("
    " day TEXT NOT NULL, metric TEXT NOT NULL, key TEXT NOT NULL, n INTEGER NOT NULL,"
    " PRIMARY KEY (day, metric, key)) WITHOUT ROWID"
)
UPSERT = (
    "INSERT INTO counts (day, metric, key, n) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (day, metric, key) DO UPDATE SET n = n + excluded.n"
)
CORRUPT_SIGNS = ("not a database", "malformed", "corrupt")
STORE_ERROR_KINDS = (
    "damaged",
    "folder",
    "full",
    "locked",
    "move",
    "readonly",
    "unreadable",
    "other",
)
"""The kinds of failure counted for the metrics (`StatsStore.errors`)."""


def default_db_path() -> Path:
    return data_dir() / DB_NAME


class StatsUnreadableError(Exception):
    """The figures file exists but cannot be read (for `kiosk stats`)."""


def read_rows(
    path: Path, timeout: float = 2.0, since: dt.date | None = None
) -> list[CountRow] | None:
    """Every stored count (with `since`, of that day and later), oldest day first; None when
    there is no database yet."""
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=timeout)
    except sqlite3.Error as error:
        raise StatsUnreadableError(f"cannot read {path}: {error}") from error
    with closing(db):
        try:
            has_table = db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'counts'"
            ).fetchone()
            if not has_table:
                return []
            found = db.execute(
                "SELECT day, metric, key, n FROM counts WHERE day >= ? ORDER BY day, metric, key",
                ((since or dt.date.min).isoformat(),),
            ).fetchall()
        except sqlite3.Error as error:
            raise StatsUnreadableError(f"cannot read {path}: {error}") from error
    rows = []
    for day, metric, key, n in found:
        try:
            rows.append(CountRow(dt.date.fromisoformat(day), str(metric), str(key), int(n)))
        except (TypeError, ValueError):
            continue  # a row some other program wrote: not ours to report
    return rows


@dataclass
class _Flush:
    done: threading.Event
    written: list[bool]


_CLOSE = object()


class StatsStore:
    """Daily counts in SQLite, written by a background thread (see the module's words)."""

    def __init__(
        self,
        path: Path | None = None,
        flush_seconds: float = FLUSH_SECONDS,
        busy_seconds: float = 1.0,
        today: Callable[[], dt.date] = dt.date.today,
        on_connect: Callable[[sqlite3.Connection], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.path = path or default_db_path()
        self.clock = clock
        """When the next write is due (steady seconds); injectable for tests."""
        self.flush_seconds = flush_seconds
        self.busy_seconds = busy_seconds
        self.today = today
        self.on_connect = on_connect
        """Called with each new connection (tests use it to make the disk 'full')."""
        self._queue: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._pending: dict[dt.date, DayCounts] = {}
        """Counts not written yet; touched by the worker thread only."""
        self._db: sqlite3.Connection | None = None
        self._problem: str | None = None
        self._errors: dict[str, int] = dict.fromkeys(STORE_ERROR_KINDS, 0)
        self._errors_lock = threading.Lock()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="kiosk-stats", daemon=True)
        self._thread.start()

    # -- the interface's side: never waits --------------------------------------------------

    def record(self, counts: DayCounts) -> None:
        """Queue the counts of an ended visit and return at once."""
        if not self._closed:
            self._queue.put(counts)

    def request_flush(self) -> _Flush:
        """Ask the worker to write now; returns a handle whose `done` is set afterwards."""
        request = _Flush(threading.Event(), [])
        self._queue.put(request)
        return request

    def flush(self, timeout: float = 10.0) -> bool:
        """Write now and wait for it (tests, and `close`); True if everything is on disk."""
        if not self._thread.is_alive():
            return not self._pending
        request = self.request_flush()
        request.done.wait(timeout)
        return bool(request.written and request.written[0])

    def rows(self, since: dt.date | None = None, timeout: float = 3.0) -> list[CountRow]:
        """Every count: those on disk and those still in memory (for the staff's charts); with
        `since`, those of that day and later only (today's, at start: a year's figures are
        0.5 s to read whole)."""
        future: Future[list[CountRow]] = Future()
        if self._thread.is_alive():
            self._queue.put((future, since))
            try:
                return future.result(timeout)
            except Exception:
                log.warning("the usage figures could not be read in time")
                return []
        return self._read_all(since)

    @property
    def pending(self) -> list[CountRow]:
        """The counts not written yet (a snapshot)."""
        return [row for day in sorted(self._pending) for row in self._pending[day].rows()]

    def close(self, timeout: float = 5.0) -> None:
        """Write what is left and stop the worker (the app calls this when it quits)."""
        if self._closed:
            return
        self._closed = True
        self._queue.put(_CLOSE)
        self._thread.join(timeout)
        if self._thread.is_alive() or self._pending:
            log.warning("the usage figures were not all written at exit")

    # -- the worker ------------------------------------------------------------------------

    def _run(self) -> None:
        due = self.clock() + self.flush_seconds
        while True:
            try:
                item: object = self._queue.get(timeout=max(0.0, due - self.clock()))
            except queue.Empty:
                item = None
            if self.clock() >= due:  # every few seconds, busy or not
                if self._pending:
                    self._write()
                due = self.clock() + self.flush_seconds
            if item is None:
                continue
            try:
                if item is _CLOSE:
                    self._write()
                    self._disconnect()
                    return
                if isinstance(item, DayCounts):
                    self._pending.setdefault(item.day, DayCounts(item.day)).merge(item)
                elif isinstance(item, _Flush):
                    item.written.append(self._write())
                    item.done.set()
                elif isinstance(item, tuple):
                    item[0].set_result(self._read_all(item[1]))
            except Exception:  # a bug of ours: log it, keep the thread (and the counts) alive
                log.exception("the usage figures' writer failed")
                if isinstance(item, _Flush):
                    item.written.append(False)
                    item.done.set()
                elif isinstance(item, tuple) and not item[0].done():
                    item[0].set_result([])

    def _read_all(self, since: dt.date | None = None) -> list[CountRow]:
        try:
            stored = read_rows(self.path, timeout=self.busy_seconds, since=since) or []
        except StatsUnreadableError as error:
            self._report("unreadable", f"the usage figures cannot be read ({error})")
            stored = []
        merged: dict[tuple[dt.date, str, str], int] = {}
        for row in [*stored, *(r for r in self.pending if since is None or r.day >= since)]:
            key = (row.day, row.metric, row.key)
            merged[key] = merged.get(key, 0) + row.n
        return [CountRow(d, m, k, n) for (d, m, k), n in sorted(merged.items())]

    def errors(self) -> dict[str, int]:
        """Failed reads and writes since the start, by kind (for the metrics): one for each
        flush or read that failed, so the count keeps rising while a problem lasts."""
        with self._errors_lock:
            return dict(self._errors)

    def _count(self, kind: str) -> None:
        with self._errors_lock:
            counted = kind if kind in STORE_ERROR_KINDS else "other"
            self._errors[counted] = self._errors.get(counted, 0) + 1

    def _report(self, kind: str, message: str) -> None:
        """Count a problem, and log it once (not on every flush while it lasts)."""
        self._count(kind)
        if self._problem != kind:
            self._problem = kind
            log.warning("%s; the kiosk keeps counting in memory", message)

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None:
            return self._db
        folder = self.path.parent
        try:
            private_folder(folder)
        except OSError as error:
            self._report("folder", f"cannot create the figures folder {folder} ({error})")
            return None
        try:  # created 0600 before SQLite opens it: SQLite gives its journal the same mode
            os.close(open_private(self.path, os.O_RDWR | os.O_CREAT))
        except OSError as error:
            self._report("readonly", f"cannot write the figures file {self.path} ({error})")
            return None
        for extra in ("-journal", "-wal", "-shm"):
            tighten(self.path.with_name(self.path.name + extra))
        for _attempt in range(2):
            db: sqlite3.Connection | None = None
            try:
                db = sqlite3.connect(
                    self.path,
                    timeout=self.busy_seconds,
                    isolation_level=None,
                    check_same_thread=False,
                )
                if self.on_connect is not None:
                    self.on_connect(db)
                check = db.execute("PRAGMA quick_check").fetchone()
                if check is None or check[0] != "ok":
                    raise sqlite3.DatabaseError(f"database disk image is malformed ({check})")
                db.execute(SCHEMA)
            except sqlite3.Error as error:
                if db is not None:
                    db.close()
                if self._is_corrupt(error):
                    self._move_aside(error)
                    continue
                self._fault(error)
                return None
            self._db = db
            return db
        return None

    def _disconnect(self) -> None:
        if self._db is not None:
            with suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    @staticmethod
    def _is_locked(error: sqlite3.Error) -> bool:
        text = str(error).lower()
        return "locked" in text or "busy" in text

    @staticmethod
    def _is_corrupt(error: sqlite3.Error) -> bool:
        text = str(error).lower()
        return any(sign in text for sign in CORRUPT_SIGNS)

    def _move_aside(self, error: sqlite3.Error) -> None:
        self._disconnect()
        base = f"{self.path.name}.corrupt-{self.today().isoformat()}"
        target = self.path.with_name(base)
        number = 2
        while target.exists():
            target = self.path.with_name(f"{base}-{number}")
            number += 1
        try:
            self.path.replace(target)
            journal = self.path.with_name(self.path.name + "-journal")
            if journal.exists():
                journal.replace(target.with_name(target.name + "-journal"))
        except OSError as move_error:
            self._report("move", f"cannot move the damaged {self.path} aside ({move_error})")
            return
        self._count("damaged")
        log.warning(
            "the figures file %s was damaged (%s); moved it to %s and started a new one",
            self.path,
            error,
            target.name,
        )

    def _fault(self, error: sqlite3.Error) -> None:
        text = str(error).lower()
        if self._is_locked(error):
            self._report(
                "locked",
                f"the figures file {self.path} is locked by another program; trying again later",
            )
        elif "full" in text:
            self._report("full", f"the disk holding {self.path} is full")
        elif "readonly" in text or "read-only" in text or "unable to open" in text:
            self._report("readonly", f"cannot write the figures file {self.path} ({error})")
        else:
            self._report(text, f"cannot write the figures file {self.path} ({error})")

    def _write(self) -> bool:
        """Add the pending counts to the file in one transaction; keep them if it fails."""
        if not self._pending:
            return True
        for _attempt in range(2):  # a second try only after a damaged file was moved aside
            db = self._connect()
            if db is None:
                return False
            try:
                db.execute("BEGIN IMMEDIATE")
                for day in sorted(self._pending):
                    db.executemany(
                        UPSERT,
                        [
                            (r.day.isoformat(), r.metric, r.key, r.n)
                            for r in self._pending[day].rows()
                        ],
                    )
                db.execute("COMMIT")
            except sqlite3.Error as error:
                try:
                    if db.in_transaction:
                        db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
                if self._is_corrupt(error):
                    self._move_aside(error)
                    continue
                self._fault(error)
                if not self._is_locked(error):
                    self._disconnect()  # open afresh next time (the folder may be back)
                return False
            self._pending.clear()
            if self._problem is not None:
                log.info("the usage figures are written to %s again", self.path)
                self._problem = None
            return True
        return False
