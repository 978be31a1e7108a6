"""Where an anatomy figure's numbers go (issue 27, item 3), judged from the window as drawn: a
clinic's figure (written here) with a part drawn in two pieces whose box's middle lies on
another part, and a part at the figure's edge. Each number's line ends in a dot on its part's
largest piece (the dot is ringed by that piece's colour, never by another part's), and each
number lies wholly inside the figure and the page, on no part's ink, at every size, text size
and in both directions."""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from kioskpage import KioskPage, shown_screen
from PySide6.QtCore import QPoint, QPointF, QRect, QSize
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot
from uihelpers import make_window

from kiosk.content import load_content
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.screens.anatomy import AnatomyView

BIG = "#d08080"  # the two-piece part's larger piece
SMALL = "#80c080"  # ... and its smaller one
MIDDLE = "#8080d0"  # a part lying where the two-piece part's box has its middle
EDGE = "#c0b040"  # a part at the figure's right edge
SPARE = "#60b0b0"  # a small part, opened first (so drawn in the accent colour)
NERVE = "#b060c0"  # a thin L-shaped line along the foot, its box's middle empty

# wide, so that the figure fills its space across and its edge is the figure's edge
FIGURE = f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 500" width="800" height="500">
<rect x="0" y="0" width="800" height="500" fill="#ffffff"/>
<g id="pair">
  <rect x="40" y="140" width="220" height="220" fill="{BIG}"/>
  <rect x="560" y="300" width="90" height="90" fill="{SMALL}"/>
</g>
<rect id="middle" x="290" y="215" width="90" height="90" fill="{MIDDLE}"/>
<rect id="edge" x="730" y="20" width="70" height="110" fill="{EDGE}"/>
<circle id="spare" cx="470" cy="80" r="28" fill="{SPARE}"/>
<path id="nerve" d="M30 400 L30 488 L420 488" fill="none" stroke="{NERVE}" stroke-width="8"/>
</svg>
"""

PARTS = """    figure: assets/test_parts.svg
    title: Parts
    intro: Tap a part.
    parts:
      - id: spare
        label: Spare
        text: A small part.
      - id: pair
        label: Pair
        text: A part in two pieces.
      - id: edge
        label: Edge
        text: A part at the edge.
      - id: middle
        label: Middle
        text: A part in the middle.
      - id: nerve
        label: Nerve
        text: A thin part.
"""


@pytest.fixture
def clinic(
    write_content: Callable[[str], Path], content_text: str, tmp_path: Path
) -> Callable[[], Path]:
    """The default clinic, in English, Spanish and Arabic, whose nerve screen shows the
    figure above instead of the sciatic nerve."""
    start = content_text.index("    figure: assets/anatomy/body_back.svg")
    end = content_text.index("    sources:", start)
    text = content_text[:start] + PARTS + content_text[end:]
    text = text.replace(
        "  - code: es\n    name: Español\n",
        "  - code: es\n    name: Español\n  - code: ar\n    name: العربية\n",
    )
    path = write_content(text)
    (tmp_path / "assets" / "test_parts.svg").write_text(FIGURE, "utf-8")
    return lambda: path


def shown_parts(qtbot: QtBot, window: KioskWindow, language: str, text_size: int) -> AnatomyView:
    window.session.start()
    window.session.set_language(language)
    window.session.set_text_size(text_size)
    window.session.show("screen:sciatic_nerve", remember=True)
    qtbot.wait(30)
    page = shown_screen(window)
    assert isinstance(page, AnatomyView)
    return page


def dots(image: QImage, colour: QColor) -> list[QPoint]:
    """The middles of the dots drawn in `colour` (a leader line's end): the pixels of that
    colour with that colour 3 px away all round (a line is thinner than that)."""
    width = image.width()
    pixels = array("I", bytes(image.constBits()))  # RGB32: one word a pixel
    line = image.bytesPerLine() // 4
    target = colour.rgb() & 0xFFFFFFFF
    mine = {(i % line, i // line) for i, value in enumerate(pixels) if value == target}
    around = [(3, 0), (-3, 0), (0, 3), (0, -3), (2, 2), (-2, 2), (2, -2), (-2, -2)]
    core = [
        QPoint(x, y)
        for x, y in sorted(mine, key=lambda p: (p[1], p[0]))
        if x < width and all((x + dx, y + dy) in mine for dx, dy in around)
    ]
    found: list[list[QPoint]] = []
    for point in core:
        near = next((g for g in found if (g[0] - point).manhattanLength() < 12), None)
        if near is None:
            found.append([point])
        else:
            near.append(point)
    return [QPoint(sum(p.x() for p in g) // len(g), sum(p.y() for p in g) // len(g)) for g in found]


def ring(image: QImage, at: QPoint, skip: QColor) -> Counter[str]:
    """The colours seen in a ring 10-12 px round `at`, besides `skip` (the line)."""
    seen: Counter[str] = Counter()
    for radius in (10, 11, 12):
        for step in range(48):
            angle = step / 48 * 2 * math.pi
            x = at.x() + round(radius * math.cos(angle))
            y = at.y() + round(radius * math.sin(angle))
            if image.rect().contains(x, y):
                colour = image.pixelColor(x, y)
                if colour.rgb() != skip.rgb():
                    seen[colour.name()] += 1
    return seen


def judge(qtbot: QtBot, page: AnatomyView, window: KioskWindow) -> list[str]:
    faults: list[str] = []
    figure = page.figure
    visitor = KioskPage(qtbot, window)
    primary = page.ctx.palette.color("primary")
    accent = page.ctx.palette.color("accent").name()
    image = figure.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    rings = [ring(image, dot, primary) for dot in dots(image, primary)]
    # a dot on a shape is ringed by it; a dot on a line lies across it
    on = sorted(r.most_common(1)[0][0] for r in rings if r and NERVE not in r)
    wanted = sorted([accent, BIG, MIDDLE, EDGE])
    if on != wanted or sum(1 for r in rings if r[NERVE] >= 4) != 1:
        faults.append(f"the numbers' dots lie on {on} and {len(rings) - len(on)} on the nerve")
    page_box = QRect(page.mapTo(window, QPoint(0, 0)), page.size())
    figure_box = QRect(figure.mapTo(window, QPoint(0, 0)), figure.size())
    parts = [part.id for part in page.spec.parts]
    for number in range(1, len(parts) + 1):
        badge = visitor.button(str(number))
        box = QRect(badge.mapTo(window, QPoint(0, 0)), badge.size())
        if not (page_box.contains(box) and figure_box.contains(box)):
            faults.append(f"number {number} at {box} is cut by the figure {figure_box}")
        inner = badge.geometry()
        under = {
            figure.element_at(QPointF(x, y), parts)
            for x in range(inner.left(), inner.right() + 1, 3)
            for y in range(inner.top(), inner.bottom() + 1, 3)
        } - {None}
        if under:
            faults.append(f"number {number} lies over {sorted(p or '' for p in under)}")
    return faults


@pytest.mark.parametrize(
    "size", [QSize(1920, 1080), QSize(1366, 768), QSize(1080, 1920)], ids=lambda s: f"{s.width()}"
)
def test_each_number_points_at_its_largest_piece_and_lies_inside_on_no_part(
    qtbot: QtBot, clinic: Callable[[], Path], size: QSize
) -> None:
    window = make_window(qtbot, load_content(clinic()), size)
    found: list[str] = []
    for language in ("en", "ar"):
        for text_size in (1, 2, 3):
            page = shown_parts(qtbot, window, language, text_size)
            found += [f"{language} size {text_size}: {f}" for f in judge(qtbot, page, window)]
            window.session.reset()
    assert not found, "\n".join(found)
