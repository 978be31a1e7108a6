"""The kiosk's window: the attract screen, or the frame (top bar, a page, bottom bar).

It builds one page per named screen, listens to the session, and shows the page the session
names. It makes no decision of its own about where a visitor goes.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QPainter, QPaintEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..content.loader import LoadedContent
from ..content.model import AnatomyScreen, ArticleScreen, CardsScreen, SelfCheckScreen
from ..core.control import Kiosk
from ..core.readaloud import script_for
from ..core.session import ATTRACT, question_name, screen_name, split_name
from .access import AccessBar, AccessPanel, LanguagePanel
from .idle import Clock, IdleWatcher, StillThere, TapGuard
from .keyboard import KeyboardAccess
from .screens.anatomy import AnatomyView
from .screens.article import ArticleView
from .screens.attract import AttractView
from .screens.base import Screen, UiContext
from .screens.cards import CardsView
from .screens.question import QuestionView
from .screens.result import ResultView
from .speech import Speaker, make_speaker
from .staff import AdminPanel, CornerHold, Lockdown, PausedView, PinPad
from .theme import Metrics, Palette, load_fonts, metrics_for, palette_for, stylesheet
from .transition import Fade
from .widgets import KineticScrollArea, icon_pixmap, render_image, set_role, text_label, ui_icon

log = logging.getLogger(__name__)


class ProgressDots(QWidget):
    """Where the visitor is, without words: one dot a step, the current one larger."""

    def __init__(self, palette: Palette, metrics: Metrics) -> None:
        super().__init__()
        self.palette_ = palette
        self.metrics = metrics
        self.n = 0
        self.total = 0
        self.setFixedHeight(metrics.px(24))
        self.setAccessibleName("progress")

    def set_progress(self, n: int, total: int) -> None:
        self.n, self.total = n, total
        step = self.metrics.px(26)
        self.setFixedWidth(max(1, step * max(total, 1)))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        step = self.metrics.px(26)
        for index in range(self.total):
            done = index < self.n
            radius = self.metrics.px(9 if index == self.n - 1 else 6)
            painter.setBrush(self.palette_.color("primary" if done else "line_strong"))
            cx = index * step + step // 2
            painter.drawEllipse(cx - radius, self.height() // 2 - radius, radius * 2, radius * 2)
        painter.end()


class KioskWindow(QWidget):
    painted = Signal()
    """Once, after the first frame is painted (start-up timing)."""

    def __init__(
        self,
        kiosk: Kiosk,
        size: QSize | None = None,
        clock: Clock | None = None,
        tap_guard_seconds: float = 0.4,
        quit_app: Callable[[], None] | None = None,
        transition_ms: int = 200,
        speaker: Speaker | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("kiosk")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.kiosk = kiosk
        self.session = kiosk.session
        self.size_ = size or QSize(1920, 1080)
        self.clock = clock or time.monotonic
        self.quit_app = quit_app or self._quit_app
        self.font_family = "Lato"
        self._painted = False
        self.outer = QStackedWidget()
        self.outer.setObjectName("pages")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.outer)
        self.lockdown = Lockdown(self)
        self.transition_ms = transition_ms
        self.fade = Fade(self, transition_ms)
        self.speaker = speaker if speaker is not None else make_speaker(self)
        self.speaker.state_changed.connect(self._on_speaking)
        self.speaker.available_changed.connect(self._on_voice)
        self._build_all(kiosk.loaded)
        self.tap_guard = TapGuard(self.inner, self.clock, tap_guard_seconds)
        settings = kiosk.loaded.content.settings
        self.idle = IdleWatcher(
            self.session,
            self.still_there,
            settings.idle_seconds,
            settings.countdown_seconds,
            clock=self.clock,
            parent=self,
        )
        self.idle.staff_open = self.staff_open
        self.idle.close_staff = self.close_staff
        staff = kiosk.loaded.content.staff
        self.corner = CornerHold(
            self,
            staff.corner if staff else "top_left",
            staff.hold_seconds if staff else 3.0,
            self.ctx.metrics.px(140),
            self.clock,
        )
        self.corner.triggered.connect(self.open_pin_pad)
        self.watch = QTimer(self)
        self.watch.setInterval(2000)
        self.watch.timeout.connect(self.check_content_files)
        self.session.subscribe(self.show_screen)
        kiosk.on_content(self.set_content)
        kiosk.on_state(self._on_kiosk_state)
        KeyboardAccess.install(self)  # Tab, arrows, Enter and Space; focus kept in overlays

    # -- building --------------------------------------------------------------------------

    def _build_all(self, loaded: LoadedContent) -> None:
        self.loaded = loaded
        self.setWindowTitle(loaded.content.clinic.name)
        session = self.session
        self.built_for = session.display
        """The language, text size and contrast the pages are drawn for."""
        self.ctx = UiContext(
            loaded=loaded,
            session=session,
            palette=palette_for(loaded.content.brand, session.high_contrast),
            metrics=metrics_for(self.size_.width(), self.size_.height(), session.text_size),
            content=session.content,
        )
        self.pages: dict[str, Screen] = {}
        self._build()
        self.access_panel = AccessPanel(self.ctx, self)
        self.language_panel = LanguagePanel(self.ctx, self)
        self.paused_view = PausedView(self.ctx)
        self.outer.addWidget(self.paused_view)
        self.still_there = StillThere(self.ctx, self)
        self.pin_pad = PinPad(self.ctx, self, self.kiosk, self._now)
        self.pin_pad.opened_admin.connect(self.open_admin)
        self.admin = AdminPanel(self.ctx, self, self.kiosk)
        self.admin.quit_requested.connect(self.quit_app)
        self.admin.reload_requested.connect(self.reload_content)

    def apply_style(self, font_family: str) -> None:
        self.font_family = font_family
        sheet = stylesheet(
            self.ctx.palette,
            self.ctx.metrics,
            font_family,
            self.loaded.content.brand.corner_radius,
        )
        if sheet != self.styleSheet():  # the same sheet again (a new language) re-polishes
            self.setStyleSheet(sheet)  # every widget for nothing: a quarter of a second

    def _now(self) -> float:
        return self.clock()

    def set_content(self, loaded: LoadedContent) -> None:
        """New content between visits: build every page again from it."""
        log.info("applying content from %s", loaded.path)
        self._rebuild(loaded)

    def _rebuild(self, loaded: LoadedContent) -> None:
        """Build every page again: new content, or the visitor's language, text size or
        contrast changed. The session (screen, answers) is untouched."""
        self.speaker.stop()
        old_parts: list[QWidget] = [
            self.still_there,
            self.pin_pad,
            self.admin,
            self.access_panel,
            self.language_panel,
        ]
        while (old := self.outer.widget(0)) is not None:
            self.outer.removeWidget(old)
            old_parts.append(old)
        for part in old_parts:
            part.hide()
            for area in part.findChildren(KineticScrollArea):
                area.release()  # Qt keeps a grabbed gesture's recognizer otherwise
            part.deleteLater()
        self._build_all(loaded)
        self.tap_guard.pages = self.inner
        settings = loaded.content.settings
        self.idle.attach(self.still_there, settings.idle_seconds, settings.countdown_seconds)
        staff = loaded.content.staff
        if staff is not None:
            self.corner.configure(staff.corner, staff.hold_seconds, self.ctx.metrics.px(140))
        self.apply_style(load_fonts(loaded.file(loaded.content.brand.font)))
        self.show_screen(self.session.current)

    def start(self) -> None:
        """Begin watching for idleness and for changes to the content file."""
        self.idle.start()
        self.watch.start()

    def check_content_files(self) -> None:
        try:
            self.kiosk.check_files()
        except Exception:  # a surprise from the file system must not stop the kiosk
            log.exception("checking the content file failed")

    # -- staff -----------------------------------------------------------------------------

    def open_pin_pad(self) -> None:
        self.still_there.hide()
        self.admin.hide()
        self.pin_pad.open()

    def open_admin(self) -> None:
        self.admin.open()

    def reload_content(self) -> None:
        """Staff asked for the file again: the panel (built anew if the content changed)
        stays open and says what happened."""
        result = self.kiosk.reload()
        log.info("staff reload: %s", result.message)
        self.admin.open(result.message)

    def staff_open(self) -> bool:
        return self.pin_pad.isVisible() or self.admin.isVisible()

    def close_staff(self) -> None:
        self.pin_pad.close_pad()
        self.admin.hide()

    def _on_kiosk_state(self) -> None:
        if self.admin.isVisible():
            self.admin.refresh()
        self.show_screen(self.session.current)

    def _quit_app(self) -> None:
        self.lockdown.release()
        app = QApplication.instance()
        if app is not None:
            app.exit(0)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.painted.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.lockdown.allows_close(event):
            super().closeEvent(event)

    def _build(self) -> None:
        ctx, content = self.ctx, self.ctx.content
        self.attract = AttractView(ctx, ATTRACT, animate=not self.reduce_motion)
        self.outer.addWidget(self.attract)
        self.framed = QWidget()
        framed_layout = QVBoxLayout(self.framed)
        framed_layout.setContentsMargins(0, 0, 0, 0)
        framed_layout.setSpacing(0)
        framed_layout.addWidget(self._top_bar())
        self.inner = QStackedWidget()
        framed_layout.addWidget(self.inner, 1)
        self.disclaimer = text_label(ctx.words.disclaimer)
        self.disclaimer.setObjectName("disclaimer")
        self.disclaimer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        framed_layout.addWidget(self.disclaimer)
        framed_layout.addWidget(self._bottom_bar())
        self.outer.addWidget(self.framed)
        for screen in content.screens:
            page: Screen
            name = screen_name(screen.id)
            if isinstance(screen, ArticleScreen | SelfCheckScreen):
                page = ArticleView(ctx, name, screen)
            elif isinstance(screen, AnatomyScreen):
                page = AnatomyView(ctx, name, screen)
            elif isinstance(screen, CardsScreen):
                page = CardsView(ctx, name, screen)
            self._add_page(name, page)
        for question in content.self_check.questions:
            name = question_name(question.id)
            self._add_page(name, QuestionView(ctx, name, question))
        self.result = ResultView(ctx, "result")
        self.inner.addWidget(self.result)

    def _add_page(self, name: str, page: Screen) -> None:
        self.pages[name] = page
        self.inner.addWidget(page)

    def _top_bar(self) -> QFrame:
        """Logo and name on the left, progress in the middle, room for the language and
        accessibility controls on the right. The outer columns share the width equally, so
        the progress stays centred."""
        ctx, m = self.ctx, self.ctx.metrics
        bar = QFrame()
        bar.setObjectName("topBar")
        bar.setFixedHeight(m.px(104))
        grid = QGridLayout(bar)
        grid.setContentsMargins(m.px(40), 0, m.px(40), 0)
        grid.setHorizontalSpacing(m.px(16))
        left = QHBoxLayout()
        left.setSpacing(m.px(16))
        logo = QLabel()
        logo.setPixmap(render_image(ctx.asset(ctx.content.clinic.logo), QSize(m.px(64), m.px(64))))
        left.addWidget(logo)
        self.clinic_name = text_label(ctx.content.clinic.name, wrap=False)
        self.clinic_name.setObjectName("clinicName")
        left.addWidget(self.clinic_name)
        left.addStretch(1)
        grid.addLayout(left, 0, 0)
        centre = QVBoxLayout()
        centre.setSpacing(m.px(6))
        self.progress_text = text_label("", wrap=False)
        self.progress_text.setObjectName("progressText")
        self.progress_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dots = ProgressDots(ctx.palette, m)
        centre.addWidget(self.progress_text, 0, Qt.AlignmentFlag.AlignHCenter)
        centre.addWidget(self.dots, 0, Qt.AlignmentFlag.AlignHCenter)
        grid.addLayout(centre, 0, 1)
        self.access_bar = AccessBar(ctx, self.speaker.available)
        self.access_bar.read_aloud.connect(self.read_aloud)
        self.access_bar.open_panel.connect(self.open_access_panel)
        self.access_bar.open_languages.connect(self._open_language_panel)
        grid.addWidget(self.access_bar, 0, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(2, 1)
        return bar

    def open_access_panel(self) -> None:
        self.access_panel.open()

    def _open_language_panel(self) -> None:
        self.language_panel.open()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        # the name beside the logo needs a landscape screen's width
        self.clinic_name.setVisible(self.width() >= self.height())
        super().resizeEvent(event)

    def _bottom_bar(self) -> QFrame:
        ctx, m = self.ctx, self.ctx.metrics
        words = ctx.words
        bar = QFrame()
        bar.setObjectName("bottomBar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(m.px(40), m.px(18), m.px(40), m.px(18))
        row.setSpacing(m.px(24))
        icon_px = m.px(36)
        self.back_button = QPushButton(words.back)
        self.back_button.setObjectName("backButton")
        set_role(self.back_button, "nav")
        self.back_button.setIcon(icon_pixmap(ui_icon("back"), icon_px, ctx.palette.color("text")))
        self.home_button = QPushButton(words.home)
        self.home_button.setObjectName("homeButton")
        set_role(self.home_button, "nav")
        self.home_button.setIcon(icon_pixmap(ui_icon("home"), icon_px, ctx.palette.color("text")))
        self.next_button = QPushButton(words.next)
        self.next_button.setObjectName("nextButton")
        set_role(self.next_button, "primary")
        self.next_button.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.next_button.setIcon(
            icon_pixmap(ui_icon("next"), icon_px, ctx.palette.color("on_primary"))
        )
        for button in (self.back_button, self.home_button, self.next_button):
            button.setIconSize(QSize(icon_px, icon_px))
            button.setMinimumWidth(m.px(260))
        self.back_button.clicked.connect(self.session.back)
        self.home_button.clicked.connect(self.session.home)
        self.next_button.clicked.connect(self.session.next)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.home_button)
        row.addStretch(1)
        row.addWidget(self.next_button)
        return bar

    # -- showing ---------------------------------------------------------------------------

    def page_for(self, name: str) -> Screen:
        kind, _ = split_name(name)
        if kind == "attract":
            return self.attract
        if kind == "result":
            return self.result
        return self.pages[name]

    def current_page(self) -> Screen:
        return self.page_for(self.session.current)

    def show_screen(self, name: str) -> None:
        if self.session.display != self.built_for:
            self._redraw_for_visitor()
            return
        page: Screen | None
        outer: QWidget
        inner: QWidget | None
        if self.kiosk.paused:
            self.still_there.hide()
            outer, inner, page = self.paused_view, None, None
        else:
            page = self.page_for(name)
            outer, inner = (self.attract, None) if page is self.attract else (self.framed, page)
        changing = self.outer.currentWidget() is not outer or (
            inner is not None and self.inner.currentWidget() is not inner
        )
        old = QPixmap()
        if changing:
            self.speaker.stop()  # read-aloud stops when the visitor moves on
            self.tap_guard.arm()  # a second tap of a double tap must not answer the next page
            self.fade.duration_ms = 0 if self.reduce_motion else self.transition_ms
            if self.isVisible() and self.fade.duration_ms:
                old = self.outer.grab()  # the screen as it was, to fade from
        if page is not None:
            page.refresh()
        if inner is not None:
            self.inner.setCurrentWidget(inner)
            self._update_bars(name)
        self.outer.setCurrentWidget(outer)
        if page is self.attract:
            self.result.clear()
            self.access_panel.hide()  # the next visitor starts with no panel open
            self.language_panel.hide()
            self.attract.animate = not self.reduce_motion
        self._fade_from(old)

    @property
    def reduce_motion(self) -> bool:
        """No fades: the visitor asked for it, or the clinic set it for everyone."""
        return self.session.reduce_motion or self.loaded.content.settings.reduce_motion

    def _redraw_for_visitor(self) -> None:
        """The visitor changed the language, text size or contrast: the same screen and
        answers, drawn anew; the panel they did it from stays open."""
        panel_open = self.access_panel.isVisible() and self.session.visit_under_way
        self._rebuild(self.loaded)
        if panel_open:
            self.access_panel.open()

    def read_aloud(self) -> None:
        """The speaker button: read the screen shown, or stop reading."""
        if self.speaker.speaking:
            self.speaker.stop()
            return
        session = self.session
        text = script_for(self.ctx.content, session.current)  # result:<id> names its outcome
        if text:
            self.speaker.say(text, session.shown_language)

    def _on_speaking(self, speaking: bool) -> None:
        self.access_bar.set_speaking(speaking)

    def _on_voice(self, available: bool) -> None:
        """The voice failed: the speaker button goes, rather than doing nothing."""
        self.access_bar.speaker.setVisible(available)

    def _fade_from(self, old: QPixmap) -> None:
        """A short fade from the old picture to the new screen, which is already live."""
        if old.isNull():
            return
        self.fade.start(old, self.outer.grab())
        for overlay in (
            self.access_panel,
            self.language_panel,
            self.still_there,
            self.pin_pad,
            self.admin,
        ):
            if overlay.isVisible():
                overlay.raise_()

    def _update_bars(self, name: str) -> None:
        session, words = self.session, self.ctx.words
        progress = session.progress()
        if progress.kind == "step":
            self.progress_text.setText(words.step.format(n=progress.n, total=progress.total))
            self.dots.set_progress(progress.n, progress.total)
        elif progress.kind == "question":
            self.progress_text.setText(words.question.format(n=progress.n, total=progress.total))
            self.dots.set_progress(progress.n, progress.total)
        else:
            self.progress_text.setText(words.result)
            self.dots.set_progress(0, 0)
        action = session.next_action()
        self.next_button.setText(
            {
                "start_check": words.start_check,
                "see_result": words.see_result,
                "finish": words.finish,
                "next": words.next,
            }[action]
        )
        self.next_button.setEnabled(session.can_go_next())
        self.back_button.setEnabled(session.can_go_back())
