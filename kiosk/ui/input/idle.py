"""Watches for touches anywhere in the app and runs the idle policy: "Still there?" with a
countdown, then the same reset as every other. The clock and the tick are injectable, so
tests run a whole idle cycle in milliseconds."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPointF, QTimer
from PySide6.QtGui import QInputEvent, QPointerEvent
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QWidget

from ...core.idle import Idle, IdlePolicy, hold_for, words_on
from ...core.intent import START_SECONDS, Intent, take_in_seconds
from ...core.place import ATTRACT, Place
from ...core.session import Session
from ..figure import SvgFigure
from ..widgets import ONE_CHANGE_PER_TAP

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
    """Applies the rules of intent (`kiosk.core.intent`) to every press: a tap, a click, a
    key (`kiosk.ui.keyboard` asks `blocks` before it clicks).

    - After the page changes, taps on what holds the page (the page host, the bar under it:
      Back, Home, Next; the start screen) wait until the new page has been whole on screen
      for its time: longer on a red-flag question or a page with a safety note. One tap
      answers a question and moves on; the second tap of a double tap would otherwise answer
      the next question (often a red-flag one) unread, skip a page, or tap Finish where "See
      my result" was and wipe an urgent result (tester). Scrolling a long text is not held.
    - A toggle (a checkable button, a figure's region, the language button) takes one change
      per tap: a double tap or a double-click on it counts once, wherever it is.

    With `seconds` 0 only the fade holds taps (tests that tap at machine speed)."""

    PRESS_EVENTS = frozenset(
        {
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
            QEvent.Type.TouchBegin,
        }
    )
    PRESSES = frozenset(
        {
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonDblClick,
            QEvent.Type.TouchBegin,
        }
    )

    events = PRESS_EVENTS
    """What the input router passes to it."""

    def __init__(
        self,
        holders: Sequence[QWidget] | Callable[[], Sequence[QWidget | None]],
        clock: Clock,
        seconds: float,
        parent: QObject,
        session: Session | None = None,
    ) -> None:
        super().__init__(parent)
        self._holders = holders
        """What holds the guarded taps (the page host, the bottom bar, the start screen), or
        a callable naming them now (the start screen is built again with the language). The
        top bar and the panels over it are not held."""
        self.clock = clock
        self.seconds = seconds
        self.session = session
        """Whose screen is shown: it names the page's time (`take_in_seconds`)."""
        self.intent = Intent()
        self._armed_for: Place | None = None
        """The screen the guard was last armed for."""
        self._dropped: QWidget | None = None
        """The widget whose press was dropped: its release is dropped too."""
        self._seen: tuple[tuple[int, QEvent.Type, int], bool] | None = None
        """The press being decided (the event, its kind and time) and whether it was dropped,
        until its release."""

    @property
    def holders(self) -> tuple[QWidget, ...]:
        found = self._holders() if callable(self._holders) else self._holders
        return tuple(holder for holder in found if holder is not None)

    @property
    def until(self) -> float:
        return self.intent.until

    def hold_seconds(self) -> float:
        """How long the page shown now must be whole before a tap on it acts."""
        if self.seconds <= 0:
            return 0.0
        session = self.session
        if session is None:
            return self.seconds
        if session.current == ATTRACT:  # a visit ended: a fresh start (none at start-up)
            return START_SECONDS if self._armed_for not in (None, ATTRACT) else 0.0
        return take_in_seconds(session.content, session.current, self.seconds)

    def arm(self, after: float = 0.0) -> None:
        """The page shown now is drawn: hold taps for `after` seconds (the new page fading
        in), then its time (`hold_seconds`). The guard counts from when the visitor can see
        the whole page, not from the tap that asked for it (on a real screen the fade took
        half of a 0.4 s guard)."""
        hold = self.hold_seconds()
        self.intent.page_shown(self.clock(), after + hold)
        self._armed_for = self.session.current if self.session is not None else None

    def _held(self, widget: QWidget) -> bool:
        """A press on `widget` waits while the page is held: it is on the page or its bar,
        and it may act (not a drag on a long text, which only scrolls it)."""
        if not any(holder is widget or holder.isAncestorOf(widget) for holder in self.holders):
            return False
        return acts(widget) or not scrolls_only(widget)

    def blocks(self, widget: QWidget, at: QPointF | None = None) -> bool:
        """A press (a tap at `at`, on the screen, or a key press) on `widget` is ignored now:
        the page just changed, or it is the second tap of a double tap on a toggle."""
        now = self.clock()
        if self.intent.holding(now) and self._held(widget):
            return True
        if self.seconds <= 0:
            return False
        toggle = toggle_of(widget)
        if toggle is None:
            return False
        spot = (at.x(), at.y()) if at is not None else None
        return self.intent.second_tap(now, id(toggle), spot, slop=SLOP_PX)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind not in self.PRESS_EVENTS or not isinstance(watched, QWidget):
            return False
        if kind not in self.PRESSES:  # a release: dropped with its press
            self._seen = None
            dropped = self._dropped is watched
            if dropped:
                self._dropped = None
            return dropped or (self.intent.holding(self.clock()) and self._held(watched))
        # a press a child did not take goes on to its parent: one press, one decision
        stamp = event.timestamp() if isinstance(event, QInputEvent) else 0
        seen = (shiboken6.getCppPointer(event)[0], kind, stamp)
        if self._seen is not None and self._seen[0] == seen:
            blocked = self._seen[1]
        else:
            points = event.points() if isinstance(event, QPointerEvent) else []
            at = points[0].globalPosition() if points else None
            blocked = self.blocks(watched, at)
            self._seen = (seen, blocked)
        if blocked:
            self._dropped = watched
        return blocked


SLOP_PX = 40.0
"""How far apart (screen pixels) two taps of a double tap may land."""


def acts(widget: QWidget) -> bool:
    """A press on `widget` may do something: it is (or is inside) a button or a figure."""
    current: QWidget | None = widget
    while current is not None and not current.isWindow():
        if isinstance(current, QAbstractButton | SvgFigure):
            return True
        current = current.parentWidget()
    return False


def scrolls_only(widget: QWidget) -> bool:
    """`widget` is (or is inside) a scroll area's view: a press there starts a drag."""
    current: QWidget | None = widget
    while current is not None and not current.isWindow():
        parent = current.parentWidget()
        if isinstance(parent, QAbstractScrollArea) and parent.viewport() is current:
            return True
        current = parent
    return False


def toggle_of(widget: QWidget) -> QWidget | None:
    """The toggle `widget` is (or is inside): a checkable button, a figure a tap on which
    ticks a part, or a button marked `ONE_CHANGE_PER_TAP`; None for anything else."""
    current: QWidget | None = widget
    while current is not None and not current.isWindow():
        if isinstance(current, QAbstractButton):
            return (
                current if current.isCheckable() or current.property(ONE_CHANGE_PER_TAP) else None
            )
        if isinstance(current, SvgFigure):
            return current
        current = current.parentWidget()
    return None


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
        staff_open: Callable[[], bool] = lambda: False,
        close_staff: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.clock = clock
        self.show_countdown = show_countdown
        self.hide_countdown = hide_countdown
        self.staff_open = staff_open
        """A staff screen is open: it closes after the idle time, with no countdown."""
        self.close_staff = close_staff
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

    def presence(self) -> None:
        """The visitor acted without a touch or a key (an assistive client's action)."""
        self.policy.touch(self.clock())

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
