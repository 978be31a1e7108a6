"""Focus visible (WCAG 2.2 §2.4.13 Focus Appearance): on every kind of control, on real screens
of the default content and of each example clinic, in the normal and the high-contrast theme,
the picture of the control focused by the keyboard differs from its picture unfocused by a
closed ring at least 2 px thick whose colour contrasts at least 3:1 with what was there
before, and at least 3:1 with the colours on either side of it.

The pictures are the window's own (what a visitor sees), of the control and a margin round
it; nothing here reads how the ring is made."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from kioskpage import (
    ACCESS_PANEL,
    ADMIN,
    LANGUAGE_PANEL,
    PIN_PAD,
    STILL_THERE,
    KioskPage,
    shown_screen,
)
from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot
from uihelpers import make_window

from kiosk.content import load_content
from kiosk.content.colors import contrast_ratio
from kiosk.ui.input.keyboard import KeyboardAccess
from kiosk.ui.main_window import KioskWindow

ROOT = Path(__file__).resolve().parent.parent.parent
CLINICS = [ROOT / "content.yaml", *sorted((ROOT / "examples").glob("*/content.yaml"))]

MARGIN = 12
"""How far round a control its pictures reach (at 1080p): a ring may lie just outside it."""
LEAST_CONTRAST = 3.0
LEAST_THICKNESS = 2
PER_KIND = 3
"""How many controls of one kind (on one kind of layer) are looked at per clinic and theme."""

Key = Qt.Key


# --- pictures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    rows: list[bytes]
    """Each row's pixels, 4 bytes each: 0xFFRRGGBB (RGB32: the top byte is always 0xFF) in
    the machine's order."""

    @classmethod
    def of(cls, image: QImage) -> Picture:
        image = image.convertToFormat(QImage.Format.Format_RGB32)
        width, height, stride = image.width(), image.height(), image.bytesPerLine()
        data = bytes(image.constBits())
        return cls(
            width, height, [data[y * stride : y * stride + 4 * width] for y in range(height)]
        )

    def at(self, x: int, y: int) -> int:
        return self.row(y)[x]

    def row(self, y: int) -> memoryview:
        """Row `y`'s pixels as 32-bit numbers."""
        return memoryview(self.rows[y]).cast("I")


def hex_of(rgb: int) -> str:
    return f"#{rgb & 0xFFFFFF:06X}"


_ratios: dict[tuple[int, int], float] = {}


def ratio(a: int, b: int) -> float:
    if a == b:
        return 1.0
    key = (a, b) if a < b else (b, a)
    found = _ratios.get(key)
    if found is None:
        found = _ratios[key] = contrast_ratio(hex_of(a), hex_of(b))
    return found


class Marks(dict[tuple[int, int], str]):
    """A pair of colours (plain, focused): "1" when they contrast 3:1 or more, else "0"."""

    def __missing__(self, pair: tuple[int, int]) -> str:
        mark = self[pair] = "1" if ratio(*pair) >= LEAST_CONTRAST else "0"
        return mark


def picture_round(widget: QWidget) -> Picture:
    """The window's picture of `widget` and a margin round it."""
    window = widget.window()
    corner = widget.mapTo(window, QPoint(-MARGIN, -MARGIN))
    size = widget.size().grownBy(QMargins(MARGIN, MARGIN, MARGIN, MARGIN))
    return Picture.of(window.grab(QRect(corner, size)).toImage())


def ring_fault(plain: Picture, focused: Picture) -> str | None:
    """Why the change from `plain` to `focused` is not a visible focus ring, or None.

    A pixel is changed when its focused colour contrasts at least 3:1 with its plain colour.
    The changed pixels must enclose the control's middle with a band at least 2 px thick:
    cells whose 2x2 block is all changed must keep a flood from the middle (through the other
    cells) from reaching the picture's edge. Across the middle of each side, the first such
    band seen from outside must contrast at least 3:1 with the colour just outside it and the
    colour just inside it."""
    w, h = plain.width, plain.height
    t = LEAST_THICKNESS
    # changed[y][x] == "1": that pixel changed 3:1 or more (each pair of colours looked up
    # once; a row the ring leaves alone is unchanged whole)
    marks = Marks()
    unchanged = "0" * w
    changed = [
        unchanged
        if plain.rows[y] == focused.rows[y]
        else "".join(map(marks.__getitem__, zip(plain.row(y), focused.row(y), strict=True)))
        for y in range(h)
    ]
    # blocked[y][x] == "1": the t x t block from (x, y) is all changed (rows as bit sets:
    # bit x of a row is its pixel x, so a block reaching past the edge is never blocked)
    bits = [int(row[::-1], 2) for row in changed]
    across = []
    for row in bits:
        run = row
        for i in range(1, t):
            run &= row >> i
        across.append(run)
    blocked = []
    for y in range(h):
        cell = across[y] if y + t <= h else 0
        for j in range(1, t):
            cell &= across[y + j] if y + t <= h else 0
        blocked.append(format(cell, f"0{w}b")[::-1])
    # the seed: the middle, or the nearest unchanged cell in the middle half of its row
    my = h // 2
    seeds = sorted(range(w // 4, w - w // 4), key=lambda x: abs(x - w // 2))
    seed = next((x for x in seeds if blocked[my][x] == "0"), None)
    if seed is not None:
        # a flood from the seed through the cells not blocked, a row's free run at a time
        runs = [[(m.start(), m.end()) for m in re.finditer("0+", row)] for row in blocked]
        first = next(run for run in runs[my] if run[0] <= seed < run[1])
        seen = {(my, first)}
        todo = [(my, first)]
        while todo:
            y, (a, b) = todo.pop()
            if a == 0 or b == w or y in (0, h - 1):
                return "no closed ring at least 2 px thick changes 3:1 or more"
            for ny in (y - 1, y + 1):
                for run in runs[ny]:
                    if run[0] < b and a < run[1] and (ny, run) not in seen:
                        seen.add((ny, run))
                        todo.append((ny, run))
    for name, line in sides(w, h):
        run_at = [i for i, (x, y) in enumerate(line) if blocked[y][x] == "1"]
        if not run_at:
            continue  # the whole middle changed (a fill), seen from this side
        start = run_at[0]
        end = start
        while end + 1 < len(line) and changed[line[end + 1][1]][line[end + 1][0]] == "1":
            end += 1
        ring = focused.at(*line[(start + end) // 2])
        if start < 2:
            return f"the ring reaches the picture's {name} edge: nothing seen outside it"
        outside = focused.at(*line[start - 2])
        if ratio(ring, outside) < LEAST_CONTRAST:
            return (
                f"on the {name}, the ring {hex_of(ring)} is {ratio(ring, outside):.2f}:1"
                f" with {hex_of(outside)} outside it"
            )
        if end + 2 < len(line):
            inside = focused.at(*line[end + 2])
            if ratio(ring, inside) < LEAST_CONTRAST:
                return (
                    f"on the {name}, the ring {hex_of(ring)} is {ratio(ring, inside):.2f}:1"
                    f" with {hex_of(inside)} inside it"
                )
    return None


def sides(w: int, h: int) -> Iterator[tuple[str, list[tuple[int, int]]]]:
    """The four lines from the middle of each edge of a picture to its middle."""
    yield "left", [(x, h // 2) for x in range(w // 2)]
    yield "right", [(w - 1 - x, h // 2) for x in range(w // 2)]
    yield "top", [(w // 2, y) for y in range(h // 2)]
    yield "bottom", [(w // 2, h - 1 - y) for y in range(h // 2)]


# --- walking the controls ----------------------------------------------------------------------


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def kind_of(window: KioskWindow, widget: QWidget) -> str:
    """The kind of control, as the theme styles it, and the layer it is on."""
    keys = KeyboardAccess.install(window)
    layer = "screen"
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if keys.is_overlay(parent):
            layer = parent.objectName() or type(parent).__name__
            break
        parent = parent.parentWidget()
    frame = window.findChild(QWidget, "frame")
    in_frame = frame is not None and frame.isAncestorOf(widget)
    if in_frame and not shown_screen(window).isAncestorOf(widget):
        layer = "bar"
    style = widget.property("role") or widget.objectName() or type(widget).__name__
    if isinstance(widget, QAbstractButton) and widget.isCheckable() and widget.isChecked():
        style += ":checked"
    return f"{layer}/{style}"


class Walk:
    def __init__(self, qtbot: QtBot, window: KioskWindow) -> None:
        self.qtbot, self.window = qtbot, window
        self.keys = KeyboardAccess.install(window)
        self.seen: Counter[str] = Counter()
        self.faults: list[str] = []

    def settle(self, check: Callable[[], bool] = lambda: True) -> None:
        self.qtbot.waitUntil(lambda: not self.keys.settling and focused() is not None and check())

    def tab(self) -> None:
        QTest.keyClick(focused() or self.window, Key.Key_Tab)

    def layer(self, where: str) -> None:
        """Tab round what is open now; look at each control of a kind not seen enough."""
        self.tab()
        self.settle()
        controls = self.keys.controls()
        for _ in range(len(controls)):
            widget = focused()
            assert widget is not None
            kind = kind_of(self.window, widget)
            if self.seen[kind] < PER_KIND:
                self.seen[kind] += 1
                self.look(where, kind, widget)
            if kind in ("screen/choice", "screen/scale") and self.seen[f"{kind}:checked"] < 1:
                # chosen by a key: the chosen look too (a scale, a choice of many, stays put)
                place = self.window.session.current
                QTest.keyClick(widget, Key.Key_Space)
                if self.window.session.current != place:
                    return
                assert isinstance(widget, QAbstractButton) and widget.isChecked()
                self.seen[f"{kind}:checked"] += 1
                self.look(where, f"{kind}:checked", widget)
            self.tab()

    def look(self, where: str, kind: str, widget: QWidget) -> None:
        ringed = picture_round(widget)
        widget.clearFocus()  # the same control, unfocused, where it is now
        plain = picture_round(widget)
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        assert widget.hasFocus()
        fault = ring_fault(plain, ringed)
        if fault:
            name = widget.accessibleName() or getattr(widget, "text", lambda: "")()
            self.faults.append(f"{where}: {kind} {name!r}: {fault}")


def walk_everything(qtbot: QtBot, window: KioskWindow) -> Walk:
    walk = Walk(qtbot, window)
    session = window.session
    session.start()
    for place in session.places():
        session.show(place, remember=place != session.places()[0])
        walk.layer(str(place))
    # the panels a visitor opens, "Still there?", and the staff's
    session.show(session.places()[1], remember=True)
    page = KioskPage(qtbot, window)
    for name in (ACCESS_PANEL, LANGUAGE_PANEL, STILL_THERE, PIN_PAD, ADMIN):
        layer = page.open_panel(name)
        walk.settle(lambda layer=layer: layer.isAncestorOf(focused()))  # type: ignore[misc]
        walk.layer(name)
        layer.hide()
        walk.settle(lambda layer=layer: not layer.isAncestorOf(focused()))  # type: ignore[misc]
    return walk


KINDS = {
    "screen/beginButton",  # Touch to begin
    "bar/primary",  # Next, Start, Finish
    "bar/nav",  # Back
    "bar/tool",  # the top bar's icon buttons
    "screen/choice",  # answers
    "screen/choice:checked",
    "screen/scale",  # the points of a scale
    "screen/scale:checked",
    "accessPanel/choice",  # a panel's choices and its Close
    "accessPanel/primary",
    "idleOverlay/primary",  # I'm still here
    "pinPad/primary",  # the staff's PIN pad and panel
    "pinPad/nav",
    "adminPanel/primary",
    "adminPanel/nav",
}
"""Kinds every clinic shows."""
DEFAULT_KINDS = {
    "screen/language",  # the languages on the start screen
    "screen/part",  # the named parts beside a figure (its numbers are a finger's, no stop)
    "screen/KineticScrollArea",  # a long text, a stop for Enter to show more of it
}
"""Kinds the default content shows too."""


def looked_at(qtbot: QtBot, clinic: Path, size: QSize, high_contrast: bool) -> Walk:
    window = make_window(qtbot, load_content(clinic), size)
    KeyboardAccess.install(window)
    window.session.set_high_contrast(high_contrast)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return walk_everything(qtbot, window)


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
@pytest.mark.parametrize("clinic", CLINICS, ids=["default", *(p.parent.name for p in CLINICS[1:])])
def test_focus_is_a_ring_that_contrasts_on_every_kind_of_control(
    qtbot: QtBot, clinic: Path, high_contrast: bool
) -> None:
    walk = looked_at(qtbot, clinic, QSize(1920, 1080), high_contrast)
    assert not walk.faults, "\n".join(walk.faults)
    expected = KINDS | (DEFAULT_KINDS if clinic == CLINICS[0] else set())
    assert not expected - set(walk.seen), expected - set(walk.seen)


@pytest.mark.parametrize("size", [QSize(1080, 1920), QSize(1366, 768)], ids=["portrait", "small"])
def test_the_ring_holds_at_other_sizes(qtbot: QtBot, size: QSize) -> None:
    """The ring scales with the screen (thinner at 768 px, never under 3 px): still closed,
    still 2 px thick, still 3:1."""
    walk = looked_at(qtbot, CLINICS[0], size, high_contrast=False)
    assert not walk.faults, "\n".join(walk.faults)
    assert not KINDS - set(walk.seen), KINDS - set(walk.seen)
