"""The typed content of content.yaml and its loader. No Qt here.

Its names are loaded when first asked for (PEP 562): a part that needs only a light module of
the content (`files`, `confine`, `sync`) does not import pydantic and the models with it, so
the start screen's picture (`kiosk.startpicture`) is shown before any of them is loaded."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .errors import ContentError, ContentIssue
    from .loader import LoadedContent, load_content
    from .model import Content

__all__ = ["Content", "ContentError", "ContentIssue", "LoadedContent", "load_content"]

_WHERE = {
    "Content": "model",
    "ContentError": "errors",
    "ContentIssue": "errors",
    "LoadedContent": "loader",
    "load_content": "loader",
}


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{where}", __name__), name)
    globals()[name] = value
    return value
