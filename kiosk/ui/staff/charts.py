"""Charts of the anonymous usage figures for the staff panel, drawn with QPainter.

PySide6-Essentials has no QtCharts, and these need little: bars by day (stacked, with a legend
in words and a pattern as well as a colour), and horizontal bars with their names. Text is
large (the kiosk's small size at least) and every bar carries its number where it fits.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ...content.app_words import count, format_date, format_day, join_words, staff_word
from ...content.i18n import labelled
from ...content.model import Content
from ...core.place import place_words
from ...core.stats import FEWER, MIN_VISITS, CountRow, Summary, summarise
from ..theme import Metrics, Palette
from ..widgets import KineticScrollArea, set_role, text_label

RANGES = (7, 30)
"""The runs of days staff can choose, ending today."""


@dataclass(frozen=True)
class Series:
    """One stacked part of a bar: its words (for the legend), a count a day, a look."""

    label: str
    values: tuple[int, ...]
    color: QColor
    pattern: Qt.BrushStyle = Qt.BrushStyle.NoBrush
    """Drawn over the colour, so a part is told apart by more than its colour."""


PATTERNS = (
    Qt.BrushStyle.NoBrush,
    Qt.BrushStyle.BDiagPattern,
    Qt.BrushStyle.CrossPattern,
    Qt.BrushStyle.FDiagPattern,
    Qt.BrushStyle.DiagCrossPattern,
    Qt.BrushStyle.HorPattern,
)


NO_FIGURES = "No figures yet"
MIN_PLOT = 80
"""The least height (px at 1080p) a bar chart's bars get under its legend."""
MIN_ROWS = 3
"""The rows a chart of named bars always has room for (how visits ended has three)."""
HIDDEN_MARK = f"<{MIN_VISITS}"
"""Drawn in a day's place when it had fewer than MIN_VISITS visits (its bar is left out)."""
OPEN_MARK = "..."
"""Drawn in the place of a day not over (today): its results are shown once it is over."""


def text_height(font: QFont, text: str) -> int:
    """The height of a line of `text` in `font`, its fallback fonts included: Arabic words,
    drawn with Noto Sans Arabic, stand taller than a line of Lato."""
    fm = QFontMetrics(font)
    if not text:
        return fm.height()
    shaped = fm.boundingRect(QRect(0, 0, 1_000_000, 1_000_000), 0, text).height()
    return max(fm.height(), shaped)


class Chart(QWidget):
    """A titled chart that paints itself; `empty_text` ('No figures yet') when there is
    nothing to draw."""

    def __init__(self, title: str, palette: Palette, metrics: Metrics) -> None:
        super().__init__()
        self.title = title
        self.empty_text = NO_FIGURES
        self.language = "en"
        """The staff's language, for the words a chart draws itself."""
        self.palette_ = palette
        self.metrics = metrics
        self.setMinimumSize(metrics.px(320), metrics.px(240))
        self.setAccessibleName(title)

    def font_of(self, size: str, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(self.metrics.font(size))
        font.setBold(bold)
        return font

    @property
    def has_data(self) -> bool:
        return False

    def needed_height(self, width: int) -> int:
        """The height its words and marks need at `width` (0: the least a chart has)."""
        return 0

    def title_height(self) -> int:
        return text_height(self.font_of("body", bold=True), self.title) + self.metrics.px(12)

    def _ask_height(self) -> None:
        """Ask the layout for the height the chart needs at this width: long words (Arabic,
        the largest text) never push a line of the legend, the bars or a named row out of
        sight; where the page has less room, its charts scroll."""
        need = self.needed_height(self.width()) if self.has_data and self.width() > 0 else 0
        least = max(self.metrics.px(240), need)
        if self.minimumHeight() != least:
            self.setMinimumHeight(least)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._ask_height()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal, m = self.palette_, self.metrics
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(pal.color("background"))
        painter.drawRoundedRect(QRectF(self.rect()), m.px(12), m.px(12))
        pad = m.px(20)
        area = QRectF(self.rect()).adjusted(pad, pad, -pad, -pad)
        title_font = self.font_of("body", bold=True)
        painter.setFont(title_font)
        painter.setPen(pal.color("text"))
        title_h = text_height(title_font, self.title)
        painter.drawText(
            area.adjusted(0, 0, 0, -(area.height() - title_h)),
            self.align(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
            self.title,
        )
        area.setTop(area.top() + title_h + m.px(12))
        if not self.has_data:
            painter.setFont(self.font_of("body"))
            painter.setPen(pal.color("muted"))
            painter.drawText(
                area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text
            )
        else:
            self.draw(painter, area)
        painter.end()

    def draw(self, painter: QPainter, area: QRectF) -> None:
        raise NotImplementedError

    # A chart is laid out left to right; right to left (Arabic staff) it is drawn mirrored,
    # as the rest of the window is: time runs from the right, labels stand on the right.

    def place(self, rect: QRectF, area: QRectF) -> QRectF:
        """Where `rect` (laid out left to right in `area`) is drawn."""
        if not self.isRightToLeft():
            return rect
        return QRectF(
            area.left() + area.right() - rect.right(), rect.top(), rect.width(), rect.height()
        )

    def align(self, flags: int) -> int:
        """How words are aligned in a placed rect: left and right swap, right to left (and
        are absolute, so Qt does not swap them back)."""
        flags = int(flags)
        left, right = int(Qt.AlignmentFlag.AlignLeft), int(Qt.AlignmentFlag.AlignRight)
        if self.isRightToLeft() and bool(flags & left) != bool(flags & right):
            flags ^= left | right
        return flags | int(Qt.AlignmentFlag.AlignAbsolute)

    def words(self, painter: QPainter, area: QRectF, rect: QRectF, flags: int, text: str) -> None:
        """Draw `text` in `rect` (laid out left to right in `area`), placed and aligned."""
        painter.drawText(self.place(rect, area), self.align(flags), text)

    def fill(self, painter: QPainter, rect: QRectF, color: QColor, pattern: Qt.BrushStyle) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRect(rect)
        if pattern != Qt.BrushStyle.NoBrush:
            brush = QBrush(QColor(255, 255, 255, 200), pattern)
            painter.setBrush(brush)
            painter.drawRect(rect)


def _nice_top(value: int) -> int:
    """A round number at or above `value` for the top of the scale."""
    if value <= 4:
        return max(value, 1)
    power: int = 10 ** int(math.log10(value))
    for step in (1, 1.2, 1.6, 2, 3, 4, 5, 6, 8, 10):
        top = round(step * power)
        if top >= value:
            return top
    return value


def day_label(day: dt.date, many: bool, language: str = "en") -> str:
    """A day under its bar, as the staff's language writes it: 14 Mar, or Fri 14."""
    return format_day(day, "d MMM" if many else "EEE d", language)


def date_step(label_width: float, slot: float, many: bool) -> int:
    """Every how many days a date stands under the bars: as often as the dates fit (`slot`:
    the width of a day); on a long range in whole weeks back from today, so the gaps between
    the dates never change (a 30-day axis jumped 8 days from "29 Nov" to "7 Dec")."""
    step = max(1, math.ceil(label_width / slot))
    if many and step > 1:
        step = 7 * math.ceil(step / 7)
    return step


class DayBars(Chart):
    """Bars by day, stacked by series, with a legend in words (and totals) above them."""

    def __init__(self, title: str, palette: Palette, metrics: Metrics, legend: bool = True) -> None:
        super().__init__(title, palette, metrics)
        self.legend = legend
        self.days: tuple[dt.date, ...] = ()
        self.series: list[Series] = []
        self.marks: tuple[str, ...] = ()
        """Per day: HIDDEN_MARK when it was left out (fewer than MIN_VISITS visits), OPEN_MARK
        when it is not over, else empty."""

    def set_data(
        self,
        days: Sequence[dt.date],
        series: Sequence[Series],
        hidden: Sequence[bool] = (),
        open_days: Sequence[bool] = (),
    ) -> None:
        self.days = tuple(days)
        self.series = [s for s in series if any(s.values)]
        hidden = tuple(hidden) or (False,) * len(self.days)
        open_days = tuple(open_days) or (False,) * len(self.days)
        self.marks = tuple(
            OPEN_MARK if is_open else HIDDEN_MARK if small else ""
            for small, is_open in zip(hidden, open_days, strict=True)
        )
        self._ask_height()
        self.update()

    def line_height(self) -> int:
        """A line of the chart's small words: its labels and dates, in the fonts that draw
        them (Arabic stands taller than Latin)."""
        many = len(self.days) > 10
        words = [s.label for s in self.series] + [
            day_label(d, many, self.language) for d in self.days
        ]
        return text_height(self.font_of("small"), " ".join(words))

    def needed_height(self, width: int) -> int:
        """The height that shows the title, every line of the legend and a plot with room
        for its bars, at `width`."""
        m = self.metrics
        pad = m.px(20)
        line_h = self.line_height()
        rows = len(self.legend_rows(width - 2 * pad)) if self.series else 0
        legend = rows * (line_h + m.px(6)) + (m.px(6) if rows else 0)
        plot = line_h + m.px(MIN_PLOT) + line_h + m.px(8)  # numbers, bars, dates
        return 2 * pad + self.title_height() + legend + plot

    @property
    def has_data(self) -> bool:
        return bool(self.days and self.series)

    def legend_rows(self, width: float) -> list[list[tuple[Series, str]]]:
        fm = QFontMetrics(self.font_of("small"))
        swatch = self.metrics.px(26)
        rows: list[list[tuple[Series, str]]] = [[]]
        used = 0.0
        for series in self.series:
            text = labelled(series.label, str(sum(series.values)), self.language)
            need = swatch + self.metrics.px(8) + fm.horizontalAdvance(text) + self.metrics.px(28)
            if rows[-1] and used + need > width:
                rows.append([])
                used = 0.0
            rows[-1].append((series, text))
            used += need
        return rows if self.legend else []

    def draw(self, painter: QPainter, area: QRectF) -> None:
        pal, m = self.palette_, self.metrics
        small = self.font_of("small")
        fm = QFontMetrics(small)
        painter.setFont(small)
        line_h = self.line_height()
        # the legend: a swatch with the series' colour and pattern, then its words and total
        swatch = m.px(26)
        y = area.top()
        for row in self.legend_rows(area.width()):
            x = area.left()
            for series, text in row:
                box = QRectF(x, y + (line_h - swatch) / 2, swatch, swatch)
                self.fill(painter, self.place(box, area), series.color, series.pattern)
                painter.setPen(pal.color("text"))
                text_x = x + swatch + m.px(8)
                self.words(
                    painter,
                    area,
                    QRectF(text_x, y, fm.horizontalAdvance(text) + 2, line_h),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    text,
                )
                x = text_x + fm.horizontalAdvance(text) + m.px(28)
            y += line_h + m.px(6)
        if y > area.top():
            y += m.px(6)
        totals = [sum(s.values[i] for s in self.series) for i in range(len(self.days))]
        top = _nice_top(max(totals, default=0))
        axis_w = fm.horizontalAdvance(str(top)) + m.px(12)
        plot = QRectF(area.left() + axis_w, y + line_h, area.width() - axis_w, 0)
        plot.setBottom(area.bottom() - line_h - m.px(8))
        if plot.height() < m.px(40):
            return
        # the scale: 0, half and top, with faint lines across
        painter.setPen(QPen(pal.color("line"), max(1, m.px(2))))
        for fraction in (0.0, 0.5, 1.0):
            value = top * fraction
            if fraction == 0.5 and value != int(value):
                continue
            line_y = plot.bottom() - plot.height() * fraction
            painter.setPen(QPen(pal.color("line"), max(1, m.px(2))))
            across = self.place(QRectF(plot.left(), line_y, plot.width(), 0), area)
            painter.drawLine(QLineF(across.left(), line_y, across.right(), line_y))
            painter.setPen(pal.color("muted"))
            self.words(
                painter,
                area,
                QRectF(area.left(), line_y - line_h / 2, axis_w - m.px(8), line_h),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(int(value)),
            )
        # the bars, and under them a date where there is room for one
        count = len(self.days)
        slot = plot.width() / count
        bar_w = max(2.0, slot * 0.7)
        many = count > 10
        label_w = max(
            fm.horizontalAdvance(day_label(d, many, self.language)) for d in self.days
        ) + m.px(16)
        step = date_step(label_w, slot, many)
        numbers = fm.horizontalAdvance(str(max(totals))) + m.px(10) <= slot
        for i in range(count):
            x = plot.left() + slot * i + (slot - bar_w) / 2
            bottom = plot.bottom()
            for series in self.series:
                value = series.values[i]
                if not value:
                    continue
                h = plot.height() * value / top
                bar = self.place(QRectF(x, bottom - h, bar_w, h), area)
                self.fill(painter, bar, series.color, series.pattern)
                bottom -= h
            # over the bar: its total (every number, or none: never a scattered few), or the
            # day's mark where it fits
            if totals[i] and numbers:
                above, ink = str(totals[i]), "text"
            elif self.marks[i] and fm.horizontalAdvance(self.marks[i]) <= slot:
                above, ink = self.marks[i], "muted"
            else:
                continue
            painter.setPen(pal.color(ink))
            self.words(
                painter,
                area,
                QRectF(x - slot, bottom - line_h, bar_w + 2 * slot, line_h),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                above,
            )
        # dates: today always, then every `step` days back while they do not overlap
        painter.setPen(pal.color("muted"))
        room_right = area.right()
        for i in range(count - 1, -1, -step):
            center = plot.left() + slot * (i + 0.5)
            left = min(max(center - label_w / 2, area.left()), area.right() - label_w)
            if left + label_w > room_right:
                continue  # it would overlap the date to its right
            self.words(
                painter,
                area,
                QRectF(left, plot.bottom() + m.px(6), label_w, line_h),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                day_label(self.days[i], many, self.language),
            )
            room_right = left


class HBars(Chart):
    """One horizontal bar per named thing, largest first, with its count at the end."""

    def __init__(self, title: str, palette: Palette, metrics: Metrics, color: str) -> None:
        super().__init__(title, palette, metrics)
        self.color = color
        self.items: list[tuple[str, int]] = []

    def set_data(self, items: Sequence[tuple[str, int]]) -> None:
        self.items = list(items)
        self._ask_height()
        self.update()

    def _label_width(self, fm: QFontMetrics, width: float) -> float:
        return min(width * 0.45, max(fm.horizontalAdvance(lbl) for lbl, _ in self.items))

    def _row_height(self, fm: QFontMetrics, label_w: float) -> float:
        # a label too long for its column takes more lines, never an ellipsis; measured as
        # shaped (Arabic, drawn with Noto Sans Arabic, stands taller than a line of Lato)
        wrapped = max(self._height(fm, lbl, label_w) for lbl, _ in self.items)
        return max(wrapped + self.metrics.px(14), self.metrics.px(40))

    def needed_height(self, width: int) -> int:
        """Room for the first MIN_ROWS rows by name (the rest are summed as 'N others')."""
        m = self.metrics
        pad = m.px(20)
        fm = QFontMetrics(self.font_of("small"))
        row_h = self._row_height(fm, self._label_width(fm, width - 2 * pad))
        rows = min(len(self.items), MIN_ROWS)
        return 2 * pad + self.title_height() + math.ceil(rows * row_h)

    @property
    def has_data(self) -> bool:
        return any(n for _label, n in self.items)

    @staticmethod
    def _height(fm: QFontMetrics, label: str, width: float) -> int:
        """The height `label` takes, wrapped at its words, in a column `width` wide."""
        flags = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
        return fm.boundingRect(0, 0, max(1, int(width)), 100_000, int(flags), label).height()

    def draw(self, painter: QPainter, area: QRectF) -> None:
        pal, m = self.palette_, self.metrics
        small = self.font_of("small")
        fm = QFontMetrics(small)
        painter.setFont(small)
        label_w = self._label_width(fm, area.width())
        row_h = self._row_height(fm, label_w)
        fits = max(1, int(area.height() // row_h))
        row_h = max(row_h, min(m.px(64), area.height() / max(1, min(fits, len(self.items)))))
        items = self.items
        if len(items) > fits:
            rest = sum(n for _label, n in items[fits - 1 :])
            others = count(self.language, "others", len(self.items) - fits + 1)
            items = [*items[: fits - 1], (others, rest)]
        value_w = fm.horizontalAdvance(str(max(n for _l, n in items))) + m.px(12)
        bar_left = area.left() + label_w + m.px(16)
        bar_room = max(1.0, area.right() - value_w - bar_left)
        most = max(1, max(n for _l, n in items))
        for index, (label, n) in enumerate(items):
            y = area.top() + index * row_h
            painter.setPen(pal.color("text"))
            self.words(
                painter,
                area,
                QRectF(area.left(), y, label_w, row_h),
                Qt.AlignmentFlag.AlignVCenter
                | Qt.AlignmentFlag.AlignLeft
                | Qt.TextFlag.TextWordWrap,
                label,
            )
            w = bar_room * n / most
            bar = QRectF(bar_left, y + m.px(6), w if n else 0.0, row_h - m.px(12))
            if n:
                self.fill(
                    painter, self.place(bar, area), pal.color(self.color), Qt.BrushStyle.NoBrush
                )
            painter.setPen(pal.color("text"))
            self.words(
                painter,
                area,
                QRectF(bar.right() + m.px(8), y, value_w, row_h),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                str(n),
            )


# -- words for staff -------------------------------------------------------------------------

KIND_WORDS = ("urgent", "doctor", "therapist", "info")
"""Outcome kinds with a word of their own (staff.kind_<kind> in the catalogues)."""
KIND_COLORS = {"urgent": "danger", "doctor": "accent", "therapist": "primary", "info": "muted"}
ENDED_WORDS = ("finish", "idle", "staff", "control", "error")
"""How a visit ends, in the order shown (staff.ended_<reason> in the catalogues)."""


class FiguresPage(QWidget):
    """The staff's figures: visits a day, outcomes, where unfinished visits stopped and how
    visits ended, for the last 7 or 30 days."""

    back = Signal()

    def __init__(
        self,
        content: Content,
        palette: Palette,
        metrics: Metrics,
        rows: Callable[[], list[CountRow]],
        today: Callable[[], dt.date] = dt.date.today,
        language: str = "en",
    ) -> None:
        super().__init__()
        self.setObjectName("figuresPage")
        self.language = language
        word = self.word
        self.content = content
        self.palette_ = palette
        self.metrics = metrics
        self.rows = rows
        self.today = today
        self.days = RANGES[0]
        self.portrait = False
        self.summary: Summary | None = None
        m = metrics
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(m.px(16))
        header = QHBoxLayout()
        header.setSpacing(m.px(16))
        titles = QVBoxLayout()
        titles.setSpacing(m.px(4))
        titles.addWidget(text_label(word("figures"), "title"))
        self.subtitle = text_label("", "meta")
        self.subtitle.setObjectName("figuresSubtitle")
        titles.addWidget(self.subtitle)
        header.addLayout(titles, 1)
        self.titles, self.page_layout = titles, layout
        self.range_buttons: dict[int, QPushButton] = {}
        for days in RANGES:
            button = QPushButton(count(language, "days", days))
            set_role(button, "part")  # the theme's checkable look: a thick accent border
            button.setCheckable(True)
            button.setMinimumHeight(m.px(88))
            button.clicked.connect(lambda _=False, d=days: self.show_days(d))
            header.addWidget(button)
            self.range_buttons[days] = button
        self.back_button = QPushButton(word("back"))
        set_role(self.back_button, "primary")
        self.back_button.setObjectName("figuresBack")
        self.back_button.setMinimumHeight(m.px(88))
        self.back_button.clicked.connect(self.back)
        header.addWidget(self.back_button)
        layout.addLayout(header)
        self.visits_chart = DayBars(word("visits_a_day"), palette, metrics, legend=False)
        self.outcomes_chart = DayBars(word("results_a_day"), palette, metrics)
        self.stopped_chart = HBars(word("stopped"), palette, metrics, "accent")
        self.ended_chart = HBars(word("ended"), palette, metrics, "primary")
        for chart in self.charts:
            chart.language = language
            chart.empty_text = word("no_figures")
        # the charts fill the room under the header; where their words need more (Arabic at
        # the largest text on a small screen), they scroll instead of being squeezed
        charts_box = QWidget()
        self.grid = QGridLayout(charts_box)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(m.px(16))
        self.charts_scroll = KineticScrollArea(
            charts_box, str(content.ui_text.more_below), focus_width=max(3, m.px(5))
        )
        layout.addWidget(self.charts_scroll, 1)
        self.note = text_label(word("counts_only"), "meta")
        layout.addWidget(self.note)
        self.arrange(False)

    def word(self, key: str) -> str:
        """A staff word in the staff's language."""
        return staff_word(self.language, key)

    @property
    def charts(self) -> tuple[Chart, ...]:
        return (self.visits_chart, self.outcomes_chart, self.stopped_chart, self.ended_chart)

    def arrange(self, portrait: bool) -> None:
        """Two by two on a landscape screen, one above the other on a portrait one."""
        self.portrait = portrait
        for chart in self.charts:
            self.grid.removeWidget(chart)
        for index, chart in enumerate(self.charts):
            row, column = (index, 0) if portrait else divmod(index, 2)
            self.grid.addWidget(chart, row, column)
        stretches = (3, 3, 2, 2) if portrait else (3, 2, 0, 0)
        for row, stretch in enumerate(stretches):
            self.grid.setRowStretch(row, stretch)
        # the summary: under the title beside the buttons on a landscape screen; under them,
        # the page's whole width, on a portrait one (beside them it was a narrow column)
        self.titles.removeWidget(self.subtitle)
        self.page_layout.removeWidget(self.subtitle)
        if portrait:
            self.page_layout.insertWidget(1, self.subtitle)
        else:
            self.titles.addWidget(self.subtitle)

    def show_days(self, days: int) -> None:
        self.days = days
        self.refresh()

    def refresh(self) -> None:
        for days, button in self.range_buttons.items():
            button.setChecked(days == self.days)
            words = count(self.language, "days", days)
            button.setText(f"✓ {words}" if days == self.days else words)
        today = self.today()
        summary = summarise(self.rows(), self.days, today, open_from=today)
        self.summary = summary
        pal = self.palette_
        first, last = summary.days[0], summary.days[-1]
        language = self.language
        red_flags = (
            count(language, "red_flags", summary.urgent)
            if not summary.answers_hidden
            else self.word("red_flags_hidden").format(min=MIN_VISITS)
            if summary.hidden_word == FEWER
            else self.word("day_not_over")
        )
        n = summary.small_days
        small = count(language, "small_days", n, min=MIN_VISITS) + f" ({HIDDEN_MARK})" if n else ""
        if summary.open_days and not summary.answers_hidden:
            small += f" ({OPEN_MARK} {self.word('day_not_over')})"
        counts = join_words(
            [
                count(language, "visits", summary.total_visits),
                count(language, "results", summary.total_results),
                red_flags,
            ],
            language,
        )
        self.subtitle.setText(
            self.word("last_days").format(
                days=self.days,
                first=format_date(first, language),
                last=format_date(last, language),
                counts=counts,
            )
            + small
        )
        self.visits_chart.set_data(
            summary.days, [Series(self.word("visits_a_day"), summary.visits, pal.color("primary"))]
        )
        series = []
        for index, (outcome_id, values) in enumerate(summary.outcomes.items()):
            outcome = self.content.outcome(outcome_id)
            kind = outcome.kind if outcome is not None else "info"
            title = outcome.title if outcome is not None else outcome_id
            series.append(
                Series(
                    f"{title} ({self.word('kind_' + kind) if kind in KIND_WORDS else kind})",
                    values,
                    pal.color(KIND_COLORS.get(kind, "muted")),
                    PATTERNS[index % len(PATTERNS)],
                )
            )
        self.outcomes_chart.set_data(summary.days, series, summary.small, summary.open)
        for chart in (self.outcomes_chart, self.stopped_chart):
            chart.empty_text = (
                self.word("no_figures")
                if not summary.answers_hidden
                else self.word("few_visits").format(min=MIN_VISITS)
                if summary.hidden_word == FEWER
                else self.word("day_not_over")
            )
        if not summary.answers_hidden and summary.total_visits:
            # visits were counted (a staff reset after a result among them): none stopped
            # part-way, which "No figures yet" beside "Reset by staff: 1" did not say
            self.stopped_chart.empty_text = self.word("no_unfinished")
        self.stopped_chart.set_data(
            [(place_words(self.content, name, language), n) for name, n in summary.stopped.items()]
        )
        self.ended_chart.set_data(
            [
                (self.word(f"ended_{reason}"), summary.ended.get(reason, 0))
                for reason in ENDED_WORDS
                if reason in ("idle", "staff") or summary.ended.get(reason, 0)
            ]
        )
