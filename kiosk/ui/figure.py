"""A figure the clinic draws (an SVG), whose parts are its elements, found by their ids.

Where a part sits comes from the SVG's own geometry (`QSvgRenderer.boundsOnElement`, mapped
by `transformForElement`), never from coordinates in the content. A part is lit by drawing its
element again in one colour on top of the figure, whatever the element is (a line, a shape or
a group), and a tap finds the part under the finger by the element's own outline (a picture of
the parts, each in a colour of its own), not by its bounding box. Pictures of the body are
never mirrored: left is the body's left in every language.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..content.snapshot import AssetFile
from .context import UiContext
from .ink import Ink
from .widgets import svg_with_style

SOLID = "*{opacity:1;fill-opacity:1;stroke-opacity:1}"
"""Every element drawn fully opaque: an element's outline, for lighting it up and for taps
(a tap region may be drawn invisible)."""


class SvgFigure(QWidget):
    """Paints an SVG figure (in the clinic's colours, `css`), fitted into the widget and
    centred, with some of its elements lit (`lit`: element id -> colour and opacity)."""

    def __init__(self, ctx: UiContext, picture: AssetFile | None) -> None:
        super().__init__()
        self.ctx = ctx
        self.source = picture.data.decode("utf-8", "replace") if picture is not None else ""
        self.renderer = QSvgRenderer()
        self.solid = QSvgRenderer(QByteArray(svg_with_style(self.source, SOLID)))
        self.lit: dict[str, tuple[QColor, float]] = {}
        self._overlay: QImage | None = None
        self._css: str | None = None
        self._picture: tuple[tuple[int, int, float], QImage] | None = None
        """The figure drawn once for a size and a device pixel ratio, in the current style:
        a paint copies it (a figure slow to draw costs its time once, not at every tap)."""
        self._hits: tuple[tuple[str, ...], QImage] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(ctx.metrics.px(220), ctx.metrics.px(360))
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # a body never mirrors

    def restyle(self, css: str, lit: dict[str, tuple[QColor, float]]) -> None:
        if css != self._css:  # a new theme: draw the figure again; a tap changes `lit` only
            self.renderer.load(QByteArray(svg_with_style(self.source, css)))
            self._css = css
            self._picture = None
        self.lit = lit
        self._overlay = None
        self.update()

    # -- where things are ----------------------------------------------------------------

    def viewport(self) -> QRectF:
        """Where the whole figure is drawn in the widget."""
        size = self.renderer.viewBoxF().size()
        size.scale(self.width(), self.height(), Qt.AspectRatioMode.KeepAspectRatio)
        return QRectF(
            (self.width() - size.width()) / 2,
            (self.height() - size.height()) / 2,
            size.width(),
            size.height(),
        )

    def element_rect(self, element: str) -> QRectF:
        """Where an element of the figure is drawn in the widget (empty if it has none)."""
        if not self.renderer.elementExists(element):
            return QRectF()
        box, view = self.renderer.viewBoxF(), self.viewport()
        if box.width() <= 0 or box.height() <= 0:
            return QRectF()
        placed = self.renderer.transformForElement(element).mapRect(
            self.renderer.boundsOnElement(element)
        )
        fx, fy = view.width() / box.width(), view.height() / box.height()
        return QRectF(
            view.x() + (placed.x() - box.x()) * fx,
            view.y() + (placed.y() - box.y()) * fy,
            placed.width() * fx,
            placed.height() * fy,
        )

    def element_centre(self, element: str) -> QPointF:
        """The middle of an element on screen (for its marker, and for tests)."""
        return self.element_rect(element).center()

    def element_at(self, point: QPointF, elements: Sequence[str]) -> str | None:
        """Which of `elements` is drawn under `point` (the last drawn, where they overlap)."""
        key = tuple(elements)
        if self._hits is None or self._hits[0] != key or self._hits[1].size() != self.size():
            self._hits = (key, self._hit_picture(key))
        image = self._hits[1]
        x, y = int(point.x()), int(point.y())
        if not image.rect().contains(x, y):
            return None
        colour = image.pixelColor(x, y)
        index = colour.red() - 1
        return key[index] if colour.alpha() == 255 and 0 <= index < len(key) else None

    def ink(
        self,
        elements: Sequence[str],
        area: QRectF,
        cell: float,
        threshold: int = 1,
        *,
        seen: bool = False,
    ) -> Ink:
        """Where `elements` are drawn in `area` of the widget, on a grid of cells `cell` px
        wide: fully opaque, as for taps, or (`seen`) as a visitor sees them (an invisible
        element has no ink). A cell is inked when its alpha, drawn smoothly, reaches
        `threshold` (1: any ink at all; 128: mostly inked)."""
        renderer = self.renderer if seen else self.solid
        width = max(1, math.ceil(area.width() / cell))
        height = max(1, math.ceil(area.height() / cell))
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(1 / cell, 1 / cell)
        painter.translate(-area.x(), -area.y())
        for element in elements:
            rect = self.element_rect(element)
            if rect.width() > 0 or rect.height() > 0:
                renderer.render(painter, element, rect)
        painter.end()
        alpha = image.convertToFormat(QImage.Format.Format_Alpha8)
        data, line = bytes(alpha.constBits()), alpha.bytesPerLine()
        rows = b"".join(data[y * line : y * line + width] for y in range(height))
        table = bytes(1 if value >= threshold else 0 for value in range(256))
        return Ink(width, height, rows.translate(table))

    def _hit_picture(self, elements: tuple[str, ...]) -> QImage:
        """Each element's outline in a colour of its own (its index + 1 in red), drawn
        without smoothing so that a pixel is in an element or out of it."""
        image = QImage(self.size(), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        for index, element in enumerate(elements[:254]):
            self._paint_solid(image, element, QColor(index + 1, 0, 0), antialias=False)
        return image

    def _paint_solid(
        self, image: QImage, element: str, colour: QColor, *, antialias: bool = True
    ) -> None:
        rect = self.element_rect(element)
        if rect.width() <= 0 and rect.height() <= 0:
            return
        ratio = image.devicePixelRatioF()
        layer = QImage(image.size(), QImage.Format.Format_ARGB32_Premultiplied)
        layer.setDevicePixelRatio(ratio)
        layer.fill(Qt.GlobalColor.transparent)
        painter = QPainter(layer)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, antialias)
        self.solid.render(painter, element, rect)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(layer.rect(), colour)
        painter.end()
        painter = QPainter(image)
        painter.drawImage(0, 0, layer)
        painter.end()

    # -- painting -----------------------------------------------------------------------------

    def _lit_overlay(self) -> QImage:
        ratio = self.devicePixelRatioF()
        image = QImage(self.size() * ratio, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        for element, (colour, opacity) in self.lit.items():
            layer = QImage(image.size(), QImage.Format.Format_ARGB32_Premultiplied)
            layer.setDevicePixelRatio(ratio)
            layer.fill(Qt.GlobalColor.transparent)
            self._paint_solid(layer, element, colour)
            painter = QPainter(image)
            painter.setOpacity(opacity)
            painter.drawImage(0, 0, layer)
            painter.end()
        return image

    def _figure_picture(self) -> QImage:
        """The whole figure at this size and ratio, drawn once (see `_picture`)."""
        ratio = self.devicePixelRatioF()
        key = (self.width(), self.height(), ratio)
        if self._picture is None or self._picture[0] != key:
            image = QImage(self.size() * ratio, QImage.Format.Format_ARGB32_Premultiplied)
            image.setDevicePixelRatio(ratio)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.renderer.render(painter, self.viewport())
            painter.end()
            self._picture = (key, image)
        return self._picture[1]

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._overlay = None

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.drawImage(0, 0, self._figure_picture())
        if self.lit:
            if self._overlay is None or self._overlay.deviceIndependentSize() != self.size():
                self._overlay = self._lit_overlay()
            painter.drawImage(0, 0, self._overlay)
        self.paint_over(painter)
        painter.end()

    def paint_over(self, painter: QPainter) -> None:
        """What a figure draws over the picture (the anatomy's leader lines)."""
