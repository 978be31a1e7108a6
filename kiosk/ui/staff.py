"""The receptionist's side: a hidden corner to hold, a touch PIN pad, the admin panel, the
'back in a moment' page, and the lockdown that keeps visitors inside the app.

Staff words are the kiosk's own (`staff.*` in the catalogues of `kiosk/content/locale/`), in
`staff.language` or the clinic's first language, whatever language a visitor chose; the
'back in a moment' page says its words in every language of the kiosk. Every decision (the PIN, the
lock, what reset and reload do) is made in `kiosk.core`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..content.app_words import count, staff_word
from ..content.model import Corner
from ..core.access import Verdict
from ..core.control import Kiosk, ReloadResult
from ..core.place import PAUSED
from ..core.stats import CountRow
from .charts import FiguresPage
from .screens.base import Screen, UiContext
from .widgets import (
    FittingButton,
    KineticScrollArea,
    centred,
    reads_right_to_left,
    render_image,
    restyle,
    set_role,
    text_label,
)

log = logging.getLogger(__name__)
Clock = Callable[[], float]

PIN_MAX = 8
REPORT_MAX = 400
"""The most height (px at 1080p) the staff panel's report takes before it scrolls."""
QWIDGETSIZE_MAX = 16777215


def unbroken(text: str) -> str:
    """A command or a setting kept whole on one line, left to right in any direction."""
    return isolated(text.replace(" ", "\u00a0"))


def isolated(text: object) -> str:
    """A path, a date or a version kept left to right inside words in any direction (Unicode's
    left-to-right isolate): in Arabic a path's leading / would otherwise jump to its end."""
    return f"\u2066{text}\u2069"


QUIT_ARM_MS = 5000
"""How long "Tap again to quit" waits for the second tap."""


class CornerHold(QObject):
    """Holding one corner of the window for a few seconds opens the PIN pad. The press is
    left alone (the corner may hold a button); only the release that ends a successful hold
    is swallowed, so it cannot tap whatever lies under the finger."""

    triggered = Signal()
    events = frozenset(
        {QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease}
    )
    """What the input router passes to it."""

    def __init__(
        self, window: QWidget, corner: Corner, hold_seconds: float, size: int, clock: Clock
    ) -> None:
        super().__init__(window)
        self.window = window
        self.corner = corner
        self.hold_seconds = hold_seconds
        self.size = size
        self.clock = clock
        self.pressed_at: float | None = None
        self.swallow_release = False
        self.timer = QTimer(self)
        self.timer.setInterval(100)
        self.timer.timeout.connect(self.check)

    def configure(self, corner: Corner, hold_seconds: float, size: int) -> None:
        self.corner, self.hold_seconds, self.size = corner, hold_seconds, size

    def area(self) -> QRect:
        w, h, s = self.window.width(), self.window.height(), self.size
        x = 0 if self.corner.endswith("left") else w - s
        y = 0 if self.corner.startswith("top") else h - s
        return QRect(x, y, s, s)

    def _in_corner(self, global_pos: QPoint) -> bool:
        return self.area().contains(self.window.mapFromGlobal(global_pos))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if not isinstance(event, QMouseEvent) or not isinstance(watched, QWidget):
            return False
        if watched.window() is not self.window:
            return False
        pos = event.globalPosition().toPoint()
        if kind == QEvent.Type.MouseButtonPress:
            self.swallow_release = False
            if self._in_corner(pos):
                self.pressed_at = self.clock()
                self.timer.start()
            else:
                self.cancel()
        elif kind == QEvent.Type.MouseMove and self.pressed_at is not None:
            if not self._in_corner(pos):
                self.cancel()
        elif kind == QEvent.Type.MouseButtonRelease:
            self.check()
            self.cancel()
            if self.swallow_release:
                self.swallow_release = False
                return True
        return False

    def cancel(self) -> None:
        self.pressed_at = None
        self.timer.stop()

    def check(self) -> None:
        """Has the corner been held long enough? The timer asks; tests may too."""
        if self.pressed_at is not None and self.clock() - self.pressed_at >= self.hold_seconds:
            self.cancel()
            self.swallow_release = True
            self.triggered.emit()


class Overlay(QFrame):
    """A dimmed layer over the whole window with one card in the middle."""

    def __init__(self, ctx: UiContext, parent: QWidget, name: str, width: int) -> None:
        super().__init__(parent)
        self.ctx = ctx
        content = ctx.loaded.content
        self.language = content.staff_language
        rtl = reads_right_to_left(list(content.languages), self.language)
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )
        self.setObjectName(name)
        set_role(self, "overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        m = ctx.metrics
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        self.card = QFrame()
        set_role(self.card, "overlayCard")
        self.card.setFixedWidth(width)
        self.card_layout = QVBoxLayout(self.card)
        self.card_layout.setContentsMargins(m.px(48), m.px(40), m.px(48), m.px(40))
        self.card_layout.setSpacing(m.px(20))
        outer.addLayout(centred(self.card))
        outer.addStretch(1)
        self.hide()

    def open(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()

    def word(self, key: str) -> str:
        """A staff word in the staff's language."""
        return staff_word(self.language, key)

    def count(self, key: str, n: int) -> str:
        """`n` things in the staff's language, in its plural form for `n`."""
        return count(self.language, key, n)

    def button(self, text: str, role: str = "nav") -> FittingButton:
        button = FittingButton(text)  # a long translation at the largest text takes two lines
        set_role(button, role)
        button.setMinimumHeight(self.ctx.metrics.px(96))
        return button


class PinPad(Overlay):
    """Digits, Clear, OK and Cancel; the PIN shows as dots, never as digits."""

    opened_admin = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget, kiosk: Kiosk, clock: Clock) -> None:
        m = ctx.metrics
        # wider at a larger text size, so that the heading stays on one line and the keys
        # keep their height on a landscape screen (Arabic lines are tall)
        window_width = parent.width() if parent.width() > 0 else m.px(1920)
        width = min(round(m.px(600) * m.text_factor), window_width - 2 * m.px(24))
        super().__init__(ctx, parent, "pinPad", max(m.px(600), width))
        self.kiosk = kiosk
        self.clock = clock
        self.entered = ""
        self.locked_shown = False
        title = text_label(self.word("pin_title"), "title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card_layout.addWidget(title)
        self.dots = QLabel()
        self.dots.setObjectName("pinDots")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dots.setAccessibleName(self.word("pin_entered"))
        self.card_layout.addWidget(self.dots)
        self.message = text_label("", "meta")
        self.message.setObjectName("pinMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card_layout.addWidget(self.message)
        grid = QGridLayout()
        grid.setSpacing(m.px(14))
        self.keys: dict[str, QPushButton] = {}
        labels = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "Clear", "0", "OK"]
        for index, label in enumerate(labels):
            words = self.word(label.lower()) if label in ("Clear", "OK") else label
            key = self.button(words, "primary" if label == "OK" else "nav")
            key.setObjectName(f"pinKey{label}")
            key.setMinimumSize(m.px(150), m.px(104))
            key.clicked.connect(lambda _=False, k=label: self.press(k))
            grid.addWidget(key, index // 3, index % 3)
            self.keys[label] = key
        self.card_layout.addLayout(grid)
        self.cancel_button = self.button(self.word("cancel"))
        self.cancel_button.setObjectName("pinCancel")
        self.cancel_button.clicked.connect(self.close_pad)
        self.card_layout.addWidget(self.cancel_button)
        self.lock_timer = QTimer(self)
        self.lock_timer.setInterval(500)
        self.lock_timer.timeout.connect(self.update_lock)

    def open(self) -> None:
        self.entered = ""
        self.message.setText(self.word("enter_pin"))
        self._show_dots()
        super().open()
        self.update_lock()
        self.lock_timer.start()

    def close_pad(self) -> None:
        self.entered = ""
        self.lock_timer.stop()
        self.hide()

    def _show_dots(self) -> None:
        self.dots.setText(" ".join("●" for _ in self.entered) or " ")

    def update_lock(self) -> None:
        lock = self.kiosk.pin_lock
        left = lock.locked_seconds(self.clock()) if lock is not None else 0
        for key in self.keys.values():
            key.setEnabled(lock is not None and not left)
        if lock is None:
            self.message.setText(self.word("no_pin"))
        elif left:
            self.message.setText(self.count("locked", left))
            self.locked_shown = True
        elif self.locked_shown:
            self.locked_shown = False
            self.message.setText(self.word("enter_pin"))

    def press(self, key: str) -> None:
        if key == "Clear":
            self.entered = ""
        elif key == "OK":
            self.submit()
            return
        elif len(self.entered) < PIN_MAX:
            self.entered += key
        self._show_dots()

    def submit(self) -> None:
        lock = self.kiosk.pin_lock
        if lock is None:
            return
        result = lock.attempt(self.entered, self.clock())
        self.entered = ""
        self._show_dots()
        if result.verdict is Verdict.OPEN:
            log.info("staff PIN accepted")
            self.close_pad()
            self.opened_admin.emit()
        elif result.verdict is Verdict.WRONG:
            log.warning("wrong staff PIN (%d tries left)", result.tries_left)
            self.message.setText(self.count("tries_left", result.tries_left))
        else:
            log.warning("staff PIN pad locked for %d s", result.locked_seconds)
            self.update_lock()


class AdminPanel(Overlay):
    """Reset, reload, pause or resume, quit; and what the kiosk is running."""

    quit_requested = Signal()
    reload_requested = Signal()
    """The window reloads (the panel itself is built again when the content changes)."""

    def __init__(self, ctx: UiContext, parent: QWidget, kiosk: Kiosk) -> None:
        m = ctx.metrics
        super().__init__(ctx, parent, "adminPanel", m.px(1000))
        self.kiosk = kiosk
        self.panel_width = m.px(1000)
        self.main_page = QWidget()
        main = QVBoxLayout(self.main_page)
        main.setContentsMargins(0, 0, 0, 0)
        main.setSpacing(m.px(20))
        self.card_layout.addWidget(self.main_page)
        self.title = text_label(self.word("staff_title"), "title")
        main.addWidget(self.title)
        # paused or running for visitors, in words (not colour alone), before anything else
        self.state = text_label("", "heading")
        self.state.setObjectName("adminState")
        main.addWidget(self.state)
        self.info = text_label("", "body")
        self.info.setObjectName("adminInfo")
        self.status = text_label("", "body")
        self.status.setObjectName("adminStatus")
        # the content's status (what staff may need to act on: a mistake, a guessable PIN)
        # and what the kiosk runs scroll together, in the room the title and the buttons
        # leave: a long report, or a script with tall lines (Arabic), scrolls instead of
        # being squeezed out of sight
        status_box = QWidget()
        status_layout = QVBoxLayout(status_box)
        status_layout.setContentsMargins(0, 0, 0, 0)
        status_layout.setSpacing(m.px(20))
        status_layout.addWidget(self.status)
        status_layout.addWidget(self.info)
        more_below = ctx.loaded.content.in_language(self.language).ui_text.more_below
        self.status_scroll = KineticScrollArea(
            status_box, str(more_below), focus_width=max(3, m.px(5))
        )
        self.status_scroll.setAccessibleName(self.word("status_name"))
        main.addWidget(self.status_scroll, 1)
        self.grid = grid = QGridLayout()
        grid.setSpacing(m.px(16))
        self.reset_button = self.button(self.word("reset_now"))
        self.reload_button = self.button(self.word("reload"))
        self.pause_button = self.button(self.word("pause"))
        self.close_button = self.button(self.word("close"), "primary")
        self.quit_button = self.button(self.word("quit"))
        self.quit_button.setObjectName("quitButton")
        self.figures_button = self.button(self.word("figures"))
        self.figures_button.setObjectName("figuresButton")
        for index, button in enumerate(
            (
                self.reset_button,
                self.reload_button,
                self.pause_button,
                self.quit_button,
                self.figures_button,
                self.close_button,
            )
        ):
            grid.addWidget(button, index // 2, index % 2)
        main.addLayout(grid)
        self.figures = FiguresPage(
            ctx.loaded.content.in_language(self.language),
            ctx.palette,
            m,
            self._figure_rows,
            kiosk.today,
            self.language,
        )
        self.figures.hide()
        self.card_layout.addWidget(self.figures)
        self.reset_button.clicked.connect(self.reset_now)
        self.reload_button.clicked.connect(self.reload_requested)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.close_button.clicked.connect(self.hide)
        self.quit_button.clicked.connect(self.quit)
        self.figures_button.clicked.connect(self.show_figures)
        self.figures.back.connect(self.show_panel)
        self.note = ""
        self.quit_armed = False
        self.quit_arm_ms = QUIT_ARM_MS

    def _figure_rows(self) -> list[CountRow]:
        stats = self.kiosk.stats
        if stats is None:
            return []
        try:
            return stats.rows()
        except Exception:  # the figures are a nicety: the panel must open whatever happens
            log.exception("reading the usage figures failed")
            return []

    def show_figures(self) -> None:
        """The charts, in the same card made as large as the window."""
        m = self.ctx.metrics
        parent = self.parentWidget()
        size = parent.size() if parent is not None else QSize(1920, 1080)
        margin = m.px(24)
        self.main_page.hide()
        self.card_layout.setContentsMargins(m.px(28), m.px(24), m.px(28), m.px(24))
        self.card.setFixedSize(size.width() - 2 * margin, size.height() - 2 * margin)
        self.figures.arrange(size.height() > size.width())
        self.figures.refresh()
        self.figures.show()

    def show_panel(self) -> None:
        m = self.ctx.metrics
        self.figures.hide()
        self.card_layout.setContentsMargins(m.px(48), m.px(40), m.px(48), m.px(40))
        self.card.setMinimumHeight(0)
        self.card.setMaximumHeight(QWIDGETSIZE_MAX)
        self.card.setFixedWidth(self.panel_width)
        self.main_page.show()

    def open(self, note: str = "") -> None:
        self.note = note
        self.quit_armed = False
        self.show_panel()
        self.refresh()
        super().open()

    def reloaded(self, result: ReloadResult) -> None:
        """The panel stays open and says what the reload did, in the staff's language."""
        self.open(result.say(self.language, isolated))

    def refresh(self) -> None:
        status = self.kiosk.status()
        today = status["today"]
        ended = today["ended"]
        minutes = int(status["uptime_seconds"] // 60)
        counts = " · ".join(
            (
                self.count("visits", today["visits"]),
                self.count("results", today["results"]),
                self.count("idle_resets", ended.get("idle", 0)),
                self.count("staff_resets", ended.get("staff", 0) + ended.get("control", 0)),
            )
        )
        word = self.word
        self.info.setText(
            "\n".join(
                (
                    word("running").format(
                        version=status["app_version"], hours=minutes // 60, minutes=minutes % 60
                    ),
                    word("content_file").format(path=isolated(status["content_path"])),
                    word("changed").format(
                        modified=isolated(status["content_modified"]),
                        version=isolated(status["content_version"]),
                    ),
                    word("today").format(counts=counts),
                )
            )
        )
        pin = self.kiosk.pin_note()
        parts = []
        if self.note:
            parts.append(self.note)
        elif status["content_error"]:
            parts.append(f"{word('content_problems')}\n{status['content_error']}")
        elif status["content_waiting"]:
            parts.append(word("content_waiting"))
        elif pin is None:
            parts.append(word("content_fine"))
        if pin is not None:  # a PIN anyone could guess is never 'fine'
            parts.append(pin.say(self.language, unbroken))
        self.status.setText("\n\n".join(parts))
        paused = self.kiosk.paused
        self.state.setText(word("state_paused") if paused else word("state_running"))
        self.state.setProperty("paused", paused)
        # the one button that changes it says what it will do; while paused it is the main one
        self.pause_button.set_words(word("resume") if paused else word("pause"))
        self.pause_button.fit()
        for button, main in ((self.pause_button, paused), (self.close_button, not paused)):
            role = "primary" if main else "nav"
            if button.property("role") != role:
                set_role(button, role)
                restyle(button)
        restyle(self.state)
        self.quit_button.set_words(word("quit_again") if self.quit_armed else word("quit"))
        self.quit_button.fit()
        self._fit_report()  # last: it measures the state and the buttons as they now read

    def _fit_report(self) -> None:
        """The report asks for the height its words need at the card's width, up to
        REPORT_MAX px at 1080p; beyond that, or where the window has less room, it scrolls."""
        m = self.ctx.metrics
        box = self.status_scroll.widget()
        layout = box.layout() if box is not None else None
        if layout is None:
            return
        inner = self.panel_width - 2 * m.px(48)  # the card's margins
        needed = layout.heightForWidth(inner - m.px(24))  # and a scrollbar
        parent = self.parentWidget()
        window = parent.height() if parent is not None else m.px(1080)
        cap = m.px(REPORT_MAX) + max(0, window - m.px(1080))  # a portrait screen has room
        # what the window leaves under the heading, the state and the buttons: never more,
        # or the card would be squeezed and the buttons run into "More below"
        main = self.main_page.layout()
        spacing = main.spacing() if main is not None else 0
        self.main_page.ensurePolished()  # measured in the theme's fonts, before it first shows
        for part in self.main_page.findChildren(QWidget):
            part.ensurePolished()
        rest = (
            self.title.heightForWidth(inner)
            + self.state.heightForWidth(inner)
            + self.grid.minimumSize().height()
            + 3 * spacing
            + 2 * m.px(40)  # the card's margins
            + 2 * m.px(24)  # the window's edge
        )
        room = window - rest
        self.status_scroll.setMinimumHeight(max(m.px(60), min(needed, cap, room)))

    def reset_now(self) -> None:
        self.kiosk.reset("staff")
        self.hide()

    def toggle_pause(self) -> None:
        if self.kiosk.paused:
            self.kiosk.resume()
        else:
            self.kiosk.pause()
        self.hide()

    def quit(self) -> None:
        """Two taps, so a slip of the finger never leaves the kiosk on the desktop; the
        second within `quit_arm_ms`, else the button says "Quit to desktop" again."""
        if not self.quit_armed:
            self.quit_armed = True
            self.refresh()
            QTimer.singleShot(self.quit_arm_ms, self, self._disarm_quit)  # gone with the panel
            return
        log.info("staff quit the kiosk")
        self.quit_requested.emit()

    def _disarm_quit(self) -> None:
        if self.quit_armed:
            self.quit_armed = False
            self.refresh()


class PausedView(Screen):
    """'Back in a moment': shown while staff have paused the kiosk; taps do nothing. Its words
    stand in every language of the kiosk (nobody can choose one while it is paused): the
    visitor's language first and largest, then the others."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, PAUSED)
        m, words = ctx.metrics, ctx.words
        self.set_title(words.paused_title)
        self.layout_.addStretch(2)
        logo = QLabel()
        logo.setPixmap(
            render_image(ctx.asset(ctx.content.clinic.logo), QSize(m.px(180), m.px(180)))
        )
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.layout_.addWidget(logo)
        title = text_label(words.paused_title)
        title.setObjectName("attractName")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.layout_.addWidget(title)
        message = text_label(words.paused_message)
        message.setObjectName("attractWelcome")
        message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.layout_.addWidget(message)
        base = ctx.loaded.content
        shown = {str(words.paused_title), str(words.paused_message)}
        for code in base.language_codes():
            other = base.in_language(code).ui_text
            if str(other.paused_title) in shown and str(other.paused_message) in shown:
                continue
            shown |= {str(other.paused_title), str(other.paused_message)}
            self.layout_.addSpacing(m.px(12))
            for text, role in ((other.paused_title, "heading"), (other.paused_message, None)):
                label = text_label(text, role)
                label.setObjectName("pausedOther")
                label.setAlignment(Qt.AlignmentFlag.AlignCenter)
                self.layout_.addWidget(label)
        self.layout_.addStretch(3)


class Lockdown(QObject):
    """Keeps a visitor inside the kiosk: close (Alt+F4), Escape, minimise, context menus
    and drags do nothing, and a watchdog restores full screen and raises the window if
    something took that away. Only `release()` (staff quitting) lets the window close."""

    BLOCKED = frozenset(
        {
            QEvent.Type.ContextMenu,
            QEvent.Type.DragEnter,
            QEvent.Type.DragMove,
            QEvent.Type.Drop,
        }
    )

    events = BLOCKED | {QEvent.Type.KeyPress, QEvent.Type.WindowStateChange}
    """What the input router passes to it."""

    def __init__(self, window: QWidget, watchdog_ms: int = 2000) -> None:
        super().__init__(window)
        self.window = window
        self.active = False
        self.timer = QTimer(self)
        self.timer.setInterval(watchdog_ms)
        self.timer.timeout.connect(self.restore)

    def engage(self) -> None:
        self.active = True
        self.timer.start()

    def release(self) -> None:
        self.active = False
        self.timer.stop()

    def allows_close(self, event: QCloseEvent) -> bool:
        if self.active:
            event.ignore()
            log.info("a request to close the kiosk window was ignored")
            return False
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self.active:
            return False
        kind = event.type()
        if kind in self.BLOCKED:
            return True
        if isinstance(event, QKeyEvent) and kind == QEvent.Type.KeyPress:
            alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
            if event.key() == Qt.Key.Key_Escape or (event.key() == Qt.Key.Key_F4 and alt):
                return True
        if kind == QEvent.Type.WindowStateChange and watched is self.window:
            QTimer.singleShot(0, self.restore)
        return False

    def restore(self) -> None:
        """Full screen, visible, on top: put it back if it is not."""
        if not self.active:
            return
        window = self.window
        if window.isMinimized() or not window.isFullScreen() or not window.isVisible():
            log.warning("the kiosk window lost full screen; restoring it")
            window.showFullScreen()
        if not window.isActiveWindow():
            window.raise_()
            window.activateWindow()
