"""A copy of the last good content, so that a kiosk started on a broken file still shows the
clinic's own screens, never the desktop (without Qt).

Each time content goes live, `keep` copies its snapshot (the content file's bytes as read and
every file of the content's folder it uses, as read and checked, written as real files: a link
inside the folder becomes the file it points to) into a folder of its own under
the kiosk's data folder, and swaps the link `current` to it in one step. When `kiosk run` finds
the content file broken at start (a bad edit, or a pull, made while the kiosk was off), it runs
`fallback()`'s copy, says so in the log, in the staff panel and in the metrics, and applies the
content file as soon as it is fixed. Pictures and fonts of the kiosk's own (its `assets/`, or
anything outside the content's folder) are not copied: they ship with the kiosk.

The copy is the kiosk's account's alone: folders 0700, files 0600, whatever the umask (a copy
an older kiosk left readable is tightened).

Writing the copy is a courtesy: a full disk or a folder that cannot be written is logged and
the kiosk runs on.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from ..paths import PRIVATE_FOLDER, open_private, private_folder, resource_root, tighten_tree
from .errors import ContentError
from .loader import LoadedContent, load_content
from .sync import git_commit

log = logging.getLogger("kiosk")

FOLDER = "last-good"
CURRENT = "current"
CONTENT_NAME = "content.yaml"
COMPLETE = ".complete"
"""Written last in a copy, after every file is on the disk: a copy without it is redone."""
COMMIT = ".commit"
"""The commit the copied content came from (a git checkout's), so that a kiosk running the
copy names that commit as its version, as the rest of the fleet does, not a hash."""


def _copy_name(version: str) -> str:
    return f"v-{version}"


def _folder_of(link: Path) -> str | None:
    try:
        return os.readlink(link)
    except OSError:
        return None


def keep(loaded: LoadedContent, base: Path) -> Path | None:
    """Copy `loaded` under `base` (unless this version is the copy already) and make it the
    current copy; the content file of the copy, or None if it could not be written."""
    name = _copy_name(loaded.version)
    link = base / CURRENT
    tighten_tree(base)  # a copy kept by an older kiosk under umask 022: for this account only
    folder = loaded.path.parent.resolve()
    commit = git_commit(folder)
    if _folder_of(link) == name and (base / name / COMPLETE).is_file():
        _note_commit(base / name, commit)  # the same files, perhaps from a newer commit
        return base / name / CONTENT_NAME
    shipped = (resource_root() / "assets").resolve()
    work = base / f".{name}.partial"
    try:
        private_folder(base)
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(mode=PRIVATE_FOLDER)
        _write(work / CONTENT_NAME, loaded.raw)
        for path, data in loaded.files.items():
            if (
                not path.is_relative_to(folder)
                or path.is_relative_to(shipped)
                or path == loaded.path.resolve()
            ):
                continue  # the kiosk's own pictures and fonts ship with it
            target = work / path.relative_to(folder)
            target.parent.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
            _write(target, data)
        for relative, path in loaded.assets.items():  # a link inside the folder: a real file
            named = Path(os.path.normpath(relative))
            if named.is_absolute() or named.parts[:1] == ("..",) or path not in loaded.files:
                continue
            if not path.is_relative_to(folder) or path.is_relative_to(shipped):
                continue
            target = work / named
            if not target.is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                _write(target, loaded.files[path])
        if not _loads_as(work / CONTENT_NAME, loaded):
            shutil.rmtree(work, ignore_errors=True)
            return None
        if commit is not None:
            _write(work / COMMIT, commit.encode())
        _write(work / COMPLETE, loaded.version.encode())
        _sync_folder(work)
        shutil.rmtree(base / name, ignore_errors=True)
        work.rename(base / name)
        new_link = base / f".{CURRENT}.new"
        new_link.unlink(missing_ok=True)
        new_link.symlink_to(name)
        new_link.rename(link)  # the swap: one step, never half done
        _sync_folder(base)
    except OSError as error:
        log.warning("cannot keep a copy of the last good content in %s (%s)", base, error)
        shutil.rmtree(work, ignore_errors=True)
        return None
    for old in base.iterdir():  # one copy is enough
        if old.name.startswith("v-") and old.name != name:
            shutil.rmtree(old, ignore_errors=True)
    return base / name / CONTENT_NAME


def _note_commit(copy: Path, commit: str | None) -> None:
    try:
        if commit is None:
            (copy / COMMIT).unlink(missing_ok=True)
        elif _read_commit(copy) != commit:
            temp = copy / f"{COMMIT}.new"
            _write(temp, commit.encode())
            temp.replace(copy / COMMIT)
    except OSError as error:
        log.warning("cannot note the commit of the last good content in %s (%s)", copy, error)


def _read_commit(copy: Path) -> str | None:
    try:
        text = (copy / COMMIT).read_text("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text if len(text) in (40, 64) and all(c in "0123456789abcdef" for c in text) else None


def copied_commit(folder: Path) -> str | None:
    """The commit a copy of the last good content came from, if `folder` is a whole copy."""
    if not (folder / COMPLETE).is_file():
        return None
    return _read_commit(folder)


def _write(path: Path, data: bytes) -> None:
    """Write and flush to the disk: a power cut just after must not leave an empty file."""
    with open(open_private(path), "wb") as file:  # 0600: the clinic's content is its own
        file.write(data)
        file.flush()
        os.fsync(file.fileno())


def _sync_folder(folder: Path) -> None:
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # some file systems cannot: the files themselves are on the disk
    finally:
        os.close(handle)


def _loads_as(copy: Path, loaded: LoadedContent) -> bool:
    """Whether the copy loads as the content it copies (it may not: a picture reached through
    a link, or from outside the content's folder, is not in it)."""
    try:
        again = load_content(copy)
        same = again.raw == loaded.raw and all(
            _bytes(again, relative) == _bytes(loaded, relative) for relative in loaded.assets
        )  # the same text and, under each name the content gives, the same picture or font
        problem = "its pictures would be others"
    except ContentError as error:
        same, problem = False, str(error.issues[0] if error.issues else error)
    if not same:
        log.warning(
            "no copy of the last good content is kept: it uses files from outside its folder "
            "(a link, or '..'), which a copy cannot hold (%s)",
            problem,
        )
    return same


def _bytes(loaded: LoadedContent, relative: str) -> bytes | None:
    found = loaded.file(relative)
    return None if found is None else found.data


def fallback(base: Path) -> Path | None:
    """The content file of the last good copy under `base`, if there is one."""
    path = base / CURRENT / CONTENT_NAME
    try:
        return path.resolve(strict=True) if path.is_file() else None
    except OSError:
        return None
