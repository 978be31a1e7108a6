"""Start from what was checked (issue 26, item 5): the verdicts on a clinic's fonts and
pictures are kept by hash in the data folder, so the next start neither parses the same font
nor draws the same picture again; a changed file is checked as before, and verdicts made by
other checks (another program version) are dropped."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from pathlib import Path

from samples import SMALL_JPEG

from kiosk.content import load_content, verdicts
from kiosk.content.snapshot import CheckMemo

Write = Callable[[str], Path]
LATO = Path(__file__).resolve().parents[2] / "assets" / "fonts" / "Lato-Regular.ttf"


class Drawer:
    """Draws nothing, but remembers like the real one (`DrawChecker.good`) what it drew."""

    def __init__(self) -> None:
        self.good: set[str] = set()
        self.drawn: list[Path] = []

    def __call__(self, pictures: Sequence[tuple[Path, bytes]]) -> dict[Path, str]:
        for path, data in pictures:
            digest = hashlib.sha256(data).hexdigest()
            if digest not in self.good:
                self.drawn.append(path)
                self.good.add(digest)
        return {}


def clinic(content_text: str, write_content: Write) -> Path:
    text = content_text.replace("logo: assets/logo.svg", "logo: assets/photo.jpg", 1)
    text = text.replace("brand:\n", "brand:\n  font: assets/fonts/Clinic.ttf\n", 1)
    path = write_content(text)
    (path.parent / "assets" / "photo.jpg").write_bytes(SMALL_JPEG)
    (path.parent / "assets" / "fonts" / "Clinic.ttf").write_bytes(LATO.read_bytes())
    return path


def start(path: Path, data: Path) -> tuple[Drawer, CheckMemo]:
    """What a start does: restore the verdicts, load, keep them."""
    drawer, memo = Drawer(), CheckMemo()
    verdicts.restore(data, memo, drawer.good)
    load_content(path, draw=drawer, memo=memo)
    verdicts.keep(data, memo, drawer.good)
    return drawer, memo


def test_the_next_start_draws_and_parses_nothing_it_checked_before(
    tmp_path: Path, content_text: str, write_content: Write
) -> None:
    path = clinic(content_text, write_content)
    data = tmp_path / "data"
    first, memo = start(path, data)
    assert path.parent / "assets" / "photo.jpg" in first.drawn
    assert ("font", hashlib.sha256(LATO.read_bytes()).hexdigest()) in memo.results
    second, _ = start(path, data)
    assert second.drawn == []  # every picture's verdict was kept
    (path.parent / "assets" / "therapists" / "maya.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8"'
        ' height="8"/></svg>',
        "utf-8",
    )
    third, _ = start(path, data)
    assert third.drawn == [path.parent / "assets" / "therapists" / "maya.svg"]  # only the new


def test_verdicts_of_other_checks_are_dropped(
    tmp_path: Path, content_text: str, write_content: Write
) -> None:
    path = clinic(content_text, write_content)
    data = tmp_path / "data"
    start(path, data)
    kept = json.loads((data / verdicts.FILE_NAME).read_text("utf-8"))
    kept["checker"] = "an older kiosk"
    (data / verdicts.FILE_NAME).write_text(json.dumps(kept), "utf-8")
    again, _ = start(path, data)
    assert path.parent / "assets" / "photo.jpg" in again.drawn


def test_a_damaged_file_of_verdicts_is_ignored(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / verdicts.FILE_NAME).write_text('{"checker": [1, 2', "utf-8")
    memo, good = CheckMemo(), set[str]()
    assert verdicts.restore(data, memo, good) == 0
    assert memo.results == {} and good == set()
