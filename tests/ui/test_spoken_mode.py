"""Spoken mode: a visitor who cannot see completes a visit with keys and the kiosk's voice
alone, to each of the four outcomes of the default content, and hears every page, every
question, the answers with their positions and states, and the result, urgent first.

The voice is a stand-in: `FakeSpeaker`, the same interface the real backends have, which
logs what it is asked to say; one test runs a stand-in *program* through the real espeak-ng
backend. Keys are real key presses (QTest) on the real window, on the real event loop;
time for the tap guard is an injected clock (the visitor listens before choosing)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes import FakeClock
from kioskpage import ACCESS_PANEL, STILL_THERE, KioskPage, control_of
from PySide6.QtCore import QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from uihelpers import build_window
from visits import DOCTOR, MASSAGE, NO_FLAGS, NOT_TYPICAL

from kiosk.content import LoadedContent
from kiosk.core.control import Kiosk
from kiosk.core.engine import Answer
from kiosk.core.place import ATTRACT, Place
from kiosk.core.session import Session
from kiosk.core.spoken import answer_choices, spoken_lines
from kiosk.ui.input.keyboard import KeyboardAccess
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.speech import EspeakSpeaker, FakeSpeaker
from kiosk.ui.theme import load_fonts

Key = Qt.Key
URGENT: dict[str, Answer] = {"saddle_numbness": "yes"}
LISTEN = 60.0
"""Seconds a visitor listens before choosing (the tap guard's clock moves by this)."""


def focused() -> QWidget | None:
    return QApplication.focusWidget()


class BlindVisitor:
    """Keys and ears only: presses keys where a real key goes and listens to the voice."""

    def __init__(
        self, qtbot: QtBot, kiosk: Kiosk, window: KioskWindow, voice: FakeSpeaker, clock: FakeClock
    ):
        self.qtbot, self.window, self.voice, self.clock = qtbot, window, voice, clock
        self.session = kiosk.session
        """The visit the kiosk keeps (what the voice should be saying), read from the kiosk
        the window shows."""
        self.transcript: list[str] = []

    def key(self, key: Key, text: str = "") -> None:
        before = len(self.voice.spoken)
        QTest.keyClick(focused() or self.window, key)
        self.transcript += [said for said, _ in self.voice.spoken[before:]]

    def heard(self) -> str:
        return self.voice.spoken[-1][0] if self.voice.spoken else ""

    def settle(self) -> None:
        keys = KeyboardAccess.install(self.window)
        self.qtbot.waitUntil(lambda: not keys.settling)

    def choose(self) -> None:
        """Enter, after listening."""
        self.clock.now += LISTEN
        self.key(Key.Key_Return)
        self.settle()

    def find(self, words: str, limit: int = 60) -> None:
        """Down until the voice says `words` where focus is."""
        self.settle()
        for _ in range(limit):
            self.key(Key.Key_Down)
            if self.heard() == words:
                return
        raise AssertionError(f"never heard {words!r}; last heard {self.heard()!r}")


def next_words(window: KioskWindow) -> str:
    """What the voice says as focus reaches Next (as it reads on this page)."""
    return f"{control_of(window, 'nextButton').text()}, button"


def spoken_window(
    qtbot: QtBot, loaded: LoadedContent
) -> tuple[KioskWindow, FakeSpeaker, FakeClock, BlindVisitor]:
    clock, voice, kiosk = FakeClock(), FakeSpeaker(), Kiosk(loaded)
    window = build_window(
        qtbot,
        kiosk,
        QSize(1920, 1080),
        clock=clock,
        transition_ms=0,
        fonts=load_fonts(None),
        speaker=voice,
    )
    KioskPage(qtbot, window).activate()
    return window, voice, clock, BlindVisitor(qtbot, kiosk, window, voice, clock)


def answer_by_ear(
    visitor: BlindVisitor, window: KioskWindow, session: Session, value: Answer
) -> None:
    """Answer the question the voice has just asked, by keys, checking what it says."""
    question = session.current_question()
    assert question is not None
    labels = {k: w for k, w in _choices(session, question.id)}
    keys = list(labels)
    wanted = sorted(value, key=keys.index) if isinstance(value, frozenset) else [str(value)]
    for key in wanted:
        position = f"answer {keys.index(key) + 1} of {len(keys)}"
        visitor.find(f"{labels[key]}, {position}, not selected")
        visitor.choose()
        if isinstance(value, frozenset) or question.type == "scale":
            assert visitor.heard().startswith(f"{labels[key]}, selected"), visitor.heard()
    if isinstance(value, frozenset) or question.type == "scale":
        visitor.find(next_words(window))
        visitor.choose()


def _choices(session: Session, question_id: str) -> list[tuple[str, str]]:
    return answer_choices(session, session.engine.question(question_id))


def blind_visit(
    qtbot: QtBot, loaded: LoadedContent, answers: dict[str, Answer]
) -> tuple[KioskWindow, BlindVisitor]:
    window, voice, _, visitor = spoken_window(qtbot, loaded)
    session = visitor.session
    content = session.content
    assert session.current == ATTRACT and not voice.spoken
    visitor.key(Key.Key_5)  # any key of a keypad on the start screen
    welcome = visitor.heard()
    assert welcome.startswith(content.clinic.name)
    assert "Spoken mode is on." in welcome and "Enter to choose" in welcome
    assert welcome.endswith("Press Enter to begin.")
    assert session.current == ATTRACT  # the key that woke the voice did nothing else
    visitor.choose()  # "Touch to begin"
    screens = iter(content.screens)
    while not session.current.is_question:
        screen = next(screens)
        assert session.current == Place.screen(screen.id)
        assert visitor.heard().startswith(screen.title), visitor.heard()  # title, then text
        visitor.find(next_words(window))
        visitor.choose()
    previous: str | None = None
    for _ in range(40):
        question = session.current_question()
        if question is None:
            break
        said = visitor.heard()
        if previous is not None:  # one choice answered and moved on: that choice first
            confirmed, said = said.split("\n", 1)
            assert confirmed == f"{previous}, selected.", confirmed
        assert said.startswith(question.text), said
        for line in spoken_lines(question.help):  # the help, a list's items each a line
            assert line in said
            assert "\u2022" not in said
        assert "Use the arrow keys to hear the answers" in said
        # Enter on arrival answers nothing: focus is on the question, not on an answer
        visitor.choose()
        assert session.current == Place.question(question.id)
        value = answers[question.id]
        answer_by_ear(visitor, window, session, value)
        one = not isinstance(value, frozenset) and question.type != "scale"
        previous = dict(_choices(session, question.id))[str(value)] if one else None
    return window, visitor


def assert_result_heard(visitor: BlindVisitor, outcome_id: str) -> str:
    session = visitor.session
    assert session.current == Place.result(outcome_id)
    outcome = session.outcome()
    said = visitor.heard()
    lines = said.splitlines()
    assert lines[0].rstrip(".") == outcome.title  # the result's title first
    for block in outcome.body:
        for text in (block.paragraph, block.callout, *(block.bullets or [])):
            if text:
                assert text in said  # whole
    return said


@pytest.mark.parametrize(
    ("answers", "outcome_id"),
    [
        (MASSAGE, "massage_may_help"),
        (DOCTOR, "see_doctor"),
        (NOT_TYPICAL, "not_typical"),
    ],
    ids=["therapist", "doctor", "info"],
)
def test_a_blind_visit_by_keys_and_voice_alone(
    qtbot: QtBot, loaded: LoadedContent, answers: dict[str, Answer], outcome_id: str
) -> None:
    window, visitor = blind_visit(qtbot, loaded, answers)
    said = assert_result_heard(visitor, outcome_id)
    session = visitor.session
    for match in session.therapist_matches():
        assert match.therapist.name in said
    visitor.find(next_words(window))
    visitor.choose()
    while not session.current.is_attract:  # the screens after a result, then Finish
        visitor.find(next_words(window))
        visitor.choose()
    assert visitor.heard() == "The visit has ended. Goodbye."
    assert session.answers == {}


def test_a_blind_visit_to_the_urgent_result(qtbot: QtBot, loaded: LoadedContent) -> None:
    window, visitor = blind_visit(qtbot, loaded, {**NO_FLAGS, **URGENT})
    session = visitor.session
    assert any(t.startswith("Yes, answer 1 of 2, not selected") for t in visitor.transcript)
    said = assert_result_heard(visitor, "urgent")
    assert said.startswith("Get medical help now.")
    assert "Do not have a massage today." in said
    # focus is on the result's words, never on Finish: Enter does not wipe it
    visitor.settle()
    label = focused()
    assert isinstance(label, QLabel) and label.text() == "Get medical help now"
    assert focused() is not control_of(window, "nextButton")
    for _ in range(3):
        visitor.choose()
        assert session.current == Place.result("urgent")
    visitor.key(Key.Key_R)  # repeat: the whole result again, its title first
    assert visitor.heard().startswith("Get medical help now.")


def test_the_keys_of_spoken_mode(qtbot: QtBot, loaded: LoadedContent) -> None:
    window, voice, _, visitor = spoken_window(qtbot, loaded)
    session = visitor.session
    session.start()
    assert not voice.spoken  # a touch visit: no voice
    visitor.key(Key.Key_Down)  # not the start screen: an ordinary key starts nothing
    assert not voice.spoken
    visitor.key(Key.Key_H)  # the help key, anywhere: spoken mode on
    assert visitor.heard().startswith("Spoken mode is on.")
    assert session.content.screens[0].title in visitor.heard()  # then the page
    visitor.key(Key.Key_Plus)
    assert visitor.heard() == "Volume 8 of 10."
    assert voice.loudness > 1.0
    visitor.key(Key.Key_Minus)
    visitor.key(Key.Key_Minus)
    assert visitor.heard() == "Volume 6 of 10."
    visitor.key(Key.Key_S)
    assert visitor.heard() == "Speed 4 of 5."
    assert voice.pace > 1.0
    visitor.key(Key.Key_R)
    assert visitor.heard().startswith(session.content.screens[0].title)
    page = visitor.heard()
    visitor.key(Key.Key_P)
    assert visitor.heard() == "Paused. Press P to go on."
    visitor.key(Key.Key_P)
    assert visitor.heard() == page  # goes on
    visitor.find(next_words(window))
    visitor.choose()
    assert session.current == Place.screen(session.content.screens[1].id)
    visitor.clock.now += LISTEN
    visitor.key(Key.Key_Backspace)  # back
    assert session.current == Place.screen(session.content.screens[0].id)
    assert visitor.heard().startswith(session.content.screens[0].title)
    visitor.clock.now += LISTEN
    visitor.key(Key.Key_Escape)  # back too: nowhere further back, nothing happens
    assert session.current == Place.screen(session.content.screens[0].id)
    # a staff reset ends spoken mode with the visit; the levels are the next visitor's own
    session.reset("staff")
    assert visitor.heard() == "The visit has ended. Goodbye."
    assert voice.loudness == 1.0 and voice.pace == 1.0
    session.start()
    count = len(voice.spoken)
    visitor.key(Key.Key_Down)
    assert len(voice.spoken) == count  # off until a key on the start screen or help


def test_a_panel_opened_by_keys_is_said(qtbot: QtBot, loaded: LoadedContent) -> None:
    window, _, _, visitor = spoken_window(qtbot, loaded)
    visitor.key(Key.Key_Space)
    visitor.choose()
    access = control_of(window, "accessButton")
    name = access.accessibleName() or access.text()
    visitor.find(f"{name}, button")
    visitor.choose()  # the panel: text size, contrast, motion
    page = KioskPage(qtbot, window)
    panel = page.open_layer(ACCESS_PANEL)
    title = next(
        label.text()
        for label in panel.findChildren(QLabel)
        if label.property("role") == "title" and label.isVisible()
    )
    assert visitor.heard().startswith(title)
    visitor.find("Close, button")
    visitor.choose()
    assert not page.is_open(ACCESS_PANEL)
    qtbot.waitUntil(lambda: visitor.heard() == f"{name}, button")  # back where it was opened


def test_a_paused_kiosk_does_not_start_spoken_mode(qtbot: QtBot, loaded: LoadedContent) -> None:
    window, voice, _, visitor = spoken_window(qtbot, loaded)
    page = KioskPage(qtbot, window)
    page.pause_kiosk()
    visitor.key(Key.Key_Space)
    assert not voice.spoken
    page.resume_kiosk()
    visitor.key(Key.Key_Space)
    assert visitor.heard().endswith("Press Enter to begin.")


def test_still_there_is_spoken_and_a_key_stays(qtbot: QtBot, loaded: LoadedContent) -> None:
    window, _, clock, visitor = spoken_window(qtbot, loaded)
    session = visitor.session
    visitor.key(Key.Key_Space)
    visitor.choose()
    assert session.current.is_screen
    idle = window.input.idle
    touched = clock.now  # the last key
    idle.start()
    idle.tick()  # the page's wait
    clock.now += idle.policy.wait_seconds + 1
    idle.tick()
    page = KioskPage(qtbot, window)
    assert page.is_open(STILL_THERE)  # on screen too
    said = visitor.heard()
    assert said.startswith("Still there? The visit ends in ")
    assert said.endswith("Press any key to stay.")
    count = len(visitor.voice.spoken)
    clock.now += 1
    idle.tick()
    assert len(visitor.voice.spoken) == count  # said once, not each second
    clock.now = touched + idle.policy.wait_seconds + idle.policy.countdown_seconds - 8
    idle.tick()  # near the end: once more, with the time left
    assert visitor.heard() == "Still there? The visit ends in 8 seconds. Press any key to stay."
    visitor.key(Key.Key_Right)  # any key
    idle.tick()
    assert not page.is_open(STILL_THERE) and session.current.is_screen
    clock.now += idle.policy.wait_seconds + idle.policy.countdown_seconds + 1
    idle.tick()  # no key: the idle reset ends the visit, and spoken mode with it
    assert session.current == ATTRACT
    assert visitor.heard() == "The visit has ended. Goodbye."


def test_spoken_mode_speaks_the_visitors_language(qtbot: QtBot, loaded: LoadedContent) -> None:
    _window, voice, _, visitor = spoken_window(qtbot, loaded)
    session = visitor.session
    visitor.key(Key.Key_Space)
    visitor.choose()
    session.set_language("es")
    said, language = voice.spoken[-1]
    assert language == "es"
    assert said.startswith(session.content.screens[0].title)
    session.show("question:saddle_numbness", remember=True)
    visitor.find("Sí, respuesta 1 de 2, no seleccionada")


def test_a_stand_in_voice_program_hears_the_welcome(
    qtbot: QtBot, loaded: LoadedContent, tmp_path: Path
) -> None:
    """The real espeak-ng backend, its program a stand-in that logs what it is asked to
    say (a new process per utterance, as espeak-ng is run)."""
    log = tmp_path / "said"
    program = tmp_path / "voice"
    program.write_text(
        f'#!/bin/sh\nfor a; do last="$a"; done\nprintf "%s\\n--\\n" "$last" >> "{log}"\n'
    )
    program.chmod(0o755)
    speaker = EspeakSpeaker(str(program))
    window = build_window(
        qtbot,
        Kiosk(loaded),
        QSize(1920, 1080),
        transition_ms=0,
        speaker=speaker,
        tap_guard_seconds=0,
    )
    KioskPage(qtbot, window).activate()
    QTest.keyClick(window, Key.Key_A)
    qtbot.waitUntil(lambda: log.exists() and "Press Enter to begin." in log.read_text())
    assert log.read_text().startswith(loaded.content.clinic.name)


def test_escape_is_back_in_a_locked_kiosk(qtbot: QtBot, loaded: LoadedContent) -> None:
    """The kiosk runs locked down, and the lockdown swallowed Escape before spoken mode saw
    it: Escape did nothing (blind tester). It is Back there too, and still no way out."""
    window, _, _, visitor = spoken_window(qtbot, loaded)
    page = KioskPage(qtbot, window)
    with page.locked_down():
        session = visitor.session
        session.start()
        visitor.key(Key.Key_H)  # spoken mode on
        session.next()
        assert session.current == Place.screen(session.content.screens[1].id)
        visitor.clock.now += LISTEN
        # as the window system delivers a key: to the window first, then its focus widget
        handle = window.windowHandle()
        assert handle is not None
        QTest.keyClick(handle, Key.Key_Escape)
        assert session.current == Place.screen(session.content.screens[0].id)
        assert window.isVisible()
