"""Print assets/fonts/characters.json: the characters each bundled font draws (its cmap), as
ranges, so `kiosk validate` and the running kiosk know them without importing fontTools
(4 MB of memory and a few ms each load). Regenerate it after changing a bundled font:

    .venv/bin/python scripts/font_characters.py > assets/fonts/characters.json

tests/unit/test_font_coverage.py fails while it is out of date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.content.fonts import BUNDLED_FONTS, SCRIPT_FONTS, font_characters, ranges  # noqa: E402


def table() -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for relative in (*BUNDLED_FONTS, *SCRIPT_FONTS):
        path = ROOT / "assets" / relative
        data = path.read_bytes()
        out[Path(relative).name] = {"bytes": len(data), "ranges": ranges(font_characters(data))}
    return out


def main() -> None:
    """One font per line: its name, its size in bytes and its ranges."""
    lines = [
        f"  {json.dumps(name)}: {json.dumps(entry, separators=(',', ':'))}"
        for name, entry in table().items()
    ]
    print("{\n" + ",\n".join(lines) + "\n}")


if __name__ == "__main__":
    main()
