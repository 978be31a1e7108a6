"""Anonymous usage figures, without Qt and without a database.

A `VisitTracker` watches the screens of the session. It keeps what it needs about the visit
under way in memory only, and when the visit ends it hands one `DayCounts` (increments of
aggregate counts for that day) to a sink. Nothing about a visit reaches the sink before it
ends, and nothing in a `DayCounts` tells one visit from another: no answers, no times finer
than the day, no visit number.

The counts, by metric and key (every count is for one day):

- `visits` / ``: visits started (the attract screen left).
- `results` / ``: self-checks completed (a visit in which a result was shown).
- `outcome` / outcome id: visits in which that outcome was shown (each once per visit).
- `urgent` / ``: visits in which an urgent outcome (a red flag) was shown.
- `screen` / screen name: times a screen was entered (never a question's screen: which
  questions a visitor reached follows from their answers; a result's screen is, and is hidden
  like an outcome on a small day).
- `time <bucket>` / screen name: a histogram of the seconds spent on a screen, in the fixed
  `BUCKETS`; the median of a screen is read from it, so it is approximate by design (there is
  no row per view to take an exact one from). The last screen of a visit that ended by idle
  is not timed: its time is mostly the idle wait.
- `stopped` / screen name: visits that ended by idle, staff, control or error before a
  result, by the last screen shown.
- `language` / code: visits by the language they ended in (the kiosk passes the code shown,
  e.g. en; "default" only when a caller gives none).
- `ended` / reason: visits by how they ended (finish, idle, staff, control, error).
- `after_result` / screen name: views of a screen entered after a result was shown (which of
  them a visitor reaches may follow from their outcome); never timed.

The rule of release (every report: `summarise`, `kiosk stats` table/CSV/JSON, the merge, the
staff's charts). The figures that follow from an answer (`outcome`, `urgent`, `stopped`,
`after_result`, and the views and times of a result's screen) of a day are shown only when

1. the day is over (it is before `open_from`, the day under way): a day's counts move with
   every visit until midnight, so two readings within a day could be subtracted to give one
   visitor's outcome; a day that is over never changes again (a visit is counted on the day
   it ends), so two readings of it are the same; and
2. the day had at least `MIN_VISITS` visits in all: a day of fewer is left out for good (it
   says "fewer than 5"), so a closed small day never shows one visitor's answers either.

A day left out is left out of every total too, and the list of what was left out names every
such metric of the day, whether it had a count or not. What moves within a day (visits,
self-checks completed, how visits ended, languages, screens before any result) follows from
no answer.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from .place import ATTRACT

log = logging.getLogger("kiosk")

BUCKETS: tuple[float, ...] = (2, 5, 10, 20, 40, 80)
"""Upper edges (seconds) of the time buckets; the last bucket is 80 s and more."""
BUCKET_LABELS: tuple[str, ...] = ("0-2", "2-5", "5-10", "10-20", "20-40", "40-80", "80+")
TIME_PREFIX = "time "
UNFINISHED = frozenset({"idle", "staff", "control", "error"})
"""Reasons that end a visit before its end: such a visit without a result 'stopped'."""
DEFAULT_LANGUAGE = "default"
MIN_VISITS = 5
"""The fewest visits a day needs for its figures that follow from an answer to be shown."""
FEWER = f"fewer than {MIN_VISITS}"
OPEN_DAY = "day not over"
"""Said in place of a figure that follows from answers on a day still under way."""
AFTER_RESULT = "after_result"
"""The metric of a screen entered after a result was shown (which such screens a visitor
reaches may follow from their outcome)."""
SENSITIVE = frozenset({"outcome", "urgent", "stopped", AFTER_RESULT})
"""Metrics that follow from a visitor's answers: shown only for a day that is over and had
at least MIN_VISITS visits."""
QUESTION_PREFIX = "question:"
RESULT_PREFIX = "result:"


def kiosk_id(configured: str | None = None) -> str:
    """This kiosk's name in figures and metrics: KIOSK_ID from the environment (one per
    machine, when the content is shared), else `settings.kiosk_id`, else the host name;
    a control character (a terminal's ESC) is written as its escape, never passed on."""
    ident = os.environ.get("KIOSK_ID") or configured or socket.gethostname() or "kiosk"
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in ident)


def is_question_screen(name: str) -> bool:
    return name.startswith(QUESTION_PREFIX)


def small_days(rows: Iterable[CountRow]) -> set[dt.date]:
    """The days whose figures that follow from an answer are hidden (1 to 4 visits, or
    answers-derived counts without a visit count at all)."""
    visits: Counter[dt.date] = Counter()
    days: set[dt.date] = set()
    for row in rows:
        days.add(row.day)
        if row.metric == "visits":
            visits[row.day] += row.n
    return {day for day in days if visits[day] < MIN_VISITS}


def withheld_days(rows: Iterable[CountRow], open_from: dt.date | None = None) -> set[dt.date]:
    """The days whose figures that follow from an answer are withheld: the small days, and
    (with `open_from`, the day under way) every day from `open_from` on, which is not over:
    its figures could still move by one visit between two readings."""
    rows = list(rows)
    withheld = small_days(rows)
    if open_from is not None:
        withheld |= {row.day for row in rows if row.day >= open_from}
    return withheld


def _is_screen_row(row: CountRow) -> bool:
    return row.metric == "screen" or row.metric.startswith(TIME_PREFIX)


def follows_from_answers(row: CountRow) -> bool:
    """A figure that follows from a visitor's answers: an outcome, a red flag, where a visit
    stopped, and the views and times of a result's screen (which result a visitor saw is
    their outcome)."""
    return row.metric in SENSITIVE or (_is_screen_row(row) and row.key.startswith(RESULT_PREFIX))


def shown_rows(rows: Iterable[CountRow], open_from: dt.date | None = None) -> list[CountRow]:
    """The rows a report may show: no question screen's views or times, and no figure that
    follows from an answer on a day of fewer than MIN_VISITS visits or (with `open_from`, the
    day under way) on a day not over."""
    rows = list(rows)
    withheld = withheld_days(rows, open_from)
    return [
        row
        for row in rows
        if not (follows_from_answers(row) and row.day in withheld)
        and not (_is_screen_row(row) and is_question_screen(row.key))
    ]


def bucket_of(seconds: float) -> int:
    """The index of the bucket `seconds` falls into (0 .. len(BUCKETS))."""
    for index, edge in enumerate(BUCKETS):
        if seconds < edge:
            return index
    return len(BUCKETS)


def time_metric(bucket: int) -> str:
    return f"{TIME_PREFIX}{BUCKET_LABELS[bucket]}"


class CountRow(NamedTuple):
    """One stored count: a day, a metric, a key (may be empty) and how many."""

    day: dt.date
    metric: str
    key: str
    n: int


@dataclass
class DayCounts:
    """Increments of the counts of one day (what one or more ended visits add)."""

    day: dt.date
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, metric: str, key: str = "", n: int = 1) -> None:
        self.counts[(metric, key)] += n

    def merge(self, other: DayCounts) -> None:
        if other.day != self.day:
            raise ValueError(f"cannot merge the counts of {other.day} into {self.day}")
        self.counts.update(other.counts)

    def rows(self) -> list[CountRow]:
        return [CountRow(self.day, m, k, n) for (m, k), n in sorted(self.counts.items()) if n]


class StatsRecorder(Protocol):
    """Where the kiosk sends the figures of each ended visit (the app's store)."""

    def record(self, counts: DayCounts) -> None:
        """Take the counts of an ended visit; must return at once (never wait for a disk)."""

    def rows(self, since: dt.date | None = None) -> list[CountRow]:
        """Every count recorded so far (stored or still waiting to be stored); with `since`,
        those of that day and later only."""


class MemoryRecorder:
    """A recorder that keeps the counts in memory (tests, previews, no data folder)."""

    def __init__(self, rows: Iterable[CountRow] = ()) -> None:
        self.days: dict[dt.date, DayCounts] = {}
        for row in rows:
            self.days.setdefault(row.day, DayCounts(row.day)).add(row.metric, row.key, row.n)

    def record(self, counts: DayCounts) -> None:
        self.days.setdefault(counts.day, DayCounts(counts.day)).merge(counts)

    def rows(self, since: dt.date | None = None) -> list[CountRow]:
        days = sorted(d for d in self.days if since is None or d >= since)
        return [row for day in days for row in self.days[day].rows()]


@dataclass
class _Visit:
    """The visit under way, in memory until it ends; only counts leave it."""

    screens: Counter[str] = field(default_factory=Counter)
    times: Counter[tuple[str, int]] = field(default_factory=Counter)
    outcomes: set[str] = field(default_factory=set)
    urgent: bool = False
    language: str | None = None
    current: str = ATTRACT.name
    entered: float = 0.0
    after: Counter[str] = field(default_factory=Counter)
    """Screens entered after a result was shown (counted as AFTER_RESULT, never timed)."""
    current_after: bool = False


class VisitTracker:
    """Turns screen changes and resets into aggregate counts, one `DayCounts` per visit."""

    def __init__(
        self,
        sink: Callable[[DayCounts], None],
        clock: Callable[[], float],
        today: Callable[[], dt.date] = dt.date.today,
        is_urgent: Callable[[str], bool] = lambda _outcome: False,
    ) -> None:
        self.sink = sink
        self.clock = clock
        self.today = today
        self.is_urgent = is_urgent
        self._visit: _Visit | None = None

    def show(self, name: str, language: str | None = None) -> None:
        """The session shows `name` (the attract screen ends the visit as a 'finish')."""
        if name == ATTRACT.name:
            self.end("finish")
            return
        visit = self._visit
        now = self.clock()
        if visit is None:
            visit = self._visit = _Visit(current=name, entered=now)
        elif name == visit.current:
            if language:
                visit.language = language
            return  # the same screen again (an answer that stays put): no new view
        else:
            self._leave(visit, now)
            visit.current, visit.entered = name, now
        if language:
            visit.language = language
        kind, _, ident = name.partition(":")
        visit.current_after = bool(visit.outcomes) and kind != "result"
        if visit.current_after and not is_question_screen(name):
            visit.after[name] += 1  # which screens follow a result may follow from it
        elif not is_question_screen(name):
            visit.screens[name] += 1
        if kind == "result":
            visit.outcomes.add(ident)
            visit.urgent = visit.urgent or self.is_urgent(ident)

    def _leave(self, visit: _Visit, now: float) -> None:
        if not (is_question_screen(visit.current) or visit.current_after):
            visit.times[(visit.current, bucket_of(max(0.0, now - visit.entered)))] += 1

    def end(self, reason: str) -> None:
        """The visit ended (any reset); its counts go to the sink now, and it is forgotten."""
        visit, self._visit = self._visit, None
        if visit is None:
            return
        if reason != "idle":
            self._leave(visit, self.clock())
        counts = DayCounts(self.today())
        counts.add("visits")
        counts.add("ended", reason)
        counts.add("language", visit.language or DEFAULT_LANGUAGE)
        for name, n in visit.screens.items():
            counts.add("screen", name, n)
        for (name, bucket), n in visit.times.items():
            counts.add(time_metric(bucket), name, n)
        for name, n in visit.after.items():
            counts.add(AFTER_RESULT, name, n)
        if visit.outcomes:
            counts.add("results")
            for outcome in visit.outcomes:
                counts.add("outcome", outcome)
            if visit.urgent:
                counts.add("urgent")
        elif reason in UNFINISHED:
            counts.add("stopped", visit.current)
        self.sink(counts)


# -- reports ----------------------------------------------------------------------------------


def approx_median(histogram: Sequence[int]) -> float | None:
    """The median of a time histogram over `BUCKETS`, interpolated inside its bucket (so it
    is approximate); 80 for a median in the open last bucket; None without any count."""
    total = sum(histogram)
    if total <= 0:
        return None
    half = total / 2
    seen = 0
    for index, n in enumerate(histogram):
        if n and seen + n >= half:
            if index >= len(BUCKETS):
                return float(BUCKETS[-1])
            low = 0.0 if index == 0 else float(BUCKETS[index - 1])
            high = float(BUCKETS[index])
            return round(low + (high - low) * (half - seen) / n, 1)
        seen += n
    return float(BUCKETS[-1])


@dataclass(frozen=True)
class ScreenFigures:
    views: int
    median_seconds: float | None
    """Approximate (from the histogram); None when no view was timed."""


@dataclass(frozen=True)
class Summary:
    """The figures of a run of days, oldest first, ready to print or draw."""

    days: tuple[dt.date, ...]
    visits: tuple[int, ...]
    results: tuple[int, ...]
    outcomes: dict[str, tuple[int, ...]]
    """Per outcome id, one count a day (ids ordered by total, largest first)."""
    urgent: int
    stopped: dict[str, int]
    ended: dict[str, int]
    languages: dict[str, int]
    screens: dict[str, ScreenFigures]
    small: tuple[bool, ...] = ()
    """Per day: True when it had visits, but fewer than MIN_VISITS, so its outcomes, red
    flags and stops are left out of every figure here."""
    open: tuple[bool, ...] = ()
    """Per day: True when it had visits and is not over (today), so its outcomes, red flags,
    stops and screens after a result are left out until it is."""

    @property
    def small_days(self) -> int:
        return sum(self.small)

    @property
    def open_days(self) -> int:
        return sum(self.open)

    def hidden(self, index: int) -> bool:
        """Whether the figures that follow from answers of the day at `index` are left out."""
        return bool((self.small and self.small[index]) or (self.open and self.open[index]))

    @property
    def answers_hidden(self) -> bool:
        """No day of the period shows outcomes, red flags and stops (each day with visits is
        small or not over)."""
        shown = any(v and not self.hidden(i) for i, v in enumerate(self.visits))
        return (self.small_days + self.open_days) > 0 and not shown

    @property
    def hidden_word(self) -> str:
        """What is said in place of figures that are all left out."""
        return FEWER if self.small_days or not self.open_days else OPEN_DAY

    @property
    def total_visits(self) -> int:
        return sum(self.visits)

    @property
    def total_results(self) -> int:
        return sum(self.results)

    @property
    def empty(self) -> bool:
        return not (self.total_visits or self.screens or self.ended)

    def as_dict(self) -> dict[str, object]:
        return {
            "first_day": self.days[0].isoformat() if self.days else None,
            "last_day": self.days[-1].isoformat() if self.days else None,
            "per_day": [
                {
                    "day": day.isoformat(),
                    "visits": self.visits[i],
                    "results": self.results[i],
                    "outcomes": OPEN_DAY
                    if self.open and self.open[i]
                    else FEWER
                    if self.small and self.small[i]
                    else {k: v[i] for k, v in self.outcomes.items() if v[i]},
                }
                for i, day in enumerate(self.days)
            ],
            "visits": self.total_visits,
            "results": self.total_results,
            "outcomes": self.hidden_word
            if self.answers_hidden
            else {k: sum(v) for k, v in self.outcomes.items()},
            "urgent": self.hidden_word if self.answers_hidden else self.urgent,
            "stopped": self.hidden_word if self.answers_hidden else dict(self.stopped),
            "small_days": self.small_days,
            "small_days_note": f"outcomes, red flags and stops of days with {FEWER} visits "
            "are left out of every figure",
            "open_days": self.open_days,
            "open_days_note": "outcomes, red flags, stops and screens after a result of a day "
            "not over (today) are left out until it is over",
            "ended": dict(self.ended),
            "languages": dict(self.languages),
            "screens": {
                name: {"views": s.views, "median_seconds": s.median_seconds}
                for name, s in self.screens.items()
            },
            "median_note": "medians are approximate: times are kept in buckets "
            + ", ".join(f"{label} s" for label in BUCKET_LABELS),
        }


def _ranked(counter: Mapping[str, int]) -> dict[str, int]:
    return dict(sorted(((k, v) for k, v in counter.items() if v), key=lambda kv: (-kv[1], kv[0])))


def window(days: int, end: dt.date) -> tuple[dt.date, ...]:
    """`days` dates ending with `end`, oldest first."""
    return tuple(end - dt.timedelta(days=offset) for offset in range(max(days, 1) - 1, -1, -1))


def summarise(
    rows: Iterable[CountRow],
    days: int,
    end: dt.date | None = None,
    open_from: dt.date | None = None,
) -> Summary:
    """The figures of the `days` days ending with `end` (by default the last day that has a
    count), small cells hidden, and with `open_from` (the day under way) the figures that
    follow from answers of the days not over left out (see the module). Pure: the same rows
    give the same summary."""
    rows = list(rows)
    small = small_days(rows)
    rows = shown_rows(rows, open_from)
    if end is None:
        end = max((row.day for row in rows), default=None)
    dates = window(days, end) if end is not None else ()
    index = {day: i for i, day in enumerate(dates)}
    visits = [0] * len(dates)
    results = [0] * len(dates)
    outcomes: dict[str, list[int]] = {}
    urgent = 0
    stopped: Counter[str] = Counter()
    ended: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    views: Counter[str] = Counter()
    times: dict[str, list[int]] = {}
    for row in rows:
        i = index.get(row.day)
        if i is None:
            continue
        if row.metric == "visits":
            visits[i] += row.n
        elif row.metric == "results":
            results[i] += row.n
        elif row.metric == "outcome":
            outcomes.setdefault(row.key, [0] * len(dates))[i] += row.n
        elif row.metric == "urgent":
            urgent += row.n
        elif row.metric == "stopped":
            stopped[row.key] += row.n
        elif row.metric == "ended":
            ended[row.key] += row.n
        elif row.metric == "language":
            languages[row.key] += row.n
        elif row.metric in ("screen", AFTER_RESULT):
            views[row.key] += row.n
        elif row.metric.startswith(TIME_PREFIX):
            label = row.metric.removeprefix(TIME_PREFIX)
            if label in BUCKET_LABELS:
                hist = times.setdefault(row.key, [0] * len(BUCKET_LABELS))
                hist[BUCKET_LABELS.index(label)] += row.n
    ordered = sorted(outcomes, key=lambda k: (-sum(outcomes[k]), k))
    screens = {
        name: ScreenFigures(views[name], approx_median(times.get(name, [])))
        for name in sorted(set(views) | set(times), key=lambda k: (-views[k], k))
    }
    return Summary(
        days=dates,
        visits=tuple(visits),
        results=tuple(results),
        outcomes={k: tuple(outcomes[k]) for k in ordered},
        urgent=urgent,
        stopped=_ranked(stopped),
        ended=_ranked(ended),
        languages=_ranked(languages),
        screens=screens,
        small=tuple(day in small and visits[i] > 0 for i, day in enumerate(dates)),
        open=tuple(
            open_from is not None and day >= open_from and visits[i] > 0
            for i, day in enumerate(dates)
        ),
    )


def sample_rows(end: dt.date, days: int = 30) -> list[CountRow]:
    """Believable made-up figures (no visitor behind them) for previews, docs and tests."""
    rows: list[CountRow] = []
    outcomes = ("massage_may_help", "see_doctor", "not_typical", "urgent")
    stops = (
        "screen:welcome",
        "screen:what_is_sciatica",
        "question:where",
        "screen:sciatic_nerve",
        "question:pain_now",
    )
    for offset in range(days):
        day = end - dt.timedelta(days=offset)
        seed = (day.toordinal() * 7919) % 97
        weekend = day.weekday() >= 5
        visits = (4 if weekend else 12) + seed % 9
        results = visits * 3 // 5
        split = (results // 2, results // 4, results - results // 2 - results // 4 - (seed % 2))
        counts = DayCounts(day)
        counts.add("visits", "", visits)
        counts.add("results", "", results)
        for outcome, n in zip(outcomes, (*split, seed % 2), strict=True):
            if n:
                counts.add("outcome", outcome, n)
        if seed % 2:
            counts.add("urgent", "", 1)
        unfinished = visits - results
        idle = unfinished * 2 // 3
        counts.add("ended", "finish", results)
        counts.add("ended", "idle", idle)
        counts.add("ended", "staff", unfinished - idle)
        for place in range(unfinished):
            counts.add("stopped", stops[(place * place + seed) % len(stops) if place else 0])
        counts.add("language", DEFAULT_LANGUAGE, visits)
        for n, name in enumerate(("screen:welcome", "screen:what_is_sciatica", "question:where")):
            counts.add("screen", name, visits - n)
            counts.add(time_metric(2 + n), name, visits - n)
        rows += counts.rows()
    return sorted(rows)
