"""The staff's figures page: charts drawn with QPainter from the counts, at both screen
shapes, with sample data, with none, and fed by real visits through the real store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from kioskpage import ADMIN, KioskPage
from PySide6.QtCore import QPoint, QRect, QRectF, QSize
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter
from pytestqt.qtbot import QtBot
from uihelpers import build_window

from kiosk.content import LoadedContent, load_content
from kiosk.content.app_words import staff_word
from kiosk.core.control import Kiosk
from kiosk.core.place import place_words
from kiosk.core.stats import CountRow, MemoryRecorder, StatsRecorder, sample_rows
from kiosk.stats_store import StatsStore
from kiosk.ui.staff.charts import FiguresPage, day_label
from kiosk.ui.theme import load_fonts, palette_for

TODAY = dt.date(2025, 3, 14)
ROOT = Path(__file__).resolve().parents[2]
Opener = Callable[..., tuple[KioskPage, Kiosk]]


@pytest.fixture
def open_window(qtbot: QtBot, loaded: LoadedContent) -> Opener:
    def make(
        stats: StatsRecorder | None = None,
        size: QSize | None = None,
        today: Callable[[], dt.date] = lambda: TODAY,
    ) -> tuple[KioskPage, Kiosk]:
        size = size or QSize(1920, 1080)
        kiosk = Kiosk(loaded, today=today, stats=stats)
        window = build_window(
            qtbot, kiosk, size, tap_guard_seconds=0, transition_ms=0, fonts=load_fonts(None)
        )
        kiosk.reset("finish")
        page = KioskPage(qtbot, window)
        page.open_admin()
        return page, kiosk

    return make


def show_figures(page: KioskPage, language: str = "en") -> FiguresPage:
    """Tap Figures on the open staff panel (in the staff's `language`): its figures page."""
    page.tap(staff_word(language, "figures"))
    [figures] = page.widgets(FiguresPage)
    assert figures.isVisible()
    return figures


def open_figures(page: KioskPage, language: str = "en") -> FiguresPage:
    page.open_admin()
    return show_figures(page, language)


def close_admin(page: KioskPage) -> None:
    page.tap("Close")
    assert not page.is_open(ADMIN)


def colour_pixels(image: QImage, colour: QColor) -> int:
    """How many pixels (on a coarse grid) are exactly `colour`."""
    target = colour.rgb()
    return sum(
        1
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
        if image.pixel(x, y) == target
    )


@pytest.mark.parametrize("size", [QSize(1920, 1080), QSize(1080, 1920)])
def test_the_figures_page_draws_sample_data_and_fits_the_screen(
    open_window: Opener, size: QSize, tmp_path: Path
) -> None:
    staff, kiosk = open_window(MemoryRecorder(sample_rows(TODAY)), size)
    admin = staff.open_layer(ADMIN)
    page = show_figures(staff)
    assert page.isVisible() and not admin.main_page.isVisible()
    summary = page.summary
    assert summary is not None and len(summary.days) == 7 and summary.total_visits > 0
    assert f"{summary.total_visits} visits" in page.subtitle.text()
    assert all(chart.has_data for chart in page.charts)
    window_rect = staff.rect()
    for chart in page.charts:
        box = QRect(staff.where(chart, QPoint(0, 0)), chart.size())
        assert window_rect.contains(box), chart.title
        assert chart.height() >= 240 and chart.width() >= 320
    for button in (*page.range_buttons.values(), page.back_button):
        assert button.height() >= 48 and button.width() >= 48
    # portrait puts the charts one above the other, landscape two by two
    tops = {staff.where(chart, QPoint(0, 0)).y() for chart in page.charts}
    assert len(tops) == (4 if size.height() > size.width() else 2)
    primary = palette_for(kiosk.loaded.content.brand).color("primary")
    assert colour_pixels(page.visits_chart.grab().toImage(), primary) > 200  # bars drawn
    if size.height() > size.width():  # the summary spans the page, under the buttons
        assert page.subtitle.width() >= page.width() * 0.9
        assert page.subtitle.y() > page.back_button.geometry().bottom()
    assert staff.grab().save(str(tmp_path / f"figures-{size.width()}x{size.height()}.png"))


def test_the_range_buttons_and_back(open_window: Opener) -> None:
    staff, _ = open_window(MemoryRecorder(sample_rows(TODAY)))
    admin = staff.open_layer(ADMIN)
    page = show_figures(staff)
    assert page.range_buttons[7].isChecked() and page.range_buttons[7].text().startswith("✓")
    page.range_buttons[30].click()
    assert page.summary is not None and len(page.summary.days) == 30
    assert page.range_buttons[30].isChecked() and not page.range_buttons[7].isChecked()
    assert "Last 30 days" in page.subtitle.text()
    page.back_button.click()
    assert admin.main_page.isVisible() and not page.isVisible()
    assert admin.card.width() == admin.panel_width
    show_figures(staff)
    admin.hide()
    admin = staff.open_admin()  # the panel always opens on its first page
    assert admin.main_page.isVisible() and not page.isVisible()


@pytest.mark.parametrize("stats", [None, "empty"])
def test_no_figures_draws_a_calm_no_figures_yet(open_window: Opener, stats: str | None) -> None:
    staff, kiosk = open_window(MemoryRecorder() if stats else None)
    page = show_figures(staff)
    assert not any(chart.has_data for chart in page.charts)
    assert "0 visits" in page.subtitle.text()
    image = page.visits_chart.grab().toImage()
    assert colour_pixels(image, palette_for(kiosk.loaded.content.brand).color("primary")) == 0
    assert not image.isNull()


def test_a_failing_store_leaves_the_panel_working(
    open_window: Opener, caplog: pytest.LogCaptureFixture
) -> None:
    class Broken(MemoryRecorder):
        def rows(self, since: dt.date | None = None) -> list[CountRow]:
            raise OSError("disk gone")

    staff, _ = open_window(Broken())
    figures = show_figures(staff)
    assert not any(chart.has_data for chart in figures.charts)
    assert "reading the usage figures failed" in caplog.text


def test_real_visits_through_the_store_show_in_the_charts(
    open_window: Opener, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where today's visits stopped follows from their answers: the chart shows it once the
    day is over (two looks within the day never differ by one visitor's stop)."""
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    day = [TODAY]
    store = StatsStore(flush_seconds=60, today=lambda: day[0])
    try:
        staff, kiosk = open_window(store, today=lambda: day[0])
        close_admin(staff)
        session = kiosk.session
        for reason in ("idle", "staff", "idle", "idle", "staff"):
            session.start()
            session.next()
            kiosk.reset(reason)  # type: ignore[arg-type]
        staff.open_admin()
        page = show_figures(staff)
        assert page.summary is not None and page.summary.total_visits == 5
        assert dict(page.ended_chart.items)["Walked away (idle reset)"] == 3
        assert dict(page.ended_chart.items)["Reset by staff"] == 2
        assert not page.stopped_chart.has_data
        assert page.stopped_chart.empty_text == "Today's results are shown once the day is over"
        assert "Today's results are shown once the day is over" in page.subtitle.text()
        staff.open_layer(ADMIN).hide()
        day[0] = TODAY + dt.timedelta(days=1)  # midnight: yesterday is over
        staff.open_admin()
        page = show_figures(staff)
        stopped = dict(page.stopped_chart.items)
        assert stopped == {"What is sciatica?": 5}
    finally:
        store.close()


def test_a_day_of_fewer_than_5_visits_hides_outcomes_and_stops(
    open_window: Opener, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One visitor alone on a day: their red flag must not be readable from the charts."""
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    store = StatsStore(flush_seconds=60, today=lambda: TODAY)
    try:
        staff, kiosk = open_window(store)
        close_admin(staff)
        session = kiosk.session
        session.start()
        while session.current.name != "question:saddle_numbness":
            session.next()
        session.answer("saddle_numbness", "yes")
        assert session.current.name == "result:urgent"
        kiosk.reset("finish")
        session.start()
        session.next()
        kiosk.reset("idle")
        staff.open_admin()
        page = show_figures(staff)
        assert page.summary is not None and page.summary.total_visits == 2
        assert page.summary.total_results == 1  # a self-check was completed: not an answer
        assert not page.outcomes_chart.has_data and not page.stopped_chart.has_data
        text = page.subtitle.text()
        assert "red flags: fewer than 5 visits a day" in text and "1 with a red flag" not in text
        assert "shown only for days with 5 visits or more: 1 day had fewer than 5 (<5)" in text
        assert page.outcomes_chart.empty_text == "Fewer than 5 visits a day: not shown"
        assert page.stopped_chart.empty_text == "Fewer than 5 visits a day: not shown"
    finally:
        store.close()


def test_screen_words_name_screens_as_staff_know_them() -> None:
    content = load_content(ROOT / "content.yaml").content
    assert place_words(content, "screen:what_is_sciatica") == "What is sciatica?"
    assert place_words(content, "question:where").startswith("Q: ")
    assert place_words(content, "result:urgent") == "Result: Get medical help now"
    assert place_words(content, "screen:gone") == "gone"


@pytest.mark.parametrize(
    "size", [QSize(1920, 1080), QSize(1366, 768), QSize(1080, 1920)], ids=lambda s: f"{s.width()}"
)
def test_every_word_on_the_charts_is_drawn_whole(
    open_window: Opener, size: QSize, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No label is cut to "Walked away (idle res…" or drawn past the box it was given."""
    drawn: list[tuple[QRectF, int, str, QFont]] = []
    draw_text = QPainter.drawText

    def recording(painter: QPainter, *args: object) -> None:
        if len(args) == 3 and isinstance(args[0], QRectF):
            rect, flags, words = args
            drawn.append((rect, int(flags), str(words), QFont(painter.font())))  # type: ignore[call-overload]
        draw_text(painter, *args)  # type: ignore[call-overload]

    staff, _ = open_window(MemoryRecorder(sample_rows(TODAY)), size)
    figures = show_figures(staff)
    monkeypatch.setattr(QPainter, "drawText", recording)
    for chart in figures.charts:
        chart.grab()
    monkeypatch.undo()
    assert drawn, "the charts drew no words"
    cut = []
    for rect, flags, words, font in drawn:
        needed = QFontMetrics(font).boundingRect(rect.toRect(), flags, words)
        if "…" in words or needed.width() > rect.width() + 1 or needed.height() > rect.height() + 1:
            cut.append(f"{words!r} needs {needed.width()}x{needed.height()} in {rect.size()}")
    assert not cut, "\n".join(cut)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_time_runs_the_way_the_staff_read(
    qtbot: QtBot,
    content_text: str,
    write_content: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
    language: str,
) -> None:
    """Left to right, the oldest day is on the left and the scale on the left; in Arabic the
    charts mirror as the rest of the window does: the oldest day on the right, the scale on
    the right, each chart's title and the names of the "how visits ended" bars on the right."""
    text = content_text.replace(
        "  hold_seconds: 3\n", f"  hold_seconds: 3\n  language: {language}\n"
    )
    kiosk = Kiosk(
        load_content(write_content(text)),
        today=lambda: TODAY,
        stats=MemoryRecorder(sample_rows(TODAY)),
    )
    size = QSize(1920, 1080)
    window = build_window(
        qtbot, kiosk, size, tap_guard_seconds=0, transition_ms=0, fonts=load_fonts(None)
    )
    kiosk.reset("finish")
    figures = open_figures(KioskPage(qtbot, window), kiosk.loaded.content.staff_language)
    drawn: list[tuple[QRect, str]] = []  # where each word is drawn, and the words
    draw_text = QPainter.drawText

    def recording(painter: QPainter, *args: object) -> None:
        if len(args) in (2, 3) and isinstance(args[0], QRectF):
            rect, flags, words = (args[0], 0, args[1]) if len(args) == 2 else args
            assert isinstance(rect, QRectF) and isinstance(words, str)
            box = QFontMetrics(painter.font()).boundingRect(rect.toRect(), int(flags), words)  # type: ignore[call-overload]
            drawn.append((box, str(words)))
        draw_text(painter, *args)  # type: ignore[call-overload]

    monkeypatch.setattr(QPainter, "drawText", recording)
    visits = figures.visits_chart
    visits.grab()
    days = [day_label(d, False, visits.language) for d in visits.days]
    at = {words: box.center().x() for box, words in drawn}
    oldest, today, zero = at[days[0]], at[days[-1]], at["0"]
    title = at[visits.title]
    drawn.clear()
    figures.ended_chart.grab()
    ended_label = next(
        box.center().x() for box, words in drawn if words == figures.ended_chart.items[0][0]
    )
    monkeypatch.undo()
    middle, ended_middle = visits.width() / 2, figures.ended_chart.width() / 2
    if language == "ar":
        assert oldest > today  # time runs from the right
        assert zero > oldest  # the scale stands on the right of the bars
        assert title > middle and ended_label > ended_middle
    else:
        assert oldest < today and zero < oldest
        assert title < middle and ended_label < ended_middle


ARABIC_OUTCOMES = {"massage_may_help": "physio_may_help", "not_typical": "self_care"}


@pytest.mark.parametrize(
    "size", [QSize(1366, 768), QSize(1920, 1080)], ids=lambda s: f"{s.width()}"
)
def test_the_results_legend_and_bars_fit_in_arabic_at_the_largest_text(
    qtbot: QtBot, size: QSize, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Arabic lines stand tall: at the largest text on a small screen the legend took the whole
    chart, so the red-flag line fell off its bottom and no bar was drawn."""
    loaded = load_content(ROOT / "examples" / "nakheel-physio" / "content.yaml")
    rows = [r._replace(key=ARABIC_OUTCOMES.get(r.key, r.key)) for r in sample_rows(TODAY)]
    kiosk = Kiosk(loaded, today=lambda: TODAY, stats=MemoryRecorder(rows))
    window = build_window(
        qtbot, kiosk, size, tap_guard_seconds=0, transition_ms=0, fonts=load_fonts(None)
    )
    kiosk.session.start()
    kiosk.session.set_text_size(3)
    figures = open_figures(KioskPage(qtbot, window), loaded.content.staff_language)
    chart = figures.outcomes_chart
    qtbot.wait(20)  # laid out, as on a screen
    drawn: list[tuple[QRectF, str]] = []
    draw_text = QPainter.drawText

    def recording(painter: QPainter, *args: object) -> None:
        if len(args) == 3 and isinstance(args[0], QRectF):
            drawn.append((args[0], str(args[2])))
        draw_text(painter, *args)  # type: ignore[call-overload]

    monkeypatch.setattr(QPainter, "drawText", recording)
    image = chart.grab().toImage()
    monkeypatch.undo()
    inside = QRectF(chart.rect())
    shown = [words for rect, words in drawn if inside.contains(rect)]
    for series in chart.series:
        assert any(words.startswith(series.label) for words in shown), series.label
    primary = palette_for(loaded.content.brand).color("primary")
    assert colour_pixels(image, primary) > 50  # bars drawn
    # how visits ended names its three ways (it had room for '3 others: 79' alone)
    drawn.clear()
    ended = figures.ended_chart
    monkeypatch.setattr(QPainter, "drawText", recording)
    ended.grab()
    monkeypatch.undo()
    shown = [words for rect, words in drawn if QRectF(ended.rect()).contains(rect)]
    for way in ("finish", "idle", "staff"):
        assert staff_word("ar", f"ended_{way}") in shown, way


def test_the_staff_panel_keeps_todays_counts_over_a_restart(open_window: Opener) -> None:
    """Fleet tester: "today" in the staff panel went back to 0 at every restart (5 -> 0) while
    `kiosk stats` kept the day. A kiosk started with today's visits in its store shows them."""
    from kiosk.core.stats import CountRow

    stored = MemoryRecorder(
        [
            CountRow(TODAY - dt.timedelta(days=1), "visits", "", 40),  # yesterday's: not today
            CountRow(TODAY, "visits", "", 7),
            CountRow(TODAY, "results", "", 3),
            CountRow(TODAY, "ended", "idle", 5),
            CountRow(TODAY, "ended", "finish", 2),
        ]
    )
    staff, _ = open_window(stored)  # the kiosk starts again, on the same figures
    said = [text for text in staff.texts() if "Today:" in text]
    assert len(said) == 1, said
    # a number held to its words by a no-break space: a line never parts them
    assert said[0].split("Today:")[1].strip() == (
        "7\u00a0visits · 3\u00a0self-check results · 5\u00a0idle resets · 0\u00a0staff resets"
    )


def test_the_30_day_axis_steps_in_whole_weeks() -> None:
    """The dates under a 30-day chart jumped from "29 Nov" to "7 Dec" (8 days)."""
    from kiosk.ui.staff.charts import date_step

    assert date_step(60, 50, many=True) == 7
    assert date_step(130, 16, many=True) == 14
    assert date_step(40, 50, many=True) == 1  # every day fits: every day
    assert date_step(90, 50, many=False) == 2  # a week's bars: every other day


def test_where_visits_stopped_says_none_stopped_beside_a_counted_staff_reset(
    open_window: Opener, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "No figures yet" stood beside "Reset by staff: 1" (the reset came after a result).
    Where visits stopped follows from answers, so it is shown once the day is over (issue
    28): the visits are yesterday's, the figures read today."""
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    day = [TODAY - dt.timedelta(days=1)]
    store = StatsStore(flush_seconds=60, today=lambda: day[0])
    try:
        staff, kiosk = open_window(store, today=lambda: day[0])
        close_admin(staff)
        session = kiosk.session
        for _ in range(5):
            session.start()
            while session.current.name != "question:saddle_numbness":
                session.next()
            session.answer("saddle_numbness", "yes")
            kiosk.reset("staff")
        day[0] = TODAY
        staff.open_admin()
        page = show_figures(staff)
        assert dict(page.ended_chart.items)["Reset by staff"] == 5
        assert not page.stopped_chart.has_data
        assert page.stopped_chart.empty_text == "No unfinished visits"
    finally:
        store.close()
