"""Small widgets the screens share: labels, icons, kinetic scrolling, the QR code, portraits."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QLocale,
    QMargins,
    QObject,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QHideEvent,
    QImage,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScrollBar,
    QScroller,
    QScrollerProperties,
    QSizePolicy,
    QWidget,
)

from ..content.colors import readable_on
from ..content.model import Language
from ..content.snapshot import AssetFile
from ..paths import bundled_asset
from . import accessible


def set_role(widget: QWidget, role: str, **properties: object) -> None:
    """Style a widget through the theme (a dynamic property), never an inline stylesheet."""
    widget.setProperty("role", role)
    for key, value in properties.items():
        widget.setProperty(key, value)


def restyle(widget: QWidget) -> None:
    """Apply the theme again to a widget whose role or properties changed after it was shown."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


HEADING_ROLES = frozenset({"title", "question", "section", "heading"})
"""The looks of a label that is a heading for an assistive client (a page's title, a
question, a part's heading)."""


def text_label(
    text: str, role: str | None = None, wrap: bool = True, heading: bool | None = None
) -> QLabel:
    """A label of plain words; a heading for assistive clients if `heading` (by default: its
    look is a heading's, `HEADING_ROLES`)."""
    label = QLabel()
    if (
        role in HEADING_ROLES if heading is None else heading
    ):  # before its words: an active client makes its interface then
        accessible.mark(label, accessible.HEADING)
    label.setText(text)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    if role:
        set_role(label, role)
    if wrap:
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


# --- images ----------------------------------------------------------------------------------


Picture = Path | AssetFile
"""A picture to draw: a file the kiosk ships (its own icons), or an asset of the content's
snapshot, drawn from the bytes read at load and never read from disk again."""


def _svg_renderer(picture: Picture) -> QSvgRenderer:
    if isinstance(picture, AssetFile):
        return QSvgRenderer(QByteArray(picture.data))
    return QSvgRenderer(str(picture))


def render_image(picture: Picture | None, size: QSize) -> QPixmap:
    """An SVG or bitmap fitted into `size`, keeping its shape; empty if it cannot be read."""
    if picture is None:
        return QPixmap()
    if picture.suffix.lower() == ".svg":
        renderer = _svg_renderer(picture)
        if not renderer.isValid():
            return QPixmap()
        natural = renderer.defaultSize()
        fitted = natural.scaled(size, Qt.AspectRatioMode.KeepAspectRatio)
        image = QImage(fitted, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        return QPixmap.fromImage(image)
    if isinstance(picture, AssetFile):
        pixmap = QPixmap()
        pixmap.loadFromData(picture.data)
    else:
        pixmap = QPixmap(str(picture))
    if pixmap.isNull():
        return pixmap
    return pixmap.scaled(
        size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


BLACK = frozenset({"#000", "#000000", "black", "none", "currentcolor", "transparent"})
"""The colours of a black line drawing (and its unpainted parts)."""
PAINTS = re.compile(r"""(?:fill|stroke|color)\s*[:=]\s*["']?\s*([#\w]+)""", re.IGNORECASE)


def is_black_drawing(picture: Picture | None) -> bool:
    """Whether `picture` is an SVG painted in black only (a line drawing, which the kiosk
    draws in the clinic's colour; one with colours of its own keeps them)."""
    if picture is None or picture.suffix.lower() != ".svg":
        return False
    data = picture.data if isinstance(picture, AssetFile) else Path(picture).read_bytes()
    source = data.decode("utf-8", "replace")
    return all(paint.lower() in BLACK for paint in PAINTS.findall(source))


def render_drawing(picture: Picture | None, size: QSize, color: QColor) -> QPixmap:
    """`render_image`, a black line drawing painted in `color` (the schema's promise)."""
    pixmap = render_image(picture, size)
    if pixmap.isNull() or not is_black_drawing(picture):
        return pixmap
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(image.rect(), color)
    painter.end()
    return QPixmap.fromImage(image)


def svg_with_style(source: str, css: str) -> bytes:
    """An SVG with `css` added. QtSvg applies a <style> only to elements after it, so it goes
    straight after the opening <svg> tag."""
    start = source.find("<svg")
    end = source.find(">", start)
    if start < 0 or end < 0:
        return source.encode("utf-8")
    return (source[: end + 1] + f"<style>{css}</style>" + source[end + 1 :]).encode("utf-8")


@lru_cache(maxsize=256)
def _tinted(picture: Picture, px: int, color: str) -> QImage:
    renderer = _svg_renderer(picture)
    image = QImage(px, px, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(image.rect(), QColor(color))
    painter.end()
    return image


def icon_pixmap(picture: Picture | None, px: int, color: QColor) -> QPixmap:
    """A one-colour icon (black SVG) painted in `color`."""
    if picture is None or (isinstance(picture, Path) and not picture.is_file()):
        return QPixmap()
    return QPixmap.fromImage(_tinted(picture, px, color.name()))


def ui_icon(name: str) -> Path:
    return bundled_asset(f"icons/{name}.svg")


def icon_label(path: Picture | None, px: int, color: QColor) -> QLabel:
    label = QLabel()
    label.setPixmap(icon_pixmap(path, px, color))
    label.setFixedSize(px, px)
    label.setAccessibleName("")
    accessible.hide(label)  # it decorates: the words beside it say what it means
    return label


class Portrait(QWidget):
    """A therapist's photo in a circle; without one, their initials on a tint of the
    clinic's colour (an empty grey circle looked like a picture that failed to load)."""

    def __init__(
        self,
        path: Picture | None,
        px: int,
        name: str,
        colours: tuple[QColor, QColor] = (QColor("#DDDDDD"), QColor("#1E2A2A")),
    ) -> None:
        super().__init__()
        self.setFixedSize(px, px)
        self._pixmap = render_image(path, QSize(px, px))
        self.background, self.ink = colours
        """The circle's colour and the initials' where there is no photo."""
        self.initials = initials(name)
        self.setAccessibleName(name)  # the person, in any language
        accessible.hide(self)  # their name is the heading beside it

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        clip = QPainterPath()
        clip.addEllipse(QRectF(self.rect()))
        painter.setClipPath(clip)
        if self._pixmap.isNull():
            painter.fillRect(self.rect(), self.background)
            font = painter.font()
            font.setPixelSize(max(8, self.height() * 3 // 8))
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(self.ink)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.initials)
        else:
            x = (self.width() - self._pixmap.width()) // 2
            y = (self.height() - self._pixmap.height()) // 2
            painter.drawPixmap(x, y, self._pixmap)
        painter.end()


def initials(name: str) -> str:
    """A person's initials, from the first letters of their first and last names: "Maya
    Chen" -> "MC"; a title (Dr.) and the Arabic article (ال) are passed over."""
    words = [w for w in name.replace(".", ". ").split() if not w.endswith(".")]
    letters = []
    for word in (words[:1] + words[1:][-1:]) if words else []:
        if word.startswith("ال") and len(word) > 2:
            word = word[2:]
        letters.append(word[0].upper())
    return "".join(letters)


@lru_cache(maxsize=32)
def qr_matrix(data: str) -> tuple[tuple[int, ...], ...]:
    """The modules of `data`'s QR code (error level M), made once per link: a result page
    is built again for each language, text size and contrast, and its links stay the same."""
    import segno  # only results draw QR codes: not loaded before the first frame

    return tuple(tuple(row) for row in segno.make(data, error="m").matrix)


class QrCode(QWidget):
    """A QR code for a link, drawn crisp at any size (segno makes the matrix)."""

    def __init__(self, data: str, px: int, dark: QColor, light: QColor) -> None:
        super().__init__()
        self.data = data
        self._matrix = qr_matrix(data)
        self._dark, self._light = dark, light
        self.setFixedSize(px, px)
        self.setAccessibleName(data)  # the caller names it in the visitor's words
        accessible.mark(self, accessible.FIGURE)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), self._light)
        count = len(self._matrix) + 8  # four modules of quiet zone on each side
        module = self.width() / count
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._dark)
        for y, row in enumerate(self._matrix):
            for x, value in enumerate(row):
                if value:
                    painter.drawRect(
                        QRectF((x + 4) * module, (y + 4) * module, module + 0.5, module + 0.5)
                    )
        painter.end()


# --- scrolling -------------------------------------------------------------------------------


def ring_reach(width: int) -> int:
    """How far outside a control its focus ring `width` px thick reaches (`ControlRing`):
    the ring and a halo on either side of it."""
    return width + 2 * max(1, width // 2)


class ControlRing(QWidget):
    """The keyboard focus ring round any control (WCAG 2.2 2.4.13 Focus Appearance): a line
    `width` px thick (5 px at 1080p) just outside the control, in the text colour of what the
    control sits on, edged on both sides by a thin halo of the colour that reads on it (white
    on dark text). So the ring contrasts at least 3:1 with what was there before and with its
    neighbours on both sides, whatever the control's own colours are (a filled button, a
    checked answer, a danger button) and where it crosses a line of a figure.

    It lives in the nearest ancestor of the control that has room for the whole ring, over
    the other children, follows the control when it or anything between them moves (a
    scroll), and lets every touch through. One ring per window: `follow` moves it."""

    def __init__(self, owner: QWidget, width: int) -> None:
        super().__init__(owner)
        self.owner = owner
        self.width_ = width
        self.target: QWidget | None = None
        self._watched: list[QWidget] = []
        self.setObjectName("focusRing")
        accessible.hide(self)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()

    @property
    def halo(self) -> int:
        return max(1, self.width_ // 2)

    @property
    def gap(self) -> int:
        """How far outside the control the ring's outer edge lies."""
        return ring_reach(self.width_)

    def follow(self, target: QWidget | None) -> None:
        """Ring `target` (None: no ring)."""
        for widget in self._watched:
            if shiboken6.isValid(widget):
                widget.removeEventFilter(self)
        self._watched = []
        self.target = target
        host = self._host(target) if target is not None else None
        if target is None or host is None:
            self.hide()
            if self.parentWidget() is not self.owner:
                self.setParent(self.owner)  # not lost with a page that is rebuilt
            return
        chain = [target]
        parent = target.parentWidget()
        while parent is not None and parent is not host:
            chain.append(parent)
            parent = parent.parentWidget()
        for widget in chain:
            widget.installEventFilter(self)
        self._watched = chain
        if self.parentWidget() is not host:
            self.setParent(host)
        self.place()
        self.show()
        self.raise_()

    def _host(self, target: QWidget) -> QWidget | None:
        gap = self.gap
        parent = target.parentWidget()
        while parent is not None:
            ring = QRect(target.mapTo(parent, QPoint(0, 0)), target.size())
            ring.adjust(-gap, -gap, gap, gap)
            if parent.rect().contains(ring) or parent.isWindow():
                return parent
            parent = parent.parentWidget()
        return None

    def place(self) -> None:
        target, host = self.target, self.parentWidget()
        if target is None or host is None or not shiboken6.isValid(target):
            return
        gap = self.gap
        corner = target.mapTo(host, QPoint(0, 0))
        self.setGeometry(QRect(corner, target.size()).adjusted(-gap, -gap, gap, gap))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind in (QEvent.Type.Move, QEvent.Type.Resize):
            self.place()
        elif kind == QEvent.Type.Hide and watched is self.target:
            self.follow(None)
        return False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        host = self.parentWidget()
        colour = (host or self).palette().color(QPalette.ColorRole.WindowText)
        halo = QColor(readable_on(colour.name()))
        painter = QPainter(self)
        whole = QRectF(self.rect())
        # round for a round control (property ringRound, set by who makes it)
        round_ = bool(self.target is not None and self.target.property("ringRound"))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, round_)
        for edge, width, shade in (
            (0.0, float(self.gap), halo),  # the halo, outside and in
            (float(self.halo), float(self.width_), colour),  # the ring over it
        ):
            pen = QPen(shade, width)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            inset = edge + width / 2
            shape = whole.adjusted(inset, inset, -inset, -inset)
            if round_:
                painter.drawEllipse(shape)
            else:
                painter.drawRect(shape)
        painter.end()


def centred(card: QWidget) -> QHBoxLayout:
    """A row that holds `card` (of fixed width) in its middle, for a column of a window.

    Not `addWidget(card, alignment=AlignHCenter)`: a column then asks the card's height for
    the column's whole width, where its words take fewer lines, and the card comes out too
    short; its last rows were cut off (the staff panel's Figures and Close at 1366x768)."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addStretch(1)
    row.addWidget(card)
    row.addStretch(1)
    return row


FIT_SLACK = 8
"""px of a button's side padding its words may take before they go onto two lines."""


class FittingButton(QPushButton):
    """A button whose words take a second line where one line is wider than the button
    (a long translation at the largest text: "Commencer l'auto-évaluation" in portrait),
    broken at the space nearest their middle. Its name for screen readers is its words."""

    def __init__(self, words: str = "") -> None:
        super().__init__()
        self.words = ""
        self.set_words(words)

    def set_words(self, words: str) -> None:
        """New words, on one line until `fit` (or the next resize) finds them too wide: the
        width it has now was laid out for the old words."""
        self.words = words
        self.setAccessibleName(words)
        self.setText(words)

    def _one_line_width(self) -> int:
        """The width the words need on one line, with the icon and padding the theme gives."""
        self.ensurePolished()  # in the theme's font
        shown = self._widest_line(self.text())
        return super().sizeHint().width() - shown + self.fontMetrics().horizontalAdvance(self.words)

    def two_line_width(self) -> int:
        """The width the words need on two lines (the narrowest `fit` can make them), with
        the icon and padding, whatever they show now."""
        one_line = self._one_line_width()
        return (
            one_line
            - self.fontMetrics().horizontalAdvance(self.words)
            + self._widest_line(self._two_lines())
        )

    def _widest_line(self, text: str) -> int:
        metrics = self.fontMetrics()
        return max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0)

    def _two_lines(self) -> str:
        text = self.words
        spaces = [i for i, ch in enumerate(text) if ch == " "]
        if not spaces:
            return text
        middle = min(spaces, key=lambda i: abs(i - len(text) / 2))
        return text[:middle] + "\n" + text[middle + 1 :]

    def fit(self) -> None:
        """Two lines if one is wider than the button is now."""
        # a few px of its side padding may go before its words need a second line
        too_wide = self.width() > 0 and self._one_line_width() > self.width() + FIT_SLACK
        text = self._two_lines() if too_wide else self.words
        if text != self.text():
            self.setText(text)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit()

    def sizeHint(self) -> QSize:  # noqa: N802
        # as wide as its words on one line: a layout that aligns it gives it that much, or
        # all it has (then `fit` breaks the words), never the narrower two-line width
        hint = super().sizeHint()
        hint.setWidth(self._one_line_width())
        return hint

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        # a layout may give it the width of its words on two lines, not less
        hint = super().minimumSizeHint()
        hint.setWidth(
            hint.width() - self._widest_line(self.text()) + self._widest_line(self._two_lines())
        )
        return hint


ONE_CHANGE_PER_TAP = "oneChangePerTap"
"""A dynamic property: a button that is not checkable but changes something each tap (the
language button) takes one change per tap, as a toggle does (`kiosk.ui.idle.TapGuard`)."""
NOT_A_STOP = "notAStop"
"""A button keyboard focus never lands on (property set True): it only repeats what its
parent does with a key ("More below" on a long text)."""

STRIP_GAP = 8
"""Px above and below "More below" in the strip under a scrolling view."""


def _wrapped_heights(content: QWidget) -> list[tuple[int, int]]:
    """(height needed, height had) of every word-wrapped label shown in `content`."""
    return [
        (label.heightForWidth(label.width()), label.height())
        for label in content.findChildren(QLabel)
        if label.wordWrap() and label.text() and label.isVisibleTo(content)
    ]


class KineticScrollArea(QScrollArea):
    """A scroll area that follows a finger (kinetic scrolling) and says when there is more.

    A keyboard visitor can land on it when it has more than it shows (`kiosk.ui.input.keyboard`):
    it then shows a focus ring, Enter or Space shows its next part, and a focused control
    inside it is scrolled into view. A tap never gives it focus.

    The content is sized here, not by QScrollArea's `widgetResizable`: that takes the
    content's minimum size hint, which word-wrapped labels make hundreds of pixels too tall
    (their hint is for a narrow column), so a page would scroll into blank space under a
    "More below" that lies. Here the content is exactly as tall as its layout needs at the
    width it has (`heightForWidth`), and at least as tall as the view.

    Its scroll bar stands beside the column of words it scrolls (`bar`), not at the far edge
    of the page, and never narrows the view: the words keep the place they have on a page
    that does not scroll, under the title (Qt's own bar took its width from the view, and
    moved centred words 7 px off the title). Only where the words reach the edge does the
    view give the bar room beside them."""

    def __init__(self, content: QWidget, more_text: str, focus_width: int = 4) -> None:
        super().__init__()
        self._lowest = 0  # set first: the content may ask for a layout while this is built
        self._fitting = False
        self._bar_room = 0  # px of the view kept for the bar, where the words reach the edge
        self.bar = QScrollBar(Qt.Orientation.Vertical, self)
        """The scroll bar a visitor sees, beside the words (Qt's own is never shown)."""
        self.bar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.bar.setProperty(NOT_A_STOP, True)
        self.bar.hide()
        self.destroyed.connect(self.bar.deleteLater)  # it may live in a parent's margin
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setAccessibleName(more_text)
        self.setWidget(content)
        self.setWidgetResizable(False)
        content.installEventFilter(self)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = self.verticalScrollBar()
        inner.rangeChanged.connect(self._sync_bar)
        inner.valueChanged.connect(self.bar.setValue)
        self.bar.valueChanged.connect(inner.setValue)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        scroller = QScroller.scroller(self.viewport())
        props = scroller.scrollerProperties()
        props.setScrollMetric(QScrollerProperties.ScrollMetric.OvershootDragResistanceFactor, 0.3)
        props.setScrollMetric(
            QScrollerProperties.ScrollMetric.VerticalOvershootPolicy,
            QScrollerProperties.OvershootPolicy.OvershootAlwaysOff,
        )
        scroller.setScrollerProperties(props)
        # it looks like a button, so it is one: a tap shows the next part (a finger's drag
        # scrolls too); keyboard visitors have Enter and Space on the area itself
        self.more = QPushButton(f"\u2193  {more_text}", self)
        self.more.setObjectName("moreBelow")
        self.more.setAccessibleName(more_text)
        self.more.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.more.setProperty(NOT_A_STOP, True)
        self.more.clicked.connect(self.show_next_part)
        self.more.hide()
        # the view's last line fades into the page while more lies below, so no line is seen
        # cut through its letters (a designer's review); taps pass through it to the words
        self.fade = QFrame(self)
        self.fade.setObjectName("moreFade")
        self.fade_top = QFrame(self)  # and the first line, once the words have moved up
        self.fade_top.setObjectName("aboveFade")
        for fade in (self.fade, self.fade_top):
            fade.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            accessible.hide(fade)
            fade.hide()
        self.verticalScrollBar().valueChanged.connect(self._update_hint)
        self.verticalScrollBar().rangeChanged.connect(self._update_hint)
        self.ring = ControlRing(self, focus_width)
        """Its focus ring, as round a button (`ControlRing`), in an ancestor with room."""

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.ring.follow(self)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.ring.follow(None)

    def release(self) -> None:
        """Let go of the touch gesture before this area is deleted."""
        QScroller.ungrabGesture(self.viewport())

    def lowest_part(self) -> int:
        """The bottom edge, in the content, of the lowest thing drawn in it (margins and
        stretches below it are not "more")."""
        content = self.widget()
        if content is None:
            return 0
        leaves = [
            w
            for w in content.findChildren(QWidget)
            if w.isVisible() and w.height() > 0 and not w.findChildren(QWidget)
        ]
        return max((w.mapTo(content, w.rect().bottomLeft()).y() for w in leaves), default=0)

    def _update_hint(self) -> None:
        """Show "More below" while something drawn lies below the view (on every step of a
        scroll: `_lowest` is measured when the content is laid out, not here)."""
        bar = self.verticalScrollBar()
        hidden = self._lowest - bar.value() - self.viewport().height()
        more = bar.maximum() > 0 and hidden > 2
        self.more.setVisible(more)
        self.fade.setVisible(more)
        view = self.viewport().geometry()
        self.fade_top.setVisible(bar.value() > 2)
        if bar.value() > 2:
            self.fade_top.setGeometry(view.x(), view.y(), view.width(), min(24, view.height() // 8))
            self.fade_top.raise_()
        if more:
            self.more.adjustSize()
            x = (self.viewport().width() - self.more.width()) // 2
            y = self.height() - self.more.height() - STRIP_GAP
            self.more.move(max(0, x), max(0, y))
            self.more.raise_()
            tall = min(self.more.height() // 2, view.height() // 6)  # under `reveal`'s margin
            self.fade.setGeometry(view.x(), view.bottom() + 1 - tall, view.width(), tall)
            self.fade.raise_()

    def _sync_bar(self) -> None:
        inner = self.verticalScrollBar()
        self.bar.setRange(inner.minimum(), inner.maximum())
        self.bar.setPageStep(inner.pageStep())
        self.bar.setSingleStep(inner.singleStep())
        self.bar.setValue(inner.value())
        self._place_bar()

    def _column_edges(self) -> tuple[int, int] | None:
        """The left and right edges, in this area, of what its content draws (words, buttons,
        cards), or None when it draws nothing."""
        content = self.widget()
        if content is None:
            return None
        edges: list[tuple[int, int]] = []
        for part in content.findChildren(QWidget):
            if not part.isVisibleTo(content) or part.width() <= 0:
                continue
            drawn = isinstance(part, (QLabel, QAbstractButton)) or (
                type(part) is QFrame and part.property("role")
            )
            holder = part.parentWidget()
            inside = False
            while holder is not None and holder is not content:
                if isinstance(holder, QAbstractButton) or (
                    type(holder) is QFrame and holder.property("role")
                ):
                    inside = True  # its button or card is the edge
                    break
                holder = holder.parentWidget()
            if drawn and not inside:
                left = part.mapTo(self, QPoint(0, 0)).x()
                edges.append((left, left + part.width()))
        if not edges:
            return None
        return min(e[0] for e in edges), max(e[1] for e in edges)

    def _bar_spot(self) -> tuple[QWidget, int] | None:
        """Where the bar goes beside the column's trailing edge (its left one, right to
        left), a gap as wide as the bar away: in this area, or else in the margin of the
        nearest of its parents with room there (a page's margin); None where none has."""
        edges = self._column_edges()
        if edges is None:
            return None
        self.bar.ensurePolished()
        width = self.bar.sizeHint().width()
        rtl = self.isRightToLeft()
        host: QWidget | None = self
        for _ in range(4):
            if host is None or host.isWindow():
                break
            at = self.mapTo(host, QPoint(0, 0)).x() if host is not self else 0
            x = at + edges[0] - 2 * width if rtl else at + edges[1] + width
            if host is not self:  # outside the area: clear of its focus ring too
                reach = ring_reach(self.ring.width_) + 1
                x = min(x, at - reach - width) if rtl else max(x, at + self.width() + reach)
            if x >= 0 and x + width <= host.width():
                return host, x
            host = host.parentWidget()
        return None

    def _wanted_bar_room(self, scrolls: bool) -> int:
        """The px the view gives the bar: none, unless it scrolls and no place beside its
        words has room (then the bar's width and a gap)."""
        if not scrolls:
            return 0
        if self._bar_room:  # given: is it still needed? (the words grow into it)
            return self._bar_room if self._column_reaches_edge() else 0
        return 0 if self._bar_spot() is not None else 2 * self.bar.sizeHint().width()

    def _column_reaches_edge(self) -> bool:
        edges = self._column_edges()
        if edges is None:
            return False
        reach = edges[0] - self._bar_room if self.isRightToLeft() else self.width() - edges[1]
        return reach <= self._bar_room + 1

    def _place_bar(self) -> None:
        """The bar beside the column, as tall as the view; hidden when there is nothing to
        scroll or the area is hidden."""
        if self.verticalScrollBar().maximum() <= 0 or not self.isVisible():
            self.bar.hide()
            return
        spot = self._bar_spot()
        width = self.bar.sizeHint().width()
        host: QWidget = self
        if spot is None:  # in the room the view gave it
            x = 0 if self.isRightToLeft() else self.width() - width
        else:
            host, x = spot
        if self.bar.parentWidget() is not host:
            self.bar.setParent(host)
        view = self.viewport().geometry()
        top = self.mapTo(host, QPoint(0, view.top())).y() if host is not self else view.top()
        self.bar.setGeometry(x, top, width, view.height())
        self.bar.show()
        self.bar.raise_()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        super().hideEvent(event)
        self.bar.hide()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._place_bar()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit_content()
        self._place_bar()
        if self.ring.isVisible():
            self.ring.place()
        self._update_hint()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            # now, before anything that comes later in the event loop (keyboard access
            # places focus by what scrolls) sees the old size; fit_content lays it out first
            self.fit_content()
        return super().eventFilter(watched, event)

    def fit_content(self) -> None:
        """The content as wide as the view and exactly as tall as it needs (see above).

        Whether it scrolls changes the view (the strip for "More below", the scroll bar's
        width), and the view changes what the content needs; so it is measured again until
        both agree, here and not through the resize events that change brings (those would
        call back in, and a page that fits only without its strip went round for ever)."""
        content = self.widget()
        if content is None or self._fitting:
            return
        self._fitting = True
        try:
            # every part measured in the theme's fonts: ensurePolished() stops at a widget
            # that is polished already, so parts added to it since (a new result) are done
            # one by one
            for part in (content, *content.findChildren(QWidget)):
                part.ensurePolished()
            for _ in range(4):
                view = (self.viewport().width(), self.viewportMargins().bottom())
                needed = self._needed_height(content)
                self._reserve_strip(needed > self.height())
                if (self.viewport().width(), self.viewportMargins().bottom()) == view:
                    break
            self._lowest = self.lowest_part()
        finally:
            self._fitting = False
        self._update_hint()
        self._place_bar()

    def _needed_height(self, content: QWidget) -> int:
        """Lay `content` out at the view's width and return the height it needs (at least
        the view's): its layout's `heightForWidth`, grown while a wrapped text is short."""
        width = self.viewport().width()
        layout = content.layout()
        if layout is not None:
            layout.activate()
        needed = content.heightForWidth(width) if content.hasHeightForWidth() else -1
        if needed < 0:
            needed = content.sizeHint().height()
        size = QSize(width, max(needed, self.viewport().height()))
        if content.size() != size:
            content.resize(size)
        # Qt's estimate falls short for some grids (cards of text side by side): grow the
        # content until no wrapped text has less height than its words need
        for _ in range(8):
            if layout is not None:
                layout.activate()
            short = max((need - have for need, have in _wrapped_heights(content)), default=0)
            if short <= 0:
                break
            size.setHeight(size.height() + short)
            content.resize(size)
        return size.height() if size.height() > self.viewport().height() else needed

    def _reserve_strip(self, scrolls: bool) -> None:
        """Content that scrolls gets a strip under the view for "More below", so the sign
        never covers its words; content that fits keeps the whole height."""
        self.more.ensurePolished()
        strip = self.more.sizeHint().height() + 2 * STRIP_GAP if scrolls else 0
        self._bar_room = side = self._wanted_bar_room(scrolls)
        left, right = (side, 0) if self.isRightToLeft() else (0, side)
        if self.viewportMargins() != QMargins(left, 0, right, strip):
            self.setViewportMargins(left, 0, right, strip)

    def show_next_part(self) -> None:
        """Scroll down by most of a view (a line of the last view stays in sight)."""
        bar = self.verticalScrollBar()
        step = max(1, self.viewport().height() - self.more.height() * 2)
        target = min(bar.maximum(), bar.value() + step)
        QScroller.scroller(self.viewport()).scrollTo(QPointF(0, target), 300)

    def reset_position(self) -> None:
        QScroller.scroller(self.viewport()).stop()
        self.verticalScrollBar().setValue(0)
        self._update_hint()


def reads_right_to_left(languages: list[Language], code: str) -> bool:
    """A language the content marks `rtl`, or whose script reads that way (Qt's locale
    data: Arabic, Hebrew, Farsi, Urdu ...)."""
    chosen = next((language.direction for language in languages if language.code == code), None)
    if chosen is not None:
        return chosen == "rtl"
    return QLocale(code).textDirection() == Qt.LayoutDirection.RightToLeft
