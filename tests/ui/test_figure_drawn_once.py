"""Figures drawn once (issue 26, item 2): an anatomy figure slow to draw (here about a third of
a second) costs its time when the screen first shows it, not at every tap on a part: while a
visitor taps every part in turn, the figure's SVG is never drawn again (a tap only lights the
part over the picture already drawn). Counted, not timed: how long a tap takes is a figure
for `make bench`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kioskpage import KioskPage, shown_screen
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot
from uihelpers import make_window

from kiosk.content import load_content
from kiosk.ui.screens.anatomy import AnatomyView

Write = Callable[[str], Path]
SLOW_PART = (
    '<defs><filter id="slowblur"><feGaussianBlur stdDeviation="40"/></filter></defs>'
    + "".join(
        f'<rect x="{i}" y="0" width="400" height="900" opacity="0.01" filter="url(#slowblur)"/>'
        for i in range(4)
    )
)
"""Four faint shapes blurred over the whole body: a few hundred milliseconds for each draw."""


def test_tapping_the_parts_of_a_slow_figure_never_stalls_the_screen(
    qtbot: QtBot, content_text: str, write_content: Write
) -> None:
    path = write_content(content_text)
    figure = path.parent / "assets" / "anatomy" / "body_back.svg"
    figure.write_text(figure.read_text("utf-8").replace("</svg>", SLOW_PART + "</svg>"), "utf-8")
    window = make_window(qtbot, load_content(path), QSize(1280, 720))
    screen = KioskPage(qtbot, window)
    screen.start_visit()
    screen.go("screen:sciatic_nerve", remember=True)
    page = shown_screen(window)
    assert isinstance(page, AnatomyView)
    qtbot.wait(200)  # the first draw: the one a figure may take its time for
    renderer = page.figure.renderer
    drawn: list[object] = []
    draw = renderer.render

    def counted(*args: object) -> None:
        drawn.append(args)
        draw(*args)  # type: ignore[call-overload]

    renderer.render = counted  # type: ignore[method-assign]
    for index, part in enumerate(page.spec.parts):
        screen.tap(str(index + 1))  # the number on the figure
        qtbot.wait(60)
        assert page.detail_title.text() == part.label  # the tap did open the part
        assert page.figure.lit  # and lit it, over the picture
    assert drawn == [], f"the whole figure was drawn {len(drawn)} times for the taps"
