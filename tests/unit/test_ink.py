"""The grid of a figure's ink that places an anatomy figure's numbers (kiosk/ui/ink.py): the
pieces of a part, the point deepest inside one, and the ink under a box."""

from __future__ import annotations

from kiosk.ui.ink import Ink


def grid(*rows: str) -> Ink:
    return Ink(len(rows[0]), len(rows), bytes(1 if c == "#" else 0 for row in rows for c in row))


def test_a_part_in_two_pieces_has_two_pieces_the_larger_first() -> None:
    ink = grid(
        "##......",
        "##..####",
        "....####",
        "....####",
    )
    pieces = ink.pieces()
    assert [len(p) for p in pieces] == [12, 4]
    assert ink.deepest(pieces[0])[0] >= 4  # in the larger piece, on the right


def test_cells_touching_at_a_corner_are_one_piece() -> None:
    assert len(grid("#..", ".#.", "..#").pieces()) == 1


def test_the_deepest_point_of_an_l_is_in_its_thick_arm_not_its_box_middle() -> None:
    ink = grid(
        "##.........",
        "##.........",
        "##.........",
        "##...#####.",
        "##...#####.",
        "##########.",
        "##########.",
        "##########.",
    )
    piece = ink.pieces()[0]
    x, y = ink.deepest(piece)
    assert ink.inked(x, y)
    assert 6 <= x <= 8 and 4 <= y <= 6


def test_without_and_joined() -> None:
    a, b = grid("##..", "##.."), grid(".##.", ".##.")
    assert a.without(b).cells == grid("#...", "#...").cells
    assert Ink.joined([a, b], 4, 2).cells == grid("###.", "###.").cells


def test_the_ink_under_a_box_is_counted_and_clipped_to_the_grid() -> None:
    ink = grid("#..#", ".##.", "#..#")
    assert ink.count(0, 0, 4, 3) == 6
    assert ink.count(1, 1, 3, 2) == 2
    assert ink.count(-5, -5, 1, 1) == 1
    assert ink.count(3, 2, 9, 9) == 1
    assert ink.count(2, 2, 2, 3) == 0
