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


def data_dir() -> Path:
    """The platform's folder for the kiosk's data (KIOSK_DATA_DIR overrides it)."""
    override = os.environ.get("KIOSK_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


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


# -- files for the kiosk's account alone ---------------------------------------------------------

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def private_folder(folder: Path) -> Path:
    """Make `folder` (and any missing parent) for the kiosk's account alone, whatever the
    umask, and tighten it if it exists already and is the kiosk's. Folders that existed above
    it are left as they are (the user's home, /var/lib). Raises OSError as mkdir does."""
    folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    tighten(folder)  # a folder of another account (KIOSK_LOG_DIR=/tmp) is left as it is
    return folder


def tighten(path: Path) -> None:
    """Take away the group's and others' access to an existing file of the kiosk (a file
    written by an older kiosk under umask 022); links are left alone. Never raises."""
    try:
        if path.is_symlink() or not path.exists():
            return
        info = path.stat()
        shared = info.st_mode & 0o1000  # sticky: a folder for everyone, like /tmp
        if info.st_mode & 0o077 and info.st_uid == os.getuid() and not shared:
            path.chmod(info.st_mode & 0o700)
    except OSError:
        pass


def tighten_tree(folder: Path) -> None:
    """`tighten` a folder and everything under it (links not followed). Never raises."""
    tighten(folder)
    for root, folders, files in os.walk(folder):
        for name in (*folders, *files):
            tighten(Path(root) / name)


def open_private(path: Path, flags: int = os.O_WRONLY | os.O_CREAT | os.O_TRUNC) -> int:
    """`os.open` a file created 0600 whatever the umask (an existing one is tightened)."""
    descriptor = os.open(path, flags, PRIVATE_FILE)
    try:
        if os.fstat(descriptor).st_mode & 0o077:
            os.fchmod(descriptor, PRIVATE_FILE)
    except OSError:
        os.close(descriptor)
        raise
    return descriptor
