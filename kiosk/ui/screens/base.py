"""What every screen gets: the content, the session, the look, and a place for its parts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from ...content.app_words import format_date
from ...content.i18n import labelled
from ...content.model import Block
from ...content.parts import Link
from ...core.place import Place
from .. import accessible
from ..bidi import isolate, isolate_ltr_runs, left_to_right
from ..context import UiContext
from ..theme import Metrics
from ..widgets import KineticScrollArea, QrCode, render_image, set_role, text_label


class Screen(QWidget):
    """A page of the kiosk, for one place. `refresh()` runs each time it is shown."""

    def __init__(self, ctx: UiContext, place: Place) -> None:
        super().__init__()
        self.ctx = ctx
        self.place = place
        self.setObjectName(place.name)
        set_role(self, "page")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.layout_ = QVBoxLayout(self)
        m = ctx.metrics
        self.layout_.setContentsMargins(m.px(56), m.px(32), m.px(56), m.px(16))
        self.layout_.setSpacing(m.px(20))

    def refresh(self) -> None:
        """Bring the screen up to date with the session (answers, selection)."""

    # -- a short page in the middle of a tall screen --------------------------------------

    def centre_when_short(self, area: KineticScrollArea, body: QWidget) -> None:
        """Call once the page's layout holds its title and then `area` (which scrolls
        `body`): on a portrait screen a page shorter than the screen stands in its middle,
        the room left shared above its title and below its last words (tester: the words
        at the top, 60 % of the page blank); a longer one, or any in landscape, starts at
        the top and scrolls. Measured again whenever `body` is laid out anew."""
        self.layout_.insertStretch(0, 0)
        self.layout_.addStretch(0)
        self._column = (area, body)
        self._balancing = False
        body.installEventFilter(self)

    def balance_column(self) -> None:
        """Centre the page's column on a portrait screen, if it is short (see above)."""
        column = getattr(self, "_column", None)
        if column is None or self.window() is self or self._balancing:
            return  # none, not on the window yet, or balancing now
        self._balancing = True
        try:
            for part in self.findChildren(QWidget):  # measured in the fonts it is drawn in
                part.ensurePolished()
            self._balance(*column)
        finally:
            self._balancing = False

    def _balance(self, area: KineticScrollArea, body: QWidget) -> None:
        layout = self.layout_
        margins = layout.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        if area.maximumHeight() != QWIDGETSIZE_MAX:  # measured at its full height
            area.setMinimumHeight(0)
            area.setMaximumHeight(QWIDGETSIZE_MAX)
            layout.setStretch(2, 1)
            layout.activate()
        title = layout.itemAt(1)
        assert title is not None
        room = self.height() - margins.top() - margins.bottom() - 3 * layout.spacing()
        room -= title.heightForWidth(width) if title.hasHeightForWidth() else 0
        area.fit_content()  # laid out at its width: what it draws is known
        _lay_out(body)
        needed = _lowest(body) + self.ctx.metrics.px(24)
        content = area.widget()
        if content is not None and content.hasHeightForWidth():  # as the area sizes it
            needed = max(needed, content.heightForWidth(area.viewport().width()))
        centred = self.height() > self.width() and 0 < needed < room
        if centred:
            area.setFixedHeight(needed)
        else:
            area.setMinimumHeight(0)
            area.setMaximumHeight(QWIDGETSIZE_MAX)
        for index, stretch in ((0, 1), (2, 0), (3, 1)) if centred else ((0, 0), (2, 1), (3, 0)):
            layout.setStretch(index, stretch)
        layout.activate()
        for _ in range(3):  # as tall as the area makes its content: nothing left to scroll
            area.fit_content()
            more = area.verticalScrollBar().maximum()
            if not centred or more <= 0 or needed + more >= room:
                break
            needed += more
            area.setFixedHeight(needed)
            layout.activate()
        if centred:  # the words in the middle: the blank under them in the area counts
            free, blank = room - needed, max(0, needed - _lowest(body))
            if free > blank:
                layout.setStretch(0, free + blank)
                layout.setStretch(3, free - blank)
                layout.activate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        column = getattr(self, "_column", None)
        if column is not None and watched is column[1] and event.type() == QEvent.Type.Resize:
            self.balance_column()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        self.balance_column()
        super().resizeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if getattr(self, "_column", None) is not None:  # its parts placed now: measured again
            QTimer.singleShot(0, self.balance_column)

    def opened(self) -> object:
        """What the visitor opened on this page (a part of the nerve), to be opened again on
        the page drawn anew for another language, text size or contrast; None for nothing."""
        return None

    def reopen(self, opened: object) -> None:
        """Open again what `opened` (from the same page's `opened`) names, when next shown."""

    def first_focus(self) -> QWidget | None:
        """The control a keyboard visitor lands on when this page is shown, if the page has
        a preference (a question: its answer); None for the first control in reading order
        (see `kiosk.ui.input.keyboard`)."""
        return None

    def set_title(self, title: str) -> None:
        """The page's name for screen readers: its title."""
        self.setAccessibleName(title)


class WordsButton(QPushButton):
    """A button whose words wrap onto more lines instead of being cut, however large the
    text or long the translation (a QPushButton draws one line and clips the rest)."""

    def __init__(
        self, ctx: UiContext, text: str, role: str, min_height: int = 80, number: str = ""
    ) -> None:
        super().__init__()
        set_role(self, role)
        self.setAccessibleName(f"{number}. {text}" if number else text)
        self.min_height = ctx.metrics.px(min_height)
        row = QHBoxLayout(self)
        m = ctx.metrics
        row.setContentsMargins(m.px(22), m.px(10), m.px(22), m.px(10))
        self.row = row
        self.words = text_label(text)
        self.words.setObjectName("buttonWords")
        self.words.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        if number:
            # a number of its own, level with the first line, so wrapped words hang under
            # the first word and not under the number (a designer's review); the two are
            # centred in the button together
            figure = text_label(number, wrap=False)
            figure.setObjectName("buttonNumber")
            accessible.hide(figure)  # the button's name says it
            pair = QWidget()
            pair.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            line = QHBoxLayout(pair)
            line.setContentsMargins(0, 0, 0, 0)
            line.setSpacing(m.px(14))
            line.addWidget(figure, 0, Qt.AlignmentFlag.AlignTop)
            line.addWidget(self.words, 1, Qt.AlignmentFlag.AlignTop)
            row.addWidget(pair, 1, Qt.AlignmentFlag.AlignVCenter)
        else:
            row.addWidget(self.words, 1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        # Qt asks a widget's own layout for its height, not heightForWidth() below: the
        # minimum keeps a one-line button from being squeezed to nothing
        self.setMinimumHeight(self.min_height)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        layout = self.layout()
        assert layout is not None
        return max(self.min_height, layout.totalHeightForWidth(width))

    def sizeHint(self) -> QSize:  # noqa: N802
        width = self.words.sizeHint().width() + 2 * self.min_height // 3
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.min_height * 2, self.min_height)


def scroll_area(ctx: UiContext, content: QWidget, name: str) -> KineticScrollArea:
    """A kinetic scroll area named for screen readers (`name`: what it holds), with the
    theme's focus ring width (`focus` in theme.py) for keyboard visitors."""
    area = KineticScrollArea(content, ctx.words.more_below, focus_width=max(3, ctx.metrics.px(5)))
    area.setAccessibleName(name)
    return area


def measured(ctx: UiContext, inner: QWidget) -> QWidget:
    """`inner` centred at a comfortable reading width, or as wide as the page where that is
    narrower: its edges are the page's margins then, as every column's on the page (the
    title's, the text's, the answers'), to the pixel. (The room around it grows only once
    it is at its widest; a scroll bar finds its own room, see `KineticScrollArea`.)"""
    outer = QWidget()
    row = QHBoxLayout(outer)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(0)
    room = QSizePolicy.Policy.Minimum  # may grow, after `inner`
    row.addSpacerItem(QSpacerItem(0, 0, room, room))
    inner.setMaximumWidth(ctx.metrics.measure)
    inner.setSizePolicy(QSizePolicy.Policy.Expanding, inner.sizePolicy().verticalPolicy())
    row.addWidget(inner)
    row.addSpacerItem(QSpacerItem(0, 0, room, room))
    return outer


def blocks_widget(ctx: UiContext, blocks: list[Block]) -> QWidget:
    """Paragraphs, bullet lists, callouts and images, at a readable line length."""
    m = ctx.metrics
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(m.px(22))
    for block in blocks:
        if block.paragraph:
            layout.addWidget(text_label(block.paragraph, "body"))
        elif block.bullets:
            for item in block.bullets:
                row = QHBoxLayout()
                row.setSpacing(m.px(16))
                dot = QLabel("\u2022")
                set_role(dot, "heading")
                dot.setAlignment(Qt.AlignmentFlag.AlignTop)
                accessible.hide(dot)  # the bullet belongs to its item's words
                row.addWidget(dot)
                words = text_label(item, "body")
                words.setAccessibleName(f"\u2022 {item}")
                row.addWidget(words, 1)
                layout.addLayout(row)
        elif block.callout:
            frame = QFrame()
            set_role(frame, "callout")
            inner = QVBoxLayout(frame)
            inner.setContentsMargins(m.px(28), m.px(20), m.px(24), m.px(20))
            inner.addWidget(text_label(block.callout, "body"))
            layout.addWidget(frame)
        elif block.image:
            picture = QLabel()
            picture.setPixmap(render_image(ctx.asset(block.image), _image_box(m)))
            picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
            accessible.hide(picture)  # no words of its own: its caption follows
            layout.addWidget(picture)
            if block.caption:
                caption = text_label(block.caption, "meta")
                caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
                layout.addWidget(caption)
        elif block.link is not None:
            layout.addWidget(link_card(ctx, block.link))
    return box


def clinic_details(ctx: UiContext) -> QFrame | None:
    """The clinic's opening hours and how to find it, each under its heading (None when the
    clinic gives neither)."""
    clinic, m = ctx.content.clinic, ctx.metrics
    parts = [(ctx.words.opening_hours, clinic.hours), (ctx.words.find_us, clinic.directions)]
    parts = [(heading, words) for heading, words in parts if words]
    if not parts:
        return None
    box = QFrame()
    set_role(box, "card")
    box.setObjectName("clinicDetails")
    column = QVBoxLayout(box)
    column.setContentsMargins(m.px(24), m.px(20), m.px(24), m.px(20))
    column.setSpacing(m.px(8))
    for index, (heading, words) in enumerate(parts):
        if index:
            column.addSpacing(m.px(10))
        column.addWidget(text_label(heading, "heading"))
        column.addWidget(text_label(isolate_ltr_runs(words or "", ctx.rtl), "body"))
    return box


def short_address(url: str) -> str:
    """A web address as a visitor would type it: no https://, no www., no / at the end."""
    address = url.split("://", 1)[-1]
    if address.lower().startswith("www."):
        address = address[4:]
    return address.rstrip("/")


def link_card(ctx: UiContext, link: Link) -> QFrame:
    """A page to take home: its QR code, its label, its short address in words (which may
    break after a /, never run off the card) and its caption."""
    m = ctx.metrics
    card = QFrame()
    set_role(card, "card")
    card.setObjectName("linkCard")
    row = QHBoxLayout(card)
    row.setContentsMargins(m.px(24), m.px(20), m.px(24), m.px(20))
    row.setSpacing(m.px(24))
    address = short_address(str(link.url))
    qr = QrCode(str(link.url), m.px(168), ctx.palette.color("text"), ctx.palette.color("surface"))
    qr.setAccessibleName(f"{link.label}: {address}")
    row.addWidget(qr, 0, Qt.AlignmentFlag.AlignTop)
    column = QVBoxLayout()
    column.setSpacing(m.px(8))
    column.addWidget(text_label(link.label, "heading"))
    # an address reads left to right, in any direction (its / and . stay in place)
    words = text_label(left_to_right(address.replace("/", "/\u200b"), ctx.rtl), "body")
    words.setObjectName("linkAddress")
    column.addWidget(words)
    if link.caption:
        column.addWidget(text_label(link.caption, "help"))
    column.addStretch(1)
    row.addLayout(column, 1)
    return card


def _image_box(m: Metrics) -> QSize:
    return QSize(m.px(760), m.px(420))


def sources_widget(ctx: UiContext, sources: list[str], reviewed: date | None) -> QWidget:
    words = ctx.words
    parts = []
    if sources:
        # each source keeps its own direction (first strong isolate): an English citation
        # on an Arabic screen reads left to right, its brackets in place; and each has a line
        # of its own, with no punctuation between two (a designer's review: in Arabic the
        # "; " and ". " that joined them stood inside the citations' words)
        listed = "\n".join(isolate(s) for s in sources)
        parts.append(labelled(str(words.sources), listed, ctx.session.shown_language))
    if reviewed:
        parts.append(words.reviewed.format(date=format_date(reviewed, ctx.session.shown_language)))
    label = text_label("\n".join(parts), "meta")
    label.setObjectName("sources")
    return label


def language_buttons(
    ctx: UiContext, role: str, prefix: str, choose: Callable[[str], None]
) -> list[QPushButton]:
    """One checkable button a language offered, in its own name, the shown one checked;
    a tap calls `choose` with its code."""
    session = ctx.session
    buttons = []
    for language in session.base.languages:
        button = QPushButton(language.name)
        button.setObjectName(f"{prefix}{language.code}")
        set_role(button, role)
        button.setCheckable(True)
        button.setChecked(language.code == session.shown_language)
        button.setAccessibleName(language.name)
        accessible.mark(button, accessible.RADIO)  # one language of several
        button.clicked.connect(lambda _=False, code=language.code: choose(code))
        buttons.append(button)
    return buttons


QWIDGETSIZE_MAX = (1 << 24) - 1
"""Qt's largest widget size (no maximum)."""


def _lay_out(widget: QWidget) -> None:
    """Place every part of `widget` now, from the outside in (a hidden page's parts are
    placed only when it is shown: measured before, they are where they were)."""

    def depth(part: QWidget) -> int:
        count = 0
        while part is not widget and (parent := part.parentWidget()) is not None:
            part, count = parent, count + 1
        return count

    for part in sorted([widget, *widget.findChildren(QWidget)], key=depth):
        layout = part.layout()
        if layout is not None:
            layout.activate()


def _lowest(content: QWidget) -> int:
    """The bottom edge, in `content`, of the lowest thing it draws (shown or not yet)."""
    leaves = [
        w
        for w in content.findChildren(QWidget)
        if w.isVisibleTo(content) and w.height() > 0 and not w.findChildren(QWidget)
    ]
    return max((w.mapTo(content, QPoint(0, w.height())).y() for w in leaves), default=0)
