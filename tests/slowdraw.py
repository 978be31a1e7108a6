"""Slow pictures for the tests: a drawer for the content worker's tests, each picture taking
`SECONDS` to "draw" (the worker process imports this module by name, as it would
`kiosk.ui.drawcheck`), and an SVG that Qt itself takes tens of seconds to draw."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

SECONDS = 10.0

SLOW_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="1000">\n'
    '<defs><filter id="f"><feGaussianBlur stdDeviation="300"/></filter></defs>\n'
    + "".join(
        f'<rect x="{i}" y="{i}" width="900" height="900" filter="url(#f)"/>\n' for i in range(200)
    )
    + "</svg>\n"
)
"""200 shapes, each blurred over the whole picture: tens of seconds for Qt to draw."""

BLURRED_SVG = SLOW_SVG.split("<rect", 1)[0] + "<rect" + SLOW_SVG.split("<rect", 2)[1] + "</svg>\n"
"""One shape of SLOW_SVG, blurred over the whole picture: about 0.1 s for Qt to draw (of
processor time), far more than a picture should take and far less than the draw's time limit."""


class SlowDrawer:
    def __init__(self) -> None:
        self.good: set[str] = set()
        self.on_drawn: Callable[[Path, float | None], None] | None = None

    def __call__(self, pictures: Sequence[tuple[Path, bytes]]) -> dict[Path, str]:
        for path, _data in pictures:
            if self.on_drawn is not None:
                self.on_drawn(path, None)
            time.sleep(SECONDS)
            if self.on_drawn is not None:
                self.on_drawn(path, SECONDS)
        return {}
