"""The start screen's picture (`kiosk.startpicture`): a second start on the same content shows
the kept picture of the start screen as its first frame, then the live start screen, which
answers a tap; changed content, screen or kiosk shows no stale picture; a picture of another
account, or a broken one, is never used. Real `kiosk run` starts, each in a child process
(`tests/start_driver.py` notes what a visitor saw)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage

from kiosk import startpicture
from kiosk.content import startfrom

ROOT = Path(__file__).resolve().parents[2]
DRIVER = ROOT / "tests" / "start_driver.py"


class Starts:
    """`kiosk run` started again and again on one machine: its data folder, its content."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp = tmp_path
        self.data = tmp_path / "data"
        self.content = tmp_path / "clinic" / "content.yaml"
        shutil.copytree(ROOT / "assets", tmp_path / "clinic" / "assets")
        shutil.copy(ROOT / "content.yaml", self.content)
        self.count = 0
        self.size = (1280, 800)

    def env(self, **extra: str) -> dict[str, str]:
        self.count += 1
        screen = self.tmp / f"screen{self.count}.json"
        width, height = self.size
        screen.write_text(
            json.dumps(
                {
                    "screens": [
                        {
                            "name": "test",
                            "x": 0,
                            "y": 0,
                            "width": width,
                            "height": height,
                            "logicalDpi": 96,
                            "logicalBaseDpi": 96,
                            "dpr": 1,
                        }
                    ]
                }
            )
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
        env.update(
            QT_QPA_PLATFORM=f"offscreen:configfile={screen}",
            KIOSK_DATA_DIR=str(self.data),
            KIOSK_LOG_DIR=str(self.tmp / "log"),
            KIOSK_CONTROL_NAME=str(self.tmp / f"c{self.count}.sock"),
            **extra,
        )
        return env

    def start(self, **extra: str) -> dict[str, Any]:
        """One start, run until the visitor has tapped the live start screen."""
        out = self.tmp / f"seen{self.count + 1}.json"
        done = subprocess.run(
            [sys.executable, str(DRIVER), str(out), "--content", str(self.content)],
            env=self.env(**extra),
            cwd=self.tmp,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        assert "Traceback" not in done.stderr, done.stderr[-3000:]
        seen: dict[str, Any] = json.loads(out.read_text())
        assert seen["exit_code"] == 0, done.stderr[-3000:]
        return seen


@pytest.fixture
def starts(tmp_path: Path) -> Starts:
    return Starts(tmp_path)


def test_a_second_start_shows_the_kept_picture_first_then_the_live_start_screen(
    starts: Starts,
) -> None:
    first = starts.start()
    assert first["painted"] == ["KioskWindow"]  # nothing kept yet: the real window at once
    assert first["after_tap"] != "attract"
    assert (starts.data / startpicture.PICTURE).is_file()

    second = starts.start()
    # the first frame is the picture, and only PySide6 and the picture's module were loaded
    assert second["painted"] == ["StartPicture", "KioskWindow"]
    assert not any(second["loaded_at_first_frame"].values()), second["loaded_at_first_frame"]
    # it is the start screen as the live window draws it
    assert second["picture_differs"] < 0.01
    # the picture stays until the live window has painted over it: no desktop between
    assert second["picture_up_when_live"]
    # a tap on the picture, before the live window was ready, was taken and ignored
    assert second["taps_on_picture"] == 1
    assert second["picture_counted_taps"] == 1
    assert second["live_screen"] == "attract"
    # then the live start screen answers a tap: the visit begins, and the picture is gone
    assert second["after_tap"] != "attract"
    assert second["picture_gone"]


def test_the_kiosk_starts_even_if_its_picture_is_never_painted(starts: Starts) -> None:
    starts.start()
    seen = starts.start(START_DRIVER_PICTURE_NEVER_PAINTS="1")
    assert "KioskWindow" in seen["painted"]
    assert seen["after_tap"] != "attract"
    assert seen["picture_gone"]


def test_the_picture_goes_even_if_the_windows_paint_is_never_reported(starts: Starts) -> None:
    """The picture stays over the real window until that has painted; a window system that
    never reports it must not leave a still picture over a live kiosk."""
    starts.start()
    seen = starts.start(START_DRIVER_PAINT_UNREPORTED="1")
    assert seen["painted"][0] == "StartPicture"
    assert seen["after_tap"] != "attract"
    assert seen["picture_gone"]


def test_changed_content_screen_or_kiosk_never_shows_a_stale_picture(starts: Starts) -> None:
    starts.start()
    assert starts.start()["painted"][0] == "StartPicture"

    text = starts.content.read_text()
    name = "Willow Street Massage & Physio"
    assert name in text
    starts.content.write_text(text.replace(name, "Hillside Massage & Physio"))
    assert starts.start()["painted"][0] == "KioskWindow"  # the content changed
    assert starts.start()["painted"][0] == "StartPicture"  # and a new picture was kept

    starts.size = (1024, 768)
    assert starts.start()["painted"][0] == "KioskWindow"  # another screen
    assert starts.start()["painted"][0] == "StartPicture"

    logo = starts.tmp / "clinic" / "assets" / "logo.svg"
    assert logo.exists()  # a picture the start screen shows, changed beside the content
    logo.write_bytes(logo.read_bytes().replace(b"</svg>", b"<!-- new --></svg>"))
    assert starts.start()["painted"][0] == "KioskWindow"


def test_another_kiosk_version_never_shows_the_picture(starts: Starts) -> None:
    starts.start()
    key = json.loads((starts.data / startpicture.KEY).read_text())
    key["look"] = "0" * 16  # what an older kiosk (another version, or other code) kept
    (starts.data / startpicture.KEY).write_text(json.dumps(key))
    assert starts.start()["painted"][0] == "KioskWindow"


# -- what `kept` refuses (the picture is then not shown: the ordinary start) ----------------


SCREEN = (320, 200, 1.0)


def _kept_here(tmp_path: Path) -> tuple[Path, Path]:
    """A content file, its snapshot file and a kept picture of the screen for it."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    content = tmp_path / "content.yaml"
    content.write_text("clinic: {}\n")
    base = tmp_path / "data"
    base.mkdir(mode=0o700)
    (base / startfrom.FILE_NAME).write_bytes(b"a snapshot")
    (base / startfrom.FILE_NAME).chmod(0o600)
    key = {
        "look": startpicture.look_stamp(),
        "code": startfrom.code_stamp(),
        "content": str(content.resolve()),
        "files": {str(content.resolve()): _sha(content.read_bytes())},
        "assets": {},
        "screen": list(SCREEN),
        "blank_cursor": False,
    }
    image = QImage(320, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#2a7"))
    startpicture.keep(base, image, key)
    return base, content


def _sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def test_a_kept_picture_is_used_only_when_whole_and_the_kiosks_own(
    tmp_path: Path, qapp: object
) -> None:
    base, content = _kept_here(tmp_path)
    found = startpicture.kept(base, content, SCREEN)
    assert found is not None and found[0].size().width() == 320

    assert startpicture.kept(base, content, (320, 240, 1.0)) is None  # another screen

    picture = base / startpicture.PICTURE
    picture.chmod(0o666)  # others could have written it
    assert startpicture.kept(base, content, SCREEN) is None
    picture.chmod(0o600)
    assert startpicture.kept(base, content, SCREEN) is not None

    if os.geteuid() == 0:  # only root can give a file to another account
        os.chown(picture, 65534, -1)
        assert startpicture.kept(base, content, SCREEN) is None
        os.chown(picture, 0, -1)

    whole = picture.read_bytes()
    picture.write_bytes(whole[: len(whole) // 2])  # written half
    assert startpicture.kept(base, content, SCREEN) is None

    # a broken PNG whose hash the key names (a key written by mistake) is not shown either
    key_file = base / startpicture.KEY
    key = json.loads(key_file.read_text())
    key["picture"] = _sha(picture.read_bytes())
    key_file.write_text(json.dumps(key))
    assert startpicture.kept(base, content, SCREEN) is None

    # nor one of another size than the screen's
    other = QImage(300, 200, QImage.Format.Format_RGB32)
    other.fill(QColor("#fff"))
    startpicture.keep(base, other, {k: v for k, v in key.items() if k != "picture"})
    assert startpicture.kept(base, content, SCREEN) is None

    startpicture.keep(base, QImage(whole_image(320, 200)), key)
    assert startpicture.kept(base, content, SCREEN) is not None
    key_file.write_text("{not json")
    assert startpicture.kept(base, content, SCREEN) is None


def whole_image(width: int, height: int) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#123"))
    return image


def test_a_changed_content_file_or_a_missing_snapshot_means_no_picture(
    tmp_path: Path, qapp: object
) -> None:
    base, content = _kept_here(tmp_path)
    assert startpicture.kept(base, content, SCREEN) is not None
    content.write_text("clinic: {name: other}\n")
    assert startpicture.kept(base, content, SCREEN) is None

    base, content = _kept_here(tmp_path / "again")
    (base / startfrom.FILE_NAME).unlink()  # no snapshot: the start checks everything first
    assert startpicture.kept(base, content, SCREEN) is None
