"""One walk of every screen of a clinic at one window size, shared by the two tests that judge
what it shows: every word whole (tests/ui/test_every_word_seen.py, at every language, text
size and contrast) and every screen designed (tests/ui/test_designed_layout.py, in the
clinic's own language at the normal and the largest text in high contrast, a subset of the
same states). Building and laying out each page at each state is the cost of both; walking
once and judging each state for both saves the second walk.

The walk's findings are kept per process (`walk` returns the first walk's for a clinic and
size). Both tests carry the same `xdist_group` (`walk_group`), so that `--dist loadgroup`
(`make test`) runs them in one worker; a test run on its own walks for itself. pytest-xdist
3.8 marks a group by a suffix on the test's id, which pytest 9 ignores (its ids are no longer
strings): `walk_scope` names the group from the id itself (tests/conftest.py schedules by it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from designed import design_faults
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot
from seen import faults
from uihelpers import ROOT, shown_window

from kiosk.content import load_content

CLINICS = [ROOT / "content.yaml", *sorted((ROOT / "examples").glob("*/content.yaml"))]
SIZES = [QSize(1920, 1080), QSize(1366, 768), QSize(1080, 1920)]
DISPLAYS = [(1, False), (2, False), (3, False), (3, True)]
"""Text size and high contrast: every state a visitor can choose (largest: also in contrast)."""
DESIGNED_DISPLAYS = [(1, False), (3, True)]
"""The states a designed screen is judged at, in the clinic's own language."""


def clinic_id(path: Path) -> str:
    return path.parent.name if path.parent != ROOT else "default"


def size_id(size: QSize) -> str:
    return f"{size.width()}x{size.height()}"


@dataclass
class Walked:
    """What one walk found: `seen`, the words' faults at every state (each line names its
    place, language and display); `designed`, the design's and the words' faults at the
    designed states (each line names its place and text size)."""

    seen: list[str] = field(default_factory=list)
    designed: list[str] = field(default_factory=list)


_walked: dict[tuple[str, int, int], Walked] = {}


def walk_group(clinic: Path, size: QSize) -> pytest.MarkDecorator:
    """The xdist group of the tests that share the walk of `clinic` at `size`."""
    return pytest.mark.xdist_group(f"walk-{clinic_id(clinic)}-{size_id(size)}")


SHARED_BY = ("test_every_screen_looks_designed", "test_every_word_is_seen_whole")
"""The tests that judge the walk (their parameters are `walk_cases`)."""


def walk_scope(nodeid: str) -> str | None:
    """The walk a test's id names ("walk-default-1920x1080"), or None for any other test."""
    name, bracket, params = nodeid.rpartition("::")[2].partition("[")
    if name in SHARED_BY and bracket and params.endswith("]"):
        return f"walk-{params[:-1]}"
    return None


def walk_cases() -> list[object]:
    """(clinic, size) for every clinic and size, each in its walk's group."""
    return [
        pytest.param(
            clinic, size, id=f"{clinic_id(clinic)}-{size_id(size)}", marks=walk_group(clinic, size)
        )
        for clinic in CLINICS
        for size in SIZES
    ]


def walk(qtbot: QtBot, clinic: Path, size: QSize) -> Walked:
    """Every screen of `clinic` at `size`, in every language at every display, judged (once
    per process: later calls return the first walk's findings)."""
    key = (str(clinic), size.width(), size.height())
    if key not in _walked:
        _walked[key] = _walk(qtbot, clinic, size)
    return _walked[key]


def _walk(qtbot: QtBot, clinic: Path, size: QSize) -> Walked:
    loaded = load_content(clinic)
    window = shown_window(qtbot, loaded, size)
    session = window.session
    own = loaded.content.default_language
    found = Walked()
    for language in [lang.code for lang in loaded.content.languages]:
        for text_size, high_contrast in DISPLAYS:
            session.reset()
            session.set_language(language)
            session.set_text_size(text_size)
            session.set_high_contrast(high_contrast)
            designed = language == own and (text_size, high_contrast) in DESIGNED_DISPLAYS
            for place in session.places():
                session.show(place)
                qtbot.wait(5)  # laid out and fitted, as on a screen
                where = f"{place} [{language}, size {text_size}{', contrast' * high_contrast}]"
                words = faults(window)
                found.seen += [f"{where}: {fault}" for fault in words]
                if designed:
                    where = f"{place} [size {text_size}]"
                    found.designed += [
                        f"{where}: {fault}" for fault in design_faults(window, place)
                    ]
                    found.designed += [f"{where}: {fault}" for fault in words]
    return found
