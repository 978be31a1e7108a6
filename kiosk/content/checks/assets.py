"""The content's files: each asset path names a file that exists, of the right kind, that the
kiosk can read and show (`pictures`, `fonts`). No Qt here."""

from __future__ import annotations

import difflib
import os
from pathlib import Path, PurePosixPath

from ..confine import KIOSK_ASSET, OutsideFolderError
from ..parts import assets_of
from .finding import AssetKind, own_files
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
        name = relative.removeprefix(KIOSK_ASSET)
        run.error(path, f"the kiosk has no file '{name}' of its own{_own_files(name, suffixes)}")
        return
    if found is None:
        guess = _twin(run, relative)
        hint = ""
        if guess is not None:
            hint = f" (did you mean {guess}?"
            hint += " a name's capitals count here)" if guess.lower() == relative.lower() else ")"
        run.error(
            path,
            f"the file '{relative}' does not exist{hint} (paths are relative to content.yaml)",
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


def _twin(run: Run, relative: str) -> str | None:
    """The file a missing path most likely means: the same path with other capitals
    (`assets/Logo.svg` for `assets/logo.svg`: the kiosk's disk tells them apart, a clinic's
    computer often does not), or a name one slip away in the same folder; None if none."""
    parts = PurePosixPath(relative.replace("\\", "/")).parts
    if not parts or ".." in parts:
        return None
    walked: list[str] = []
    for index, part in enumerate(parts):
        try:
            folder = run.find_asset("/".join(walked) or ".")
            names = sorted(os.listdir(folder)) if folder is not None and folder.is_dir() else []
        except (OSError, OutsideFolderError):
            return None
        same = [name for name in names if name == part]
        cased = [name for name in names if name.lower() == part.lower()]
        if index == len(parts) - 1 and not same and not cased:
            cased = difflib.get_close_matches(part, names, n=1, cutoff=0.9)
        if not same and len(cased) != 1:
            return None
        walked.append(same[0] if same else cased[0])
    guess = "/".join(walked)
    return guess if guess != relative.replace("\\", "/") else None


def _own_files(name: str, suffixes: set[str]) -> str:
    """What the kiosk's own folder of `name` holds, for a `kiosk:` name it lacks: ": its
    steps/ holds kiosk:steps/a.svg, ... (did you mean ...?)"."""
    folder, _, _ = name.rpartition("/")
    held = own_files(folder, suffixes)
    if not held:
        folders = own_files("", None)
        return (
            f" ('{KIOSK_ASSET}' names a file of the kiosk's assets folder, such as"
            f" '{KIOSK_ASSET}bodymap/body_back.svg'; its folders: {', '.join(folders)})"
        )
    cased = [file for file in held if file.lower() == name.lower()]
    guess = cased or difflib.get_close_matches(name, held, n=1, cutoff=0.85)
    hint = f" (did you mean {KIOSK_ASSET}{guess[0]}?)" if guess else ""
    return f"{hint}; its {folder}/ holds {', '.join(KIOSK_ASSET + file for file in held)}"
