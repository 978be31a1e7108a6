"""The content model and the visitor's logic never import Qt (DESIGN.md, Layers)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_content_and_core_import_without_qt() -> None:
    code = (
        "import sys\n"
        "import kiosk.content, kiosk.content.checks, kiosk.content.colors\n"
        "import kiosk.core.session, kiosk.core.engine, kiosk.core.idle, kiosk.cli\n"
        "import kiosk.content.kinds, kiosk.content.parts, kiosk.core.teasers\n"
        "import kiosk.core.readaloud\n"
        "from kiosk.content import load_content\n"
        "load_content('content.yaml')\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(qt)\n"
        "assert not qt, qt\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
