"""The running kiosk without Qt: resets, hot reload, pause and the control commands."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from fakes import FakeClock, raw_pin_hash
from visits import MASSAGE

from kiosk.content import LoadedContent, load_content
from kiosk.content.model import SAMPLE_PIN_HASH
from kiosk.core.access import hash_pin
from kiosk.core.control import QUIET_SECONDS, Kiosk
from kiosk.core.place import ATTRACT

ROOT = Path(__file__).resolve().parents[2]

Writer = Callable[[str], Path]


def touch_later(path: Path) -> None:
    """Make sure the next stat shows a change even on a coarse file-system clock."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


@pytest.fixture
def kiosk(content_text: str, write_content: Writer, clock: FakeClock) -> Kiosk:
    return Kiosk(load_content(write_content(content_text)), clock=clock)


def see_change(kiosk: Kiosk, clock: FakeClock) -> bool:
    """Look at the files twice, a quiet time apart, as the window's timer does: a change is
    read only once it has stayed the same that long."""
    seen = kiosk.check_files()
    clock.now += QUIET_SECONDS
    return kiosk.check_files() and seen


def mid_visit(kiosk: Kiosk) -> None:
    kiosk.session.start()
    kiosk.session.answers.update(MASSAGE)
    kiosk.session.show("question:pain_now", remember=True)


@pytest.mark.parametrize("command", ["reset", "pause"])
def test_every_staff_and_control_reset_wipes_the_visit(kiosk: Kiosk, command: str) -> None:
    mid_visit(kiosk)
    reply = kiosk.command(command)
    assert reply["ok"], reply
    assert kiosk.session.current == ATTRACT
    assert kiosk.session.answers == {} and kiosk.session.history == []


def test_the_staff_panels_reload_wipes_the_visit(kiosk: Kiosk) -> None:
    mid_visit(kiosk)
    assert kiosk.reload().ok  # a receptionist at the kiosk
    assert kiosk.session.current == ATTRACT
    assert kiosk.session.answers == {} and kiosk.session.history == []
    assert kiosk.figures.ended == {"staff": 1}


def test_the_admin_reset_is_counted_as_a_staff_reset(kiosk: Kiosk) -> None:
    mid_visit(kiosk)
    kiosk.reset("staff")
    mid_visit(kiosk)
    kiosk.session.reset("idle")
    assert kiosk.figures.visits == 2
    assert kiosk.figures.ended == {"staff": 1, "idle": 1}


def test_a_valid_change_waits_for_the_end_of_the_visit(
    kiosk: Kiosk, content_text: str, write_content: Writer, clock: FakeClock
) -> None:
    applied: list[LoadedContent] = []
    kiosk.on_content(applied.append)
    mid_visit(kiosk)
    path = write_content(content_text.replace("Willow Street", "Elm Road"))
    touch_later(path)
    assert see_change(kiosk, clock)
    assert kiosk.loaded.content.clinic.name.startswith("Willow Street")  # not mid-visit
    assert kiosk.status()["content_waiting"] is True
    assert kiosk.session.answers  # the visit goes on untouched
    kiosk.session.reset("idle")
    assert kiosk.loaded.content.clinic.name.startswith("Elm Road")
    assert kiosk.session.content.clinic.name.startswith("Elm Road")
    assert [a.content.clinic.name[:8] for a in applied] == ["Elm Road"]
    assert kiosk.status()["content_waiting"] is False
    assert not kiosk.check_files()  # nothing changed since


def test_a_change_between_visits_applies_at_once(
    kiosk: Kiosk, content_text: str, write_content: Writer, clock: FakeClock
) -> None:
    path = write_content(content_text.replace("Willow Street", "Elm Road"))
    touch_later(path)
    see_change(kiosk, clock)
    assert kiosk.loaded.content.clinic.name.startswith("Elm Road")


def test_a_changed_asset_counts_as_a_change(kiosk: Kiosk, clock: FakeClock) -> None:
    logo = kiosk.loaded.asset(kiosk.loaded.content.clinic.logo)
    assert logo is not None
    touch_later(logo)
    assert see_change(kiosk, clock)


def test_an_invalid_change_is_reported_and_the_last_good_content_stays(
    kiosk: Kiosk, content_text: str, write_content: Writer, clock: FakeClock
) -> None:
    before = kiosk.loaded
    mid_visit(kiosk)
    path = write_content(content_text.replace("idle_seconds: 90", "idle_seconds: soon"))
    touch_later(path)
    see_change(kiosk, clock)
    error = kiosk.status()["content_error"]
    assert "content.yaml:" in error and "settings.idle_seconds" in error
    kiosk.session.reset("finish")
    assert kiosk.loaded is before  # refused: the old content runs on
    reply = kiosk.command("reload")
    assert not reply["ok"]
    assert "keeps showing the last good content" in reply["message"]
    assert "settings.idle_seconds" in reply["message"]
    assert kiosk.loaded is before
    # once fixed, the error clears and the new file runs
    write_content(content_text.replace("idle_seconds: 90", "idle_seconds: 120"))
    touch_later(path)
    see_change(kiosk, clock)
    assert kiosk.status()["content_error"] is None
    assert kiosk.loaded.content.settings.idle_seconds == 120


def test_a_deleted_content_file_keeps_the_last_good_content(kiosk: Kiosk, clock: FakeClock) -> None:
    before = kiosk.loaded
    kiosk.loaded.path.unlink()
    assert see_change(kiosk, clock)
    assert kiosk.loaded is before
    assert "no such file" in kiosk.status()["content_error"]


def test_pause_and_resume(kiosk: Kiosk) -> None:
    changes: list[bool] = []
    kiosk.on_state(lambda: changes.append(kiosk.paused))
    mid_visit(kiosk)
    kiosk.command("pause")
    assert kiosk.paused and kiosk.session.answers == {}
    assert kiosk.status()["paused"] is True
    kiosk.command("pause")  # twice is the same as once
    kiosk.command("resume")
    assert not kiosk.paused and kiosk.session.current == ATTRACT
    assert changes == [True, False]


def test_status_says_what_runs(kiosk: Kiosk) -> None:
    now = [1000.0]
    kiosk = Kiosk(kiosk.loaded, clock=lambda: now[0])
    now[0] += 75
    mid_visit(kiosk)
    status = kiosk.command("status")
    assert status["ok"]
    assert status["screen"] == "question:pain_now"
    assert status["visit_under_way"] is True
    assert status["content_path"] == str(kiosk.loaded.path)
    assert len(status["content_version"]) == 12
    assert status["uptime_seconds"] == 75
    assert status["today"]["visits"] == 1


def test_status_says_the_staff_pin_is_the_sample_one_and_how_to_change_it(
    kiosk: Kiosk, content_text: str, write_content: Writer
) -> None:
    warning = kiosk.command("status")["staff_pin_warning"]
    assert "still the sample one from the README (2580)" in warning
    assert "run kiosk hash-pin" in warning and "under staff: pin_hash: in content.yaml" in warning
    common = write_content(content_text.replace(SAMPLE_PIN_HASH, raw_pin_hash("1234")))
    warning = Kiosk(load_content(common)).command("status")["staff_pin_warning"]
    assert warning.startswith("The staff PIN is 1234, one of the first PINs a visitor would try")
    own = write_content(content_text.replace(SAMPLE_PIN_HASH, hash_pin("482913")))
    assert Kiosk(load_content(own)).command("status")["staff_pin_warning"] is None
    # a hash without the mark of today's rules (an older hash-pin's): a year, perhaps
    year = write_content(content_text.replace(SAMPLE_PIN_HASH, raw_pin_hash("1999")))
    warning = Kiosk(load_content(year)).command("status")["staff_pin_warning"]
    assert warning.startswith("The staff PIN was set before kiosk hash-pin checked every")
    assert "under staff: pin_hash: in content.yaml" in warning


def test_an_unknown_command_lists_the_known_ones(kiosk: Kiosk) -> None:
    reply = kiosk.command("explode")
    assert not reply["ok"]
    assert "status, reset, reload, pause, resume" in reply["message"]


def test_the_figures_start_again_each_day(kiosk: Kiosk) -> None:
    day = [dt.date(2026, 11, 20)]
    kiosk = Kiosk(kiosk.loaded, today=lambda: day[0])
    mid_visit(kiosk)
    kiosk.session.show("result:massage_may_help")
    assert (kiosk.figures.visits, kiosk.figures.results) == (1, 1)
    kiosk.reset("staff")
    day[0] = dt.date(2026, 11, 21)
    mid_visit(kiosk)
    assert (kiosk.figures.day, kiosk.figures.visits, kiosk.figures.results) == (day[0], 1, 0)


def test_the_same_pin_keeps_its_lock_across_a_reload(
    kiosk: Kiosk, content_text: str, write_content: Writer, clock: FakeClock
) -> None:
    lock = kiosk.pin_lock
    assert lock is not None
    for _ in range(5):
        lock.attempt("0000", now=0)
    path = write_content(content_text.replace("Willow Street", "Elm Road"))
    touch_later(path)
    see_change(kiosk, clock)
    assert kiosk.pin_lock is lock and lock.locked_seconds(now=1) > 0


def test_reload_and_reset_say_a_visit_was_ended_only_when_one_was(
    kiosk: Kiosk, content_text: str, write_content: Writer
) -> None:
    reply = kiosk.command("reload")  # nobody mid-visit, the file as it was
    assert reply["message"] == (
        f"content.yaml has not changed since it was loaded (version {kiosk.version})."
    )
    touch_later(write_content(content_text.replace("Willow Street", "Elm Road")))
    reply = kiosk.command("reload")
    assert reply["message"] == f"New content is live: content.yaml, version {kiosk.version}."
    mid_visit(kiosk)
    touch_later(write_content(content_text.replace("Willow Street", "Oak Lane")))
    result = kiosk.reload()  # the staff panel's Reload, at the kiosk
    assert result.message == (
        f"New content is live: content.yaml, version {kiosk.version}.\n"
        "The visit that was on screen was ended."
    )
    assert kiosk.loaded.content.clinic.name.startswith("Oak Lane")
    assert kiosk.command("reset")["message"] == "No visit was under way; the kiosk shows its start."
    mid_visit(kiosk)
    assert kiosk.command("reset")["message"] == "The visit was ended; the kiosk shows its start."


def test_reloading_an_unchanged_file_only_ends_the_visit(kiosk: Kiosk) -> None:
    applied: list[LoadedContent] = []
    kiosk.on_content(applied.append)
    mid_visit(kiosk)
    result = kiosk.reload()
    assert result.ok and "has not changed" in result.message
    assert kiosk.session.answers == {} and applied == []
    touch_later(kiosk.loaded.path)
    assert kiosk.reload().ok
    assert len(applied) == 1  # a touched file is read and applied again


def test_kiosk_ctl_reload_never_ends_a_visitors_visit(
    kiosk: Kiosk, content_text: str, write_content: Writer
) -> None:
    """Nobody at the kiosk asked: an unchanged file changes nothing, and a changed one waits
    for the visit under way to end, as an edit does (fleet tester: `kiosk ctl reload` ended a
    visit, counted as staff, though the file had not changed)."""
    mid_visit(kiosk)
    reply = kiosk.command("reload")
    assert reply["ok"] and reply["message"] == (
        f"content.yaml has not changed since it was loaded (version {kiosk.version})."
    )
    assert kiosk.session.answers == MASSAGE and kiosk.figures.ended == {}
    touch_later(write_content(content_text.replace("Willow Street", "Oak Lane")))
    reply = kiosk.command("reload")
    assert reply["ok"] and reply["message"] == (
        "A changed content file is ready; it starts when this visit ends."
    )
    assert kiosk.session.answers == MASSAGE
    assert kiosk.loaded.content.clinic.name.startswith("Willow Street")
    assert kiosk.status()["content_waiting"]
    kiosk.session.reset("finish")
    assert kiosk.loaded.content.clinic.name.startswith("Oak Lane")
    assert kiosk.figures.ended == {"finish": 1}


def test_a_file_still_being_written_never_goes_live(
    kiosk: Kiosk, content_text: str, write_content: Writer, clock: FakeClock
) -> None:
    """An editor or a copy writes in steps; each step may be valid YAML. Only a file that
    stayed the same for the quiet time is read."""
    path = write_content(content_text.replace("Willow Street", "Half Written"))
    touch_later(path)
    assert kiosk.check_files()  # seen, not read yet
    clock.now += QUIET_SECONDS / 2
    write_content(content_text.replace("Willow Street", "Elm Road"))
    touch_later(path)
    touch_later(path)
    kiosk.check_files()
    clock.now += QUIET_SECONDS / 2
    kiosk.check_files()  # the second version has been quiet for only half the time
    assert kiosk.loaded.content.clinic.name.startswith("Willow Street")
    clock.now += QUIET_SECONDS / 2
    kiosk.check_files()
    assert kiosk.loaded.content.clinic.name.startswith("Elm Road")


def test_every_reload_outcome_is_logged(
    kiosk: Kiosk,
    content_text: str,
    write_content: Writer,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level("INFO", logger="kiosk")
    old = kiosk.version
    text = content_text.replace("idle_seconds: 90", "idle_seconds: soon")
    path = write_content(text)
    touch_later(path)
    see_change(kiosk, clock)
    line = next(i + 1 for i, t in enumerate(text.splitlines()) if "idle_seconds" in t)
    [refused] = [r.getMessage() for r in caplog.records]
    assert refused.startswith(f"content refused: {path}; the last good content (version {old})")
    assert f"content.yaml:{line}: settings.idle_seconds: expected a whole number" in refused
    caplog.clear()

    write_content(content_text.replace("Willow Street", "Elm Road"))
    touch_later(path)
    see_change(kiosk, clock)
    assert [r.getMessage() for r in caplog.records] == [
        f"content applied: {path} (version {kiosk.version})"
    ]
    assert kiosk.version != old
    caplog.clear()

    path.unlink()
    see_change(kiosk, clock)
    assert [r.getMessage() for r in caplog.records] == [
        f"content file missing: {path}; the last good content (version {kiosk.version}) stays"
    ]


def test_replacing_a_picture_makes_a_new_version(kiosk: Kiosk, clock: FakeClock) -> None:
    logo = kiosk.loaded.asset(kiosk.loaded.content.clinic.logo)
    assert logo is not None
    old = kiosk.version
    logo.write_text(logo.read_text("utf-8").replace("</svg>", "<!-- new --></svg>"), "utf-8")
    touch_later(logo)
    see_change(kiosk, clock)
    assert kiosk.version != old
    assert kiosk.loaded.files[logo].endswith(b"<!-- new --></svg>\n")


def test_the_same_content_is_the_same_version_in_any_folder(
    tmp_path: Path, content_text: str
) -> None:
    """Kiosks keep their content in folders of their own: the same files give the same
    version wherever they stand (fleet tester: three kiosks showed three versions of one
    content, so 'version differs' would always fire); a picture's bytes still count."""
    copies = []
    for site in ("elm", "birch/deeper"):
        folder = tmp_path / site
        shutil.copytree(ROOT / "assets", folder / "assets")
        (folder / "content.yaml").write_text(content_text, "utf-8")
        copies.append(load_content(folder / "content.yaml"))
    assert copies[0].version == copies[1].version
    logo = tmp_path / "elm" / "assets" / "logo.svg"
    logo.write_text(logo.read_text("utf-8").replace("</svg>", "<!-- new --></svg>"), "utf-8")
    assert load_content(tmp_path / "elm" / "content.yaml").version != copies[1].version


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_content_file_replaced_by_a_fifo_is_refused_without_waiting(
    kiosk: Kiosk, clock: FakeClock
) -> None:
    """Reading a named pipe would wait for a writer, freezing the interface: it is refused
    unread, and the last good content stays."""
    before = kiosk.loaded
    path = kiosk.loaded.path
    path.unlink()
    os.mkfifo(path)
    assert see_change(kiosk, clock)
    assert kiosk.loaded is before
    assert "this is a named pipe (FIFO), not a regular file" in kiosk.status()["content_error"]
    reply = kiosk.command("reload")
    assert not reply["ok"] and "named pipe (FIFO)" in reply["message"]


def test_a_result_seen_again_after_back_counts_once(kiosk: Kiosk) -> None:
    """The staff panel's 'self-check results' agree with the figures (issue 16): Back from
    the urgent result and 'See my result' again is one self-check, not two."""
    session = kiosk.session
    session.start()
    session.show("screen:self_check", remember=True)
    session.next()
    session.answer("saddle_numbness", "yes")  # a red flag: the urgent result at once
    assert session.current.name.startswith("result:")
    session.back()
    session.answer("saddle_numbness", "yes")
    assert session.current.name.startswith("result:")
    kiosk.reset("finish")
    session.start()  # a second visit with its own result counts
    session.show("result:see_doctor")
    today = kiosk.command("status")["today"]
    assert today["visits"] == 2 and today["results"] == 2


def test_a_restart_keeps_todays_counts(kiosk: Kiosk, tmp_path: Path, clock: FakeClock) -> None:
    """Fleet tester: a restart set "today" back to 0 (5 -> 0) in the staff panel, `kiosk ctl
    status` and the metrics, while `kiosk stats` kept the day. Today now comes from the store."""
    from kiosk.stats_store import StatsStore

    day = dt.date(2026, 12, 7)
    store = StatsStore(tmp_path / "stats.db", today=lambda: day)
    before = Kiosk(kiosk.loaded, clock=clock, today=lambda: day, stats=store)
    for _visit in range(6):
        before.session.start()
        before.reset("idle")
    before.session.start()
    before.session.show("result:see_doctor")
    before.reset("finish")
    said = before.command("status")["today"]
    assert said == {"visits": 7, "results": 1, "ended": {"idle": 6, "finish": 1}}
    store.close()

    store = StatsStore(tmp_path / "stats.db", today=lambda: day)  # the kiosk starts again
    try:
        after = Kiosk(kiosk.loaded, clock=clock, today=lambda: day, stats=store)
        assert after.command("status")["today"] == said
        assert "kiosk_visits_today 5.0" in after.metrics()  # in steps of 5, as before
        after.session.start()
        assert after.command("status")["today"]["visits"] == 8
        tomorrow = Kiosk(
            kiosk.loaded, clock=clock, today=lambda: day + dt.timedelta(days=1), stats=store
        )
        assert tomorrow.command("status")["today"] == {"visits": 0, "results": 0, "ended": {}}
    finally:
        store.close()


# -- "today" with a clock that can lie ------------------------------------------------------------


def visits(kiosk: Kiosk, n: int) -> None:
    for _visit in range(n):
        kiosk.session.start()
        kiosk.reset("idle")


def test_a_new_day_while_running_starts_from_the_store(kiosk: Kiosk) -> None:
    """Midnight while the kiosk runs: today's counts are the new day's, read from the store."""
    from kiosk.core.stats import MemoryRecorder

    day = [dt.date(2026, 12, 7)]
    store = MemoryRecorder()
    running = Kiosk(kiosk.loaded, today=lambda: day[0], stats=store)
    visits(running, 3)
    assert running.command("status")["today"]["visits"] == 3
    day[0] += dt.timedelta(days=1)
    assert running.command("status")["today"] == {"visits": 0, "results": 0, "ended": {}}
    assert "kiosk_visits_today 0.0" in running.metrics()


def test_a_visit_across_midnight_counts_on_the_day_it_ends(kiosk: Kiosk) -> None:
    """Fleet tester: a visit across midnight showed "visits 0, finished 1" today."""
    from kiosk.core.stats import MemoryRecorder

    day = [dt.date(2026, 12, 7)]
    store = MemoryRecorder()
    running = Kiosk(kiosk.loaded, today=lambda: day[0], stats=store)
    running.session.start()
    running.session.show("result:see_doctor")
    day[0] += dt.timedelta(days=1)  # midnight, mid visit
    assert running.command("status")["today"]["visits"] == 1
    running.reset("finish")
    said = running.command("status")["today"]
    assert said == {"visits": 1, "results": 1, "ended": {"finish": 1}}
    restarted = Kiosk(kiosk.loaded, today=lambda: day[0], stats=store)
    assert restarted.command("status")["today"] == said  # the store filed it on that day too


def test_a_clock_set_back_does_not_bring_back_another_days_counts(kiosk: Kiosk) -> None:
    """Fleet tester: "today" fell from 3 to 1 after the clock moved back and forth."""
    from kiosk.core.stats import MemoryRecorder

    day = [dt.date(2026, 12, 6)]
    store = MemoryRecorder()
    running = Kiosk(kiosk.loaded, today=lambda: day[0], stats=store)
    visits(running, 5)  # yesterday's five visits
    day[0] = dt.date(2026, 12, 7)
    visits(running, 3)
    assert running.command("status")["today"]["visits"] == 3
    day[0] = dt.date(2026, 12, 6)  # the clock is set back a day
    assert running.command("status")["today"]["visits"] == 3
    visits(running, 1)
    assert running.command("status")["today"]["visits"] == 4
    assert "kiosk_visits_today 0.0" in running.metrics()  # 4, in steps of 5
    day[0] = dt.date(2026, 12, 7)  # and set right again
    assert running.command("status")["today"] == {"visits": 4, "results": 0, "ended": {"idle": 4}}
    counted = {(row.day, row.metric): row.n for row in store.rows() if row.metric == "visits"}
    assert counted == {(dt.date(2026, 12, 6), "visits"): 5, (dt.date(2026, 12, 7), "visits"): 4}
