"""Print the packages a run without Qt needs, read from pyproject.toml (one list to keep):
the kiosk's dependencies but PySide6, and pytest and hypothesis from the dev extras."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = re.compile(r"[A-Za-z0-9_.-]+")


def name(requirement: str) -> str:
    found = NAME.match(requirement)
    return found.group(0).lower() if found else ""


def main() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    wanted = [r for r in project["dependencies"] if not name(r).startswith("pyside6")]
    wanted += [
        r for r in project["optional-dependencies"]["dev"] if name(r) in ("pytest", "hypothesis")
    ]
    print("\n".join(wanted))


if __name__ == "__main__":
    main()
