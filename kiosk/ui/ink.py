"""Where a figure is inked, on a coarse grid of cells (pure Python, no Qt): the pieces of a part
(the connected runs of its ink), the point deepest inside a piece (its pole of inaccessibility),
and how much ink a box covers. `SvgFigure.ink` draws the grid; the anatomy screen places its
numbers with these.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

NEIGHBOURS = ((-1, -1), (0, -1), (1, -1), (-1, 0), (1, 0), (-1, 1), (0, 1), (1, 1))


@dataclass(frozen=True)
class Ink:
    """A grid `width` x `height`, row by row: 1 where a cell is inked."""

    width: int
    height: int
    cells: bytes
    _sums: list[int] = field(default_factory=list, compare=False, repr=False)

    def __post_init__(self) -> None:
        if len(self.cells) != self.width * self.height:
            raise ValueError("the cells are not width x height")

    def inked(self, x: int, y: int) -> bool:
        return 0 <= x < self.width and 0 <= y < self.height and bool(self.cells[y * self.width + x])

    def without(self, other: Ink) -> Ink:
        """This ink where `other` (a grid of the same size) has none."""
        mine, theirs = int.from_bytes(self.cells, "big"), int.from_bytes(other.cells, "big")
        return Ink(self.width, self.height, (mine & ~theirs).to_bytes(len(self.cells), "big"))

    @staticmethod
    def joined(inks: Sequence[Ink], width: int, height: int) -> Ink:
        """The ink of all of `inks` (grids `width` x `height`) together."""
        cells = 0
        for ink in inks:
            cells |= int.from_bytes(ink.cells, "big")
        return Ink(width, height, cells.to_bytes(width * height, "big"))

    def pieces(self) -> list[list[int]]:
        """The connected runs of ink (cells touching by a side or a corner), each as its cells'
        indexes, the largest first."""
        width, height, cells = self.width, self.height, self.cells
        seen = bytearray(len(cells))
        found: list[list[int]] = []
        for start, inked in enumerate(cells):
            if not inked or seen[start]:
                continue
            seen[start] = 1
            piece, todo = [start], [start]
            while todo:
                index = todo.pop()
                x, y = index % width, index // width
                for dx, dy in NEIGHBOURS:
                    nx, ny = x + dx, y + dy
                    near = ny * width + nx
                    if 0 <= nx < width and 0 <= ny < height and cells[near] and not seen[near]:
                        seen[near] = 1
                        piece.append(near)
                        todo.append(near)
            found.append(piece)
        found.sort(key=len, reverse=True)
        return found

    def deepest(self, piece: Sequence[int]) -> tuple[int, int]:
        """The cell of `piece` farthest from its edge (a chamfer distance: 3 a side, 4 a
        corner), the nearest to the piece's middle among equals."""
        width = self.width
        xs = [i % width for i in piece]
        ys = [i // width for i in piece]
        left, top = min(xs) - 1, min(ys) - 1
        w, h = max(xs) - left + 2, max(ys) - top + 2  # a border of cells outside the piece
        far = 1 << 30
        dist = [0] * (w * h)
        for x, y in zip(xs, ys, strict=True):
            dist[(y - top) * w + (x - left)] = far
        for y in range(1, h - 1):
            for x in range(1, w - 1):
                i = y * w + x
                if dist[i]:
                    dist[i] = min(
                        dist[i], dist[i - 1] + 3, dist[i - w] + 3, dist[i - w - 1] + 4,
                        dist[i - w + 1] + 4,
                    )  # fmt: skip
        for y in range(h - 2, 0, -1):
            for x in range(w - 2, 0, -1):
                i = y * w + x
                if dist[i]:
                    dist[i] = min(
                        dist[i], dist[i + 1] + 3, dist[i + w] + 3, dist[i + w + 1] + 4,
                        dist[i + w - 1] + 4,
                    )  # fmt: skip
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        best = max(
            zip(xs, ys, strict=True),
            key=lambda p: (
                dist[(p[1] - top) * w + (p[0] - left)],
                -((p[0] - mx) ** 2 + (p[1] - my) ** 2),
            ),
        )
        return best

    def count(self, left: int, top: int, right: int, bottom: int) -> int:
        """How many inked cells lie in columns left..right-1 and rows top..bottom-1 (clipped
        to the grid); a table of sums made at the first count answers each in four looks."""
        width, height = self.width, self.height
        if not self._sums:
            sums = [0] * ((width + 1) * (height + 1))
            for y in range(height):
                run = 0
                row, above, here = y * width, y * (width + 1), (y + 1) * (width + 1)
                for x in range(width):
                    run += self.cells[row + x]
                    sums[here + x + 1] = sums[above + x + 1] + run
            self._sums.extend(sums)
        left, right = max(0, left), min(width, right)
        top, bottom = max(0, top), min(height, bottom)
        if left >= right or top >= bottom:
            return 0
        s, line = self._sums, width + 1
        return (
            s[bottom * line + right] - s[top * line + right] - s[bottom * line + left]
            + s[top * line + left]
        )  # fmt: skip
