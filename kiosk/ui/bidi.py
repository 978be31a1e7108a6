"""Text from another direction keeps its order (Unicode's bidirectional isolates).

In a right-to-left line, a run of left-to-right text (an opening time, a phone number, a web
address, an English citation) is laid out by the Unicode bidirectional algorithm among its
Arabic neighbours: opening and closing times swapped places, a phone number's groups came
out reversed, and "NHS: Knee; StatPearls" had its punctuation moved (tester). Wrapped in an
isolate, such a run is laid out on its own, in its own direction, and then placed as one
piece. Qt-free: plain strings in, plain strings out.
"""

from __future__ import annotations

import re

LRI = "\u2066"
"""Left-to-right isolate: what follows, up to PDI, reads left to right."""
FSI = "\u2068"
"""First-strong isolate: what follows reads the way its first letter does (a citation may be
English or Arabic)."""
PDI = "\u2069"
"""Pop directional isolate: the end of an isolate."""

_LATIN = "A-Za-z0-9\u00c0-\u024f"
_LTR_RUN = re.compile(rf"[{_LATIN}+][{_LATIN} .,:;/\-\u2013+()@%&_#?=~']*[{_LATIN})%]|[{_LATIN}]")
"""A left-to-right run: Latin letters and digits, and the spaces and punctuation between them
(an opening time, a phone number, an address, an English phrase)."""


def isolate(text: object) -> str:
    """`text` as one piece in its own direction, whatever the line around it."""
    return f"{FSI}{text}{PDI}"


def isolate_ltr_runs(text: str, rtl: bool) -> str:
    """In a right-to-left line (`rtl`), each left-to-right run of `text` isolated, so that it
    keeps its order; a left-to-right line as it is."""
    if not rtl:
        return text
    return _LTR_RUN.sub(lambda found: f"{LRI}{found.group(0)}{PDI}", text)


def left_to_right(text: str, rtl: bool) -> str:
    """Text that always reads left to right (a web address), isolated in a right-to-left
    line."""
    return f"{LRI}{text}{PDI}" if rtl else text
