"""Shared test set-up. UI tests run offscreen: set before any QApplication exists.

Qt's plain offscreen screen is 800x600: there `QApplication.widgetAt()` finds nothing right
of x=800, so a tap inside a list that scrolls (QScroller's delayed press) is lost past it.
Tests run on a 1920x1920 offscreen screen instead (`tests/offscreen-screen.json`), which
holds every window size the kiosk claims: 1920x1080, 1366x768 and 1080x1920."""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from fakes import FakeClock

SCREEN_CONFIG = Path(__file__).resolve().parent / "offscreen-screen.json"
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={SCREEN_CONFIG}")
os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp/runtime-kiosk-tests")
os.environ.setdefault("KIOSK_SPEECH", "off")  # windows are silent unless a test gives a speaker
Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(mode=0o700, exist_ok=True)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONTENT = ROOT / "content.yaml"


@pytest.hookimpl(optionalhook=True)  # pytest-xdist's; the headless run has no xdist
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` (`make test`): one worker more than the cores. Some tests mostly wait on
    other processes (the AT-SPI walk waits out each page's reading time in a real kiosk for
    about 40 s; kiosks started as programs; git): meanwhile the other workers keep every
    core busy."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) + 1


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """`--dist loadgroup` (`make test`) as pytest-xdist means it: the tests that share a walk
    (`tests/screenwalk.py`) go to one worker. xdist 3.8 finds a test's group in a suffix it
    adds to the test's id, which pytest 9 drops, so each test went alone and the walk was
    made twice; here the group is read from the id itself."""
    if config.getvalue("dist") != "loadgroup" or importlib.util.find_spec("PySide6") is None:
        return None
    from screenwalk import walk_scope
    from xdist.scheduler import LoadGroupScheduling

    class WalkGroups(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return walk_scope(nodeid) or super()._split_scope(nodeid)

    return WalkGroups(config, log)  # type: ignore[arg-type]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def content_text() -> str:
    return DEFAULT_CONTENT.read_text("utf-8")


@pytest.fixture
def write_content(tmp_path: Path) -> Callable[[str], Path]:
    """Write a content file into a fresh folder beside a copy of the default assets."""

    def write(text: str, name: str = "content.yaml") -> Path:
        if not (tmp_path / "assets").exists():
            shutil.copytree(ROOT / "assets", tmp_path / "assets")
        path = tmp_path / name
        path.write_text(text, "utf-8")
        return path

    return write


if importlib.util.find_spec("PySide6") is not None:  # the model's tests also run without Qt
    from uihelpers import kiosk, loaded, page, window  # noqa: F401 (the UI and journey tests' fixtures)
