"""A content folder kept in sync from one place (git or Syncthing), seen from the kiosk.

The kiosk never fetches anything itself: a timer (git) or Syncthing changes the folder, and the
kiosk's hot reload (`kiosk.core.control`) reads it once it is whole. This module says what
"whole" means, without Qt and without a network:

- `sync_busy`: why the folder is in the middle of a change, or None. A git checkout is busy
  while git holds one of its lock files (`index.lock`, `HEAD.lock`, a branch's `.lock`) or is
  inside a merge or a rebase; a Syncthing folder while a `.syncthing.NAME.tmp` (Windows:
  `~syncthing~NAME.tmp`) file is being written.
- `git_commit`: the commit a git checkout shows, read from `.git` (HEAD, the branch's ref or
  `packed-refs`; a `.git` file of a worktree or a `--separate-git-dir` is followed). Where that
  is not enough (a ref format we do not read), `git rev-parse HEAD` with a time limit; None when
  the folder is not a checkout or git is missing. Never raises.
- `git_edited`: whether the checkout has changes of its own in the content file or its assets (`git
  status`), so that an edit made on the kiosk is not shown as the commit.
- `link_out_problem`: why a content file in a synced folder (a git checkout, a Syncthing
  folder) is a link to a file outside that folder, which no commit carries and no sync checks:
  such content is refused, as the sync script refuses such a commit.
- `source_marks`: what changes when the folder changes under the content file: the real path
  the content file stands for (a symlink swapped to a new release), the commit, and the
  modification times of the folders that hold the content and its pictures (a file added or
  renamed into one of them, as git and Syncthing do, changes its folder's time).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

GIT_TIMEOUT = 2.0
"""Seconds `git rev-parse` may take before the commit is given up as unknown."""
MAX_WALK = 5000
"""The most entries looked at when a Syncthing folder is searched for files in flight."""
_SHA = re.compile(r"^[0-9a-f]{40}([0-9a-f]{24})?$")
_GIT_BUSY = (
    ("index.lock", "git is changing the files (index.lock)"),
    ("HEAD.lock", "git is moving HEAD (HEAD.lock)"),
    ("MERGE_HEAD", "a git merge is not finished"),
    ("rebase-merge", "a git rebase is not finished"),
    ("rebase-apply", "a git rebase is not finished"),
    ("CHERRY_PICK_HEAD", "a git cherry-pick is not finished"),
)
SYNCTHING_TEMP = (re.compile(r"^\.syncthing\..*\.tmp$"), re.compile(r"^~syncthing~.*\.tmp$"))
"""The names Syncthing gives a file while it is still arriving (Unix, Windows)."""
SYNCTHING_MARKER = ".stfolder"
"""The folder Syncthing keeps at the top of every folder it syncs."""


def _read_text(path: Path, limit: int = 4096) -> str | None:
    try:
        with path.open("rb") as file:
            return file.read(limit).decode("utf-8", "replace").strip()
    except (OSError, ValueError):
        return None


def git_dirs(folder: Path) -> tuple[Path, Path] | None:
    """The git folder of the checkout holding `folder` and its common folder (where the refs
    are: the same, except in a worktree), or None when `folder` is in no checkout. The search
    goes up from `folder` but stops below the user's home folder: a home kept in git (its
    dotfiles) does not make the bundled content a checkout."""
    try:
        here = folder.resolve()
    except (OSError, RuntimeError):
        return None
    try:
        home: Path | None = Path.home().resolve()
    except (OSError, RuntimeError, KeyError):
        home = None
    for place in (here, *here.parents):
        if place == home and place != here:
            break  # a repository of the user's own settings (dotfiles) is not the content's
        dot = place / ".git"
        try:
            if dot.is_dir():
                git_dir = dot
            elif dot.is_file():
                text = _read_text(dot) or ""
                if not text.startswith("gitdir:"):
                    continue
                git_dir = (place / text.removeprefix("gitdir:").strip()).resolve()
            else:
                continue
        except (OSError, ValueError):
            continue
        common = _read_text(git_dir / "commondir")
        common_dir = (git_dir / common).resolve() if common else git_dir
        return git_dir, common_dir
    return None


def _ref(common_dir: Path, git_dir: Path, ref: str) -> str | None:
    for base in (git_dir, common_dir):
        value = _read_text(base / ref)
        if value and _SHA.match(value):
            return value
    packed = _read_text(common_dir / "packed-refs", limit=4 << 20) or ""
    for line in packed.splitlines():
        sha, _, name = line.partition(" ")
        if name.strip() == ref and _SHA.match(sha):
            return sha
    return None


def _git(folder: Path, timeout: float, *args: str) -> str | None:
    """What `git -C folder ARGS` prints, or None when git is missing, fails or takes longer
    than `timeout` seconds. It never takes optional locks: a look must never hold the
    index.lock a pull needs."""
    program = shutil.which("git")
    if program is None:
        return None
    try:
        done = subprocess.run(
            [program, "--no-optional-locks", "-C", str(folder), *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    return done.stdout if done.returncode == 0 else None


def _rev_parse(folder: Path, timeout: float) -> str | None:
    value = (_git(folder, timeout, "rev-parse", "HEAD") or "").strip()
    return value if _SHA.match(value) else None


def git_edited(folder: Path, files: Iterable[Path] = (), timeout: float = GIT_TIMEOUT) -> bool:
    """Whether the checkout holding `folder` has changes of its own in `files` (the content
    file and the assets it uses; everything under `folder` when none are given): a file edited
    on the kiosk, or added and not committed. Then the commit alone does not say what is live.
    Other files beside the content (the kiosk's own code, when the content sits at the top of
    its checkout) do not count, nor do the kiosk's own pictures (`kiosk:` assets, outside the
    folder). False when git is missing or does not answer in time (the
    commit is all we know)."""
    if git_dirs(folder) is None:
        return False
    paths = [str(path) for path in files if path.is_relative_to(folder)] or ["."]
    return bool((_git(folder, timeout, "status", "--porcelain", "--", *paths) or "").strip())


def git_commit(folder: Path, timeout: float = GIT_TIMEOUT) -> str | None:
    """The full commit id the checkout holding `folder` shows, or None (see the module)."""
    dirs = git_dirs(folder)
    if dirs is None:
        return None
    git_dir, common_dir = dirs
    head = _read_text(git_dir / "HEAD")
    if head and _SHA.match(head):
        return head  # a detached HEAD: the commit itself
    if head and head.startswith("ref:"):
        found = _ref(common_dir, git_dir, head.removeprefix("ref:").strip())
        if found is not None:
            return found
    return _rev_parse(folder, timeout)


def _syncthing_root(folder: Path) -> Path | None:
    for place in (folder, *folder.parents):
        if (place / SYNCTHING_MARKER).is_dir():
            return place
    return None


def _in_flight(names: Iterable[str]) -> str | None:
    for name in names:
        if any(pattern.match(name) for pattern in SYNCTHING_TEMP):
            return name
    return None


def _temp_file(content_folder: Path, folders: Iterable[Path]) -> Path | None:
    """A Syncthing temporary file under the content's folder (all of it, in a Syncthing
    folder; else the folders of the content and its pictures only)."""
    if _syncthing_root(content_folder) is not None:
        seen = 0
        for top, dirs, files in os.walk(content_folder):
            dirs[:] = [d for d in dirs if not d.startswith((".git", ".st"))]
            seen += len(dirs) + len(files)
            name = _in_flight(files)
            if name is not None:
                return Path(top) / name
            if seen > MAX_WALK:
                break
        return None
    for folder in {content_folder, *folders}:
        try:
            name = _in_flight(os.listdir(folder))
        except OSError:
            continue
        if name is not None:
            return folder / name
    return None


def sync_busy(content_path: Path, folders: Iterable[Path] = ()) -> str | None:
    """Why the content folder is in the middle of a change (a pull, a file arriving), in plain
    words, or None when it is at rest. `folders` are the folders of the content's pictures."""
    folder = content_path.parent
    dirs = git_dirs(folder)
    if dirs is not None:
        git_dir, common_dir = dirs
        for name, why in _GIT_BUSY:
            if (git_dir / name).exists():
                return why
        head = _read_text(git_dir / "HEAD") or ""
        if head.startswith("ref:"):
            ref = head.removeprefix("ref:").strip()
            if (common_dir / f"{ref}.lock").exists():
                return f"git is moving {ref} ({ref}.lock)"
    temp = _temp_file(folder, folders)
    if temp is not None:
        return f"Syncthing is still writing {temp}"
    return None


def source_marks(content_path: Path, folders: Iterable[Path] = ()) -> tuple[str, ...]:
    """What changes when the folder behind `content_path` changes (see the module)."""
    try:
        real = os.path.realpath(content_path)
    except (OSError, ValueError):
        real = str(content_path)
    marks = [real, git_commit(content_path.parent) or ""]
    for folder in sorted({Path(real).parent, *folders}):
        try:
            marks.append(f"{folder}@{folder.stat().st_mtime_ns}")
        except (OSError, ValueError):
            marks.append(f"{folder}@-")
    return tuple(marks)


def link_out_problem(content_path: Path) -> str | None:
    """Why the content file, in a folder kept by a sync (a git checkout or a Syncthing folder),
    is a link that leaves that folder, or None. Anywhere else a link is the clinic's own choice
    (the content's folder is then the folder of the file it points to)."""
    try:
        given = Path(os.path.abspath(content_path))
        folder = given.parent.resolve()
        real = given.resolve()
    except (OSError, RuntimeError, ValueError):
        return None
    dirs = git_dirs(folder)
    top = folder
    if dirs is not None:
        top = dirs[0].parent if dirs[0].name == ".git" else folder
    elif _syncthing_root(folder) is None:
        return None
    if real.is_relative_to(top):
        return None
    return (
        f"the content file is a link to {real}, outside the synced folder {top}: a file no"
        " commit carries and no sync checks; commit the content file itself"
    )
