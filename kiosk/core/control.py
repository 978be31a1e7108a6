"""The running kiosk as staff and the control channel see it, without Qt.

It holds the session and the content it runs. It offers the commands a receptionist (on the
admin panel) and `kiosk ctl` give: reset, reload, pause, resume and status. It also applies
a changed `content.yaml` at the right moment: a valid change waits for the next reset (never
in the middle of a visit), and an invalid one is reported while the last good content stays.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from .. import __version__
from ..content import ContentError, LoadedContent, load_content
from ..content.app_words import staff_word
from ..content.errors import ContentIssue
from ..content.lastgood import copied_commit
from ..content.pin_rules import SAMPLE_PIN, passed_the_rules
from ..content.sync import git_commit, git_edited, link_out_problem, source_marks, sync_busy
from .access import LockStore, PinLock
from .place import ATTRACT, Place
from .session import Moved, Session, SessionEvent
from .stats import StatsRecorder, VisitTracker

if TYPE_CHECKING:  # prometheus_client loads with the first metrics, not on the way to a frame
    from .metrics import KioskState

ResetReason = Literal["finish", "idle", "staff", "error", "control"]
QUIET_SECONDS = 1.5
"""How long the content file and its assets must stay the same before a change is read: a
file still being written (or copied, picture by picture) never goes live half done. The window
looks every 2 s, so a change goes live at the second look that finds it unchanged."""
COMMANDS = ("status", "reset", "reload", "pause", "resume", "metrics")
LOOKS = frozenset({"status", "metrics"})
"""Commands that only look (a monitor may send them every few seconds: not logged)."""
Fingerprint = tuple[tuple[str, int, int, int] | tuple[str, ...], ...]


class PendingRead(Protocol):
    """A read of the content under way elsewhere (`kiosk.content.worker.ContentRead`)."""

    def poll(self) -> LoadedContent | ContentError | None:
        """The checked snapshot or the refusal once the read is over; None while it runs."""
        ...

    def stop(self) -> None: ...


BackgroundLoader = Callable[[Path], PendingRead]
log = logging.getLogger("kiosk")


def _folders(loaded: LoadedContent) -> list[Path]:
    return sorted({path.parent for path in loaded.assets.values()})


def fingerprint(loaded: LoadedContent, source: Path | None = None) -> Fingerprint:
    """What changes when the content file or one of its assets is edited, replaced or
    removed: each file's path, modification time, size and inode (-1 for a missing file);
    with `source` (the content path the kiosk was given) also what changes when a sync
    changes the folder under it (`kiosk.content.sync.source_marks`: a swapped symlink, a new
    commit, a file added to a folder of the content)."""
    files = [loaded.path, *sorted(set(loaded.assets.values()))]
    if source is not None and os.path.realpath(source) != os.path.realpath(loaded.path):
        files.append(source)  # running another copy (the last good one): watch the file given
        given = Path(os.path.abspath(source)).parent
        files += [given / relative for relative in sorted(loaded.assets)]  # and its pictures
    marks: list[tuple[str, int, int, int] | tuple[str, ...]] = []
    for path in files:
        try:
            stat = path.stat()
            marks.append((str(path), stat.st_mtime_ns, stat.st_size, stat.st_ino))
        except OSError:
            marks.append((str(path), -1, -1, -1))
    if source is not None:
        marks.append(source_marks(source, _folders(loaded)))
    return tuple(marks)


EDITED = "+edited-"
"""Between a commit and the snapshot's own hash: a checkout changed on the kiosk itself."""


def version_of(loaded: LoadedContent, commit: str | None = None) -> str:
    """The version shown of a snapshot: in a git checkout the start of its commit (what the
    content repository calls it), with `+edited-` and the snapshot's hash when the checkout
    has changes of its own; else the start of the snapshot's SHA-256."""
    commit = commit or git_commit(loaded.path.parent)
    if not commit:
        return loaded.version
    if git_edited(loaded.path.parent, {loaded.path, *loaded.files}):
        return f"{commit[:12]}{EDITED}{loaded.version[:8]}"
    return commit[:12]


@dataclass
class Figures:
    """Today's counts, kept in memory only (nothing about a visitor)."""

    day: dt.date
    visits: int = 0
    results: int = 0
    ended: dict[str, int] = field(default_factory=dict)


def _figures_of(stats: StatsRecorder, day: dt.date) -> Figures:
    """The day's counts so far, from the figures' store: a restart (an upgrade, a crash, a
    power cut) does not set "today" back to 0 in the staff panel, `kiosk ctl status` and the
    metrics. The store holds ended visits; a visit under way at the restart ended with it."""
    figures = Figures(day)
    try:
        rows = stats.rows(since=day)
    except Exception:  # a bug of ours: today starts at 0, as before, and the kiosk runs
        log.exception("reading today's figures from the store failed")
        return figures
    for row in rows:
        if row.day != day:
            continue
        if row.metric == "visits":
            figures.visits += row.n
        elif row.metric == "results":
            figures.results += row.n
        elif row.metric == "ended":
            figures.ended[row.key] = figures.ended.get(row.key, 0) + row.n
    return figures


@dataclass(frozen=True)
class StaffNote:
    """Something to tell staff, decided here: a key of the staff words (`staff.*` in the
    catalogues) and the values it names. The panel says it in the staff's language;
    `kiosk ctl` and the log in English."""

    key: str
    values: Mapping[str, str] = field(default_factory=dict)

    def say(self, language: str = "en", wrap: Callable[[str], str] = str) -> str:
        """The words in `language`, each value passed through `wrap` (the panel keeps a
        command or a path left to right in Arabic)."""
        values = {name: wrap(value) for name, value in self.values.items()}
        return staff_word(language, self.key).format(**values)


HASH_PIN_COMMAND = "kiosk hash-pin"
PIN_SETTING = "staff: pin_hash:"


@dataclass(frozen=True)
class ReloadResult:
    """What a reload asked by staff did, in notes decided here (not by the panel)."""

    ok: bool
    notes: tuple[StaffNote, ...]
    problems: str | None = None
    """The refused file's problems, each with its line (as `kiosk validate` words them)."""

    def say(self, language: str = "en", wrap: Callable[[str], str] = str) -> str:
        lines = [note.say(language, wrap) for note in self.notes]
        if self.problems:
            lines.append(self.problems)
        return "\n".join(lines)

    @property
    def message(self) -> str:
        """In English, for `kiosk ctl` and the log."""
        return self.say()


class Kiosk:
    def __init__(
        self,
        loaded: LoadedContent,
        clock: Callable[[], float] = time.monotonic,
        today: Callable[[], dt.date] = dt.date.today,
        loader: Callable[[Path], LoadedContent] = load_content,
        stats: StatsRecorder | None = None,
        pin_store: LockStore | None = None,
        source: Path | None = None,
        background: BackgroundLoader | None = None,
    ) -> None:
        self.session = Session(loaded.content)
        self.background = background
        """Starts a read of the content off the interface's thread (`kiosk.content.worker`);
        None: `loader` reads it here, at once (the command line, the tests of the model)."""
        self._reading: (
            tuple[PendingRead, Fingerprint, Callable[[LoadedContent | None], None]] | None
        ) = None
        self.pin_store = pin_store
        """Where the PIN pad's lock is kept across restarts (None: in memory only)."""
        self.clock = clock
        self.today = today
        self.loader = loader
        self.started = clock()
        self.started_at = time.time()
        """The start in seconds since 1970, for the metrics."""
        self.crashes: int | None = None
        """Crashes the supervisor counted before this start (None: not supervised)."""
        self.store_errors: Callable[[], Mapping[str, int]] = dict
        """The figures' store's failed reads and writes by kind (the app sets it)."""
        self.kiosk_id = ""
        self.paused = False
        self.pending: LoadedContent | None = None
        self.content_error: str | None = None
        """Why the content file on disk is not the one running (plain words), if it is not."""
        self._day = today()
        self.figures = Figures(self._day)
        self.pin_lock: PinLock | None = None
        self._content_listeners: list[Callable[[LoadedContent], None]] = []
        self._state_listeners: list[Callable[[], None]] = []
        self._settling: tuple[Fingerprint, float] | None = None
        """A change seen on disk and when it was first seen, until it has stayed quiet."""
        self._busy: str | None = None
        """Why the content folder was last found in the middle of a sync (logged once)."""
        self.source = Path(os.path.abspath(source)) if source is not None else loaded.path
        """The content path the kiosk was given, as given (perhaps through a symlink that the
        sync timer swaps to a new release; the loader reads one release's real files)."""
        self.commit: str | None = None
        self.reloads: dict[str, int] = {}
        """Reads of changed content by result (valid, refused, missing), for the metrics."""
        self.last_reload: tuple[float, str] | None = None
        """When (wall-clock seconds) the content was last read again, and how it went."""
        self.running_copy = False
        """Started on the copy of the last good content (`kiosk.content.lastgood`) because
        the file given was broken: its fix is looked for until it goes live."""
        self._use(loaded)
        self.stats = stats
        """Where the anonymous figures of each ended visit go (None: nowhere)."""
        if stats is not None:
            self.figures = _figures_of(stats, self.figures.day)  # a restart keeps today's
        self.tracker: VisitTracker | None = None
        if stats is not None:
            self.tracker = VisitTracker(stats.record, clock, self.day, self._is_urgent)
        self._last_screen = self.session.current
        self._result_counted = False
        self.session.subscribe(self._on_screen)

    # -- listeners ---------------------------------------------------------------------------

    def on_content(self, listener: Callable[[LoadedContent], None]) -> None:
        """Called with the new content when it is applied (always between visits)."""
        self._content_listeners.append(listener)

    def on_state(self, listener: Callable[[], None]) -> None:
        """Called when pause, the pending content or the content error change."""
        self._state_listeners.append(listener)

    def _state_changed(self) -> None:
        for listener in list(self._state_listeners):
            listener()

    # -- content -----------------------------------------------------------------------------

    def _use(self, loaded: LoadedContent) -> None:
        self.loaded = loaded
        # the copy of the last good content names the commit it was copied from
        self.commit = git_commit(loaded.path.parent) or copied_commit(loaded.path.parent)
        self.version = version_of(loaded, self.commit)
        self.fingerprint = fingerprint(loaded, self.source)
        staff = loaded.content.staff
        old = self.pin_lock
        if staff is None:
            self.pin_lock = None
        elif old is None or old.stored_hash != staff.pin_hash:
            self.pin_lock = PinLock(staff.pin_hash, store=self.pin_store)  # same PIN, same lock

    def _apply(self, loaded: LoadedContent) -> None:
        self.pending = None
        self.running_copy = False
        self._use(loaded)
        log.info("content applied: %s (version %s)", loaded.path, self.version)
        self.session.load(loaded.content)
        for listener in list(self._content_listeners):
            listener(loaded)

    def _reloaded(self, result: str) -> None:
        self.reloads[result] = self.reloads.get(result, 0) + 1
        self.last_reload = (time.time(), result)

    def _try_load(self) -> LoadedContent | None:
        try:
            self._check_link()
            loaded = self.loader(self.source)
        except ContentError as error:
            return self._outcome(error)
        return self._outcome(loaded)

    def _check_link(self) -> None:
        linked_out = link_out_problem(self.source)
        if linked_out is not None:
            raise ContentError([ContentIssue(str(self.source), None, "(file)", linked_out)])

    def _read(
        self, marks: Fingerprint, then: Callable[[LoadedContent | None], None]
    ) -> LoadedContent | None:
        """Read the content: here and now (no `background`: returns the outcome, after
        `then`), or in the background (returns None; `poll` calls `then` once it is over)."""
        if self.background is None:
            loaded = self._try_load()
            then(loaded)
            return loaded
        if self._reading is not None:
            self._reading[0].stop()  # an older read: only the newest counts
        try:
            self._check_link()
        except ContentError as error:
            self._reading = None
            then(self._outcome(error))
            return None
        self._reading = (self.background(self.source), marks, then)
        return None

    @property
    def reading(self) -> bool:
        """Whether a read of the content is under way in the background."""
        return self._reading is not None

    def poll(self) -> bool:
        """Take the outcome of a background read if it is over (the interface's timer calls
        this often: it never waits). Returns whether a read ended."""
        if self._reading is None:
            return False
        pending, _marks, then = self._reading
        outcome = pending.poll()
        if outcome is None:
            return False
        self._reading = None
        then(self._outcome(outcome))
        return True

    def _outcome(self, outcome: LoadedContent | ContentError) -> LoadedContent | None:
        """A read's outcome: the snapshot, or None with the refusal said (once per version of
        the problem: a file refused again for the same reason is not logged again)."""
        path = self.source
        if isinstance(outcome, ContentError):
            error = outcome
            missing = [i for i in error.issues if i.message == "there is no such file"]
            self._reloaded("missing" if missing else "refused")
            if error.report() == self.content_error:
                return None  # the same problem, said already
            self.content_error = error.report()
            if missing:
                log.warning(
                    "content file missing: %s; the last good content (version %s) stays",
                    path,
                    self.version,
                )
            else:
                log.warning(
                    "content refused: %s; the last good content (version %s) stays. %s",
                    path,
                    self.version,
                    self.content_error,
                )
            return None
        self.content_error = None
        self._reloaded("valid")
        return outcome

    def check_files(self) -> bool:
        """Look whether the content or an asset changed on disk (a timer calls this). A change
        is read once the files have stayed the same for `QUIET_SECONDS`; a valid one is then
        applied now if no visit is under way, else at the next reset. Returns whether anything
        changed (also while the change settles)."""
        self.poll()
        marks = fingerprint(self.loaded, self.source)
        if marks == self.fingerprint:
            self._settling = None
            return False
        now = self.clock()
        if self._settling is None or self._settling[0] != marks:
            self._settling = (marks, now)  # still being written, perhaps: look again later
            return True
        if now - self._settling[1] < QUIET_SECONDS:
            return True
        if self._sync_under_way():
            self._settling = (marks, now)  # a pull or a file in flight: quiet again after it
            return True
        self._settling = None
        if self._reading is not None and self._reading[1] == marks:
            return True  # this very change is being read
        self._read(marks, partial(self._watched, marks))
        return True

    def recheck(self) -> None:
        """Read and check the content again though nothing changed (after a start that
        trusted the verdicts of the last one); as a change would be, off the screen."""
        marks = fingerprint(self.loaded, self.source)
        self._read(marks, partial(self._watched, marks))

    def _watched(self, marks: Fingerprint, loaded: LoadedContent | None) -> None:
        """A read started by a change on disk is over: apply it, keep it for the end of the
        visit, or keep the running content (refused)."""
        after = fingerprint(self.loaded, self.source)
        if after != marks or self._sync_under_way():  # changed while it was read: settle again
            return
        self.fingerprint = marks
        if loaded is not None and self._same(loaded):
            self.pending = None  # a folder's time changed, the content did not: nothing to do
            self._state_changed()
            return
        if loaded is None:
            self.pending = None
        elif self.session.visit_under_way:
            self.pending = loaded
            log.info(
                "content valid: %s (version %s); applied when the visit ends",
                loaded.path,
                version_of(loaded),
            )
        else:
            self._apply(loaded)
        self._state_changed()

    def _sync_under_way(self) -> bool:
        """Whether git or Syncthing is changing the content folder right now (logged once)."""
        busy = sync_busy(self.source, _folders(self.loaded))
        if busy is not None and busy != self._busy:
            log.info("content folder %s is being synced (%s); waiting", self.source.parent, busy)
        self._busy = busy
        return busy is not None

    def _same(self, loaded: LoadedContent) -> bool:
        """The same snapshot, from the same file, at the same commit as the one running (the
        copy of the last good content is never the same as the file it stands in for)."""
        return (
            loaded.version == self.loaded.version
            and loaded.path == self.loaded.path
            and git_commit(loaded.path.parent) == self.commit
        )

    def reload(self, from_afar: bool = False) -> ReloadResult:
        """Staff asked to reload: a good file ends the visit and runs at once; a bad one is
        explained and the running content stays. An unchanged file ends the visit only:
        building every screen again would cost memory for nothing. The result says that a
        visit was ended only when one was under way.

        `from_afar` (`kiosk ctl reload`: nobody at the kiosk asked) never ends a visit: a good
        file waits for the visit under way to end, as an edit does, and an unchanged one
        changes nothing."""
        visit = self.session.visit_under_way
        ended = (StaffNote("visit_ended"),) if visit and not from_afar else ()
        unchanged = (
            self.pending is None
            and self.content_error is None
            and fingerprint(self.loaded, self.source) == self.fingerprint
        )
        if unchanged:
            if not from_afar:
                self.reset("staff")
            return ReloadResult(True, (self._version_note("reload_unchanged"), *ended))
        self._settling = None
        if self.background is not None:  # read off the screen's thread: the outcome comes later
            marks = fingerprint(self.loaded, self.source)
            self._read(marks, partial(self._reload_read, from_afar, marks))
            if self._reading is None:  # refused before reading (a link out of its folder)
                return ReloadResult(False, (StaffNote("content_problems"),), self.content_error)
            return ReloadResult(True, (self._version_note("reload_checking"), *ended))
        loaded = self._try_load()
        if loaded is None:
            self._state_changed()
            return ReloadResult(False, (StaffNote("content_problems"),), self.content_error)
        self.pending = loaded
        if not (from_afar and visit):
            self.reset("control" if from_afar else "staff")  # at the start: pending applied
        live = self._version_note("reload_live" if self.pending is None else "content_waiting")
        self._state_changed()
        return ReloadResult(True, (live, *ended))

    def _reload_read(
        self, from_afar: bool, marks: Fingerprint, loaded: LoadedContent | None
    ) -> None:
        """A reload staff asked for, read in the background, is over: as `reload` would have
        done at once (the panel shows the refusal or the new version through `on_state`)."""
        self.fingerprint = marks
        if loaded is None:
            self.pending = None
            self._state_changed()
            return
        visit = self.session.visit_under_way
        self.pending = loaded
        if not (from_afar and visit):
            self.reset("control" if from_afar else "staff")  # at the start: pending applied
        self._state_changed()

    def _version_note(self, key: str) -> StaffNote:
        return StaffNote(key, {"file": self.loaded.path.name, "version": self.version})

    # -- visits ------------------------------------------------------------------------------

    def reset(self, reason: ResetReason = "staff") -> None:
        """End any visit: the same wipe for every reason."""
        self.session.reset(reason)

    def _is_urgent(self, outcome_id: str) -> bool:
        outcome = self.session.content.outcome(outcome_id)
        return outcome is not None and outcome.kind == "urgent"

    def _track(self, place: Place, previous: Place) -> None:
        """Feed the figures; a fault there is logged, never felt by the visitor."""
        if self.tracker is None:
            return
        try:
            if place != ATTRACT:
                self.tracker.show(place.name, self.session.shown_language)
            elif previous != ATTRACT:
                self.tracker.end(self.session.ended_by)
        except Exception:
            log.exception("recording the usage figures failed")

    def _on_screen(self, event: SessionEvent) -> None:
        if not isinstance(event, Moved):
            return
        place = event.place
        self.todays_figures()  # a new day starts before this screen is counted
        previous, self._last_screen = self._last_screen, place
        self._track(place, previous)
        if place == ATTRACT:
            if previous != ATTRACT:
                reason = self.session.ended_by
                self.figures.ended[reason] = self.figures.ended.get(reason, 0) + 1
            if self.pending is not None:
                self._apply(self.pending)
                self._state_changed()
        elif previous == ATTRACT:
            self.figures.visits += 1
            self._result_counted = False
        if place.is_result and not self._result_counted:
            # once a visit: Back to a question and "See my result" again is the same check
            self.figures.results += 1
            self._result_counted = True

    # -- the day -----------------------------------------------------------------------------

    def day(self) -> dt.date:
        """The kiosk's local day: the wall clock's date, which may move on (midnight, a clock
        set right) but never goes back within a run. A clock set back a day would otherwise
        bring back that day's counts as "today" and file the visits of the jump under a day
        that is over; they go to the day the kiosk was already on. A restart trusts the
        clock again. The figures' store files each ended visit under this day too."""
        today = self.today()
        if today > self._day:
            self._day = today
        return self._day

    def todays_figures(self) -> Figures:
        """Today's counts (the staff panel, `kiosk ctl status`, the metrics). When the day
        has moved on they are read again from the figures' store for the new day, which
        holds the visits that ended in it; a visit under way across midnight belongs to the
        day it ends in, as the store will file it, so it is counted there at once."""
        day = self.day()
        if self.figures.day != day:
            figures = Figures(day)
            if self.stats is not None:
                figures = _figures_of(self.stats, day)
            if self._last_screen != ATTRACT:
                figures.visits += 1
                figures.results += int(self._result_counted)
            self.figures = figures
        return self.figures

    def pause(self) -> None:
        """'Back in a moment': the visit ends and the kiosk waits for staff."""
        self.reset("staff")
        if not self.paused:
            self.paused = True
            self._state_changed()

    def resume(self) -> None:
        if self.paused:
            self.paused = False
            self.reset("staff")
            self._state_changed()

    # -- reporting ---------------------------------------------------------------------------

    def pin_note(self) -> StaffNote | None:
        """What to tell staff when the running content's PIN is one a visitor could guess (the
        rule `kiosk validate` warns by, applied once at load), with how to set their own."""
        pin = self.loaded.guessable_pin
        if self.pin_lock is None:
            return None
        if pin is None:
            if passed_the_rules(self.pin_lock.stored_hash):
                return None
            # a hash from before today's rules (`validate` warns of it the same way)
            return StaffNote("pin_unchecked", {"command": HASH_PIN_COMMAND, "setting": PIN_SETTING})
        return StaffNote(
            "pin_sample" if pin == SAMPLE_PIN else "pin_common",
            {"pin": pin, "command": HASH_PIN_COMMAND, "setting": PIN_SETTING},
        )

    def status(self) -> dict[str, Any]:
        path = self.source
        try:
            modified = dt.datetime.fromtimestamp(path.stat().st_mtime).isoformat(
                sep=" ", timespec="minutes"
            )
        except OSError:
            modified = "missing"
        return {
            "screen": self.session.current.name,
            "visit_under_way": self.session.visit_under_way,
            "paused": self.paused,
            "content_path": str(path),
            "content_version": self.version,
            "content_commit": self.commit,
            "content_hash": self.loaded.version,
            "content_modified": modified,
            "content_waiting": self.pending is not None,
            "content_error": self.content_error,
            "running_last_good": self.running_copy,
            "staff_pin_warning": pin.say() if (pin := self.pin_note()) else None,
            "app_version": __version__,
            "uptime_seconds": round(self.clock() - self.started, 1),
            "today": {
                "visits": (figures := self.todays_figures()).visits,
                "results": figures.results,
                "ended": dict(figures.ended),
            },
        }

    def metrics_state(self, up: bool = True) -> KioskState:
        """What `kiosk ctl metrics` and the metrics file report (aggregate counts only)."""
        from .metrics import KioskState

        figures = self.todays_figures()
        return KioskState(
            up=up,
            started=self.started_at,
            app_version=__version__,
            content_version=self.version,
            content_commit=self.commit,
            content_hash=self.loaded.version,
            content_problem=self.content_error is not None,
            content_waiting=self.pending is not None,
            paused=self.paused,
            last_reload=self.last_reload,
            running_last_good=self.running_copy,
            reloads=dict(self.reloads),
            visits_today=figures.visits,
            self_checks_today=figures.results,
            resets_today=dict(figures.ended),
            crashes=self.crashes,
            store_errors=dict(self.store_errors()),
            kiosk_id=self.kiosk_id,
        )

    def metrics(self, up: bool = True) -> str:
        """The state in the Prometheus text format."""
        from .metrics import metrics_text

        return metrics_text(self.metrics_state(up))

    def command(self, name: str) -> dict[str, Any]:
        """One command of the control channel; the reply is plain data (sent as JSON)."""
        name = name.strip().lower()
        if name == "status":
            return {"ok": True, **self.status()}
        if name == "reset":
            visit = self.session.visit_under_way
            self.reset("control")
            done = "The visit was ended" if visit else "No visit was under way"
            return {"ok": True, "message": f"{done}; the kiosk shows its start."}
        if name == "reload":
            result = self.reload(from_afar=True)
            return {"ok": result.ok, "message": result.message}
        if name == "pause":
            self.pause()
            return {"ok": True, "message": "Paused: the kiosk shows 'back in a moment'."}
        if name == "resume":
            self.resume()
            return {"ok": True, "message": "Resumed: the kiosk shows its start."}
        if name == "metrics":
            return {"ok": True, "text": self.metrics()}
        return {
            "ok": False,
            "message": f"unknown command {name!r}; use one of: {', '.join(COMMANDS)}",
        }
