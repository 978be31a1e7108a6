"""A picture drawer for the content worker's tests: each picture takes `SECONDS` to "draw"
(the worker process imports this module by name, as it would `kiosk.ui.drawcheck`)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

SECONDS = 10.0


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
