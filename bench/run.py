"""The kiosk's benchmark (`make bench`): start-up, memory, taps, transitions, content loading.

    python bench/run.py [--out bench/results.json] [--runs 10]

Everything runs offscreen (QT_QPA_PLATFORM=offscreen, with a 1920x1080 virtual screen), and
every figure that has one is set against a floor measured in the same run: a bare PySide6
window started, painted and ended the same way (bench/bare_window.py). Prints a table with
PASS or MISS for each target of the issue "Measured, fast and unbreakable" and writes every
sample to a JSON file (the start-up and memory targets, and the stall's, are those of
issue 26, "Content never stalls the screen"). A missed target is not an error (exit 0); a
crash of anything measured is (exit 1).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PYTHON = sys.executable
GNU_TIME = shutil.which("time", path="/usr/bin:/bin")
SCREEN = {
    "screens": [
        {
            "name": "bench",
            "x": 0,
            "y": 0,
            "width": 1920,
            "height": 1080,
            "logicalDpi": 96,
            "logicalBaseDpi": 96,
            "dpr": 1,
        }
    ]
}
KIOSK_CMD = ["-m", "kiosk", "run", "--quit-after-paint"]
"""Spawn to the first frame: the kept picture of the start screen, when there is one."""
LIVE_CMD = ["-m", "kiosk", "run", "--quit-when-live"]
"""Spawn to the real start screen's first frame, answering taps (the whole kiosk loaded)."""
BARE_CMD = [str(BENCH / "bare_window.py")]

TARGETS = {
    "start_ratio": 2.5,
    "memory_ratio": 1.5,
    "tap_p95_ms": 50.0,
    "display_p95_ms": 100.0,
    "frame_p95_ms": 8.0,
    "dropped": 0,
    "load_ms": 30.0,
    "stall_ms": 100.0,
    "speech_p95_ms": 300.0,
}


class CrashError(Exception):
    """Something measured did not run to its end."""


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


# -- processes ---------------------------------------------------------------------------


class Runner:
    """Starts the kiosk or the floor as fresh processes, each with its own temp folder."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.count = 0
        screen = work / "screen.json"
        screen.write_text(json.dumps(SCREEN))
        self.platform = f"offscreen:configfile={screen}"

    def _env(self, folder: Path) -> dict[str, str]:
        env = dict(os.environ)
        # as installed: the warm-up run leaves each module compiled (.pyc) for the next
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.update(
            QT_QPA_PLATFORM=self.platform,
            KIOSK_CONTROL_NAME=str(folder / "control.sock"),
            KIOSK_LOG_DIR=str(folder / "log"),
            # one data folder for the whole bench: the warm-up keeps the checked snapshot the
            # counted starts begin from, as a kiosk restarted on the same content does
            KIOSK_DATA_DIR=str(self.work / "data"),
        )
        return env

    def _folder(self) -> Path:
        self.count += 1
        folder = self.work / f"run{self.count:03d}"
        folder.mkdir()
        return folder

    def _check(self, what: str, code: int, folder: Path) -> None:
        if code != 0:
            err = (folder / "stderr.txt").read_text(errors="replace")[-2000:]
            raise CrashError(f"{what} exited with {code}:\n{err}")

    def direct(self, cmd: list[str], what: str) -> dict[str, float]:
        """Spawn to exit of `python CMD`, and its peak RSS (GNU time's %M, or wait4)."""
        folder = self._folder()
        mem_file = folder / "maxrss.txt"
        argv = [PYTHON, *cmd]
        if GNU_TIME:
            argv = [GNU_TIME, "-f", "%M", "-o", str(mem_file), *argv]
        with (
            (folder / "stdout.txt").open("wb") as out,
            (folder / "stderr.txt").open("wb") as err,
        ):
            start = time.perf_counter()
            proc = subprocess.Popen(argv, env=self._env(folder), cwd=folder, stdout=out, stderr=err)
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        self._check(what, proc.returncode, folder)
        rss_kib = int(mem_file.read_text().split()[-1]) if GNU_TIME else usage.ru_maxrss
        return {"wall_ms": wall * 1000, "rss_kib": rss_kib}

    def probed(self, cmd: list[str], what: str) -> dict[str, float]:
        """The same start under bench/probe.py: in-process times on the monotonic clock."""
        folder = self._folder()
        out_file = folder / "probe.json"
        env = self._env(folder)
        argv = [PYTHON, str(BENCH / "probe.py"), str(out_file), *cmd]
        with (
            (folder / "stdout.txt").open("wb") as out,
            (folder / "stderr.txt").open("wb") as err,
        ):
            env["BENCH_T0"] = repr(time.monotonic())
            proc = subprocess.run(argv, env=env, cwd=folder, stdout=out, stderr=err, check=False)
            exited = time.monotonic()
        self._check(what, proc.returncode, folder)
        marks = json.loads(out_file.read_text())
        t0 = marks["t0"]
        if "t_first_paint" not in marks or "t_quit" not in marks:
            raise CrashError(f"{what} quit without painting a frame: {marks}")
        return {
            "interpreter_ms": (marks["t_main"] - t0) * 1000,
            "to_exec_ms": (marks["t_exec"] - t0) * 1000,
            "first_paint_ms": (marks["t_first_paint"] - t0) * 1000,
            "frame_done_ms": (marks["t_quit"] - t0) * 1000,
            "teardown_ms": (exited - marks["t_quit"]) * 1000,
            "exit_ms": (exited - t0) * 1000,
            "vm_hwm_kib": marks["vm_hwm_kib"],
        }


def interleaved(
    rounds: int, runs: dict[str, Callable[[], dict[str, float]]]
) -> dict[str, list[dict[str, float]]]:
    """Alternate the order each round, so a busy moment of the machine hits both alike."""
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in runs}
    names = list(runs)
    for index in range(rounds):
        for name in names if index % 2 == 0 else reversed(names):
            samples[name].append(runs[name]())
    return samples


# -- the parts ---------------------------------------------------------------------------


def start_up(runner: Runner, rounds: int, probe_rounds: int) -> dict[str, Any]:
    progress(f"start-up: 1 warm-up and {rounds} runs of each, then {probe_rounds} probed")
    # warm-up: caches, .pyc files, and the checked snapshot and the start screen's picture
    # that a kiosk restarted on the same content starts from
    runner.direct(KIOSK_CMD, "kiosk run --quit-after-paint")
    runner.direct(LIVE_CMD, "kiosk run --quit-when-live")
    runner.direct(BARE_CMD, "bench/bare_window.py")
    direct = interleaved(
        rounds,
        {
            "kiosk": lambda: runner.direct(KIOSK_CMD, "kiosk run --quit-after-paint"),
            "live": lambda: runner.direct(LIVE_CMD, "kiosk run --quit-when-live"),
            "floor": lambda: runner.direct(BARE_CMD, "bench/bare_window.py"),
        },
    )
    probed = interleaved(
        probe_rounds,
        {
            "kiosk": lambda: runner.probed(KIOSK_CMD, "kiosk run --quit-after-paint (probed)"),
            "floor": lambda: runner.probed(BARE_CMD, "bench/bare_window.py (probed)"),
        },
    )
    return {"direct": direct, "probed": probed}


def content_loading(runs: int = 20) -> dict[str, Any]:
    progress(f"content loading: {runs} x load_content(content.yaml)")
    from kiosk.content import load_content

    path = ROOT / "content.yaml"
    times = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        load_content(path)
        times.append((time.perf_counter() - start) * 1000)
    return {"first_ms": times[0], "ms": times[1:]}


def _in_child(runner: Runner, script: str, words: str) -> dict[str, Any]:
    """bench/SCRIPT in its own process, in a folder of its own: the figures it writes."""
    progress(words)
    folder = runner._folder()
    out = folder / f"{Path(script).stem}.json"
    with (folder / "stderr.txt").open("wb") as err:
        proc = subprocess.run(
            [PYTHON, str(BENCH / script), str(out)],
            env=runner._env(folder),
            cwd=folder,
            stdout=err,
            stderr=err,
            check=False,
        )
    runner._check(f"bench/{script}", proc.returncode, folder)
    result: dict[str, Any] = json.loads(out.read_text())
    return result


def ui(runner: Runner) -> dict[str, Any]:
    return _in_child(
        runner, "ui_bench.py", "taps and transitions: whole visits at 1920x1080 (about 40 s)"
    )


def speech(runner: Runner) -> dict[str, Any]:
    return _in_child(
        runner,
        "speech_bench.py",
        "key press to start of speech, spoken mode, stand-in voice (about 10 s)",
    )


def stall(runner: Runner) -> dict[str, Any]:
    result = _in_child(
        runner,
        "stall_bench.py",
        "longest stall while content is checked: a hot reload to slow pictures (20 s)",
    )
    if not result["refused"] or not result["still_shown"]:
        raise CrashError(f"bench/stall_bench.py: the slow pictures were not refused: {result}")
    return result


def peer() -> dict[str, Any]:
    """bench/peer.py in its own process (it starts its own X server)."""
    progress("first settled screen on Xvfb: bare window, kiosk, Chromium (about a minute)")
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    done = subprocess.run(
        [PYTHON, str(BENCH / "peer.py")], capture_output=True, text=True, env=env, check=False
    )
    if done.returncode != 0:
        raise CrashError(f"bench/peer.py failed:\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def progress(text: str) -> None:
    print(f"... {text}", file=sys.stderr, flush=True)


# -- the table ---------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def summarise(raw: dict[str, Any]) -> dict[str, Any]:
    start, ui_raw = raw["start_up"], raw["ui"]
    direct, probed = start["direct"], start["probed"]

    def med(samples: list[dict[str, float]], key: str) -> float:
        return median([s[key] for s in samples])

    summary: dict[str, Any] = {}
    k_wall, f_wall = med(direct["kiosk"], "wall_ms"), med(direct["floor"], "wall_ms")
    summary["start_ms"] = {"kiosk": k_wall, "floor": f_wall, "ratio": k_wall / f_wall}
    for key in (
        "interpreter_ms",
        "to_exec_ms",
        "first_paint_ms",
        "frame_done_ms",
        "teardown_ms",
        "exit_ms",
    ):
        k, f = med(probed["kiosk"], key), med(probed["floor"], key)
        summary[f"probe_{key}"] = {"kiosk": k, "floor": f, "ratio": k / f if f else None}
    k_rss, f_rss = med(direct["kiosk"], "rss_kib"), med(direct["floor"], "rss_kib")
    summary["rss_kib"] = {"kiosk": k_rss, "floor": f_rss, "ratio": k_rss / f_rss}
    if direct.get("live"):  # the start screen live, the whole kiosk loaded
        l_wall, l_rss = med(direct["live"], "wall_ms"), med(direct["live"], "rss_kib")
        summary["live_ms"] = {"kiosk": l_wall, "floor": f_wall, "ratio": l_wall / f_wall}
        summary["live_rss_kib"] = {"kiosk": l_rss, "floor": f_rss, "ratio": l_rss / f_rss}
    k_hwm, f_hwm = med(probed["kiosk"], "vm_hwm_kib"), med(probed["floor"], "vm_hwm_kib")
    summary["probe_vm_hwm_kib"] = {"kiosk": k_hwm, "floor": f_hwm, "ratio": k_hwm / f_hwm}

    kiosk_ui, floor_ui = ui_raw["kiosk"], ui_raw["floor"]
    taps = [t["tap_to_paint_ms"] for t in kiosk_ui["taps"]]
    changes = [t for t in kiosk_ui["taps"] if t["screen_change"]]
    floor_taps = floor_ui["tap_to_paint_ms"]
    summary["tap_to_paint_ms"] = {
        "kiosk_p50": percentile(taps, 50),
        "kiosk_p95": percentile(taps, 95),
        "floor_p50": percentile(floor_taps, 50),
        "floor_p95": percentile(floor_taps, 95),
        "taps": len(taps),
        "screen_changes": len(changes),
        "screen_change_p95": percentile([t["tap_to_paint_ms"] for t in changes], 95),
        "handler_p95": percentile([t["handler_ms"] for t in kiosk_ui["taps"]], 95),
    }
    slowest: dict[str, dict[str, Any]] = {}
    for tap in sorted(changes, key=lambda t: -t["tap_to_paint_ms"]):
        name = f"{tap['from']} -> {tap['to']}"
        slowest.setdefault(name, tap)
    summary["slowest_screen_changes"] = [
        {
            "change": name,
            "tap_to_paint_ms": t["tap_to_paint_ms"],
            "handler_ms": t["handler_ms"],
            "frame_ms": t["frame_ms"],
        }
        for name, t in list(slowest.items())[:5]
    ]

    def frames(transitions: list[dict[str, Any]]) -> dict[str, Any]:
        times = [f for t in transitions for f in t["frame_ms"]]
        fade = [f for t in transitions for f in t["fade_paint_and_flush_ms"]]
        intervals = [i for t in transitions for i in t["interval_ms"]]
        return {
            "transitions": len(transitions),
            "frames": len(times),
            "frame_p50": percentile(times, 50),
            "frame_p95": percentile(times, 95),
            "fade_and_flush_p95": percentile(fade, 95) if fade else None,
            "interval_p95": percentile(intervals, 95),
            "dropped": sum(t["dropped"] for t in transitions),
            "transitions_with_drops": sum(1 for t in transitions if t["dropped"]),
        }

    summary["frames"] = {
        "kiosk": frames(kiosk_ui["transitions"]),
        "floor": frames(floor_ui["transitions"]),
    }
    by_kind: dict[str, list[float]] = {}
    for tap in kiosk_ui.get("display_taps", []):
        by_kind.setdefault(tap["kind"], []).append(tap["tap_to_paint_ms"])
    summary["display_change_ms"] = {
        kind: {"p50": percentile(v, 50), "p95": percentile(v, 95), "taps": len(v)}
        for kind, v in by_kind.items()
    }
    loads = raw["content_loading"]["ms"]
    summary["load_ms"] = {"median": median(loads), "first": raw["content_loading"]["first_ms"]}
    summary["ui_phases_ms"] = kiosk_ui["phases"]
    summary["stall_ms"] = {
        "longest": raw["stall"]["longest_stall_ms"],
        "busiest_cpu": raw["stall"]["busiest_gap_cpu_ms"],
        "read_s": raw["stall"]["read_s"],
        "gaps_over_30_ms": len(raw["stall"]["gaps_over_30_ms"]),
    }
    summary["key_to_speech_ms"] = {
        part: {"p50": percentile(v, 50), "p95": percentile(v, 95), "keys": len(v)}
        for part, v in raw.get("speech", {}).items()
        if isinstance(v, list) and v
    }
    if "peer" in raw:
        summary["peer_settled_ms"] = {
            name: median(values) if isinstance(values, list) and values else values
            for name, values in raw["peer"].items()
        }
    return summary


def table(env: dict[str, Any], s: dict[str, Any], rounds: int, probe_rounds: int) -> str:
    lines: list[str] = []
    add = lines.append
    add(
        f"Kiosk benchmark, {env['date']}: QT_QPA_PLATFORM=offscreen (no display; a 1920x1080 "
        f"virtual screen), {env['cpus']} CPUs, load average {env['load_before']:.1f} before, "
        f"{env['load_after']:.1f} after"
    )
    add(f"Python {env['python']}, PySide6 {env['pyside6']}, pydantic {env['pydantic']}")
    add("")
    head = f"{'figure':<46}{'kiosk':>10}{'floor':>10}{'ratio':>8}  {'target':<17}result"
    add(head)
    add("-" * len(head))

    def row(name: str, kiosk: str, floor: str, ratio: str, target: str, result: str) -> None:
        add(f"{name:<46}{kiosk:>10}{floor:>10}{ratio:>8}  {target:<17}{result}")

    def ms(value: float) -> str:
        return f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"

    st = s["start_ms"]
    row(
        f"cold start, spawn to exit (median of {rounds})",
        ms(st["kiosk"]),
        ms(st["floor"]),
        f"{st['ratio']:.2f}x",
        f"<= {TARGETS['start_ratio']}x floor",
        verdict(st["ratio"] <= TARGETS["start_ratio"]),
    )
    add("  (the first frame: the kept picture of the start screen, kiosk.startpicture)")
    live = s.get("live_ms")
    if live is not None:
        row(
            "start screen live, spawn to exit (median)",
            ms(live["kiosk"]),
            ms(live["floor"]),
            f"{live['ratio']:.2f}x",
            f"<= {TARGETS['start_ratio']}x floor",
            verdict(live["ratio"] <= TARGETS["start_ratio"]),
        )
        add("  (the real window's first frame, answering taps: the whole kiosk loaded)")
    for key, label in (
        ("interpreter_ms", "  spawn to Python running (probed)"),
        ("to_exec_ms", "  spawn to app.exec() (probed)"),
        ("first_paint_ms", "  spawn to first paint event (probed)"),
        ("frame_done_ms", "  spawn to first frame done (probed)"),
        ("teardown_ms", "  first frame done to exit (probed)"),
    ):
        p = s[f"probe_{key}"]
        ratio = f"{p['ratio']:.2f}x" if p["ratio"] else ""
        row(label, ms(p["kiosk"]), ms(p["floor"]), ratio, "", "")
    rss = s["rss_kib"]
    row(
        f"peak memory, RSS (median of {rounds})",
        f"{rss['kiosk'] / 1024:.0f} MiB",
        f"{rss['floor'] / 1024:.0f} MiB",
        f"{rss['ratio']:.2f}x",
        f"<= {TARGETS['memory_ratio']}x floor",
        verdict(rss["ratio"] <= TARGETS["memory_ratio"]),
    )
    live_rss = s.get("live_rss_kib")
    if live_rss is not None:
        row(
            "peak memory, the start screen live (median)",
            f"{live_rss['kiosk'] / 1024:.0f} MiB",
            f"{live_rss['floor'] / 1024:.0f} MiB",
            f"{live_rss['ratio']:.2f}x",
            f"<= {TARGETS['memory_ratio']}x floor",
            verdict(live_rss["ratio"] <= TARGETS["memory_ratio"]),
        )
    hwm = s["probe_vm_hwm_kib"]
    row(
        "  VmHWM at exit (probed, cross-check)",
        f"{hwm['kiosk'] / 1024:.0f} MiB",
        f"{hwm['floor'] / 1024:.0f} MiB",
        f"{hwm['ratio']:.2f}x",
        "",
        "",
    )
    tap = s["tap_to_paint_ms"]
    row(
        f"tap to paint p50 ({tap['taps']} taps)",
        ms(tap["kiosk_p50"]),
        ms(tap["floor_p50"]),
        f"{tap['kiosk_p50'] / tap['floor_p50']:.1f}x",
        "",
        "",
    )
    row(
        "tap to paint p95",
        ms(tap["kiosk_p95"]),
        ms(tap["floor_p95"]),
        f"{tap['kiosk_p95'] / tap['floor_p95']:.1f}x",
        f"<= {TARGETS['tap_p95_ms']:.0f} ms",
        verdict(tap["kiosk_p95"] <= TARGETS["tap_p95_ms"]),
    )
    row(
        f"  screen changes only p95 ({tap['screen_changes']})",
        ms(tap["screen_change_p95"]),
        "",
        "",
        "",
        "",
    )
    fk, ff = s["frames"]["kiosk"], s["frames"]["floor"]
    row(
        f"transition frame p95 ({fk['frames']} frames)",
        ms(fk["frame_p95"]),
        ms(ff["frame_p95"]),
        f"{fk['frame_p95'] / ff['frame_p95']:.1f}x",
        f"<= {TARGETS['frame_p95_ms']:.0f} ms",
        verdict(fk["frame_p95"] <= TARGETS["frame_p95_ms"]),
    )
    row(
        "  of which Fade paint + flush, p95",
        ms(fk["fade_and_flush_p95"]),
        ms(ff["fade_and_flush_p95"]),
        "",
        "",
        "",
    )
    row(
        f"frames dropped at 60 Hz ({fk['transitions']} transitions)",
        f"{fk['dropped']}",
        f"{ff['dropped']}",
        "",
        "none",
        verdict(fk["dropped"] <= TARGETS["dropped"]),
    )
    row(
        "  transitions with a dropped frame",
        f"{fk['transitions_with_drops']}",
        f"{ff['transitions_with_drops']}",
        "",
        "",
        "",
    )
    labels = {"language": "language", "text_size": "text size", "contrast": "high contrast"}
    for kind, d in s.get("display_change_ms", {}).items():
        row(
            f"tap to paint p95, {labels.get(kind, kind)} ({d['taps']} taps)",
            ms(d["p95"]),
            "",
            "",
            f"<= {TARGETS['display_p95_ms']:.0f} ms",
            verdict(d["p95"] <= TARGETS["display_p95_ms"]),
        )
    ld = s["load_ms"]
    row(
        "content loading, load_content (median of 20)",
        ms(ld["median"]),
        "",
        "",
        f"<= {TARGETS['load_ms']:.0f} ms",
        verdict(ld["median"] <= TARGETS["load_ms"]),
    )
    sl = s["stall_ms"]
    row(
        f"longest stall, content checked ({sl['read_s']:.0f} s)",
        ms(sl["longest"]),
        "",
        "",
        f"<= {TARGETS['stall_ms']:.0f} ms",
        verdict(sl["longest"] <= TARGETS["stall_ms"]),
    )
    row("  the interface's own work in one gap (CPU)", ms(sl["busiest_cpu"]), "", "", "", "")
    speech_labels = {"spoken": "spoken mode", "button": "the read-aloud button"}
    for part, d in s.get("key_to_speech_ms", {}).items():
        row(
            f"key to speech p95, {speech_labels.get(part, part)} ({d['keys']} keys)",
            ms(d["p95"]),
            "",
            "",
            f"<= {TARGETS['speech_p95_ms']:.0f} ms",
            verdict(d["p95"] <= TARGETS["speech_p95_ms"]),
        )
    settled = s.get("peer_settled_ms")
    if settled is not None:
        if "skipped" in settled:
            add(f"first settled screen on Xvfb: skipped ({settled['skipped']})")
        else:
            floor = settled.get("floor")
            for name in ("kiosk", "chromium"):
                value = settled.get(name)
                if not isinstance(value, float):
                    add(f"first settled screen on Xvfb, {name}: {settled.get('note', 'none')}")
                    continue
                target = name == "kiosk" and isinstance(settled.get("chromium"), float)
                row(
                    f"first settled screen on Xvfb, {name} (median)",
                    ms(value),
                    ms(floor) if isinstance(floor, float) else "",
                    f"{value / floor:.2f}x" if isinstance(floor, float) else "",
                    "< Chromium" if target else "",
                    verdict(value < settled["chromium"]) if target else "",
                )
    add("")
    add("Slowest screen changes (tap to paint = handler + waiting for the frame + the frame):")
    for change in s["slowest_screen_changes"]:
        add(
            f"  {change['change']:<54}{ms(change['tap_to_paint_ms']):>8}"
            f"  (handler {ms(change['handler_ms'])}, frame {ms(change['frame_ms'])})"
        )
    phases = s["ui_phases_ms"]
    add(
        "Building the window in process: "
        + ", ".join(f"{k.removesuffix('_ms')} {ms(v)}" for k, v in phases.items())
    )
    add("")
    add("Notes:")
    for note in NOTES:
        add(f"- {note}")
    return "\n".join(lines)


NOTES = [
    "Key to speech: from just before the key press (QTest.keyClick on the focused widget) to"
    " the voice program's start (QProcess.started), the real espeak-ng backend running a"
    " stand-in program that exits at once (bench/speech_bench.py): the kiosk's part, not a"
    " synthesiser's (espeak-ng adds its own few tens of ms before the first sound).",
    "Cold start: wall time from just before the spawn to the exit of `python -m kiosk run "
    "--quit-after-paint` (full-screen path; each run with its own KIOSK_CONTROL_NAME and "
    "KIOSK_LOG_DIR in a temp folder) and of `python bench/bare_window.py` (QApplication, a "
    "QWidget shown full screen, quit by a 0 ms timer from its first paintEvent), alternating, "
    "after one discarded warm-up run of each (warm disk cache and .pyc files). The kiosk's "
    "first frame is the kept picture of its start screen (kiosk/startpicture.py), which the "
    "warm-up keeps, as a kiosk restarted on the same content has it; 'start screen live' is "
    "`kiosk run --quit-when-live`, spawn to exit after the real window's first frame (the "
    "whole kiosk loaded, answering taps), and its peak RSS, against the same floor.",
    "Probed: the same commands run in-process by bench/probe.py (runpy); its times are "
    "system-wide monotonic clock readings minus the parent's reading just before the spawn. "
    "'first paint event' is when Qt delivers the first Paint event to the top-level window; "
    "'first frame done' is aboutToQuit (the frame painted and flushed, the 0 ms timer fired).",
    "Memory: peak RSS of each process as GNU time's %M (/usr/bin/time -f %M; wait4's "
    "ru_maxrss if it is missing); VmHWM read by the probe just before exit cross-checks it.",
    "Taps: in one process, KioskWindow(Kiosk(load_content(content.yaml)), QSize(1920, 1080)) "
    "with its defaults (200 ms fade, 0.4 s tap guard), styled as `kiosk run` does; four whole "
    "visits (three outcomes and a red flag) by QTest.mouseClick on the real buttons. Tap to "
    "paint = from just before the click to the end of the first frame painted after the "
    "session has moved (the loop is run with app.processEvents(), no forced repaint()). A "
    "frame = the window's UpdateRequest: every dirty widget painted, then the flush.",
    "Transitions: the real event loop runs until the fade is over; frame time p95 over every "
    "frame from the first after the tap to the first without the fade; an interval over "
    "1.5 x 16.7 ms between the starts of two frames counts as a dropped frame.",
    "Floor of taps and transitions: a bare 1920x1080 QWidget with one QPushButton whose click "
    "grabs the window and starts the same Fade (kiosk/ui/transition.py).",
    "Content loading: median of 20 calls after one discarded first call (in the runner).",
    "Stall: bench/stall_bench.py builds the window as `kiosk run` does (content read by the "
    "content worker, polled by the app's timer), then two therapists' photos become SVGs that "
    "take Qt tens of seconds to draw (tests/slowdraw.py) and the kiosk finds the change; a "
    "10 ms timer of the event loop ticks until the refusal is taken in and 0.5 s after: the "
    "longest gap between ticks is the longest a tap would have waited. On a machine busier "
    "than its cores the gaps include the time the kiosk was not scheduled at all; the "
    "processor time of the interface's thread within one gap (thread_time) is the part that "
    "was the kiosk's own work.",
    "All the kiosk's runs share one data folder: the warm-up keeps the checked snapshot, and "
    "the counted starts begin from it, as a kiosk restarted on the same content does "
    "(kiosk/content/startfrom.py; an edited file would be checked first).",
    "Each run of the kiosk may write Python's compiled modules (PYTHONDONTWRITEBYTECODE is "
    "dropped), so the warm-up leaves them for the counted runs, as an installed kiosk has them.",
    "Percentiles are nearest-rank. The machine may be busy with other work: compare runs.",
]


def environment(load_before: float) -> dict[str, Any]:
    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "?"

    return {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "platform": "offscreen (1920x1080 virtual screen)",
        "cpus": os.cpu_count(),
        "machine": platform.platform(),
        "python": platform.python_version(),
        "pyside6": version("PySide6-Essentials"),
        "pydantic": version("pydantic"),
        "memory_method": "GNU time %M" if GNU_TIME else "wait4 ru_maxrss",
        "load_before": load_before,
        "load_after": os.getloadavg()[0],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=BENCH / "results.json")
    parser.add_argument("--runs", type=int, default=10, help="cold starts of each (>= 10)")
    parser.add_argument("--probed", type=int, default=5, help="probed starts of each")
    parser.add_argument(
        "--peer",
        action="store_true",
        help="also spawn to the settled first screen on Xvfb: bare window, kiosk, Chromium",
    )
    args = parser.parse_args(argv)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp:
        runner = Runner(Path(tmp))
        try:
            raw = {
                "start_up": start_up(runner, args.runs, args.probed),
                "content_loading": content_loading(),
                "ui": ui(runner),
                "stall": stall(runner),
                "speech": speech(runner),
            }
            if args.peer:
                raw["peer"] = peer()
        except CrashError as crash:
            print(f"bench: {crash}", file=sys.stderr)
            return 1
    env = environment(load_before)
    env["duration_s"] = time.perf_counter() - started
    summary = summarise(raw)
    print(table(env, summary, args.runs, args.probed))
    print(f"\n({env['duration_s']:.0f} s; every sample in {args.out})")
    args.out.write_text(
        json.dumps(
            {"environment": env, "targets": TARGETS, "summary": summary, "raw": raw}, indent=1
        )
        + "\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
