"""The staff corner, as the visitor's screens keep clear of it.

A receptionist opens the PIN pad by holding one corner of the screen (`staff.corner`, a
corner of the glass: it does not turn with the reading direction) for a few seconds
(`kiosk.ui.staff.CornerHold`). No visitor control may lie there, in any reading direction,
size or text size: in Arabic the "Aa" button lay in the top-left corner, and a visitor holding
it opened the PIN pad (tester). The frame's bars and the start screen ask here how far their
controls keep from each edge.
"""

from __future__ import annotations

from typing import Literal

from .context import UiContext

STAFF_CORNER_PX = 140
"""The side of the square a receptionist holds (px at 1080p)."""
DEFAULT_CORNER = "top_left"
"""The corner when the content names none (no `staff:` section)."""

Edge = Literal["top", "bottom"]
Side = Literal["left", "right"]


def staff_corner(ctx: UiContext) -> tuple[str, int]:
    """The staff corner (top_left, top_right, bottom_left or bottom_right) and its side in px."""
    staff = ctx.loaded.content.staff
    return (staff.corner if staff else DEFAULT_CORNER), ctx.metrics.px(STAFF_CORNER_PX)


def clear_of_corner(ctx: UiContext, edge: Edge, side: Side, margin: int) -> int:
    """The margin a control at this `edge` of the window needs from its `side` (physical, not
    the reading direction's): `margin`, or past the staff corner when the corner is there."""
    corner, size = staff_corner(ctx)
    if corner == f"{edge}_{side}":
        return max(margin, size + ctx.metrics.target_gap)
    return margin
