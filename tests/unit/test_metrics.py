"""Metrics for Prometheus (issue 20, item 2): the running kiosk's state in the text format,
read back with prometheus_client's own parser; aggregate counts only, in steps of 5; a metrics
file written whole, and a file that cannot be written is logged, never felt."""

from __future__ import annotations

import datetime as dt
import errno
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from fakes import FakeClock
from prometheus_client.parser import text_string_to_metric_families

from kiosk.content import load_content
from kiosk.core.control import QUIET_SECONDS, Kiosk
from kiosk.core.metrics import MetricsFile
from kiosk.supervise import CRASHES_ENV, supervise

ROOT = Path(__file__).resolve().parents[2]
Writer = Callable[[str], Path]
Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def samples(text: str) -> Samples:
    """Every sample of the text, by name and labels, as Prometheus would read it."""
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def value(text: str, name: str, **labels: str) -> float:
    return samples(text)[(name, tuple(sorted(labels.items())))]


@pytest.fixture
def kiosk(content_text: str, write_content: Writer, clock: FakeClock) -> Kiosk:
    return Kiosk(load_content(write_content(content_text)), clock=clock)


def urgent_visit(kiosk: Kiosk) -> None:
    """A visitor answers a red flag, sees the urgent result and walks away."""
    session = kiosk.session
    session.start()
    session.show("screen:self_check", remember=True)
    session.next()
    session.answer("saddle_numbness", "yes")
    assert session.current.name.startswith("result:")
    session.reset("idle")


def test_the_metrics_parse_and_say_what_runs(kiosk: Kiosk) -> None:
    text = kiosk.command("metrics")["text"]
    found = samples(text)
    assert value(text, "kiosk_up") == 1
    assert abs(value(text, "kiosk_start_time_seconds") - kiosk.started_at) < 1e-3
    [info] = [labels for name, labels in found if name == "kiosk_content_info"]
    assert dict(info)["version"] == kiosk.version == dict(info)["hash"]
    assert value(text, "kiosk_content_reloads_total", result="refused") == 0
    assert value(text, "kiosk_supervisor_crashes_total") == 0
    assert value(text, "kiosk_supervised") == 0
    assert "kiosk_content_last_reload_success" not in {name for name, _ in found}


def test_a_visit_cannot_be_read_from_the_metrics(kiosk: Kiosk) -> None:
    """Counts a visit moves come in steps of 5, and nothing that follows from an answer
    (an outcome, a red flag, where a visit stopped) is there at all."""
    for _visit in range(4):
        urgent_visit(kiosk)
    text = kiosk.metrics()
    assert kiosk.figures.visits == 4 and kiosk.figures.results == 4
    assert value(text, "kiosk_visits_today") == 0
    assert value(text, "kiosk_self_checks_today") == 0
    assert value(text, "kiosk_resets_today", reason="idle") == 0
    urgent_visit(kiosk)
    text = kiosk.metrics()
    assert value(text, "kiosk_visits_today") == 5
    assert value(text, "kiosk_self_checks_today") == 5
    assert value(text, "kiosk_resets_today", reason="idle") == 5
    urgent_visit(kiosk)
    assert kiosk.metrics() == text  # the sixth visit shows nowhere
    outcome_ids = [o.id for o in kiosk.loaded.content.self_check.outcomes]
    assert "urgent" not in text.replace("urgent_care", "")
    for outcome in outcome_ids:
        assert outcome not in text
    for question in kiosk.loaded.content.self_check.questions:
        assert question.id not in text


def test_a_refused_reload_shows_in_the_metrics(
    kiosk: Kiosk, content_text: str, write_content: Writer, clock: FakeClock
) -> None:
    path = write_content(content_text.replace("idle_seconds: 90", "idle_seconds: soon"))
    stamp = path.stat().st_mtime_ns + 2_000_000_000
    os.utime(path, ns=(stamp, stamp))
    kiosk.check_files()
    clock.now += QUIET_SECONDS
    kiosk.check_files()
    text = kiosk.metrics()
    assert value(text, "kiosk_content_reloads_total", result="refused") == 1
    assert value(text, "kiosk_content_last_reload_success") == 0
    assert value(text, "kiosk_content_problem") == 1
    assert value(text, "kiosk_content_last_reload_timestamp_seconds") >= kiosk.started_at
    write_content(content_text.replace("Willow Street", "Elm Road"))
    os.utime(path, ns=(stamp + 10**9, stamp + 10**9))
    assert kiosk.command("reload")["ok"]
    text = kiosk.metrics()
    assert value(text, "kiosk_content_reloads_total", result="valid") == 1
    assert value(text, "kiosk_content_last_reload_success") == 1
    assert value(text, "kiosk_content_problem") == 0


def test_the_metrics_file_is_replaced_whole(tmp_path: Path, kiosk: Kiosk) -> None:
    folder = tmp_path / "textfile"
    folder.mkdir()
    target = MetricsFile(folder / "kiosk.prom")
    assert target.write(kiosk.metrics())
    assert target.write(kiosk.metrics(up=False))
    assert os.listdir(folder) == ["kiosk.prom"]  # no temporary file left behind
    text = target.path.read_text("utf-8")
    assert value(text, "kiosk_up") == 0
    assert target.path.stat().st_mode & 0o444 == 0o444  # node_exporter may be another user


def test_an_unwritable_or_full_metrics_file_is_logged_once_and_never_raises(
    tmp_path: Path, kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="kiosk")
    missing = MetricsFile(tmp_path / "no-such-folder" / "kiosk.prom")
    for _try in range(3):
        assert not missing.write(kiosk.metrics())
    [logged] = [r.getMessage() for r in caplog.records]
    assert logged.startswith(f"cannot write the metrics file {missing.path} (")
    caplog.clear()

    def full(_source: object, _target: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    target = MetricsFile(tmp_path / "textfile.prom")
    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", full)
        assert not target.write(kiosk.metrics())
        assert not target.write(kiosk.metrics())
    assert [r.getMessage() for r in caplog.records] == [
        f"cannot write the metrics file {target.path} (No space left on device);"
        " the kiosk runs on and tries again"
    ]
    assert [name for name in os.listdir(tmp_path) if name.endswith(".tmp")] == []
    assert target.write(kiosk.metrics())
    assert "is written again" in caplog.records[-1].getMessage()


def test_the_supervisor_tells_each_kiosk_its_crash_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CRASHES_ENV, raising=False)
    seen: list[str] = []
    codes = [1, -9, 0]

    def spawn(_command: Sequence[str]) -> int:
        seen.append(os.environ[CRASHES_ENV])
        return codes.pop(0)

    assert supervise(["kiosk"], sleep=lambda _s: None, spawn=spawn) == 0
    assert seen == ["0", "1", "2"]


def test_the_figures_stores_failures_are_counted(tmp_path: Path) -> None:
    import sqlite3

    from kiosk.core.stats import DayCounts
    from kiosk.stats_store import StatsStore

    def small_disk(db: sqlite3.Connection) -> None:
        db.execute("PRAGMA max_page_count = 3")

    store = StatsStore(tmp_path / "stats.db", flush_seconds=60, on_connect=small_disk)
    try:
        for n in range(400):
            counts = DayCounts(dt.date(2026, 12, 5))
            counts.add("screen", f"screen:a_long_screen_name_{n:04d}_{'y' * 60}")
            store.record(counts)
        assert not store.flush()
        assert not store.flush()
        assert store.errors()["full"] == 2
    finally:
        store.on_connect = None
        store.close()


def test_the_metrics_work_where_tls_is_left_out(content_text: str, write_content: Writer) -> None:
    """The bundle leaves ssl out (build_spec.spec); prometheus_client imports it, and gets a
    stand-in that can be named but never used."""
    import subprocess
    import sys

    path = write_content(content_text)
    code = (
        "import sys\n"
        "sys.modules['ssl'] = None  # as in the bundle: import ssl fails\n"
        "from kiosk.content import load_content\n"
        "from kiosk.core.control import Kiosk\n"
        f"print(Kiosk(load_content({str(path)!r})).metrics())\n"
        "import ssl\n"
        "try:\n"
        "    ssl.SSLContext()\n"
        "except ImportError as error:\n"
        "    print('refused:', error, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert value(done.stdout, "kiosk_up") == 1
    assert "refused: TLS (ssl) is not in this build of the kiosk" in done.stderr
