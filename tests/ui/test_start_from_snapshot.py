"""A start from the snapshot that went live last (issue 26, item 5), through `kiosk run`
itself: its first frame is drawn without importing the checks; an edit is checked first. The
snapshot's own rules are in tests/unit/test_start_from_checked.py."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

Write = Callable[[str], Path]
ROOT = Path(__file__).resolve().parents[2]


PROBE = textwrap.dedent(
    """
    import sys
    from kiosk.cli import main
    code = main(["run", "--windowed", "--quit-after-paint", "--content", sys.argv[1]])
    loaded = [m for m in ("kiosk.content.checks", "kiosk.content.verdicts") if m in sys.modules]
    print("checks loaded:", ",".join(loaded) or "none")
    sys.exit(code)
    """
)


def test_a_start_from_the_snapshot_never_loads_the_checks(
    tmp_path: Path, content_text: str, write_content: Write
) -> None:
    """`kiosk run` twice on the same files: the first checks them (and keeps the snapshot),
    the second draws its first frame without importing the checks at all."""
    path = write_content(content_text)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "KIOSK_DATA_DIR": str(tmp_path / "data"),
        "KIOSK_LOG_DIR": str(tmp_path / "log"),
        "KIOSK_CONTROL_NAME": str(tmp_path / "control.sock"),
    }

    def start() -> str:
        done = subprocess.run(
            [sys.executable, "-c", PROBE, str(path)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    assert "checks loaded: kiosk.content.checks" in start()
    assert "checks loaded: none" in start()
    path.write_text(content_text.replace("Sciatica", "Sciatic pain", 1), "utf-8")
    assert "checks loaded: kiosk.content.checks" in start()  # an edit: checked first
