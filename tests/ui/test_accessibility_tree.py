"""What an assistive client (a screen reader over AT-SPI or UI Automation) finds: the tree of
Qt's accessibility interfaces, walked from the window as a client walks it, and its actions
(Press, Toggle) done as a client does them, through `actionInterface().doAction`.

Every screen of the default content and of two example clinics (with the anatomy, body-map,
steps and other kinds of question): only what is on screen is in the tree and can act;
answers are radio buttons or check boxes in a group named by their question; titles are
headings; progress is a progress bar in the visitor's language; panels are dialogs. An
action takes the path of a tap: the tap guard, idle presence, and the session's answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes import FakeClock
from kioskpage import KioskPage
from PySide6.QtCore import QSize
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleInterface
from PySide6.QtWidgets import QAbstractButton, QWidget
from pytestqt.qtbot import QtBot
from uihelpers import ROOT, build_window, make_window, real_window

from kiosk.content import LoadedContent, load_content
from kiosk.content.kinds import SCALE_MAX, SCALE_MIN, question_kind
from kiosk.core.control import Kiosk
from kiosk.core.idle import hold_for, reading_seconds, words_on
from kiosk.core.place import Place
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.screens.base import Screen
from kiosk.ui.theme import load_fonts

Role = QAccessible.Role
NAME, DESCRIPTION = QAccessible.Text.Name, QAccessible.Text.Description
CONTENTS = [
    ROOT / "content.yaml",
    ROOT / "examples" / "ridgeway-knee" / "content.yaml",
    ROOT / "examples" / "nakheel-physio" / "content.yaml",
]


def walk(widget: QWidget) -> Iterator[QAccessibleInterface]:
    """Every node under `widget`'s, in the tree's order, as a client finds them."""
    stack = [QAccessible.queryAccessibleInterface(widget)]
    while stack:
        node = stack.pop()
        yield node
        kids = [node.child(i) for i in range(node.childCount())]
        stack.extend(reversed([kid for kid in kids if kid is not None and kid.isValid()]))


def actions(node: QAccessibleInterface) -> list[str]:
    acting = node.actionInterface()
    return list(acting.actionNames()) if acting is not None else []


def named(window: QWidget, role: Role, name: str) -> QAccessibleInterface:
    found = [n for n in walk(window) if n.role() == role and n.text(NAME) == name]
    assert len(found) == 1, f"{len(found)} {role.name} named {name!r} in the tree"
    return found[0]


def control(window: QWidget, name: str) -> QAccessibleInterface:
    """The control named `name` that a client can act on, on screen (whatever its role: the
    roles are `test_every_screen_shows_only_itself_with_its_roles`'s)."""
    found = [
        n for n in walk(window) if n.text(NAME) == name and actions(n) and not n.state().invisible
    ]
    assert found, f"no control {name!r} on screen"
    return found[-1]


def press(node: QAccessibleInterface, action: str = "Press") -> None:
    acting = node.actionInterface()
    assert acting is not None
    acting.doAction(action)


def settle(qtbot: QtBot) -> None:
    """Long enough for Qt's own action (a click 100 ms later) to have acted, had it run."""
    qtbot.wait(150)


@pytest.mark.parametrize(
    "content", CONTENTS, ids=lambda path: "default" if path.parent == ROOT else path.parent.name
)
def test_every_screen_shows_only_itself_with_its_roles(qtbot: QtBot, content: Path) -> None:
    window = make_window(qtbot, load_content(content), QSize(1920, 1080))
    visitor = KioskPage(qtbot, window)
    kinds_seen: set[str] = set()
    root = QAccessible.queryAccessibleInterface(window)
    assert root.role() == Role.Window and root.text(NAME) == visitor.content.clinic.name
    for place in visitor.places():
        visitor.go(place)
        nodes = list(walk(window))
        where = place.name
        # only what is on screen: every node shows, so every action is on screen; and the
        # one page is the page shown (pages built before and kept are not in the tree)
        for node in nodes:
            thing = node.object()
            assert isinstance(thing, QWidget) and thing.isVisible(), (where, node.text(NAME))
            assert not node.state().invisible, (where, node.text(NAME))
        pages = [n.object() for n in nodes if isinstance(n.object(), Screen)]
        assert len(pages) == 1, (where, len(pages))
        page = pages[0]
        assert isinstance(page, Screen) and page.isVisible()
        # its title is a heading; bullets belong to their item; pictures that decorate
        # (no words of their own) are not in the tree
        headings = [n.text(NAME) for n in nodes if n.role() == Role.Heading]
        assert page.accessibleName() in headings, (where, headings)
        assert not [n for n in nodes if n.text(NAME).strip() == "\u2022"], where
        assert not [n for n in nodes if n.role() == Role.Graphic and not n.text(NAME)], where
        # a choice is one node, named once (the nerve's parts were in the tree twice)
        choices = [n.text(NAME) for n in nodes if n.role() in (Role.RadioButton, Role.CheckBox)]
        assert len(choices) == len(set(choices)), (where, choices)
        if place.framed and not place.is_result:
            bars = [n for n in nodes if n.role() == Role.ProgressBar]
            assert len(bars) == 1, where
            value = bars[0].valueInterface()
            assert value is not None and value.minimumValue() == 0
            assert 0 <= value.currentValue() <= value.maximumValue()
            assert bars[0].text(NAME) and bars[0].text(NAME) != "progress"
        if place.is_question:
            question = visitor.content.question(place.ident)
            assert question is not None
            kinds_seen.add(question.type)
            group = named(window, Role.Grouping, question.text)
            answers = [
                n for n in walk(group.object()) if n.role() in (Role.RadioButton, Role.CheckBox)
            ]
            roles = {n.role() for n in answers}
            shape = question_kind(question.type).answer
            if shape == "many":
                assert roles == {Role.CheckBox}, (where, roles)
                assert len(answers) == len(question.options)
            else:
                assert roles == {Role.RadioButton}, (where, roles)
            if shape == "one":
                assert [n.text(NAME) for n in answers] == [
                    question.option_label(o, visitor.content.ui_text) for o in question.options
                ]
            if shape == "number":
                assert len(answers) == SCALE_MAX - SCALE_MIN + 1
                assert group.text(DESCRIPTION) == f"{SCALE_MIN}\u2013{SCALE_MAX}"  # its range
                low, high = answers[0].text(NAME), answers[-1].text(NAME)
                assert low.startswith(str(SCALE_MIN)) and (question.min_label or "") in low
                assert high.startswith(str(SCALE_MAX)) and (question.max_label or "") in high
    assert kinds_seen >= {"yes_no", "scale"}


def test_progress_is_in_the_visitors_language(window: KioskWindow, page: KioskPage) -> None:
    page.go("question:saddle_numbness")
    english = next(n for n in walk(window) if n.role() == Role.ProgressBar).text(NAME)
    page.set_display(language="es")
    bar = next(n for n in walk(window) if n.role() == Role.ProgressBar)
    assert bar.text(NAME) != english
    assert bar.text(NAME) in page.texts()  # the words over the dots


def test_a_page_not_on_screen_cannot_be_pressed(qtbot: QtBot, page: KioskPage) -> None:
    page.go("question:saddle_numbness")  # a red flag: "Yes" is urgent
    page.go("screen:welcome")
    hidden = [
        b
        for b in page.widgets(QAbstractButton)
        if b.accessibleName() == "Yes" and not b.isVisible()
    ]
    assert hidden, "the question's page is kept, out of sight"
    for button in hidden:
        node = QAccessible.queryAccessibleInterface(button)
        assert actions(node) == []
        press(node, "Press")
        press(node, "Toggle")
    settle(qtbot)
    assert page.place() == "screen:welcome"
    assert page.answers_kept() == {}
    assert not any(b.isChecked() for b in hidden)


def test_toggle_and_press_record_the_answer_they_show(
    qtbot: QtBot, window: KioskWindow, page: KioskPage
) -> None:
    page.go("question:worse_with")
    question = page.question()
    assert question is not None and question.id == "worse_with"
    labels = {o.id: question.option_label(o, page.content.ui_text) for o in question.options}
    boxes = [control(window, label) for label in list(labels.values())[:2]]
    press(boxes[0], "Toggle")
    press(boxes[1], "Press")
    settle(qtbot)
    ticked = {n.text(NAME) for n in boxes if n.state().checked}
    answered = set(page.answers_kept().get("worse_with") or ())
    assert ticked == {labels[o] for o in answered} == {boxes[0].text(NAME), boxes[1].text(NAME)}
    press(boxes[0], "Toggle")  # unticked: the screen and the answers agree again
    settle(qtbot)
    assert not boxes[0].state().checked
    assert set(page.answers_kept().get("worse_with") or ()) == {
        o for o, label in labels.items() if label == boxes[1].text(NAME)
    }


def test_two_presses_250_ms_apart_answer_one_question(qtbot: QtBot, clock: FakeClock) -> None:
    window, page = real_window(qtbot, ROOT / "content.yaml", clock)
    page.go("question:saddle_numbness")
    clock.now += 10  # the question was read
    press(control(window, "No"))
    settle(qtbot)
    assert page.place() == "question:bladder_bowel"
    clock.now += 0.25  # the second of a double action lands on the next (red-flag) question
    press(control(window, "Yes"))
    settle(qtbot)
    assert page.place() == "question:bladder_bowel"
    assert "bladder_bowel" not in page.answers_kept()
    clock.now += 10  # read: now it answers
    press(control(window, "No"))
    settle(qtbot)
    assert page.answers_kept()["bladder_bowel"] == "no"


def test_an_action_is_presence_and_still_there_is_a_dialog(
    qtbot: QtBot, loaded: LoadedContent, clock: FakeClock
) -> None:
    kiosk = Kiosk(loaded)
    window = build_window(
        qtbot, kiosk, QSize(1920, 1080), clock=clock, tap_guard_seconds=0, fonts=load_fonts(None)
    )
    visitor = KioskPage(qtbot, window)
    visitor.start_visit()
    visitor.watch_for_idle()
    place = Place.screen("sciatic_nerve")
    visitor.go(place)
    wait = max(
        reading_seconds(90, words_on(visitor.content, place)), hold_for(visitor.content, place)
    )
    visitor.time_passes(clock, 0)
    clock.now += wait - 5
    part = control(window, "2. Through the buttock")
    press(part)
    assert part.state().checked  # the part opened, as for a tap
    visitor.time_passes(clock, 10)
    assert not [n for n in walk(window) if n.role() == Role.Dialog]
    visitor.time_passes(clock, wait - 10)  # as long since the action as the page's wait
    words = visitor.content.ui_text
    dialog = named(window, Role.Dialog, words.still_there)
    # the countdown and what happens when it ends, as the card says them
    assert "20 seconds" in dialog.text(DESCRIPTION)
    assert dialog.text(DESCRIPTION) in visitor.texts()
    # while it is open, it alone is in the tree and can act
    acting = [n.text(NAME) for n in walk(window) if actions(n)]
    assert acting == [words.still_here]
    next_button = next(b for b in visitor.widgets(QAbstractButton) if b.text() == words.next)
    press(QAccessible.queryAccessibleInterface(next_button))
    settle(qtbot)
    assert visitor.place() == place.name


def test_a_panel_is_a_dialog_over_an_unreachable_page(
    qtbot: QtBot, window: KioskWindow, page: KioskPage
) -> None:
    visitor = page
    visitor.start_visit()
    words = visitor.content.ui_text
    visitor.tap(words.accessibility)
    dialog = named(window, Role.Dialog, words.accessibility)
    assert [n for n in walk(window) if n.role() == Role.Dialog] == [dialog]
    assert not [n for n in walk(window) if n.text(NAME) == words.next]
    sizes = [n for n in walk(dialog.object()) if n.role() == Role.RadioButton]
    assert len(sizes) == 3  # one text size of three
    next_button = next(b for b in visitor.widgets(QAbstractButton) if b.text() == words.next)
    press(QAccessible.queryAccessibleInterface(next_button))
    settle(qtbot)
    assert visitor.place() == "screen:welcome"


def test_more_below_is_in_the_tree(qtbot: QtBot, window: KioskWindow, page: KioskPage) -> None:
    page.go("screen:what_is_sciatica")  # longer than the screen
    words = page.content.ui_text.more_below
    qtbot.waitUntil(lambda: any(n.text(NAME) == words for n in walk(window)))  # laid out
    more = named(window, Role.Button, words)
    assert "Press" in actions(more)


def test_a_new_page_is_announced_by_its_title(
    window: KioskWindow, page: KioskPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    update = QAccessible.updateAccessibility

    def heard(event: object) -> None:
        if isinstance(event, QAccessibleAnnouncementEvent):
            said.append(event.message())
        update(event)  # type: ignore[arg-type]

    monkeypatch.setattr(QAccessible, "updateAccessibility", heard)
    page.start_visit()
    page.tap(page.content.ui_text.next)
    title = next(n.text(NAME) for n in walk(window) if n.role() == Role.Heading)
    assert said[-1] == title
    page.set_display(language="es")  # the same page, drawn again in Spanish: its title again
    spanish = next(n.text(NAME) for n in walk(window) if n.role() == Role.Heading)
    assert spanish != title and said[-1] == spanish


def test_the_pin_pad_hides_the_panel_under_it(
    qtbot: QtBot, window: KioskWindow, page: KioskPage
) -> None:
    visitor = page
    visitor.start_visit()
    words = visitor.content.ui_text
    visitor.tap(words.accessibility)
    under = visitor.button(words.close)
    visitor.open_pin_pad()  # as the staff corner's hold does
    dialogs = [n for n in walk(window) if n.role() == Role.Dialog]
    assert len(dialogs) == 1 and dialogs[0].text(NAME) != words.accessibility
    # named by its title, its prompt as description, as the pad shows them
    shown = visitor.texts()
    assert dialogs[0].text(NAME) in shown and dialogs[0].text(DESCRIPTION) in shown
    assert not [n for n in walk(window) if n.text(NAME) == words.close]
    press(QAccessible.queryAccessibleInterface(under))
    settle(qtbot)
    assert under.isVisible()  # the panel under the pad did not close


def test_a_client_listening_from_the_start_finds_the_same(
    qtbot: QtBot, loaded: LoadedContent
) -> None:
    """With a client listening (Orca running as the kiosk starts), Qt asks for interfaces
    while it builds widgets: every screen still shows, with its title a heading and nothing
    out of sight in the tree (a scroll bar asked for while its scroll area was built came
    back a plain QWidget, and the first long page crashed)."""
    QAccessible.setActive(True)
    try:
        window = make_window(qtbot, loaded, QSize(1920, 1080))
        visitor = KioskPage(qtbot, window)
        for place in visitor.places():
            visitor.go(place)
            nodes = list(walk(window))
            assert all(not n.state().invisible for n in nodes), place.name
            page = next(n.object() for n in nodes if isinstance(n.object(), Screen))
            assert isinstance(page, QWidget)
            headings = [n.text(NAME) for n in nodes if n.role() == Role.Heading]
            assert page.accessibleName() in headings, place.name
    finally:
        QAccessible.setActive(False)
