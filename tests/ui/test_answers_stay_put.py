"""Yes and No stay under the finger from one question to the next (tester: the answers moved
with the length of the question and its hint, so a visitor who had tapped "Yes" found "No",
or nothing, where "Yes" had been)."""

from __future__ import annotations

import pytest
from kioskpage import KioskPage
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot
from uihelpers import make_window

from kiosk.content import LoadedContent

SIZES = [QSize(1366, 768), QSize(1080, 1920), QSize(1920, 1080)]


def answer_tops(qtbot: QtBot, loaded: LoadedContent, size: QSize, text_size: int) -> list[int]:
    """Where the first answer (Yes) starts on each yes/no question, answering No to each."""
    page = KioskPage(qtbot, make_window(qtbot, loaded, size))
    page.set_display(text_size=text_size)
    page.tap("Touch to begin")
    page.settle()
    while page.screen() != "screen:self_check":
        page.tap("Next")
        page.settle()
    page.tap("Start the self-check")
    page.settle()
    tops = []
    while "No" in [button.accessibleName() for button in page.buttons()]:
        yes = page.button("Yes")
        tops.append(page.where(yes, yes.rect().topLeft()).y())
        page.tap("No")
        page.settle()
    return tops


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_yes_starts_at_the_same_height_on_every_yes_no_question(
    qtbot: QtBot, loaded: LoadedContent, size: QSize
) -> None:
    tops = answer_tops(qtbot, loaded, size, 1)
    assert len(tops) >= 4, tops  # the red-flag questions and the warning signs
    assert len(set(tops)) == 1, tops


def test_at_the_largest_text_too_where_the_answers_still_fit(
    qtbot: QtBot, loaded: LoadedContent
) -> None:
    tops = answer_tops(qtbot, loaded, QSize(1080, 1920), 3)
    assert len(tops) >= 4 and len(set(tops)) == 1, tops
