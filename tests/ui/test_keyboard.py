"""Keyboard and switch access: a whole visit with keys only; every control reached by Tab,
named, and ringed when focused; Enter and Space activate once; arrows move; focus stays in
an open overlay and lands on the new page when the page changes; touch shows no ring."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from fakes import FakeClock
from kioskpage import STILL_THERE, KioskPage, control_of, shown_screen
from PySide6.QtCore import QEvent, QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QWidget,
)
from pytestqt.qtbot import QtBot
from uihelpers import build_window, make_window
from visits import MASSAGE

from kiosk.content import LoadedContent
from kiosk.content.model import Option, Question
from kiosk.core.control import Kiosk
from kiosk.core.place import ATTRACT, Place
from kiosk.ui.answers import BodyMapAnswers, ChoiceAnswers
from kiosk.ui.input.keyboard import KeyboardAccess
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.screens.question import QuestionView
from kiosk.ui.screens.result import ResultView
from kiosk.ui.theme import load_fonts, palette_for
from kiosk.ui.widgets import NOT_A_STOP, KineticScrollArea

Key = Qt.Key


# --- helpers -----------------------------------------------------------------------------------


def keyboard_window(
    qtbot: QtBot, loaded: LoadedContent, size: QSize, text_size: int = 1
) -> KioskWindow:
    window = make_window(qtbot, loaded, size)
    KeyboardAccess.install(window)
    if text_size != 1:
        window.session.set_text_size(text_size)  # pages built anew: before activating (below)
    activate(qtbot, window)
    return window


def activate(qtbot: QtBot, window: QWidget) -> None:
    """Make the window the active one, as the kiosk's is: keys go to it and focus shows."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


@pytest.fixture
def kb(qtbot: QtBot, loaded: LoadedContent) -> KioskWindow:
    return keyboard_window(qtbot, loaded, QSize(1920, 1080))


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def next_button(window: QWidget) -> QAbstractButton:
    """The bar's Next (its words change: Start the self-check, See my result, Finish)."""
    return control_of(window, "nextButton")


def begin_button(window: QWidget) -> QAbstractButton:
    return control_of(window, "beginButton")


def inside(layer: QWidget) -> bool:
    """The focused widget is in `layer`."""
    widget = focused()
    return widget is not None and layer.isAncestorOf(widget)


def press(
    window: QWidget, key: Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key, sent where a real key goes: the focused widget, else the window."""
    QTest.keyClick(focused() or window, key, modifier)


def access(window: KioskWindow) -> KeyboardAccess:
    return KeyboardAccess.install(window)


def shown_on(window: KioskWindow, widget: QWidget | None) -> bool:
    """`widget` is a visible, enabled control of what the window shows now."""
    return (
        widget is not None
        and widget.isVisible()
        and widget.isEnabled()
        and any(w is widget for w in access(window).controls())
    )


def move_to(window: KioskWindow, target: QWidget, key: Key = Key.Key_Tab, limit: int = 60) -> int:
    """Press `key` until `target` has focus; how many presses it took."""
    for count in range(limit):
        if focused() is target:
            return count
        press(window, key)
        assert shown_on(window, focused()), focused()
    raise AssertionError(f"{target!r} not reached with {key!r}")


def settled(qtbot: QtBot, window: KioskWindow, check: Callable[[], bool] = lambda: True) -> None:
    """Focus has landed (it is placed once the window has shown the whole new screen)."""
    keys = access(window)
    qtbot.waitUntil(lambda: not keys.settling and shown_on(window, focused()) and check())


def on_heading(window: KioskWindow) -> bool:
    """Focus is on the heading of the page shown (its title, or its question): where it
    lands on arrival, never on Next, Home or Finish, nor on an answer."""
    widget, page = focused(), shown_screen(window)
    return (
        isinstance(widget, QLabel)
        and page.isAncestorOf(widget)
        and widget.property("role") in ("title", "question")
    )


def visible_buttons(root: QWidget) -> list[QAbstractButton]:
    return [b for b in root.findChildren(QAbstractButton) if b.isVisible()]


def stops(buttons: list[QAbstractButton]) -> list[QAbstractButton]:
    """The buttons focus lands on: all but "More below", which only repeats what Enter
    does on the long text it belongs to (that text is the stop)."""
    return [b for b in buttons if not b.property(NOT_A_STOP)]


def near(image: QImage, x: int, y: int, colour: QColor, tolerance: int = 40) -> bool:
    pixel = image.pixelColor(x, y)
    return (
        abs(pixel.red() - colour.red())
        + abs(pixel.green() - colour.green())
        + abs(pixel.blue() - colour.blue())
    ) <= tolerance


RING_MARGIN = 10
"""How far round a control to look for its focus ring (a button's is on its border, a
scroll area's just outside it)."""


def picture_round(widget: QWidget) -> QImage:
    """The window's picture of `widget` and a margin round it."""
    window = widget.window()
    corner = widget.mapTo(window, QPoint(-RING_MARGIN, -RING_MARGIN))
    size = widget.size().grownBy(QMargins(*(RING_MARGIN,) * 4))
    return window.grab(QRect(corner, size)).toImage()


def ring_at_edge(image: QImage, colour: QColor) -> bool:
    """The focus ring's colour across the middle of the left and right edges."""
    y = image.height() // 2
    band = range(RING_MARGIN + 5)
    left = any(near(image, x, y, colour) for x in band)
    right = any(near(image, image.width() - 1 - x, y, colour) for x in band)
    return left and right


# --- a whole visit -------------------------------------------------------------------------------


def answer_by_keys(qtbot: QtBot, window: KioskWindow, value: object, round_: int) -> None:
    page = shown_screen(window)
    assert isinstance(page, QuestionView)
    question = page.question
    # on a new question, focus is on the question, not on an answer
    settled(qtbot, window, lambda: on_heading(window))
    # alternate the keys: Enter and Space both activate, Tab and the arrows both move
    click = Key.Key_Return if round_ % 2 == 0 else Key.Key_Space
    step = [Key.Key_Tab, Key.Key_Down, Key.Key_Right][round_ % 3]
    if question.type in ("multi_choice", "body_map"):
        assert isinstance(value, frozenset)
        for option_id in sorted(value, key=list(page.answers.buttons).index):
            move_to(window, page.answers.buttons[option_id], step)
            press(window, click)
            assert page.answers.buttons[option_id].isChecked()
        assert window.session.answers[question.id] == value
        move_to(window, next_button(window), step)
        press(window, click)
    else:
        move_to(window, page.answers.buttons[str(value)], step)
        press(window, click)
        if question.type == "scale":  # a scale waits for Next
            assert window.session.current.name == f"question:{question.id}"
            move_to(window, next_button(window), step)
            press(window, click)
    assert window.session.answers[question.id] == value


def test_a_whole_visit_by_keyboard_only(qtbot: QtBot, kb: KioskWindow) -> None:
    window, session = kb, kb.session
    assert session.current == ATTRACT
    press(window, Key.Key_Tab)  # the first key shows where focus is: "Touch to begin"
    assert focused() is begin_button(window)
    press(window, Key.Key_Return)
    assert session.current.name == "screen:welcome"
    settled(qtbot, window, lambda: on_heading(window))
    while session.current.name != "screen:self_check":
        before = session.current
        move_to(window, next_button(window))
        press(window, Key.Key_Return)
        assert session.current.name != before
        # each new page: focus on its title, never on the Next just used
        settled(qtbot, window, lambda: on_heading(window))
    move_to(window, next_button(window))
    assert next_button(window).text() == "Start the self-check"
    press(window, Key.Key_Space)
    for round_ in range(30):
        question = session.current_question()
        if question is None:
            break
        answer_by_keys(qtbot, window, MASSAGE[question.id], round_)
    assert session.current.name == "result:massage_may_help"
    result = shown_screen(window)
    assert isinstance(result, ResultView) and result.outcome is not None
    assert result.outcome.id == "massage_may_help"
    settled(qtbot, window, lambda: on_heading(window))
    move_to(window, next_button(window), Key.Key_Right)
    assert next_button(window).text() == "Finish"
    press(window, Key.Key_Return)
    assert session.current == ATTRACT
    assert session.answers == {}
    settled(qtbot, window, lambda: focused() is begin_button(window))


# --- every control of every screen ---------------------------------------------------------------


@pytest.mark.parametrize(
    "size", [QSize(1920, 1080), QSize(1080, 1920)], ids=["landscape", "portrait"]
)
def test_every_control_is_reached_by_tab_named_and_ringed(
    qtbot: QtBot, loaded: LoadedContent, size: QSize
) -> None:
    window = keyboard_window(qtbot, loaded, size)
    session = window.session
    ring = palette_for(window.session.content.brand).color(
        "text"
    )  # theme.qss: the focus ring is the text colour
    session.start()
    session.answers.update(MASSAGE)
    for name in session.places():
        session.show(name, remember=name != ATTRACT)
        press(window, Key.Key_Tab)
        settled(qtbot, window)
        controls = access(window).controls()
        buttons = visible_buttons(window)
        for button in buttons:  # named for screen readers, enabled or not
            assert button.accessibleName().strip() or button.text().strip(), (name, button)
        start = focused()
        reached: list[QWidget] = []
        for _ in range(len(controls)):
            widget = focused()
            assert widget is not None and shown_on(window, widget), (name, widget)
            assert widget.hasFocus()
            assert widget.accessibleName().strip() or (
                isinstance(widget, QAbstractButton) and widget.text().strip()
            ), (name, widget)
            ringed = picture_round(widget)
            reached.append(widget)
            press(window, Key.Key_Tab)
            assert not widget.hasFocus()
            plain = picture_round(widget)
            assert ring_at_edge(ringed, ring), (name, widget.accessibleName())
            assert not ring_at_edge(plain, ring), (name, widget.accessibleName())
        assert focused() is start, name  # round and round
        missed = [
            b.accessibleName() or b.text()
            for b in stops(buttons)
            if b.isEnabled() and not any(b is r for r in reached)
        ]
        assert not missed, (name, missed)


def test_pages_are_named_by_their_titles(kb: KioskWindow) -> None:
    session = kb.session
    session.start()
    session.answers.update(MASSAGE)
    for screen in kb.ctx.content.screens:
        assert kb.page_for(Place.screen(screen.id)).accessibleName() == screen.title
    for question in kb.ctx.content.self_check.questions:
        assert kb.page_for(Place.question(question.id)).accessibleName() == question.text
    session.show("result:massage_may_help", remember=True)
    assert kb.inner.result_page().accessibleName() == kb.inner.result_page().outcome.title  # type: ignore[union-attr]


def test_figures_are_named_in_the_visitors_language(kb: KioskWindow) -> None:
    session = kb.session
    session.start()
    session.show("screen:sciatic_nerve", remember=True)
    page = shown_screen(kb)
    parts = page.spec.parts  # type: ignore[attr-defined]
    markers = page.figure.markers  # type: ignore[attr-defined]
    for number, part in enumerate(parts, start=1):
        assert markers[part.id].accessibleName() == f"{number}. {part.label}"
    session.show("question:where", remember=True)
    where = shown_screen(kb)
    assert isinstance(where, QuestionView) and isinstance(where.answers, BodyMapAnswers)
    figure = where.answers.figure
    assert figure.accessibleName() == kb.ctx.words.seen_from_behind
    session.toggle("where", "calf_left")
    assert figure.accessibleDescription() == kb.ctx.words.regions["calf_left"]


# --- keys ----------------------------------------------------------------------------------------


def test_enter_and_space_activate_a_checkable_button_once(qtbot: QtBot, kb: KioskWindow) -> None:
    session = kb.session
    session.start()
    session.show("question:worse_with", remember=True)
    page = shown_screen(kb)
    assert isinstance(page, QuestionView)
    sitting = page.answers.buttons["sitting"]
    press(kb, Key.Key_Tab)
    settled(qtbot, kb, lambda: on_heading(kb))
    press(kb, Key.Key_Down)
    assert focused() is sitting
    press(kb, Key.Key_Return)
    assert sitting.isChecked() and session.answers["worse_with"] == frozenset({"sitting"})
    press(kb, Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert not sitting.isChecked() and "worse_with" not in session.answers
    press(kb, Key.Key_Space)
    assert sitting.isChecked() and session.answers["worse_with"] == frozenset({"sitting"})
    held = QKeyEvent(QEvent.Type.KeyPress, Key.Key_Return, Qt.KeyboardModifier.NoModifier, "", True)
    QApplication.sendEvent(sitting, held)  # a held key repeats: no second click
    assert sitting.isChecked()
    assert focused() is sitting  # focus stays where it was


def test_enter_on_a_bar_button_and_arrows_move_both_ways(qtbot: QtBot, kb: KioskWindow) -> None:
    session = kb.session
    session.start()
    session.show("question:pain_now", remember=True)
    page = shown_screen(kb)
    assert isinstance(page, QuestionView)
    press(kb, Key.Key_Tab)
    settled(qtbot, kb, lambda: on_heading(kb))
    press(kb, Key.Key_Down)
    assert focused() is page.answers.buttons["0"]
    controls = access(kb).controls()
    index = controls.index(page.answers.buttons["0"])
    for key, step in ((Key.Key_Right, 1), (Key.Key_Down, 1), (Key.Key_Left, -1), (Key.Key_Up, -1)):
        press(kb, key)
        index = (index + step) % len(controls)
        assert focused() is controls[index], key
    press(kb, Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is controls[index - 1]
    press(kb, Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is controls[index - 2]
    move_to(kb, page.answers.buttons["7"], Key.Key_Right)
    press(kb, Key.Key_Space)
    assert session.answers["pain_now"] == 7
    move_to(kb, control_of(kb, "backButton"), Key.Key_Left)
    press(kb, Key.Key_Return)
    assert session.current.name == "screen:welcome"


def test_focus_stays_inside_an_open_overlay(qtbot: QtBot, kb: KioskWindow) -> None:
    session = kb.session
    session.start()
    press(kb, Key.Key_Tab)
    settled(qtbot, kb)
    opener = control_of(kb, "accessButton")
    move_to(kb, opener)
    press(kb, Key.Key_Return)
    panel = kb.overlays.get("access_panel")
    assert panel.isVisible()
    settled(qtbot, kb, lambda: inside(panel))
    trapped = access(kb).controls()
    assert trapped and all(panel.isAncestorOf(w) for w in trapped)
    for key in (Key.Key_Tab,) * (len(trapped) + 2) + (Key.Key_Left, Key.Key_Up, Key.Key_Down):
        press(kb, key)
        assert inside(panel), key
    press(kb, Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert inside(panel)
    # the trap holds however the panel was opened, and Enter closes it from its Close button
    move_to(kb, panel.close_button)
    press(kb, Key.Key_Return)
    assert not panel.isVisible()
    settled(qtbot, kb, lambda: focused() is opener)  # back where the visitor was
    kb.panels.open("access_panel")
    settled(qtbot, kb, lambda: inside(panel))
    kb.overlays.get("access_panel").hide()
    settled(qtbot, kb, lambda: not inside(panel))


@pytest.mark.parametrize("overlay", ["language_panel", "still_there", "pin_pad", "admin"])
def test_every_overlay_traps_focus(qtbot: QtBot, kb: KioskWindow, overlay: str) -> None:
    kb.session.start()
    press(kb, Key.Key_Tab)
    settled(qtbot, kb)
    if overlay == "still_there":
        kb.overlays.get("still_there").show_seconds(20)
    elif overlay == "pin_pad":
        kb.staff.open_pin_pad()
    elif overlay == "admin":
        kb.staff.open_admin()
    else:
        kb.overlays.get("language_panel").open()
    layer = kb.overlays.get(overlay)
    assert layer.isVisible()
    settled(qtbot, kb, lambda: inside(layer))
    count = len(access(kb).controls())
    assert count >= 1
    for key in (Key.Key_Tab,) * (count + 1) + (Key.Key_Right,) * (count + 1):
        press(kb, key)
        assert inside(layer), (overlay, key)


def test_enter_behind_an_overlay_does_not_click_what_is_under_it(
    qtbot: QtBot, kb: KioskWindow
) -> None:
    session = kb.session
    session.start()
    press(kb, Key.Key_Tab)
    settled(qtbot, kb)
    move_to(kb, next_button(kb))
    kb.overlays.get("still_there").show_seconds(20)  # focus is still on Next, under the overlay
    next_button(kb).setFocus()
    press(kb, Key.Key_Return)
    assert session.current.name == "screen:welcome"  # Next was not clicked
    assert inside(kb.overlays.get("still_there"))
    press(kb, Key.Key_Return)  # "I'm still here"
    assert not kb.overlays.get("still_there").isVisible()


def test_when_the_page_changes_focus_is_on_the_new_page(qtbot: QtBot, kb: KioskWindow) -> None:
    """On arrival focus is on the page's heading (a question's words), never on an answer
    (an Enter there would answer a red flag unheard) nor on Next, Home or Finish."""
    session = kb.session
    session.start()
    session.show("question:saddle_numbness", remember=True)
    press(kb, Key.Key_Tab)
    first = shown_screen(kb)
    assert isinstance(first, QuestionView)
    settled(qtbot, kb, lambda: on_heading(kb))
    assert focused().text() == first.question.text  # type: ignore[union-attr]
    press(kb, Key.Key_Return)  # Enter on the question answers nothing
    assert session.current == Place.question("saddle_numbness") and not session.answers
    press(kb, Key.Key_Down)
    assert focused() is first.answers.buttons["yes"]  # the answers follow the question
    move_to(kb, first.answers.buttons["no"], Key.Key_Down)
    press(kb, Key.Key_Return)
    second = shown_screen(kb)
    assert second is not first and isinstance(second, QuestionView)
    assert not first.isVisible()
    settled(qtbot, kb, lambda: on_heading(kb) and second.isAncestorOf(focused()))
    # Back: the question again, its heading first
    move_to(kb, control_of(kb, "backButton"))
    press(kb, Key.Key_Return)
    assert shown_screen(kb) is first
    settled(qtbot, kb, lambda: on_heading(kb) and first.isAncestorOf(focused()))
    # Home from the bottom bar: the welcome page's title; focus never on a hidden widget
    move_to(kb, control_of(kb, "homeButton"))
    press(kb, Key.Key_Space)
    assert session.current.name == "screen:welcome"
    settled(qtbot, kb, lambda: on_heading(kb))


def test_arrival_on_every_page_is_on_its_heading(qtbot: QtBot, kb: KioskWindow) -> None:
    """Every page of a visit, reached by a key: focus lands on its heading, never on a bar
    button (Back, Home, Next, Finish) and never on an answer."""
    session = kb.session
    session.start()
    press(kb, Key.Key_Tab)
    session.answers.update(MASSAGE)
    bar = [control_of(kb, name) for name in ("backButton", "homeButton", "nextButton")]
    for place in session.places():
        if not place.framed:
            continue
        session.show(place, remember=True)
        settled(qtbot, kb, lambda: on_heading(kb))
        assert not any(focused() is button for button in bar), place
        page = shown_screen(kb)
        if isinstance(page, QuestionView):
            assert not any(focused() is b for b in page.answers.buttons.values()), place


def test_the_urgent_result_is_not_a_trap(qtbot: QtBot, kb: KioskWindow) -> None:
    """ "Yes" on the first red flag: focus lands on "Get medical help now", never on
    Finish, so a second Enter does not wipe the result meant for the receptionist."""
    session = kb.session
    session.start()
    session.show("question:saddle_numbness", remember=True)
    page = shown_screen(kb)
    assert isinstance(page, QuestionView)
    press(kb, Key.Key_Tab)
    settled(qtbot, kb, lambda: on_heading(kb))
    move_to(kb, page.answers.buttons["yes"], Key.Key_Down)
    press(kb, Key.Key_Return)
    assert session.current == Place.result("urgent")
    settled(qtbot, kb, lambda: on_heading(kb))
    assert focused().text() == session.outcome().title  # type: ignore[union-attr]
    for _ in range(3):
        assert focused() is not next_button(kb)
        press(kb, Key.Key_Return)
    assert session.current == Place.result("urgent")


def change_language_by_keys(qtbot: QtBot, kb: KioskWindow) -> None:
    session = kb.session
    session.start()
    press(kb, Key.Key_Tab)
    settled(qtbot, kb)
    move_to(kb, control_of(kb, "languageButton"))
    press(kb, Key.Key_Return)  # two languages: switches at once, in place
    assert session.shown_language != "en"


def test_after_a_language_change_focus_stays_on_the_language_button(
    qtbot: QtBot, kb: KioskWindow
) -> None:
    """The frame is changed in place: the button the visitor pressed is still there, in
    focus, now naming the language to go back to."""
    change_language_by_keys(qtbot, kb)
    activate(qtbot, kb)  # see the test below
    settled(qtbot, kb)
    assert focused() is control_of(kb, "languageButton")
    assert control_of(kb, "languageButton").text() == "English"
    assert focused() is not None and focused().isVisible()  # type: ignore[union-attr]
    press(kb, Key.Key_Tab)
    assert shown_on(kb, focused())


def test_a_language_change_keeps_the_window_active(qtbot: QtBot, kb: KioskWindow) -> None:
    change_language_by_keys(qtbot, kb)
    qtbot.wait(20)
    assert kb.isActiveWindow()
    settled(qtbot, kb)


def test_a_double_press_does_not_answer_the_next_question(
    qtbot: QtBot, loaded: LoadedContent
) -> None:
    clock = FakeClock()
    kiosk = Kiosk(loaded)
    window = build_window(
        qtbot, kiosk, QSize(1920, 1080), clock=clock, transition_ms=0, fonts=load_fonts(None)
    )
    KeyboardAccess.install(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    session = kiosk.session
    session.start()
    session.show("question:saddle_numbness", remember=True)
    clock.now += 10  # read
    first = shown_screen(window)
    assert isinstance(first, QuestionView)
    press(window, Key.Key_Tab)
    settled(qtbot, window, lambda: on_heading(window))
    move_to(window, first.answers.buttons["no"])
    press(window, Key.Key_Return)
    second = shown_screen(window)
    assert isinstance(second, QuestionView) and second is not first
    settled(qtbot, window, lambda: on_heading(window) and second.isAncestorOf(focused()))
    press(window, Key.Key_Return)  # Enter on the question: nothing
    assert "bladder_bowel" not in session.answers
    press(window, Key.Key_Down)
    assert focused() is second.answers.buttons["yes"]
    press(window, Key.Key_Return)  # the same instant: "yes" to a red flag must not count
    assert "bladder_bowel" not in session.answers
    press(window, Key.Key_Space)
    assert "bladder_bowel" not in session.answers
    clock.now += 0.7  # a slow double press: a red-flag question waits at least 1 s
    move_to(window, second.answers.buttons["no"])
    press(window, Key.Key_Return)
    assert "bladder_bowel" not in session.answers
    clock.now += 3  # read
    press(window, Key.Key_Return)
    assert session.answers["bladder_bowel"] == "no"


def questions(loaded: LoadedContent) -> list[Question]:
    return list(loaded.content.self_check.questions)


def test_keys_count_as_touches_for_the_idle_countdown(qtbot: QtBot, loaded: LoadedContent) -> None:
    clock = FakeClock()
    kiosk = Kiosk(loaded)
    window = build_window(
        qtbot, kiosk, QSize(1920, 1080), clock=clock, tap_guard_seconds=0, fonts=load_fonts(None)
    )
    keys = KeyboardAccess.install(window)
    assert KeyboardAccess.install(window) is keys  # once a window
    activate(qtbot, window)
    kiosk.session.start()
    window.start()
    page = KioskPage(qtbot, window)
    for _ in range(3):  # a visitor reading by keys, a key a minute: never "Still there?"
        clock.now += 60
        press(window, Key.Key_Tab)  # used up by the keyboard filter, yet it counts
        page.time_passes(clock, 0)
        assert not page.is_open(STILL_THERE)
    assert page.screen() == "screen:welcome"
    page.time_passes(clock, 95)
    assert page.is_open(STILL_THERE)
    settled(qtbot, window, lambda: inside(page.open_layer(STILL_THERE)))


# --- touch and scrolling -------------------------------------------------------------------------


def test_a_touch_visitor_sees_no_focus_ring(qtbot: QtBot, kb: KioskWindow) -> None:
    session = kb.session
    session.start()
    for button in visible_buttons(kb):
        assert button.focusPolicy() == Qt.FocusPolicy.TabFocus
    QTest.mouseClick(next_button(kb), Qt.MouseButton.LeftButton)
    assert session.current.name == "screen:what_is_sciatica"
    qtbot.wait(5)
    assert focused() is None
    # a keyboard visitor comes, then a finger: the ring goes
    press(kb, Key.Key_Tab)
    settled(qtbot, kb)
    QTest.mouseClick(control_of(kb, "homeButton"), Qt.MouseButton.LeftButton)
    assert session.current.name == "screen:welcome"
    qtbot.wait(5)
    assert focused() is None
    # pages built later (a bigger text size) take focus from the keyboard only, too: every
    # button as soon as it can be seen (and so tapped)
    session.set_text_size(3)
    session.answers.update(MASSAGE)
    for name in session.places():
        session.show(name)
        for button in visible_buttons(kb):
            assert not button.focusPolicy() & Qt.FocusPolicy.ClickFocus, (name, button)
            if not button.property(NOT_A_STOP):  # "More below": its text is the stop
                assert button.focusPolicy() == Qt.FocusPolicy.TabFocus, (name, button)


def test_a_focused_answer_low_on_the_page_scrolls_into_view(
    qtbot: QtBot, loaded: LoadedContent
) -> None:
    question = loaded.content.question("worse_with")
    assert question is not None
    more = [Option(id=f"other_{n}", label=f"Something else, number {n}") for n in range(12)]
    longer = question.model_copy(update={"options": [*question.options, *more]})
    check = loaded.content.self_check.model_copy(
        update={"questions": [longer if q.id == longer.id else q for q in questions(loaded)]}
    )
    content = loaded.content.model_copy(update={"self_check": check})
    window = keyboard_window(qtbot, dataclasses.replace(loaded, content=content), QSize(1920, 1080))
    session = window.session
    session.start()
    session.show("question:worse_with", remember=True)
    page = shown_screen(window)
    assert isinstance(page, QuestionView) and isinstance(page.answers, ChoiceAnswers)
    area = page.answers.scroll_area
    bar = area.verticalScrollBar()
    press(window, Key.Key_Tab)
    settled(qtbot, window)
    assert bar.maximum() > 0, "the answers should not all fit at this size"
    assert bar.value() == 0
    last = list(page.answers.buttons.values())[-1]
    move_to(window, last, Key.Key_Down)
    assert bar.value() > 0
    top = last.mapTo(area.viewport(), last.rect().topLeft()).y()
    bottom = last.mapTo(area.viewport(), last.rect().bottomLeft()).y()
    assert top >= 0 and bottom <= area.viewport().height()


def test_enter_on_a_long_text_shows_more_of_it(qtbot: QtBot, loaded: LoadedContent) -> None:
    window = keyboard_window(qtbot, loaded, QSize(1366, 768), text_size=3)
    session = window.session
    session.start()
    session.show("screen:see_a_doctor", remember=True)  # several screenfuls at this size
    page = shown_screen(window)
    area = page.findChild(KineticScrollArea)
    assert isinstance(area, QAbstractScrollArea)
    bar = area.verticalScrollBar()
    press(window, Key.Key_Tab)
    settled(qtbot, window)
    assert bar.maximum() > 0
    move_to(window, area)
    assert area.ring.isVisible()
    seen = [bar.value()]
    for _ in range(40):
        press(window, Key.Key_Return)
        seen.append(bar.value())
        if bar.value() == bar.minimum():
            break
    assert bar.maximum() in seen and seen[-1] == bar.minimum()
    assert seen[:-1] == sorted(seen[:-1])  # down a screenful at a time, then the top
    press(window, Key.Key_Tab)
    assert not area.ring.isVisible()


def test_each_part_of_the_nerve_is_one_stop(qtbot: QtBot, kb: KioskWindow) -> None:
    """The figure's numbers are a finger's targets; keys have the list beside it, which does
    the same: Tab reaches each part once, not twice (blind tester: six parts, twelve stops)."""
    page = KioskPage(qtbot, kb)
    page.go("screen:sciatic_nerve")
    page.settle(50)
    names: list[str] = []
    for _ in range(30):
        qtbot.keyClick(focused() or kb, Qt.Key.Key_Tab)
        widget = focused()
        if widget is None:
            continue
        if names and widget.accessibleName() == names[0]:
            break  # round once
        names.append(widget.accessibleName())
    parts = [n for n in names if n[:1].isdigit()]
    assert len(parts) == 6 and len(set(parts)) == 6, parts
