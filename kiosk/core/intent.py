"""Taps mean intent: when a tap (a click, a key press) acts, and when it is the second tap of
a double tap that the visitor did not mean. Time is passed in, never read here; the window's
tap guard (`kiosk.ui.idle.TapGuard`) applies these rules to every way to act.

- **A new page is taken in first.** After the page changes, taps on it (an answer, Next, Back,
  See my result, Finish) wait until it has been whole on screen for `TAKE_IN_SECONDS`: the
  second tap of a double tap must not answer the next question or skip the next page.
- **Safety is read first.** A red-flag question, and a page with a safety note (a steps
  screen's "when to stop"), wait at least `SAFETY_SECONDS`, or as long as a quick reader takes
  to read the question or the note (`SAFETY_WORDS_PER_MINUTE`), whichever is longer, up to
  `SAFETY_CAP_SECONDS`. Reduce motion changes nothing: the time counts from when the page is
  whole, with or without a fade (tester: a 700 ms double tap, 450 ms with reduce motion, answered
  a red-flag question unseen).
- **The start screen is a fresh start.** After a visit ends it ignores taps for
  `START_SECONDS`: a double tap on Finish leaves it showing for the next visitor.
- **One change per tap.** A toggle (a choose-all box, a body-map region, the language button, a
  panel's switch) pressed again on the same spot within `DOUBLE_TAP_SECONDS` is the second
  tap of a double tap: it counts once.
"""

from __future__ import annotations

from collections.abc import Hashable

from ..content.kinds import screen_kind
from ..content.model import Content
from .idle import count_words
from .place import Place

TAKE_IN_SECONDS = 0.5
"""Any page: longer than the gap of a double tap (a finger's is up to about 0.5 s; Qt's
double-click interval is 0.4 s)."""
SAFETY_SECONDS = 1.0
"""The least time a red-flag question or a safety note is whole on screen before a tap acts."""
SAFETY_WORDS_PER_MINUTE = 400.0
"""A quick reader's pace: the least time in which the words can be taken in."""
SAFETY_CAP_SECONDS = 3.0
"""The longest a page's words may hold taps (a visitor who read fast is not kept waiting)."""
START_SECONDS = 1.0
"""The start screen after a visit ended: longer than a double tap on Finish."""
DOUBLE_TAP_SECONDS = 0.5
"""Two presses on the same toggle within this time are one double tap."""


def safety_words(content: Content, place: Place) -> str | None:
    """The words a visitor must have had time to read before a tap acts at `place`: a
    red-flag question's question, a screen's safety note (its kind names it)."""
    if place.is_question:
        question = content.question(place.ident)
        if question is None or not question.has_red_flag:
            return None
        return str(question.text)  # the question: its help line is more, not the question
    if place.is_screen:
        found = next((s for s in content.screens if s.id == place.ident), None)
        if found is None:
            return None
        note = screen_kind(found).safety(found)
        return str(note) if note else None
    return None


def take_in_seconds(content: Content, place: Place, base: float = TAKE_IN_SECONDS) -> float:
    """How long `place` is whole on screen before a tap on it acts: `base` for any page; for
    a red-flag question or a page with a safety note at least `SAFETY_SECONDS`, or the words'
    reading time at a quick pace (capped at `SAFETY_CAP_SECONDS`), whichever is longer."""
    words = safety_words(content, place)
    if words is None:
        return base
    reading = count_words(words) * 60.0 / SAFETY_WORDS_PER_MINUTE
    return max(base, SAFETY_SECONDS, min(reading, SAFETY_CAP_SECONDS))


class Intent:
    """The state of the rules for one window: until when taps on the page wait, and the last
    press on a toggle (to tell a double tap)."""

    def __init__(self, double_tap_seconds: float = DOUBLE_TAP_SECONDS) -> None:
        self.double_tap_seconds = double_tap_seconds
        self.until = 0.0
        self._last: tuple[float, Hashable, tuple[float, float] | None] | None = None

    def page_shown(self, now: float, hold_seconds: float) -> None:
        """A page is whole on screen from `now`: taps on it wait `hold_seconds`."""
        self.until = now + hold_seconds
        self._last = None

    def holding(self, now: float) -> bool:
        """Taps on the page wait now."""
        return now < self.until

    def second_tap(
        self,
        now: float,
        target: Hashable,
        at: tuple[float, float] | None = None,
        slop: float = 0.0,
    ) -> bool:
        """A press on the toggle `target` (at `at`, in screen pixels, if it was a finger or
        the mouse): True when it is the second tap of a double tap (the same toggle, within
        `slop` pixels of the last press on it, within `double_tap_seconds`), which counts
        for nothing; otherwise it is remembered as the last press."""
        last = self._last
        if last is not None:
            when, before, where = last
            near = (
                where is None
                or at is None
                or max(abs(where[0] - at[0]), abs(where[1] - at[1])) <= slop
            )
            if before == target and near and now - when < self.double_tap_seconds:
                return True
        self._last = (now, target, at)
        return False
