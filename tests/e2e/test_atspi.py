"""End to end, as an assistive client meets the kiosk: the real `kiosk run` on Xvfb, in a
D-Bus session with the AT-SPI registry (`dbus-run-session`, at-spi2-core), driven by a
pyatspi client (`atspi_agent.py`, run by the system's Python) through AT-SPI actions alone.

One kiosk start walks every screen a visitor reaches on the default content (the attract
screen, each information screen, each question, each of the four results, the "Easier to see
and use" panel) and checks, on each, what issue 25 asks of the tree:

- no node that can be activated (a Press, Toggle or click action) is not showing: a page or
  panel that is not on screen is not in the tree, or cannot be activated;
- every page's title is a heading; a page change raises an event (an announcement, or focus
  on a node) carrying the new page's title;
- single-choice and yes/no answers are radio buttons in a group named by the question,
  choose-all answers check boxes in one; the 0-10 scale has a value and its range; the panel is
  a dialog, and nothing behind it can be activated while it is open;
- an AT-SPI Press on a visible answer records it (the next page comes), a Toggle records a
  tick (Next then moves on), two Presses 250 ms apart on a red-flag question answer one
  question, not two, and two Toggles 250 ms apart change an answer once (the tap guard
  applies to an assistive client too);
- the kiosk writes no error while an assistive client uses it.

Every problem found is collected and the test fails once, listing them all with the figures
(nodes, actionable nodes that are not showing and their roles) of each screen. The tools are
installed by `scripts/test-tools.sh` (as root with apt-get); where one is missing the test is
skipped and says which and how to install it. Nothing here waits for a fixed time to decide an
outcome: the client waits for the screen, a state or an event, with a deadline; it waits
before a press only as long as the tap guard holds a new page (`take_in_seconds`), so that the
press is one a visitor could make.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from kiosk.content import load_content
from kiosk.content.model import Content
from kiosk.core.intent import DOUBLE_TAP_SECONDS, take_in_seconds
from kiosk.core.place import Place

ROOT = Path(__file__).resolve().parents[2]
AGENT = Path(__file__).resolve().parent / "atspi_agent.py"
SYSTEM_PYTHON = "/usr/bin/python3"
REPLY = "@agent "
SIZE = (1920, 1080)
FADE_SECONDS = 0.25
"""The longest page fade (`kiosk.ui.transition`): the tap guard counts from its end."""
MARGIN_SECONDS = 0.05
"""Added to the guard's time before a press. The guard counts from the page change, which
comes before the client sees the new screen, so this only covers the clocks' grain (a press
the guard still holds is tried again, 5 s later)."""
ACTIVATING = frozenset({"press", "toggle", "click", "activate"})
"""Actions that activate a control (SetFocus, ShowMenu and the like do not)."""
GROUP_ROLES = frozenset({"panel", "grouping", "group", "radio menu", "list", "form"})
START_SECONDS = 90.0
"""The longest the kiosk may take to show its window in the registry (a loaded machine)."""
EVENT_SECONDS = 1.5
"""How long after a page change its event may come (it is sent as the page changes)."""

pytestmark = pytest.mark.e2e


def missing_tool() -> str | None:
    """Why the test cannot run here, with the command that fixes it; None if it can."""
    needs = [
        ("Xvfb", "xvfb"),
        ("dbus-run-session", "dbus-daemon"),
    ]
    for program, package in needs:
        if shutil.which(program) is None:
            return f"{program} is not installed (apt-get install {package})"
    for helper in ("/usr/libexec/at-spi-bus-launcher", "/usr/libexec/at-spi2-registryd"):
        if not Path(helper).exists():
            return f"{helper} is missing: the AT-SPI registry (apt-get install at-spi2-core)"
    if not Path(SYSTEM_PYTHON).exists():
        return f"no {SYSTEM_PYTHON} to run the AT-SPI client (apt-get install python3)"
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, text=True, check=False
    )
    if probe.returncode != 0:
        return f"{SYSTEM_PYTHON} cannot import pyatspi (apt-get install python3-pyatspi)"
    return None


class Agent:
    """The AT-SPI client in its own process: one JSON request, one JSON reply."""

    def __init__(self, process: subprocess.Popen[str], errors: Path) -> None:
        self.process = process
        self.errors = errors

    def __call__(self, op: str, **args: Any) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"op": op, **args}) + "\n")
        self.process.stdin.flush()
        while True:  # the session's daemons write to the same output: replies are marked
            line = self.process.stdout.readline()
            if not line:
                said = self.errors.read_text(errors="replace")[-3000:]
                raise AssertionError(f"the AT-SPI client ended during {op!r}:\n{said}")
            if line.startswith(REPLY):
                reply: dict[str, Any] = json.loads(line.removeprefix(REPLY))
                return reply

    def kiosk_errors(self) -> list[str]:
        """The errors the kiosk wrote (its output holds its log's lines)."""
        output = (self.errors.parent / "kiosk.out").read_text(errors="replace")
        marks = (" ERROR ", "Traceback", "Error calling Python")
        return [line for line in output.splitlines() if any(mark in line for mark in marks)]


@dataclass
class Xvfb:
    display: str
    process: subprocess.Popen[bytes]


@pytest.fixture
def xvfb() -> Iterator[Xvfb]:
    """An X server of its own, on the first free display (Xvfb picks it: -displayfd)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("AT-SPI is the accessibility bus of Linux desktops")
    reason = missing_tool()
    if reason is not None:
        pytest.skip(f"{reason}; scripts/test-tools.sh installs it as root")
    read, write = os.pipe()
    width, height = SIZE
    process = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write),
            "-screen",
            "0",
            f"{width}x{height}x24",
            "-nolisten",
            "tcp",
        ],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as told:
        number = told.readline().strip()  # written once the server is ready
    try:
        if not number:
            pytest.fail(f"Xvfb did not start (exit code {process.wait(10)})")
        yield Xvfb(f":{number}", process)
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture
def agent(xvfb: Xvfb) -> Iterator[Agent]:
    """The client in a fresh D-Bus session (its own accessibility bus and registry); the
    kiosk it starts shares them."""
    home = Path(tempfile.mkdtemp(prefix="kiosk-atspi-"))  # short: socket paths have a limit
    folders = {name: home / name for name in ("home", "run", "data", "log")}
    for folder in folders.values():
        folder.mkdir(mode=0o700)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("QT_", "DBUS_", "KIOSK_", "AT_SPI", "NO_AT_BRIDGE"))
    }
    env.update(
        DISPLAY=xvfb.display,
        QT_QPA_PLATFORM="xcb",
        QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
        HOME=str(folders["home"]),
        XDG_RUNTIME_DIR=str(folders["run"]),
        KIOSK_DATA_DIR=str(folders["data"]),
        KIOSK_LOG_DIR=str(folders["log"]),
        KIOSK_CONTROL_NAME=str(folders["run"] / "kiosk.sock"),
        KIOSK_SPEECH="off",
        PYTHONUNBUFFERED="1",
    )
    with (home / "agent.err").open("w") as errors:
        process = subprocess.Popen(
            ["dbus-run-session", "--", SYSTEM_PYTHON, str(AGENT)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env=env,
            cwd=home,
        )
    client = Agent(process, home / "agent.err")
    try:
        started = client(
            "start",
            argv=[sys.executable, "-m", "kiosk", "run"],
            cwd=str(ROOT),
            out=str(home / "kiosk.out"),
            app="clinic-kiosk",
            control=env["KIOSK_CONTROL_NAME"],
            timeout=START_SECONDS,
        )
        if not started["ok"]:
            output = (home / "kiosk.out").read_text(errors="replace")[-2000:]
            pytest.fail(f"the kiosk did not start under AT-SPI: {started['why']}\n{output}")
        yield client
    finally:
        assert process.stdin is not None and process.stdout is not None
        with contextlib.suppress(OSError):
            process.stdin.write(json.dumps({"op": "stop"}) + "\n")
            process.stdin.close()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()
        shutil.rmtree(home, ignore_errors=True)


def activates(node: dict[str, Any]) -> bool:
    return any(action.lower() in ACTIVATING for action in node["actions"])


@dataclass
class Walked:
    """What one walk of one screen found."""

    place: str
    nodes: list[dict[str, Any]]
    seconds: float

    @property
    def hidden_actionable(self) -> list[dict[str, Any]]:
        return [n for n in self.nodes if activates(n) and not n["showing"]]

    @property
    def showing(self) -> list[dict[str, Any]]:
        return [n for n in self.nodes if n["showing"]]

    def figures(self) -> str:
        roles = Counter(n["role"] for n in self.hidden_actionable)
        listed = ", ".join(f"{count} {role}" for role, count in roles.most_common())
        return (
            f"{self.place}: {len(self.nodes)} nodes, {len(self.hidden_actionable)} actionable "
            f"and not showing ({listed or 'none'}); walked in {self.seconds:.2f} s"
        )

    def ancestors(self, node: dict[str, Any]) -> list[dict[str, Any]]:
        by_path = {tuple(n["path"]): n for n in self.nodes}
        path = node["path"]
        return [
            by_path[tuple(path[:i])]
            for i in range(len(path) - 1, -1, -1)
            if tuple(path[:i]) in by_path
        ]

    def named(self, name: str) -> list[dict[str, Any]]:
        return [n for n in self.showing if n["name"] == name]


def scale_radios(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The radio buttons of a 0-10 scale: each named by its number (0 and 10 by their words
    too: "0: No pain")."""
    numbers = {str(number) for number in range(11)}
    return [n for n in nodes if n["role"] == "radio button" and n["name"].split(":")[0] in numbers]


def words(text: object) -> str:
    text = str(text).replace("\u2068", "").replace("\u2069", "").replace("\u00ad", "")
    return " ".join(text.split())


@dataclass
class Visit:
    """A visit by an assistive client: each step acts, waits for the kiosk and checks the
    page it lands on; problems are kept, not raised, so one run lists them all."""

    agent: Agent
    content: Content
    problems: list[str] = field(default_factory=list)
    retries: int = 0
    """Presses the guard held (they came too early) and the client made again."""
    walks: dict[str, Walked] = field(default_factory=dict)
    place: str = "attract"

    def title(self, place: Place) -> str:
        content = self.content
        if place.is_screen:
            return words(next(s.title for s in content.screens if s.id == place.ident))
        if place.is_question:
            question = content.question(place.ident)
            assert question is not None
            return words(question.text)
        if place.is_result:
            outcome = content.outcome(place.ident)
            assert outcome is not None
            return words(outcome.title)
        return ""

    def settle(self) -> float:
        """How long the page on screen holds presses once it has arrived (the tap guard)."""
        return (
            take_in_seconds(self.content, Place.parse(self.place)) + FADE_SECONDS + MARGIN_SECONDS
        )

    def arrive(self, place: str, since: float | None) -> None:
        """The kiosk shows `place`: walk it (once) and check its event and its tree."""
        self.place = place
        here = Place.parse(place)
        if since is not None and here.framed:
            title = self.title(here)
            got = self.agent("wait_event", since=since, text=title, timeout=EVENT_SECONDS)
            if not got["ok"]:
                heard = [
                    f"{e['type']} {e['role']} '{e['name'][:40]}' {e['text'][:40]}"
                    for e in got["heard"]
                ]
                self.problems.append(
                    f"{place}: no announcement or focus event carries its title {title!r} "
                    f"(heard: {heard or 'nothing'})"
                )
        if place in self.walks:
            return
        walked = self.agent("walk")
        assert walked["ok"], walked
        found = Walked(place, walked["nodes"], walked["seconds"])
        self.walks[place] = found
        self.check_tree(here, found)

    def check_tree(self, here: Place, walked: Walked) -> None:
        if walked.hidden_actionable:
            sample = ", ".join(
                f"{n['role']} '{n['name'][:30]}'" for n in walked.hidden_actionable[:6]
            )
            self.problems.append(
                f"{here.name}: {len(walked.hidden_actionable)} nodes can be activated but are "
                f"not showing (first: {sample})"
            )
        if not here.framed:
            return
        title = self.title(here)
        headings = [n for n in walked.showing if n["role"] == "heading"]
        if not any(n["name"] == title for n in headings):
            shown = [n["role"] for n in walked.named(title)]
            self.problems.append(
                f"{here.name}: its title {title!r} is not a showing heading (it is: "
                f"{shown or 'not in the tree'}; headings: {[n['name'][:30] for n in headings]})"
            )
        if here.is_question:
            self.check_answers(here, walked)

    def check_scale(self, here: Place, walked: Walked, text: str) -> None:
        """A slider with a value from 0 to 10, or a group of 11 radio buttons named by the
        question (its value is the one checked); its end words are in the tree."""
        question = self.content.question(here.ident)
        assert question is not None
        valued = [n for n in walked.showing if n["value"] is not None]
        slider = [n for n in valued if n["value"][1:] == [0.0, 10.0]]
        radios = scale_radios(walked.showing)
        grouped = [
            r
            for r in radios
            if any(a["role"] in GROUP_ROLES and a["name"] == text for a in walked.ancestors(r))
        ]
        if not slider and len(grouped) != 11:
            self.problems.append(
                f"{here.name}: the 0-10 scale is neither a node with a value from 0 to 10 nor a "
                f"group of 11 radio buttons named by its question (nodes with a value: "
                f"{[(n['role'], n['value']) for n in valued]}; radio buttons in the group: "
                f"{len(grouped)}; nodes called 6: {[n['role'] for n in walked.named('6')]})"
            )
        names = " ".join(n["name"] for n in walked.showing)
        for end in (question.min_label, question.max_label):
            if end and words(end) not in names:
                self.problems.append(
                    f"{here.name}: the scale's end words {words(end)!r} are not in the tree"
                )

    def check_answers(self, here: Place, walked: Walked) -> None:
        question = self.content.question(here.ident)
        assert question is not None
        text = words(question.text)
        if question.type == "scale":
            self.check_scale(here, walked, text)
            return
        wanted = {
            "yes_no": "radio button",
            "single_choice": "radio button",
            "multi_choice": "check box",
        }
        role = wanted.get(question.type)
        if role is None:
            return
        for option in question.options:
            label = words(option.label)
            nodes = [n for n in walked.named(label) if activates(n)]
            if not nodes:
                self.problems.append(f"{here.name}: the answer {label!r} is not in the tree")
                continue
            node = nodes[0]
            if node["role"] != role:
                self.problems.append(
                    f"{here.name}: the answer {label!r} is a {node['role']}, not a {role}"
                )
            group = [
                a for a in walked.ancestors(node) if a["role"] in GROUP_ROLES and a["name"] == text
            ]
            if not group:
                self.problems.append(
                    f"{here.name}: the answer {label!r} is in no group named by its question"
                )

    # -- steps -------------------------------------------------------------------------------

    def act(self, name: str, expect: str, action: str = "Press") -> dict[str, Any]:
        done = self.agent("act", name=name, action=action, expect=expect, settle=self.settle())
        assert done["ok"], f"at {self.place}: {done}"
        self.retries += max(0, len(done["at"]) - 1)
        return done

    def go(self, name: str, to: str, action: str = "Press", why: str = "") -> bool:
        """Press `name` and land on `to`; False (a problem noted) if the screen stayed."""
        done = self.agent("act", name=name, action=action, expect="screen", settle=self.settle())
        self.retries += max(0, len(done.get("at", [])) - 1)
        if not done["ok"] and done.get("named"):
            self.problems.append(
                f"{self.place}: {name!r} is showing but offers no {action}{why} "
                f"(it is {done['named']})"
            )
            return False
        assert done["ok"], f"at {self.place}: {done}"
        if not done["changed"]:
            self.problems.append(
                f"{self.place}: {action} on {name!r} did not move on{why} (the screen stayed)"
            )
            return False
        if done["screen"] != to:  # the answers recorded are not those on screen
            self.problems.append(
                f"{self.place}: {action} on {name!r} led to {done['screen']}, not {to}: the "
                "answers recorded are not those the screen shows"
            )
            self.arrive(done["screen"], done["at"][-1])
            return False
        self.arrive(to, done["at"][-1])
        return True

    def tick(self, name: str) -> None:
        done = self.act(name, "checked", "Toggle")
        if not done["changed"]:
            self.problems.append(f"{self.place}: Toggle on {name!r} did not change its state")

    def choose_all(self, names: list[str], to: str) -> None:
        """Tick `names` with Toggle, then Next; where the ticks were not recorded (Next stays),
        note it, untick and tick them again with Press, as a visitor would try."""
        for name in names:
            self.tick(name)
        if self.go(
            "Next", to, why=" after Toggle ticked its answers (the ticks were not recorded)"
        ):
            return
        for name in names:
            self.act(name, "checked", "Toggle")
            self.act(name, "checked", "Press")
        assert self.go("Next", to)

    def scale(self, value: int, to: str) -> None:
        if self.agent("act", name=str(value), expect="nothing", settle=self.settle())["ok"]:
            pass
        else:
            assert self.agent("set_value", value=value, settle=self.settle())["ok"]
        shown = [n for n in self.agent("walk")["nodes"] if n["showing"]]
        valued = [n for n in shown if n["value"] is not None]
        checked = [n["name"].split(":")[0] for n in scale_radios(shown) if n["checked"]]
        if valued and valued[0]["value"][0] != float(value):
            self.problems.append(
                f"{self.place}: the scale's value is {valued[0]['value'][0]}, not {value}"
            )
        if not valued and checked != [str(value)]:
            self.problems.append(
                f"{self.place}: after choosing {value}, the checked radio buttons are {checked}"
            )
        assert self.go("Next", to)

    def barrier(self) -> None:
        """Wait until every press sent so far has acted: Qt acts on a Press a moment after
        it answers it (`QAbstractButton.animateClick`), in the order they came; so open the
        panel of the top bar (never held by the tap guard), see it, and close it."""
        for name, present in (("Easier to see and use", True), ("Close", False)):
            done = self.agent("act", name=name, expect="nothing")
            assert done["ok"], f"at {self.place}: {done}"
            waited = self.agent("wait_node", name="Close", action="Press", present=present)
            assert waited["ok"], (
                f"at {self.place}: the panel did not {'open' if present else 'close'}"
            )

    def double_toggle(self, name: str) -> None:
        """Two Toggles 250 ms apart on one answer change it once, as a double tap does; then
        a Toggle when the double tap's time is over unticks it again."""
        done = self.agent(
            "press_twice", name=name, action="Toggle", gap_ms=250, settle=self.settle()
        )
        assert done["ok"], f"at {self.place}: {done}"
        second = done["second"]
        assert second["name"] == name, f"the second Toggle found no {name!r} there, but {second}"
        self.barrier()
        shown = [n for n in self.agent("walk")["nodes"] if n["showing"] and n["name"] == name]
        if not any(n["checked"] for n in shown):
            self.problems.append(
                f"{self.place}: two Toggles {done['gap_ms']} ms apart on {name!r} changed it twice "
                "(a double tap counts once)"
            )
            return
        # Untick it once the double tap's time is over (a toggle's guard counts from its
        # last press).
        after = done["second_at"] + DOUBLE_TAP_SECONDS + MARGIN_SECONDS
        untick = self.agent(
            "act", name=name, action="Toggle", expect="checked", settle=self.settle(), after=after
        )
        assert untick["ok"] and untick["changed"], f"at {self.place}: {untick}"

    def double_press(self, name: str, once: str) -> None:
        """Two Presses 250 ms apart at the same spot, as a double tap: only one answer."""
        done = self.agent("press_twice", name=name, gap_ms=250, settle=self.settle())
        assert done["ok"], f"at {self.place}: {done}"
        # Within the next red-flag question's hold (at least 1 s), whatever the machine's load.
        assert done["gap_ms"] < 900, f"the second Press came {done['gap_ms']} ms after the first"
        second = done["second"]
        assert second["name"] == name and "Press" in second["actions"], (
            f"the second Press found no {name!r} at the spot of the first, but {second}"
        )
        self.agent("wait_screen", away_from=self.place, timeout=5.0)
        self.barrier()
        landed = self.agent("status")["screen"]
        if landed != once:
            self.problems.append(
                f"{self.place}: two Presses {done['gap_ms']} ms apart on {name!r} (the second on "
                f"{second['role']} '{second['name']}') answered two questions: now at {landed}"
            )
        self.arrive(landed, None)


def test_an_assistive_client_finds_only_what_is_on_screen(agent: Agent) -> None:
    content = load_content(ROOT / "content.yaml").content.in_language("en")
    visit = Visit(agent, content)
    try:
        walk_every_screen(visit, content)
    except AssertionError as stopped:  # a step that could not go on: with what came before
        said = [line[:300] for line in agent.kiosk_errors()[:5]]
        found = "\n".join([str(stopped), "", "found before:", *visit.problems, *said])
        raise AssertionError(found) from None

    errors = agent.kiosk_errors()
    if errors:
        shown = "\n".join(line[:300] for line in errors[:5])
        visit.problems.append(f"the kiosk wrote {len(errors)} error lines under AT-SPI:\n{shown}")
    reached = {place for place in visit.walks if "+" not in place}
    expected = {f"screen:{s.id}" for s in content.screens}
    expected |= {f"question:{q.id}" for q in content.self_check.questions}
    expected |= {f"result:{o.id}" for o in content.self_check.outcomes} | {"attract"}
    if not expected <= reached:
        visit.problems.append(f"not reached, so not walked: {sorted(expected - reached)}")
    figures = "\n".join(w.figures() for w in visit.walks.values())
    figures += f"\npresses made again (held by the guard): {visit.retries}"
    print(figures)
    assert not visit.problems, "\n".join([*visit.problems, "", figures])


def walk_every_screen(visit: Visit, content: Content) -> None:
    """The start, each information screen (and the panel), the questions to the urgent
    result, back to a visit with no red flag and its result, and the two other results by
    changing an answer; each screen is walked on its first showing."""
    visit.arrive("attract", None)

    assert visit.go("Touch to begin", "screen:welcome")
    screens = [s.id for s in content.screens]
    for here, following in itertools.pairwise(screens):
        assert visit.place == f"screen:{here}"
        if here == screens[0]:
            open_panel(visit)
        assert visit.go("Next", f"screen:{following}")
    assert visit.go("Start the self-check", "question:saddle_numbness")

    # Two presses 250 ms apart answer one red-flag question; one Press on Yes records it.
    visit.double_press("No", once="question:bladder_bowel")
    flagged = visit.place  # further on where the second press answered a question too
    assert visit.go("Yes", "result:urgent", why=" (the red-flag answer was not recorded)")
    assert visit.go("Back", flagged)
    questions = [q.id for q in content.self_check.questions]
    for question, following in itertools.pairwise(
        questions[questions.index(Place.parse(flagged).ident) :]
    ):
        if question == "where":
            break
        assert visit.go("No", f"question:{following}")
    visit.choose_all(["Lower back"], "question:side")
    assert visit.go("One side", "question:pain_now")
    visit.scale(6, "question:how_long")
    assert visit.go("1 to 6 weeks", "question:worse_with")
    visit.double_toggle("Walking")
    visit.choose_all(["None of these"], "question:doctor_seen")
    assert visit.go("Yes", "question:pressure")
    assert visit.go("Gentle and relaxing", "result:not_typical")

    # The other results, by going back and changing an answer, as a visitor may.
    assert visit.go("Back", "question:pressure")
    assert visit.go("Back", "question:doctor_seen")
    assert visit.go("No", "question:pressure")
    assert visit.go("Gentle and relaxing", "result:see_doctor")
    for back_to in ("pressure", "doctor_seen", "worse_with"):
        assert visit.go("Back", f"question:{back_to}")
    visit.choose_all(["Sitting", "Bending forward", "Coughing or sneezing"], "question:doctor_seen")
    assert visit.go("Yes", "question:pressure")
    visit.go("Gentle and relaxing", "result:massage_may_help")


def open_panel(visit: Visit) -> None:
    """Open "Easier to see and use": a dialog, and while it is open nothing behind it can be
    activated (a tap beside its card closes it); then close it."""
    done = visit.agent("act", name="Easier to see and use", expect="nothing", settle=visit.settle())
    assert done["ok"], done
    assert visit.agent("wait_node", name="Close", action="Press")["ok"], "the panel did not open"
    got = visit.agent("walk")
    walked = Walked(f"{visit.place} + panel", got["nodes"], got["seconds"])
    visit.walks[walked.place] = walked
    dialogs = [n for n in walked.showing if n["role"] in ("dialog", "alert")]
    if not dialogs:
        close = walked.named("Close")
        holders = [a["role"] for a in walked.ancestors(close[0])] if close else []
        visit.problems.append(
            f"{visit.place}: the 'Easier to see and use' panel is not a dialog (its Close is "
            f"inside: {holders[:4]})"
        )
    else:
        inside = {tuple(d["path"]) for d in dialogs}
        behind = [
            n
            for n in walked.showing
            if activates(n) and not any(tuple(n["path"][: len(d)]) == d for d in inside)
        ]
        if behind:
            visit.problems.append(
                f"{walked.place}: {len(behind)} controls behind the open dialog can be "
                f"activated ({', '.join(repr(n['name']) for n in behind[:6])})"
            )
    if walked.hidden_actionable:
        visit.problems.append(
            f"{walked.place}: {len(walked.hidden_actionable)} nodes can be activated but are not "
            "showing"
        )
    closed = visit.agent("act", name="Close", expect="nothing")
    assert closed["ok"], closed
