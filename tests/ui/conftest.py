"""Fixtures for the UI tests (offscreen, pytest-qt)."""

from uihelpers import loaded, window

__all__ = ["loaded", "window"]
