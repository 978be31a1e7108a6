"""The frame around every page but the attract screen: the top bar (logo and name, progress,
the visitor's reading controls), the disclaimer and the bottom bar (Back, Home, Next).

The frame is built once and lives as long as the window. A change of language, text size or
contrast, or new content, is applied to it in place by `Frame.apply`: words, icons and sizes
are set again on the same widgets, so the buttons never move or flash.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.session import Progress, Session
from . import accessible
from .access import AccessBar
from .context import UiContext
from .corner import clear_of_corner
from .theme import Metrics, Palette
from .widgets import FittingButton, icon_pixmap, render_image, set_role, text_label, ui_icon


class ProgressDots(QProgressBar):
    """Where the visitor is, without words: one dot a step, the current one larger. To an
    assistive client, a progress bar: its value, its range and its words in the visitor's
    language ("Question 3 of 12"), which the words over the dots show (`set_words`)."""

    def __init__(self, palette: Palette, metrics: Metrics) -> None:
        super().__init__()
        self.n = 0
        self.total = 0
        self.setTextVisible(False)
        self.apply(palette, metrics)

    def apply(self, palette: Palette, metrics: Metrics) -> None:
        self.palette_ = palette
        self.metrics = metrics
        self.setFixedHeight(metrics.px(24))
        self.set_progress(self.n, self.total)

    def set_progress(self, n: int, total: int) -> None:
        self.n, self.total = n, total
        self.setRange(0, max(total, 1))
        self.setValue(min(n, max(total, 1)))
        accessible.hide(self, total <= 0)  # no steps counted (a result): its words say it
        self.setFixedWidth(self.width_for(total))
        self.update()

    def set_words(self, words: str) -> None:
        """Its name and value in words, as the visitor reads them over the dots."""
        self.setFormat(words.replace("%", "%%"))
        self.setAccessibleName(words)

    def width_for(self, total: int) -> int:
        """The dots' width for `total` steps."""
        return max(1, self.metrics.px(26) * max(total, 1))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        step = self.metrics.px(26)
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        # steps taken are filled dots, steps to come rings: told apart by shape, not only by
        # colour (in high contrast the black dots to come outweighed the blue ones taken)
        ring = max(1.5, float(self.metrics.px(2)))
        for index in range(self.total):
            done = index < self.n
            radius = float(self.metrics.px(9 if index == self.n - 1 else 6))
            if done:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(self.palette_.color("primary"))
            else:
                painter.setPen(QPen(self.palette_.color("line_strong"), ring))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                radius -= ring / 2
            cx = index * step + step // 2
            if rtl:  # the dots fill the way the visitor reads
                cx = self.width() - cx
            painter.drawEllipse(QPointF(cx, self.height() / 2), radius, radius)
        painter.end()


class Frame(QWidget):
    """Top bar, a place for the page host, the disclaimer and the bottom bar."""

    read_aloud = Signal()
    open_panel = Signal()
    open_languages = Signal()

    def __init__(self, ctx: UiContext, pages: QWidget, speech_available: bool) -> None:
        super().__init__()
        self.setObjectName("frame")
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._top_bar(ctx, speech_available))
        layout.addWidget(pages, 1)
        self.disclaimer = text_label("")
        self.disclaimer.setObjectName("disclaimer")
        self.disclaimer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.disclaimer)
        layout.addWidget(self._bottom_bar(ctx.session))
        self.apply(ctx)

    # -- building (once) -------------------------------------------------------------------

    def _top_bar(self, ctx: UiContext, speech_available: bool) -> QFrame:
        """Logo and name on the left, progress in the middle, the reading controls on the
        right. The outer columns share the width equally, so the progress stays centred."""
        self.top_bar = bar = QFrame()
        bar.setObjectName("topBar")
        self.top_grid = grid = QGridLayout(bar)
        self.top_left = left = QHBoxLayout()
        self.logo = QLabel()
        left.addWidget(self.logo)
        self.clinic_name = text_label("", wrap=True)
        self.clinic_name.setObjectName("clinicName")
        left.addWidget(self.clinic_name)
        left.addStretch(1)
        grid.addLayout(left, 0, 0)
        self.centre = centre = QVBoxLayout()
        self.progress_text = text_label("", wrap=False)
        self.progress_text.setObjectName("progressText")
        accessible.hide(self.progress_text)  # the progress bar says it, with its value
        self.progress_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dots = ProgressDots(ctx.palette, ctx.metrics)
        centre.addWidget(self.progress_text, 0, Qt.AlignmentFlag.AlignHCenter)
        centre.addWidget(self.dots, 0, Qt.AlignmentFlag.AlignHCenter)
        grid.addLayout(centre, 0, 1)
        self.access_bar = AccessBar(ctx, speech_available)
        self.access_bar.read_aloud.connect(self.read_aloud)
        self.access_bar.open_panel.connect(self.open_panel)
        self.access_bar.open_languages.connect(self.open_languages)
        grid.addWidget(self.access_bar, 0, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(2, 1)
        return bar

    def _bottom_bar(self, session: Session) -> QFrame:
        self.bottom_bar = bar = QFrame()
        bar.setObjectName("bottomBar")
        # three equal columns: Home stays in the middle whatever the words on Back and Next
        self.bottom_row = row = QGridLayout(bar)
        self.back_button = QPushButton()
        self.back_button.setObjectName("backButton")
        set_role(self.back_button, "nav")
        self.home_button = QPushButton()
        self.home_button.setObjectName("homeButton")
        set_role(self.home_button, "nav")
        self.next_button = FittingButton()  # a long "Start the self-check" takes two lines
        self.next_button.setObjectName("nextButton")
        set_role(self.next_button, "primary")
        self.back_button.clicked.connect(session.back)
        self.home_button.clicked.connect(session.home)
        self.next_button.clicked.connect(session.next)
        row.addWidget(self.back_button, 0, 0)
        row.addWidget(self.home_button, 0, 1, Qt.AlignmentFlag.AlignHCenter)
        row.addWidget(self.next_button, 0, 2)
        for column in range(3):
            row.setColumnStretch(column, 1)
        return bar

    # -- applying (every change) -----------------------------------------------------------

    def apply(self, ctx: UiContext) -> None:
        """Words, icons and sizes for this language, text size, contrast and content, on
        the same widgets."""
        self.ctx = ctx
        m, palette, words, content = ctx.metrics, ctx.palette, ctx.words, ctx.content
        self.top_bar.setFixedHeight(m.px(104))
        # the reading controls (at the reading end) and Back and Next keep out of the staff
        # corner, whichever the clinic chose, in either direction
        edge = m.px(40)
        if ctx.rtl:
            top_left, top_right = clear_of_corner(ctx, "top", "left", edge), edge
        else:
            top_left, top_right = edge, clear_of_corner(ctx, "top", "right", edge)
        self.top_grid.setContentsMargins(top_left, 0, top_right, 0)  # Qt's margins: physical
        self.top_grid.setHorizontalSpacing(m.px(16))
        self.top_left.setSpacing(m.px(16))
        self.centre.setSpacing(m.px(6))
        self.logo.setPixmap(render_image(ctx.asset(content.clinic.logo), QSize(m.px(64), m.px(64))))
        self.logo.setAccessibleName(content.clinic.name)
        self.clinic_name.setText(content.clinic.name)
        self.clinic_name.ensurePolished()  # measured in its own font by _fit_name
        self.dots.apply(palette, m)
        self.access_bar.apply(ctx)
        self.disclaimer.setText(words.disclaimer)
        self.bottom_row.setContentsMargins(
            clear_of_corner(ctx, "bottom", "left", edge),
            m.px(18),
            clear_of_corner(ctx, "bottom", "right", edge),
            m.px(18),
        )
        self.bottom_row.setHorizontalSpacing(m.px(24))
        icon_px = m.icon_beside("button")
        rtl = ctx.rtl
        # the arrows point the way the visitor reads; Next's arrow comes after its words
        back_arrow, next_arrow = ("next", "back") if rtl else ("back", "next")
        self.next_button.setLayoutDirection(
            Qt.LayoutDirection.LeftToRight if rtl else Qt.LayoutDirection.RightToLeft
        )
        # Back and Next at the outer edges of their columns (absolute sides: Next's own
        # direction is the reverse of the window's, which would flip a relative one)
        left, right = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
        absolute = Qt.AlignmentFlag.AlignAbsolute
        self.bottom_row.setAlignment(self.back_button, (right if rtl else left) | absolute)
        self.bottom_row.setAlignment(self.next_button, (left if rtl else right) | absolute)
        for button, icon, colour in (
            (self.back_button, back_arrow, "text"),
            (self.home_button, "home", "text"),
            (self.next_button, next_arrow, "on_primary"),
        ):
            button.setIcon(icon_pixmap(ui_icon(icon), icon_px, palette.color(colour)))
            button.setIconSize(QSize(icon_px, icon_px))
        self.back_button.setText(words.back)
        self.home_button.setText(words.home)
        self._balance()
        self._fit_name()

    def _balance(self) -> None:
        """Back's and Next's columns equally wide, so Home is in the middle of the window
        whatever they say: as wide as the wider of the two where the three fit so; else each
        takes half of what Home leaves, and Next's words take two lines (FittingButton)
        where one is too wide ("Empezar la autoevaluación", the largest text in portrait).
        Only where even two lines do not fit so is each button as wide as its words, none
        cut, and Home off the middle."""
        m = self.ctx.metrics
        back, home, next_ = self.back_button, self.home_button, self.next_button
        buttons = (back, home, next_)
        for button in buttons:
            button.setMinimumWidth(m.px(260))
        wide = max(back.sizeHint().width(), next_.sizeHint().width(), m.px(260))
        margins = self.bottom_row.contentsMargins()
        room = self.width() - margins.left() - margins.right()
        gaps = 2 * self.bottom_row.horizontalSpacing()
        home_width = max(home.sizeHint().width(), m.px(260))
        if 2 * wide + home_width + gaps > room:
            back.setMinimumWidth(0)
            next_.setMinimumWidth(0)

            def sides_fit(home_width: int) -> bool:
                side = (room - home_width - gaps) // 2
                return max(back.sizeHint().width(), next_.two_line_width()) <= side

            if not sides_fit(home_width):
                home_width = home.sizeHint().width()  # Home gives up its extra width first
            # Home as wide as it is: the columns either side share the rest equally
            home.setMinimumWidth(home_width)
            wide = (room - home_width - gaps) // 2
            if not sides_fit(home_width):
                for button in buttons:
                    button.setMinimumWidth(0)
                wide = 0
                # Next on one line if the three fit so; else on two
                one_line = sum(button.sizeHint().width() for button in buttons) + gaps
                if one_line <= room:
                    next_.setMinimumWidth(next_.sizeHint().width())
        self.bottom_row.setColumnMinimumWidth(0, wide)
        self.bottom_row.setColumnMinimumWidth(2, wide)
        self.bottom_row.activate()
        self.next_button.fit()  # two lines where even its own column is too narrow

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._balance()
        self._fit_name()

    def _fit_name(self) -> None:
        """The clinic's name beside its logo, on two lines if need be; where even that does
        not fit (a portrait screen at the largest text), the logo alone, never a cut name.
        The middle of the bar is as wide as the widest progress of a visit (`_widest_middle`),
        so the name shows on every screen of a visit or on none."""
        self.top_grid.setColumnMinimumWidth(1, self._widest_middle())
        self._centre_middle()
        name = self.clinic_name
        name.setMinimumWidth(0)  # the column as the rest of the bar leaves it
        self.top_grid.activate()
        # the logo, then a gap either side of the name (the stretch after it is an item too)
        room = self.top_grid.cellRect(0, 0).width() - self.logo.width()
        room -= 2 * self.top_left.spacing()
        longest_word = max(
            (name.fontMetrics().horizontalAdvance(w) for w in name.text().split()), default=0
        )
        lines = name.heightForWidth(room) if room > 0 else -1
        fits = 0 < lines <= self.top_bar.height() and longest_word <= room
        name.setVisible(fits)
        accessible.hide(self.logo, fits)  # the name beside it says it; alone, it names it
        if fits:  # as wide as it was measured: its size hint alone may be narrower
            name.setMinimumWidth(room)

    def _centre_middle(self) -> None:
        """The progress in the middle of the window, not of what the two sides leave
        (a designer's review: 50 px off in portrait): each side column as wide as puts the
        middle column's centre on the window's, its margin counted (the staff corner's side
        keeps a wider one), where the bar has room for that; else each as it needs."""
        grid, m, ctx = self.top_grid, self.ctx.metrics, self.ctx
        margins = grid.contentsMargins()  # physical, as `apply` set them
        # column 0 is the reading start: the left, or the right in a right-to-left language
        near0, near2 = (
            (margins.right(), margins.left()) if ctx.rtl else (margins.left(), margins.right())
        )
        logo = self.logo.sizeHint().width() + 2 * self.top_left.spacing()
        # the name on one line, or on two where one is long (as `_fit_name` allows)
        name = self.clinic_name
        name.ensurePolished()
        words = name.fontMetrics()
        one_line = words.horizontalAdvance(name.text())
        longest = max((words.horizontalAdvance(w) for w in name.text().split()), default=0)
        padding = name.contentsMargins().left() + name.contentsMargins().right()
        middle = grid.columnMinimumWidth(1) + 2 * grid.horizontalSpacing()
        widths, stretch = (0, 0), (1, 0, 1)
        for name_room in (one_line, min(one_line, max(longest, one_line // 2 + m.px(24)))):
            reach = max(
                near0 + logo + name_room + padding, near2 + self.access_bar.sizeHint().width()
            )
            if 2 * reach + middle <= self.width():
                widths, stretch = (reach - near0, reach - near2), (0, 1, 0)
                break
        grid.setColumnMinimumWidth(0, widths[0])
        grid.setColumnMinimumWidth(2, widths[1])
        for column, factor in enumerate(stretch):  # centred: the middle takes what is left
            grid.setColumnStretch(column, factor)
        # ... and the name no wider than its side (its one-line hint would widen it)
        self.clinic_name.setMaximumWidth(max(0, widths[0] - logo) if widths[0] else 16777215)

    def _widest_middle(self) -> int:
        """The width of the progress at its widest in a visit: its words and its dots at
        the largest counts ("Question 12 of 12", twelve dots) or the result's words."""
        self.progress_text.ensurePolished()  # measured in its own font
        metrics = self.progress_text.fontMetrics()
        margins = self.progress_text.contentsMargins()
        widest = 0
        for progress in self.ctx.session.widest_progress():
            widest = max(
                widest,
                metrics.horizontalAdvance(self._progress_words(progress))
                + margins.left()
                + margins.right(),
                self.dots.width_for(progress.total),
            )
        return widest

    def _progress_words(self, progress: Progress) -> str:
        words = self.ctx.words
        counted = {"step": words.step, "question": words.question}.get(progress.kind)
        if counted is None:
            return words.result
        return counted.format(n=progress.n, total=progress.total)

    def show_progress(self, session: Session) -> None:
        """The progress, Next's words and which of Back and Next can be used now."""
        words = self.ctx.words
        progress = session.progress()
        self.progress_text.setText(self._progress_words(progress))
        counted = progress.kind in ("step", "question")
        self.dots.set_progress(*((progress.n, progress.total) if counted else (0, 0)))
        self.dots.set_words(self.progress_text.text())
        # no steps counted: the words are the only progress, so they are in the tree
        accessible.hide(self.progress_text, counted)
        action = session.next_action()
        self.next_button.set_words(
            {
                "start_check": words.start_check,
                "see_result": words.see_result,
                "finish": words.finish,
                "next": words.next,
            }[action]
        )
        self.next_button.setEnabled(session.can_go_next())
        self.back_button.setEnabled(session.can_go_back())
        self._balance()
        self._fit_name()
