"""Content from a shared place (issue 20, item 1): a content repository fetched by the shipped
timer's script (docs/kiosk-content-sync), a `git pull` in place, and a Syncthing folder. A
running kiosk (the Qt-free `Kiosk`, whose `check_files` the window's timer calls) applies a
new version whole, between visits, with the commit as its version; a broken commit or a sync
half done never goes live."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from fakes import FakeClock
from fleet import Chain, git, needs_git
from visits import MASSAGE

from kiosk.content import load_content
from kiosk.content.sync import git_commit, sync_busy
from kiosk.core.control import QUIET_SECONDS, Kiosk

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "docs" / "kiosk-content-sync"


@pytest.fixture
def chain(tmp_path: Path, content_text: str) -> Chain:
    return Chain(tmp_path, content_text)


def see_change(kiosk: Kiosk, clock: FakeClock) -> bool:
    seen = kiosk.check_files()
    clock.now += QUIET_SECONDS
    return kiosk.check_files() and seen


def mid_visit(kiosk: Kiosk) -> None:
    kiosk.session.start()
    kiosk.session.answers.update(MASSAGE)
    kiosk.session.show("question:pain_now", remember=True)


def test_the_shipped_timer_runs_the_shipped_script() -> None:
    service = (ROOT / "docs" / "kiosk-content-sync.service").read_text("utf-8")
    timer = (ROOT / "docs" / "kiosk-content-sync.timer").read_text("utf-8")
    assert "ExecStart=%h/.local/bin/kiosk-content-sync\n" in service
    assert "OnUnitActiveSec=5min" in timer
    assert os.access(SCRIPT, os.X_OK)


@needs_git
def test_a_pushed_commit_goes_live_between_visits_with_the_commit_as_its_version(
    chain: Chain, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    first = chain.push(chain.text, "Willow Street's content")
    done = chain.sync()
    assert done.returncode == 0, done.stderr
    assert f"now live: commit {first[:12]} of main" in done.stderr
    kiosk = Kiosk(load_content(chain.live), clock=clock, source=chain.live)
    assert kiosk.version == first[:12]
    assert kiosk.status()["content_commit"] == first
    assert kiosk.status()["content_path"] == str(chain.live)

    caplog.set_level("INFO", logger="kiosk")
    second = chain.push(chain.text.replace("Willow Street", "Elm Road"), "Renamed")
    mid_visit(kiosk)
    done = chain.sync()
    assert done.returncode == 0, done.stderr
    assert see_change(kiosk, clock)
    assert kiosk.loaded.content.clinic.name.startswith("Willow Street")  # not mid-visit
    assert kiosk.status()["content_waiting"] is True
    kiosk.session.reset("idle")  # the visit ends: the new commit goes live
    assert kiosk.session.content.clinic.name.startswith("Elm Road")
    assert kiosk.version == second[:12]
    assert kiosk.status()["content_version"] == second[:12]
    assert any(f"(version {second[:12]})" in r.getMessage() for r in caplog.records)
    assert chain.sync().returncode == 0  # nothing new: nothing done
    assert not see_change(kiosk, clock)


@needs_git
def test_a_broken_commit_is_refused_logged_and_the_last_good_content_stays(
    chain: Chain, clock: FakeClock
) -> None:
    good = chain.push(chain.text, "good")
    assert chain.sync().returncode == 0
    kiosk = Kiosk(load_content(chain.live), clock=clock, source=chain.live)
    broken_text = chain.text.replace("idle_seconds: 90", "idle_seconds: soon")
    broken = chain.push(broken_text, "broken")
    done = chain.sync()
    assert done.returncode == 1
    line = next(i + 1 for i, t in enumerate(broken_text.splitlines()) if "idle_seconds" in t)
    assert f"refused commit {broken[:12]} of main" in done.stderr
    assert f"content.yaml:{line}: settings.idle_seconds: expected a whole number" in done.stderr
    assert os.readlink(chain.base / "current") == f"releases/{good}"
    assert not see_change(kiosk, clock)
    assert kiosk.version == good[:12]
    again = chain.sync()  # the timer runs again: one line says why, not the whole report
    assert again.returncode == 1
    assert again.stderr.splitlines() == [
        f"kiosk-content-sync: commit {broken[:12]} of main is still refused (its problems are "
        f"in the run that refused it); the kiosk keeps {good[:12]}"
    ]
    fixed = chain.push(chain.text.replace("Willow Street", "Elm Road"), "fixed")
    assert chain.sync().returncode == 0
    assert see_change(kiosk, clock)
    assert kiosk.version == fixed[:12]


@needs_git
def test_a_pull_in_place_goes_live_only_when_whole_and_valid(
    chain: Chain, tmp_path: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    """The simpler recipe, `git pull` in the kiosk's checkout: a broken commit is refused by
    the kiosk itself and logged, and nothing is read while git holds its lock."""
    first = chain.push(chain.text, "first")
    checkout = tmp_path / "checkout"
    git(tmp_path, "clone", "--quiet", str(chain.origin), str(checkout))
    kiosk = Kiosk(load_content(checkout / "content.yaml"), clock=clock)
    assert kiosk.version == first[:12]
    caplog.set_level("INFO", logger="kiosk")

    broken = chain.push(chain.text.replace("idle_seconds: 90", "idle_seconds: soon"), "bad")
    git(checkout, "pull", "--quiet", "--ff-only")
    assert see_change(kiosk, clock)
    assert kiosk.version == first[:12]
    assert kiosk.loaded.content.settings.idle_seconds == 90
    [refused] = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
    assert f"the last good content (version {first[:12]}) stays" in refused
    assert "settings.idle_seconds: expected a whole number" in refused
    assert git_commit(checkout) == broken

    fixed = chain.push(chain.text.replace("Willow Street", "Elm Road"), "fixed")
    lock = Path(git(checkout, "rev-parse", "--absolute-git-dir")) / "index.lock"
    lock.touch()  # git is in the middle of the pull: files half written
    git(checkout, "fetch", "--quiet")
    (checkout / "content.yaml").write_text(git(checkout, "show", "origin/main:content.yaml"))
    for _look in range(3):
        see_change(kiosk, clock)
    assert kiosk.loaded.content.clinic.name.startswith("Willow Street")
    assert kiosk.version == first[:12]
    assert any(
        "is being synced (git is changing the files" in r.getMessage() for r in caplog.records
    )
    lock.unlink()
    git(checkout, "checkout", "--quiet", "--", "content.yaml")  # as it was, for the pull
    git(checkout, "merge", "--quiet", "--ff-only", "origin/main")
    see_change(kiosk, clock)
    assert kiosk.loaded.content.clinic.name.startswith("Elm Road")
    assert kiosk.version == fixed[:12]


def test_a_syncthing_folder_goes_live_once_every_file_has_arrived(
    tmp_path: Path, content_text: str, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "clinic"
    (folder / ".stfolder").mkdir(parents=True)
    shutil.copytree(ROOT / "assets", folder / "assets", ignore=shutil.ignore_patterns("fonts"))
    (folder / "content.yaml").write_text(content_text, "utf-8")
    kiosk = Kiosk(load_content(folder / "content.yaml"), clock=clock)
    caplog.set_level("INFO", logger="kiosk")
    logo = kiosk.loaded.content.clinic.logo
    assert logo is not None
    new_logo = (folder / logo).with_name("logo-2.svg")
    # the new content.yaml has arrived; the picture it names is still on its way
    arriving = new_logo.with_name(f".syncthing.{new_logo.name}.tmp")
    arriving.write_bytes((folder / logo).read_bytes()[:40])
    (folder / "content.yaml").write_text(
        content_text.replace(f"logo: {logo}", f"logo: {Path(logo).with_name('logo-2.svg')}"),
        "utf-8",
    )
    for _look in range(3):
        see_change(kiosk, clock)
    assert kiosk.loaded.content.clinic.logo == logo
    assert kiosk.content_error is None  # waited for it: nothing refused
    assert any(f"Syncthing is still writing {arriving}" in r.getMessage() for r in caplog.records)
    arriving.write_bytes((folder / logo).read_bytes())
    arriving.rename(new_logo)
    see_change(kiosk, clock)
    assert kiosk.loaded.content.clinic.logo == str(Path(logo).with_name("logo-2.svg"))


def test_a_picture_arriving_after_its_content_file_is_picked_up(
    tmp_path: Path, content_text: str, clock: FakeClock
) -> None:
    """Without a file in flight (the picture not started yet), the content file alone is
    refused, and the picture's arrival (a new file in a folder of the content) is noticed."""
    folder = tmp_path / "clinic"
    shutil.copytree(ROOT / "assets", folder / "assets", ignore=shutil.ignore_patterns("fonts"))
    (folder / "content.yaml").write_text(content_text, "utf-8")
    kiosk = Kiosk(load_content(folder / "content.yaml"), clock=clock)
    logo = kiosk.loaded.content.clinic.logo
    assert logo is not None
    new_name = str(Path(logo).with_name("logo-2.svg"))
    (folder / "content.yaml").write_text(
        content_text.replace(f"logo: {logo}", f"logo: {new_name}"), "utf-8"
    )
    see_change(kiosk, clock)
    assert kiosk.content_error is not None and "logo-2.svg" in kiosk.content_error
    shutil.copy(folder / logo, folder / new_name)
    assets = (folder / new_name).parent
    stamp = assets.stat().st_mtime_ns + 2_000_000_000  # a coarse clock must still show it
    os.utime(assets, ns=(stamp, stamp))
    assert see_change(kiosk, clock)
    assert kiosk.loaded.content.clinic.logo == new_name
    assert kiosk.content_error is None


def test_the_commit_is_read_from_git_files_without_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "")  # no git program at all: read from the files, never crash
    sha, other = "a" * 40, "b" * 40
    checkout = tmp_path / "checkout"
    (checkout / ".git" / "refs" / "heads").mkdir(parents=True)
    (checkout / "deep").mkdir()
    (checkout / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (checkout / ".git" / "packed-refs").write_text(f"# pack-refs\n{sha} refs/heads/main\n")
    assert git_commit(checkout / "deep") == sha  # from packed-refs, found from a subfolder
    (checkout / ".git" / "refs" / "heads" / "main").write_text(other + "\n")
    assert git_commit(checkout) == other  # a loose ref wins
    (checkout / ".git" / "HEAD").write_text("ref: refs/heads/gone\n")
    assert git_commit(checkout) is None  # unknown: no version from git, no crash
    worktree = tmp_path / "worktree"
    worktree.mkdir()
    (checkout / ".git" / "worktrees" / "w").mkdir(parents=True)
    (checkout / ".git" / "worktrees" / "w" / "HEAD").write_text(sha + "\n")
    (worktree / ".git").write_text(f"gitdir: {checkout / '.git' / 'worktrees' / 'w'}\n")
    assert git_commit(worktree) == sha
    assert git_commit(tmp_path / "nowhere") is None
    (checkout / ".git" / "refs" / "heads" / "main.lock").touch()
    (checkout / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    assert (
        sync_busy(checkout / "content.yaml")
        == "git is moving refs/heads/main (refs/heads/main.lock)"
    )


@needs_git
def test_a_validator_that_cannot_run_refuses_nothing_for_good(chain: Chain) -> None:
    """A wrong KIOSK_BIN must not mark a good commit as refused: nothing is swapped, and the
    next run with a working validator puts it live."""
    good = chain.push(chain.text, "good")
    working = chain.validator
    chain.validator = chain.base.parent / "no-such-kiosk"
    done = chain.sync()
    assert done.returncode == 1
    assert f"cannot run {chain.validator} to check commit {good[:12]}" in done.stderr
    assert not (chain.base / "current").exists()
    chain.validator = working
    done = chain.sync()
    assert done.returncode == 0, done.stderr
    assert os.readlink(chain.base / "current") == f"releases/{good}"


def test_a_home_folder_kept_in_git_is_not_the_contents_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    (home / ".git" / "refs" / "heads").mkdir(parents=True)
    (home / ".git" / "HEAD").write_text("c" * 40 + "\n")  # the admin's dotfiles
    bundle = home / "clinic-kiosk" / "_internal"
    bundle.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    assert git_commit(bundle) is None
    assert git_commit(home) == "c" * 40  # content kept at the top of home itself still counts


@needs_git
def test_an_edit_made_on_the_kiosk_is_not_shown_as_the_commit(
    chain: Chain, tmp_path: Path, clock: FakeClock
) -> None:
    """A checkout changed by hand on one kiosk shows the commit with '+edited-' and the
    snapshot's own hash, so a chain's 'version differs' alert sees it (fleet tester: the edit
    went live as the commit's version); back as committed, the commit alone again."""
    first = chain.push(chain.text, "first")
    checkout = tmp_path / "checkout"
    git(tmp_path, "clone", "--quiet", str(chain.origin), str(checkout))
    kiosk = Kiosk(load_content(checkout / "content.yaml"), clock=clock)
    assert kiosk.version == first[:12]
    content = checkout / "content.yaml"
    content.write_text(chain.text.replace("Willow Street", "Elm Road"), "utf-8")
    assert see_change(kiosk, clock)
    assert kiosk.loaded.content.clinic.name.startswith("Elm Road")
    assert kiosk.version == f"{first[:12]}+edited-{kiosk.loaded.version[:8]}"
    assert kiosk.command("status")["content_version"] == kiosk.version
    git(checkout, "checkout", "--quiet", "--", "content.yaml")
    assert see_change(kiosk, clock)
    assert kiosk.version == first[:12]


@needs_git
def test_a_change_beside_the_content_is_not_an_edit_of_it(
    chain: Chain, tmp_path: Path, clock: FakeClock
) -> None:
    """The default content sits at the top of the kiosk's own checkout, beside its code: a
    changed or new file the content does not use (a developer's edit of the code) leaves the
    version the commit alone (tester: '+edited-' showed after a code change)."""
    first = chain.push(chain.text, "first")
    checkout = tmp_path / "checkout"
    git(tmp_path, "clone", "--quiet", str(chain.origin), str(checkout))
    (checkout / "main.py").write_text("print('code beside the content')\n", "utf-8")
    (checkout / "notes").mkdir()
    (checkout / "notes" / "todo.txt").write_text("not content\n", "utf-8")
    kiosk = Kiosk(load_content(checkout / "content.yaml"), clock=clock)
    assert kiosk.version == first[:12]


def sync_metrics(path: Path) -> dict[str, tuple[float, dict[str, str]]]:
    """The samples of the sync's textfile, read by prometheus_client's own parser."""
    from prometheus_client.parser import text_string_to_metric_families

    return {
        sample.name: (sample.value, sample.labels)
        for family in text_string_to_metric_families(path.read_text("utf-8"))
        for sample in family.samples
    }


@needs_git
def test_a_refused_commit_reaches_the_dashboard_through_the_syncs_textfile(
    chain: Chain, tmp_path: Path
) -> None:
    """On the sync route the kiosk never sees a refused commit, so the script says it to
    node_exporter itself (fleet tester: a refused push stayed invisible to Prometheus)."""
    textfile = tmp_path / "textfile"
    textfile.mkdir()
    prom = textfile / "kiosk-content-sync.prom"
    good = chain.push(chain.text, "good")
    assert chain.sync(KIOSK_SYNC_METRICS=str(prom)).returncode == 0
    first = sync_metrics(prom)
    assert first["kiosk_content_sync_ok"][0] == 1
    assert first["kiosk_content_sync_refused"][0] == 0
    assert (
        first["kiosk_content_sync_info"][1]
        == {
            "newest": good[:12],  # one commit length everywhere: the kiosk's version's
            "live": good[:12],
            "result": "live",
        }
    )
    succeeded = first["kiosk_content_sync_last_success_timestamp_seconds"][0]
    assert succeeded == first["kiosk_content_sync_last_run_timestamp_seconds"][0] > 0

    broken = chain.push(chain.text.replace("idle_seconds: 90", "idle_seconds: soon"), "bad")
    for _run in range(2):  # refused, then remembered as refused
        assert chain.sync(KIOSK_SYNC_METRICS=str(prom)).returncode == 1
        now = sync_metrics(prom)
        assert now["kiosk_content_sync_refused"][0] == 1 and now["kiosk_content_sync_ok"][0] == 0
        assert now["kiosk_content_sync_info"][1]["newest"] == broken[:12]
        assert now["kiosk_content_sync_info"][1]["live"] == good[:12]
        assert now["kiosk_content_sync_last_success_timestamp_seconds"][0] == succeeded
    assert [p.name for p in textfile.iterdir()] == [prom.name]  # written whole, no leftovers
    offline = chain.sync(KIOSK_SYNC_METRICS=str(prom), KIOSK_CONTENT_REPO=str(tmp_path / "gone"))
    assert offline.returncode == 1
    (said,) = offline.stderr.splitlines()  # one line a run, with git's reason
    assert said.startswith(f"kiosk-content-sync: cannot fetch main from {tmp_path / 'gone'} (")
    assert "does not appear to be a git repository" in said
    assert said.endswith(f"the kiosk keeps {good[:12]} (offline?)")
    now = sync_metrics(prom)  # a failed fetch: the newest commit known is still refused
    assert now["kiosk_content_sync_refused"][0] == 1 and now["kiosk_content_sync_ok"][0] == 0
    assert now["kiosk_content_sync_info"][1] == {
        "newest": broken[:12],
        "live": good[:12],
        "result": "failed",
    }


@needs_git
def test_a_commit_refused_by_one_kiosk_program_is_checked_again_by_the_next(
    chain: Chain, tmp_path: Path
) -> None:
    """A refusal holds for the program that refused: after an upgrade of the kiosk program
    (which may read what the old one could not), the sync checks the commit once more, with
    nobody deleting the refused list by hand (issue 29)."""
    good = chain.push(chain.text, "good")
    assert chain.sync().returncode == 0
    newer = chain.push(chain.text.replace("Willow Street", "Elm Road"), "for a newer kiosk")
    old_program = tmp_path / "old-kiosk"
    old_program.write_text(
        '#!/bin/sh\n[ "$1" = --version ] && { echo "kiosk 0.0.1"; exit 0; }\n'
        'echo "content.yaml:1: a key this program does not know"; exit 1\n'
    )
    old_program.chmod(0o755)
    for _run in range(2):
        assert chain.sync(KIOSK_BIN=str(old_program)).returncode == 1
    assert os.readlink(chain.base / "current") == f"releases/{good}"
    assert (chain.base / "refused").read_text() == f"{newer} kiosk_0.0.1\n"

    done = chain.sync()  # the kiosk program was upgraded: the commit is checked again
    assert done.returncode == 0, done.stderr
    assert f"now live: commit {newer[:12]} of main" in done.stderr
    assert os.readlink(chain.base / "current") == f"releases/{newer}"


def partial_folders(chain: Chain) -> list[str]:
    return [p.name for p in (chain.base / "releases").iterdir() if p.name.endswith(".partial")]


@needs_git
@pytest.mark.parametrize(
    ("entry", "why"), [("..", "invalid path '..'"), ("a" * 300, "File name too long")]
)
def test_a_commit_git_cannot_check_out_is_refused_remembered_and_cleaned(
    chain: Chain, entry: str, why: str
) -> None:
    """Fleet tester: a commit with a `..` entry was tried again on every run and left a
    `.partial` folder behind. It is refused once, remembered, and nothing of it stays."""
    good = chain.push(chain.text, "good")
    assert chain.sync(KIOSK_BIN="none").returncode == 0
    bad = chain.push_entry(entry, "a name this file system cannot hold")
    done = chain.sync(KIOSK_BIN="none")
    assert done.returncode == 1
    assert f"refused commit {bad[:12]} of main: git cannot check it out here" in done.stderr
    assert why in done.stderr and f"the kiosk keeps {good[:12]}" in done.stderr
    assert (chain.base / "refused").read_text() == f"{bad} none\n"
    assert partial_folders(chain) == []
    assert os.readlink(chain.base / "current") == f"releases/{good}"
    again = chain.sync(KIOSK_BIN="none")  # not tried again: one line says it is refused
    assert again.returncode == 1
    assert f"commit {bad[:12]} of main is still refused" in again.stderr
    assert partial_folders(chain) == []
    fixed = chain.push(chain.text.replace("Willow Street", "Elm Road"), "fixed")
    assert chain.sync(KIOSK_BIN="none").returncode == 0
    assert os.readlink(chain.base / "current") == f"releases/{fixed}"


@needs_git
def test_a_commit_with_a_corrupt_object_is_refused_and_cleaned(chain: Chain) -> None:
    good = chain.push(chain.text, "good")
    assert chain.sync(KIOSK_BIN="none").returncode == 0
    bad = chain.push(chain.text.replace("Willow Street", "Elm Road"), "fetched, then damaged")
    mirror = chain.base / "mirror.git"
    git(mirror, "fetch", "--quiet", str(chain.origin), "+refs/heads/main:refs/heads/main")
    blob = git(mirror, "rev-parse", f"{bad}:content.yaml")
    loose = mirror / "objects" / blob[:2] / blob[2:]
    loose.chmod(0o644)
    loose.write_bytes(b"not a git object")
    done = chain.sync(KIOSK_BIN="none")
    assert done.returncode == 1
    assert f"refused commit {bad[:12]} of main: git cannot check it out here" in done.stderr
    assert (chain.base / "refused").read_text() == f"{bad} none\n"
    assert partial_folders(chain) == []
    assert os.readlink(chain.base / "current") == f"releases/{good}"


@needs_git
def test_a_partial_release_left_by_a_stopped_run_is_removed(chain: Chain) -> None:
    """A power cut or `kill -9` in the middle of a checkout leaves a `.partial` folder; the
    next run removes it, whatever commit it was for."""
    chain.push(chain.text, "good")
    left = chain.base / "releases" / ("0" * 40 + ".partial")
    left.mkdir(parents=True)
    (left / "content.yaml").write_text("half", "utf-8")
    assert chain.sync(KIOSK_BIN="none").returncode == 0
    assert partial_folders(chain) == []
