"""What the checks found at the last start, kept for the next one (without Qt).

The slow part of reading a clinic's content is not its YAML: it is parsing each font whole
(0.3 s for Lato, 3 s for a font of Chinese) and drawing each picture once in a child process
(a second to start Qt, then each picture's own time). Those verdicts depend only on the files'
bytes, so the kiosk keeps them by SHA-256 (`CheckMemo`, and the pictures drawn well) in
`checked.json` in its data folder, written each time content goes live. At the next start the
same files are not parsed or drawn again: a file whose bytes changed has another hash and is
checked as before. The verdicts are dropped whenever the kiosk program's checks change (its
version and the code of its checks), and a file that cannot be read is simply ignored.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterable
from pathlib import Path
from typing import get_args

from .. import __version__
from .checks.finding import AssetKind
from .files import FileError, read_regular
from .snapshot import CheckMemo

log = logging.getLogger("kiosk")

FILE_NAME = "checked.json"
MAX_BYTES = 4 * 1024 * 1024
_CHECKS = ("checks/finding.py", "fonts.py", "letters.py", "pictures.py", "raster.py", "snapshot.py")
_KINDS: tuple[str, ...] = get_args(AssetKind)


def checker_stamp() -> str:
    """Which checks made the verdicts: the program's version and its checks' code."""
    digest = hashlib.sha256(__version__.encode())
    here = Path(__file__).resolve().parent
    for name in _CHECKS:
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(name.encode())
    try:  # the drawing child's rules (its time and memory limits)
        digest.update((here.parent / "ui" / "drawcheck.py").read_bytes())
    except OSError:  # a frozen kiosk: they change with the program's version
        digest.update(b"drawcheck")
    return digest.hexdigest()[:16]


def restore(base: Path, memo: CheckMemo, drawn: set[str]) -> int:
    """Put the verdicts kept under `base` into `memo` and `drawn`; how many were restored."""
    try:
        found = json.loads(read_regular(base / FILE_NAME, MAX_BYTES))
    except (FileError, ValueError):
        return 0
    if not isinstance(found, dict) or found.get("checker") != checker_stamp():
        return 0
    count = 0
    for item in found.get("verdicts", []):
        if (
            isinstance(item, list)
            and len(item) == 3
            and item[0] in _KINDS
            and isinstance(item[1], str)
            and (item[2] is None or isinstance(item[2], str))
        ):
            memo.results[(item[0], item[1])] = item[2]
            count += 1
    for digest in found.get("drawn", []):
        if isinstance(digest, str):
            drawn.add(digest)
            count += 1
    return count


def keep(base: Path, memo: CheckMemo, drawn: Iterable[str]) -> None:
    """Write the verdicts under `base` (whole, then renamed into place); a folder that cannot
    be written is logged: the next start only checks everything again."""
    data = {
        "checker": checker_stamp(),
        "verdicts": [[kind, digest, verdict] for (kind, digest), verdict in memo.results.items()],
        "drawn": sorted(drawn),
    }
    target = base / FILE_NAME
    work = base / f".{FILE_NAME}.new"
    try:
        base.mkdir(parents=True, exist_ok=True)
        work.write_text(json.dumps(data), "utf-8")
        os.replace(work, target)
    except OSError as error:
        log.warning("cannot keep the checks' verdicts in %s (%s)", target, error)
