"""The attract loop: teaser slides taken from the content, one at a time, changing on a timer
that runs only while the attract screen shows. The interval and the fade are injectable, so
none of this waits for the real 8 seconds."""

from __future__ import annotations

import dataclasses

import pytest
from kioskpage import shown_screen
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot
from uihelpers import make_window

from kiosk.content import LoadedContent
from kiosk.content.model import (
    AnatomyPart,
    AnatomyScreen,
    ArticleScreen,
    Block,
    Card,
    CardsScreen,
    Content,
    SelfCheckScreen,
)
from kiosk.core.place import ATTRACT
from kiosk.core.session import Session
from kiosk.core.teasers import (
    ELLIPSIS,
    LINE_CHARS,
    MAX_TEASERS,
    Teaser,
    first_sentence,
    shorten,
    teasers,
)
from kiosk.ui.context import UiContext
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.screens.attract import FADE_IN_MS, FADE_OUT_MS, AttractView

SIZES = [QSize(1920, 1080), QSize(1080, 1920)]

LONG = (
    "Sciatica is pain that travels along your sciatic nerve from your lower back through "
    "your buttock and down the back of your leg, sometimes all the way to your foot and "
    "toes. It usually affects one side."
)


def article(ident: str, *blocks: Block) -> ArticleScreen:
    return ArticleScreen(id=ident, type="article", title=f"About {ident}", body=list(blocks))


def with_screens(content: Content, *screens: object) -> Content:
    return content.model_copy(update={"screens": list(screens)})


def showing(view: AttractView) -> list[int]:
    """The slides shown (or to be shown when the attract screen is)."""
    return [i for i, slide in enumerate(view.slides) if not slide.isHidden()]


# --- which slides (no Qt needed) -------------------------------------------------------------


def test_teasers_follow_the_content_in_order(loaded: LoadedContent) -> None:
    found = teasers(loaded.content)
    assert found, "the default content has something to tease"
    titles = [screen.title for screen in loaded.content.screens]
    assert [t.title for t in found] == titles[: len(found)]
    assert len(found) == min(MAX_TEASERS, len(titles))
    first = loaded.content.screens[0]
    assert isinstance(first, ArticleScreen)
    paragraph = next(b.paragraph for b in first.body if b.paragraph)
    assert found[0].line == first_sentence(paragraph)
    assert paragraph.startswith(found[0].line)
    for teaser in found:
        assert 0 < len(teaser.line) <= LINE_CHARS, teaser


def test_teasers_cap_skip_and_take_the_right_words(loaded: LoadedContent) -> None:
    screens = [
        article("quiet", Block(image="assets/logo.svg")),  # nothing to say: skipped
        article("pictured", Block(image="assets/logo.svg"), Block(paragraph="One. Two.")),
        AnatomyScreen(
            id="nerve",
            type="anatomy",
            title="The nerve",
            intro="It is long. Tap a part.",
            figure="assets/anatomy/body_back.svg",
            parts=[AnatomyPart(id="roots", label="Roots", text="Five roots.")],
        ),
        CardsScreen(
            id="kinds",
            type="cards",
            title="Kinds",
            cards=[Card(title="Swedish", text="Long, smooth strokes. Gentle.")],
        ),
        article("only_callout", Block(callout="Ask your doctor e.g. first. Then book.")),
        SelfCheckScreen(
            id="check",
            type="self_check",
            title="A short self-check",
            body=[Block(paragraph="It takes about 2 minutes. Nothing is stored.")],
        ),
        article("sixth", Block(paragraph="The sixth says something.")),
        article("seventh", Block(paragraph="So does the seventh.")),
    ]
    found = teasers(with_screens(loaded.content, *screens))
    assert found == [
        Teaser("About pictured", "One.", "assets/logo.svg"),
        Teaser("The nerve", "It is long."),
        Teaser("Kinds", "Long, smooth strokes."),
        Teaser("About only_callout", "Ask your doctor e.g. first."),
        Teaser("A short self-check", "It takes about 2 minutes."),
    ]
    assert len(found) == MAX_TEASERS
    assert len(teasers(with_screens(loaded.content, *screens), limit=2)) == 2


def test_a_long_line_is_trimmed_at_a_word_boundary(loaded: LoadedContent) -> None:
    sentence = first_sentence(LONG)
    assert sentence.endswith("toes.") and len(sentence) > LINE_CHARS
    [teaser] = teasers(with_screens(loaded.content, article("long", Block(paragraph=LONG))))
    line = teaser.line
    assert len(line) <= LINE_CHARS
    assert line.endswith(ELLIPSIS)
    kept = line.removesuffix(ELLIPSIS)
    assert sentence.startswith(kept)
    assert sentence[len(kept)] == " ", "cut between words, never inside one"
    assert len(kept) > LINE_CHARS - 20, "and not much shorter than it has to be"


def test_shorten_and_first_sentence() -> None:
    assert shorten("Short enough.") == "Short enough."
    assert shorten("a" * 130) == "a" * (LINE_CHARS - 1) + ELLIPSIS  # one long word: cut it
    assert shorten("one two, three", limit=12) == "one two" + ELLIPSIS
    assert first_sentence("See Dr. Okafor first. Then rest.") == "See Dr. Okafor first."
    assert first_sentence('She said "Rest." Then she left.') == 'She said "Rest."'
    assert first_sentence("  No full stop at all  ") == "No full stop at all"


# --- the loop on screen ---------------------------------------------------------------------


def test_advance_cycles_through_every_slide_and_wraps(window: KioskWindow) -> None:
    view = shown_screen(window)
    view.animate = False
    count = len(view.slides)
    assert count == len(view.teasers) >= 2
    assert view.index == 0 and showing(view) == [0]
    for step in range(1, count + 1):
        view.advance()
        assert view.index == step % count
        assert showing(view) == [step % count]
        assert view.dots.current == step % count
        assert view.titles[step % count].isVisible()
    assert view.index == 0


def test_the_timer_runs_only_while_the_attract_screen_shows(window: KioskWindow) -> None:
    view, session = shown_screen(window), window.session
    view.animate = False
    assert view.slide_ms == 8000
    assert view.timer.isActive()
    view.advance()
    view.advance()
    session.start()
    assert session.visit_under_way
    assert not view.isVisible()
    assert not view.timer.isActive()
    session.reset()
    assert view.isVisible()
    assert view.timer.isActive()
    assert view.index == 0 and showing(view) == [0], "a new visitor sees the first slide"


def shown_alone(qtbot: QtBot, view: AttractView) -> QWidget:
    """`view` in a plain window of its own (a window without a layout: the offscreen
    platform warns when a layout sets a window's size limits). Keep the window returned:
    qtbot holds it only weakly, and it owns the view."""
    holder = QWidget()
    qtbot.addWidget(holder)
    view.setParent(holder)
    holder.resize(1920, 1080)
    view.setGeometry(holder.rect())
    holder.show()
    return holder


def test_the_interval_is_injectable(qtbot: QtBot, loaded: LoadedContent) -> None:
    ctx = UiContext.for_session(loaded, Session(loaded.content), QSize(1920, 1080))
    view = AttractView(ctx, ATTRACT, slide_ms=5, animate=False)
    assert view.slide_ms == 5
    assert not view.timer.isActive()
    holder = shown_alone(qtbot, view)
    assert view.isVisible() and view.timer.isActive()
    qtbot.waitUntil(lambda: view.index == 1, timeout=2000)
    assert showing(view) == [1]
    holder.hide()
    assert not view.timer.isActive()


def test_the_fade_is_short_and_ends_cleanly(qtbot: QtBot, window: KioskWindow) -> None:
    assert FADE_OUT_MS + FADE_IN_MS <= 600
    view = shown_screen(window)
    assert view.animate
    view.advance()
    assert view.fading
    assert showing(view) == [0, 1]  # the old one fading out, the new one about to fade in
    qtbot.waitUntil(lambda: not view.fading, timeout=3000)
    assert view.index == 1 and showing(view) == [1]
    view.advance()
    assert view.fading
    window.session.start()  # a visit cuts the fade short: nothing animates behind it
    assert not view.fading and not view.timer.isActive()
    assert showing(view) == [2]


def test_nothing_to_tease_means_no_card_and_no_timer(qtbot: QtBot, loaded: LoadedContent) -> None:
    content = with_screens(
        loaded.content,
        article("quiet", Block(image="assets/logo.svg")),
        SelfCheckScreen(id="check", type="self_check", title="Check", body=[]),
    )
    ctx = UiContext.for_session(
        dataclasses.replace(loaded, content=content), Session(content), QSize(1920, 1080)
    )
    view = AttractView(ctx, ATTRACT, slide_ms=5)
    holder = shown_alone(qtbot, view)
    assert holder.isVisible() and view.isVisible()
    assert view.teasers == [] and view.slides == []
    assert not view.teaser_area.isVisible()
    assert not view.timer.isActive()
    view.advance()  # harmless
    view.refresh()


@pytest.mark.parametrize("where", ["line", "card", "dots", "margin"])
def test_a_touch_anywhere_still_begins(qtbot: QtBot, window: KioskWindow, where: str) -> None:
    view = shown_screen(window)
    target: QWidget = {
        "line": view.lines[0],
        "card": view.card,
        "dots": view.dots,
        "margin": view,
    }[where]
    pos = QPoint(8, 8) if where == "margin" else target.rect().center()
    assert not window.session.visit_under_way
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=pos)
    assert window.session.visit_under_way
    assert not view.timer.isActive()


def fully_inside(label: QLabel, outer: QWidget) -> bool:
    top_left = label.mapTo(outer, QPoint(0, 0))
    return outer.rect().contains(QRect(top_left, label.size()))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_every_slide_fits(qtbot: QtBot, loaded: LoadedContent, size: QSize) -> None:
    window = make_window(qtbot, loaded, size)
    view = shown_screen(window)
    view.animate = False
    assert view.layout_.totalHeightForWidth(view.width()) <= view.height()
    card_height = view.card.height()
    for index in range(len(view.slides)):
        qtbot.wait(1)
        for label in (view.titles[index], view.lines[index]):
            assert label.isVisible(), label.text()
            assert label.accessibleName() == label.text()
            assert label.height() >= label.heightForWidth(label.width()), label.text()
            assert fully_inside(label, view.card), label.text()
            assert fully_inside(label, view), label.text()
        assert view.card.height() == card_height, "the card never changes height"
        begin = view.begin.mapTo(view, QPoint(0, 0)).y()
        card_bottom = view.card.mapTo(view, QPoint(0, view.card.height())).y()
        assert card_bottom < begin, "the card stays above the button"
        view.advance()


def test_the_welcome_is_no_wider_than_the_card_under_it(qtbot: QtBot) -> None:
    """A designer's review: on a landscape screen at the largest text the welcome ran 110
    letters a line across the whole page, wider than the card under it."""
    from uihelpers import ROOT, shown_window

    from kiosk.content import load_content

    harbour = load_content(ROOT / "examples" / "harbour-physio" / "content.yaml")
    window = shown_window(qtbot, harbour, QSize(1366, 768))
    window.session.set_text_size(3)
    qtbot.wait(50)
    attract = shown_screen(window)
    welcome = attract.findChild(QLabel, "attractWelcome")
    card = attract.findChild(QWidget, "teaserCard")
    assert welcome is not None and card is not None and welcome.isVisible() and card.isVisible()
    assert welcome.height() > welcome.fontMetrics().height() * 1.5, "one line: nothing to test"
    lines = (
        welcome.mapTo(attract, QPoint()).x(),
        welcome.mapTo(attract, QPoint(welcome.width(), 0)).x(),
    )
    box = card.mapTo(attract, QPoint()).x(), card.mapTo(attract, QPoint(card.width(), 0)).x()
    assert lines[0] >= box[0] and lines[1] <= box[1], f"welcome {lines} beyond the card {box}"
