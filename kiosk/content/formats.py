"""The format a content file is written for, and reading files of older formats (no Qt).

A content file says the format it was written for at its top: `version: 1`. A new kiosk program
reads every file an older one read: where the shape of a kind changed, the kind's `upgrade`
(in the kinds registry) rewrites the file's data, before it is checked, into today's shape and
says in one sentence what to write instead (a warning with the file's line; `kiosk validate`
shows it, and the kiosk runs the content). A file written for a newer format than this program
knows is refused with a sentence that says what to do, before anything else is checked (its
new keys would only read as mistakes).

tests/corpus/ holds the example contents as they were in earlier commits: each must still
load (tests/unit/test_formats.py).
"""

from __future__ import annotations

from typing import Any

from .. import __version__
from .errors import ContentError, ContentIssue, PathPart, format_path
from .kinds import SCREEN_KINDS

FORMAT = 1
"""The newest content format this program reads (and the one `kiosk init` writes)."""


def upgrade(
    data: dict[str, Any], lines: dict[tuple[PathPart, ...], int], name: str
) -> list[ContentIssue]:
    """Bring `data` (a content file's top mapping, not yet checked) to today's shape, in place.
    Returns a warning for each part read in an older shape; raises `ContentError` for a file
    of a newer format than this program reads."""
    declared = data.get("version")
    if isinstance(declared, int) and not isinstance(declared, bool) and declared > FORMAT:
        raise ContentError(
            [
                ContentIssue(
                    name,
                    lines.get(("version",)),
                    "version",
                    f"this file is written for content format {declared}, and this kiosk "
                    f"program ({__version__}) reads format {FORMAT} and older: upgrade the "
                    "kiosk program on this machine, or write the file for it (`version: "
                    f"{FORMAT}`, without what format {declared} added)",
                )
            ]
        )
    notes: list[ContentIssue] = []
    screens = data.get("screens")
    if not isinstance(screens, list):
        return notes
    for index, screen in enumerate(screens):
        if not isinstance(screen, dict):
            continue
        kind_name = screen.get("type")
        kind = SCREEN_KINDS.get(kind_name) if isinstance(kind_name, str) else None
        if kind is None:
            continue  # an unknown kind is the model's error, with its line
        said = kind.upgrade(screen)
        if said is not None:
            where: tuple[PathPart, ...] = ("screens", index)
            notes.append(ContentIssue(name, lines.get(where), format_path(where), said, "warning"))
    return notes
