"""Start from what was checked: the snapshot that went live last, kept whole (without Qt).

Reading a content file at start means importing and running every check (YAML, pictures,
fonts, letters), which is most of the kiosk's start although the same file passed them when it
went live. So each snapshot that goes live is also kept whole, as it was checked (the
`LoadedContent`, with the bytes of every file it read), in `started.pickle` in the kiosk's
private data folder. At the next start, when

- the kiosk's content code is the same (its version and the code of `kiosk/content`),
- the content file is the same file (followed through links anew) with the same bytes,
- every file the snapshot read still holds the same bytes, and
- every path of the content still leads to the same file inside its folder, and the
  content file is not a link out of a synced folder (`sync.link_out_problem`),

the kiosk shows that snapshot at once: no YAML parsed, no check imported or run, no picture
drawn before the first frame. It then checks the content again in the content worker, after
the first frame, as for an edit (a refusal is logged and told to staff, and the visitor keeps
the snapshot, which passed). Anything else (a byte changed, a file gone, a kept snapshot that
cannot be read) means the ordinary start, which checks everything first; so a broken file is
never shown, and a snapshot is only ever kept of content that passed.

The file is written by the kiosk, for its account alone (0600, in its 0700 data folder), and
read back only from a file and folder owned by the kiosk's account that no other account can
write (pickle trusts what it reads: no one else may have written it).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import logging
import os
import pickle
import stat
import sys
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from .. import __version__
from ..paths import open_private, private_folder, resource_root
from .confine import KIOSK_ASSET, find_inside, own_asset
from .files import FileError, read_regular
from .sync import link_out_problem

if TYPE_CHECKING:  # imported when a snapshot is read: this module's other parts need no model
    from .loader import LoadedContent

log = logging.getLogger("kiosk")

FILE_NAME = "started.pickle"
MAX_BYTES = 512 * 1024 * 1024
"""More than any content the checks let through (its fonts and pictures included)."""


def code_stamp() -> str:
    """Which content code made and would read the snapshot: the program's version and the
    code of `kiosk/content` (its models and its checks). A frozen kiosk has no sources: its
    version and its program file (the code is inside it) say which code it is."""
    digest = hashlib.sha256(__version__.encode())
    if getattr(sys, "frozen", False):
        with contextlib.suppress(OSError):
            info = Path(sys.executable).stat()
            digest.update(f"{info.st_size}:{info.st_mtime_ns}".encode())
    here = Path(__file__).resolve().parent
    for source in sorted(here.rglob("*.py")):
        try:
            digest.update(source.relative_to(here).as_posix().encode())
            digest.update(source.read_bytes())
        except OSError:
            digest.update(source.name.encode())
    return digest.hexdigest()[:16]


def keep(base: Path, loaded: LoadedContent) -> None:
    """Keep `loaded` (content that went live: it passed every check) under `base` for the
    next start, written whole and then renamed into place; a folder that cannot be written
    is logged, and the next start only checks everything first."""
    portable = dataclasses.replace(loaded, files=dict(loaded.files), shown=dict(loaded.shown))
    target = base / FILE_NAME
    work = base / f".{FILE_NAME}.new"
    try:
        data = pickle.dumps((code_stamp(), portable), protocol=pickle.HIGHEST_PROTOCOL)
        private_folder(base)  # whatever the umask: `restore` refuses a folder others may write
        with open(open_private(work), "wb") as out:
            out.write(data)
        os.replace(work, target)
    except (OSError, pickle.PicklingError) as error:
        log.warning("cannot keep the checked content in %s for the next start (%s)", target, error)


def forget(base: Path) -> None:
    """Drop the kept snapshot (content that went live could not be kept)."""
    with contextlib.suppress(OSError):
        (base / FILE_NAME).unlink(missing_ok=True)


def restore(base: Path, source: Path) -> LoadedContent | None:
    """The snapshot kept under `base`, if `source` and every file it read are byte for byte
    what was checked (see the module's text); None otherwise."""
    from .loader import LoadedContent

    if not private(base) or not private(base / FILE_NAME):
        return None
    try:
        blob = read_regular(base / FILE_NAME, MAX_BYTES)
    except FileError:
        return None
    try:
        stamp, loaded = pickle.loads(blob)  # the kiosk's own private file
    except Exception:  # an older or damaged file: the ordinary start
        return None
    if stamp != code_stamp() or not isinstance(loaded, LoadedContent):
        return None
    if link_out_problem(Path(source)) is not None:  # refused by every read: checked first
        return None
    if not _same_files(loaded, source):
        return None
    return dataclasses.replace(
        loaded, files=MappingProxyType(dict(loaded.files)), shown=MappingProxyType(loaded.shown)
    )


def private(path: Path) -> bool:
    """Whether `path` is the kiosk's own, which no other account could have written: owned
    by this account, and writable by no group or other (a kept snapshot is only ever read
    from such a file, in such a folder; a link is not followed)."""
    try:
        info = path.lstat()
    except OSError:
        return False
    if stat.S_ISLNK(info.st_mode) or info.st_mode & 0o022:
        return False
    getuid = getattr(os, "getuid", None)  # Windows: the data folder's own rights apply
    return getuid is None or info.st_uid == getuid()


def _same_files(loaded: LoadedContent, source: Path) -> bool:
    try:
        path = Path(source).resolve()
        if path != loaded.path or read_regular(path, len(loaded.raw)) != loaded.raw:
            return False
        for file, data in loaded.files.items():
            if read_regular(file, len(data)) != data:
                return False
        roots = (path.parent.resolve(), (resource_root() / "assets").resolve())
        return all(found_now(relative, roots) == found for relative, found in loaded.assets.items())
    except Exception:  # a file gone, grown, unreadable, or a path now out: check it all
        return False


def found_now(relative: str, roots: tuple[Path, Path]) -> Path | None:
    """The file a content path leads to now, as the checks find it."""
    if relative.startswith(KIOSK_ASSET):
        return own_asset(relative.removeprefix(KIOSK_ASSET))
    return find_inside(relative, *roots)
