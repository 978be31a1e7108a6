"""A content snapshot: the YAML and every file it uses, each read once, checked and hashed.

The loader reads every asset through one `SnapshotReader`, so a picture is read from disk once:
the bytes checked are the bytes kept, and the bytes the kiosk shows. The version of a snapshot
is the SHA-256 of the YAML and of every file's path and bytes, so replacing a picture changes
the version as editing the text does.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path
from typing import TYPE_CHECKING

from .files import FileError, FileTooBigError, read_regular

if TYPE_CHECKING:  # the checks load when a file is checked, not with the snapshot's types
    from .checks.finding import AssetKind  # (a start from a kept snapshot skips them)

PICTURE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")


@dataclass(frozen=True)
class AssetFile:
    """An asset of a snapshot: where it was read from, and the bytes to show (never read again)."""

    path: Path
    data: bytes = dc_field(repr=False)

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower()


Progress = Callable[[Path, "float | None"], None]
"""Told when a file's check starts (None) and how many seconds it took: what a time budget
names when it runs out (the slowest files)."""

DrawCheck = Callable[[Sequence[tuple[Path, bytes]]], dict[Path, str]]
"""Draws pictures (path, bytes) once, under a time budget; what is wrong with each it could not
(by path). Injected by the command line and the app: the content layer never imports Qt."""


class CheckMemo:
    """What the checks found in files whose verdict depends only on their bytes (fonts, PNG,
    JPEG), by SHA-256: the running kiosk keeps one across reloads, so an edit of the text does
    not parse the clinic's font again (0.3 s for Lato, 3 s for a font of Chinese)."""

    def __init__(self) -> None:
        self.results: dict[tuple[AssetKind, str], str | None] = {}


class SnapshotReader:
    """Reads each file once (a regular file, bounded) and keeps its bytes."""

    def __init__(
        self,
        roots: Sequence[Path],
        memo: CheckMemo | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.progress = progress
        self.roots = tuple(roots)
        """The folders an SVG may show pictures from: the content's, and the bundled assets."""
        self.files: dict[Path, bytes] = {}
        self._results: dict[tuple[Path, AssetKind], str | None] = {}
        self.memo = memo

    def read(self, path: Path, limit: int) -> bytes:
        data = self.files.get(path)
        if data is None:
            data = read_regular(path, limit)
            self.files[path] = data
        elif len(data) > limit:
            raise FileTooBigError(len(data), limit)
        return data

    def inspect(self, path: Path, kind: AssetKind) -> str | None:
        """The check of one asset (an `AssetInspector`), done once per file and kind."""
        key = (path, kind)
        if key not in self._results:
            if self.progress is not None:
                self.progress(path, None)
            started = time.monotonic()
            self._results[key] = self._remembered(path, kind)
            if self.progress is not None:
                self.progress(path, time.monotonic() - started)
        return self._results[key]

    def _check(self, path: Path, kind: AssetKind) -> str | None:
        from .fonts import font_file_problem
        from .pictures import image_file_problem

        if kind == "font":
            return font_file_problem(path, self.read)
        return image_file_problem(path, self.roots, self.read)

    def _remembered(self, path: Path, kind: AssetKind) -> str | None:
        """The check, or its verdict on the same bytes from an earlier load."""
        from .fonts import MAX_FONT_BYTES
        from .pictures import MAX_IMAGE_BYTES

        if self.memo is None or (kind == "image" and path.suffix.lower() == ".svg"):
            return self._check(path, kind)  # an SVG's verdict depends on the files it shows
        try:
            data = self.read(path, MAX_FONT_BYTES if kind == "font" else MAX_IMAGE_BYTES)
        except FileError:
            return self._check(path, kind)  # says what is wrong with the file
        key = (kind, hashlib.sha256(data).hexdigest())
        if key not in self.memo.results:
            self.memo.results[key] = self._check(path, kind)
        return self.memo.results[key]

    def shown(self, path: Path) -> bytes:
        """The bytes the kiosk draws for an asset that passed its check: an SVG with the
        pictures it shows inside it, anything else as read."""
        from .pictures import SvgPlace, with_pictures_inside

        data = self.files[path]
        if path.suffix.lower() == ".svg":
            return with_pictures_inside(data, SvgPlace(path, self.roots, self.read))
        return data

    def draw(self, pictures: Sequence[Path], check: DrawCheck) -> bool:
        """Draw the pictures that passed their checks; a picture that cannot be drawn gets its
        problem in place of None. Returns whether any could not."""
        todo = [
            (path, self.shown(path))
            for path in sorted(set(pictures))
            if path.suffix.lower() in PICTURE_SUFFIXES
            and self._results.get((path, "image"), "") is None
            and path in self.files
        ]
        if not todo:
            return False
        problems = check(todo)
        for path, problem in problems.items():
            self._results[(path, "image")] = problem
        return bool(problems)


def _name_in(path: Path, roots: Sequence[Path]) -> str:
    """A file's name as the content sees it: relative to the first root that holds it (the
    content's folder, then the bundled assets), so the same content is the same version in
    any folder of any kiosk."""
    holding = [
        (len(root.parts), i, root) for i, root in enumerate(roots) if path.is_relative_to(root)
    ]
    if not holding:
        return str(path)
    _depth, index, root = max(holding)  # the nearest: the bundled assets inside the default's
    return f"{index}:{path.relative_to(root).as_posix()}"


def snapshot_version(raw: bytes, files: Mapping[Path, bytes], roots: Sequence[Path] = ()) -> str:
    """The start of the SHA-256 of the YAML and every file (its name within `roots`, and its
    bytes): where the content folder stands does not change it."""
    digest = hashlib.sha256(raw)
    for path in sorted(files, key=lambda p: _name_in(p, roots)):
        name = _name_in(path, roots).encode("utf-8", "surrogateescape")
        data = files[path]
        digest.update(len(name).to_bytes(8, "big") + name + len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()[:12]
