"""Keyboard and switch access: every control reached with Tab or the arrow keys, shown by a
focus ring, and activated with Enter or Space.

The kiosk window owns one `KeyboardAccess` and its input router passes it every event
(`KeyboardAccess.install(window)` finds it, or gives another window one with a filter of its
own):

- **Moving.** Tab and Right or Down go to the next control, Shift+Tab and Left or Up to the
  one before, round and round. The order is the reading order of what is on screen: the top
  bar, the page (in the order its layouts hold its parts), the bottom bar. Only visible,
  enabled controls of the screen shown count; while an overlay (the accessibility or language
  panel, "Still there?", the PIN pad, the staff panel) is open, only its controls do (a focus
  trap), and focus goes back where it was when it closes.
- **Activating.** Enter (or keypad Enter) clicks the focused button once (a checkable one
  toggles once); Space does what Qt's buttons do by themselves. A held key never repeats a
  click, and a press just after the page changed is ignored like a tap is (the window's
  `tap_guard`): a double press must not answer the next, maybe red-flag, question. Enter or
  Space on a long text (a scroll area that scrolls) shows its next part, then its top again.
- **Landing.** When the page changes, focus goes to the page's heading (its title; a
  question's words; the result's title, "Get medical help now" on the urgent one), which a
  key can reach as well: never to a control that ends or skips anything (Finish, Home,
  Next), and never to an answer, so an Enter on arrival answers nothing unheard. A page
  without a heading (the start screen) lands on its first control. A focused control inside
  a scroll area is scrolled into view.
- **Touch first.** Buttons take focus from the keyboard only (`Qt.FocusPolicy.TabFocus`, set
  on every button of the window as it is polished, so pages built later are covered too), a
  touch clears the focus, and focus is placed by this filter only after a key was used, so a
  touch visitor never sees a focus ring.

Nothing here decides anything about a visit: a key press ends as a click, which the screens
report to the session as a tap does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, cast

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QLayout,
    QScrollArea,
    QWidget,
)

from ..screens.base import Screen
from ..theme import focus_width, metrics_for
from ..widgets import NOT_A_STOP, ControlRing

FORWARD_KEYS = frozenset({Qt.Key.Key_Right, Qt.Key.Key_Down})
BACKWARD_KEYS = frozenset({Qt.Key.Key_Left, Qt.Key.Key_Up})
CLICK_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})
"""Qt's buttons click on these only as a dialog's default button: done here."""
PRESS_KEYS = frozenset({Qt.Key.Key_Space, Qt.Key.Key_Select})
"""Qt's buttons handle these themselves (pressed on the press, clicked on the release)."""
MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
POINTER_EVENTS = frozenset(
    {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.TabletPress}
)
WATCHED = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.Polish,
        QEvent.Type.Show,
        QEvent.Type.Hide,
        QEvent.Type.FocusIn,
        QEvent.Type.Resize,
        *POINTER_EVENTS,
    }
)


HEADING_ROLES = frozenset({"title", "question"})
"""The roles (theme) of the labels that head a page: a page's title, a question's words."""


def heading_of(page: QWidget) -> QLabel | None:
    """The label that heads a framed page (its title, or its question), made a place focus
    can land on; None for a page without one (the start screen, the paused page)."""
    if not isinstance(page, Screen) or not page.place.framed:
        return None
    for label in page.findChildren(QLabel):
        if label.property("role") in HEADING_ROLES and label.isVisibleTo(page) and label.text():
            if not label.focusPolicy() & Qt.FocusPolicy.TabFocus:
                label.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a key reaches it; no tap
            if label.accessibleName() != label.text():
                label.setAccessibleName(label.text())
            return label
    return None


def is_heading(widget: QWidget | None) -> bool:
    return (
        isinstance(widget, QLabel)
        and widget.property("role") in HEADING_ROLES
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
    )


class Guard(Protocol):
    """The window's tap guard (`idle.TapGuard`): is a tap on this widget ignored now?"""

    def blocks(self, widget: QWidget) -> bool: ...


def alive(widget: QWidget | None) -> bool:
    return widget is not None and shiboken6.isValid(widget)


def among(widget: QWidget | None, found: list[QWidget]) -> bool:
    """`widget` is one of `found` (by identity)."""
    return widget is not None and any(w is widget for w in found)


def ordered_children(widget: QWidget) -> list[QWidget]:
    """`widget`'s child widgets in reading order: those its layout holds, in the layout's
    order (nested layouts included), then the others (placed by hand) as they were added.

    Layout positions come from `QLayout.indexOf`, never from `QLayout.itemAt`: PySide
    wraps a nested layout returned as a `QLayoutItem` badly, and using it corrupts memory."""
    kids = [c for c in widget.children() if isinstance(c, QWidget) and not c.isWindow()]
    found: list[QWidget] = []
    placed: set[int] = set()

    def place(kid: QWidget) -> None:
        if id(kid) not in placed:
            placed.add(id(kid))
            found.append(kid)

    def walk(layout: QLayout) -> None:
        entries: list[tuple[int, QWidget | QLayout]] = []
        for kid in kids:
            index = layout.indexOf(kid)
            if index >= 0:
                entries.append((index, kid))
        for sub in layout.children():
            if isinstance(sub, QLayout):
                index = layout.indexOf(sub)
                if index >= 0:
                    entries.append((index, sub))
        for _, entry in sorted(entries, key=lambda pair: pair[0]):
            if isinstance(entry, QLayout):
                walk(entry)
            else:
                place(entry)

    layout = widget.layout()
    if layout is not None:
        walk(layout)
    for kid in kids:
        place(kid)
    return found


def scrolls(area: QAbstractScrollArea) -> bool:
    """There is more in this scroll area than it shows."""
    bar = area.verticalScrollBar()
    return bar is not None and bar.maximum() > 0


def is_stop(widget: QWidget) -> bool:
    """A control a keyboard visitor can land on (visibility is checked by the caller)."""
    if not widget.isEnabled():
        return False
    if isinstance(widget, QAbstractButton):
        # "More below" is not one: the long text it belongs to is (Enter shows more)
        return not widget.property(NOT_A_STOP)
    if isinstance(widget, QAbstractScrollArea):
        return scrolls(widget)  # a long text: Enter or Space shows more of it
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.focusProxy() is None


def controls(root: QWidget, skip: frozenset[int] = frozenset()) -> list[QWidget]:
    """Every visible, enabled control under `root`, in reading order (children of widgets in
    `skip`, by id, left out)."""
    found: list[QWidget] = []

    def walk(widget: QWidget) -> None:
        for child in ordered_children(widget):
            if id(child) in skip or not child.isVisible():
                continue
            if is_stop(child):
                found.append(child)
            if not isinstance(child, QAbstractButton):  # a button's insides are the button
                walk(child)

    walk(root)
    return found


def reveal(widget: QWidget) -> None:
    """Scroll every scroll area around `widget` so that it shows (with room for the
    "More below" hint)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea) and parent.widget() is not None:
            inside = parent.widget()
            if inside is not None and inside.isAncestorOf(widget):
                margin = max(48, parent.viewport().height() // 8)
                parent.ensureWidgetVisible(widget, 24, margin)
        parent = parent.parentWidget()


def page_down(area: QAbstractScrollArea) -> None:
    """The next screenful of a long text; after the end, its top again."""
    bar = area.verticalScrollBar()
    if bar is None:
        return
    if bar.value() >= bar.maximum():
        bar.setValue(bar.minimum())
    else:
        bar.setValue(min(bar.maximum(), bar.value() + max(1, bar.pageStep() * 9 // 10)))


class KeyboardAccess(QObject):
    """The keyboard and switch access of one kiosk window (see the module's doc)."""

    events = WATCHED
    """What the input router passes to it."""

    def __init__(
        self,
        window: QWidget,
        guard: Guard | None = None,
        last_resort: Callable[[], QWidget | None] = lambda: None,
        own_filter: bool = True,
    ) -> None:
        """`guard`: the window's tap guard (a key press just after the page changed is
        ignored like a tap); `last_resort`: kept for callers, no longer used (focus never
        lands on the kiosk's Next by itself: a page's heading takes it); `own_filter`:
        install an application event filter of its own (False where the window's input
        router passes it the events)."""
        super().__init__(window)
        self.setObjectName("keyboardAccess")
        self.window = window
        self.guard = guard
        self.last_resort = last_resort
        self.keyboard_mode = False
        """A key was used since the last touch: focus is placed and shown."""
        self._page: str | None = None
        """The page focus was last placed for (by name: the same page drawn anew for another
        language, text size or contrast is no new page, and focus stays where it was)."""
        self._return_to: QWidget | None = None
        """Where focus was before an overlay opened."""
        self._used: QWidget | None = None
        """The control last clicked with a key."""
        self._settle_pending = False
        for button in window.findChildren(QAbstractButton):
            if not button.property(NOT_A_STOP):
                button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.ring = ControlRing(window, self.ring_width())
        """The focus ring round the focused control (a long text draws its own)."""
        app = QApplication.instance()
        if app is not None and own_filter:
            app.installEventFilter(self)
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._ring_focus)
            app.aboutToQuit.connect(self._release_ring)

    @classmethod
    def install(cls, window: QWidget) -> KeyboardAccess:
        """Keyboard access for `window` (once: a second call returns the first)."""
        found = window.findChild(
            KeyboardAccess, "keyboardAccess", Qt.FindChildOption.FindDirectChildrenOnly
        )
        if isinstance(found, KeyboardAccess):
            return found
        return cls(window)

    # -- where focus may go ----------------------------------------------------------------

    def is_overlay(self, widget: QWidget) -> bool:
        """A layer over the window (a panel, "Still there?", the PIN pad): a child of the
        window outside its layout that holds buttons (the fade between pages holds none)."""
        if widget.parentWidget() is not self.window or widget.isWindow():
            return False
        layout = self.window.layout()
        if layout is not None and layout.indexOf(widget) >= 0:
            return False
        return widget.findChild(QAbstractButton) is not None

    def _overlays(self) -> list[QWidget]:
        """The window's open overlays, the topmost last (Qt keeps children in stacking
        order)."""
        return [
            child
            for child in self.window.children()
            if isinstance(child, QWidget)
            and child.isVisible()
            and self.is_overlay(child)
            and controls(child)
        ]

    def scope(self) -> QWidget:
        """What focus may move within: the topmost open overlay, or the whole window."""
        overlays = self._overlays()
        return overlays[-1] if overlays else self.window

    def controls(self) -> list[QWidget]:
        """The controls focus moves through now, in order."""
        scope = self.scope()
        if scope is not self.window:
            return controls(scope)
        layout = self.window.layout()
        outside = frozenset(
            id(child)
            for child in self.window.children()
            if isinstance(child, QWidget) and layout is not None and layout.indexOf(child) < 0
        )
        return controls(self.window, outside)

    def page(self) -> Screen | None:
        """The page on screen (the attract screen, a framed page, or the paused page)."""
        for screen in self.window.findChildren(Screen):
            if screen.isVisible() and screen.window() is self.window:
                return screen
        return None

    def focused(self) -> QWidget | None:
        widget = self.window.focusWidget()
        return widget if alive(widget) else None

    # -- moving ----------------------------------------------------------------------------

    def focus(
        self, widget: QWidget, reason: Qt.FocusReason = Qt.FocusReason.TabFocusReason
    ) -> None:
        widget.setFocus(reason)
        reveal(widget)
        if widget.hasFocus():  # it may have had focus already, unringed (Qt's pick)
            self._ring_focus(None, widget)

    def move(self, step: int) -> QWidget | None:
        """Focus the next (+1) or previous (-1) control, round and round."""
        found = self.controls()
        if not found:
            return None
        current = self.focused()
        index = next((i for i, w in enumerate(found) if w is current), None)
        if index is None:  # nothing of this screen has focus yet: show where it starts
            target = self.landing() or found[0]
            self.focus(target, Qt.FocusReason.OtherFocusReason)
            return target
        target = found[(index + step) % len(found)]
        reason = Qt.FocusReason.TabFocusReason if step > 0 else Qt.FocusReason.BacktabFocusReason
        self.focus(target, reason)
        return target

    def landing(self) -> QWidget | None:
        """Where focus belongs now, when it is not on a control of the screen shown."""
        found = self.controls()
        if not found:
            return None
        current = self.focused()
        if self.scope() is not self.window:  # an overlay: stay in it, else its first control
            return current if among(current, found) else found[0]
        page = self.page()
        heading = heading_of(page) if page is not None else None
        if heading is not None:
            found = self.controls()  # the heading is one now
        on_page = [w for w in found if page is not None and page.isAncestorOf(w)]
        if self._return_to is not None:  # an overlay closed: back to where it was opened
            back, self._return_to = self._return_to, None
            if alive(back) and among(back, found):
                return back
        if page is not None and page.objectName() != self._page:  # a new page: its heading
            self._page = page.objectName()
            return self._arrival(page, heading, on_page, found)
        if among(current, found):
            return current
        return self._arrival(page, heading, on_page, found)

    @staticmethod
    def _arrival(
        page: Screen | None, heading: QLabel | None, on_page: list[QWidget], found: list[QWidget]
    ) -> QWidget:
        """Where focus lands on arriving at `page`: its heading, else the page's own choice
        or first control (the start screen's "Touch to begin"), else the first control of
        the window (the top bar's), never Next, Home or Finish by itself."""
        if heading is not None and among(heading, found):
            return heading
        chosen = page.first_focus() if page is not None else None
        if chosen is not None and among(chosen, on_page):
            return chosen
        return on_page[0] if on_page else found[0]

    def settle(self) -> None:
        """Put focus where it belongs (after a page change, an overlay opened or closed, or
        Qt moved focus away from a hidden or disabled control). Only once a key was used."""
        self._settle_pending = False
        if not self.keyboard_mode or not alive(self.window) or not self.window.isVisible():
            return
        target = self.landing()
        if target is not None and target is not self.focused():
            self.focus(target, Qt.FocusReason.OtherFocusReason)
        elif target is not None:
            reveal(target)

    def arrive(self) -> None:
        """The window shows a new place: focus goes to its heading (once a key was used),
        also where the page is the same widget drawn for another place (one result page
        serves every outcome)."""
        self._page = None
        self._settle_later()

    @property
    def settling(self) -> bool:
        """Focus is about to be placed (once the change under way is complete)."""
        return self._settle_pending

    def _settle_later(self) -> None:
        """After the change under way is complete (the window shows a screen in several
        steps: the page, then its bars)."""
        if not self._settle_pending:
            self._settle_pending = True
            QTimer.singleShot(0, self, self.settle)

    # -- keys ------------------------------------------------------------------------------

    def _key(self, event: QKeyEvent) -> bool:
        """Handle a key press; True when it is used up here."""
        key = Qt.Key(event.key())
        modifiers = event.modifiers()
        if modifiers & MODIFIERS:
            return False
        shift = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
        if key == Qt.Key.Key_Tab:
            step = -1 if shift else 1
        elif key == Qt.Key.Key_Backtab:
            step = -1
        elif key in FORWARD_KEYS:
            step = 1
        elif key in BACKWARD_KEYS:
            step = -1
        elif key in CLICK_KEYS or key in PRESS_KEYS:
            step = 0
        else:
            return False
        self.keyboard_mode = True
        if step:
            self.move(step)
            return True
        current = self.focused()
        if not among(current, self.controls()):
            # nothing (or something behind an overlay) has focus: show where it is first
            target = self.landing()
            if target is not None:
                self.focus(target, Qt.FocusReason.OtherFocusReason)
            return True
        if event.isAutoRepeat():
            return True  # a held key clicks once
        assert current is not None
        if self.guard is not None and self.guard.blocks(current):
            return True  # the page just changed: the second press of a double press
        self._used = current
        if isinstance(current, QAbstractButton):
            if key in PRESS_KEYS:
                return False  # Qt's button: down on the press, a click on the release
            current.click()
            return True
        if isinstance(current, QAbstractScrollArea):
            page_down(current)
            return True
        return False

    # -- the filter ------------------------------------------------------------------------

    def _mine(self, watched: QObject) -> bool:
        return (
            isinstance(watched, QWidget)
            and alive(self.window)
            and (watched is self.window or self.window.isAncestorOf(watched))
        )

    def _pointer(self) -> None:
        """A touch: the visitor is not using keys (now); no focus ring stays on screen."""
        self.keyboard_mode = False
        self._return_to = self._used = None  # a later key starts afresh from the screen
        current = self.focused()
        if current is not None and current is not self.window:
            current.clearFocus()

    def _focus_in(self, watched: QWidget, event: QFocusEvent) -> None:
        if not self.keyboard_mode:
            if event.reason() == Qt.FocusReason.ActiveWindowFocusReason:
                QTimer.singleShot(0, self, self._drop_unasked_focus)  # Qt's pick at start-up
            return
        reveal(watched)
        if not among(watched, self.controls()):
            self._settle_later()  # Qt moved focus somewhere a visitor cannot see or use

    def _ring_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Ring the control a key gave focus to; no ring once focus leaves it (or a touch
        cleared it)."""
        if not alive(self.window):
            return
        if not shiboken6.isValid(self.ring):  # it went with the page it was on (rebuilt)
            self.ring = ControlRing(self.window, self.ring_width())
        ringed = (
            self.keyboard_mode
            and (isinstance(new, QAbstractButton) or is_heading(new))
            and new is not None
            and self.window.isAncestorOf(new)
            and new.isVisible()
        )
        if ringed:
            self.ring.width_ = self.ring_width()
        self.ring.follow(new if ringed else None)

    def _release_ring(self) -> None:
        """The app quits: the ring stops watching the controls it rings first. Left watching
        them while Qt tore the window down, it crashed the process at exit (SIGSEGV after a
        key had focused a control), which the supervisor took for a crash and restarted."""
        if shiboken6.isValid(self.ring):
            self.ring.follow(None)

    def ring_width(self) -> int:
        return focus_width(metrics_for(self.window.width(), self.window.height()))

    def _drop_unasked_focus(self) -> None:
        if not self.keyboard_mode and alive(self.window):
            current = self.focused()
            if current is not None and current is not self.window:
                current.clearFocus()

    def _shown_or_hidden(self, watched: QWidget, shown: bool) -> None:
        if self.is_overlay(watched):
            if shown:  # an overlay opens: remember where to come back to
                current = self.focused()
                if current is not None and not watched.isAncestorOf(current):
                    self._return_to = current
            self._settle_later()
        elif shown and isinstance(watched, Screen):
            self._settle_later()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind not in WATCHED or not self._mine(watched):
            return False
        widget = cast(QWidget, watched)
        if kind == QEvent.Type.KeyPress:
            return self._key(cast(QKeyEvent, event))
        if kind in POINTER_EVENTS:
            self._pointer()
        elif kind == QEvent.Type.FocusIn:
            self._focus_in(widget, cast(QFocusEvent, event))
        elif kind == QEvent.Type.Polish or kind == QEvent.Type.Show:
            if isinstance(widget, QAbstractButton) and not widget.property(NOT_A_STOP):
                widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # no focus from a tap
            if kind == QEvent.Type.Show:
                self._shown_or_hidden(widget, True)
        elif kind == QEvent.Type.Hide:
            self._shown_or_hidden(widget, False)
        elif kind == QEvent.Type.Resize and self.keyboard_mode:
            # a long text that now fits (its scroll area sized its content) is no longer a
            # stop: if it has focus, focus goes where it belongs
            current = self.focused()
            if isinstance(current, QAbstractScrollArea) and not scrolls(current):
                self._settle_later()
        return False
