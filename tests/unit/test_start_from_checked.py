"""Start from what was checked (issue 26, item 5): the snapshot that went live is kept whole,
and the next start shows it without importing or running the checks, but only while the
content file and every file it read are byte for byte the same; anything else (an edit, a
broken file, a picture replaced, a path now leading out, other content code) is the
ordinary start, which checks everything first."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.content import load_content, startfrom

Write = Callable[[str], Path]


@pytest.fixture
def kept(tmp_path: Path, content_text: str, write_content: Write) -> tuple[Path, Path]:
    """A clinic's content that went live, kept in a data folder: (content file, data)."""
    text = content_text.replace("logo: assets/logo.svg", "logo: assets/clinic-logo.svg", 1)
    path = write_content(text)
    (path.parent / "assets" / "clinic-logo.svg").write_bytes(
        (path.parent / "assets" / "logo.svg").read_bytes()
    )
    data = tmp_path / "data"
    startfrom.keep(data, load_content(path))
    return path, data


def test_the_same_files_start_as_they_were_checked(kept: tuple[Path, Path]) -> None:
    path, data = kept
    checked = load_content(path)
    restored = startfrom.restore(data, path)
    assert restored is not None
    assert restored.version == checked.version
    assert restored.content == checked.content
    assert restored.file("assets/clinic-logo.svg") == checked.file("assets/clinic-logo.svg")
    assert (data / startfrom.FILE_NAME).stat().st_mode & 0o077 == 0  # the kiosk's alone


def test_an_edit_of_the_text_is_checked_first(kept: tuple[Path, Path]) -> None:
    path, data = kept
    path.write_text(path.read_text("utf-8").replace("Sciatica", "Sciatic pain", 1), "utf-8")
    assert startfrom.restore(data, path) is None


def test_a_broken_file_is_never_started_from_the_snapshot(kept: tuple[Path, Path]) -> None:
    path, data = kept
    path.write_text(path.read_text("utf-8") + "\nscreens: [oops\n", "utf-8")
    assert startfrom.restore(data, path) is None


def test_a_picture_replaced_is_checked_first(kept: tuple[Path, Path]) -> None:
    path, data = kept
    logo = path.parent / "assets" / "clinic-logo.svg"
    logo.write_bytes(logo.read_bytes().replace(b"</svg>", b"<!-- new --></svg>"))
    assert startfrom.restore(data, path) is None


def test_a_picture_gone_is_checked_first(kept: tuple[Path, Path]) -> None:
    path, data = kept
    (path.parent / "assets" / "clinic-logo.svg").unlink()
    assert startfrom.restore(data, path) is None


def test_a_path_that_now_leads_out_of_the_folder_is_checked_first(
    kept: tuple[Path, Path], tmp_path: Path
) -> None:
    """The same bytes, but the content's path is now a link to a file outside its folder."""
    path, data = kept
    logo = path.parent / "assets" / "clinic-logo.svg"
    outside = tmp_path.parent / f"{tmp_path.name}-outside.svg"
    outside.write_bytes(logo.read_bytes())
    logo.unlink()
    logo.symlink_to(outside)
    assert startfrom.restore(data, path) is None


def test_a_content_file_linked_out_of_its_synced_folder_is_checked_first(
    tmp_path: Path, content_text: str, write_content: Write
) -> None:
    """The same bytes through the same link, but the folder is a git checkout now: such a
    link is refused by every read, so the start reads (and refuses) it first."""
    outside = write_content(content_text)
    folder = tmp_path / "checkout"
    folder.mkdir()
    link = folder / "content.yaml"
    link.symlink_to(outside)
    data = tmp_path / "data"
    startfrom.keep(data, load_content(link))
    assert startfrom.restore(data, link) is not None
    (folder / ".git").mkdir()
    assert startfrom.restore(data, link) is None


def test_other_content_code_checks_first(
    kept: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, data = kept
    monkeypatch.setattr(startfrom, "code_stamp", lambda: "another version")
    assert startfrom.restore(data, path) is None


def test_a_damaged_snapshot_is_the_ordinary_start(kept: tuple[Path, Path]) -> None:
    path, data = kept
    (data / startfrom.FILE_NAME).write_bytes(b"not a snapshot")
    assert startfrom.restore(data, path) is None


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_a_snapshot_another_account_could_have_written_is_never_read(
    kept: tuple[Path, Path],
) -> None:
    """Pickle runs what it reads: the file and its folder must be writable by the kiosk's
    account alone."""
    path, data = kept
    snapshot = data / startfrom.FILE_NAME
    snapshot.chmod(0o662)
    assert startfrom.restore(data, path) is None
    snapshot.chmod(0o600)
    data.chmod(0o777)
    assert startfrom.restore(data, path) is None
    data.chmod(0o700)
    assert startfrom.restore(data, path) is not None


def test_the_catalogues_read_without_translators_comments_hold_every_word(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The kiosk skips the translations' comments for translators when it reads them (half of
    Babel's time; the template's notes are kept): every catalogue, notes included, is the same
    as Babel's reading of the whole file."""
    import io

    from babel.messages.pofile import read_po

    from kiosk.content import catalogue

    files = sorted(catalogue.LOCALE_DIR.glob("*.po*"))
    assert len(files) > 1
    for path in files:
        language = catalogue.SOURCE_LANGUAGE if path.suffix == ".pot" else path.stem
        quick = catalogue.read_catalogue(path, language)
        with monkeypatch.context() as whole:
            whole.setattr(
                catalogue, "read_po", lambda _f, p=path: read_po(io.BytesIO(p.read_bytes()))
            )
            assert catalogue.read_catalogue(path, language) == quick, path.name
        assert quick.words
        assert bool(quick.notes) == (path.suffix == ".pot")  # what each word is for


def test_a_kiosk_under_a_loose_umask_still_starts_from_what_it_checked(
    tmp_path: Path, content_text: str, write_content: Write
) -> None:
    """The data folder is the kiosk's alone whatever the umask: under 002 it was made
    group-writable, which `restore` rightly refuses, so the fast start never happened."""
    import os

    path = write_content(content_text)
    data = tmp_path / "data"
    before = os.umask(0o002)
    try:
        startfrom.keep(data, load_content(path))
    finally:
        os.umask(before)
    assert data.stat().st_mode & 0o022 == 0
    assert startfrom.restore(data, path) is not None
