"""The rules of intent, without Qt: how long a page is taken in before a tap acts on it, and
when a press is the second tap of a double tap."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content import load_content
from kiosk.content.model import Content
from kiosk.core.intent import (
    SAFETY_CAP_SECONDS,
    SAFETY_SECONDS,
    TAKE_IN_SECONDS,
    Intent,
    safety_words,
    take_in_seconds,
)
from kiosk.core.place import Place
from kiosk.core.session import Session

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(ROOT / "content.yaml").content


def test_a_red_flag_question_is_read_before_a_tap_answers_it(content: Content) -> None:
    question = content.question("bladder_bowel")
    assert question is not None and question.has_red_flag
    seconds = take_in_seconds(content, Place.question("bladder_bowel"))
    assert seconds >= SAFETY_SECONDS
    assert seconds > TAKE_IN_SECONDS
    # its 15 words take a quick reader longer than the least second
    assert seconds > SAFETY_SECONDS


def test_a_question_without_a_red_flag_waits_only_for_a_double_tap(content: Content) -> None:
    assert take_in_seconds(content, Place.question("pain_now")) == TAKE_IN_SECONDS
    assert take_in_seconds(content, Place.screen("what_is_sciatica")) == TAKE_IN_SECONDS
    assert take_in_seconds(content, Place.result("urgent"), 0.3) == 0.3


def test_a_steps_page_with_a_safety_note_is_read_before_next_acts(content: Content) -> None:
    note = safety_words(content, Place.screen("stretches_at_home"))
    assert note is not None and note.startswith("These stretches are not right")
    assert take_in_seconds(content, Place.screen("stretches_at_home")) == SAFETY_CAP_SECONDS


def test_the_words_are_those_the_visitor_reads(content: Content) -> None:
    session = Session(content)
    session.set_language("es")
    note = safety_words(session.content, Place.screen("stretches_at_home"))
    assert note is not None and note.startswith("Estos estiramientos")


def test_a_second_press_on_the_same_toggle_is_one_double_tap() -> None:
    intent = Intent(double_tap_seconds=0.5)
    assert not intent.second_tap(10.0, "box", (100, 100), slop=40)
    assert intent.second_tap(10.3, "box", (110, 95), slop=40)
    assert not intent.second_tap(10.35, "other", (400, 100), slop=40)  # another toggle
    assert not intent.second_tap(10.4, "box", (100, 100), slop=40)  # a tap on it after
    assert not intent.second_tap(11.0, "box", (100, 100), slop=40)  # time enough apart
    assert not intent.second_tap(11.1, "box", (300, 100), slop=40)  # far apart (a region)
    assert intent.second_tap(11.2, "box", None, slop=40)  # a key: the same toggle


def test_a_page_holds_taps_for_its_time() -> None:
    intent = Intent()
    intent.page_shown(5.0, 1.2)
    assert intent.holding(6.1)
    assert not intent.holding(6.2)
