"""What an assistive client finds in the kiosk: Qt's accessibility interfaces (AT-SPI on
Linux, UI Automation on Windows), with the kiosk's own where Qt's would say less or more
than the screen shows.

- **Only what is on screen.** A widget's children in the tree are those shown now: a page
  the page host keeps for later, a closed panel, a hint that is hidden, is not in the tree.
  While a panel is open over the window ("Still there?", the reading panel, the PIN pad),
  it alone is (a modal dialog), as a finger and the keyboard reach only it.
- **Roles and names.** A button that chooses one of a set (in an exclusive group) is a radio
  button, one that ticks is a check box, each named by its words, and a leaf (its words and
  its tick mark are not nodes of their own); a widget marked `GROUP` is a grouping named by
  its question, `DIALOG` a dialog named by its title with its message as description,
  `HEADING` a heading; what is marked `HIDDEN` (pictures that only decorate, a bullet, a
  number that the message says again) is left out.
- **One path for an action.** Press and Toggle on a button go where a tap goes: the window's
  `assistiveActions` (`kiosk.ui.input.assist`: the tap guard, idle presence, then a click,
  which the page turns into one session call). A button not on screen, disabled or under a
  panel has no action and ignores one.

Marks are dynamic properties, read each time they are needed, so they may be set after an
interface was made. `install()` puts the kiosk's factory in front of Qt's, once.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleInterface
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QAccessibleWidget,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QTextEdit,
    QWidget,
)

MARK = "a11y"
"""The dynamic property that says what a widget is to an assistive client."""
HIDDEN = "hidden"
HEADING = "heading"
DIALOG = "dialog"
GROUP = "group"
FIGURE = "figure"
"""A picture with a name (what it shows): a graphic."""
RADIO = "radio"
"""A checkable button that is one choice of several (a language), not in a button group."""
ACTIONS = "assistiveActions"
"""The object name of the window's path for an assistive client's actions."""
PRESS = "Press"
TOGGLE = "Toggle"
INSTALLED = "kioskAccessibility"
"""An application property: the kiosk's factory is installed."""

LEAVES = (
    QLabel,
    QAbstractButton,
    QAbstractSlider,
    QProgressBar,
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QAbstractItemView,
    QComboBox,
    QAbstractSpinBox,
)
"""Widgets whose own Qt interface is kept (or, buttons and headings, the kiosk's leaf)."""

# `child` answers None (Qt's null) for an index out of range, where PySide's stubs say it never
# does: hence the ignores below.

ROLES = {
    DIALOG: QAccessible.Role.Dialog,
    GROUP: QAccessible.Role.Grouping,
    FIGURE: QAccessible.Role.Graphic,
}


class ActionPath(Protocol):
    def activate(self, button: QAbstractButton) -> bool: ...


def mark(widget: QWidget, kind: str) -> None:
    widget.setProperty(MARK, kind)


def marked(widget: QObject) -> str:
    value = widget.property(MARK)
    return value if isinstance(value, str) else ""


def hide(widget: QWidget, hidden: bool = True) -> None:
    """Leave `widget` (and what it holds) out of the tree: it decorates, or says again what
    another node says."""
    mark(widget, HIDDEN if hidden else "")


def as_group(widget: QWidget, name: str) -> None:
    """`widget` is a grouping named `name` (the answers of a question, named by it)."""
    mark(widget, GROUP)
    widget.setAccessibleName(name)


def as_dialog(widget: QWidget, title: str, message: str = "") -> None:
    """`widget` is a dialog (a panel over the window) named by its title, its message as
    its description. While it is shown, its siblings are out of the tree and of reach."""
    mark(widget, DIALOG)
    widget.setAccessibleName(title)
    widget.setAccessibleDescription(message)


def shown_children(widget: QWidget) -> list[QWidget]:
    """`widget`'s children as an assistive client finds them: those shown and not hidden
    from the tree; only the topmost dialog, while one is shown."""
    kids = [
        kid
        for kid in widget.children()
        if isinstance(kid, QWidget)
        and not kid.isWindow()
        and kid.isVisibleTo(widget)
        and marked(kid) != HIDDEN
    ]
    dialogs = [kid for kid in kids if marked(kid) == DIALOG]
    return dialogs[-1:] if dialogs else kids


def reachable(widget: QWidget) -> bool:
    """A finger could reach `widget` now: it is shown, enabled, and not under a panel."""
    if not (widget.isVisible() and widget.isEnabled()):
        return False
    child, parent = widget, widget.parentWidget()
    while parent is not None and not child.isWindow():
        dialogs = [
            kid
            for kid in parent.children()
            if isinstance(kid, QWidget) and marked(kid) == DIALOG and kid.isVisible()
        ]
        if dialogs and child is not dialogs[-1]:
            return False
        child, parent = parent, parent.parentWidget()
    return True


def announce(widget: QWidget, message: str, assertive: bool = False) -> None:
    """Ask assistive clients to say `message` (a page change: the new page's title)."""
    if not message:
        return
    event = QAccessibleAnnouncementEvent(widget, message)
    if assertive:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)


def _words(button: QAbstractButton) -> str:
    return button.accessibleName() or " ".join(button.text().replace("&", "").split())


def exclusive(button: QAbstractButton) -> bool:
    """One of a set of which one is chosen (a radio button)."""
    group = button.group()
    if group is not None:
        return group.exclusive()
    return button.autoExclusive() or marked(button) == RADIO


# The interfaces below never keep the widget they were made for: an active client asks for
# an interface while Qt builds a widget's inner parts (a scroll area's scroll bars), when the
# part is not yet of its own class; a Python wrapper kept from then would stay of the wrong
# class for good (`verticalScrollBar()` came back a plain QWidget). `widget()` wraps it anew.


class ShownAccessible(QAccessibleWidget):
    """A widget that holds others: its children are those on screen (`shown_children`)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget, QAccessible.Role.Client)

    def _kids(self) -> list[QWidget]:
        return shown_children(self.widget())

    def role(self) -> QAccessible.Role:
        widget = self.widget()
        if isinstance(widget, QAbstractSlider):  # made while Qt built its scroll area
            return QAccessible.Role.ScrollBar
        if widget.isWindow():  # the kiosk's window, named by the clinic
            return QAccessible.Role.Window
        return ROLES.get(marked(widget), QAccessible.Role.Client)

    def childCount(self) -> int:  # noqa: N802
        return len(self._kids())

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        kids = self._kids()
        if 0 <= index < len(kids):
            return QAccessible.queryAccessibleInterface(kids[index])
        return None

    def indexOfChild(self, child: QAccessibleInterface | None) -> int:  # noqa: N802
        if child is None:
            return -1
        found = child.object()
        return next((i for i, kid in enumerate(self._kids()) if kid is found), -1)


class HeadingAccessible(QAccessibleWidget):
    """A title or a heading: a leaf named by its words."""

    def __init__(self, label: QLabel) -> None:
        super().__init__(label, QAccessible.Role.Heading)

    def text(self, kind: QAccessible.Text) -> str:
        label = self.widget()
        if kind == QAccessible.Text.Name and isinstance(label, QLabel):
            return label.accessibleName() or label.text()
        return str(super().text(kind))

    def childCount(self) -> int:  # noqa: N802
        return 0


class ButtonAccessible(QAccessibleWidget):
    """A button, a radio button or a check box: a leaf named by its words, whose Press and
    Toggle take the path of a tap (see the module's text)."""

    def __init__(self, button: QAbstractButton) -> None:
        super().__init__(button, QAccessible.Role.Button)

    def _button(self) -> QAbstractButton:
        button = self.widget()
        assert isinstance(button, QAbstractButton)
        return button

    def role(self) -> QAccessible.Role:
        button = self._button()
        if not button.isCheckable():
            return QAccessible.Role.Button
        return QAccessible.Role.RadioButton if exclusive(button) else QAccessible.Role.CheckBox

    def text(self, kind: QAccessible.Text) -> str:
        button = self._button()
        if kind == QAccessible.Text.Name:
            return _words(button)
        if kind == QAccessible.Text.Description:
            tip = button.toolTip()
            return button.accessibleDescription() or ("" if tip == _words(button) else tip)
        return str(super().text(kind))

    def state(self) -> QAccessible.State:
        state = super().state()
        button = self._button()
        state.checkable = button.isCheckable()
        state.checked = button.isCheckable() and button.isChecked()
        state.pressed = button.isDown()
        return state

    def childCount(self) -> int:  # noqa: N802
        return 0

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def indexOfChild(self, child: QAccessibleInterface | None) -> int:  # noqa: N802
        return -1

    def actionNames(self) -> list[str]:  # noqa: N802
        button = self._button()
        if not reachable(button):
            return []
        names = [PRESS]
        if button.isCheckable() and not exclusive(button):
            names.append(TOGGLE)
        return names + [str(name) for name in super().actionNames()]

    def doAction(self, name: str) -> None:  # noqa: N802
        button = self._button()
        if not reachable(button):
            return
        if name in (PRESS, TOGGLE):
            activate(button)
        else:
            super().doAction(name)


def activate(button: QAbstractButton) -> bool:
    """An assistive client's Press or Toggle on `button`: through the window's path (the tap
    guard, idle presence, a click), or a plain click in a window that has none."""
    if not reachable(button):
        return False
    path = button.window().findChild(QObject, ACTIONS, Qt.FindChildOption.FindDirectChildrenOnly)
    act = getattr(path, "activate", None)
    if callable(act):
        return bool(act(button))
    button.click()
    return True


def _factory(key: str, obj: QObject) -> QAccessibleInterface | None:
    if not isinstance(obj, QWidget):
        return None
    if isinstance(obj, QAbstractButton):
        return ButtonAccessible(obj)
    if isinstance(obj, QLabel):
        return HeadingAccessible(obj) if marked(obj) == HEADING else None
    if isinstance(obj, LEAVES):
        return None
    return ShownAccessible(obj)


def install() -> None:
    """Put the kiosk's interfaces in front of Qt's (once an application)."""
    app = QCoreApplication.instance()
    if app is None or app.property(INSTALLED):
        return
    QAccessible.installFactory(_factory)
    app.setProperty(INSTALLED, True)
