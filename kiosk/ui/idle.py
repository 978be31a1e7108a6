"""Watches for touches anywhere in the app and runs the idle policy: "Still there?" with a
countdown, then the same reset as every other. The clock and the tick are injectable, so
tests run a whole idle cycle in milliseconds."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QFrame, QPushButton, QVBoxLayout, QWidget

from ..core.idle import Idle, IdlePolicy, hold_for, words_on
from ..core.place import Place
from ..core.session import Session
from .screens.base import UiContext
from .widgets import centred, set_role, text_label

Clock = Callable[[], float]
TOUCH_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
    QEvent.Type.Wheel,
}
"""A key counts as a touch (keyboard and switch visitors); the release too, as a filter
installed later may use up the press (`kiosk.ui.keyboard`)."""


class TapGuard(QObject):
    """Ignores taps on the screen (the page, and the bar under it: Back, Home, Next) for a
    moment after the page changes: one tap answers a question and moves on, and the second
    tap of a double tap would otherwise answer the next question (often a red-flag one)
    without the visitor having read it, skip a page, or tap Finish where "See my result" was
    and wipe an urgent result (tester)."""

    PRESS_EVENTS = frozenset(
        {
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
            QEvent.Type.TouchBegin,
        }
    )

    events = PRESS_EVENTS
    """What the input router passes to it."""

    def __init__(
        self, holders: Sequence[QWidget], clock: Clock, seconds: float, parent: QObject
    ) -> None:
        super().__init__(parent)
        self.holders = tuple(holders)
        """What holds the guarded taps (the page host, the bottom bar): they live as long as
        the window, whatever is rebuilt. The top bar and the panels over it are not held."""
        self.clock = clock
        self.seconds = seconds
        self.until = 0.0

    def arm(self, after: float = 0.0) -> None:
        """Hold taps for `after` seconds (the new page fading in), then `seconds` more: the
        guard counts from when the visitor can see the whole page, not from the tap that
        asked for it (on a real screen the fade took half of a 0.4 s guard)."""
        self.until = self.clock() + after + self.seconds

    def blocks(self, widget: QWidget) -> bool:
        """A tap (or a key press, see `kiosk.ui.keyboard`) on `widget` is ignored now."""
        return self.clock() < self.until and any(
            holder is widget or holder.isAncestorOf(widget) for holder in self.holders
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() not in self.PRESS_EVENTS:
            return False
        return isinstance(watched, QWidget) and self.blocks(watched)


class StillThere(QFrame):
    """The overlay: a dimmed screen, a card, a countdown and one large button."""

    def __init__(self, ctx: UiContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("idleOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        m = ctx.metrics
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        card = QFrame()
        card.setObjectName("idleCard")
        card.setFixedWidth(m.px(880))
        inner = QVBoxLayout(card)
        inner.setContentsMargins(m.px(56), m.px(48), m.px(56), m.px(48))
        inner.setSpacing(m.px(28))
        title = text_label(ctx.words.still_there, "title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        inner.addWidget(title)
        self.count = text_label("", wrap=False)
        self.count.setObjectName("idleCount")
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        inner.addWidget(self.count)
        self.message = text_label("", "body")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        inner.addWidget(self.message)
        self.button = QPushButton(ctx.words.still_here)
        self.button.setObjectName("stillHereButton")
        set_role(self.button, "primary")
        self.button.setMinimumHeight(m.px(110))
        inner.addWidget(self.button)
        outer.addLayout(centred(card))
        outer.addStretch(1)
        self.hide()

    def show_seconds(self, seconds: int) -> None:
        self.count.setText(str(seconds))
        self.message.setText(self.ctx.words.idle_message.format(seconds=seconds))
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        if not self.isVisible():
            self.show()
            self.raise_()
            layout = self.layout()
            if layout is not None:
                layout.activate()


class IdleWatcher(QObject):
    """The idle policy on a timer. It shows and hides the countdown through two callables
    (the window builds "Still there?" the first time it is needed) and resets the visit
    when the countdown runs out. Input reaches it through the window's input router."""

    events = frozenset(TOUCH_EVENTS)

    def __init__(
        self,
        session: Session,
        show_countdown: Callable[[int], None],
        hide_countdown: Callable[[], None],
        idle_seconds: float,
        countdown_seconds: float,
        parent: QObject,
        clock: Clock = time.monotonic,
        tick_ms: int = 250,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.clock = clock
        self.show_countdown = show_countdown
        self.hide_countdown = hide_countdown
        self.staff_open: Callable[[], bool] = lambda: False
        self.close_staff: Callable[[], None] = lambda: None
        self.configure(idle_seconds, countdown_seconds)
        self.timer = QTimer(self)
        self.timer.setInterval(tick_ms)
        self.timer.timeout.connect(self.tick)

    def configure(self, idle_seconds: float, countdown_seconds: float) -> None:
        """Use these times (again after the content changed)."""
        self.policy = IdlePolicy(idle_seconds, countdown_seconds, self.clock())
        self._page: tuple[Place, str] | None = None  # the page the wait was set for

    def _follow_page(self) -> None:
        """A new page (or the same in another language): wait as long as its words need."""
        session = self.session
        page = (session.current, session.shown_language)
        if page != self._page:
            self._page = page
            self.policy.page_shown(
                words_on(session.content, session.current),
                hold_for(session.content, session.current),
            )

    def start(self) -> None:
        self.policy.touch(self.clock())
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in TOUCH_EVENTS:
            self.policy.touch(self.clock())
        return False

    def still_here(self) -> None:
        self.policy.touch(self.clock())
        self.hide_countdown()

    def tick(self) -> None:
        """One look at the clock; the timer calls this, tests may too. The policy decides;
        this shows what it says."""
        self._follow_page()
        staff = self.staff_open()
        state = self.policy.step(self.clock(), self.session.visit_under_way, staff)
        if staff:
            if state.phase is Idle.EXPIRED:
                self.close_staff()  # a receptionist walked away from the PIN pad or panel
        elif state.phase is Idle.ASKING:
            self.show_countdown(state.seconds_left)
        else:
            self.hide_countdown()
            if state.phase is Idle.EXPIRED:
                self.session.reset("idle")
