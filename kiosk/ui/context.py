"""What every part of the window gets: the content as drawn, the session, the look.

A `UiContext` is made by the window for one language, text size, contrast and content; pages,
panels and the frame take it in their constructor. It is the lowest floor of `kiosk.ui` but
for the widgets and the theme, so any part may import it without an arrow back up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QSize, Qt

from ..content.loader import LoadedContent
from ..content.model import Content, UiText
from ..content.snapshot import AssetFile
from ..core.session import Session
from .theme import Metrics, Palette, metrics_for, palette_for, stylesheet
from .widgets import reads_right_to_left


@dataclass
class UiContext:
    """Shared by every screen of one window."""

    loaded: LoadedContent
    session: Session
    palette: Palette
    metrics: Metrics
    content: Content
    """The content in the visitor's language (the session's, when the screens were built)."""
    rtl: bool = False
    """The visitor's language reads right to left: the window is mirrored (layouts mirror by
    themselves; what a screen places or paints by hand follows this)."""
    measured_once: dict[tuple[str, int], int] = field(default_factory=dict, compare=False)
    """Sizes a page measures once for this context (content, language, text size, contrast)
    and every page of it shares, by what and the width: the tallest question header."""

    @property
    def words(self) -> UiText:
        return self.content.ui_text

    @property
    def direction(self) -> Qt.LayoutDirection:
        """The way the visitor's language reads (Qt mirrors every layout for it)."""
        return Qt.LayoutDirection.RightToLeft if self.rtl else Qt.LayoutDirection.LeftToRight

    def stylesheet(self, font_family: str) -> str:
        """The theme's stylesheet for this context's colours, sizes and direction, its words
        in `font_family`."""
        radius = self.loaded.content.brand.corner_radius
        return stylesheet(self.palette, self.metrics, font_family, radius, rtl=self.rtl)

    def asset(self, relative: str | None) -> AssetFile | None:
        """An asset as read at load: drawn from memory, never from the disk again."""
        return self.loaded.file(relative)

    @staticmethod
    def for_session(loaded: LoadedContent, session: Session, size: QSize) -> UiContext:
        """The context for the session's language, text size and contrast, at `size`."""
        return UiContext(
            loaded=loaded,
            session=session,
            palette=palette_for(loaded.content.brand, session.high_contrast),
            metrics=metrics_for(size.width(), size.height(), session.text_size),
            content=session.content,
            rtl=reads_right_to_left(list(session.base.languages), session.shown_language),
        )
