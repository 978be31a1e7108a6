"""The kiosk's window, in three parts, with the helpers that live as long as it does.

- **Screens.** An outer stack holds the attract screen, the frame and the paused page. The
  frame (`kiosk.ui.frame`: top bar, disclaimer, bottom bar) holds the page host
  (`kiosk.ui.pages`): the pages by name, each built the first time it is needed.
- **Overlays** (`kiosk.ui.overlays`): "Still there?", the visitor's panels, the PIN pad and the
  staff panel, each built the first time it opens.
- **Helpers** that live as long as the window: the tap guard, the idle watcher, the staff
  corner, the lockdown and keyboard access, behind one input router (`kiosk.ui.router`)
  installed once. Nothing that is rebuilt owns any of them.

The window listens to the session and shows the page the session names; it makes no decision
of its own about where a visitor goes. A change of language, text size or contrast, or new
content, is applied in place (`_renew`): the frame sets its words and icons again, the page
on screen is built again in its place, and every other page waits until it is needed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..content.loader import LoadedContent
from ..core.control import Kiosk
from ..core.place import ATTRACT, PAUSED, Place
from ..core.readaloud import script_for
from ..core.session import Moved, SessionEvent
from .access import AccessBar, AccessPanel, LanguagePanel
from .frame import Frame
from .idle import Clock, IdleWatcher, StillThere, TapGuard
from .keyboard import KeyboardAccess
from .overlays import OverlayHost, OverlayKind
from .pages import PageHost, let_go
from .router import InputRouter
from .screens.attract import AttractView
from .screens.base import Screen, UiContext
from .screens.question import QuestionView
from .screens.result import ResultView
from .speech import Speaker, make_speaker
from .staff import AdminPanel, CornerHold, Lockdown, PausedView, PinPad
from .theme import content_fonts, metrics_for, palette_for, stylesheet
from .transition import Fade
from .views import build_page
from .widgets import reads_right_to_left

log = logging.getLogger(__name__)


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
        self.font_family = '"Lato"'
        self._painted = False
        self.transition_ms = transition_ms
        self.loaded = kiosk.loaded
        self.setWindowTitle(self.loaded.content.clinic.name)
        self.router = InputRouter(self, [])
        """The first child: deleted first, so it never passes an event to a helper that is
        being deleted with the window."""
        self.ctx = self._context(self.loaded)
        self._set_direction()  # before any part is built: they are drawn for it
        self.built_for: tuple[str, int, bool] | None = self.session.display
        """The language, text size and contrast the screens are drawn for."""
        self._shown: Place | None = None
        """The place on show (PAUSED while staff paused the kiosk)."""
        self.speaker = speaker if speaker is not None else make_speaker(self)

        # the screens: attract, frame (with the page host) and paused, in one stack
        self.outer = QStackedWidget()
        self.outer.setObjectName("pages")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.outer)
        self.inner = PageHost(self.ctx, self._make_page)
        self.frame = Frame(self.ctx, self.inner, self.speaker.available)
        self.frame.read_aloud.connect(self.read_aloud)
        self.frame.open_panel.connect(self.open_access_panel)
        self.frame.open_languages.connect(self._open_language_panel)
        self.outer.addWidget(self.frame)
        self._attract: AttractView | None = None
        self._paused: PausedView | None = None
        self.overlays = OverlayHost(self, self.ctx, self._overlay_kinds())
        self.fade = Fade(self, transition_ms)

        # the helpers, owned by the window, behind one router
        self.tap_guard = TapGuard(
            (self.inner, self.frame.bottom_bar), self.clock, tap_guard_seconds, self
        )
        settings = self.loaded.content.settings
        self.idle = IdleWatcher(
            self.session,
            self._show_countdown,
            self._hide_countdown,
            settings.idle_seconds,
            settings.countdown_seconds,
            self,
            clock=self.clock,
        )
        self.idle.staff_open = self.staff_open
        self.idle.close_staff = self.close_staff
        staff = self.loaded.content.staff
        self.corner = CornerHold(
            self,
            staff.corner if staff else "top_left",
            staff.hold_seconds if staff else 3.0,
            self.ctx.metrics.px(140),
            self.clock,
        )
        self.corner.triggered.connect(self.open_pin_pad)
        self.lockdown = Lockdown(self)
        self.keyboard = KeyboardAccess(
            self, self.tap_guard, lambda: self.frame.next_button, own_filter=False
        )
        self.router.set_policies(
            [
                ("corner", self.corner),  # a staff hold starts wherever the finger lands
                ("tap guard", self.tap_guard),
                ("idle", self.idle),
                ("lockdown", self.lockdown),
                ("keyboard", self.keyboard),
                ("fade", self.fade),
            ]
        )
        self.router.install()

        self.speaker.state_changed.connect(self._on_speaking)
        self.speaker.available_changed.connect(self._on_voice)
        self.watch = QTimer(self)
        self.watch.setInterval(2000)
        self.watch.timeout.connect(self.check_content_files)
        self.session.subscribe(self._on_session)
        kiosk.on_content(self.set_content)
        kiosk.on_state(self._on_kiosk_state)
        self.show_screen(self.session.current)

    # -- parts -----------------------------------------------------------------------------

    def _context(self, loaded: LoadedContent) -> UiContext:
        session = self.session
        return UiContext(
            loaded=loaded,
            session=session,
            palette=palette_for(loaded.content.brand, session.high_contrast),
            metrics=metrics_for(self.size_.width(), self.size_.height(), session.text_size),
            content=session.content,
            rtl=reads_right_to_left(list(session.base.languages), session.shown_language),
        )

    def _make_page(self, ctx: UiContext, place: Place) -> Screen:
        """The page host's factory: the view for a screen, a question or the result."""
        if place.is_result:
            return ResultView(ctx, place)
        if place.is_question:
            question = ctx.content.question(place.ident)
            if question is not None:
                return QuestionView(ctx, place, question)
        elif place.is_screen:
            screen = next((s for s in ctx.content.screens if s.id == place.ident), None)
            if screen is not None:
                return build_page(ctx, place, screen)  # the view its kind names (views.py)
        raise KeyError(f"the content has no screen {place.name!r}")

    def _overlay_kinds(self) -> dict[str, OverlayKind]:
        def still_there(ctx: UiContext) -> QWidget:
            overlay = StillThere(ctx, self)
            overlay.button.clicked.connect(self.idle.still_here)
            return overlay

        def pin_pad(ctx: UiContext) -> QWidget:
            pad = PinPad(ctx, self, self.kiosk, self._now)
            pad.opened_admin.connect(self.open_admin)
            return pad

        def admin(ctx: UiContext) -> QWidget:
            panel = AdminPanel(ctx, self, self.kiosk)
            panel.quit_requested.connect(self.quit_app)
            panel.reload_requested.connect(self.reload_content)
            return panel

        def reopen_panel(panel: QWidget) -> None:
            if self.session.visit_under_way:
                panel.open()  # type: ignore[attr-defined]

        return {
            "still_there": OverlayKind(still_there),
            "access_panel": OverlayKind(
                lambda ctx: AccessPanel(ctx, self, lambda: self.speaker.available), reopen_panel
            ),
            "language_panel": OverlayKind(lambda ctx: LanguagePanel(ctx, self)),
            "pin_pad": OverlayKind(pin_pad),
            "admin": OverlayKind(admin),
        }

    # the parts by name, for the keyboard, the staff panel and tests
    @property
    def attract(self) -> AttractView:
        if self._attract is None:
            self._attract = AttractView(self.ctx, ATTRACT, animate=not self.reduce_motion)
            self.outer.addWidget(self._attract)
        return self._attract

    @property
    def paused_view(self) -> PausedView:
        if self._paused is None:
            self._paused = PausedView(self.ctx)
            self.outer.addWidget(self._paused)
        return self._paused

    @property
    def framed(self) -> Frame:
        return self.frame

    @property
    def result(self) -> ResultView:
        page = self.inner.result_page()
        assert isinstance(page, ResultView)
        return page

    @property
    def still_there(self) -> StillThere:
        return self.overlays.get("still_there")  # type: ignore[return-value]

    @property
    def access_panel(self) -> AccessPanel:
        return self.overlays.get("access_panel")  # type: ignore[return-value]

    @property
    def language_panel(self) -> LanguagePanel:
        return self.overlays.get("language_panel")  # type: ignore[return-value]

    @property
    def pin_pad(self) -> PinPad:
        return self.overlays.get("pin_pad")  # type: ignore[return-value]

    @property
    def admin(self) -> AdminPanel:
        return self.overlays.get("admin")  # type: ignore[return-value]

    @property
    def access_bar(self) -> AccessBar:
        return self.frame.access_bar

    @property
    def next_button(self) -> QPushButton:
        return self.frame.next_button

    @property
    def back_button(self) -> QPushButton:
        return self.frame.back_button

    @property
    def home_button(self) -> QPushButton:
        return self.frame.home_button

    @property
    def clinic_name(self) -> QLabel:
        return self.frame.clinic_name

    @property
    def disclaimer(self) -> QLabel:
        return self.frame.disclaimer

    # -- style and content -----------------------------------------------------------------

    def apply_style(self, font_family: str) -> None:
        self.font_family = font_family
        self._restyle()

    def _restyle(self) -> None:
        sheet = stylesheet(
            self.ctx.palette,
            self.ctx.metrics,
            self.font_family,
            self.loaded.content.brand.corner_radius,
            rtl=self.ctx.rtl,
        )
        if sheet != self.styleSheet():  # the same sheet again (a new language) re-polishes
            self.setStyleSheet(sheet)  # every widget for nothing

    def _now(self) -> float:
        return self.clock()

    def set_content(self, loaded: LoadedContent) -> None:
        """New content (between visits): every part takes it in place; the helpers stay."""
        log.info("applying content from %s", loaded.path)
        self.loaded = loaded
        self.setWindowTitle(loaded.content.clinic.name)
        settings = loaded.content.settings
        self.idle.configure(settings.idle_seconds, settings.countdown_seconds)
        staff = loaded.content.staff
        if staff is not None:
            self.corner.configure(staff.corner, staff.hold_seconds, self.ctx.metrics.px(140))
        self.font_family = content_fonts(loaded)
        self.built_for = None  # everything is drawn again, for the new content
        self.show_screen(self.session.current)

    def _renew(self, place: Place) -> None:
        """Draw everything for the session's language, text size and contrast, and the
        content now loaded, with `place` about to be shown: the frame in place, that page
        built again where it is, the rest when needed. The session is untouched."""
        self.speaker.stop()
        self.ctx = self._context(self.loaded)
        self.built_for = self.session.display
        for old in (self._attract, self._paused):
            if old is not None:
                self.outer.removeWidget(old)
                let_go(old)
        self._attract = self._paused = None
        framed = not self.kiosk.paused and place.framed
        # the old pages go first, so the new stylesheet polishes only what stays
        self.inner.renew(self.ctx, place if framed else None)
        self.overlays.renew(self.ctx)
        self._set_direction()
        self._restyle()
        self.frame.apply(self.ctx)

    def _set_direction(self) -> None:
        """The whole window reads the way the visitor's language does (Qt mirrors every
        layout; the frame, the dots and the stylesheet mirror what they draw)."""
        rtl, ltr = Qt.LayoutDirection.RightToLeft, Qt.LayoutDirection.LeftToRight
        direction = rtl if self.ctx.rtl else ltr
        if self.layoutDirection() != direction:
            self.setLayoutDirection(direction)

    def start(self) -> None:
        """Begin watching for idleness and for changes to the content file."""
        self.idle.start()
        self.watch.start()

    def check_content_files(self) -> None:
        try:
            self.kiosk.check_files()
        except Exception:  # a surprise from the file system must not stop the kiosk
            log.exception("checking the content file failed")

    # -- overlays --------------------------------------------------------------------------

    def _show_countdown(self, seconds: int) -> None:
        self.still_there.show_seconds(seconds)

    def _hide_countdown(self) -> None:
        self.overlays.hide("still_there")

    def open_pin_pad(self) -> None:
        self.overlays.hide("still_there", "admin")
        self.pin_pad.open()

    def open_admin(self) -> None:
        self.admin.open()

    def reload_content(self) -> None:
        """Staff asked for the file again: the panel stays open and says what happened."""
        result = self.kiosk.reload()
        log.info("staff reload: %s", result.message)
        self.admin.reloaded(result)

    def staff_open(self) -> bool:
        return self.overlays.is_open("pin_pad") or self.overlays.is_open("admin")

    def close_staff(self) -> None:
        pad = self.overlays.peek("pin_pad")
        if isinstance(pad, PinPad):
            pad.close_pad()
        self.overlays.hide("admin")

    def open_access_panel(self) -> None:
        self.access_panel.open()

    def _open_language_panel(self) -> None:
        self.language_panel.open()

    def _on_kiosk_state(self) -> None:
        admin = self.overlays.peek("admin")
        if isinstance(admin, AdminPanel) and admin.isVisible():
            admin.refresh()
        self.show_screen(self.session.current)

    def _quit_app(self) -> None:
        self.lockdown.release()
        app = QApplication.instance()
        if app is not None:
            app.exit(0)

    # -- Qt --------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.painted.emit()
            # the first screen is up: build what the first tap needs while nobody waits
            self.inner.prepare(self._likely_next())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.lockdown.allows_close(event):
            self.router.remove()
            super().closeEvent(event)

    # -- showing ---------------------------------------------------------------------------

    def page_for(self, place: Place) -> Screen:
        if place.is_attract:
            return self.attract
        return self.inner.page(place)

    def current_page(self) -> Screen:
        return self.page_for(self.session.current)

    def _likely_next(self) -> list[Place]:
        """The page a visitor may well need after this one (built in an idle moment)."""
        following = self.session.next_place()
        return [following] if following is not None else []

    def _on_session(self, event: SessionEvent) -> None:
        """Whatever the session says changed (a move, an answer, a new look), the window
        shows the session's place: a new place fades in, a new look is drawn in place, and
        the same place is refreshed (an answer ticked, Next woken)."""
        self.show_screen(event.place if isinstance(event, Moved) else self.session.current)

    def show_screen(self, place: Place) -> None:
        """Show what the session names (or the paused page); a new screen fades in and
        arms the tap guard, a new language, text size or contrast is drawn in place."""
        paused = self.kiosk.paused
        shown = PAUSED if paused else place
        moving = shown != self._shown
        old = QPixmap()
        if moving:
            self.speaker.stop()  # read-aloud stops when the visitor moves on
            self.fade.set_duration(0 if self.reduce_motion else self.transition_ms)
            # a second tap of a double tap must not answer the next page: taps wait while it
            # fades in, and for the guard's time once it is whole
            self.tap_guard.arm(after=self.fade.duration_ms / 1000)
            if self.isVisible() and self.fade.duration_ms and self._shown is not None:
                old = self.outer.grab()  # the screen as it was, to fade from
        if self.session.display != self.built_for:
            self._renew(place)
        page: Screen | None = None
        if paused:
            self.overlays.hide("still_there")
            self.outer.setCurrentWidget(self.paused_view)
        else:
            try:
                page = self.page_for(place)
            except Exception:  # a page that cannot be built: the visitor starts again
                log.exception("could not show %s", place)
                if place != ATTRACT:
                    self.session.reset("error")
                return
            page.refresh()
            if isinstance(page, AttractView):
                result = self.inner.result_page()
                if isinstance(result, ResultView):
                    result.clear()
                self.overlays.hide("access_panel", "language_panel")  # the next visitor: none
                page.animate = not self.reduce_motion
                self.outer.setCurrentWidget(page)
            else:
                self.inner.setCurrentWidget(page)
                self.frame.show_progress(self.session)
                self.outer.setCurrentWidget(self.frame)
        self._shown = shown
        self._fade_from(old)
        if moving and self._painted:
            # the tap guard holds taps for 0.4 s anyway: build the next page once the fade
            # is over, where it costs the visitor nothing
            self.inner.prepare(self._likely_next(), self.fade.duration_ms + 40)

    @property
    def reduce_motion(self) -> bool:
        """No fades: the visitor asked for it, or the clinic set it for everyone."""
        return self.session.reduce_motion or self.loaded.content.settings.reduce_motion

    def read_aloud(self) -> None:
        """The speaker button: read the screen shown, or stop reading."""
        if self.speaker.speaking:
            self.speaker.stop()
            return
        session = self.session
        text = script_for(self.ctx.content, session.current)
        if text:
            self.speaker.say(text, session.shown_language)

    def _on_speaking(self, speaking: bool) -> None:
        self.frame.access_bar.set_speaking(speaking)

    def _on_voice(self, available: bool) -> None:
        """The voice failed: the speaker button goes, rather than doing nothing, and the
        reading panel opens to say in words that reading aloud is not available (the
        visitor has just asked for it: the voice fails while it reads, and stops when the
        visitor moves on)."""
        self.frame.access_bar.speaker.setVisible(available)
        if not available and self.session.visit_under_way and not self.staff_open():
            self.open_access_panel()

    def _fade_from(self, old: QPixmap) -> None:
        """A short fade from the old picture to the new screen, which is already live."""
        if old.isNull():
            return
        self.fade.start(old, self.outer.grab())
        for overlay in self.overlays.open_ones():
            overlay.raise_()
