"""The page host: the framed pages by place, each built the first time it is needed.

A page is built from the window's `UiContext` (content in the visitor's language, palette,
sizes) by the window's factory, and kept while that context holds. When the context changes
(another language, text size or contrast, or new content) every page is let go at once and
the one on screen is built again in its place, in the same frame: the visitor sees the same
screen in the new words or look, and no other screen is shown on the way. The others are
built again when they are next needed.

Between taps, while the event loop has nothing else to do, the host builds the pages a
visitor is likely to need next (`prepare`), one a turn, so the next tap finds them ready.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QStackedWidget, QWidget

from ..core.place import Place
from .context import UiContext
from .screens.base import Screen
from .widgets import KineticScrollArea

log = logging.getLogger(__name__)

PageFactory = Callable[[UiContext, Place], Screen]
"""Builds the page for a place from a context."""

PageKey = Place | None
"""A page's key in the host: its place; None for the one page every result shares (it shows
whichever outcome the session names)."""


def page_key(place: Place) -> PageKey:
    return None if place.is_result else place


def let_go(widget: QWidget) -> None:
    """Take a page or panel off the window for good: hidden, out of the widget tree (so a new
    stylesheet does not polish it again), deleted by the event loop."""
    widget.hide()
    for area in widget.findChildren(KineticScrollArea):
        area.release()  # Qt keeps a grabbed gesture's recognizer otherwise
    widget.setParent(None)
    widget.deleteLater()


class PageHost(QStackedWidget):
    def __init__(self, ctx: UiContext, factory: PageFactory) -> None:
        super().__init__()
        self.setObjectName("pageHost")
        self.ctx = ctx
        self.factory = factory
        self.built: dict[PageKey, Screen] = {}
        self._queue: list[Place] = []
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._build_one)

    def page(self, place: Place) -> Screen:
        """The page for `place`, built now if it was not yet."""
        key = page_key(place)
        page = self.built.get(key)
        if page is None:
            page = self.factory(self.ctx, place)
            self.built[key] = page
            self.addWidget(page)
            # the size it will have, now: a page that lays itself out by its shape (the
            # result's columns side by side, or one under the other in portrait) must not
            # see the default 640x480 of a widget not yet laid out
            page.setGeometry(self.contentsRect())
        return page

    def result_page(self) -> Screen | None:
        """The page that shows results, if it was built."""
        return self.built.get(None)

    def peek(self, place: Place) -> Screen | None:
        """The page for `place` if it was built, without building it."""
        return self.built.get(page_key(place))

    def renew(self, ctx: UiContext, place: Place | None) -> None:
        """Use `ctx` from now on: let every page go, and build the page for `place` (the one
        about to be shown, if it is framed) again, current, in its place, with what the
        visitor had open on it open again."""
        self.ctx = ctx
        before = self.built.get(page_key(place)) if place is not None else None
        opened = before.opened() if before is not None else None
        old = list(self.built.values())
        self.built.clear()
        self._queue.clear()
        if place is not None:
            page = self.page(place)
            if opened is not None:
                page.reopen(opened)  # the same part open, in the new words or look
            self.setCurrentWidget(page)
        for page in old:
            self.removeWidget(page)
            let_go(page)

    def prepare(self, places: Iterable[Place], after_ms: int = 0) -> None:
        """Build these pages in idle moments, one per turn of the event loop, starting
        `after_ms` from now (after the fade between pages, so that no frame of it waits)."""
        self._queue = [p for p in places if page_key(p) not in self.built]
        if self._queue:
            self._idle.start(after_ms)

    def prepare_next(self, after_ms: int = 0) -> None:
        """Build the page a visitor may well need after the session's place (the next in
        the order of a visit), in an idle moment `after_ms` from now."""
        following = self.ctx.session.next_place()
        self.prepare([following] if following is not None else [], after_ms)

    def _build_one(self) -> None:
        while self._queue:
            place = self._queue.pop(0)
            if page_key(place) in self.built:
                continue
            try:
                self.page(place)
            except Exception:  # built again, with its error, when it is needed
                log.exception("building page %s ahead of time failed", place)
            break
        if self._queue:
            self._idle.start(0)
