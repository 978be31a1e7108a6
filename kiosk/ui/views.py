"""The view of each kind of screen: one table, from a kind's name to its view class.

The content's kinds are in `kiosk.content.kinds`; this is their other half, in Qt. The window
(and so `kiosk preview`) builds a screen's page with `view_for`. A kind with no view here is
a clear error, and a test checks that every kind of the registry has one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..content.kinds import UnknownKindError, screen_kind
from ..content.parts import ScreenBase
from ..core.place import Place
from .screens.anatomy import AnatomyView
from .screens.article import ArticleView
from .screens.base import Screen, UiContext
from .screens.cards import CardsView
from .screens.steps import StepsView

ScreenView = Callable[[UiContext, Place, Any], Screen]
"""A view class: built with the screens' context, the page's place and its screen."""

SCREEN_VIEWS: dict[str, ScreenView] = {
    "article": ArticleView,
    "anatomy": AnatomyView,
    "cards": CardsView,
    "self_check": ArticleView,
    "steps": StepsView,
}
"""The view of each kind of screen, by the kind's name."""


def view_for(screen: ScreenBase) -> ScreenView:
    """The view class that shows `screen`."""
    name = screen_kind(screen).name
    view = SCREEN_VIEWS.get(name)
    if view is None:
        raise UnknownKindError(f"no view shows screens of the kind '{name}' (kiosk/ui/views.py)")
    return view


def build_page(ctx: UiContext, place: Place, screen: ScreenBase) -> Screen:
    """The page that shows `screen` at `place`."""
    return view_for(screen)(ctx, place, screen)
