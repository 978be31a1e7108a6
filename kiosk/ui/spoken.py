"""Spoken mode: the kiosk's own voice for a visitor who cannot see (EN 301 549 §5.1.3).

It starts when a key is pressed on the start screen (any key of a keypad or a keyboard), or
with the help key (H or F1) anywhere, when the kiosk has a voice; it ends with the visit
(Finish, the idle reset, a receptionist's reset: every end is `Session.reset`). In it the
kiosk speaks by itself, in the visitor's language: the welcome and the keys; each new
page's title, then its text; a question and its help, then each answer as focus reaches it
("Yes, answer 1 of 2, not selected"); a change of selection; the result, its title first
and whole; "Still there?" with the time left and how to stay.

Every word comes from `kiosk.core.spoken` (Qt-free); this part only listens (the session's
events, the focus, the keys), speaks through the window's `Speaker`, and moves focus
through keyboard access, so a key here ends as the same click a tap is. Any key interrupts
the voice. The keys (an AudioNav-style keypad sends the same ones):

- arrows, Tab, Shift+Tab: move (keyboard access), and the voice says where focus is;
- Enter, Space: choose (keyboard access);
- Backspace, Escape: back (the Back button's click, held by the tap guard like a tap);
- R (or F5): repeat the page; P: pause, then go on; H (or F1): the keys;
- + and -: volume; S: speed (round and round).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QLabel, QWidget

from ..core import spoken as words
from ..core.engine import Answer
from ..core.session import Answered, DisplayChanged, Moved, Session, SessionEvent
from .input.helpers import InputHelpers
from .input.keyboard import KeyboardAccess, is_heading
from .screens.question import QuestionView
from .speech import Speaker

Key = Qt.Key
MOVE_KEYS = frozenset(
    {Key.Key_Tab, Key.Key_Backtab, Key.Key_Up, Key.Key_Down, Key.Key_Left, Key.Key_Right}
)
BACK_KEYS = frozenset({Key.Key_Backspace, Key.Key_Escape, Key.Key_Back})
REPEAT_KEYS = frozenset({Key.Key_R, Key.Key_F5})
PAUSE_KEYS = frozenset({Key.Key_P, Key.Key_Pause, Key.Key_MediaPause, Key.Key_MediaTogglePlayPause})
HELP_KEYS = frozenset({Key.Key_H, Key.Key_F1, Key.Key_Help})
LOUDER_KEYS = frozenset({Key.Key_Plus, Key.Key_Equal, Key.Key_VolumeUp})
QUIETER_KEYS = frozenset({Key.Key_Minus, Key.Key_Underscore, Key.Key_VolumeDown})
SPEED_KEYS = frozenset({Key.Key_S})
NOT_A_PRESS = frozenset(
    {
        Key.Key_Shift,
        Key.Key_Control,
        Key.Key_Alt,
        Key.Key_AltGr,
        Key.Key_Meta,
        Key.Key_Super_L,
        Key.Key_Super_R,
        Key.Key_CapsLock,
        Key.Key_NumLock,
        Key.Key_unknown,
    }
)
"""Keys that are only part of another key: they start and do nothing."""
MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


LAST_CALL_SECONDS = 10
""""Still there?" is said when it appears, and again with this many seconds left."""


class SpokenMode(QObject):
    """The spoken mode of one window: an input policy behind the window's router (after idle
    presence, before the lockdown and keyboard access) and a listener of the session."""

    events = frozenset({QEvent.Type.KeyPress})
    """What the input router passes to it."""

    def __init__(
        self,
        window: QWidget,
        speaker: Speaker,
        session: Session,
        keyboard: KeyboardAccess,
        back: Callable[[], object],
        staff_open: Callable[[], bool],
    ) -> None:
        """`back`: what Back does for a key (the Back button's click, if it may act now);
        `staff_open`: a staff screen is open (its keys are the receptionist's) or the kiosk
        is paused (no visit can start)."""
        super().__init__(window)
        self.setObjectName("spokenMode")
        self.window = window
        self.speaker = speaker
        self.session = session
        self.keyboard = keyboard
        self.back = back
        self.staff_open = staff_open
        self.active = False
        self.levels = words.VoiceLevels()
        self.said = ""
        """The last thing said (what the pause key says again)."""
        self.paused = False
        self._before_pause = ""
        """What was being said when the pause key was pressed."""
        self._language = session.shown_language
        self._goodbye = words.ended(session)
        """The goodbye in the visitor's language (the visit's end resets the language)."""
        self._answer: tuple[str, Answer | None] | None = None
        """The question shown and its answer as last said (a change is said)."""
        self._expect_focus = False
        """A key that moves focus was pressed: where focus goes is said."""
        self._counting = False
        self._last_call = False
        """The countdown's last reminder was said."""
        session.subscribe(self._on_session)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus)

    # -- on and off ------------------------------------------------------------------------

    def start(self) -> None:
        """Spoken mode on: the welcome (or, during a visit, the keys and the page)."""
        self.active = True
        self.paused = False
        self.levels = words.VoiceLevels()
        self._apply_levels()
        self._follow_language()
        self._remember_answer()
        session = self.session
        self.say(words.welcome(session) if session.current.is_attract else words.turned_on(session))
        self.keyboard.keyboard_mode = True  # focus is placed and shown from now on
        self.keyboard.settle()

    def end(self) -> None:
        """The visit ended: a goodbye in the visitor's language, then the mode is off (the
        next visitor starts it again) with the voice's levels back to normal."""
        language = self._language
        self.active = False
        self.paused = False
        self._counting = False
        self.say(self._goodbye, language)
        self.levels = words.VoiceLevels()
        self._apply_levels()

    def _follow_language(self) -> None:
        self._language = self.session.shown_language
        self._goodbye = words.ended(self.session)

    def _apply_levels(self) -> None:
        self.speaker.set_levels(self.levels.loudness, self.levels.pace)

    # -- speaking --------------------------------------------------------------------------

    def say(self, text: str, language: str | None = None) -> None:
        if not text:
            return
        self.said = text
        self.speaker.say(text, language or self.session.shown_language)

    def describe(self, widget: QWidget | None) -> str:
        """What the voice says as focus reaches `widget`."""
        if widget is None:
            return ""
        session = self.session
        page = self.keyboard.page()
        if isinstance(page, QuestionView):
            for key, button in page.answers.buttons.items():
                if button is widget:
                    return words.answer_words(self.session, page.question, key)
        if isinstance(widget, QLabel):
            return widget.text()
        name = widget.accessibleName().strip()
        if isinstance(widget, QAbstractButton):
            return words.button_words(session, name or widget.text())
        if isinstance(widget, QAbstractScrollArea):
            return words.long_text_words(session, name)
        return name

    def repeat(self) -> None:
        """The page again from its title, then where focus is."""
        focused = self.keyboard.focused()
        parts = [words.arrival(self.session)]
        if focused is not None and not is_heading(focused):
            parts.append(self.describe(focused))
        self.say("\n".join(p for p in parts if p))

    # -- keys ------------------------------------------------------------------------------

    def _mine(self, watched: QObject) -> bool:
        return isinstance(watched, QWidget) and (
            watched is self.window or self.window.isAncestorOf(watched)
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if not self._mine(watched) or self.staff_open():
            return False
        key = Qt.Key(event.key())
        if key in NOT_A_PRESS or event.modifiers() & MODIFIERS:
            return False
        if not self.active:
            if not self.speaker.available or event.isAutoRepeat():
                return False
            if self.session.current.is_attract or key in HELP_KEYS:
                self.start()
                return True  # the key that wakes the voice does nothing else
            return False
        return self._key(key, event.isAutoRepeat())

    def _key(self, key: Qt.Key, repeated: bool) -> bool:
        """A key in spoken mode; True when it is used up here."""
        if key in MOVE_KEYS:
            self.speaker.stop()  # any key interrupts the voice
            self._expect_focus = True
            QTimer.singleShot(0, self, self._focus_said)
            return False  # keyboard access moves focus; `_on_focus` says where
        if repeated:
            return True  # a held key acts once
        self.speaker.stop()
        if key in PAUSE_KEYS:
            self._pause()
        elif key in REPEAT_KEYS:
            self.paused = False
            self.repeat()
        elif key in HELP_KEYS:
            self.paused = False
            self.say(words.keys_help(self.session))
        elif key in LOUDER_KEYS or key in QUIETER_KEYS:
            if key in LOUDER_KEYS:
                self.levels.louder()
            else:
                self.levels.quieter()
            self._apply_levels()
            self.say(words.volume_words(self.session, self.levels))
        elif key in SPEED_KEYS:
            self.levels.faster()
            self._apply_levels()
            self.say(words.speed_words(self.session, self.levels))
        elif key in BACK_KEYS:
            self.back()
        else:
            return False  # Enter, Space ...: keyboard access
        return True

    def _pause(self) -> None:
        if self.paused:  # go on: what was being said, from its start
            self.paused = False
            self.say(self._before_pause)
            return
        self._before_pause = self.said
        self.paused = True
        self.say(words.paused(self.session))
        self.said = self._before_pause

    def _focus_said(self) -> None:
        self._expect_focus = False

    def _layer(self, widget: QWidget | None) -> QWidget | None:
        """The open overlay (a panel, the PIN pad) `widget` is in; None for the page."""
        while widget is not None and widget.parentWidget() is not self.window:
            widget = widget.parentWidget()
        return widget if widget is not None and self.keyboard.is_overlay(widget) else None

    def _on_focus(self, old: QWidget | None, new: QWidget | None) -> None:
        if not self.active or new is None or not self._mine(new):
            return
        layer, before = self._layer(new), self._layer(old)
        if layer is not None and layer is not before and not self._counting:
            # a panel opened (a key chose Aa or the languages): its title, then where focus is
            titles = [
                label.text()
                for label in layer.findChildren(QLabel)
                if label.property("role") == "title" and label.isVisible()
            ]
            self._expect_focus = False
            self.say("\n".join(t for t in (*titles[:1], self.describe(new)) if t))
        elif before is not None and layer is None and not self._counting:
            # a panel closed: where focus is once it is back (after Qt's own pick)
            QTimer.singleShot(0, self, self._say_focus)
        elif self._expect_focus:
            self._expect_focus = False  # a key moved focus: where it is
            self.say(self.describe(new))

    def _say_focus(self) -> None:
        if self.active:
            self.say(self.describe(self.keyboard.focused()))

    # -- what the visit does ---------------------------------------------------------------

    def _remember_answer(self) -> None:
        question = self.session.current_question()
        self._answer = (
            (question.id, self.session.answers.get(question.id)) if question is not None else None
        )

    def _on_session(self, event: SessionEvent) -> None:
        session = self.session
        if isinstance(event, Moved):
            if event.place.is_attract:
                if self.active:
                    self.end()
                return
            if not self.active:
                return
            self.paused = False
            before = ""
            previous = self._answer
            if previous is not None and event.place.is_question:
                # one tap answered and moved on: the choice, then the next question
                answered = session.engine.question(previous[0])
                before = words.choice_words(session, answered, previous[1])
            self._remember_answer()
            self._follow_language()
            self.say("\n".join(p for p in (before, words.arrival(session)) if p))
        elif not self.active:
            return
        elif isinstance(event, Answered):
            question = session.current_question()
            if question is None or question.id != event.question_id or self._answer is None:
                return
            change = words.choice_words(session, question, self._answer[1])
            self._remember_answer()
            self.say(change)
        elif isinstance(event, DisplayChanged) and session.shown_language != self._language:
            self._follow_language()  # the page again, in the new language
            self.say(words.arrival(session))

    # -- "Still there?" --------------------------------------------------------------------

    def countdown_shown(self, seconds: int) -> None:
        """ "Still there?" is up: how long is left and how to stay (any key), when it
        appears and once more near its end (`LAST_CALL_SECONDS`)."""
        if not self._counting:
            self._counting = True
            self._last_call = seconds <= LAST_CALL_SECONDS
        elif self._last_call or seconds > LAST_CALL_SECONDS:
            return
        else:
            self._last_call = True
        if self.active:
            self.say(words.still_there(self.session, seconds))

    def countdown_hidden(self) -> None:
        if self._counting:
            self._counting = False
            if self.active:
                self.speaker.stop()


def spoken_mode_for(
    window: QWidget,
    speaker: Speaker,
    session: Session,
    helpers: InputHelpers,
    back_button: Callable[[], QAbstractButton],
    staff_open: Callable[[], bool],
) -> SpokenMode:
    """Spoken mode for `window`, put behind its router among its input `helpers`. Its back
    key presses `back_button` as an assistive client's Press does (hidden, under a panel, or
    held by the tap guard: nothing), so a key takes the path a tap takes."""
    spoken = SpokenMode(
        window,
        speaker,
        session,
        helpers.keyboard,
        lambda: helpers.assistive.activate(back_button()),
        staff_open,
    )
    helpers.add_voice(spoken)
    return spoken


class Countdown:
    """ "Still there?" on screen (the visitor's panels) and in the voice."""

    def __init__(
        self, show: Callable[[int], None], hide: Callable[[], None], voice: Callable[[], SpokenMode]
    ) -> None:
        self._show, self._hide, self._voice = show, hide, voice

    def show_countdown(self, seconds: int) -> None:
        self._show(seconds)
        self._voice().countdown_shown(seconds)

    def hide_countdown(self) -> None:
        self._hide()
        self._voice().countdown_hidden()
