"""The staff panel: what the kiosk runs, whether visitors can use it, today's counts, and
Reset, Reload, Pause or Resume, Figures and Quit.

Staff words are the kiosk's own (`staff.*` in the catalogues of `kiosk/content/locale/`), in
`staff.language` or the clinic's first language, whatever language a visitor chose. Every
decision (the PIN, the lock, what reset and reload do) is made in `kiosk.core`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QVBoxLayout,
    QWidget,
)

from ...content.i18n import hold_numbers
from ...core.control import Kiosk, ReloadResult
from ...core.stats import CountRow
from .. import accessible
from ..context import UiContext
from ..overlays import Overlay
from ..widgets import (
    KineticScrollArea,
    restyle,
    set_role,
    text_label,
)

log = logging.getLogger(__name__)
Clock = Callable[[], float]

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
        accessible.as_dialog(self, self.word("staff_title"))
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
        from .charts import FiguresPage  # here: the kiosk starts without the staff's charts

        self.figures = FiguresPage(
            ctx.loaded.content.in_language(self.language),
            ctx.palette,
            m,
            self._figure_rows,
            kiosk.day,
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
        # a number held to the word beside it (a no-break space): a line never parts them
        # ("· 0 / staff resets", a designer's review)
        counts = " · ".join(
            hold_numbers(part)
            for part in (
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
        role = "danger" if self.quit_armed else "nav"  # armed: the next tap leaves the kiosk
        if self.quit_button.property("role") != role:
            set_role(self.quit_button, role)
            restyle(self.quit_button)
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
