"""The command line: exit codes and messages, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.app import NO_DISPLAY, has_display

ROOT = Path(__file__).resolve().parents[2]


def kiosk(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args], cwd=cwd, capture_output=True, text=True, env=env
    )


def test_validate_default_content_from_another_folder(tmp_path: Path) -> None:
    done = kiosk("validate", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "valid (9 screens, 12 questions, 4 outcomes, 4 therapists)" in done.stdout


def test_validate_reports_file_line_field(tmp_path: Path, content_text: str, write_content) -> None:  # type: ignore[no-untyped-def]
    path = write_content(content_text.replace("idle_seconds: 90", "idle_seconds: soon"))
    done = kiosk("validate", str(path))
    assert done.returncode == 1
    line = next(i + 1 for i, t in enumerate(path.read_text().splitlines()) if "idle_seconds" in t)
    assert f"content.yaml:{line}: settings.idle_seconds: expected a whole number" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_validate_missing_file_is_not_a_traceback(tmp_path: Path) -> None:
    done = kiosk("validate", str(tmp_path / "nope.yaml"))
    assert done.returncode == 1
    assert "there is no such file" in done.stderr
    assert "Traceback" not in done.stderr


def test_usage_error_exits_2() -> None:
    done = kiosk("validate", "a", "b")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_run_without_a_display_says_so(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = kiosk("run", env=env)
    assert done.returncode == 1
    assert done.stderr.strip() == NO_DISPLAY
    assert "make preview" in NO_DISPLAY


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, False),
        ({"DISPLAY": ":0"}, True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, True),
        ({"QT_QPA_PLATFORM": "offscreen"}, True),
    ],
)
def test_has_display(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: bool) -> None:
    for key in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert has_display() is expected


def test_hash_pin_prints_a_line_that_verifies(tmp_path: Path) -> None:
    from kiosk.core.access import verify_pin

    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "hash-pin"],
        input="4826\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    line = done.stdout.strip()
    assert verify_pin("4826", line) and "4826" not in line
    assert "pin_hash" in done.stderr  # where to paste it


def test_hash_pin_refuses_a_pin_that_is_not_4_to_8_digits() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "hash-pin"], input="12ab\n", capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "4 to 8 digits" in done.stderr and done.stdout == ""


def test_ctl_refuses_an_unknown_command() -> None:
    done = kiosk("ctl", "explode")
    assert done.returncode == 2
    assert "invalid choice" in done.stderr
