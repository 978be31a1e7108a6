"""The shipped Grafana dashboard (issue 29, item 2): every query names only metrics that exist
(the kiosk's file, the content sync's file, node_exporter's and Prometheus's own `up`), every
query parses as PromQL (`promtool check rules`), and, evaluated by promtool against a chain
where one site goes offline and one push is refused, the dashboard shows both: the offline site
keeps its row with the version it last ran, and the refused push is counted."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from prometheus_client.parser import text_string_to_metric_families
from test_alert_rules import RULES, promtool

from kiosk.core.metrics import KioskState, metrics_text

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "docs" / "grafana-dashboard.json"
SYNC = ROOT / "docs" / "kiosk-content-sync"
PROMETHEUS_OWN = {"up"}
NODE_EXPORTER_OWN = {"node_textfile_mtime_seconds", "node_filesystem_avail_bytes"}
"""Documented by node_exporter: its textfile collector's file times, its file systems."""
KEYWORDS = {"and", "or", "unless", "bool", "offset"}


def panels() -> list[dict[str, Any]]:
    panels: list[dict[str, Any]] = json.loads(DASHBOARD.read_text("utf-8"))["panels"]
    return panels


def dashboard_exprs() -> list[str]:
    return [target["expr"] for panel in panels() for target in panel["targets"]]


def rule_exprs() -> list[str]:
    data = yaml.safe_load(RULES.read_text("utf-8"))
    return [rule["expr"] for group in data["groups"] for rule in group["rules"]]


def query(title: str, ref: str = "A") -> str:
    for panel in panels():
        if panel["title"].startswith(title):
            return next(t["expr"] for t in panel["targets"] if t["refId"] == ref)
    raise AssertionError(f"no panel titled {title!r}")


def metric_names(expr: str) -> set[str]:
    """The metric names a PromQL expression reads (not its functions, labels or keywords)."""
    expr = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)
    expr = re.sub(r"\{[^}]*\}", " ", expr)
    expr = re.sub(r"\[[^\]]*\]", " ", expr)
    expr = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", expr)
    names = re.findall(r"(?<![\w:.])([A-Za-z_:][\w:]*)\b(?!\s*\()", expr)
    return set(names) - KEYWORDS


def written() -> set[str]:
    """Every metric the kiosk writes (all of them, as when every count has a value) and every
    metric the content sync writes."""
    state = KioskState(
        up=True,
        started=1.0,
        app_version="1",
        content_version="v",
        content_commit=None,
        content_hash="h",
        content_problem=False,
        content_waiting=False,
        paused=False,
        last_reload=(1.0, "valid"),
        store_errors={"full": 1},
    )
    families = text_string_to_metric_families(metrics_text(state))
    kiosk = {sample.name for family in families for sample in family.samples}
    sync = set(re.findall(r"# TYPE (\w+) ", SYNC.read_text("utf-8")))
    assert kiosk and sync
    return kiosk | sync


def test_the_name_finder_finds_names_and_nothing_else() -> None:
    assert metric_names(
        "max by (instance, kiosk_id) (topk by (instance) (1, last_over_time("
        'timestamp(kiosk_content_info{file=~"a.prom"})[1d:1m]))) * 1000 unless on (version) up'
    ) == {"kiosk_content_info", "up"}


@pytest.mark.parametrize("source", ["dashboard", "alert rules"])
def test_every_metric_named_is_one_the_kiosk_the_sync_or_prometheus_writes(source: str) -> None:
    exprs = dashboard_exprs() if source == "dashboard" else rule_exprs()
    named = {name for expr in exprs for name in metric_names(expr)}
    known = written() | PROMETHEUS_OWN | NODE_EXPORTER_OWN
    assert named and named <= known, named - known


def test_the_dashboard_reads_up_the_syncs_refusals_and_the_last_good_copy() -> None:
    """What the issue's operator missed: an offline site (only `up` knows), a refused push
    (only the sync's file knows), a kiosk on its last good copy."""
    named = {name for expr in dashboard_exprs() for name in metric_names(expr)}
    assert {"up", "kiosk_content_sync_refused", "kiosk_content_running_last_good"} <= named


def test_every_query_parses(tmp_path: Path) -> None:
    rules = [{"record": f"dashboard:query_{i}", "expr": e} for i, e in enumerate(dashboard_exprs())]
    path = tmp_path / "dashboard.rules.yml"
    path.write_text(yaml.safe_dump({"groups": [{"name": "dashboard", "rules": rules}]}), "utf-8")
    done = run_promtool("check", "rules", str(path))
    assert f"SUCCESS: {len(rules)} rules found" in done, done


def run_promtool(*args: str, cwd: Path | None = None) -> str:
    import subprocess

    done = subprocess.run([promtool(), *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_an_offline_site_and_a_refused_push_show(tmp_path: Path) -> None:
    """Three sites on version v1; site-b goes offline at 3 minutes (only `up` 0 remains), site-a
    takes v2 at 5 minutes, and site-c's sync refuses the next push at 10 minutes. At 20 minutes
    the dashboard says: one site unreachable, two versions, one refused push, and the table has a
    row for site-b with the version it last ran and when it was last seen."""

    def kiosk(site: str, version: str, values: str) -> dict[str, str]:
        labels = (
            f'job="clinic-kiosk", instance="{site}:9100", kiosk_id="{site}", '
            f'version="{version}", commit="", hash="h", app_version="1.0"'
        )
        return {"series": f"kiosk_content_info{{{labels}}}", "values": values}

    def up(site: str, values: str) -> dict[str, str]:
        return {"series": f'up{{job="clinic-kiosk", instance="{site}:9100"}}', "values": values}

    def refused(site: str, values: str) -> dict[str, str]:
        series = f'kiosk_content_sync_refused{{job="clinic-kiosk", instance="{site}:9100"}}'
        return {"series": series, "values": values}

    series = [
        up("site-a", "1x20"),
        up("site-b", "1 1 1 0x17"),
        up("site-c", "1x20"),
        kiosk("site-a", "v1", "1x4 _x16"),
        kiosk("site-a", "v2", "_x5 1x15"),
        kiosk("site-b", "v1", "1 1 1 _x17"),
        kiosk("site-c", "v1", "1x20"),
        refused("site-a", "0x20"),
        refused("site-b", "0 0 0 _x17"),
        refused("site-c", "0x9 1x11"),
    ]
    row = '{{instance="{0}:9100", kiosk_id="{0}", version="{1}", app_version="1.0"}}'
    checks = [
        (query("Sites unreachable"), [("{}", 1)]),
        (query("Content versions"), [("{}", 2)]),
        (query("Refused pushes"), [("{}", 1)]),
        (
            query("Kiosks (one row each"),
            [
                (row.format("site-a", "v2"), 20 * 60 * 1000),
                (row.format("site-b", "v1"), 2 * 60 * 1000),  # last seen at 2 minutes
                (row.format("site-c", "v1"), 20 * 60 * 1000),
            ],
        ),
        (
            query("Kiosks (one row each", "B"),
            [
                (f'{{instance="{s}:9100"}}', 0 if s == "site-b" else 1)
                for s in ("site-a", "site-b", "site-c")
            ],
        ),
    ]
    tests = {
        "tests": [
            {
                "interval": "1m",
                "input_series": series,
                "promql_expr_test": [
                    {
                        "expr": expr,
                        "eval_time": "20m",
                        "exp_samples": [{"labels": labels, "value": v} for labels, v in samples],
                    }
                    for expr, samples in checks
                ],
            }
        ]
    }
    (tmp_path / "dashboard.test.yml").write_text(yaml.safe_dump(tests), "utf-8")
    assert "SUCCESS" in run_promtool("test", "rules", "dashboard.test.yml", cwd=tmp_path)
