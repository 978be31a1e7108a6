"""What a visitor sees of a window, checked the way an eye would: every word whole, nothing
cut off by its parent or by the window's edge, and 'More below' only when more is below.

`faults(root)` walks the visible widgets under `root` and returns one line per fault, naming
the widget by its words. Nothing here knows the kiosk's screens: it looks at what Qt draws.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetricsF, QTextLayout, QTextOption
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QLabel, QPushButton, QWidget

from kiosk.ui.widgets import KineticScrollArea

SLACK = 1  # px of rounding Qt may leave between a measured and a laid-out size
BUTTON_PADDING_SLACK = 16
"""px of a button's side padding its words may take (8 px a side) before they are cut."""
MIN_TARGET = 48  # px: the smallest a finger's target may be (CONTENT_BRIEF)
MIN_GAP = 8  # px between two targets, so a finger does not hit both


def _name(widget: QWidget) -> str:
    words = ""
    if isinstance(widget, (QLabel, QAbstractButton)):
        words = widget.text()
    words = words or widget.accessibleName() or widget.objectName() or type(widget).__name__
    return repr(" ".join(words.split())[:40])


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def _scroll_content(widget: QWidget) -> bool:
    """Whether `widget` is the scrolled content of a scroll area (it may be taller than the
    viewport; that is what scrolling is for)."""
    parent = widget.parentWidget()
    area = parent.parentWidget() if parent is not None else None
    return isinstance(area, QAbstractScrollArea) and area.viewport() is parent


def _clipped(widget: QWidget) -> str | None:
    """Whether a part of `widget` falls outside its parent (or, for scrolled content, outside
    the viewport's width: nothing suggests a sideways swipe)."""
    parent = widget.parentWidget()
    if parent is None:
        return None
    placed = widget.geometry()
    room = parent.rect()
    if _scroll_content(widget):
        if placed.width() > room.width() + SLACK:
            return f"is {placed.width()} px wide in a view {room.width()} px wide"
        return None
    inside = room.adjusted(-SLACK, -SLACK, SLACK, SLACK)
    if not inside.contains(placed):
        return f"at {_rect(placed)} is cut by its parent {_rect(room)}"
    return None


def _rect(r: QRect) -> str:
    return f"{r.width()}x{r.height()}+{r.x()}+{r.y()}"


def _words_fault(widget: QWidget) -> str | None:
    if isinstance(widget, QLabel) and widget.text() and not widget.pixmap():
        room = widget.contentsRect()
        if widget.wordWrap():
            needed = widget.heightForWidth(widget.width())
            if needed > widget.height() + SLACK:
                return f"needs {needed} px of height, has {widget.height()}"
            # a line that runs past the label's edge is cut there, which the height alone
            # does not show
            over = _overrun(widget)
            if over > SLACK:
                return f"has a line that runs {over:.0f} px past its edge"
        elif widget.textFormat() != widget.textFormat().RichText:
            longest = max(
                widget.fontMetrics().horizontalAdvance(line) for line in widget.text().split("\n")
            )
            if longest > room.width() + SLACK:
                return f"needs {longest} px of width, has {room.width()}"
        if "…" in widget.text():
            return "is elided"
    if isinstance(widget, QAbstractButton) and widget.text():
        # its words, its icon and the padding the theme gives it: what the style needs to
        # draw it whole (a button narrower than that cuts its words at both ends)
        # (Qt's own measure of the words as drawn now: a FittingButton's hint is its
        # one-line width, though it may be drawing them on two lines)
        drawn = QPushButton.sizeHint if isinstance(widget, QPushButton) else type(widget).sizeHint
        needed = drawn(widget).width()
        if needed > widget.width() + BUTTON_PADDING_SLACK:
            return f"needs {needed} px for its words, is {widget.width()} px wide"
    return None


def _right_to_left(text: str) -> bool:
    """Whether a paragraph reads right to left, as Qt decides it: by its first strong letter."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def _overrun(label: QLabel) -> float:
    """How far the widest line of a word-wrapped label runs past the room it has, as Qt lays
    the words out. A line is wider than the label only where one word is; and a line of a
    right-to-left paragraph that wraps at a space is drawn with that space at its right end
    (Qt), pushing its last word one space to the left: past the label's left edge, where it
    is cut, unless the label leaves that much room on its left (Al Nakheel's "إعادة")."""
    if label.textFormat() == Qt.TextFormat.RichText:
        return 0.0
    room = label.contentsRect()
    spaces = QFontMetricsF(label.font())
    worst = 0.0
    for paragraph in label.text().split("\n"):
        rtl = _right_to_left(paragraph)
        layout = QTextLayout(paragraph, label.font())
        option = layout.textOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        layout.setTextOption(option)
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(room.width())
            words = paragraph[line.textStart() : line.textStart() + line.textLength()]
            trailing = words[len(words.rstrip()) :] if rtl else ""
            width = line.naturalTextWidth() + spaces.horizontalAdvance(trailing)
            # a right-to-left line may run into the label's own left margin, not past it
            worst = max(worst, width - (room.x() + room.width() if rtl else room.width()))
        layout.endLayout()
    return worst


def _more_below_fault(area: KineticScrollArea) -> str | None:
    content = area.widget()
    if content is None:
        return None
    leaves = [
        w
        for w in content.findChildren(QWidget)
        if _shown(w) and not any(_shown(c) for c in w.findChildren(QWidget))
    ]
    lowest = max((w.mapTo(content, w.rect().bottomLeft()).y() for w in leaves), default=0)
    below = lowest > area.viewport().height() + 2
    if area.more.isVisible() and not below:
        return "says 'More below' with nothing below"
    if area.verticalScrollBar().maximum() > 0 and not below:
        return "scrolls, with nothing below to scroll to"
    if below and not area.more.isVisible():
        return "hides words below with no 'More below'"
    if area.more.isVisible():
        sign = area.more.geometry()
        for label in content.findChildren(QLabel):
            if not (_shown(label) and label.text()):
                continue
            placed = label.rect().translated(label.mapTo(area, label.rect().topLeft()))
            if placed.intersected(area.viewport().geometry()).intersects(sign):
                return f"'More below' covers {_name(label)}"
    return None


def faults(root: QWidget) -> list[str]:
    """Every fault a visitor would see in `root` as it is drawn now."""
    found: list[str] = []
    for widget in _looked_at(root):
        if not _shown(widget) or not _all_shown(widget, root):
            words = isinstance(widget, (QLabel, QAbstractButton)) and widget.text()
            parent = widget.parentWidget()
            if words and widget.isVisible() and parent is not None and _all_shown(parent, root):
                found.append(f"{_name(widget)} is squeezed to nothing")
            continue
        for fault in (_clipped(widget) if widget is not root else None, _words_fault(widget)):
            if fault:
                found.append(f"{_name(widget)} {fault}")
        if isinstance(widget, KineticScrollArea) and (fault := _more_below_fault(widget)):
            found.append(fault)
    return found + _target_faults(root)


def _looked_at(root: QWidget) -> Iterator[QWidget]:
    """`root`, then the widgets under it in the order `findChildren` gives them, but none
    under a widget that is not shown: nothing under it is seen, so nothing there is at fault
    (a widget is judged only if every parent up to `root` is shown), and a window holds
    every page it has built, most of them hidden."""
    yield root
    stack = [c for c in reversed(root.children()) if isinstance(c, QWidget)]
    while stack:
        widget = stack.pop()
        yield widget
        if _shown(widget):
            stack.extend(c for c in reversed(widget.children()) if isinstance(c, QWidget))


def _target_faults(root: QWidget) -> list[str]:
    """Targets a finger can miss: smaller than 48 px, or nearer than 8 px to another."""
    buttons = [
        b
        for b in _looked_at(root)
        if b is not root
        and isinstance(b, QAbstractButton)
        and _shown(b)
        and _all_shown(b, root)
        and not b.visibleRegion().isEmpty()
    ]
    found = [
        f"{_name(b)} is a {b.width()}x{b.height()} target"
        for b in buttons
        if b.width() < MIN_TARGET or b.height() < MIN_TARGET
    ]
    # apart: the parts a finger can reach (a button half scrolled away is cut at the edge)
    targets = [
        (b, b.visibleRegion().boundingRect().translated(b.mapTo(root, QPoint(0, 0))))
        for b in buttons
    ]
    for i, (a, ra) in enumerate(targets):
        for b, rb in targets[i + 1 :]:
            near = ra.adjusted(-MIN_GAP + 1, -MIN_GAP + 1, MIN_GAP - 1, MIN_GAP - 1)
            nested = ra.contains(rb) or rb.contains(ra)  # one inside the other
            if near.intersects(rb) and not nested:
                found.append(f"{_name(a)} and {_name(b)} are under {MIN_GAP} px apart")
    return found


def _all_shown(widget: QWidget, root: QWidget) -> bool:
    """Whether `widget` and every parent up to `root` are shown (isVisible already says
    so for hidden parents; this also drops widgets of zero size and their children)."""
    at: QWidget | None = widget
    while at is not None and at is not root:
        if not _shown(at):
            return False
        at = at.parentWidget()
    return True
