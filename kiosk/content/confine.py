"""Every file the content names stays inside the content's folder (or the kiosk's own assets).

A picture, a font or a figure is named by a path relative to the content file. The path is
resolved, following every link, and the file it reaches must lie inside the folder of the
content file or inside the kiosk's bundled `assets/`: an absolute path, a path that climbs out
with `..`, and a link that points out are refused, each with words the editor can act on. A
content editor must never be able to show a file of the machine's (a key, another user's file,
`/proc/...`) on the kiosk's screen, nor make the kiosk depend on a file no sync carries.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path, PurePath

from ..paths import resource_root
from .files import kind_of


class OutsideFolderError(Exception):
    """Why a content path reaches outside the content's folder; worded to follow the path."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def inside(path: Path, roots: Sequence[Path]) -> bool:
    """Whether the resolved `path` lies in one of the resolved `roots`."""
    return any(path == root or path.is_relative_to(root) for root in roots)


def _climbs(relative: str) -> bool:
    normal = os.path.normpath(relative.replace("\\", "/"))
    return normal == ".." or normal.startswith("../")


def find_inside(relative: str, folder: Path, shipped: Path) -> Path | None:
    """The real file a content path names, looked for beside the content file (in `folder`),
    then in the kiosk's own files (the folder above `shipped`, the bundled `assets/`); None when
    there is none. Raises `OutsideFolderError` when the path, or a link on its way, leads out of
    both `folder` and `shipped` (both resolved)."""
    try:
        pure = PurePath(relative)
        if pure.is_absolute() or pure.anchor or relative.startswith(("/", "\\")):
            raise OutsideFolderError(
                "is an absolute path; give the file's path relative to the content file, inside"
                " its folder (like assets/logo.svg)"
            )
        allowed = (folder, shipped)
        for base, roots in ((folder, allowed), (shipped.parent, (shipped,))):
            candidate = base / relative
            if not os.path.lexists(candidate):
                continue
            target = candidate.resolve()
            if not target.exists():
                continue  # a dangling link: there is no such file
            if inside(target, roots):
                return target
            if base is not folder:
                continue  # not one of the kiosk's own assets: look no further
            if _climbs(relative):
                raise OutsideFolderError(
                    "climbs out of the content's folder with '..'; put the file inside the"
                    " folder of the content file and give its path from there"
                )
            kind = _kind(target)
            if kind:
                raise OutsideFolderError(
                    f"is {kind}, reached through a link to '{target}', outside the content's folder"
                )
            raise OutsideFolderError(
                f"is a link to '{target}', outside the content's folder; put the file itself"
                " inside the folder of the content file"
            )
    except (OSError, ValueError, RuntimeError):  # a name the system cannot hold, a link loop
        return None
    return None


def _kind(target: Path) -> str:
    """What `target` is when it is not a regular file ("a device, not a regular file"), or ""."""
    try:
        return kind_of(target.stat().st_mode) or ""
    except (OSError, ValueError):
        return ""


KIOSK_ASSET = "kiosk:"
"""An asset name that starts so is the kiosk's own file (in its `assets/`), never a file of the
clinic's folder: `kiosk:bodymap/body_back.svg`. Upgrades of the kiosk bring their fixes."""


def own_asset(name: str) -> Path | None:
    """The kiosk's own file `assets/NAME` (what `kiosk:NAME` names), or None."""
    shipped = (resource_root() / "assets").resolve()
    try:
        found = (shipped / name).resolve()
    except (OSError, ValueError):
        return None
    return found if found.is_relative_to(shipped) and found.is_file() else None
