"""The usage figures as exports (`kiosk stats --csv`, `--json`) and the sum of several kiosks'
exports (`kiosk stats merge`), without Qt.

An export carries its kiosk's id and the rows a report may show (`shown_rows`: the small-cell
rule applied), one per day, metric and key, plus a marker for each day and metric left out by
that rule ("fewer than 5 visits"). Both formats hold the same rows, so either can be merged:

- CSV: the header `kiosk_id,day,metric,key,count,left_out`, then one row per count. The count
  column holds whole numbers only (a spreadsheet sums it); a left-out cell has an empty key, an
  empty count and, in `left_out`, why: `fewer than 5 visits` or `day not over`, followed in a
  merged export by the kiosks that left it out (`fewer than 5 visits: site-b, site-c`). An
  export of an older kiosk (the five columns, the reason in `count`) is still read.
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
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
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

CSV_HEADER = ("kiosk_id", "day", "metric", "key", "count", "left_out")
OLD_CSV_HEADER = CSV_HEADER[:5]
"""An older kiosk's export: the reason a cell was left out stood in its count."""
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


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet takes for the start of a formula (OWASP, CSV injection)."""
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""Control characters (a terminal's escape sequences, line breaks, text-direction overrides)."""


def neutralised(cell: str) -> str:
    """A cell a spreadsheet opens as text: one that begins like a formula gets a leading
    quote (OWASP's rule for CSV injection); `restored` takes it off when read back."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def restored(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


def shown(text: str) -> str:
    """`text` quoted for a terminal or a log: control characters written as escapes (an ESC
    from a hostile kiosk id never reaches the terminal)."""
    return "'" + CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode(), text) + "'"


def printable(text: str) -> str:
    """`text` with its control characters written as escapes (unquoted)."""
    return CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode(), text)


def csv_text(export: Export) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    kiosk = neutralised(export.kiosk_id)
    for row in export.rows:
        writer.writerow(
            [kiosk, row.day.isoformat(), neutralised(row.metric), neutralised(row.key), row.n, ""]
        )
    by: dict[tuple[dt.date, str], list[str]] = {}
    for day, metric, who in export.left_out_by:
        by.setdefault((day, metric), []).append(who)
    for day, metric in sorted(export.left_out):
        why = export.marker(day)
        if (day, metric) in by:  # a merged export: which kiosks left their count out
            why += ": " + ", ".join(sorted(by[(day, metric)]))
        writer.writerow([kiosk, day.isoformat(), neutralised(metric), "", "", neutralised(why)])
    # the period's ends as days of 0 visits where they had none: the file then says which days
    # it covers, and names its kiosk even when there are no figures yet
    counted = {row.day for row in export.rows if row.metric == "visits"}
    ends = {export.first_day, export.last_day} - {None} - counted
    for day in sorted(d for d in ends if d is not None):
        writer.writerow([kiosk, day.isoformat(), "visits", "", 0, ""])
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
MAX_COUNT = 10**12
"""The largest count an export may give (a kiosk counts far fewer visits in a century)."""
_DIGITS = re.compile(r"[0-9]{1,13}")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _day(text: object, source: str, line: int, days: dict[str, dt.date] | None = None) -> dt.date:
    if days is not None and isinstance(text, str) and text in days:
        return days[text]  # the same day on many lines: read once
    try:
        if not isinstance(text, str) or not _ISO_DAY.fullmatch(text):
            raise ValueError(text)
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ExportError(
            source, line, f"{shown(str(text))} is not a day like 2026-12-05"
        ) from None
    if days is not None:
        days[text] = day
    return day


def _count(value: object, source: str, line: int) -> int:
    """A count: a plain whole number of ASCII digits (or a JSON integer) from 0 to MAX_COUNT;
    never '1e30', an Arabic-Indic five, ' 7 ', '1_000', '-1' or true."""
    if isinstance(value, int) and not isinstance(value, bool):
        n = value
    elif isinstance(value, str) and _DIGITS.fullmatch(value):
        n = int(value)
    else:
        raise ExportError(
            source,
            line,
            f"the count {shown(str(value))} is not a whole number written in the digits 0-9 "
            f"or '{LEFT_OUT}'",
        )
    if n < 0:
        raise ExportError(source, line, f"the count {n} is below zero")
    if n > MAX_COUNT:
        raise ExportError(source, line, f"the count {n} is larger than any kiosk counts")
    return n


def _text(value: object, what: str, source: str, line: int) -> str:
    """A kiosk id, metric or key read back: a cell written neutralised is restored, and one
    with a control character (a terminal's escape, a line break) is refused."""
    text = restored(str(value))
    if CONTROL.search(text):
        raise ExportError(
            source, line, f"the {what} {shown(text)} holds a control character: refused"
        )
    return text


class _Rows:
    """The rows and left-out cells of one export as they are read, refusing a (day, metric,
    key) or a left-out (day, metric) given twice, with the line of both. Linear: each row is
    looked at once, and a text seen before (a metric, a key) is checked once."""

    def __init__(self, source: str, line_of: Callable[[int], int] = int) -> None:
        self.source = source
        self.line_of = line_of
        """The line of a row's place (CSV: the line itself; JSON: the row's index, its line
        found only when an error is told)."""
        self.counts: dict[tuple[dt.date, str, str], tuple[int, int]] = {}
        self.left_out: dict[tuple[dt.date, str], int] = {}
        self.open_days: set[dt.date] = set()
        self.days: dict[str, dt.date] = {}
        self.texts: dict[tuple[str, str], str] = {}

    def _placed(self, error: ExportError, where: int) -> ExportError:
        """The error at its real line (found only now: an error is told once)."""
        return ExportError(self.source, self.line_of(where), error.message)

    def text(self, value: object, what: str, where: int) -> str:
        if isinstance(value, str):
            known = self.texts.get((what, value))
            if known is not None:
                return known
        try:
            text = _text(value, what, self.source, 0)
        except ExportError as error:
            raise self._placed(error, where) from None
        if isinstance(value, str):
            self.texts[(what, value)] = text
        return text

    def day(self, value: object, where: int) -> dt.date:
        if isinstance(value, str) and value in self.days:
            return self.days[value]
        try:
            return _day(value, self.source, 0, self.days)
        except ExportError as error:
            raise self._placed(error, where) from None

    def count(self, value: object, where: int) -> int:
        if type(value) is int and 0 <= value <= MAX_COUNT:
            return value
        if type(value) is str and value.isascii() and value.isdigit() and len(value) <= 13:
            return int(value)
        try:
            return _count(value, self.source, 0)
        except ExportError as error:
            raise self._placed(error, where) from None

    def add(self, day: dt.date, metric: str, key: str, n: int, where: int) -> None:
        cell = (day, metric, key)
        first = self.counts.get(cell)
        if first is not None:
            raise ExportError(
                self.source,
                self.line_of(where),
                f"{day.isoformat()} {shown(metric)} {shown(key)} is given twice (first on line "
                f"{self.line_of(first[1])}); each day, metric and key is one row",
            )
        self.counts[cell] = (n, where)

    def leave_out(self, day: dt.date, metric: str, why: str, line: int) -> None:
        first = self.left_out.get((day, metric))
        if first is not None:
            raise ExportError(
                self.source,
                line,
                f"the left-out {day.isoformat()} {shown(metric)} is given twice (first on line "
                f"{first})",
            )
        self.left_out[(day, metric)] = line
        if why == LEFT_OPEN:
            self.open_days.add(day)

    def export(
        self, kiosk: str, first: dt.date | None = None, last: dt.date | None = None
    ) -> Export:
        return Export(
            kiosk,
            tuple(CountRow(d, m, k, n) for (d, m, k), (n, _where) in self.counts.items()),
            frozenset(self.left_out),
            first_day=first,
            last_day=last,
            open_from=min(self.open_days, default=None),
        )


def _parse_csv(text: str, source: str) -> Export:
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise ExportError(source, 1, f"the file is empty: {NOT_AN_EXPORT}") from None
    except csv.Error as error:
        raise ExportError(source, 1, f"{NOT_AN_EXPORT} ({error})") from None
    columns = tuple(h.strip() for h in header)
    if columns not in (CSV_HEADER, OLD_CSV_HEADER):
        raise ExportError(
            source,
            1,
            f"{NOT_AN_EXPORT}: the first line must be {','.join(CSV_HEADER)}",
        )
    kiosk: str | None = None
    found = _Rows(source)
    try:
        for fields in reader:
            line = reader.line_num
            if not fields:
                continue
            if len(fields) != len(columns):
                raise ExportError(
                    source, line, f"expected {len(columns)} fields, found {len(fields)}"
                )
            kiosk_text, day_text, metric_text, key_text, count = fields[:5]
            why = restored(fields[5]) if len(fields) > 5 else count
            if len(fields) > 5 and why and count:
                raise ExportError(
                    source, line, f"a cell left out ({shown(why)}) has no count, not {shown(count)}"
                )
            if kiosk is None:
                kiosk = _text(kiosk_text, "kiosk id", source, line)
            elif kiosk_text != kiosk and restored(kiosk_text) != kiosk:
                raise ExportError(
                    source,
                    line,
                    f"a second kiosk {shown(restored(kiosk_text))} (the file began with "
                    f"{shown(kiosk)}); give each kiosk's export as a file of its own",
                )
            day = found.day(day_text, line)
            metric = found.text(metric_text, "metric", line)
            reason = why.partition(":")[0]  # a merged export names the kiosks after a colon
            if reason in (LEFT_OUT, LEFT_OPEN):
                found.leave_out(day, metric, reason, line)
            elif len(fields) > 5 and why:
                raise ExportError(
                    source,
                    line,
                    f"left_out must be empty, '{LEFT_OUT}' or '{LEFT_OPEN}', not {shown(why)}",
                )
            else:
                key = found.text(key_text, "key", line)
                found.add(day, metric, key, found.count(count, line), line)
    except csv.Error as error:
        raise ExportError(source, reader.line_num, f"{NOT_AN_EXPORT} ({error})") from None
    return found.export(kiosk or "")


def _json_line(text: str, needle: str) -> int:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def _row_line(text: str, after: int, index: int) -> int:
    """The line of the row at `index` (0 first), as `kiosk stats --json` writes rows: one
    object opened by `{` on a line of its own, after the line `after` of "rows". Looked for
    only when an error is told, so reading stays linear."""
    seen = -1
    for number, line in enumerate(text.splitlines(), start=1):
        if number > after and line.lstrip().startswith("{"):
            seen += 1
            if seen == index:
                return number
    return after


def _parse_json(text: str, source: str) -> Export:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ExportError(source, error.lineno, f"{NOT_AN_EXPORT} ({error.msg})") from None
    if not isinstance(data, dict) or not isinstance(data.get("rows"), list):
        raise ExportError(source, 1, f'{NOT_AN_EXPORT}: it has no "rows" (made by an older kiosk?)')
    kiosk_value = data.get("kiosk_id")
    kiosk_line = _json_line(text, '"kiosk_id"')
    if not isinstance(kiosk_value, str) or not kiosk_value:
        raise ExportError(source, kiosk_line, 'it has no "kiosk_id"')
    kiosk = _text(kiosk_value, "kiosk id", source, kiosk_line)
    rows_line = _json_line(text, '"rows"')
    found = _Rows(source, lambda index: _row_line(text, rows_line, index))
    for index, item in enumerate(data["rows"]):
        if not isinstance(item, dict) or not {"day", "metric", "key", "count"} <= item.keys():
            raise ExportError(
                source, found.line_of(index), "a row needs day, metric, key and count"
            )
        found.add(
            found.day(item["day"], index),
            found.text(item["metric"], "metric", index),
            found.text(item["key"], "key", index),
            found.count(item["count"], index),
            index,
        )
    left_line = _json_line(text, '"left_out"')
    for item in data.get("left_out") or []:
        if not isinstance(item, dict) or "day" not in item or "metric" not in item:
            raise ExportError(source, left_line, "a left-out cell needs day and metric")
        found.leave_out(
            _day(item["day"], source, left_line, found.days),
            _text(item["metric"], "metric", source, left_line),
            str(item.get("why", LEFT_OUT)),
            left_line,
        )
    period_line = _json_line(text, '"per_day"')
    period = [
        _day(item["day"], source, period_line, found.days)
        for item in data.get("per_day") or []
        if isinstance(item, dict) and "day" in item
    ]
    return found.export(kiosk, min(period, default=None), max(period, default=None))


def parse_export(text: str, source: str) -> Export:
    """An export read back (CSV or JSON, told apart by its first character); raises
    ExportError naming `source` and the line."""
    if text.lstrip().startswith("{"):
        return _parse_json(text, source)
    return _parse_csv(text, source)


# -- merging -----------------------------------------------------------------------------------


def merge(exports: Iterable[tuple[str, Export]], open_from: dt.date | None = None) -> Export:
    """The sum of several kiosks' exports, given with their file names (read one at a time:
    each export can be dropped once added); raises ExportError when one kiosk is given twice
    (its counts would be counted twice). With `open_from` (the day under way) the days not
    over are left out as in one kiosk's export. Linear in the rows."""
    seen: dict[str, str] = {}
    totals: Counter[tuple[dt.date, str, str]] = Counter()
    left_out_by: set[tuple[dt.date, str, str]] = set()
    opens = [open_from] if open_from is not None else []
    firsts: list[dt.date] = []
    lasts: list[dt.date] = []
    for source, export in exports:
        if not export.kiosk_id and not export.rows and not export.left_out:
            continue  # a header alone (an older kiosk's empty CSV): nothing to add, no name
        if export.kiosk_id in seen:
            raise ExportError(
                source,
                2,
                f"kiosk {shown(export.kiosk_id)} is also in {seen[export.kiosk_id]}; "
                "give each kiosk once (or set a kiosk_id of its own on each)",
            )
        seen[export.kiosk_id] = source
        for row in export.rows:
            totals[(row.day, row.metric, row.key)] += row.n
        left_out_by |= {(day, metric, export.kiosk_id) for day, metric in export.left_out}
        opens += [export.open_from] if export.open_from is not None else []
        firsts += [export.first_day] if export.first_day is not None else []
        lasts += [export.last_day] if export.last_day is not None else []
        del export  # each file's rows are let go once added
    summed = [CountRow(d, m, k, n) for (d, m, k), n in sorted(totals.items())]
    del totals
    merged_open = min(opens, default=None)
    left_out = left_out_cells(summed, merged_open)  # the rules again, on the sums
    left_out |= {(day, metric) for day, metric, _kiosk in left_out_by}
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
