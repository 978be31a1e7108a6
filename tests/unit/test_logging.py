"""The kiosk's log: a rotating file in the platform's folder, and never a stop when the
folder cannot be written."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from kiosk.app import log_dir, setup_logging


@pytest.fixture(autouse=True)
def clean_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    before = list(root.handlers)
    yield
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()


def test_the_log_goes_to_a_rotating_file(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "log")
    assert path == tmp_path / "log" / "kiosk.log"
    logging.getLogger("kiosk.test").error("something to find")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "something to find" in path.read_text("utf-8")
    rotating = [h for h in logging.getLogger().handlers if isinstance(h, RotatingFileHandler)]
    assert rotating and rotating[-1].maxBytes == 1_000_000 and rotating[-1].backupCount == 5


def test_a_folder_that_cannot_be_written_leaves_the_console(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    with caplog.at_level(logging.WARNING):
        assert setup_logging(blocker / "log") is None
    assert "logging to the console only" in caplog.text


def test_the_log_folder_can_be_moved(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KIOSK_LOG_DIR", str(tmp_path))
    assert log_dir() == tmp_path
    monkeypatch.delenv("KIOSK_LOG_DIR")
    assert log_dir().name in ("log", "Logs", "clinic-kiosk")


RECORD_START = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} [A-Z]+ ")


def test_a_name_or_path_cannot_forge_a_log_line(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "log")
    assert path is not None
    forged = "x.yaml\n2026-11-29 12:00:00,000 INFO kiosk.ui.staff: staff PIN accepted"
    log = logging.getLogger("kiosk.test")
    log.warning("cannot read %s", tmp_path / forged)
    log.info("control channel: %s", "status\r2026-11-29 12:00:00,000 INFO kiosk: \x1b[2Kok")
    for handler in logging.getLogger().handlers:
        handler.flush()
    lines = path.read_text("utf-8").splitlines()
    records = [line for line in lines if RECORD_START.match(line)]
    assert len(records) == 2  # two records written, two records read back
    assert lines[1].startswith("  | 2026-11-29 12:00:00,000 INFO kiosk.ui.staff")
    assert "\r" not in path.read_text("utf-8") and "\x1b" not in path.read_text("utf-8")
    assert "status\\r2026-11-29" in records[1] and "\\x1b[2Kok" in records[1]


def test_a_traceback_stays_inside_its_record(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "log")
    assert path is not None
    try:
        raise RuntimeError("a bug\n2026-11-29 12:00:00,000 INFO kiosk: all fine")
    except RuntimeError:
        logging.getLogger("kiosk.test").exception("unexpected error")
    for handler in logging.getLogger().handlers:
        handler.flush()
    lines = path.read_text("utf-8").splitlines()
    assert len([line for line in lines if RECORD_START.match(line)]) == 1
    assert "  | Traceback (most recent call last):" in lines
    assert "  | 2026-11-29 12:00:00,000 INFO kiosk: all fine" in lines
