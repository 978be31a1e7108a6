"""The window's parts: helpers that live as long as the kiosk (the tap guard above all),
pages built when first needed, and language, text size and contrast changed in place.

These tests run the real event loop between steps (`qtbot.wait`), so the pages and panels a
change lets go are really deleted, as they are in the running kiosk: a helper owned by one of
them would die with it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fakes import FakeClock
from kioskpage import KioskPage
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot
from uihelpers import make_window, real_window
from visits import MASSAGE

from kiosk.content import LoadedContent
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.screens.attract import AttractView
from kiosk.ui.screens.base import Screen

SADDLE = "Do you have new numbness around your genitals, your bottom or your inner thighs?"
BLADDER = "Have you had new trouble passing urine, or lost control of your bladder or bowels?"


def later(page: KioskPage, clock: FakeClock) -> None:
    """A visitor's pause between two taps: past the tap guard (a red-flag question's words
    read), the event loop run."""
    clock.now += 5
    page.settle()


def test_the_double_tap_guard_holds_after_every_kind_of_change(
    qtbot: QtBot, write_content: Callable[[str], Path], content_text: str
) -> None:
    clock = FakeClock()
    path = write_content(content_text)
    _window, page = real_window(qtbot, path, clock)

    # a visitor changes the language, the text size and the contrast ...
    page.tap("Touch to begin")
    later(page, clock)
    page.tap("Español")
    later(page, clock)
    page.tap("English")
    later(page, clock)
    page.tap("Easier to see and use")
    later(page, clock)
    page.tap("Largest")
    later(page, clock)
    page.tap("High contrast: Off")
    later(page, clock)
    page.tap("Close")
    later(page, clock)
    # ... and the clinic edits its content, applied between visits
    edited = content_text.replace("Willow Street Massage", "Willow Street North Massage")
    path.write_text(edited, "utf-8")
    page.reload_content()
    later(page, clock)
    assert any("Willow Street North" in text for text in page.texts())

    # a new visitor reaches the red-flag questions
    page.tap("Touch to begin")
    while page.screen() != "screen:self_check":
        later(page, clock)
        page.tap("Next")
    later(page, clock)
    page.tap("Start the self-check")
    later(page, clock)
    assert page.screen() == "question:saddle_numbness" and SADDLE in page.texts()

    # one tap answers and moves on; the second of a double tap lands on the next question
    no = page.button("No")
    page.tap_widget(no)
    assert page.screen() == "question:bladder_bowel"
    page.tap("Yes")  # the same instant: a red-flag answer the visitor never read
    assert page.screen() == "question:bladder_bowel" and BLADDER in page.texts()
    assert not page.button("Yes").isChecked()
    assert "bladder_bowel" not in page.answers_kept()
    later(page, clock)
    page.tap("No")  # a visitor who has read it answers
    assert page.screen() == "question:sexual_function"


def test_the_guard_counts_from_when_the_new_question_is_whole(
    qtbot: QtBot, write_content: Callable[[str], Path], content_text: str
) -> None:
    """On a real screen the next question fades in for 0.2 s: a slow double tap (0.5 s
    apart) still lands before the visitor has seen it whole."""
    clock = FakeClock()
    _window, page = real_window(qtbot, write_content(content_text), clock, transition_ms=200)
    page.start_visit()
    page.go("question:saddle_numbness", remember=True)
    later(page, clock)
    page.tap("No")
    assert page.screen() == "question:bladder_bowel"
    clock.now += 0.5  # past 0.4 s from the first tap, but the page was whole only 0.3 s
    page.settle(300)  # the fade has ended
    page.tap("No")  # the second tap of a slow double tap
    assert page.screen() == "question:bladder_bowel"
    assert "bladder_bowel" not in page.answers_kept()
    clock.now += 0.2  # whole for 0.5 s: a red-flag question waits until its words are read
    page.tap("No")
    assert "bladder_bowel" not in page.answers_kept()
    clock.now += 3  # a visitor who has read it answers
    page.tap("No")
    assert page.screen() == "question:sexual_function"


class ShownScreens(QObject):
    """Notes every screen that is shown (a Show event), to catch a flash of another one."""

    def __init__(self, window: KioskWindow) -> None:
        super().__init__(window)
        self.shown: list[str] = []
        self.window = window
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Show and isinstance(watched, Screen):
            self.shown.append(watched.objectName())
        return False


def test_changes_are_drawn_in_place_with_no_other_screen_on_the_way(
    qtbot: QtBot, write_content: Callable[[str], Path], content_text: str
) -> None:
    clock = FakeClock()
    window, page = real_window(qtbot, write_content(content_text), clock)
    page.tap("Touch to begin")
    later(page, clock)
    page.tap("Next")
    later(page, clock)
    where = page.screen()
    next_button = page.button("Next")
    spy = ShownScreens(window)
    page.tap("Español")
    assert page.screen() == where and "Siguiente" in [b.text() for b in page.buttons()]
    assert page.button("Siguiente") is next_button  # the frame is the same, in new words
    later(page, clock)
    page.tap("Más fácil de ver y usar")
    page.tap("Muy grande")
    # the tapped control shows its new state at once, in the panel that stays open
    assert page.button("Muy grande").isChecked() and page.button("Muy grande").isVisible()
    page.tap("Cerrar")
    later(page, clock)
    assert page.screen() == where
    assert not any(name == "attract" for name in spy.shown)  # no flash of the first screen
    assert set(spy.shown) <= {where}


def test_pages_are_built_when_first_needed(
    qtbot: QtBot, write_content: Callable[[str], Path], content_text: str
) -> None:
    clock = FakeClock()
    _window, page = real_window(qtbot, write_content(content_text), clock)
    page.settle()
    at_start = {s.objectName() for s in page.widgets(Screen)}
    # the attract screen, and at most the page the first tap leads to, built while idle
    assert "attract" in at_start and len(at_start) <= 2
    page.tap("Touch to begin")
    later(page, clock)
    page.tap("Next")
    later(page, clock)
    assert page.screen() == "screen:sciatic_nerve" or page.screen().startswith("screen:")
    assert len({s.objectName() for s in page.widgets(Screen)}) <= 5
    assert any(isinstance(s, AttractView) for s in page.widgets(Screen))


def test_helpers_outlive_changes_idle_and_staff_corner(
    qtbot: QtBot, write_content: Callable[[str], Path], content_text: str
) -> None:
    clock = FakeClock()
    _window, page = real_window(qtbot, write_content(content_text), clock)
    page.watch_for_idle()
    page.tap("Touch to begin")
    later(page, clock)
    page.tap("Español")
    later(page, clock)
    page.tap("Más fácil de ver y usar")
    page.tap("Muy grande")
    page.tap("Cerrar")
    later(page, clock)
    # idle: "Still there?" then the reset, after the changes
    settings = page.content.settings
    page.time_passes(clock, settings.idle_seconds + 1)
    page.settle()
    assert page.button("Sigo aquí").isVisible()
    page.time_passes(clock, settings.countdown_seconds + 1)
    page.settle()
    assert page.screen() == "attract" and page.button("Touch to begin").isVisible()


def test_home_stays_in_the_middle_and_back_on_step_one_looks_unusable(
    qtbot: QtBot, write_content: Callable[[str], Path], content_text: str
) -> None:
    clock = FakeClock()
    _window, page = real_window(qtbot, write_content(content_text), clock)
    page.tap("Touch to begin")
    later(page, clock)
    back = page.button("Back")
    assert not back.isEnabled()
    unusable = back.grab().toImage()
    centres = []
    while page.screen() != "screen:self_check":
        home = page.button("Home")
        centres.append(page.where(home).x())
        page.tap("Next")
        later(page, clock)
    home = page.button("Home")
    centres.append(page.where(home).x())  # beside "Start the self-check"
    assert all(abs(x - page.width() // 2) <= 2 for x in centres), centres
    # Back and Next at the two outer edges, the same distance in from each side
    next_ = page.button("Start the self-check")
    left_gap = page.where(back, back.rect().topLeft()).x()
    right_gap = page.width() - page.where(next_, next_.rect().topRight()).x()
    assert abs(left_gap - right_gap) <= 2 and left_gap < 60, (left_gap, right_gap)
    assert back.isEnabled()
    # its words and border are drawn clearly lighter while it cannot be used
    assert darkest(unusable) - darkest(back.grab().toImage()) > 40


def darkest(image: QImage) -> int:
    """The lightness (0-255) of the darkest pixel: the ink of a button's words."""
    return min(
        image.pixelColor(x, y).lightness()
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    )


def test_a_page_built_on_first_use_is_laid_out_for_the_screen_it_is_on(
    qtbot: QtBot, loaded: LoadedContent
) -> None:
    """In portrait the result puts the therapists under its words, the first time too."""
    page = KioskPage(qtbot, make_window(qtbot, loaded, QSize(1080, 1920)))
    page.start_visit()
    for question, answer in MASSAGE.items():
        page.answer(question, answer)
    page.go("result:massage_may_help")
    qtbot.wait(10)
    [title] = [t for t in page.labels() if t.objectName() == "resultTitle"]
    heading = page.label(loaded.content.ui_text.therapists_title)
    assert (
        page.where(heading, heading.rect().topLeft()).y()
        > page.where(title, title.rect().bottomLeft()).y()
    )
    assert page.where(heading, heading.rect().topLeft()).x() < page.width() // 2


def test_the_bar_buttons_never_cut_their_words(qtbot: QtBot, loaded: LoadedContent) -> None:
    """'Empezar la autoevaluación' at the largest text on a portrait screen: the buttons give
    up being the same width rather than cut a word."""
    page = KioskPage(qtbot, make_window(qtbot, loaded, QSize(1080, 1920)))
    page.start_visit()
    page.set_display(language="es", text_size=3)
    for name in page.places()[1:]:
        page.go(name)
        qtbot.wait(1)
        for button in (
            page.control("backButton"),
            page.control("homeButton"),
            page.control("nextButton"),
        ):
            lines = button.text().split("\n")  # Next may take two lines
            needed = max(button.fontMetrics().horizontalAdvance(line) for line in lines)
            needed += button.iconSize().width()
            assert button.width() >= needed, (name, button.text(), button.width(), needed)
            placed = QRect(page.where(button, QPoint(0, 0)), button.size())
            assert page.rect().contains(placed), (name, button.text(), placed)
