"""The pages of the window: which view shows each place, and the view of each kind of
screen (one table, from a kind's name to its view class).

The content's kinds are in `kiosk.content.kinds`; this is their other half, in Qt. The window
(and so `kiosk preview`) builds every page with `make_page`. A kind with no view here is a
clear error, and a test checks that every kind of the registry has one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..content.kinds import UnknownKindError, screen_kind
from ..content.parts import ScreenBase
from ..core.place import Place, PlaceKind
from .context import UiContext
from .screens.anatomy import AnatomyView
from .screens.article import ArticleView
from .screens.attract import AttractView
from .screens.base import Screen
from .screens.cards import CardsView
from .screens.question import QuestionView
from .screens.result import ResultView
from .screens.steps import StepsView
from .staff.paused import PausedView

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


def make_page(ctx: UiContext, place: Place) -> Screen:
    """The page that shows `place`: the attract or paused page, one of the content's screens
    (the view its kind names), a question, or the page every result shares."""
    content = ctx.content
    match place.kind:
        case PlaceKind.ATTRACT:
            return AttractView(ctx, place)
        case PlaceKind.PAUSED:
            return PausedView(ctx)
        case PlaceKind.RESULT:
            return ResultView(ctx, place)
        case PlaceKind.QUESTION:
            question = content.question(place.ident)
            if question is not None:
                return QuestionView(ctx, place, question)
        case PlaceKind.SCREEN:
            screen = next((s for s in content.screens if s.id == place.ident), None)
            if screen is not None:
                return build_page(ctx, place, screen)
    raise KeyError(f"the content has no screen {place.name!r}")
