"""The `kiosk` command. Each command is declared once, as one entry of `KIOSK_COMMANDS` (its
name, help, arguments and the function that does it); the parser and the dispatch are made
from that table, and a test holds docs/command-line.md to it.

Nothing here imports Qt at module level, so `kiosk validate` works on any machine.
Exit codes: 0 done, 1 the content (or the machine) is not usable, 2 the command was wrong.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .content import ContentError, load_content
from .content.files import FileError, read_regular
from .content.pin_rules import MAX_DIGITS, MIN_DIGITS, RECOMMENDED_DIGITS, pin_problem
from .content.schema import MODELINE_PREFIX, modeline, schema_text
from .core.access import hash_pin
from .core.control import COMMANDS
from .core.exports import (
    NOT_AN_EXPORT,
    Export,
    ExportError,
    csv_text,
    export_of,
    json_data,
    merge,
    parse_export,
    printable,
    summary_of,
)
from .core.stats import FEWER, OPEN_DAY, Summary, kiosk_id, summarise
from .paths import default_content_path, resource_root

EXIT_OK, EXIT_BAD, EXIT_USAGE = 0, 1, 2
SHEET_NAME = "contact-sheet.png"
"""The contact sheet `kiosk preview --sheet` writes beside the screens."""


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1920x1080") from None
    if not (320 <= width <= 8192 and 320 <= height <= 8192):
        raise argparse.ArgumentTypeError(f"'{text}' is outside 320x320 to 8192x8192")
    return width, height


class Arg:
    """One argument or option of a command, as `argparse`'s `add_argument` takes it."""

    def __init__(self, *flags: str, **options: Any) -> None:
        self.flags, self.options = flags, options


class OneOf:
    """Options of which a command takes one at the most (`--csv | --json`)."""

    def __init__(self, *args: Arg) -> None:
        self.args = args


class Command:
    """A command, declared once: its name, its help, the function that does it and its
    arguments; the function takes each argument as the keyword of the same name (its `dest`),
    and with `argv=True` the command line as typed (`run --supervise` starts it again)."""

    def __init__(
        self,
        name: str,
        help: str,
        run: Callable[..., int],
        *args: Arg | OneOf,
        subcommands: Sequence[Command] = (),
        argv: bool = False,
    ) -> None:
        self.name, self.help, self.run, self.args = name, help, run, args
        self.subcommands, self.argv = subcommands, argv


_DO = "_kiosk_command"
"""Where the parsed arguments keep the command to run and the names of its arguments."""


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command of `KIOSK_COMMANDS`."""
    parser = argparse.ArgumentParser(
        prog="kiosk", description="A touchscreen patient-education kiosk for clinics."
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    _add_commands(parser, KIOSK_COMMANDS, "command", "COMMAND")
    return parser


def _add_commands(
    parser: argparse.ArgumentParser, commands: Sequence[Command], dest: str, metavar: str
) -> None:
    chooser = parser.add_subparsers(dest=dest, metavar=metavar)
    for command in commands:
        sub = chooser.add_parser(command.name, help=command.help)
        names: list[str] = []
        for declared in command.args:
            target: Any = sub.add_mutually_exclusive_group() if isinstance(declared, OneOf) else sub
            for one in declared.args if isinstance(declared, OneOf) else (declared,):
                names.append(target.add_argument(*one.flags, **one.options).dest)
        sub.set_defaults(**{_DO: (command, tuple(names))})
        if command.subcommands:
            names_of = "|".join(one.name for one in command.subcommands)
            _add_commands(sub, command.subcommands, f"{command.name}_command", names_of)


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of days") from None
    if not 1 <= days <= 3660:
        raise argparse.ArgumentTypeError(f"'{text}' is outside 1 to 3660 days")
    return days


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a day written like 2026-11-29 (year-month-day)"
        ) from None


class InputEndedError(Exception):
    """Standard input ended (Ctrl-D, or a pipe with too few lines) before a command had what
    it needed; the message says what was missing."""


def _read_pin(prompt: str, piped: bool, which: str) -> str:
    if piped:
        line = sys.stdin.readline()
        if not line:
            raise InputEndedError(
                f"the input ended before the {which} line; give the PIN twice, one line each"
            )
        return line.strip()
    try:
        return getpass.getpass(prompt).strip()
    except EOFError:
        raise InputEndedError(f"the input ended (Ctrl-D) before the {which} PIN") from None


def cmd_hash_pin(stdin: bool) -> int:
    piped = stdin or not sys.stdin.isatty()
    try:
        pin = _read_pin(f"New staff PIN ({MIN_DIGITS} to {MAX_DIGITS} digits): ", piped, "first")
        problem = pin_problem(pin)
        if problem is None:
            again = _read_pin("The same PIN again: ", piped, "second")
            if again != pin:
                problem = "the two PINs differ"
    except InputEndedError as error:
        print(f"kiosk hash-pin: {error}; nothing was printed.", file=sys.stderr)
        return EXIT_BAD
    if problem is not None:
        print(f"kiosk hash-pin: {problem}; nothing was printed.", file=sys.stderr)
        return EXIT_BAD
    line = hash_pin(pin)
    print(line)
    if len(pin) < RECOMMENDED_DIGITS:
        print(
            f"Note: a PIN of {RECOMMENDED_DIGITS} digits or more is harder to guess.",
            file=sys.stderr,
        )
    print(
        'Put it in content.yaml:\n  staff:\n    pin_hash: "<the line above>"',
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_ctl(action: str, as_json: bool) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication

    from .control_channel import (
        ASK_SECONDS,
        ChannelError,
        channel_problem,
        lock_holder,
        request,
        server_name,
    )

    _app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    try:
        name = server_name()
    except ChannelError as error:
        print(f"kiosk ctl: {error}.", file=sys.stderr)
        return EXIT_BAD
    problem = channel_problem(name)
    if problem is not None:
        print(f"kiosk ctl: {problem}; nothing was sent.", file=sys.stderr)
        return EXIT_BAD
    asked = request(action, name)
    reply = asked.reply
    if asked.problem is not None:
        holder = lock_holder(name)
        who = f"the kiosk (process {holder})" if holder is not None else "the kiosk"
        seconds = f"{ASK_SECONDS:g} s"
        if asked.problem == "busy":
            said = reply.get("message") if reply else "it closed the connection unanswered"
            why = (
                f"{who} was busy: {said}; tried {asked.tries} times in {seconds} "
                "(other clients keep connecting to its control channel)"
            )
        elif asked.problem == "no answer":
            why = (
                f"{who} runs but did not answer within {seconds} (it took the command); "
                "it may be busy, frozen or stopped"
            )
        elif asked.problem == "garbled":
            why = f"{who} answered something that is not a reply"
        elif holder is not None:
            why = (
                f"{who} runs but its control channel at {name} does not accept connections; "
                "it may be frozen or stopped"
            )
        else:
            why = f"no kiosk is running for this user (at {name})"
        print(f"kiosk ctl: {why}", file=sys.stderr)
        return EXIT_BAD
    assert reply is not None
    if as_json:
        print(json.dumps(reply, indent=2))
    elif action == "metrics" and reply.get("ok"):
        sys.stdout.write(str(reply.get("text", "")))
    elif action == "status":
        for key, value in reply.items():
            if key != "ok":
                print(f"{key}: {json.dumps(value) if isinstance(value, dict) else value}")
    else:
        print(reply.get("message", ""))
    return EXIT_OK if reply.get("ok") else EXIT_BAD


def _stats_table(summary: Summary) -> str:
    first, last = summary.days[0], summary.days[-1]
    lines = [
        f"Usage figures, {first.isoformat()} to {last.isoformat()} ({len(summary.days)} days)",
        "",
        f"{'day':<12}{'visits':>8}{'results':>9}",
    ]
    for day, visits, results in zip(summary.days, summary.visits, summary.results, strict=True):
        if visits or results:
            lines.append(f"{day.isoformat():<12}{visits:>8}{results:>9}")
    lines.append(f"{'total':<12}{summary.total_visits:>8}{summary.total_results:>9}")

    def block(title: str, counts: dict[str, int], answers: bool = False) -> None:
        lines.extend(["", title])
        if answers and summary.answers_hidden:
            if summary.hidden_word == FEWER:
                lines.append(f"  {FEWER} visits a day: not shown")
            else:
                lines.append(f"  today's are shown once the day is over ({OPEN_DAY})")
            return
        if not counts:
            lines.append("  (none)")
        keys = {key: printable(key) for key in counts}  # no escape reaches the terminal
        width = max((len(key) for key in keys.values()), default=0)
        lines.extend(f"  {keys[key]:<{width}}  {n:>6}" for key, n in counts.items())
        if answers and summary.small_days:
            lines.append(f"  (days with {FEWER} visits are left out: {summary.small_days})")
        if answers and summary.open_days and not summary.answers_hidden:
            lines.append("  (today is left out until the day is over)")

    outcomes = {key: sum(per_day) for key, per_day in summary.outcomes.items()}
    urgent = summary.hidden_word if summary.answers_hidden else summary.urgent
    block(f"Outcomes shown (red flags, urgent: {urgent})", outcomes, answers=True)
    block("Where unfinished visits stopped", summary.stopped, answers=True)
    block("How visits ended", summary.ended)
    block("Languages", summary.languages)
    lines.extend(["", "Screens: views and the median time on each (approximate)"])
    width = max((len(printable(name)) for name in summary.screens), default=0)
    for name, figures in summary.screens.items():
        median = "-" if figures.median_seconds is None else f"{figures.median_seconds:g} s"
        lines.append(f"  {printable(name):<{width}}  {figures.views:>6}  {median:>7}")
    lines.append(
        "  (times are kept in buckets of 0-2, 2-5, 5-10, 10-20, 20-40, 40-80 and 80+ s, "
        "never per visit)"
    )
    return "\n".join(lines)


def this_kiosk_id(content_path: Path | None) -> str:
    """KIOSK_ID, else the content's settings.kiosk_id, else the host name. A content file
    that cannot be read only loses its say: the figures are printed all the same."""
    configured: str | None = None
    if not os.environ.get("KIOSK_ID"):
        try:
            configured = load_content(
                content_path or default_content_path()
            ).content.settings.kiosk_id
        except ContentError:
            configured = None
    return kiosk_id(configured)


def cmd_stats(
    days: int,
    as_csv: bool,
    as_json: bool,
    content: Path | None = None,
    until: dt.date | None = None,
) -> int:
    """The figures of the `days` days ending `until` (today by default) as a table, CSV or
    JSON. CSV and JSON are always printed in their format, empty when there are no figures yet
    (the sentence saying so goes to standard error)."""
    from .stats_store import StatsUnreadableError, default_db_path, read_rows

    path = default_db_path()
    try:
        rows = read_rows(path)
    except StatsUnreadableError as error:
        print(f"kiosk stats: {error}", file=sys.stderr)
        return EXIT_BAD
    if rows is None:
        if not (as_csv or as_json):
            print(f"no figures yet ({path} does not exist)")
            return EXIT_OK
        print(f"kiosk stats: no figures yet ({path} does not exist)", file=sys.stderr)
        rows = []
    under_way = dt.date.today()  # its figures that follow from answers wait until it is over
    today = until or under_way
    if as_csv or as_json:
        export = export_of(rows, days, today, this_kiosk_id(content), under_way)
        if as_csv:
            sys.stdout.write(csv_text(export))
        else:
            summary = summarise(rows, days, today, under_way)
            print(json.dumps(json_data(export, summary), indent=2))
        return EXIT_OK
    print(_stats_table(summarise(rows, days, today, under_way)))
    return EXIT_OK


MAX_EXPORT_BYTES = 64 * 1024 * 1024
"""The largest export `kiosk stats merge` reads (ten years of one kiosk is about 10 MB)."""


def cmd_stats_merge(files: Sequence[Path], as_csv: bool, as_json: bool) -> int:
    """The sum of several kiosks' exports: a table, or CSV or JSON like one kiosk's. The
    files are read one at a time, each dropped once its counts are added."""

    def exports() -> Iterator[tuple[str, Export]]:
        for file in files:
            try:
                text = read_regular(file, MAX_EXPORT_BYTES).decode("utf-8-sig")
            except FileError as error:
                raise ExportError(str(file), 0, error.message) from None
            except UnicodeDecodeError as error:
                line = error.object[: error.start].count(b"\n") + 1
                raise ExportError(str(file), line, f"not text (UTF-8): {NOT_AN_EXPORT}") from None
            export = parse_export(text, str(file))
            del text  # not kept while the merge adds this file's rows
            yield str(file), export
            del export

    try:
        merged = merge(exports(), dt.date.today())
    except ExportError as error:
        where = f"{error.source}:{error.line}:" if error.line else f"{error.source}"
        print(f"kiosk stats merge: {where} {error.message}", file=sys.stderr)
        return EXIT_BAD
    if as_csv:  # the rows alone: no summary to make
        sys.stdout.write(csv_text(merged))
        return EXIT_OK
    summary = summary_of(merged)
    if as_json:
        print(json.dumps(json_data(merged, summary), indent=2))
    else:
        print(f"{len(merged.kiosks)} kiosks: {', '.join(map(printable, merged.kiosks))}")
        if not summary.days:
            print("no figures in these exports")
        else:
            print(_stats_table(summary))
        if merged.left_out_by:
            by_kiosk: dict[str, set[dt.date]] = {}
            for day, _metric, kiosk in merged.left_out_by:
                by_kiosk.setdefault(kiosk, set()).add(day)
            print(
                f"\nDays of a kiosk with {FEWER} visits (or not over when it exported them): "
                "their outcomes, red flags, stops and result screens were left out by that "
                "kiosk, and are left out of the sums:"
            )
            for kiosk, days in sorted(by_kiosk.items()):
                print(f"  {printable(kiosk)}: {', '.join(day.isoformat() for day in sorted(days))}")
    return EXIT_OK


def cmd_run(
    argv: Sequence[str],
    content: Path | None,
    windowed: bool,
    size: tuple[int, int] | None,
    supervise: bool,
    metrics_file: Path | None,
    quit_after_paint: bool,
    quit_when_live: bool,
) -> int:
    if supervise:
        from .app import setup_logging
        from .supervise import child_command
        from .supervise import supervise as supervised

        setup_logging()
        return supervised(child_command(argv))
    from .app import run

    return run(
        content,
        windowed=windowed,
        size=size,
        quit_after_paint=quit_after_paint,
        metrics_file=metrics_file,
        quit_when_live=quit_when_live,
    )


HERE = Path("content.yaml")
"""The content file `kiosk validate` checks when none is named, if the folder it runs in has
one: a clinic author runs it inside the clinic's folder."""


def cmd_validate(path: Path | None = None) -> int:
    from .ui.drawcheck import DrawChecker  # draws in a child process: no Qt here

    target = path or _content_to_validate()
    draw = DrawChecker()
    try:
        loaded = load_content(target, draw=draw, shown_as=str(target))
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return EXIT_BAD
    for warning in loaded.warnings:
        print(warning, file=sys.stderr)
    for slow in draw.slow_warnings(target):
        print(slow, file=sys.stderr)
    content = loaded.content
    print(
        f"{target}: valid ({len(content.screens)} screens, "
        f"{len(content.self_check.questions)} questions, "
        f"{len(content.self_check.outcomes)} outcomes, {len(content.therapists)} therapists)"
    )
    return EXIT_OK


def _content_to_validate() -> Path:
    """The content.yaml of the folder `kiosk validate` runs in, else the bundled default; its
    first line says which (clinic tester: in a clinic's folder it checked the default)."""
    if HERE.exists():
        print(f"checking {HERE}, the content file in this folder", flush=True)
        return HERE
    default = default_content_path()
    print(
        f"checking the content the kiosk runs, {default} (this folder has no {HERE};"
        " name the file to check: kiosk validate PATH)",
        flush=True,
    )
    return default


def cmd_preview(
    content: Path | None,
    out: Path,
    size: tuple[int, int],
    sheet: bool = False,
    lang: str | None = None,
    text_size: int = 1,
    high_contrast: bool = False,
) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from .ui.drawcheck import DrawChecker

    try:
        shown = str(content) if content else None  # named as the author typed it
        loaded = load_content(content or default_content_path(), draw=DrawChecker(), shown_as=shown)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return EXIT_BAD
    codes = loaded.content.language_codes()
    if lang is not None and lang not in codes:
        print(
            f"kiosk preview: the content offers no language '{lang}'"
            f" (it offers {', '.join(codes)}; see languages: in {shown or loaded.path.name})",
            file=sys.stderr,
        )
        return EXIT_BAD
    from .app import qt_application

    app = qt_application()
    if app is None:
        return EXIT_BAD
    from PySide6.QtCore import QSize

    from .ui.preview import Display, contact_sheet, render_previews, sheet_columns

    sheet_path: Path | None = None
    display = Display(lang, text_size, high_contrast)
    try:
        written = render_previews(loaded, out, QSize(*size), display)
        if sheet:
            sheet_path = contact_sheet(written, out / SHEET_NAME, sheet_columns(QSize(*size)))
    except OSError as error:
        print(f"kiosk preview: {error}", file=sys.stderr)
        return EXIT_BAD
    print(f"wrote {len(written)} screens to {out}/")
    if sheet_path is not None:
        print(f"wrote the contact sheet {sheet_path}")
    return EXIT_OK


def cmd_schema() -> int:
    sys.stdout.write(schema_text())
    return EXIT_OK


INIT_SCHEMA_NAME = "content.schema.json"
INIT_SAMPLES = ("logo.svg", "therapists")
"""The sample pictures `kiosk init` copies into a clinic's assets/, for the clinic to replace
with its own. The kiosk's figures, icons and step pictures are named `kiosk:NAME` instead
(never copied): an upgrade of the kiosk brings their fixes, and no old copy shadows them."""
KIOSK_ASSET_NAME = re.compile(r"(?<=: )assets/([\w./-]+)$", re.M)


def _shown(path: Path) -> str:
    text = str(path)
    return f'"{text}"' if any(c.isspace() for c in text) else text


def starter_content(directory: Path) -> str:
    """The bundled default content, pointing at its schema beside it, with next steps."""
    from .content.confine import KIOSK_ASSET

    text = (resource_root() / "content.yaml").read_text("utf-8")
    text = KIOSK_ASSET_NAME.sub(_own_or_sample, text)
    lines = text.splitlines()
    if lines and lines[0].startswith(MODELINE_PREFIX):
        lines = lines[1:]
    content = _shown(directory / "content.yaml")
    header = [
        modeline(INIT_SCHEMA_NAME),
        "#",
        "# Your clinic's kiosk, made by `kiosk init`. Next steps:",
        "#  1. Edit this file. Put your logo and photos in assets/ and name them here.",
        f"#     Names that begin with {KIOSK_ASSET} are the kiosk's own pictures (its figures,",
        "#     icons and steps): they stay up to date with the kiosk.",
        "#     VS Code with the Red Hat YAML extension completes keys and flags mistakes as",
        f"#     you type (it reads {INIT_SCHEMA_NAME}, named on the first line).",
        f"#  2. Check it:               kiosk validate {content}",
        f"#  3. Look at every screen:   kiosk preview --content {content} --out previews --sheet",
        "#     (previews/contact-sheet.png shows them all at once)",
        "#  4. Set the staff PIN:      kiosk hash-pin",
        "#     and paste the line it prints under staff: pin_hash: below.",
        f"#  5. Run the kiosk:          kiosk run --content {content}",
        "#",
    ]
    return "\n".join([*header, *lines]) + "\n"


def _own_or_sample(found: re.Match[str]) -> str:
    """`assets/NAME` of the bundled content as `kiosk init` writes it: a sample the clinic
    replaces stays in its folder; anything else is the kiosk's own, `kiosk:NAME`."""
    from .content.confine import KIOSK_ASSET

    name = found.group(1)
    if name.split("/")[0] in INIT_SAMPLES:
        return found.group(0)
    return f"{KIOSK_ASSET}{name}"


def _os_problem(error: OSError) -> str:
    """One line for a failed write: the file and the system's reason, no traceback."""
    if isinstance(error, shutil.Error) and error.args and error.args[0]:
        _source, target, why = error.args[0][0]  # copytree: (source, target, reason) each
        return f"cannot write {target}: {why}"
    where = f" {error.filename}" if error.filename else ""
    return f"cannot write{where}: {error.strerror or error}"


def cmd_init(directory: Path, force: bool) -> int:
    """Write DIR/content.yaml, DIR/content.schema.json and DIR/assets/ from the bundle."""
    content_path = directory / "content.yaml"
    if content_path.exists() and not force:
        print(
            f"kiosk init: {content_path} already exists; add --force to overwrite it",
            file=sys.stderr,
        )
        return EXIT_BAD
    try:
        text = starter_content(directory)
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "assets").mkdir(exist_ok=True)
        for sample in INIT_SAMPLES:  # the kiosk's own pictures are named, never copied
            source = resource_root() / "assets" / sample
            if source.is_dir():
                shutil.copytree(source, directory / "assets" / sample, dirs_exist_ok=True)
            else:
                shutil.copyfile(source, directory / "assets" / sample)
        (directory / INIT_SCHEMA_NAME).write_text(schema_text(), "utf-8", newline="\n")
        content_path.write_text(text, "utf-8", newline="\n")  # last: no half-made folder blocks
    except OSError as error:
        print(f"kiosk init: {_os_problem(error)}", file=sys.stderr)
        return EXIT_BAD
    print(f"wrote {content_path}, {directory / INIT_SCHEMA_NAME} and {directory / 'assets'}/")
    print(f"next: edit {content_path}, then run: kiosk validate {_shown(content_path)}")
    return EXIT_OK


KIOSK_COMMANDS: tuple[Command, ...] = (
    Command(
        "run",
        "start the kiosk (full screen)",
        cmd_run,
        Arg("--content", type=Path, help="the content file (default: the bundled one)"),
        Arg("--windowed", action="store_true", help="a normal window, for development"),
        Arg("--size", type=_size, default=None, help="window size with --windowed, WxH"),
        Arg(
            "--supervise",
            action="store_true",
            help="restart the kiosk if it stops unexpectedly (for machines without systemd)",
        ),
        Arg(
            "--metrics-file",
            type=Path,
            metavar="PATH",
            help="keep the kiosk's metrics in this file, for node_exporter's textfile collector "
            "(a name ending in .prom)",
        ),
        Arg(
            "--quit-after-paint",
            action="store_true",
            help="quit right after the first frame is painted (to time start-up; the kept "
            "picture of the start screen, when there is one)",
        ),
        Arg(
            "--quit-when-live",
            action="store_true",
            help="quit once the real start screen has painted and answers taps (to time start-up)",
        ),
        argv=True,
    ),
    Command(
        "validate",
        "check a content file and list its problems",
        cmd_validate,
        Arg("path", nargs="?", type=Path, help="the content file"),
    ),
    Command(
        "preview",
        "render every screen to PNG, no display needed",
        cmd_preview,
        Arg("--content", type=Path, help="the content file"),
        Arg("--out", type=Path, required=True, help="the folder for the PNG files"),
        Arg("--size", type=_size, default=(1920, 1080), help="WxH (default 1920x1080)"),
        Arg(
            "--sheet",
            action="store_true",
            help=f"also write {SHEET_NAME}: every screen on one picture",
        ),
        Arg("--lang", metavar="CODE", help="the language to show (one of the content's languages)"),
        Arg(
            "--text-size",
            type=int,
            choices=(1, 2, 3),
            default=1,
            help="1 normal (default), 2 larger, 3 largest",
        ),
        Arg("--high-contrast", action="store_true", help="the high-contrast theme (7:1 and more)"),
    ),
    Command(
        "schema", "print the JSON Schema of content.yaml (for editors' autocompletion)", cmd_schema
    ),
    Command(
        "init",
        "write a starter clinic folder to edit",
        cmd_init,
        Arg("directory", metavar="dir", type=Path, help="the folder to write (made if missing)"),
        Arg("--force", action="store_true", help="overwrite the starter files if they are there"),
    ),
    Command(
        "hash-pin",
        "print the line to store a staff PIN in content.yaml",
        cmd_hash_pin,
        Arg(
            "--stdin",
            action="store_true",
            help="read the PIN from standard input, twice, one line each (for scripts)",
        ),
    ),
    Command(
        "ctl",
        "talk to the running kiosk",
        cmd_ctl,
        Arg("action", choices=COMMANDS, help="what to ask of it"),
        Arg("--json", dest="as_json", action="store_true", help="print the reply as JSON"),
    ),
    Command(
        "stats",
        "print the anonymous usage figures",
        cmd_stats,
        Arg("--days", type=_days, default=30, help="how many days, ending --until (default 30)"),
        Arg(
            "--until",
            type=_day,
            metavar="YYYY-MM-DD",
            help="the last day of the figures (default today); the same on every kiosk of a chain "
            "gives exports of the same days",
        ),
        Arg(
            "--content",
            type=Path,
            help="the content file whose settings.kiosk_id names this kiosk (default: the bundled)",
        ),
        OneOf(
            Arg(
                "--csv",
                dest="as_csv",
                action="store_true",
                help="one row per day and key, for a spreadsheet",
            ),
            Arg(
                "--json",
                dest="as_json",
                action="store_true",
                help="the figures as JSON, for a program",
            ),
        ),
        subcommands=(
            Command(
                "merge",
                "sum the --csv or --json exports of several kiosks into one report",
                cmd_stats_merge,
                Arg("files", nargs="+", type=Path, metavar="FILE", help="an export"),
                OneOf(
                    Arg("--csv", dest="as_csv", action="store_true", help="the sums as CSV"),
                    Arg("--json", dest="as_json", action="store_true", help="the sums as JSON"),
                ),
            ),
        ),
    ),
)
"""Every command of `kiosk`, in the order its help lists them (docs/command-line.md too)."""


def main(argv: Sequence[str] | None = None) -> int:
    """The command line. EOF, Ctrl-C and a closed output pipe end any command with one
    sentence and exit 1; so does a bug of ours (set KIOSK_DEBUG=1 for its traceback)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    name = f"kiosk {args.command}" if args.command else "kiosk"
    try:
        code = _dispatch(parser, args, argv)
        sys.stdout.flush()  # here, not at exit: a closed pipe is then one sentence too
        return code
    except KeyboardInterrupt:
        print(f"\n{name}: stopped by Ctrl-C; nothing more was done.", file=sys.stderr)
        return EXIT_BAD
    except EOFError:
        print(
            f"{name}: the input ended (Ctrl-D) before the command had what it needed;"
            " nothing more was done.",
            file=sys.stderr,
        )
        return EXIT_BAD
    except BrokenPipeError:
        _quiet_stdout()
        print(
            f"{name}: the output was closed before all of it was written"
            " (a pipe such as `| head` ended early).",
            file=sys.stderr,
        )
        return EXIT_BAD
    except Exception as error:  # a bug of ours: one line for the user, details on request
        if os.environ.get("KIOSK_DEBUG"):
            raise
        from .launch import say_internal_error

        say_internal_error(error)
        return EXIT_BAD


def _dispatch(
    parser: argparse.ArgumentParser, args: argparse.Namespace, argv: Sequence[str] | None
) -> int:
    """Run the command the arguments name, each of its arguments as a keyword."""
    chosen: tuple[Command, tuple[str, ...]] | None = getattr(args, _DO, None)
    if chosen is None:
        parser.print_help()
        return EXIT_USAGE
    command, names = chosen
    given = {name: getattr(args, name) for name in names}
    if command.argv:
        given["argv"] = list(argv) if argv is not None else sys.argv[1:]
    return command.run(**given)


def _quiet_stdout() -> None:
    """After a closed pipe: send what is left of stdout nowhere, so that Python's own flush
    at exit does not print a second error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
