"""What a designer would notice on a screen, judged from what Qt lays out and draws: edges that
disagree, a scroll bar far from its text, an empty band on a portrait page, icons and the 0-10
scale that stay small beside large words, an anatomy figure's number cut by the page or lying
on a part of the figure, or its line ending off the part it names.

`design_faults(window, place)` returns one line per fault on the page shown now. The words'
own faults (cut, elided, small or crowded targets) are `seen.faults`.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QFrame, QLabel, QWidget

from kiosk.core.place import Place
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.screens.anatomy import AnatomyFigure
from kiosk.ui.widgets import KineticScrollArea

EDGE_SLACK = 2
"""px two edges of one column may differ by."""
EMPTY_BAND = 0.25
"""The most of a portrait page's height one empty band may take (questions and articles)."""
CENTRED = 0.04
"""How much the bands above and below a short page's words may differ (of its height)."""
BAR_GAP = 64
"""px the most a scroll bar may stand from the edge of the text it scrolls."""
ICON_EM = 1.1
"""An icon beside words is at least this many times their font's pixel size."""
SCALE_EM = 2.2
"""A number of the 0-10 scale is at least this many times its font's size wide, as far as
the row has room."""


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def _box(widget: QWidget, root: QWidget) -> QRect:
    """Where `widget`'s contents are drawn, in `root`'s coordinates."""
    inner = widget.contentsRect() if isinstance(widget, QLabel) else widget.rect()
    return inner.translated(widget.mapTo(root, QPoint(0, 0)))


def _role(widget: QWidget) -> str:
    return str(widget.property("role") or "")


def _name(widget: QWidget) -> str:
    words = widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else ""
    words = words or widget.accessibleName() or widget.objectName() or type(widget).__name__
    return repr(" ".join(words.split())[:30])


def empty_bands(page: QWidget) -> tuple[float, float, float]:
    """The runs of rows of `page`, as drawn, holding nothing but its background, as shares
    of its height: the one at its top, the tallest between two things drawn, the one at
    its foot."""
    image = page.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    width, height = image.width(), image.height()
    if not width or not height:
        return 0.0, 0.0, 0.0
    bits = bytes(image.constBits())
    line = image.bytesPerLine()
    plain = bits[2 * line : 2 * line + 4] * width  # the page's own background
    empty = [bits[y * line : y * line + 4 * width] == plain for y in range(height)]
    runs: list[tuple[int, int]] = []  # (first row, rows)
    for y, blank in enumerate(empty):
        if blank and runs and runs[-1][0] + runs[-1][1] == y:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        elif blank:
            runs.append((y, 1))
    top = next((n for start, n in runs if start == 0), 0)
    foot = next((n for start, n in runs if start + n == height), 0)
    between = max((n for start, n in runs if start > 0 and start + n < height), default=0)
    return top / height, between / height, foot / height


def band_fault(page: QWidget) -> str | None:
    """An empty band over `EMPTY_BAND` of the page between two things drawn, or at its top
    or foot, unless what is drawn stands in the middle (a page shorter than half the
    screen: its two bands as tall, within `CENTRED` of the page)."""
    top, between, foot = empty_bands(page)
    if between > EMPTY_BAND:
        return f"an empty band of {between:.0%} of the page"
    if max(top, foot) > EMPTY_BAND and abs(top - foot) > CENTRED:
        band = max(top, foot)
        return f"an empty band of {band:.0%} of the page ({top:.0%} above, {foot:.0%} below)"
    return None


def _leading(box: QRect, rtl: bool) -> int:
    return box.right() if rtl else box.left()


def _column(page: QWidget) -> list[QWidget]:
    """The page's column of words under its title: text, cards, callouts and answers, as a
    visitor sees them (not what is scrolled out of view)."""
    parts: list[QWidget] = []
    for widget in page.findChildren(QWidget):
        if not _shown(widget) or widget.visibleRegion().isEmpty():
            continue
        if isinstance(widget, QLabel) and _role(widget) in ("body", "hint", "help", "heading"):
            parts.append(widget)
        elif isinstance(widget, QAbstractButton) and _role(widget) == "choice":
            parts.append(widget)
        elif type(widget) is QFrame and _role(widget) in ("callout", "card"):
            parts.append(widget)
    return parts


def number_faults(window: KioskWindow, page: QWidget) -> list[str]:
    """An anatomy figure's number cut by the figure's or the page's edge, or lying over a part
    of the figure (its own or another, or the element lit for one), judged by the parts'
    outlines under the number; a number's line that ends off its part (beside it, or on
    another part drawn over it)."""
    found: list[str] = []
    page_box = _box(page, window)
    for figure in page.findChildren(AnatomyFigure):
        if not _shown(figure):
            continue
        figure_box = _box(figure, window)
        parts = list(dict.fromkeys(e for p in figure.parts for e in (p.id, p.highlighted)))
        ids = [part.id for part in figure.parts]
        placed = figure.leaders if len(figure.leaders) == len(figure.parts) else []
        for part, (dot, _) in zip(figure.parts, placed, strict=False):
            # a part drawn at all (not an invisible spot): its line ends on it, not beside it
            # or on another part
            rect = figure.element_rect(part.id)
            drawn = any(figure.ink([part.id], rect, max(1.0, rect.width() / 16)).cells)
            if drawn and figure.element_at(dot, ids) != part.id:
                found.append(f"the line of {part.id!r} ends off it, at {dot.toPoint()}")
        for number in figure.findChildren(QAbstractButton):
            if not _shown(number):
                continue
            box = _box(number, window)
            if not (page_box.contains(box) and figure_box.contains(box)):
                found.append(f"number {number.text()} at {box.topLeft()} is cut by the page")
            inner = number.geometry()
            under = {
                figure.element_at(QPointF(x, y), parts)
                for x in range(inner.left(), inner.right() + 1, 4)
                for y in range(inner.top(), inner.bottom() + 1, 4)
            } - {None}
            if under:
                found.append(f"number {number.text()} lies over {sorted(p or '' for p in under)}")
    return found


def design_faults(window: KioskWindow, place: Place) -> list[str]:
    page = window.current_page()
    rtl = page.isRightToLeft()
    found: list[str] = []
    portrait = window.height() > window.width()
    titles = [
        w
        for w in page.findChildren(QLabel)
        if _shown(w) and _role(w) in ("title", "question") and w.text()
    ]
    judged = place.is_question or (place.is_screen and titles)
    if portrait and judged and (band := band_fault(page)):
        found.append(band)
    if titles:
        title = titles[0]
        # a title in a banner or card: the column's edge is the banner's
        holder: QWidget = title
        at = title.parentWidget()
        while at is not None and at is not page:
            if type(at) is QFrame and _role(at):
                holder = at
            at = at.parentWidget()
        edge = _leading(_box(holder, window), rtl)
        near = [
            (_leading(_box(part, window), rtl), part)
            for part in _column(page)
            if abs(_leading(_box(part, window), rtl) - edge) < title.width() // 3
        ]
        if near:  # the column's edge: its outermost part under the title
            other, part = max(near, key=lambda n: n[0]) if rtl else min(near, key=lambda n: n[0])
            if abs(other - edge) > EDGE_SLACK:
                found.append(f"{_name(part)} starts at x={other}, the title at x={edge}")
    for area in page.findChildren(KineticScrollArea):
        bar = area.bar
        if not (_shown(area) and _shown(bar)) or area.verticalScrollBar().maximum() <= 0:
            continue
        content = area.widget()
        words = [
            _box(w, window)
            for w in (content.findChildren(QWidget) if content is not None else [])
            if _shown(w)
            and not w.visibleRegion().isEmpty()
            and (isinstance(w, (QLabel, QAbstractButton)) or type(w) is QFrame)
            and not isinstance(w.parentWidget(), QAbstractButton)
            and _role(w) != "tick"
        ]
        if not words:
            continue
        placed = _box(bar, window)
        gap: int
        if rtl:
            gap = min(b.left() for b in words) - placed.right()
        else:
            gap = placed.left() - max(b.right() for b in words)
        if gap > BAR_GAP or gap < 0:
            found.append(f"the scroll bar stands {gap} px from the text it scrolls")
    frame = window.frame
    tools = [b for b in frame.top_bar.findChildren(QAbstractButton) if _shown(b)]
    if tools:
        tops = {b.mapTo(window, QPoint(0, 0)).y() for b in tools}
        bottoms = {b.mapTo(window, QPoint(0, b.height())).y() for b in tools}
        if max(tops) - min(tops) > 1 or max(bottoms) - min(bottoms) > 1:
            found.append(f"the top bar's buttons stand at y={sorted(tops)}")
    for button in [*tools, frame.back_button, frame.home_button, frame.next_button]:
        if not _shown(button) or button.icon().isNull() or not button.text():
            continue
        font = button.font().pixelSize()
        if button.iconSize().height() < ICON_EM * font - 1:
            found.append(
                f"{_name(button)}'s icon is {button.iconSize().height()} px beside words of"
                f" {font} px"
            )
    scale = [b for b in page.findChildren(QAbstractButton) if _role(b) == "scale" and _shown(b)]
    if len(scale) > 1:
        first, second = scale[0].geometry(), scale[1].geometry()
        layout = page.layout()
        margins = layout.contentsMargins() if layout is not None else None
        sides = margins.left() + margins.right() if margins is not None else 0
        if first.top() == second.top():  # a row, as wide as the page's column
            gap = abs(second.x() - first.x()) - first.width()
            length = page.width() - sides
        else:  # a column, at most half the page high
            gap = abs(second.y() - first.y()) - first.height()
            length = page.height() // 2
        room = (length - gap * (len(scale) - 1)) // len(scale)
        wanted = min(int(SCALE_EM * scale[0].font().pixelSize()), room)
        if scale[0].width() < wanted - 1:
            found.append(f"the scale's numbers are {scale[0].width()} px wide, {wanted} fit")
    found += number_faults(window, page)
    return found
