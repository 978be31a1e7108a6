"""The command line: exit codes and messages, never a traceback."""

from __future__ import annotations

import argparse
import inspect
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.app import NO_DISPLAY, has_display
from kiosk.cli import KIOSK_COMMANDS, Arg, Command, OneOf, main

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
        input="48260731\n48260731\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    line = done.stdout.strip()
    # 8 digits: a 4-digit PIN turned up by chance in the random salt about once in 100 runs
    assert verify_pin("48260731", line) and "48260731" not in line
    assert "pin_hash" in done.stderr  # where to paste it


def test_hash_pin_refuses_a_pin_that_is_not_4_to_8_digits() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "hash-pin"],
        input="12ab\n12ab\n",
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "4 to 8 digits" in done.stderr and done.stdout == ""


def hash_pin_with(stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "hash-pin", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


@pytest.mark.parametrize(
    ("pin", "why"),
    [("0000", "all its digits the same"), ("1234", "a run of digits"), ("2580", "sample PIN")],
)
def test_hash_pin_refuses_the_pins_a_visitor_tries_first(pin: str, why: str) -> None:
    done = hash_pin_with(f"{pin}\n{pin}\n")
    assert done.returncode == 1
    assert done.stdout == ""
    assert f"kiosk hash-pin: {pin}" in done.stderr and why in done.stderr
    assert "choose another; nothing was printed." in done.stderr


def test_hash_pin_recommends_six_digits_but_takes_four() -> None:
    short = hash_pin_with("4826\n4826\n")
    assert short.returncode == 0 and "6 digits or more" in short.stderr
    longer = hash_pin_with("482913\n482913\n", "--stdin")
    assert longer.returncode == 0 and "6 digits" not in longer.stderr


def test_piped_hash_pin_needs_the_same_pin_twice() -> None:
    done = hash_pin_with("4826\n4827\n")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.strip() == "kiosk hash-pin: the two PINs differ; nothing was printed."


@pytest.mark.parametrize(
    ("stdin", "which"), [("", "first"), ("4826\n", "second"), ("4826", "second")]
)
def test_hash_pin_with_too_little_input_says_so(stdin: str, which: str) -> None:
    done = hash_pin_with(stdin, "--stdin")
    assert done.returncode == 1 and done.stdout == ""
    assert f"the input ended before the {which} line" in done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr


def test_ctrl_d_at_the_prompt_is_a_sentence(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def ctrl_d(prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", ctrl_d)
    assert main(["hash-pin"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == (
        "kiosk hash-pin: the input ended (Ctrl-D) before the first PIN; nothing was printed."
    )


def test_ctrl_c_is_a_sentence(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Interrupted:
        def readline(self) -> str:
            raise KeyboardInterrupt

    monkeypatch.setattr("sys.stdin", Interrupted())
    assert main(["hash-pin", "--stdin"]) == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == "kiosk hash-pin: stopped by Ctrl-C; nothing more was done."
    assert captured.out == ""


@pytest.mark.parametrize("args", [("schema",), ("validate",)])
def test_a_closed_output_pipe_is_a_sentence(args: tuple[str, ...]) -> None:
    """`kiosk schema | head -1`: the reader is gone before the kiosk writes."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "kiosk", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
    finally:
        os.close(write_end)
    assert done.returncode == 1, done.stderr
    assert "the output was closed before all of it was written" in done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert "internal error" not in done.stderr


def test_ctl_refuses_an_unknown_command() -> None:
    done = kiosk("ctl", "explode")
    assert done.returncode == 2
    assert "invalid choice" in done.stderr


# --- every command declared once ----------------------------------------------------------

COMMAND_LINE_DOCS = ROOT / "docs" / "command-line.md"


def _commands(
    commands: tuple[Command, ...] | None = None, above: str = ""
) -> Iterator[tuple[str, Command]]:
    """Each command with its words as typed ("stats merge"), parents first."""
    for command in KIOSK_COMMANDS if commands is None else commands:
        words = f"{above} {command.name}".strip()
        yield words, command
        yield from _commands(tuple(command.subcommands), words)


def _args(command: Command) -> list[Arg]:
    return [
        one
        for declared in command.args
        for one in (declared.args if isinstance(declared, OneOf) else (declared,))
    ]


def test_kiosk_alone_shows_every_command_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    shown = capsys.readouterr().out
    for command in KIOSK_COMMANDS:
        assert re.search(
            rf"^    {re.escape(command.name)} +{re.escape(command.help[:20])}", shown, re.M
        ), command.name


def test_each_command_takes_each_of_its_arguments_by_name() -> None:
    for words, command in _commands():
        names = {
            argparse.ArgumentParser().add_argument(*one.flags, **one.options).dest
            for one in _args(command)
        }
        if command.argv:
            names.add("argv")
        assert set(inspect.signature(command.run).parameters) == names, words


def test_the_command_line_page_names_every_command_and_option() -> None:
    rows = [
        line
        for line in COMMAND_LINE_DOCS.read_text("utf-8").splitlines()
        if line.startswith("| `kiosk ")
    ]
    documented = set()
    for words, command in _commands():
        below = "|".join(re.escape(one.name) for one in command.subcommands) or "(?!)"
        row = next(
            (
                r
                for r in rows
                if re.match(rf"\| `kiosk {re.escape(words)}(?=[ `])(?! (?:{below})\b)", r)
            ),
            None,
        )
        assert row is not None, f"docs/command-line.md has no row for kiosk {words}"
        documented.add(row)
        for one in _args(command):
            for flag in one.flags:
                if flag.startswith("--"):
                    assert flag in row, f"kiosk {words} {flag} is not in its row"
    assert sorted(documented) == sorted(rows), "a row of docs/command-line.md is no command"


def test_supervised_run_starts_the_same_command_line_again(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[list[str]] = []
    monkeypatch.setattr("kiosk.app.setup_logging", lambda: None)
    monkeypatch.setattr("kiosk.supervise.supervise", lambda command: started.append(command) or 0)
    assert main(["run", "--supervise", "--windowed", "--size", "1280x800"]) == 0
    assert started[0][-4:] == ["run", "--windowed", "--size", "1280x800"]
