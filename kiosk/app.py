"""Start-up: the QApplication, the content, the full-screen kiosk window, and the safety net
that turns any error into a log line and a fresh start for the visitor."""

from __future__ import annotations

import io
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from .paths import default_content_path, open_private, private_folder, tighten

if TYPE_CHECKING:
    from PySide6.QtCore import QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from .content import ContentError, LoadedContent
    from .content.snapshot import CheckMemo, DrawCheck
    from .content.worker import ContentReads
    from .core.control import Kiosk
    from .core.metrics import MetricsFile
    from .startpicture import Screen, StartPicture
    from .stats_store import StatsStore
    from .ui.main_window import KioskWindow

log = logging.getLogger("kiosk")
APP_NAME = "clinic-kiosk"

QT_LIBS_HINT = (
    "Qt needs system libraries that this machine lacks. Install them with:\n"
    "  sudo apt-get install -y libglib2.0-0 libegl1 libgl1 libx11-6 libdbus-1-3 "
    "libfontconfig1 libfreetype6 libxkbcommon0 fonts-dejavu-core libxcb-cursor0 "
    "libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-render0 "
    "libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0"
)
NO_DISPLAY = (
    "There is no display on this machine, so the kiosk cannot open its window; "
    "run `make preview` to render every screen to PNG instead."
)


def has_display() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0]
    if platform and platform not in ("xcb", "wayland"):
        return True  # offscreen, eglfs, linuxfb, vnc ...: they need no X or Wayland server
    if sys.platform != "linux":
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def qt_application() -> QApplication | None:
    """The QApplication, or None (with the exact fix printed) if Qt cannot load."""
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError as error:
        print(f"{QT_LIBS_HINT}\n({error})", file=sys.stderr)
        return None
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setApplicationName("clinic-kiosk")
    return app


def lighter_pyside_imports() -> None:
    """Once PySide6 is loaded, it asks of every module imported after it whether its source
    says "PySide6" (to know which modules its `__feature__` switches apply to; the kiosk uses
    none), through `inspect.getsource`, which also keeps every file's lines in `linecache`:
    40 to 60 ms and a few MiB of a kiosk's start. The same question, asked of the file's
    bytes. Left as it is if PySide6 changes (no such function)."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return

    def uses_pyside(module: object) -> bool:
        origin = getattr(getattr(module, "__spec__", None), "origin", None)
        if not isinstance(origin, str) or not origin.endswith(".py"):
            return False  # built in, compiled or frozen: no source, as inspect finds
        try:
            with open(origin, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return False

    setattr(feature, "_mod_uses_pyside", uses_pyside)  # noqa: B010 (a module of PySide6)


def log_dir() -> Path:
    """The platform's folder for the kiosk's log (KIOSK_LOG_DIR overrides it)."""
    override = os.environ.get("KIOSK_LOG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_NAME, appauthor=False))


CONTINUATION = "\n  | "
"""How the second and later lines of one log record start: never like a record of its own."""
_UNSAFE = {
    code: f"\\x{code:02x}"
    for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))
    if chr(code) not in "\n\t"
} | {0x0D: "\\r", 0x2028: "\\u2028", 0x2029: "\\u2029"}


class SafeFormatter(logging.Formatter):
    """Log records that a name or a path cannot forge: a newline inside a record (a path, a
    content report, a traceback) goes on with "  | ", and other control characters (a
    carriage return, an escape sequence) are written escaped, as \\r or \\x1b."""

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).translate(_UNSAFE).replace("\n", CONTINUATION)


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating log whose files are for the kiosk's account alone (0600), whatever the
    umask: the log names the content's paths, the clinic's folders and the staff's actions."""

    def _open(self) -> io.TextIOWrapper:
        descriptor = open_private(Path(self.baseFilename), os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        stream = open(descriptor, self.mode, encoding=self.encoding, errors=self.errors)  # noqa: SIM115  (the handler closes it)
        assert isinstance(stream, io.TextIOWrapper)
        return stream


def setup_logging(folder: Path | None = None) -> Path | None:
    """Log to stderr and to a rotating file (1 MB, five old files kept). Returns the file,
    or None if the folder cannot be written (a read-only or full disk): the kiosk runs on."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    formatter = SafeFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    if not any(getattr(h, "kiosk_handler", False) for h in root.handlers):
        console = logging.StreamHandler()
        console.setFormatter(formatter)
        console.kiosk_handler = True  # type: ignore[attr-defined]
        root.addHandler(console)
    folder = folder or log_dir()
    path = folder / "kiosk.log"
    try:
        private_folder(folder)
        for old in (path, *(path.with_name(f"{path.name}.{n}") for n in range(1, 6))):
            tighten(old)  # written by an older kiosk under umask 022
        handler = PrivateRotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError as error:
        log.warning("cannot write the log file %s (%s); logging to the console only", path, error)
        return None
    handler.setFormatter(formatter)
    handler.kiosk_handler = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return path


def run(
    content_path: Path | None,
    windowed: bool,
    size: tuple[int, int] | None,
    quit_after_paint: bool = False,
    metrics_file: Path | None = None,
    quit_when_live: bool = False,
) -> int:
    log_file = setup_logging()
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    try:
        from .control_channel import (
            AlreadyRunningError,
            ChannelError,
            data_lock,
            lock_path,
            server_name,
            take_lock,
        )
    except ImportError as error:
        print(f"{QT_LIBS_HINT}\n({error})", file=sys.stderr)
        return 1
    try:  # first of all: one kiosk at a time
        name = server_name()
        one_kiosk = take_lock(data_lock(), lock_path(name))  # the data, and the socket
    except (AlreadyRunningError, ChannelError) as error:
        print(error, file=sys.stderr)
        return 1
    try:
        return _run_locked(
            name,
            content_path,
            windowed,
            size,
            quit_after_paint,
            log_file,
            metrics_file,
            quit_when_live,
        )
    finally:
        one_kiosk.unlock()


def _run_locked(
    name: str,
    content_path: Path | None,
    windowed: bool,
    size: tuple[int, int] | None,
    quit_after_paint: bool,
    log_file: Path | None,
    metrics_file: Path | None = None,
    quit_when_live: bool = False,
) -> int:
    """The kiosk, once it holds the lock: the kept picture of its start screen first, when
    there is one for this content and screen (`kiosk.startpicture`), and the real window
    built in the next turns of the event loop; otherwise the real window at once."""
    source = content_path or default_content_path()
    lighter_pyside_imports()
    picture = None if windowed else show_start_picture(source)
    app = qt_application()
    if app is None:
        return 1
    if picture is None:
        started = _start(
            name, source, windowed, size, quit_after_paint, log_file, metrics_file, quit_when_live
        )
        return started if isinstance(started, int) else app.exec()
    from PySide6.QtCore import QTimer

    if quit_after_paint:  # what the visitor sees first is up: that is the start-up timed
        # exit, not quit: quit asks each window to close, and the picture refuses (as the
        # kiosk's window does while locked down)
        picture.painted.connect(lambda: QTimer.singleShot(0, lambda: app.exit(0)))
        return app.exec()

    running: list[Running | int] = []  # the kiosk's parts, alive while the event loop runs

    def build() -> None:
        if running:
            return  # built already
        try:
            started = _start(
                name, source, False, size, False, log_file, metrics_file, quit_when_live, picture
            )
        except Exception:  # a bug of ours: logged, and the kiosk ends (its supervisor starts it)
            log.exception("the kiosk could not start")
            started = 1
        running.append(started)
        if isinstance(started, int):
            picture.finish()
            app.exit(started)

    # after the picture's first frame is out, not in the turn that paints it; and in any case
    # soon, should the window system never show the picture (the kiosk must start anyway)
    picture.painted.connect(lambda: QTimer.singleShot(0, build))
    QTimer.singleShot(PICTURE_WAIT_MS, build)
    return app.exec()


PICTURE_WAIT_MS = 1000
"""The longest the real window waits for the start screen's picture to be painted."""
PICTURE_GONE_MS = 3000
"""The longest the start screen's picture stays over the real window, painted or not."""
PICTURE_AFTER_MS = 1000
"""When the start screen's picture is taken after the real window's first frame: settled
(on X the window's activation and focus come a moment after it is shown), and long before
the first slide changes."""


@dataclass(frozen=True)
class Running:
    """The parts of a started kiosk that nothing else holds (its window, its control
    channel ...): kept by whoever runs the event loop, as long as it runs."""

    parts: tuple[object, ...]


def show_start_picture(source: Path) -> StartPicture | None:
    """The kept picture of the start screen, shown full screen as the kiosk's window is, if
    one holds for `source` and the screen (`kiosk.startpicture`); None otherwise."""
    app = qt_application()
    if app is None:
        return None
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QCursor

    from .paths import data_dir
    from .startpicture import StartPicture, kept

    geometry = app.primaryScreen().geometry()
    found = kept(data_dir(), source, screen_of(app))
    if found is None:
        return None
    picture = StartPicture(found.image, found.png)
    picture.setWindowFlags(
        Qt.WindowType.FramelessWindowHint
        | Qt.WindowType.WindowStaysOnTopHint
        # the keyboard's focus goes to the real window, as at an ordinary start
        | Qt.WindowType.WindowDoesNotAcceptFocus
    )
    picture.setGeometry(geometry)
    picture.setFixedSize(geometry.size())
    # full screen without showFullScreen(), which asks for the keyboard too: Qt warned on
    # every such start that a window refusing focus was asked to take it
    picture.setWindowState(Qt.WindowState.WindowFullScreen)
    picture.show()
    if found.blank_cursor:
        app.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
        picture.destroyed.connect(app.restoreOverrideCursor)
    return picture


def screen_of(app: QApplication) -> Screen:
    """The primary screen's size and pixel ratio: the start screen's picture is for it."""
    screen = app.primaryScreen()
    geometry = screen.geometry()
    return geometry.width(), geometry.height(), screen.devicePixelRatio()


def _start(
    name: str,
    source: Path,
    windowed: bool,
    size: tuple[int, int] | None,
    quit_after_paint: bool,
    log_file: Path | None,
    metrics_file: Path | None = None,
    quit_when_live: bool = False,
    picture: StartPicture | None = None,
) -> int | Running:
    """Build and show the kiosk's window (over `picture`, which then goes): its parts,
    which the caller keeps while the event loop runs them, or the exit code when it cannot
    start."""
    from .content import ContentError, load_content, startfrom
    from .content.snapshot import CheckMemo
    from .paths import data_dir
    from .ui.drawcheck import DrawChecker

    # both remember what they found: a reload checks and draws only the files that changed,
    # and a start only the files that changed since the last (`kiosk.content.verdicts`)
    draw, memo = DrawChecker(), CheckMemo()
    refused: str | None = None
    # the same files as the content that went live last: shown as it was checked, and checked
    # again in the worker after the first frame (`kiosk.content.startfrom`)
    kept = startfrom.restore(data_dir(), source)
    if kept is not None:
        loaded, restored = kept, True
    else:
        from .content import verdicts

        restored = verdicts.restore(data_dir(), memo, draw.good) > 0
        try:
            loaded = load_content(source, draw=draw, memo=memo)
        except ContentError as error:
            print(error.report(), file=sys.stderr)
            last_good = _last_good(source, error, draw, memo)
            if last_good is None:
                return 1
            loaded, refused = last_good, error.report()
    for warning in loaded.warnings:
        log.warning("%s", warning)
    app = qt_application()
    if app is None:
        return 1
    from PySide6.QtCore import QSize, Qt, QTimer
    from PySide6.QtGui import QCursor

    from .control_channel import ControlServer, ask
    from .core.access import LOCK_FILE_NAME, LockStore
    from .core.control import Kiosk
    from .stats_store import StatsStore
    from .ui.main_window import AFTER_FIRST_FRAME_MS, KioskWindow
    from .ui.theme import content_fonts

    running = ask("status", name, timeout_ms=1000)
    if running is not None:
        print(
            "A kiosk is already running on this machine "
            f"(showing {running.get('screen', '?')}). Use `kiosk ctl status` to talk to it.",
            file=sys.stderr,
        )
        return 1
    screen = app.primaryScreen()
    geometry = screen.geometry()
    width, height = size or ((1280, 720) if windowed else (geometry.width(), geometry.height()))
    figures = StatsStore()  # anonymous daily counts, written off the interface's thread
    app.aboutToQuit.connect(figures.close)
    kiosk = Kiosk(
        loaded,
        loader=partial(load_content, draw=draw, memo=memo),
        stats=figures,
        pin_store=LockStore(data_dir() / LOCK_FILE_NAME),
        source=source,  # a symlink the content sync swaps is followed anew at each look
        background=(reads := read_off_screen(kiosk_app=app)),
    )
    poll_reads(kiosk, app)
    reads.memo.results.update(memo.results)
    reads.good |= draw.good
    keep_verdicts(kiosk, reads, data_dir(), now=kept is None)
    if refused is not None:
        kiosk.content_error = refused  # the staff panel and the metrics say so
        kiosk.running_copy = True  # and the file given is looked at until it is fixed
    keep_last_good(kiosk, now=kept is None)  # a kept snapshot was copied when it went live
    window = KioskWindow(kiosk, QSize(width, height))
    if not windowed:
        # before the stylesheet: changing the flags later re-polishes all 600 widgets (200 ms)
        window.setWindowFlags(
            Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        )
    window.apply_style(content_fonts(loaded))
    _watch(kiosk, loaded, figures)
    if metrics_file is not None:
        keep_metrics_file(kiosk, metrics_file, app)
    install_safety_net(lambda: kiosk.reset("error"))
    restore_signals = install_stop_signals(lambda _name: window.quit_app())
    app.aboutToQuit.connect(restore_signals)
    control = ControlServer(kiosk.command, name)
    control.listen()
    app.aboutToQuit.connect(control.close)
    if windowed:
        window.resize(width, height)
        window.show()
    else:
        # Under a bare X server showFullScreen() alone leaves a small window: take the
        # screen's whole geometry ourselves as well.
        window.setGeometry(geometry)
        window.setFixedSize(geometry.size())
        window.showFullScreen()
        window.input.lockdown.engage()
        if loaded.content.settings.touch_screen:
            app.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
    if picture is not None:
        window.raise_()  # over the picture, which goes once the window has painted
        window.activateWindow()  # and the keyboard's (the start screen's focus shown)
        window.painted.connect(lambda: QTimer.singleShot(0, picture, picture.finish))
        # and at the latest after a while: a window system that never reports the window's
        # paint must not leave a still picture over a live kiosk
        QTimer.singleShot(PICTURE_GONE_MS, picture, picture.finish)
    kiosk.reset("finish")
    window.start()
    watch_content(kiosk, window)
    if picture is None and refused is None and not windowed:
        # the start screen as the next start shows it first (no picture held for it now),
        # once settled (the window system's focus given), or at once if the kiosk quits then
        settle_ms = 0 if quit_after_paint or quit_when_live else PICTURE_AFTER_MS
        window.painted.connect(
            lambda: QTimer.singleShot(settle_ms, lambda: keep_start_picture(window, data_dir()))
        )
    if quit_after_paint or quit_when_live:
        window.painted.connect(lambda: QTimer.singleShot(0, window.quit_app))
    elif restored:  # started from what was checked: check everything again, off the screen,
        # once the first frame is on screen (the worker is spawned after it, not during it)
        window.painted.connect(
            lambda: QTimer.singleShot(
                AFTER_FIRST_FRAME_MS, lambda: recheck_after_start(kiosk, reads)
            )
        )
    log.info(
        "kiosk started with %s (log file: %s; figures: %s)",
        loaded.path,
        log_file or "none",
        figures.path,
    )
    return Running((window, kiosk, control, figures, reads, restore_signals))


def keep_start_picture(window: KioskWindow, base: Path) -> bool:
    """Keep a picture of the start screen for the next start (`kiosk.startpicture`), if the
    window shows it as a start shows it: the first slide, no panel, the content's default
    language, text size and contrast, running the content file given without a problem.
    The picture is taken here; it is encoded and written on a thread of its own."""
    import threading

    from .core.place import ATTRACT
    from .startpicture import keep, key_of
    from .ui.screens.attract import AttractView

    kiosk, session = window.kiosk, window.session
    page = window.page_for(ATTRACT)
    defaults = (session.base.default_language, 1, False)
    if (
        session.current != ATTRACT
        or kiosk.paused
        or kiosk.content_error is not None
        or session.display != defaults
        or window.overlays.open_ones()
        or not isinstance(page, AttractView)
        or page.index != 0
        or page.fading
        or not window.isVisible()
    ):
        return False
    shown_on = window.screen()
    geometry = shown_on.geometry()
    screen = (geometry.width(), geometry.height(), shown_on.devicePixelRatio())
    if (window.width(), window.height()) != screen[:2]:
        return False  # not (yet) the whole screen: not what the next start shows
    image = window.grab().toImage()
    blank = bool(kiosk.loaded.content.settings.touch_screen)
    key = key_of(kiosk.loaded, screen, blank)
    threading.Thread(
        target=keep, args=(base, image, key), name="kiosk-start-picture", daemon=False
    ).start()
    return True


def keep_verdicts(kiosk: Kiosk, reads: ContentReads, base: Path, now: bool = True) -> None:
    """Keep what the checks found (`kiosk.content.verdicts`) now (unless not `now`: a start
    from a kept snapshot found nothing) and whenever content goes live, so that the next
    start does not parse the same fonts or draw the same pictures."""

    def keep(_loaded: object = None) -> None:
        from .content import verdicts  # loads the checks: never on the way to a first frame

        verdicts.keep(base, reads.memo, reads.good)

    if now:
        keep()
    kiosk.on_content(keep)


def recheck_after_start(kiosk: Kiosk, reads: ContentReads) -> None:
    """After the first frame of a start that trusted kept verdicts: the whole content checked
    again in the worker, every font parsed and every picture drawn (a refusal is logged and
    shown to staff, as for an edit)."""
    reads.forget()
    kiosk.recheck()


POLL_MS = 50
"""How often the event loop asks whether a background read of the content is over: never
waiting, so the visitor's screen answers taps while the content is checked."""


def read_off_screen(kiosk_app: QApplication) -> ContentReads:
    """Reads of changed content in a worker process (`kiosk.content.worker`), each picture
    drawn there by its own capped child; stopped when the kiosk quits."""
    from .content.worker import ContentReads
    from .ui.drawcheck import DrawChecker

    reads = ContentReads(drawer=DrawChecker)
    kiosk_app.aboutToQuit.connect(reads.close)
    return reads


def poll_reads(kiosk: Kiosk, parent: QObject) -> QTimer:
    """A timer of the event loop that takes each background read's outcome on the
    interface's thread (`Kiosk.poll`): the content goes live there, between visits."""
    from PySide6.QtCore import QTimer

    timer = QTimer(parent)
    timer.setInterval(POLL_MS)
    timer.timeout.connect(kiosk.poll)
    timer.start()
    return timer


def _last_good(
    source: Path, error: ContentError, draw: DrawCheck, memo: CheckMemo
) -> LoadedContent | None:
    """At start, the content file is broken: the copy of the last good content, if there is
    one that loads (logged either way, so that kiosk.log says why the kiosk did not start)."""
    from .content import lastgood, load_content
    from .paths import data_dir

    copy = lastgood.fallback(data_dir() / lastgood.FOLDER)
    if copy is not None:
        try:
            loaded = load_content(copy, draw=draw, memo=memo)
        except ContentError as copy_error:
            log.error("the copy of the last good content %s has problems too: %s", copy, copy_error)
        else:
            log.error(
                "content refused at start: %s; running the last good content (version %s) "
                "until it is fixed. %s",
                source,
                loaded.version,
                error.report(),
            )
            return loaded
    log.error("content refused at start: %s; the kiosk cannot start. %s", source, error.report())
    return None


def keep_last_good(kiosk: Kiosk, now: bool = True) -> None:
    """Keep a copy of each content that goes live (see `kiosk.content.lastgood`), and the
    snapshot as it was checked for the next start (`kiosk.content.startfrom`), on a thread of
    their own: a new version's copy is written and read back (30 ms for the default content,
    220 ms for Al Nakheel's), which neither the start nor the end of a visit waits for. One
    copy at a time, in the order the contents went live; the content running now too, if
    `now` and it is not a copy of the last good one standing in for a refused file."""
    from concurrent.futures import ThreadPoolExecutor

    from .content import startfrom
    from .paths import data_dir

    base = data_dir()
    worker: ThreadPoolExecutor | None = None

    def keep(loaded: LoadedContent) -> None:
        from .content import lastgood

        try:
            lastgood.keep(loaded, base / lastgood.FOLDER)
            startfrom.keep(base, loaded)
        except Exception:  # a bug of ours: logged, never felt by the visitor
            log.exception("keeping a copy of the last good content failed")
            startfrom.forget(base)

    def copy(loaded: LoadedContent) -> None:
        nonlocal worker
        if worker is None:  # made when first needed: a start from a kept snapshot needs none
            worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-last-good")
        worker.submit(keep, loaded)

    if now and kiosk.content_error is None:
        copy(kiosk.loaded)
    kiosk.on_content(copy)


def _watch(kiosk: Kiosk, loaded: LoadedContent, figures: StatsStore) -> None:
    """What the metrics report beyond the kiosk's own state: the kiosk's id, the crashes the
    supervisor counted before this start, and the figures' store's failures."""
    from .core.stats import kiosk_id
    from .supervise import CRASHES_ENV

    kiosk.kiosk_id = kiosk_id(loaded.content.settings.kiosk_id)
    kiosk.on_content(
        lambda new: setattr(kiosk, "kiosk_id", kiosk_id(new.content.settings.kiosk_id))
    )
    crashes = os.environ.get(CRASHES_ENV, "")
    kiosk.crashes = int(crashes) if crashes.isdigit() else None
    kiosk.store_errors = figures.errors


WATCH_MS = 2000
"""How often the running kiosk looks at its content file and pictures."""


def watch_content(kiosk: Kiosk, parent: QObject, interval_ms: int = WATCH_MS) -> QTimer:
    """Look at the content file and its pictures every `interval_ms` (the kiosk applies a
    change between visits, `Kiosk.check_files`); a surprise from the file system is logged,
    never felt by the visitor. The timer runs from now, as long as `parent` lives."""
    from PySide6.QtCore import QTimer

    def look() -> None:
        try:
            kiosk.check_files()
        except Exception:
            log.exception("checking the content file failed")

    timer = QTimer(parent)
    timer.setInterval(interval_ms)
    timer.timeout.connect(look)
    timer.start()
    return timer


def keep_metrics_file(kiosk: Kiosk, path: Path, app: QApplication) -> MetricsFile:
    """Write the metrics to `path` now, every 15 s, and with `kiosk_up 0` when the kiosk
    quits. A problem is logged; the kiosk never stops for it.

    Only on that steady cadence, never at a change of state: new content is applied, and
    pending content cleared, the moment a visit ends, so a file rewritten then would tell a
    scrape when a visitor finished (issue 28)."""
    from PySide6.QtCore import QTimer

    from .core.metrics import METRICS_INTERVAL_MS, MetricsFile

    target = MetricsFile(path)
    if path.suffix != ".prom":
        log.warning(
            "the metrics file %s does not end in .prom: node_exporter's textfile collector "
            "reads only files that do",
            path,
        )

    def write(up: bool = True) -> bool:
        try:
            return target.write(kiosk.metrics(up))
        except Exception:  # a bug of ours: logged, never felt by the visitor
            log.exception("writing the metrics file failed")
            return False

    timer = QTimer(app)
    timer.setObjectName("kiosk-metrics-file")
    timer.setInterval(METRICS_INTERVAL_MS)
    timer.timeout.connect(write)
    timer.start()
    app.aboutToQuit.connect(lambda: write(up=False))
    if write():  # a file that cannot be written was said already, and is tried again
        log.info("metrics written to %s every %d s", path, METRICS_INTERVAL_MS // 1000)
    return target


STOP_SIGNALS = ("SIGTERM", "SIGINT", "SIGHUP")


def install_stop_signals(stop: Callable[[str], None]) -> Callable[[], None]:
    """SIGTERM (`systemctl stop`, the supervisor), SIGINT (Ctrl-C) and SIGHUP call
    `stop(name)` from Qt's event loop, so the kiosk quits the normal way (and saves its
    figures) instead of dying at once. Python only runs a signal handler when it gets
    control, so the signal is written to a socket that Qt watches (`signal.set_wakeup_fd`).
    Returns a function that puts the previous handlers back."""
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier

    names = {int(getattr(signal, n)): n for n in STOP_SIGNALS if hasattr(signal, n)}
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    previous = {number: signal.signal(number, lambda *_: None) for number in names}
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)

    def woken() -> None:
        try:
            data = reader.recv(64)
        except OSError:
            return
        for number in data:
            if number in names:
                log.info("stopping: %s received; saving the figures", names[number])
                stop(names[number])
                return

    notifier.activated.connect(woken)

    def restore() -> None:
        notifier.setEnabled(False)
        signal.set_wakeup_fd(previous_fd)
        for number, handler in previous.items():
            signal.signal(number, handler)
        reader.close()
        writer.close()

    restore.notifier = notifier  # type: ignore[attr-defined]  # kept alive with `restore`
    return restore


def install_safety_net(reset: Callable[[], None]) -> None:
    """Any exception in a slot or event handler: log it, and start the visitor afresh."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error", exc_info=(kind, value, tb))
        try:
            reset()
        except Exception:  # the reset itself failed: log it, never show it
            log.exception("reset after an error failed")

    sys.excepthook = hook
