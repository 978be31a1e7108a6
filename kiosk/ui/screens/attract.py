"""The attract screen: the clinic, a few teaser slides from the content (an attract loop), an
invitation to touch, and a word on privacy.

The slides come from `kiosk.core.teasers`, plain functions of the content (no Qt), so what
the loop shows is testable on its own. The view changes slide on a timer it owns, with a short
fade (out, then in); the interval and the fade are injectable, so tests run in milliseconds.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QPropertyAnimation,
    QSequentialAnimationGroup,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QHideEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsOpacityEffect,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...core.place import Place
from ...core.teasers import Teaser, teasers
from .. import accessible
from ..bidi import isolate_ltr_runs
from ..context import UiContext
from ..corner import clear_of_corner
from ..theme import Metrics, Palette
from ..widgets import FittingButton, icon_pixmap, render_image, set_role, text_label, ui_icon
from .base import Screen, language_buttons, measured

FADE_OUT_MS = 220
FADE_IN_MS = 320
"""The fade between two slides: the old one fades out, then the new one in (calm, well
under a second, and the two texts are never seen on top of each other)."""

# --- the view --------------------------------------------------------------------------------


def _measured_when_hidden(widget: QWidget) -> None:
    """Count `widget` in its layout's sizes while it is hidden (a slide not showing, or the
    parts of one never shown yet), so the card is always as tall as its tallest slide."""
    policy = widget.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    widget.setSizePolicy(policy)


class SlideDots(QWidget):
    """Which slide is showing: one small dot a slide, the current one larger and coloured."""

    def __init__(self, palette: Palette, metrics: Metrics, total: int) -> None:
        super().__init__()
        self.setObjectName("attractDots")
        self.palette_ = palette
        self.metrics = metrics
        self.total = total
        self.current = 0
        self.step = metrics.px(32)
        self.setFixedSize(max(1, self.step * total), metrics.px(24))
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAccessibleName("")  # decoration: the slides themselves are named

    def set_current(self, index: int) -> None:
        self.current = index
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        for index in range(self.total):
            here = index == self.current
            radius = self.metrics.px(9 if here else 6)
            painter.setBrush(self.palette_.color("primary" if here else "line_strong"))
            cx = index * self.step + self.step // 2
            if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
                cx = self.width() - cx  # the first slide's dot at the reading start
            painter.drawEllipse(cx - radius, self.height() // 2 - radius, radius * 2, radius * 2)
        painter.end()


class AttractView(Screen):
    def __init__(
        self,
        ctx: UiContext,
        place: Place,
        *,
        slide_ms: int = 8000,
        animate: bool = True,
    ) -> None:
        super().__init__(ctx, place)
        m, content = ctx.metrics, ctx.content
        self.set_title(content.clinic.name)
        self.animate = animate
        """Fade between slides; False changes at once (tests, and "reduce motion")."""
        self.teasers = teasers(content)
        self.index = 0
        layout = self.layout_
        layout.setContentsMargins(m.px(80), m.px(56), m.px(80), m.px(40))
        layout.setSpacing(m.px(22))
        layout.addStretch(3)
        logo = QLabel()
        logo.setPixmap(render_image(ctx.asset(content.clinic.logo), QSize(m.px(160), m.px(160))))
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        logo.setAccessibleName(content.clinic.name)
        accessible.hide(logo)  # the name under it says it
        layout.addWidget(logo)
        name_label = text_label(content.clinic.name, heading=True)
        name_label.setObjectName("attractName")
        name_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(name_label)
        welcome = text_label(content.clinic.welcome)
        welcome.setObjectName("attractWelcome")
        welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # at a reading width, no wider than the card under it (a designer's review: 110
        # letters a line across a landscape screen)
        layout.addWidget(measured(ctx, welcome))
        clinic = content.clinic
        if clinic.details_on_attract and (clinic.hours or clinic.directions):
            lines = (clinic.hours, clinic.directions)
            details = text_label(
                "\n".join(
                    isolate_ltr_runs(t, ctx.rtl) for t in lines if t
                )  # times keep their order
            )
            details.setObjectName("attractDetails")
            set_role(details, "help")
            details.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(details)
        layout.addStretch(2)
        self.teaser_area = self._teaser_area()
        layout.addWidget(self.teaser_area)
        layout.addStretch(2)
        self.begin = FittingButton(ctx.words.touch_to_begin)
        self.begin.setObjectName("beginButton")
        self.begin.setIcon(icon_pixmap(ui_icon("touch"), m.px(64), ctx.palette.color("on_primary")))
        self.begin.setIconSize(QSize(m.px(64), m.px(64)))
        self.begin.clicked.connect(ctx.session.start)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.begin)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(3)
        self.language_buttons = self._languages()
        privacy_row = QHBoxLayout()
        privacy_row.addStretch(1)
        lock = QLabel()
        lock.setPixmap(icon_pixmap(ui_icon("lock"), m.px(32), ctx.palette.color("muted")))
        accessible.hide(lock)
        privacy_row.addWidget(lock)
        privacy = text_label(ctx.words.privacy, wrap=False)
        privacy.setObjectName("attractPrivacy")
        privacy_row.addWidget(privacy)
        privacy_row.addStretch(1)
        layout.addLayout(privacy_row)

        self.timer = QTimer(self)
        self.timer.setInterval(slide_ms)
        self.timer.timeout.connect(self.advance)
        self._fade: QSequentialAnimationGroup | None = None
        self._show_only(0)

    # -- building ----------------------------------------------------------------------------

    def _languages(self) -> list[QPushButton]:
        """One button a language, each in its own name, at the top right (where the frame has
        its language button), when the clinic offers more than one. A tap changes the
        language of this screen and of the visit that follows; it does not begin."""
        session, m = self.ctx.session, self.ctx.metrics
        languages = session.base.languages
        self.language_box = QWidget(self)
        self.language_box.setObjectName("attractLanguages")
        if len(languages) < 2:
            self.language_box.hide()
            return []
        row = QHBoxLayout(self.language_box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(m.px(16))
        globe = QLabel()
        globe.setPixmap(icon_pixmap(ui_icon("globe"), m.px(40), self.ctx.palette.color("muted")))
        accessible.hide(globe)
        row.addWidget(globe)
        buttons = language_buttons(self.ctx, "language", "attractLanguage_", session.set_language)
        for button in buttons:
            row.addWidget(button)
        return buttons

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:  # a font or text changed size
            self._fit()
        return handled

    def _fit(self) -> None:
        self._fit_teasers()
        box, margin = self.language_box, self.ctx.metrics.px(32)
        box.resize(box.sizeHint())
        # where the frame has its language button (the reading end), clear of the staff corner
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            box.move(clear_of_corner(self.ctx, "top", "left", margin), margin)
        else:
            right = clear_of_corner(self.ctx, "top", "right", margin)
            box.move(max(0, self.width() - box.width() - right), margin)
        box.raise_()

    def _teaser_area(self) -> QWidget:
        """A calm card holding one slide at a time (all slides stacked, so the card keeps the
        height of the tallest and nothing below it jumps), and the dots under it."""
        m = self.ctx.metrics
        area = QWidget()
        area.setObjectName("attractTeasers")
        area.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        column = QVBoxLayout(area)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(m.px(12))
        self.card = QFrame()
        self.card.setObjectName("teaserCard")
        self.card.setMaximumWidth(m.measure + m.px(96))
        # every slide in the one cell: the card keeps the height of the tallest at its width,
        # so it never changes height (and nothing below it moves) when the slide changes
        self.stack = QGridLayout(self.card)
        self.stack.setContentsMargins(m.px(48), m.px(28), m.px(48), m.px(28))
        self.slides: list[QWidget] = []
        self.titles: list[QLabel] = []
        self.lines: list[QLabel] = []
        self._effects: list[QGraphicsOpacityEffect] = []
        for teaser in self.teasers:
            slide = self._slide(teaser)
            effect = QGraphicsOpacityEffect(slide)
            effect.setOpacity(1.0)
            effect.setEnabled(False)  # only while fading: text renders crisper without it
            slide.setGraphicsEffect(effect)
            self._effects.append(effect)
            _measured_when_hidden(slide)
            self.slides.append(slide)
            self.stack.addWidget(slide, 0, 0)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(self.card, 100)
        row.addStretch(1)
        column.addLayout(row)
        self.dots = SlideDots(self.ctx.palette, m, len(self.teasers))
        column.addWidget(self.dots, 0, Qt.AlignmentFlag.AlignHCenter)
        self.dots.setVisible(len(self.teasers) > 1)  # after it has a parent: never a window
        if not self.teasers:  # nothing to tease: no empty card
            area.hide()
        return area

    def _slide(self, teaser: Teaser) -> QWidget:
        ctx, m = self.ctx, self.ctx.metrics
        slide = QWidget()
        row = QHBoxLayout(slide)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(m.px(32))
        picture = render_image(ctx.asset(teaser.image), QSize(m.px(128), m.px(128)))
        if not picture.isNull():
            image = QLabel()
            image.setPixmap(picture)
            image.setAlignment(Qt.AlignmentFlag.AlignCenter)
            image.setAccessibleName("")
            accessible.hide(image)
            _measured_when_hidden(image)
            row.addWidget(image, 0, Qt.AlignmentFlag.AlignVCenter)
        align = (
            Qt.AlignmentFlag.AlignCenter
            if picture.isNull()
            else Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        text = QVBoxLayout()
        text.setSpacing(m.px(12))
        text.addStretch(1)
        title = text_label(teaser.title)
        title.setObjectName("teaserTitle")
        title.setAlignment(align)
        title.setAccessibleName(teaser.title)
        line = text_label(teaser.line, "body")
        line.setObjectName("teaserLine")
        line.setAlignment(align)
        line.setAccessibleName(teaser.line)
        for label in (title, line):
            # the layout gives a wrapped label its height for the real width; the text
            # label's usual Minimum policy would also reserve its height at a narrow guess
            policy = label.sizePolicy()  # (keeps the label's height-for-width flag)
            policy.setVerticalPolicy(QSizePolicy.Policy.Preferred)
            label.setSizePolicy(policy)
            _measured_when_hidden(label)
            text.addWidget(label)
        text.addStretch(1)
        row.addLayout(text, 1)
        self.titles.append(title)
        self.lines.append(line)
        return slide

    def _fit_teasers(self) -> None:
        """The slides give way where the screen is too short for them at the text size shown
        (the largest text on a landscape screen): the name, the invitation and the
        privacy line always fit."""
        if not self.teasers or self.height() <= 0:
            return
        area, layout = self.teaser_area, self.layout_
        needed = layout.totalMinimumHeightForWidth(self.width())
        if area.isHidden():
            needed += area.minimumSizeHint().height() + layout.spacing()
        fits = needed <= self.height()
        if fits == area.isHidden():
            area.setVisible(fits)

    # -- the loop ----------------------------------------------------------------------------

    @property
    def slide_ms(self) -> int:
        return self.timer.interval()

    @property
    def fading(self) -> bool:
        """A fade between two slides is under way."""
        return self._fade is not None

    def advance(self) -> None:
        """The next slide (after the last, the first): a short fade, or a jump when `animate`
        is off. The timer calls it; so may a test."""
        if len(self.slides) < 2:
            return
        self._finish_fade()
        old, new = self.index, (self.index + 1) % len(self.slides)
        self.index = new
        self.dots.set_current(new)
        if not self.animate or not self.isVisible():
            self._show_only(new)
            return
        self.slides[new].show()
        self.slides[new].raise_()
        group = QSequentialAnimationGroup(self)
        for slide, start, end, ms in ((old, 1.0, 0.0, FADE_OUT_MS), (new, 0.0, 1.0, FADE_IN_MS)):
            effect = self._effects[slide]
            effect.setOpacity(start)
            effect.setEnabled(True)
            fade = QPropertyAnimation(effect, b"opacity", group)
            fade.setDuration(ms)
            fade.setStartValue(start)
            fade.setEndValue(end)
            fade.setEasingCurve(QEasingCurve.Type.InOutQuad)
            group.addAnimation(fade)
        group.finished.connect(self._faded)
        self._fade = group
        group.start()

    def _faded(self) -> None:
        if self._fade is not None:
            self._fade.deleteLater()
            self._fade = None
        self._show_only(self.index)

    def _finish_fade(self) -> None:
        if self._fade is not None:
            fade, self._fade = self._fade, None
            fade.stop()
            fade.deleteLater()
            self._show_only(self.index)

    def _show_only(self, index: int) -> None:
        for i, (slide, effect) in enumerate(zip(self.slides, self._effects, strict=True)):
            effect.setOpacity(1.0)
            effect.setEnabled(False)
            slide.setVisible(i == index)
        if self.slides:
            self.slides[index].raise_()
            self.dots.set_current(index)

    def refresh(self) -> None:
        """Shown again (the start, or a visit ended): back to the first slide, full time."""
        self._finish_fade()
        self.index = 0
        self._show_only(0)
        if self.isVisible():
            self._start_timer()

    def _start_timer(self) -> None:
        if len(self.slides) > 1:
            self.timer.start()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._start_timer()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt's name)
        """No ticking (and no fading) while a visit is under way."""
        self.timer.stop()
        self._finish_fade()
        super().hideEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        """A touch anywhere begins."""
        event.accept()
        self.ctx.session.start()
