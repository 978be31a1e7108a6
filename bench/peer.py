"""Spawn to the first settled screen on a real X server (`make bench PEER=1`).

    python bench/peer.py [--rounds 3]

Starts Xvfb at 1920x1080 and, in turn (alternating the order each round), spawns:

- the floor: bench/bare_window.py --stay (a PySide6 window shown full screen);
- the kiosk: `python -m kiosk run` on the default content (full screen, as at a clinic);
- Chromium `--kiosk` on a static page equivalent to the kiosk's first screen (the clinic's
  logo, name and welcome, a teaser card and "Touch to begin", in the bundled Lato), written
  from content.yaml into a temporary folder.

The screen is read with `xwd -root` every few milliseconds; "settled" is the moment the
picture last changed before it stayed the same for 700 ms (and differs from the empty
screen). The figure is coarse (one screen read takes 10-30 ms) but the same for all three.
Prints one JSON object: {name: [ms, ...]}, or {"skipped": reason} when Xvfb, xwd or
Chromium is missing.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DISPLAY = ":73"
SIZE = "1920x1080"
QUIET_S = 0.7
LIMIT_S = 30.0


def grab(display: str) -> str:
    shot = subprocess.run(
        ["xwd", "-root", "-silent", "-display", display], capture_output=True, check=False
    )
    return hashlib.sha1(shot.stdout).hexdigest()


def settled_ms(cmd: list[str], env: dict[str, str], empty: str) -> float:
    """Spawn `cmd`; ms from the spawn until the screen last changed before it settled."""
    t0 = time.monotonic()
    process = subprocess.Popen(
        cmd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        last, since = empty, t0
        while (now := time.monotonic()) - t0 < LIMIT_S:
            picture = grab(env["DISPLAY"])
            now = time.monotonic()
            if picture != last:
                last, since = picture, now
            elif last != empty and now - since >= QUIET_S:
                return (since - t0) * 1000
        raise RuntimeError(f"{cmd[0]} never settled within {LIMIT_S:.0f} s")
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        time.sleep(0.3)  # the X server forgets the window


def static_page(folder: Path) -> Path:
    """The kiosk's first screen as a web page, from the default content."""
    sys.path.insert(0, str(ROOT))
    from kiosk.content import load_content

    content = load_content(ROOT / "content.yaml").content
    clinic, words = content.clinic, content.ui_text
    logo = ROOT / clinic.logo if clinic.logo else None
    first = content.screens[0]
    fonts = ROOT / "assets" / "fonts"
    page = folder / "attract.html"
    page.write_text(
        f"""<!doctype html><html><head><meta charset="utf-8"><style>
@font-face {{ font-family: Lato; src: url("{(fonts / "Lato-Regular.ttf").as_uri()}"); }}
@font-face {{ font-family: Lato; font-weight: bold;
  src: url("{(fonts / "Lato-Bold.ttf").as_uri()}"); }}
body {{ margin: 0; height: 100vh; display: flex; flex-direction: column; align-items: center;
  justify-content: center; gap: 22px; font-family: Lato; background: #F6F3EE; color: #1F2A2E; }}
h1 {{ font-size: 72px; color: #1F5F5B; margin: 0; }}
p {{ font-size: 28px; margin: 0; }}
.card {{ background: #fff; border: 2px solid #E4DED5; border-radius: 16px; padding: 32px 64px;
  text-align: center; }}
.card b {{ font-size: 34px; color: #1F5F5B; }}
button {{ font: bold 50px Lato; color: #fff; background: #1F5F5B; border: 0;
  border-radius: 60px; padding: 24px 64px; }}
</style></head><body>
{f'<img src="{logo.as_uri()}" width="160" height="160">' if logo else ""}
<h1>{html.escape(clinic.name)}</h1><p>{html.escape(clinic.welcome)}</p>
<div class="card"><b>{html.escape(first.title)}</b></div>
<button>{html.escape(words.touch_to_begin)}</button>
<p>{html.escape(words.privacy)}</p>
</body></html>""",
        "utf-8",
    )
    return page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    missing = [tool for tool in ("Xvfb", "xwd") if shutil.which(tool) is None]
    if missing:
        print(json.dumps({"skipped": f"{' and '.join(missing)} not installed"}))
        return 0
    xvfb = subprocess.Popen(
        ["Xvfb", DISPLAY, "-screen", "0", f"{SIZE}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(1.0)
        with tempfile.TemporaryDirectory(prefix="kiosk-peer-") as tmp:
            folder = Path(tmp)
            for name in ("run", "data", "log", "home", "chromium"):
                (folder / name).mkdir(mode=0o700)
            env = {
                **os.environ,
                "DISPLAY": DISPLAY,
                "QT_QPA_PLATFORM": "xcb",
                "HOME": str(folder / "home"),
                "XDG_RUNTIME_DIR": str(folder / "run"),
                "KIOSK_DATA_DIR": str(folder / "data"),
                "KIOSK_LOG_DIR": str(folder / "log"),
                "KIOSK_SPEECH": "off",
            }
            runs: dict[str, list[str]] = {
                "floor": [sys.executable, str(ROOT / "bench" / "bare_window.py"), "--stay"],
                "kiosk": [sys.executable, "-m", "kiosk", "run"],
            }
            if chromium:
                runs["chromium"] = [
                    chromium,
                    "--kiosk",
                    "--no-sandbox",  # bench machines run as root
                    "--no-first-run",
                    "--no-default-browser-check",
                    "--disable-gpu",
                    f"--user-data-dir={folder / 'chromium'}",
                    f"--window-size={SIZE.replace('x', ',')}",
                    static_page(folder).as_uri(),
                ]
            empty = grab(DISPLAY)
            samples: dict[str, list[float]] = {name: [] for name in runs}
            names = list(runs)
            for index in range(args.rounds + 1):  # the first round warms the caches
                for name in names if index % 2 == 0 else list(reversed(names)):
                    ms = settled_ms(runs[name], env, empty)
                    if index:
                        samples[name].append(ms)
            result: dict[str, object] = dict(samples)
            if not chromium:
                result["note"] = "Chromium is not installed (apt-get install chromium)"
            print(json.dumps(result))
    finally:
        xvfb.terminate()
        xvfb.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
