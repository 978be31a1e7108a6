"""A page object for UI tests: the kiosk as a visitor sees it.

Tests find a control by the words on it (or its name for screen readers, for icon buttons),
tap it with a real mouse click (through the application, so the window's input router and
its tap guard see it as they see a finger), and read what is shown: which screen, its
heading, its answers and which are chosen, which panel is open and the words on it.

Reading the screen reaches into nothing: it looks at visible widgets by their words, their
roles (the theme's `role` property) and the names the theme styles them by. Controls are
found as `QAbstractButton`, whatever their kind (a push button, a check box, a radio button).

A test's arrangement, in a visitor's or a receptionist's words (`go`: the visitor is already
on a place; `start_visit`, `answer`, `keep_answers`, `set_display`, `end_visit`;
`open_panel`, `open_pin_pad`, `open_admin`, `close_layers`: a layer is already open, or none
is; `watch_for_idle`, `pause_kiosk`, `reload_content`, `locked_down`), the fake clock's
timers (`hold`: the staff corner looks; `time_passes`: the idle watcher looks), and what the
kiosk keeps of the visit (`place`, `answers_kept`, `language`, `content`) reach into the
window's parts, and only here (and in `uihelpers`, which builds the window).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar, cast

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content.model import Content, Question
from kiosk.core.engine import Answer
from kiosk.core.place import ATTRACT, Place
from kiosk.core.session import Session
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.question import QuestionView
from kiosk.ui.theme import Palette, palette_for
from kiosk.ui.transition import Fade

PIN_PAD, ADMIN = "pinPad", "adminPanel"
ACCESS_PANEL, LANGUAGE_PANEL, STILL_THERE = "accessPanel", "languagePanel", "idleOverlay"
"""The layers over the window, by the names the theme styles them by."""

W = TypeVar("W", bound=QWidget)


class NotOnScreenError(AssertionError):
    pass


class KioskPage:
    def __init__(self, qtbot: QtBot, window: QWidget) -> None:
        self.qtbot = qtbot
        self.window = window

    # -- what is on screen -----------------------------------------------------------------

    def _layers(self) -> list[QWidget]:
        """The open overlays over the window, topmost first, then the window itself."""
        overlays = [
            child
            for child in self.window.children()
            if isinstance(child, QWidget)
            and child.isVisible()
            and child.findChild(QAbstractButton) is not None
            and (layout := self.window.layout()) is not None
            and layout.indexOf(child) < 0
        ]
        return [*reversed(overlays), self.window]

    def buttons(self) -> list[QAbstractButton]:
        """The buttons a finger can reach now: those of the topmost overlay, if one is open."""
        top = self._layers()[0]
        return [b for b in top.findChildren(QAbstractButton) if b.isVisible()]

    def button(self, words: str) -> QAbstractButton:
        """The one visible button showing `words` (or named `words` for screen readers)."""
        found = [
            b
            for b in self.buttons()
            if b.text().replace("&", "") == words or b.accessibleName() == words
        ]
        if len(found) != 1:
            seen = sorted({b.text() or b.accessibleName() for b in self.buttons()})
            raise NotOnScreenError(f"{len(found)} buttons {words!r} on screen; there are {seen}")
        return found[0]

    def labels(self) -> list[QLabel]:
        """Every visible label with words, of the screen shown and its frame."""
        return [
            label
            for label in self.window.findChildren(QLabel)
            if label.isVisible() and label.text()
        ]

    def texts(self) -> list[str]:
        """The words of every visible label of the screen shown."""
        return [
            label.text()
            for label in self.window.findChildren(QLabel)
            if label.isVisible() and label.text()
        ]

    def shown(self) -> Screen:
        """The screen shown (its page, for what a test measures on it)."""
        return shown_screen(self.window)

    def screen(self) -> str:
        """The name of the screen shown (screen:welcome, question:both_legs, result ...)."""
        return self.shown().objectName()  # the place, or "result" for any result

    def heading(self) -> str:
        """The words of the shown screen's title (or its question)."""
        for label in self.shown().findChildren(QLabel):
            if label.property("role") in ("title", "question") and label.isVisible():
                return label.text()
        raise NotOnScreenError(f"no heading on {self.screen()}")

    def screen_buttons(self) -> list[QAbstractButton]:
        """The visible buttons of the screen shown (not the bars round it)."""
        return [b for b in self.shown().findChildren(QAbstractButton) if b.isVisible()]

    def question(self) -> Question | None:
        """The question the screen shown asks (None: it asks none)."""
        shown = self.shown()
        return shown.question if isinstance(shown, QuestionView) else None

    def answer_control(self, option: str) -> QAbstractButton:
        """The control of the answer `option` (an option's id, or a scale's number as words)
        on the question shown: by the content's id, as a journey's script names answers in
        any language."""
        shown = self.shown()
        if not isinstance(shown, QuestionView):
            raise NotOnScreenError(f"{self.screen()} asks no question")
        button = shown.answers.buttons.get(option)
        if button is None or not button.isVisible():
            raise NotOnScreenError(f"no answer {option!r} on {self.screen()}")
        return button

    def tap_answer(self, option: str) -> None:
        self.tap_widget(self.answer_control(option))

    def control(self, name: str) -> QAbstractButton:
        """The one visible button the theme names `name`: the bars' nextButton, backButton,
        homeButton (whose words change with the screen and the language)."""
        return control_of(self.window, name)

    def answers(self) -> dict[str, bool]:
        """The answers on the screen shown, by their words, and whether each is chosen."""
        return {_words(b): b.isChecked() for b in self.screen_buttons() if b.isCheckable()}

    def chosen(self) -> list[str]:
        """The words of the answers chosen on the screen shown."""
        return [words for words, on in self.answers().items() if on]

    def layer(self, name: str) -> QWidget | None:
        """The layer `name` over the window (PIN_PAD, ADMIN, ...), if it is open."""
        for child in self.window.findChildren(QWidget, name):
            if child.parentWidget() is self.window and child.isVisible():
                return child
        return None

    def layer_answers(self, name: str) -> dict[str, bool]:
        """The choices on the open layer `name`, by their words, and whether each is on."""
        return {
            _words(b): b.isChecked()
            for b in self.open_layer(name).findChildren(QAbstractButton)
            if b.isVisible() and b.isCheckable()
        }

    def is_open(self, name: str) -> bool:
        return self.layer(name) is not None

    def open_layer(self, name: str) -> QWidget:
        layer = self.layer(name)
        if layer is None:
            raise NotOnScreenError(f"{name} is not open")
        return layer

    def text(self, name: str) -> str:
        """The words of the visible label the theme names `name` (pinDots, idleCount ...)."""
        found = [
            label
            for label in self.window.findChildren(QLabel, name)
            if label.isVisible() and label.window() is self.window
        ]
        if len(found) != 1:
            raise NotOnScreenError(f"{len(found)} labels {name!r} shown")
        return found[0].text()

    def fading(self) -> bool:
        """Whether the screen is fading in from the one before (a calm change of screen)."""
        return any(fade.isVisible() for fade in self.window.findChildren(Fade))

    def enabled(self, words: str) -> bool:
        return self.button(words).isEnabled()

    def has(self, words: str) -> bool:
        """Whether a visible button shows `words` (on the topmost layer)."""
        return any(_words(b) == words or b.accessibleName() == words for b in self.buttons())

    def shows(self, words: str) -> bool:
        """Whether `words` are among the visible labels' words (on the topmost layer)."""
        top = self._layers()[0]
        return any(
            words in label.text()
            for label in top.findChildren(QLabel)
            if label.isVisible() and label.text()
        )

    # -- doing -----------------------------------------------------------------------------

    def tap(self, words: str) -> None:
        """Tap the button showing `words`, as a finger does (press and release)."""
        self.tap_widget(self.button(words))

    def tap_widget(self, widget: QWidget) -> None:
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())

    def tap_at(self, at: QPoint) -> None:
        """Tap the window at `at`, on whatever lies there."""
        target = self.window.childAt(at) or self.window
        self.qtbot.mouseClick(
            target, Qt.MouseButton.LeftButton, pos=target.mapFrom(self.window, at)
        )

    def hold(self, at: QPoint, seconds: float, clock: Any) -> None:
        """Hold a finger on the window at `at` for `seconds` of the fake `clock`: press, time
        passes (the staff corner looks, as its timer does), release."""
        target = self.window.childAt(at) or self.window
        local = target.mapFrom(self.window, at)
        QTest.mousePress(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, local)
        clock.now += seconds
        self.window.staff.corner.check()  # type: ignore[attr-defined]
        QTest.mouseRelease(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, local)

    def enter_pin(self, pin: str, ok: str = "OK") -> None:
        """Tap the PIN's digits on the PIN pad, then OK (`ok`: its words)."""
        for digit in pin:
            self.tap(digit)
        self.tap(ok)

    def time_passes(self, clock: Any, seconds: float) -> None:
        """`seconds` of the fake `clock` pass and the idle watcher looks, as its timer does."""
        clock.now += seconds
        self.window.input.idle.tick()  # type: ignore[attr-defined]

    def open_layers(self) -> list[QWidget]:
        """The layers open over the window, topmost first."""
        return self._layers()[:-1]

    def open_panel(self, name: str) -> QWidget:
        """Arrange: a layer is open over the screen: ACCESS_PANEL or LANGUAGE_PANEL (as their
        buttons open them), STILL_THERE (as the idle watcher shows it, 20 seconds left),
        PIN_PAD or ADMIN (as the corner and the PIN do)."""
        window: Any = self.window
        if name == STILL_THERE:
            window.panels.show_countdown(20)
        elif name == ACCESS_PANEL:
            window.panels.open("access_panel")
        elif name == LANGUAGE_PANEL:
            window.panels.open("language_panel")
        elif name == PIN_PAD:
            window.staff.open_pin_pad()
        elif name == ADMIN:
            window.staff.open_admin()
        return self.open_layer(name)

    def staff_corner(self) -> QRect:
        """Where on the window the staff corner's hold is felt."""
        return cast("QRect", self.window.staff.corner.area())  # type: ignore[attr-defined]

    def close_layers(self) -> None:
        """Arrange: nothing is open over the screen (and the kiosk runs for visitors)."""
        window: Any = self.window
        window.staff.close()
        window.panels.close()
        window.panels.hide_countdown()
        window.kiosk.resume()

    def open_pin_pad(self) -> QWidget:
        """Arrange: the PIN pad is open, as after the staff corner's hold."""
        self.window.staff.open_pin_pad()  # type: ignore[attr-defined]
        return self.open_layer(PIN_PAD)

    def open_admin(self) -> QWidget:
        """Arrange: the staff panel is open, as after the corner's hold and the right PIN."""
        self.window.staff.open_admin()  # type: ignore[attr-defined]
        return self.open_layer(ADMIN)

    def go(self, place: Place | str, remember: bool = False) -> None:
        """Arrange: the visit shows `place` (a screen's name) straight away: with nothing to
        go Back to (as a preview of one screen does: from the start screen, a visit starts),
        or (`remember`) with Back leading to the place shown now."""
        session = self._session
        if session.current.is_attract and not remember and place not in (ATTRACT, ATTRACT.name):
            session.start()
        session.show(place, remember=remember)

    def start_visit(self) -> None:
        """Arrange: a visit starts afresh on its first screen, with nothing to go Back to."""
        self._session.start()

    def move_on(self) -> None:
        """Arrange: the visit moves on as Next would (without a tap to wait for)."""
        self._session.next()

    def answer(self, question_id: str, value: Answer) -> None:
        """Arrange: the visitor answers `question_id` with `value` (an option's id, a set of
        them, a number), as a tap on it would (a single choice moves on, a red flag ends the
        check)."""
        self._session.answer(question_id, value)

    def keep_answers(self, answers: Mapping[str, Answer]) -> None:
        """Arrange: the visit holds `answers` already, without moving (as a visit that came
        this way would)."""
        self._session.answers.update(answers)

    def set_display(
        self,
        *,
        language: str | None = None,
        text_size: int | None = None,
        high_contrast: bool | None = None,
        reduce_motion: bool | None = None,
    ) -> None:
        """Arrange: the visitor chose `language`, `text_size` (1-3), `high_contrast` or
        `reduce_motion` (those given, in that order), as the panels' buttons set them."""
        session = self._session
        if language is not None:
            session.set_language(language)
        if text_size is not None:
            session.set_text_size(text_size)
        if high_contrast is not None:
            session.set_high_contrast(high_contrast)
        if reduce_motion is not None:
            session.set_reduce_motion(reduce_motion)

    def end_visit(self, reason: str = "finish") -> None:
        """Arrange: the visit ends (`reason`: finish, idle, staff, control, error), as every
        way of ending one does; the start screen shows."""
        self._session.reset(reason)

    def watch_for_idle(self) -> None:
        """Arrange: the kiosk watches for idleness, as `kiosk run` starts it."""
        self.window.start()  # type: ignore[attr-defined]

    def pause_kiosk(self) -> None:
        """Arrange: a receptionist (or the control channel) pauses the kiosk."""
        self.window.kiosk.pause()  # type: ignore[attr-defined]

    def resume_kiosk(self) -> None:
        self.window.kiosk.resume()  # type: ignore[attr-defined]

    def reload_content(self) -> None:
        """Arrange: the clinic's content file is read again (as its watch does)."""
        self.window.kiosk.reload()  # type: ignore[attr-defined]

    def activate(self) -> None:
        """Arrange: the window has the keyboard (a kiosk's only window has it)."""
        self.window.activateWindow()
        self.qtbot.waitUntil(self.window.isActiveWindow)

    def close(self) -> None:
        self.window.close()

    @contextmanager
    def locked_down(self) -> Iterator[None]:
        """Arrange: the kiosk runs locked down (as `kiosk run` does), until the block ends."""
        lockdown = self.window.input.lockdown  # type: ignore[attr-defined]
        lockdown.engage()
        try:
            yield
        finally:
            lockdown.release()

    # -- the visit, as the kiosk keeps it ----------------------------------------------------

    @property
    def _session(self) -> Session:
        return cast("Session", self.window.session)  # type: ignore[attr-defined]

    @property
    def content(self) -> Content:
        """The clinic's content in the visitor's language (its words, questions, brand)."""
        return self._session.content

    def places(self) -> list[Place]:
        """Every place a visitor can see, in the order of a visit."""
        return self._session.places()

    def place(self) -> str:
        """The name of the place the visit is at (attract, screen:welcome, result:urgent ...)."""
        return self._session.current.name

    def on_attract(self) -> bool:
        """Whether the kiosk waits on its start screen (no visit under way)."""
        return not self._session.visit_under_way

    def answers_kept(self) -> dict[str, Answer]:
        """The visit's answers, by question id (a copy: what the kiosk holds now)."""
        return dict(self._session.answers)

    def language(self) -> str:
        """The code of the language the screen shows."""
        return self._session.shown_language

    def drawn_for(self) -> tuple[str, int, bool]:
        """The language, text size and contrast the window's pages are drawn for now."""
        return cast("tuple[str, int, bool]", self.window.built_for)  # type: ignore[attr-defined]

    def palette(self) -> Palette:
        """The clinic's colours (its brand), as the theme paints them."""
        return palette_for(self.content.brand)

    # -- the window as a whole ---------------------------------------------------------------

    def size(self) -> QSize:
        return self.window.size()

    def width(self) -> int:
        return self.window.width()

    def height(self) -> int:
        return self.window.height()

    def rect(self) -> QRect:
        return self.window.rect()

    def grab(self, rect: QRect | None = None) -> QImage:
        """The picture on screen (of `rect` only, if given)."""
        return (self.window.grab(rect) if rect is not None else self.window.grab()).toImage()

    def right_to_left(self) -> bool:
        """Whether the screen reads right to left (Arabic, Hebrew ...)."""
        return self.window.layoutDirection() == Qt.LayoutDirection.RightToLeft

    def title(self) -> str:
        """The window's title (the clinic's name)."""
        return self.window.windowTitle()

    def where(self, widget: QWidget, at: QPoint | None = None) -> QPoint:
        """Where on the window `at` of `widget` (its middle, if none) lies."""
        return widget.mapTo(self.window, at if at is not None else widget.rect().center())

    def widget_at(self, at: QPoint) -> QWidget | None:
        """The widget a finger at `at` (on the window) lands on."""
        return self.window.childAt(at)

    def widgets(self, kind: type[W], name: str | None = None) -> list[W]:
        """Every `kind` widget in the window (named `name`, if given), shown or not."""
        return self.window.findChildren(kind, name) if name else self.window.findChildren(kind)

    def label(self, words: str) -> QLabel:
        """The one visible label showing exactly `words`."""
        found = [label for label in self.labels() if label.text() == words]
        if len(found) != 1:
            raise NotOnScreenError(f"{len(found)} labels {words!r} shown")
        return found[0]

    def wait_until(self, check: Callable[[], object], timeout: int = 5000) -> None:
        self.qtbot.waitUntil(lambda: bool(check()), timeout=timeout)

    def settle(self, ms: int = 30) -> None:
        """Let the event loop run (deferred deletes included), as between two taps."""
        self.qtbot.wait(ms)


def _words(button: QAbstractButton) -> str:
    """A button's words: its text, or its name for screen readers (a button drawing its words
    in a label of its own)."""
    return button.text().replace("&", "") or button.accessibleName()


def shown_screen(window: QWidget) -> Screen:
    """The one screen `window` shows."""
    shown = [s for s in window.findChildren(Screen) if s.isVisible() and s.window() is window]
    if len(shown) != 1:
        raise NotOnScreenError(f"{len(shown)} screens shown")
    return shown[0]


def control_of(window: QWidget, name: str) -> QAbstractButton:
    """The one visible button of `window` the theme names `name`."""
    found = [
        b
        for b in window.findChildren(QAbstractButton, name)
        if b.isVisible() and b.window() is window
    ]
    if len(found) != 1:
        raise NotOnScreenError(f"{len(found)} buttons {name!r} on screen")
    return found[0]
