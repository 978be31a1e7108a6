"""Where an asset path of the content leads: a file of the clinic's folder, or one of the kiosk's
own files (`kiosk:NAME`); and the check of one asset file. No Qt here."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Literal

from ...paths import resource_root
from ..confine import KIOSK_ASSET, own_asset
from ..files import read_regular
from ..fonts import font_file_problem
from ..pictures import MAX_IMAGE_BYTES, image_file_problem
from ..raster import raster_size

AssetFinder = Callable[[str], Path | None]
AssetKind = Literal["font", "image"]
AssetInspector = Callable[[Path, AssetKind], str | None]
"""What makes an asset file unusable (worded to follow its name), or None."""


def own_files(folder: str, suffixes: set[str] | None) -> list[str]:
    """The names of the kiosk's own files in `assets/FOLDER` with one of `suffixes` (from
    `assets/`, sorted), or with `suffixes` None the kiosk's own folders (`steps/`, ...)."""
    shipped = (resource_root() / "assets").resolve()
    try:
        where = (shipped / folder).resolve()
        if not where.is_relative_to(shipped) or not where.is_dir():
            return []
        if suffixes is None:
            return sorted(f"{entry.name}/" for entry in where.iterdir() if entry.is_dir())
        return sorted(
            entry.relative_to(shipped).as_posix()
            for entry in where.iterdir()
            if entry.is_file() and entry.suffix.lower() in suffixes
        )
    except (OSError, ValueError):
        return []


def own_of_relative(relative: str) -> Path | None:
    """The kiosk's own file of the same name as a content's asset path (`assets/NAME`)."""
    name = Path(relative).as_posix().removeprefix("./")
    return own_asset(name.removeprefix("assets/")) if name.startswith("assets/") else None


def finding_own(find_asset: AssetFinder) -> AssetFinder:
    def find(relative: str) -> Path | None:
        if relative.startswith(KIOSK_ASSET):
            return own_asset(relative.removeprefix(KIOSK_ASSET))
        return find_asset(relative)

    return find


def image_size(path: Path) -> tuple[int, int]:
    """(width, height) in pixels of a PNG or JPEG, read from its header with no image library.

    Raises `UnreadableImageError` when the file is neither, or its header is cut short or broken,
    and `FileError` when it cannot be read.
    """
    return raster_size(read_regular(path, MAX_IMAGE_BYTES))


def image_problem(path: Path) -> str | None:
    """What makes a picture file unusable, worded to follow its name, or None when it is fine
    (see `pictures`: read whole, within its budgets, SVG references inside its folder)."""
    return image_file_problem(path)


def inspect_asset(path: Path, kind: AssetKind) -> str | None:
    """The file check of one asset: the default `AssetInspector`."""
    return font_file_problem(path) if kind == "font" else image_file_problem(path)
