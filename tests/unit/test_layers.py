"""The content model and the visitor's logic never import Qt (DESIGN.md, Layers).

`make lint` checks the same statically (import-linter, contracts in pyproject.toml); this test
checks it at run time, for every module of `kiosk.content` and `kiosk.core` (found, not
listed by hand) and the command line, with the default content loaded."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_content_and_core_import_without_qt() -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        "import kiosk.content, kiosk.core, kiosk.cli\n"
        "names = []\n"
        "for package in (kiosk.content, kiosk.core):\n"
        "    for info in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "        names.append(info.name)\n"
        "assert 'kiosk.core.readaloud' in names and 'kiosk.content.checks' in names"
        "\nassert 'kiosk.content.kinds.steps' in names and 'kiosk.core.teasers' in names, names\n"
        "from kiosk.content import load_content\n"
        "load_content('content.yaml')\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(qt)\n"
        "assert not qt, qt\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
