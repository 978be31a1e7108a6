"""Smoke-test the one-folder build the way a clinic gets it: `make dist-check` (and CI).

Copies dist/kiosk/ into a fresh temporary folder and runs it there with an empty environment
(`env -i`): PATH=/nonexistent, so there is no Python (or any other program) to fall back on,
HOME and the kiosk's log, data and control-channel paths in the temporary folder, and the
offscreen Qt platform. Checks, in order:

  1. `kiosk --version` names the version of kiosk/__init__.py;
  2. `kiosk validate` passes on the bundled content.yaml;
  3. `kiosk preview --out DIR` writes every screen (as many as the source's `kiosk preview`
     with --source, else at least 29 PNG files);
  4. `kiosk run --quit-after-paint` paints a first frame and exits 0; with `--metrics-file`
     it writes the metrics (prometheus_client works in the bundle, which leaves TLS out);
  5. a content.yaml placed beside the program wins over the bundled one;
  6. `--content`/a path still beats both: the example clinic validates and runs;
  7. `kiosk init <the program's folder>` writes that content.yaml (as INSTALL.txt says);
  8. the content checks have what they need inside the bundle: libyaml (a 1 MB content file
     is read, which the pure-Python reader's 128 KB cap would refuse), fontTools (a clinic's
     whole font passes, a cut-short one is refused) and the child process that draws a
     clinic's pictures (one Qt cannot decode is refused);
  9. the bundle stays within its size budget (120 MB).

Exits 0 when all pass, 1 at the first failure (with the command and its output).
`--timing N` also times the start-up (median of N `run --quit-after-paint`), of the bundle
and, with --source, of the source checkout.

    .venv/bin/python scripts/dist_check.py [--bundle dist/kiosk] [--source .venv/bin/kiosk]
"""

from __future__ import annotations

import argparse
import base64
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIN_SCREENS = 29
TIMEOUT = 120  # seconds for one command: a loaded 2-core CI machine is slow, not stuck


class CheckError(Exception):
    pass


def version() -> str:
    text = (ROOT / "kiosk" / "__init__.py").read_text("utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if not found:
        raise CheckError("no __version__ in kiosk/__init__.py")
    return found.group(1)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


class Sandbox:
    """A temporary folder with a copy of the bundle and an empty environment to run it in."""

    def __init__(self, bundle: Path, work: Path) -> None:
        self.work = work
        self.bundle = work / "clinic-kiosk"
        shutil.copytree(bundle, self.bundle, symlinks=True)
        self.program = self.bundle / ("kiosk.exe" if os.name == "nt" else "kiosk")
        self.home = work / "home"
        self.runtime = work / "run"
        for folder in (self.home, self.runtime):
            folder.mkdir(mode=0o700)
        self.runs = 0
        self.last_env: dict[str, str] = {}

    def env(self) -> dict[str, str]:
        """A fresh, empty environment for each run: unique log folder and control socket."""
        self.runs += 1
        return {
            "PATH": "/nonexistent",  # no python, no anything: the bundle must not need them
            "HOME": str(self.home),
            "LANG": "C.UTF-8",
            "XDG_RUNTIME_DIR": str(self.runtime),
            "QT_QPA_PLATFORM": "offscreen",
            "KIOSK_LOG_DIR": str(self.work / f"log-{self.runs}"),
            "KIOSK_DATA_DIR": str(self.work / f"data-{self.runs}"),
            "KIOSK_CONTROL_NAME": str(self.runtime / f"control-{self.runs}"),
        }

    def run(self, *args: str, expect: int = 0) -> subprocess.CompletedProcess[str]:
        command = [str(self.program), *args]
        self.last_env = self.env()
        try:
            done = subprocess.run(
                command,
                env=self.last_env,
                cwd=self.work,  # a clean folder: nothing of the repository around
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise CheckError(f"{' '.join(args)}: no exit within {TIMEOUT} s") from None
        if done.returncode != expect:
            raise CheckError(
                f"kiosk {' '.join(args)}: exit {done.returncode}, expected {expect}\n"
                f"--- stdout\n{done.stdout}--- stderr\n{done.stderr}"
            )
        return done


def source_preview_count(source: Path, work: Path) -> int:
    out = work / "source-previews"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_LOG_DIR": str(work / "src-log")}
    subprocess.run(
        [str(source), "preview", "--out", str(out)],
        env=env,
        capture_output=True,
        check=True,
        timeout=TIMEOUT,
    )
    return len(list(out.glob("*.png")))


def startup_seconds(command: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [*command, "run", "--quit-after-paint"],
        env=env,
        cwd=cwd,
        capture_output=True,
        check=True,
        timeout=TIMEOUT,
    )
    return time.perf_counter() - start


def ok(message: str) -> None:
    print(f"ok   {message}", flush=True)


def check(bundle: Path, source: Path | None, max_mb: float, timing: int) -> None:
    if not bundle.is_dir():
        raise CheckError(f"{bundle} is not there: build it first (make dist)")
    with tempfile.TemporaryDirectory(prefix="kiosk-dist-check-") as tmp:
        box = Sandbox(bundle, Path(tmp))
        print(f"checking a copy of {bundle} in {box.bundle}, PATH=/nonexistent", flush=True)

        done = box.run("--version")
        if done.stdout.strip() != f"kiosk {version()}":
            raise CheckError(f"--version says {done.stdout.strip()!r}, not 'kiosk {version()}'")
        ok(f"--version: {done.stdout.strip()}")

        done = box.run("validate")  # its first line says which file it checks
        bundled = box.bundle / "_internal" / "content.yaml"
        if f"\n{bundled}: valid" not in done.stdout:
            raise CheckError(f"validate did not check the bundled {bundled}:\n{done.stdout}")
        ok(f"validate: {done.stdout.strip()}")

        previews = box.work / "previews"
        done = box.run("preview", "--out", str(previews))
        pngs = len(list(previews.glob("*.png")))
        wanted = source_preview_count(source, box.work) if source else MIN_SCREENS
        if pngs < wanted or (source and pngs != wanted):
            raise CheckError(f"preview wrote {pngs} PNG files, expected {wanted}")
        ok(f"preview: {pngs} PNG files" + (f" (the source writes {wanted})" if source else ""))

        box.run("run", "--quit-after-paint")
        ok("run --quit-after-paint (offscreen): exit 0")

        # prometheus_client inside the bundle, which leaves TLS out (kiosk/core/metrics.py)
        prom = box.work / "clinic-kiosk.prom"
        box.run("run", "--quit-after-paint", "--metrics-file", str(prom))
        text = prom.read_text("utf-8") if prom.exists() else ""
        if "kiosk_up 0.0" not in text or "kiosk_content_info{" not in text:
            raise CheckError(f"run --metrics-file wrote no metrics to {prom}:\n{text}")
        ok("run --metrics-file: the metrics, and kiosk_up 0 after the stop")

        # a content.yaml beside the program wins over the bundled one
        beside = box.bundle / "content.yaml"
        text = bundled.read_text("utf-8")
        renamed, count = re.subn(
            r"^(clinic:\s*\n\s+name:\s*).*$", r'\1"Dist Check Clinic"', text, flags=re.MULTILINE
        )
        if count != 1:
            raise CheckError("cannot find clinic: name: in the bundled content.yaml")
        beside.write_text(renamed, "utf-8")
        done = box.run("validate")
        if f"\n{beside}: valid" not in done.stdout:
            raise CheckError(f"validate did not pick {beside}:\n{done.stdout}")
        ok(f"content.yaml beside the program wins: {done.stdout.strip()}")
        # ... and a broken one there is reported with its own name and line
        beside.write_text(renamed.replace("clinic:", "clinik:", 1), "utf-8")
        done = box.run("validate", expect=1)
        if "unknown key 'clinik'" not in done.stderr:
            raise CheckError(f"validate did not report the broken {beside}:\n{done.stderr}")
        ok("a broken content.yaml beside the program: exit 1, " + done.stderr.splitlines()[-1])
        beside.write_text(renamed, "utf-8")
        box.run("run", "--quit-after-paint")
        log = Path(box.last_env["KIOSK_LOG_DIR"]) / "kiosk.log"
        if f"kiosk started with {beside}" not in log.read_text("utf-8"):
            raise CheckError(f"run did not start with {beside}; its log:\n{log.read_text()}")
        ok("run --quit-after-paint starts with the content.yaml beside the program")

        example = box.work / "harbour-physio"
        shutil.copytree(ROOT / "examples" / "harbour-physio", example)
        done = box.run("validate", str(example / "content.yaml"))
        if not done.stdout.startswith(f"{example / 'content.yaml'}: valid"):
            raise CheckError(f"validate of the example:\n{done.stdout}")
        ok(f"validate PATH beats the file beside the program: {done.stdout.strip()}")
        box.run("run", "--content", str(example / "content.yaml"), "--quit-after-paint")
        ok("run --content examples/harbour-physio/content.yaml --quit-after-paint: exit 0")
        arabic = box.work / "nakheel-physio"  # right to left, the words and dates in Arabic
        shutil.copytree(ROOT / "examples" / "nakheel-physio", arabic)
        done = box.run("validate", str(arabic / "content.yaml"))
        if not done.stdout.startswith(f"{arabic / 'content.yaml'}: valid") or done.stderr:
            raise CheckError(f"validate of the Arabic example:\n{done.stdout}{done.stderr}")
        box.run("preview", "--content", str(arabic / "content.yaml"), "--out", str(box.work / "ar"))
        if not (box.work / "ar" / "03-screen-see_a_doctor.png").is_file():
            raise CheckError("preview of the Arabic example wrote no screens")
        ok("the Arabic example validates with no warning (its fonts, words and dates) and previews")
        beside.unlink()

        # what INSTALL.txt tells a clinic to do: `kiosk init` the program's own folder
        box.run("init", str(box.bundle))
        done = box.run("validate")
        if f"\n{beside}: valid" not in done.stdout:  # after the line naming the file
            raise CheckError(f"validate after init did not pick {beside}:\n{done.stdout}")
        ok(f"kiosk init {box.bundle.name}: writes the content.yaml beside the program")
        beside.unlink()
        shutil.rmtree(box.bundle / "assets")
        (box.bundle / "content.schema.json").unlink()
        check_content_readers(box)

        size = folder_size(box.bundle) / 1024 / 1024
        if size > max_mb:
            raise CheckError(f"the bundle is {size:.1f} MB, over its budget of {max_mb:.0f} MB")
        ok(f"size: {size:.1f} MB (budget {max_mb:.0f} MB)")

        if timing:
            ok(startup_line(box, source, timing))


def check_content_readers(box: Sandbox) -> None:
    """libyaml, fontTools and the drawing child, each used by the bundle on a clinic folder."""
    clinic = box.work / "clinic"
    shutil.copytree(ROOT / "assets", clinic / "assets")
    text = (ROOT / "content.yaml").read_text("utf-8")
    start = text.index("\n  - id: what_is_sciatica\n")
    end = text.index("\n  - id: ", start + 1)
    screen = text[start:end]
    copies = [screen.replace("what_is_sciatica", f"also_{i}", 1) for i in range(450)]
    big = text[:end] + "".join(copies) + text[end:]
    (clinic / "content.yaml").write_text(big, "utf-8")
    done = box.run("validate", str(clinic / "content.yaml"))
    ok(f"libyaml: a {len(big) / 1024 / 1024:.1f} MB content file: {done.stdout.strip()}")

    font = (ROOT / "assets" / "fonts" / "Lato-Regular.ttf").read_bytes()
    text = text.replace("  corner_radius: 18", "  corner_radius: 18\n  font: assets/f.ttf")
    (clinic / "content.yaml").write_text(text, "utf-8")
    (clinic / "assets" / "f.ttf").write_bytes(font)
    box.run("validate", str(clinic / "content.yaml"))
    (clinic / "assets" / "f.ttf").write_bytes(font[: len(font) // 3])
    done = box.run("validate", str(clinic / "content.yaml"), expect=1)
    if "brand.font: 'assets/f.ttf' is a broken or cut-short font" not in done.stderr:
        raise CheckError(f"a cut-short font was not refused by fontTools:\n{done.stderr}")
    ok("fontTools: a whole font passes, a cut-short one is refused")

    (clinic / "assets" / "f.ttf").write_bytes(font)
    logo = (ROOT / "tests" / "samples.py").read_text("utf-8")
    jpeg = base64.b64decode("".join(re.findall(r'^    "([^"]+)"$', logo, re.MULTILINE)))
    frame = jpeg.index(b"\xff\xc0")  # 12-bit samples: Qt's JPEG decoder cannot read them
    (clinic / "assets" / "twelve.jpg").write_bytes(jpeg[: frame + 4] + b"\x0c" + jpeg[frame + 5 :])
    text = text.replace("logo: assets/logo.svg", "logo: assets/twelve.jpg", 1)
    (clinic / "content.yaml").write_text(text, "utf-8")
    done = box.run("validate", str(clinic / "content.yaml"), expect=1)
    if "clinic.logo: 'assets/twelve.jpg' cannot be read as a picture" not in done.stderr:
        raise CheckError(f"the drawing child did not refuse the JPEG:\n{done.stderr}")
    ok("the pictures are drawn by the bundle's own child process: an unreadable JPEG is refused")
    shutil.rmtree(clinic)


def startup_line(box: Sandbox, source: Path | None, runs: int) -> str:
    """Median start-up to the first frame; bundle and source runs alternate (noise hits both)."""
    bundle: list[float] = []
    src: list[float] = []
    for _ in range(runs):
        bundle.append(startup_seconds([str(box.program)], box.env(), box.work))
        if source:
            src.append(startup_seconds([str(source)], {**os.environ, **box.env()}, box.work))
    line = f"start-up to the first frame, median of {runs}: bundle {statistics.median(bundle):.2f}s"
    if src:
        ratio = statistics.median(bundle) / statistics.median(src)
        line += f", source {statistics.median(src):.2f}s (bundle/source x{ratio:.2f})"
    return line


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "kiosk")
    parser.add_argument(
        "--source", type=Path, help="the source's kiosk command, to compare the screen count"
    )
    parser.add_argument("--max-mb", type=float, default=120.0, help="size budget (default 120)")
    parser.add_argument("--timing", type=int, default=0, metavar="N", help="time N start-ups")
    args = parser.parse_args()
    started = time.perf_counter()
    try:
        source = args.source.absolute() if args.source else None
        check(args.bundle.resolve(), source, args.max_mb, args.timing)
    except CheckError as failure:
        print(f"FAIL {failure}", file=sys.stderr)
        return 1
    print(f"dist check passed in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
