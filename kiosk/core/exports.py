"""The usage figures as exports (`kiosk stats --csv`, `--json`) and the sum of several kiosks'
exports (`kiosk stats merge`), without Qt.

An export carries its kiosk's id and the rows a report may show (`shown_rows`: the small-cell
rule applied), one per day, metric and key, plus a marker for each day and metric left out by
that rule ("fewer than 5 visits"). Both formats hold the same rows, so either can be merged:

- CSV: the header `kiosk_id,day,metric,key,count`, then one row per count; a left-out cell has
  an empty key and the count `fewer than 5 visits`.
- JSON: the summary a person reads (`Summary.as_dict`), plus `kiosk_id`, `rows` (objects with
  day, metric, key, count) and `left_out` (objects with day and metric).

Merging sums the counts of every (day, metric, key) over the kiosks and applies the small-cell
rule again to the sums (a day of fewer than 5 visits over all of them shows no outcome). A cell
a kiosk left out stays out: the merged figure is the sum of the kiosks that showed it, and the
report says for which days and metrics some kiosk left its count out.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .stats import (
    FEWER,
    OPEN_DAY,
    SENSITIVE,
    CountRow,
    Summary,
    shown_rows,
    summarise,
    withheld_days,
)

CSV_HEADER = ("kiosk_id", "day", "metric", "key", "count")
LEFT_OUT = f"{FEWER} visits"
"""The count of a cell the small-cell rule left out."""
LEFT_OPEN = OPEN_DAY
"""The count of a cell left out because its day is not over (today)."""
MERGED = "merged"


@dataclass(frozen=True)
class Export:
    """The figures of one kiosk (or the sum of several) over some days."""

    kiosk_id: str
    rows: tuple[CountRow, ...]
    left_out: frozenset[tuple[dt.date, str]] = frozenset()
    """(day, metric) cells left out by the small-cell rule."""
    kiosks: tuple[str, ...] = ()
    """The kiosks summed (a merged export), else empty."""
    left_out_by: tuple[tuple[dt.date, str, str], ...] = ()
    """(day, metric, kiosk) for a merged export: which kiosk left which cell out."""
    first_day: dt.date | None = None
    last_day: dt.date | None = None
    """The period exported, when known: a report of the sum covers every kiosk's whole period,
    not only the days that had visits."""
    open_from: dt.date | None = None
    """The day that was under way when the export was made: its cells that follow from
    answers (and those of any later day) are left out as 'day not over'."""

    def marker(self, day: dt.date) -> str:
        """The count written for a left-out cell of `day`."""
        return LEFT_OPEN if self.open_from is not None and day >= self.open_from else LEFT_OUT


class ExportError(Exception):
    """A file that is not an export; `str()` names the file and the line."""

    def __init__(self, source: str, line: int, message: str) -> None:
        super().__init__(f"{source}:{line}: {message}")
        self.source = source
        self.line = line
        self.message = message


def left_out_cells(
    rows: Sequence[CountRow], open_from: dt.date | None = None
) -> set[tuple[dt.date, str]]:
    """Every (day, metric) that follows from answers on a withheld day (small, or not over):
    all of them, whether or not the day has a count of it, so that the list of left-out cells
    itself never says that a small day had, say, a red flag."""
    withheld = withheld_days(rows, open_from) & {row.day for row in rows}
    return {(day, metric) for day in withheld for metric in SENSITIVE}


def export_of(
    rows: Iterable[CountRow],
    days: int,
    today: dt.date,
    kiosk_id: str,
    open_from: dt.date | None = None,
) -> Export:
    """The rows of the `days` days ending `today` that a report may show, and the cells left
    out: those of the small days and (with `open_from`, the day under way) of the days not
    over."""
    first = today - dt.timedelta(days=days - 1)
    rows = [row for row in rows if first <= row.day <= today]
    return Export(
        kiosk_id,
        tuple(shown_rows(rows, open_from)),
        frozenset(left_out_cells(rows, open_from)),
        first_day=first,
        last_day=today,
        open_from=open_from,
    )


def csv_text(export: Export) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row in export.rows:
        writer.writerow([export.kiosk_id, row.day.isoformat(), row.metric, row.key, row.n])
    for day, metric in sorted(export.left_out):
        writer.writerow([export.kiosk_id, day.isoformat(), metric, "", export.marker(day)])
    # the period's ends as days of 0 visits where they had none: the file then says which days
    # it covers, and names its kiosk even when there are no figures yet
    counted = {row.day for row in export.rows if row.metric == "visits"}
    ends = {export.first_day, export.last_day} - {None} - counted
    for day in sorted(d for d in ends if d is not None):
        writer.writerow([export.kiosk_id, day.isoformat(), "visits", "", 0])
    return out.getvalue()


def summary_of(export: Export, days: int | None = None, end: dt.date | None = None) -> Summary:
    """The summary of an export: over `days` ending `end`, or over the days it spans."""
    if days is None:
        spanned = [row.day for row in export.rows] + [day for day, _m in export.left_out]
        spanned += [day for day in (export.first_day, export.last_day) if day is not None]
        if not spanned:
            return summarise([], 1, end) if end is not None else summarise([], 1)
        end = end or max(spanned)
        days = (end - min(spanned)).days + 1
    return summarise(export.rows, days, end)


def json_data(export: Export, summary: Summary) -> dict[str, object]:
    data: dict[str, object] = {"kiosk_id": export.kiosk_id}
    if export.kiosks:
        data["kiosks"] = list(export.kiosks)
    data.update(summary.as_dict())
    data["rows"] = [
        {"day": r.day.isoformat(), "metric": r.metric, "key": r.key, "count": r.n}
        for r in export.rows
    ]
    data["left_out"] = [
        {"day": day.isoformat(), "metric": metric, "why": export.marker(day)}
        for day, metric in sorted(export.left_out)
    ]
    if export.left_out_by:
        data["left_out_by"] = [
            {"day": day.isoformat(), "metric": metric, "kiosk_id": kiosk}
            for day, metric, kiosk in export.left_out_by
        ]
    return data


# -- reading an export ------------------------------------------------------------------------

NOT_AN_EXPORT = "not an export of `kiosk stats --csv` or `kiosk stats --json`"


def _day(text: object, source: str, line: int) -> dt.date:
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        raise ExportError(source, line, f"'{text}' is not a day like 2026-12-05") from None


def _count(text: object, source: str, line: int) -> int:
    try:
        n = int(str(text))
    except ValueError:
        raise ExportError(
            source, line, f"the count '{text}' is not a whole number or '{LEFT_OUT}'"
        ) from None
    if n < 0:
        raise ExportError(source, line, f"the count {n} is below zero")
    return n


def _parse_csv(text: str, source: str) -> Export:
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise ExportError(source, 1, f"the file is empty: {NOT_AN_EXPORT}") from None
    except csv.Error as error:
        raise ExportError(source, 1, f"{NOT_AN_EXPORT} ({error})") from None
    if tuple(h.strip() for h in header) != CSV_HEADER:
        raise ExportError(
            source,
            1,
            f"{NOT_AN_EXPORT}: the first line must be {','.join(CSV_HEADER)}",
        )
    kiosk: str | None = None
    rows: list[CountRow] = []
    left_out: set[tuple[dt.date, str]] = set()
    open_days: set[dt.date] = set()
    try:
        for fields in reader:
            line = reader.line_num
            if not fields:
                continue
            if len(fields) != len(CSV_HEADER):
                raise ExportError(
                    source, line, f"expected {len(CSV_HEADER)} fields, found {len(fields)}"
                )
            kiosk_id, day_text, metric, key, count = fields
            if kiosk is None:
                kiosk = kiosk_id
            elif kiosk_id != kiosk:
                raise ExportError(
                    source,
                    line,
                    f"a second kiosk '{kiosk_id}' (the file began with '{kiosk}'); "
                    "give each kiosk's export as a file of its own",
                )
            day = _day(day_text, source, line)
            if count in (LEFT_OUT, LEFT_OPEN):
                left_out.add((day, metric))
                if count == LEFT_OPEN:
                    open_days.add(day)
            else:
                rows.append(CountRow(day, metric, key, _count(count, source, line)))
    except csv.Error as error:
        raise ExportError(source, reader.line_num, f"{NOT_AN_EXPORT} ({error})") from None
    return Export(
        kiosk or "", tuple(rows), frozenset(left_out), open_from=min(open_days, default=None)
    )


def _json_line(text: str, needle: str) -> int:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def _parse_json(text: str, source: str) -> Export:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ExportError(source, error.lineno, f"{NOT_AN_EXPORT} ({error.msg})") from None
    if not isinstance(data, dict) or not isinstance(data.get("rows"), list):
        raise ExportError(source, 1, f'{NOT_AN_EXPORT}: it has no "rows" (made by an older kiosk?)')
    kiosk = data.get("kiosk_id")
    if not isinstance(kiosk, str) or not kiosk:
        raise ExportError(source, _json_line(text, '"kiosk_id"'), 'it has no "kiosk_id"')
    rows: list[CountRow] = []
    line = _json_line(text, '"rows"')
    for item in data["rows"]:
        line = _json_line_after(text, line)
        if not isinstance(item, dict) or not {"day", "metric", "key", "count"} <= set(item):
            raise ExportError(source, line, "a row needs day, metric, key and count")
        rows.append(
            CountRow(
                _day(item["day"], source, line),
                str(item["metric"]),
                str(item["key"]),
                _count(item["count"], source, line),
            )
        )
    left_out: set[tuple[dt.date, str]] = set()
    open_days: set[dt.date] = set()
    for item in data.get("left_out", []):
        if not isinstance(item, dict) or "day" not in item or "metric" not in item:
            raise ExportError(
                source, _json_line(text, '"left_out"'), "a left-out cell needs day and metric"
            )
        day = _day(item["day"], source, 1)
        left_out.add((day, str(item["metric"])))
        if item.get("why") == LEFT_OPEN:
            open_days.add(day)
    period = [
        _day(item["day"], source, _json_line(text, '"per_day"'))
        for item in data.get("per_day") or []
        if isinstance(item, dict) and "day" in item
    ]
    return Export(
        kiosk,
        tuple(rows),
        frozenset(left_out),
        first_day=min(period, default=None),
        last_day=max(period, default=None),
        open_from=min(open_days, default=None),
    )


def _json_line_after(text: str, line: int) -> int:
    """The line of the next row object after `line` (close enough to point a person at it)."""
    lines = text.splitlines()
    for number in range(line, len(lines)):
        if lines[number].lstrip().startswith("{"):
            return number + 1
    return line


def parse_export(text: str, source: str) -> Export:
    """An export read back (CSV or JSON, told apart by its first character); raises
    ExportError naming `source` and the line."""
    if text.lstrip().startswith("{"):
        return _parse_json(text, source)
    return _parse_csv(text, source)


# -- merging -----------------------------------------------------------------------------------


def merge(exports: Sequence[tuple[str, Export]], open_from: dt.date | None = None) -> Export:
    """The sum of several kiosks' exports, given with their file names; raises ExportError
    when one kiosk is given twice (its counts would be counted twice). With `open_from` (the
    day under way) the days not over are left out as in one kiosk's export."""
    seen: dict[str, str] = {}
    totals: Counter[tuple[dt.date, str, str]] = Counter()
    left_out_by: set[tuple[dt.date, str, str]] = set()
    for source, export in exports:
        if not export.kiosk_id and not export.rows and not export.left_out:
            continue  # a header alone (an older kiosk's empty CSV): nothing to add, no name
        if export.kiosk_id in seen:
            raise ExportError(
                source,
                2,
                f"kiosk '{export.kiosk_id}' is also in {seen[export.kiosk_id]}; "
                "give each kiosk once (or set a kiosk_id of its own on each)",
            )
        seen[export.kiosk_id] = source
        for row in export.rows:
            totals[(row.day, row.metric, row.key)] += row.n
        left_out_by |= {(day, metric, export.kiosk_id) for day, metric in export.left_out}
    summed = [CountRow(d, m, k, n) for (d, m, k), n in sorted(totals.items())]
    opens = [e.open_from for _s, e in exports if e.open_from is not None]
    if open_from is not None:
        opens.append(open_from)
    merged_open = min(opens, default=None)
    left_out = left_out_cells(summed, merged_open)  # the rules again, on the sums
    left_out |= {(day, metric) for day, metric, _kiosk in left_out_by}
    firsts = [e.first_day for _s, e in exports if e.first_day is not None]
    lasts = [e.last_day for _s, e in exports if e.last_day is not None]
    return Export(
        MERGED,
        tuple(shown_rows(summed, merged_open)),
        frozenset(left_out),
        kiosks=tuple(seen),
        left_out_by=tuple(sorted(left_out_by)),
        first_day=min(firsts, default=None),
        last_day=max(lasts, default=None),
        open_from=merged_open,
    )
