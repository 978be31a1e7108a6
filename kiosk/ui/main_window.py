"""The kiosk's window. It only assembles its parts and shows the place the session names:
pages (`pages`, `views`: attract, paused and the frame with the framed pages, each built
when first needed), overlays (`overlays`: the visitor's panels and `staff.flow`'s), input
helpers behind one router (`input`), read-aloud (`readaloud`) and the fade. A change of
language, text size or contrast, or new content, is drawn in place (`_renew`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QPaintEvent, QPixmap
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..content.loader import LoadedContent
from ..core.control import Kiosk
from ..core.intent import TAKE_IN_SECONDS
from ..core.place import ATTRACT, PAUSED, Place
from ..core.session import Moved, SessionEvent
from . import accessible
from .access import VisitorPanels
from .context import UiContext
from .frame import Frame
from .input.helpers import InputHelpers
from .input.idle import Clock
from .input.router import InputRouter
from .overlays import OverlayHost
from .pages import PageHost
from .readaloud import ReadAloud
from .screens.attract import AttractView
from .screens.base import Screen
from .screens.result import ResultView
from .speech import Speaker, make_speaker
from .spoken import Countdown, spoken_mode_for
from .staff.flow import StaffFlow
from .theme import content_fonts
from .transition import Fade
from .views import make_page

log = logging.getLogger(__name__)

AFTER_FIRST_FRAME_MS = 100
"""When the window starts building the page a first tap needs, after its first frame: the
start-up is over by then (a visitor's first tap comes later, and finds it ready)."""


class KioskWindow(QWidget):
    painted = Signal()
    """Once, after the first frame is painted (start-up timing)."""
    input: InputHelpers  # the staff corner, tap guard, idle, lockdown, keyboard

    def __init__(
        self,
        kiosk: Kiosk,
        size: QSize | None = None,
        clock: Clock | None = None,
        tap_guard_seconds: float = TAKE_IN_SECONDS,
        quit_app: Callable[[], None] | None = None,
        transition_ms: int = 200,
        speaker: Speaker | None = None,
    ) -> None:
        super().__init__()
        accessible.install()  # what assistive clients find: only what is on screen
        self.setObjectName("kiosk")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.kiosk, self.session = kiosk, kiosk.session
        self.size_ = size or QSize(1920, 1080)
        self.clock = clock or time.monotonic
        self.quit_app = quit_app or (lambda: self.input.lockdown.quit())
        self.font_family = '"Lato"'
        self._painted = False
        self.transition_ms = transition_ms
        self.setWindowTitle(kiosk.loaded.content.clinic.name)
        # the first child, so deleted first: it never passes an event to a dying helper
        self.router = InputRouter(self, [])
        self.ctx = UiContext.for_session(kiosk.loaded, self.session, self.size_)
        self._set_direction()  # before any part is built: they are drawn for it
        # the language, text size and contrast the pages are drawn for, and the place shown
        self.built_for: tuple[str, int, bool] | None = self.session.display
        self._shown: Place | None = None
        self.speaker = speaker if speaker is not None else make_speaker(self)

        # the pages: attract, paused and the frame around the framed pages
        self.outer = PageHost(self.ctx, make_page)
        self.outer.setObjectName("pages")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.outer)
        self.inner = PageHost(self.ctx, make_page)
        self.frame = Frame(self.ctx, self.inner, self.speaker.available)
        self.outer.addWidget(self.frame)
        self.overlays = OverlayHost(self, self.ctx)
        self.fade = Fade(self, transition_ms)
        self.staff = StaffFlow(self, self.overlays, kiosk, self.clock, self.quit_app)
        self.panels = VisitorPanels(
            self, self.overlays, self.speaker, lambda: self.input.still_here()
        )
        self.voice = ReadAloud(self.speaker, self.session, self.frame, self.panels, self.staff)
        self.panels.serve(self.frame.access_bar)
        self.input = InputHelpers(
            self,
            self.router,
            self.session,
            self.clock,
            # what the tap guard holds: the page, the bar under it, and the start screen
            (
                lambda: (self.inner, self.frame.bottom_bar, self.outer.peek(ATTRACT)),
                tap_guard_seconds,
            ),
            self.staff,
            Countdown(self.panels.show_countdown, self.panels.hide_countdown, lambda: self.spoken),
            lambda: self.frame.next_button,
            self.fade,
        )
        self.session.subscribe(self._on_session)
        # after the window's own listener: it speaks of the page the window has just shown
        self.spoken = spoken_mode_for(
            self,
            self.speaker,
            self.session,
            self.input,
            lambda: self.frame.back_button,
            lambda: self.staff.is_open() or self.kiosk.paused,
        )
        kiosk.on_content(self.set_content)
        kiosk.on_state(lambda: self.show_screen(self.session.current))  # after the staff's
        self.show_screen(self.session.current)

    def page_for(self, place: Place) -> Screen:
        """The page that shows `place`, built now if it was not yet."""
        return self.inner.page(place) if place.framed else self.outer.page(place)

    def current_page(self) -> Screen:
        return self.page_for(self.session.current)

    def apply_style(self, font_family: str) -> None:
        self.font_family = font_family
        self._restyle()

    def _restyle(self) -> None:
        sheet = self.ctx.stylesheet(self.font_family)
        if sheet != self.styleSheet():  # the same sheet again (a new language) re-polishes
            self.setStyleSheet(sheet)  # every widget for nothing

    def set_content(self, loaded: LoadedContent) -> None:
        """New content (between visits): every part takes it in place; the helpers stay."""
        log.info("applying content from %s", loaded.path)
        self.setWindowTitle(loaded.content.clinic.name)
        self.input.configure(loaded.content.settings)
        self.staff.configure(self.ctx)
        self.font_family = content_fonts(loaded)
        self.built_for = None  # everything is drawn again, for the new content
        self.show_screen(self.session.current)

    def _renew(self, place: Place) -> None:
        """Draw everything anew for the session's look and the content now loaded, `place`
        about to be shown: the frame in place, that page built again, the rest when needed."""
        self.voice.stop()
        self.ctx = UiContext.for_session(self.kiosk.loaded, self.session, self.size_)
        self.built_for = self.session.display
        # the old pages go first, so the new stylesheet polishes only what stays
        self.outer.renew(self.ctx, None)
        self.inner.renew(self.ctx, place if place.framed and not self.kiosk.paused else None)
        self.overlays.renew(self.ctx)
        self._set_direction()
        self._restyle()
        self.frame.apply(self.ctx)

    def _set_direction(self) -> None:
        """The window reads the way the visitor's language does (Qt mirrors every layout)."""
        if self.layoutDirection() != self.ctx.direction:
            self.setLayoutDirection(self.ctx.direction)

    def start(self) -> None:
        """Begin watching for idleness."""
        self.input.idle.start()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.painted.emit()
            # the first screen is up: build what the first tap needs while nobody waits,
            # once the frame is on screen (not in the turn of the loop that shows it)
            self.inner.prepare_next(AFTER_FIRST_FRAME_MS)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.input.lockdown.allows_close(event):
            self.router.remove()
            super().closeEvent(event)

    def _on_session(self, event: SessionEvent) -> None:
        """Whatever the session says changed (a move, an answer, a new look), the window
        shows the session's place: a new place fades in, a new look is drawn in place, and
        the same place is refreshed (an answer ticked, Next woken)."""
        self.show_screen(event.place if isinstance(event, Moved) else self.session.current)

    def show_screen(self, place: Place) -> None:
        """Show `place` (or the paused page); a new place fades in and arms the tap guard, a
        new language, text size or contrast is drawn in place."""
        shown = PAUSED if self.kiosk.paused else place
        moving = shown != self._shown
        old = QPixmap()
        if moving:
            self.voice.stop()  # read-aloud stops when the visitor moves on
            self.fade.set_duration(0 if self.session.still else self.transition_ms)
            if self.isVisible() and self.fade.duration_ms and self._shown is not None:
                old = self.outer.grab()  # the screen as it was, to fade from
        renewed = self.session.display != self.built_for
        if renewed:
            self._renew(shown)
        try:
            page = self.page_for(shown)
        except Exception:  # a page that cannot be built: the visitor starts again
            log.exception("could not show %s", shown)
            if shown not in (ATTRACT, PAUSED):
                self.session.reset("error")
            return
        page.refresh()
        if shown.framed:
            self.inner.setCurrentWidget(page)
            self.frame.show_progress(self.session)
            self.outer.setCurrentWidget(self.frame)
        else:
            if shown.is_paused:
                self.panels.hide_countdown()
            if isinstance(page, AttractView):
                result = self.inner.result_page()
                if isinstance(result, ResultView):
                    result.clear()
                self.panels.close()  # the next visitor: none
                page.animate = not self.session.still
            self.outer.setCurrentWidget(page)
        self._shown = shown
        if moving:
            self.input.keyboard.arrive()  # focus on the new page's heading, once it is drawn
            # taps on the new page wait while it fades in, then for its time (`core.intent`)
            self.input.tap_guard.arm(after=0.0 if old.isNull() else self.fade.duration_ms / 1000)
        self.fade.play(old, self.outer, self.overlays.open_ones())
        if moving or renewed:  # the new page's title (or the same, in another language)
            accessible.announce(page, page.accessibleName())
        if moving and self._painted:
            # taps are held for a while anyway: build the next page after the fade, unfelt
            self.inner.prepare_next(self.fade.duration_ms + 40)
