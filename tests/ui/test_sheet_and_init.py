"""`kiosk preview --sheet` draws every screen on one picture; `kiosk init DIR` writes a
starter clinic folder that validates on its own, from source or frozen."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from kiosk import cli
from kiosk.content import load_content
from kiosk.content.schema import MODELINE_PREFIX, schema_text
from kiosk.ui.preview import (
    CAPTION_HEIGHT,
    SHEET_BACKGROUND,
    SHEET_GAP,
    SHEET_MARGIN,
    THUMB_WIDTH,
    caption,
    contact_sheet,
    sheet_columns,
)

ROOT = Path(__file__).resolve().parents[2]


def kiosk(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(cwd)},
    )


def grid(count: int, columns: int, thumb: QSize) -> QSize:
    rows = -(-count // columns)
    return QSize(
        2 * SHEET_MARGIN + columns * thumb.width() + (columns - 1) * SHEET_GAP,
        2 * SHEET_MARGIN + rows * (thumb.height() + CAPTION_HEIGHT) + (rows - 1) * SHEET_GAP,
    )


# --- the contact sheet -------------------------------------------------------------------


def test_preview_sheet_writes_a_grid_of_every_screen(tmp_path: Path) -> None:
    out = tmp_path / "previews"
    done = kiosk("preview", "--out", str(out), "--sheet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    screens = sorted(p for p in out.glob("*.png") if p.name != "contact-sheet.png")
    assert len(screens) == 31 and screens[0].name == "00-attract.png"  # still written
    sheet_path = out / "contact-sheet.png"
    assert f"contact sheet {sheet_path}" in done.stdout
    sheet = QImage(str(sheet_path))
    assert not sheet.isNull()
    # 31 screens of 1920x1080 in 6 columns of 320x180: 5 full rows and one on the sixth
    assert sheet.size() == grid(31, 6, QSize(320, 180)) == QSize(2048, 1388)
    background = QColor(SHEET_BACKGROUND).rgb()
    first_thumb = sheet.pixelColor(SHEET_MARGIN + 160, SHEET_MARGIN + 90)
    assert first_thumb.rgb() != background
    last_x = SHEET_MARGIN + 160
    last_y = sheet.height() - SHEET_MARGIN - CAPTION_HEIGHT - 90
    assert sheet.pixelColor(last_x, last_y).rgb() != background


def test_the_empty_cells_of_the_last_row_stay_background(qtbot: QtBot, tmp_path: Path) -> None:
    paths = _screens(tmp_path / "shots", 29, QSize(1920, 1080))
    sheet = QImage(str(contact_sheet(paths, tmp_path / "sheet.png", 6)))
    # 29 screens in 6 columns of 320x180: 5 rows, the last with 5
    assert sheet.size() == grid(29, 6, QSize(320, 180)) == QSize(2048, 1162)
    background = QColor(SHEET_BACKGROUND).rgb()
    empty_x = SHEET_MARGIN + 5 * (THUMB_WIDTH + SHEET_GAP) + 160
    empty_y = sheet.height() - SHEET_MARGIN - CAPTION_HEIGHT - 90
    assert sheet.pixelColor(empty_x, empty_y).rgb() == background
    last_x = SHEET_MARGIN + 4 * (THUMB_WIDTH + SHEET_GAP) + 160
    assert sheet.pixelColor(last_x, empty_y).rgb() != background


def _screens(folder: Path, count: int, size: QSize) -> list[Path]:
    folder.mkdir()
    paths = []
    for index in range(count):
        image = QImage(size, QImage.Format.Format_RGB32)
        image.fill(QColor("#1F5F5B"))
        path = folder / f"{index:02d}-question-q{index}.png"
        assert image.save(str(path))
        paths.append(path)
    return paths


def test_a_portrait_sheet_has_fewer_columns(qtbot: QtBot, tmp_path: Path) -> None:
    portrait = QSize(1080, 1920)
    columns = sheet_columns(portrait)
    assert columns < sheet_columns(QSize(1920, 1080)) == 6
    paths = _screens(tmp_path / "shots", 9, portrait)
    written = contact_sheet(paths, tmp_path / "sheet.png", columns)
    sheet = QImage(str(written))
    thumb = QSize(THUMB_WIDTH, round(THUMB_WIDTH * 1920 / 1080))
    assert sheet.size() == grid(9, columns, thumb)
    assert sheet.height() > sheet.width()  # portrait screens make a tall sheet, not a wide one


def test_a_sheet_of_nothing_or_of_a_broken_file_is_refused(qtbot: QtBot, tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        contact_sheet([], tmp_path / "sheet.png", 6)
    broken = tmp_path / "00-attract.png"
    broken.write_text("not a picture")
    with pytest.raises(OSError, match="could not read"):
        contact_sheet([broken], tmp_path / "sheet.png", 6)
    assert not (tmp_path / "sheet.png").exists()


def test_captions_name_the_screen() -> None:
    assert caption(Path("03-screen-sciatic_nerve.png")) == "03  screen: sciatic_nerve"
    assert caption(Path("00-attract.png")) == "00  attract"
    assert caption(Path("25-staff-pin-pad.png")) == "25  staff-pin-pad"
    assert caption(Path("26-staff-admin.png")) == "26  staff-admin"
    assert caption(Path("21-result-urgent.png")) == "21  result: urgent"


# --- kiosk init --------------------------------------------------------------------------


def test_init_writes_a_clinic_folder_that_validates_on_its_own(tmp_path: Path) -> None:
    clinic = tmp_path / "my clinic"
    done = kiosk("init", str(clinic), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = (clinic / "content.yaml").read_text("utf-8")
    first, *rest = text.splitlines()
    assert first == MODELINE_PREFIX + "content.schema.json"
    assert not any(line.startswith(MODELINE_PREFIX) for line in rest)
    header = "\n".join(rest[:15])
    for step in ("kiosk validate", "kiosk preview --content", "--sheet", "kiosk run --content"):
        assert step in header
    assert "kiosk hash-pin" in header
    assert (clinic / "content.schema.json").read_text("utf-8") == schema_text()
    assert not (clinic / "assets" / "fonts").exists()  # the bundled font is the default

    checked = kiosk("validate", str(clinic / "content.yaml"), cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert "valid (9 screens" in checked.stdout
    loaded = load_content(clinic / "content.yaml")
    assert loaded.assets, "the default content names pictures"
    # the samples a clinic replaces are in its folder; the kiosk's own figures, icons and
    # steps are named `kiosk:...`, never copied: an upgrade brings their fixes (issue 29)
    own = (ROOT / "assets").resolve()
    for name, found in loaded.assets.items():
        if name.startswith("kiosk:"):
            assert found == own / name.removeprefix("kiosk:")
        else:
            assert found.is_relative_to(clinic.resolve()), name
    assert {"assets/logo.svg", "kiosk:anatomy/body_back.svg", "kiosk:icons/swedish.svg"} <= set(
        loaded.assets
    )
    assert (clinic / "assets" / "logo.svg").is_file()
    assert (clinic / "assets" / "therapists" / "maya.svg").is_file()
    for kiosks_own in ("anatomy", "bodymap", "icons", "steps"):
        assert not (clinic / "assets" / kiosks_own).exists()


def test_init_refuses_to_overwrite_unless_forced(tmp_path: Path) -> None:
    clinic = tmp_path / "clinic"
    assert kiosk("init", str(clinic), cwd=tmp_path).returncode == 0
    content = clinic / "content.yaml"
    content.write_text(content.read_text("utf-8") + "# my own edit\n", "utf-8")

    again = kiosk("init", str(clinic), cwd=tmp_path)
    assert again.returncode == 1
    assert again.stderr.count("\n") == 1 and "--force" in again.stderr
    assert "Traceback" not in again.stderr
    assert content.read_text("utf-8").endswith("# my own edit\n")

    forced = kiosk("init", str(clinic), "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert "# my own edit" not in content.read_text("utf-8")


def test_init_where_it_cannot_write_says_why_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("")
    done = kiosk("init", str(tmp_path / "a-file" / "clinic"), cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip().startswith("kiosk init: cannot write")
    assert "Not a directory" in done.stderr and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1


def test_init_frozen_copies_the_bundle_not_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    shutil.copytree(ROOT / "assets", bundle / "assets")
    default = (ROOT / "content.yaml").read_text("utf-8")
    (bundle / "content.yaml").write_text(
        default.replace("Willow Street Massage & Physio", "Bundled Clinic", 1), "utf-8"
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "content.yaml").write_text("not: this one\n", "utf-8")
    monkeypatch.chdir(elsewhere)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)

    assert cli.main(["init", str(tmp_path / "clinic")]) == 0
    written = (tmp_path / "clinic" / "content.yaml").read_text("utf-8")
    assert "Bundled Clinic" in written and "not: this one" not in written
    assert (tmp_path / "clinic" / "assets" / "logo.svg").is_file()
    assert "wrote" in capsys.readouterr().out
