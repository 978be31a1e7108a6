"""How long `kiosk stats merge` takes, and its peak memory (issue 28, item 4).

    python bench/merge.py

Writes, in a temporary folder, two one-year `--json` exports and the same two as `--csv`
(365 days of the made-up figures of `sample_rows`, with 30 screens a day timed in three
buckets: about 50,000 rows each, as a busy kiosk writes) and one CSV of 60 MB (1.5 million
rows), then runs `python -m kiosk stats merge FILES --csv` on each set and prints the wall
time and the peak memory (GNU time's %M) of the process, start-up included, and of the
merge alone in this process. A figure, not a test: nothing fails.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.core.exports import (  # noqa: E402
    csv_text,
    export_of,
    json_data,
    merge,
    parse_export,
    summary_of,
)
from kiosk.core.stats import CountRow, sample_rows, summarise  # noqa: E402

END = dt.date(2026, 11, 30)
GNU_TIME = shutil.which("time", path="/usr/bin:/bin")


def year_rows() -> list[CountRow]:
    rows = sample_rows(END, days=365)
    extra = []
    for row in rows:
        if row.metric == "visits":
            for screen in range(30):
                extra.append(CountRow(row.day, "screen", f"screen:s{screen}", row.n))
                for bucket in ("0-2", "2-5", "5-10"):
                    extra.append(CountRow(row.day, f"time {bucket}", f"screen:s{screen}", 1))
    return sorted(rows + extra)


def write_files(folder: Path) -> dict[str, list[Path]]:
    rows = year_rows()
    sets: dict[str, list[Path]] = {"two one-year JSON": [], "two one-year CSV": []}
    for ident in ("elm", "oak"):
        export = export_of(rows, 365, END, ident)
        path = folder / f"{ident}.json"
        path.write_text(json.dumps(json_data(export, summarise(rows, 365, END)), indent=2))
        sets["two one-year JSON"].append(path)
        path = folder / f"{ident}.csv"
        path.write_text(csv_text(export))
        sets["two one-year CSV"].append(path)
    big = folder / "big.csv"
    with big.open("w") as file:
        file.write("kiosk_id,day,metric,key,count\n")
        size, index = 0, 0
        while size < 60_000_000:
            day = dt.date(2000, 1, 1) + dt.timedelta(days=index // 400)
            line = f"big,{day},screen,screen:s{index % 400},{index % 50}\n"
            file.write(line)
            size += len(line)
            index += 1
    sets["one CSV of 60 MB"] = [big]
    return sets


def in_process(files: list[Path]) -> float:
    start = time.perf_counter()
    exports = ((str(p), parse_export(p.read_text("utf-8"), str(p))) for p in files)
    merged = merge(exports, dt.date.today())
    csv_text(merged)
    summary_of(merged)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        sets = write_files(Path(temp))
        for name, files in sets.items():
            command = [sys.executable, "-m", "kiosk", "stats", "merge", *map(str, files), "--csv"]
            if GNU_TIME:
                command = [GNU_TIME, "-f", "%e %M", *command]
            done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
            wall, peak = done.stderr.split()[-2:] if GNU_TIME else ("?", "?")
            alone = min(in_process(files) for _ in range(3))
            print(
                f"{name:<20} process {wall:>6} s, peak {int(peak) // 1024 if peak != '?' else '?'}"
                f" MB; merge alone {alone:.2f} s"
            )


if __name__ == "__main__":
    main()
