"""The start screen's picture: the kiosk's first frame, shown before the kiosk is loaded.

Like a phone's launch screen, which must look like the app's first screen: when the real
window first shows its start screen (the first slide, no panel open, the content's default
language, text size and contrast, nothing of a visitor on it), `keep` writes a picture of it,
`start-screen.png`, beside the checked snapshot (`kiosk.content.startfrom`) in the kiosk's
private data folder, with `start-screen.json`: the key of everything that changes that
picture (the kiosk's version and the stamp of its code, fonts and icons; the content file and
every file the content read, by SHA-256; where each of its paths leads; the screen's size) and
the picture's own SHA-256.

At the next start `kept` looks for both before anything else is imported (no pydantic, no
content model, no interface module): when the snapshot is there, every file of the key still
holds the same bytes, the screen is the same size and the picture is whole (its hash, a PNG
that decodes to exactly the screen's size), `StartPicture` shows it full screen at once, and
the kiosk builds its real window in the next turns of the event loop and lays it over the
picture, which goes once the real window has painted. Anything else (no picture, another
key, a file of another account or one others may write, a broken or wrong-sized PNG) means
the ordinary start, which keeps a new picture.

The picture holds only what the content shows on the start screen: nothing of a visitor.
A tap on the picture is ignored (the real start screen holds taps while it is new, too): it
is counted and logged, and the visitor's next tap finds the real screen.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import PySide6
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, Qt, Signal, qVersion
from PySide6.QtGui import QCloseEvent, QImage, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from . import __version__
from .content import startfrom
from .content.files import FileError, read_regular
from .content.sync import link_out_problem
from .paths import open_private, private_folder, resource_root

if TYPE_CHECKING:
    from .content.loader import LoadedContent

log = logging.getLogger("kiosk")

PICTURE = "start-screen.png"
KEY = "start-screen.json"
MAX_PICTURE = 64 * 1024 * 1024
"""More than a PNG of an 8K screen."""
MAX_KEY = 4 * 1024 * 1024

Screen = tuple[int, int, float]
"""A screen's width and height (logical pixels) and its device pixel ratio."""


def look_stamp() -> str:
    """What draws the start screen besides the content: the kiosk's version, Qt's, and each
    file of the kiosk's code, theme, words, fonts and icons (its size and modification time;
    a frozen kiosk: its program file, which holds them)."""
    digest = hashlib.sha256(f"{__version__}|{PySide6.__version__}|{qVersion()}".encode())
    if getattr(sys, "frozen", False):
        info = Path(sys.executable).stat()
        digest.update(f"{info.st_size}:{info.st_mtime_ns}".encode())
        return digest.hexdigest()[:16]
    for top in (Path(__file__).resolve().parent, (resource_root() / "assets").resolve()):
        for folder, folders, files in os.walk(top):
            folders[:] = sorted(name for name in folders if name != "__pycache__")
            for name in sorted(files):
                path = Path(folder, name)
                try:
                    info = path.stat()
                except OSError:
                    continue
                digest.update(f"{path}:{info.st_size}:{info.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def key_of(loaded: LoadedContent, screen: Screen, blank_cursor: bool) -> dict[str, Any]:
    """The key of the start screen drawn for `loaded` on `screen` (see the module's text)."""
    files = {str(loaded.path): _sha(loaded.raw)}
    files.update({str(path): _sha(data) for path, data in loaded.files.items()})
    return {
        "look": look_stamp(),
        "code": startfrom.code_stamp(),
        "content": str(loaded.path),
        "files": files,
        "assets": {
            relative: None if found is None else str(found)
            for relative, found in loaded.assets.items()
        },
        "screen": list(screen),
        "blank_cursor": blank_cursor,
    }


class Kept(NamedTuple):
    """A kept picture that holds: decoded, whether the cursor is hidden over it, its PNG."""

    image: QImage
    blank_cursor: bool
    png: bytes


def kept(base: Path, source: Path, screen: Screen) -> Kept | None:
    """The picture kept under `base` and whether the cursor is hidden over it, if its key
    holds now for the content file `source` on `screen` (see the module's text); else None."""
    try:
        return _kept(base, source, screen)
    except Exception:  # anything odd about the files: the ordinary start
        log.debug("the start screen's picture is not used", exc_info=True)
        return None


def _kept(base: Path, source: Path, screen: Screen) -> Kept | None:
    paths = (base, base / startfrom.FILE_NAME, base / KEY, base / PICTURE)
    if not all(startfrom.private(path) for path in paths):
        return None  # no snapshot to start from, no picture, or not the kiosk's own
    key = json.loads(read_regular(base / KEY, MAX_KEY))
    if not isinstance(key, dict) or key.get("screen") != list(screen):
        return None
    if key.get("look") != look_stamp() or key.get("code") != startfrom.code_stamp():
        return None
    path = Path(source).resolve()
    if key.get("content") != str(path) or link_out_problem(Path(source)) is not None:
        return None
    if not _same_files(key.get("files"), key.get("assets"), path):
        return None
    blob = read_regular(base / PICTURE, MAX_PICTURE)
    if _sha(blob) != key.get("picture"):
        return None  # written half, or changed since
    image = QImage()
    if not image.loadFromData(blob, "PNG") or image.isNull():
        return None
    width, height, ratio = screen
    if (image.width(), image.height()) != (round(width * ratio), round(height * ratio)):
        return None
    image.setDevicePixelRatio(ratio)
    return Kept(image, bool(key.get("blank_cursor")), blob)


def _same_files(files: object, assets: object, path: Path) -> bool:
    if not isinstance(files, dict) or not isinstance(assets, dict) or str(path) not in files:
        return False
    for name, digest in files.items():
        try:
            if _sha(read_regular(Path(name), startfrom.MAX_BYTES)) != digest:
                return False
        except FileError:
            return False
    roots = (path.parent.resolve(), (resource_root() / "assets").resolve())
    for relative, found in assets.items():
        now = startfrom.found_now(relative, roots)
        if (None if now is None else str(now)) != found:
            return False
    return True


def keep(base: Path, picture: QImage, key: Mapping[str, Any]) -> None:
    """Write `picture` (the start screen, as shown) and its `key` under `base`, each for the
    kiosk's account alone, each whole and then renamed into place (the key last: it names the
    picture's hash, so a picture written half is never taken). May run on any thread; a
    folder that cannot be written is logged, and the next start is an ordinary one."""
    target = base / PICTURE
    try:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        opaque = picture.convertToFormat(QImage.Format.Format_RGB32)  # drawn as it is read
        if not opaque.save(buffer, "PNG"):  # type: ignore[call-overload]  # str at run time
            raise OSError("the picture could not be encoded")
        buffer.close()
        blob = bytes(data.data())
        text = json.dumps({**key, "picture": _sha(blob)}).encode()
        private_folder(base)  # whatever the umask: `kept` refuses a folder others may write
        for name, content in ((PICTURE, blob), (KEY, text)):
            work = base / f".{name}.new"
            with open(open_private(work), "wb") as out:
                out.write(content)
            os.replace(work, base / name)
    except OSError as error:
        log.warning("cannot keep the start screen's picture in %s (%s)", target, error)
    except Exception:  # a bug of ours: logged, never felt by the visitor
        log.exception("keeping the start screen's picture failed")


class StartPicture(QWidget):
    """A window showing the kept picture of the start screen, full screen, until the real
    window is ready (`finish`). It closes only by `finish`; a tap on it is ignored."""

    painted = Signal()
    """Once, after the picture's first frame."""

    def __init__(self, image: QImage, png: bytes = b"") -> None:
        super().__init__()
        self.setObjectName("startPicture")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.image: QImage | None = image
        """Dropped once painted (8 MiB at 1920x1080, while the kiosk loads beside it): a
        later paint, should the window system ask for one, decodes `png` again."""
        self.png = png
        self.taps = 0
        """Taps on the picture (ignored: the real start screen was not there yet)."""
        self._painted = False
        self._done = False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        image = self.image
        if image is None:
            image = QImage()
            image.loadFromData(self.png, "PNG")  # checked whole when it was kept
            image.setDevicePixelRatio(self.devicePixelRatioF())
        painter = QPainter(self)
        painter.drawImage(QPoint(0, 0), image)
        painter.end()
        if self.png:
            self.image = None
        if not self._painted:
            self._painted = True
            self.painted.emit()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        event.accept()
        self.taps += 1
        log.info("a tap on the start screen before it was ready was ignored")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self._done:
            super().closeEvent(event)
        else:
            event.ignore()  # as the kiosk's lockdown: only the kiosk closes it

    def finish(self) -> None:
        """The real window is on screen: go (once)."""
        if self._done:
            return
        self._done = True
        self.close()
        self.deleteLater()
