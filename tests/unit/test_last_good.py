"""The copy of the last good content (kiosk.content.lastgood): what a kiosk started on a broken
file runs, and how the running kiosk takes the file given once it is fixed."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from fakes import FakeClock
from fleet import git, needs_git

from kiosk.content import ContentError, load_content
from kiosk.content.lastgood import fallback, keep
from kiosk.core.control import QUIET_SECONDS, Kiosk

Write = Callable[[str], Path]


def test_the_copy_loads_as_the_same_content(
    tmp_path: Path, content_text: str, write_content: Write
) -> None:
    loaded = load_content(write_content(content_text))
    base = tmp_path / "data" / "last-good"
    assert fallback(base) is None
    copy = keep(loaded, base)
    assert copy is not None and fallback(base) == copy
    again = load_content(copy)
    assert again.version == loaded.version  # the same files, wherever they stand
    assert again.content == loaded.content


def test_a_new_version_replaces_the_copy_and_the_same_one_is_not_written_again(
    tmp_path: Path, content_text: str, write_content: Write
) -> None:
    base = tmp_path / "last-good"
    first = keep(load_content(write_content(content_text)), base)
    assert first is not None
    written = first.stat().st_mtime_ns
    assert keep(load_content(write_content(content_text)), base) == first
    assert first.stat().st_mtime_ns == written
    edited = load_content(write_content(content_text.replace("Willow Street", "Elm Road")))
    second = keep(edited, base)
    assert second is not None and second != first and fallback(base) == second
    assert not first.exists()  # one copy is enough
    assert load_content(second).content.clinic.name.startswith("Elm Road")


def test_a_folder_that_cannot_be_written_is_logged_and_nothing_else(
    tmp_path: Path, content_text: str, write_content: Write, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    loaded = load_content(write_content(content_text))
    assert keep(loaded, blocker / "last-good") is None
    assert "cannot keep a copy of the last good content" in caplog.text
    assert caplog.records[-1].levelno == logging.WARNING


def test_the_kiosk_on_the_copy_applies_the_file_given_once_it_is_fixed(
    tmp_path: Path, content_text: str, write_content: Write, clock: FakeClock
) -> None:
    path = write_content(content_text)
    copy = keep(load_content(path), tmp_path / "last-good")
    assert copy is not None
    path.write_text(content_text.replace("idle_seconds: 90", "idle_seconds: soon"), "utf-8")
    with pytest.raises(ContentError):
        load_content(path)
    kiosk = Kiosk(load_content(copy), clock=clock, source=path)
    kiosk.content_error = "settings.idle_seconds: expected a whole number"
    kiosk.running_copy = True
    assert not kiosk.check_files()  # nothing changed since: the copy runs on
    assert kiosk.command("status")["running_last_good"] is True  # said to `kiosk ctl status`
    assert "kiosk_content_running_last_good 1.0" in kiosk.metrics()  # and to the alert rules
    fixed = content_text.replace("Willow Street", "Elm Road")
    with path.open("r+", encoding="utf-8") as file:  # fixed in place: the folder's time stays
        file.write(fixed)
        file.truncate()
    kiosk.check_files()
    clock.now += QUIET_SECONDS
    kiosk.check_files()
    assert kiosk.loaded.path == path
    assert kiosk.loaded.content.clinic.name.startswith("Elm Road")
    assert kiosk.content_error is None
    assert kiosk.command("status")["running_last_good"] is False
    assert "kiosk_content_running_last_good 0.0" in kiosk.metrics()


def test_the_kiosks_own_pictures_and_fonts_are_not_copied(tmp_path: Path) -> None:
    """The bundled content's pictures and fonts ship with the kiosk: its copy is its text."""
    from kiosk.paths import default_content_path

    loaded = load_content(default_content_path())
    copy = keep(loaded, tmp_path / "last-good")
    assert copy is not None
    assert [p.name for p in copy.parent.rglob("*") if not p.name.startswith(".")] == [
        "content.yaml"
    ]  # and the copy's own notes: .complete, .commit
    assert load_content(copy).content == loaded.content


def test_a_file_no_check_foresaw_is_a_content_problem_not_a_crash(
    content_text: str,
    write_content: Write,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Whatever goes wrong while reading (a bug of ours, a file no check foresaw), the caller
    gets a ContentError naming the file: the running kiosk keeps its last good content and a
    kiosk starting falls back to its copy, as for any other problem."""
    import kiosk.content.loader as loader

    path = write_content(content_text)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(loader, "load_content_bytes", broken)
    with pytest.raises(ContentError) as raised:
        load_content(path)
    assert "content.yaml: (file): the kiosk could not read this file (RecursionError)" in str(
        raised.value
    )
    assert "reading" in caplog.text and "Traceback" in caplog.text


def on_the_copy(path: Path, base: Path, clock: FakeClock, error: str) -> Kiosk:
    """A kiosk started as `kiosk run` starts it on a broken file: on the copy."""
    copy = fallback(base)
    assert copy is not None
    kiosk = Kiosk(load_content(copy), clock=clock, source=path)
    kiosk.content_error, kiosk.running_copy = error, True
    return kiosk


def settle(kiosk: Kiosk, clock: FakeClock, seconds: float) -> None:
    """Let the kiosk's file timer run for `seconds` (it looks every 2 s)."""
    for _look in range(int(seconds // 2)):
        kiosk.check_files()
        clock.now += 2


def test_a_fix_to_a_picture_alone_is_found_while_the_copy_runs(
    tmp_path: Path, content_text: str, write_content: Write, clock: FakeClock
) -> None:
    """The broken part was a picture: putting it back is seen as soon as it settles, though
    the copy is what runs (review: five looks, still on the copy). It is the change that is
    seen (issue 26): the file given is not read again on a timer."""
    path = write_content(content_text)
    base = tmp_path / "data" / "last-good"
    keep(load_content(path), base)
    logo = path.parent / "assets" / "logo.svg"
    good = logo.read_bytes()
    logo.write_bytes(b"<svg")  # cut short
    with pytest.raises(ContentError):
        load_content(path)
    kiosk = on_the_copy(path, base, clock, "assets/logo.svg: not a whole SVG")
    settle(kiosk, clock, 10)
    assert kiosk.running_copy  # still broken: still the copy, and nothing applied
    logo.write_bytes(good)
    settle(kiosk, clock, 10)
    assert not kiosk.running_copy and kiosk.content_error is None
    assert kiosk.loaded.path == path


def test_undoing_the_bad_edit_leaves_the_copy_for_the_file_given(
    tmp_path: Path, content_text: str, write_content: Write, clock: FakeClock
) -> None:
    """The fix makes the file the same as the copy: the kiosk still moves to the file given,
    so its later edits are seen (review: it stayed on the copy for good)."""
    path = write_content(content_text)
    base = tmp_path / "data" / "last-good"
    keep(load_content(path), base)
    path.write_text(content_text.replace("idle_seconds: 90", "idle_seconds: soon"), "utf-8")
    kiosk = on_the_copy(path, base, clock, "settings.idle_seconds: expected a whole number")
    path.write_text(content_text, "utf-8")
    settle(kiosk, clock, 10)
    assert kiosk.loaded.path == path and not kiosk.running_copy
    path.write_text(content_text.replace("Willow Street", "Elm Road"), "utf-8")
    settle(kiosk, clock, 10)
    assert kiosk.loaded.content.clinic.name.startswith("Elm Road")


def test_content_whose_pictures_lie_outside_its_folder_is_refused_and_nothing_is_copied(
    tmp_path: Path, content_text: str
) -> None:
    """Pictures reached through a link out of the content's folder are refused at load (issue
    26: they made the copy impossible, and let content show any file of the machine), so no
    copy of such content is ever attempted."""
    from kiosk.paths import resource_root

    shared = tmp_path / "shared"
    shutil.copytree(resource_root() / "assets", shared / "assets")
    site = tmp_path / "site"
    site.mkdir()
    (site / "assets").symlink_to(shared / "assets")
    (site / "content.yaml").write_text(content_text, "utf-8")
    with pytest.raises(ContentError) as refused:
        load_content(site / "content.yaml")
    assert f"clinic.logo: 'assets/logo.svg' is a link to '{shared / 'assets' / 'logo.svg'}'" in (
        refused.value.report()
    )


def test_a_picture_linked_inside_the_folder_is_copied_as_a_real_file(
    tmp_path: Path, content_text: str, write_content: Write
) -> None:
    """A link inside the folder is allowed; the copy holds the file it points to, under the
    name the content gives it (issue 26: such a link silently stopped the copy)."""
    path = write_content(content_text.replace("logo: assets/logo.svg", "logo: brand/logo.svg"))
    (path.parent / "brand").mkdir()
    (path.parent / "brand" / "logo.svg").symlink_to(path.parent / "assets" / "logo.svg")
    loaded = load_content(path)
    copy = keep(loaded, tmp_path / "data" / "last-good")
    assert copy is not None
    kept = copy.parent / "brand" / "logo.svg"
    assert kept.is_file() and not kept.is_symlink()
    assert kept.read_bytes() == (path.parent / "assets" / "logo.svg").read_bytes()
    assert not [p for p in copy.parent.rglob("*") if p.is_symlink()]
    again = load_content(copy)
    assert again.content == loaded.content
    shown = again.file("brand/logo.svg")
    assert shown is not None and shown.data == (path.parent / "assets" / "logo.svg").read_bytes()


@needs_git
def test_a_kiosk_on_the_copy_names_the_commit_it_was_copied_from(
    tmp_path: Path, content_text: str, clock: FakeClock
) -> None:
    """Fleet tester: a kiosk on its last good copy reported a hash, not the commit, so the
    dashboard counted it as a version of its own."""
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    (checkout / "content.yaml").write_text(content_text, "utf-8")
    git(checkout, "init", "--quiet")
    git(checkout, "add", "content.yaml")
    git(checkout, "commit", "--quiet", "-m", "content")
    commit = git(checkout, "rev-parse", "HEAD")
    running = Kiosk(load_content(checkout / "content.yaml"), clock=clock)
    copy = keep(running.loaded, tmp_path / "last-good")
    assert copy is not None
    on_copy = Kiosk(load_content(copy), clock=clock, source=checkout / "content.yaml")
    assert on_copy.version == running.version == commit[:12]
    assert on_copy.status()["content_commit"] == commit
    git(checkout, "commit", "--quiet", "--allow-empty", "-m", "the same files, a new commit")
    newer = git(checkout, "rev-parse", "HEAD")
    assert keep(load_content(checkout / "content.yaml"), tmp_path / "last-good") == copy
    assert Kiosk(load_content(copy), clock=clock).version == newer[:12]
