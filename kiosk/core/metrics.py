"""The running kiosk's state in the Prometheus text format (no Qt, no server).

`kiosk ctl metrics` prints it, and `kiosk run --metrics-file PATH` keeps it in a file that
node_exporter's textfile collector serves (written atomically: a temporary file renamed over
the old one). The text is made by the official `prometheus_client` library, from a registry
of the kiosk's own (never the library's global one, which would add the process's memory
and garbage-collector figures of whatever else imported it).

Only aggregate counts, and nothing a visitor did can be read from them:

- nothing that follows from an answer is here at all (no outcome, no red flag, no screen
  where a visit stopped): those are the figures' sensitive counts (`kiosk.core.stats`);
- the counts a visit moves (visits started, self-checks completed, resets by reason) are
  given in steps of `MIN_VISITS` (rounded down), so that a scrape every few seconds cannot
  time one visitor: 0 until the fifth, then 5 until the tenth, and so on. The day's exact
  counts are in `kiosk stats`, by day, with the small-cell rule;
- the file is written on a steady cadence (`METRICS_INTERVAL_MS`) only, never at the moment
  a state changes: content waiting for a visit to end is applied as it ends, and a file
  rewritten then would time the visitor's end.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .stats import MIN_VISITS


def _tls_stand_in() -> None:
    """Let prometheus_client load where TLS is left out (the bundle: build_spec.spec excludes
    ssl, _ssl and libssl, 0.9 MB the kiosk never uses, as it opens no connection).

    Its exposition module imports `ssl` for its HTTPS server and push gateway, which the kiosk
    never calls; at import it only names `ssl.TLSVersion`, `ssl.SSLContext` and two protocol
    numbers (in signatures). Where `import ssl` fails, a stand-in module with those names is
    put in its place; anything that would really use TLS through it fails with ImportError.
    Where ssl is there (a source checkout), nothing is done."""
    try:
        import ssl  # noqa: F401
    except ImportError:
        import sys
        import types

        class _Unavailable:
            def __init__(self, *_args: object, **_kwargs: object) -> None:
                raise ImportError("TLS (ssl) is not in this build of the kiosk")

        stand_in = types.ModuleType("ssl", "TLS is not in this build (see kiosk.core.metrics)")
        for name in ("SSLContext", "TLSVersion", "Purpose"):
            setattr(stand_in, name, _Unavailable)
        stand_in.PROTOCOL_TLS_SERVER = 17  # type: ignore[attr-defined]
        stand_in.PROTOCOL_TLS_CLIENT = 16  # type: ignore[attr-defined]
        sys.modules["ssl"] = stand_in


_tls_stand_in()
from prometheus_client import CollectorRegistry, generate_latest  # noqa: E402
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric  # noqa: E402
from prometheus_client.registry import Collector  # noqa: E402

log = logging.getLogger("kiosk")
PREFIX = "kiosk"
METRICS_INTERVAL_MS = 15_000
"""How often `--metrics-file` is written (node_exporter reads it when Prometheus scrapes)."""


def in_steps(count: int, step: int = MIN_VISITS) -> int:
    """`count` rounded down to a multiple of `step` (see the module)."""
    return max(0, count) // step * step


@dataclass(frozen=True)
class KioskState:
    """What the metrics say, gathered by the running kiosk (`Kiosk.metrics_state`)."""

    up: bool
    started: float
    """The kiosk's start, in seconds since 1970 (UTC)."""
    app_version: str
    content_version: str
    content_commit: str | None
    content_hash: str
    content_problem: bool
    """The content on disk has problems: the kiosk runs its last good content."""
    content_waiting: bool
    paused: bool
    last_reload: tuple[float, str] | None
    """When the content was last read again (seconds since 1970) and how (valid, refused,
    missing)."""
    running_last_good: bool = False
    """Started on the copy of the last good content (`kiosk.content.lastgood`): the content
    file given was broken at start and has not been fixed since."""
    reloads: Mapping[str, int] = field(default_factory=dict)
    visits_today: int = 0
    self_checks_today: int = 0
    resets_today: Mapping[str, int] = field(default_factory=dict)
    crashes: int | None = None
    """Crashes counted by `kiosk run --supervise` before this start (None: not supervised)."""
    store_errors: Mapping[str, int] = field(default_factory=dict)
    """Failed reads and writes of the figures' file, by kind (full, readonly, locked, ...)."""
    kiosk_id: str = ""


RELOAD_RESULTS = ("valid", "refused", "missing")
RESET_REASONS = ("finish", "idle", "staff", "control", "error")


class _KioskCollector(Collector):
    def __init__(self, state: KioskState) -> None:
        self.state = state

    def collect(self) -> Iterator[Metric]:
        s = self.state
        yield _gauge("up", "1 while the kiosk runs; 0 written when it stops cleanly", int(s.up))
        yield _gauge("start_time_seconds", "When the kiosk started (Unix time)", s.started)
        info = GaugeMetricFamily(
            f"{PREFIX}_content_info",
            "The content running: version (the commit in a git checkout, else the hash), "
            "commit and snapshot hash; always 1",
            labels=["version", "commit", "hash", "app_version", "kiosk_id"],
        )
        info.add_metric(
            [s.content_version, s.content_commit or "", s.content_hash, s.app_version, s.kiosk_id],
            1,
        )
        yield info
        yield _gauge(
            "content_problem",
            "1 when the content on disk has problems and the last good content runs",
            int(s.content_problem),
        )
        yield _gauge(
            "content_waiting",
            "1 when valid new content waits for the visit to end",
            s.content_waiting,
        )
        yield _gauge(
            "content_running_last_good",
            "1 when the kiosk started on its copy of the last good content (the content file "
            "given was broken) and runs it until the file is fixed",
            int(s.running_last_good),
        )
        yield _gauge("paused", "1 while staff have paused the kiosk", int(s.paused))
        if s.last_reload is not None:
            yield _gauge(
                "content_last_reload_timestamp_seconds",
                "When the content was last read again (Unix time)",
                s.last_reload[0],
            )
            yield _gauge(
                "content_last_reload_success",
                "1 if the last read of the content was valid, 0 if it was refused or missing",
                int(s.last_reload[1] == "valid"),
            )
        reloads = CounterMetricFamily(
            f"{PREFIX}_content_reloads",
            "Reads of changed content since the start, by result: valid (applied now, or when "
            "the visit ends), refused, missing",
            labels=["result"],
        )
        for result in sorted({*RELOAD_RESULTS, *s.reloads}):
            reloads.add_metric([result], s.reloads.get(result, 0))
        yield reloads
        step = f" (in steps of {MIN_VISITS}, rounded down: no single visit shows)"
        yield _gauge("visits_today", "Visits started today" + step, in_steps(s.visits_today))
        yield _gauge(
            "self_checks_today", "Self-checks completed today" + step, in_steps(s.self_checks_today)
        )
        resets = GaugeMetricFamily(
            f"{PREFIX}_resets_today",
            "Visits ended today, by how (finish, idle, staff, control, error)" + step,
            labels=["reason"],
        )
        for reason in sorted({*RESET_REASONS, *s.resets_today}):
            resets.add_metric([reason], in_steps(s.resets_today.get(reason, 0)))
        yield resets
        yield _gauge(
            "supervised", "1 when run by `kiosk run --supervise`", int(s.crashes is not None)
        )
        crashes = CounterMetricFamily(
            f"{PREFIX}_supervisor_crashes",
            "Crashes of the kiosk counted by `kiosk run --supervise` since it started (0 when "
            "not supervised; under systemd see node_exporter's systemd collector)",
        )
        crashes.add_metric([], s.crashes or 0)
        yield crashes
        errors = CounterMetricFamily(
            f"{PREFIX}_figures_store_errors",
            "Failed reads and writes of the usage figures' file since the start, by kind",
            labels=["kind"],
        )
        for kind in sorted(s.store_errors):
            errors.add_metric([kind], s.store_errors[kind])
        yield errors


def _gauge(name: str, documentation: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(f"{PREFIX}_{name}", documentation, value=float(value))


def metrics_text(state: KioskState) -> str:
    """The state in the Prometheus text exposition format (version 0.0.4)."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_KioskCollector(state))
    return generate_latest(registry).decode("utf-8")


class MetricsFile:
    """Keeps the metrics text in one file for node_exporter's textfile collector: written to a
    temporary file in the same folder and renamed over the old one, so a reader sees the old
    text or the new one, never half. A problem (an unwritable folder, a full disk) is logged
    once, and again only when it changes or is over; it never reaches the kiosk."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problem: str | None = None
        self.writes = 0

    def write(self, text: str) -> bool:
        temp: str | None = None
        try:
            fd, temp = tempfile.mkstemp(
                prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent
            )
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as file:
                file.write(text)
            os.chmod(temp, 0o644)  # node_exporter may run as another user
            os.replace(temp, self.path)
        except (OSError, ValueError) as error:
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
            problem = f"{getattr(error, 'strerror', None) or error}"
            if problem != self.problem:
                log.warning(
                    "cannot write the metrics file %s (%s); the kiosk runs on and tries again",
                    self.path,
                    problem,
                )
            self.problem = problem
            return False
        if self.problem is not None:
            log.info("the metrics file %s is written again", self.path)
            self.problem = None
        self.writes += 1
        return True
