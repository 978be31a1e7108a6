"""Where the kiosk finds its bundled files, from source or frozen, never via the working dir."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "clinic-kiosk"


def resource_root() -> Path:
    """The folder holding the bundled `assets/` and the default `content.yaml`.

    From source this is the repository root (the folder above the package); in a
    PyInstaller build it is the bundle's folder.
    """
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def default_content_path() -> Path:
    """The content file to use when none is named.

    A `content.yaml` beside a frozen executable overrides the bundled one.
    """
    if getattr(sys, "frozen", False):
        beside = Path(sys.executable).resolve().parent / "content.yaml"
        if beside.is_file():
            return beside
    return resource_root() / "content.yaml"


def bundled_asset(relative: str) -> Path:
    return resource_root() / "assets" / relative


def resolve_asset(relative: str | os.PathLike[str], content_dir: Path) -> Path | None:
    """Find an asset named in a content file: beside that file first, then in the bundle."""
    try:
        rel = Path(relative)
        if rel.is_absolute():
            return rel if rel.exists() else None
        for base in (content_dir, resource_root()):
            candidate = (base / rel).resolve()
            if candidate.exists():  # a FIFO or a folder is found, and refused by its check
                return candidate
    except (OSError, ValueError):  # a name the system cannot hold (a NUL byte, too long)
        return None
    return None
