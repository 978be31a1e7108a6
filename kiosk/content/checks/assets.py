"""The content's files: each asset path names a file that exists, of the right kind, that the
kiosk can read and show (`pictures`, `fonts`). No Qt here."""

from __future__ import annotations

from pathlib import Path

from ..confine import OutsideFolderError
from ..parts import assets_of
from .finding import KIOSK_ASSET, AssetKind
from .run import Path_, Run

IMAGE_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg"}
FONT_SUFFIXES = {".ttf", ".otf"}


def assets(run: Run) -> None:
    """Every field typed as an asset, wherever it is (see `parts.assets_of`)."""
    for asset in assets_of(run.content):
        suffixes = FONT_SUFFIXES if asset.kind == "font" else IMAGE_SUFFIXES
        _one_asset(run, asset.path, asset.relative, suffixes)


def _one_asset(run: Run, path: Path_, relative: str, suffixes: set[str]) -> None:
    suffix = Path(relative).suffix.lower()
    if suffix not in suffixes:
        run.error(path, f"'{relative}' should be a {' or '.join(sorted(suffixes))} file")
        return
    try:
        found = run.find_asset(relative)
    except OutsideFolderError as outside:
        run.error(path, f"'{relative}' {outside.message}")
        return
    if found is None and relative.startswith(KIOSK_ASSET):
        run.error(
            path,
            f"the kiosk has no file '{relative.removeprefix(KIOSK_ASSET)}' of its own "
            f"('{KIOSK_ASSET}' names a file of the kiosk's assets folder, such as "
            f"'{KIOSK_ASSET}bodymap/body_back.svg')",
        )
        return
    if found is None:
        run.error(
            path, f"the file '{relative}' does not exist (paths are relative to content.yaml)"
        )
        return
    kind: AssetKind = "font" if suffixes is FONT_SUFFIXES else "image"
    key = (found, kind)
    if key not in run.file_problems:
        run.file_problems[key] = run.inspect(found, kind)
    problem = run.file_problems[key]
    if problem is not None:
        run.error(path, f"'{relative}' {problem}")
        return
    run.assets[relative] = found
