"""The `kiosk` command: run, validate, preview.

Nothing here imports Qt at module level, so `kiosk validate` works on any machine.
Exit codes: 0 done, 1 the content (or the machine) is not usable, 2 the command was wrong.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .content import ContentError, load_content
from .paths import default_content_path

EXIT_OK, EXIT_BAD, EXIT_USAGE = 0, 1, 2


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1920x1080") from None
    if not (320 <= width <= 8192 and 320 <= height <= 8192):
        raise argparse.ArgumentTypeError(f"'{text}' is outside 320x320 to 8192x8192")
    return width, height


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk", description="A touchscreen patient-education kiosk for clinics."
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = commands.add_parser("run", help="start the kiosk (full screen)")
    run.add_argument("--content", type=Path, help="the content file (default: the bundled one)")
    run.add_argument("--windowed", action="store_true", help="a normal window, for development")
    run.add_argument("--size", type=_size, default=None, help="window size with --windowed, WxH")

    validate = commands.add_parser("validate", help="check a content file and list its problems")
    validate.add_argument("path", nargs="?", type=Path, help="the content file")

    preview = commands.add_parser("preview", help="render every screen to PNG, no display needed")
    preview.add_argument("--content", type=Path, help="the content file")
    preview.add_argument("--out", type=Path, required=True, help="the folder for the PNG files")
    preview.add_argument("--size", type=_size, default=(1920, 1080), help="WxH (default 1920x1080)")
    return parser


def cmd_validate(path: Path | None) -> int:
    target = path or default_content_path()
    try:
        loaded = load_content(target)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return EXIT_BAD
    for warning in loaded.warnings:
        print(warning, file=sys.stderr)
    content = loaded.content
    print(
        f"{target}: valid ({len(content.screens)} screens, "
        f"{len(content.self_check.questions)} questions, "
        f"{len(content.self_check.outcomes)} outcomes, {len(content.therapists)} therapists)"
    )
    return EXIT_OK


def cmd_preview(content_path: Path | None, out: Path, size: tuple[int, int]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        loaded = load_content(content_path or default_content_path())
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return EXIT_BAD
    from .app import qt_application

    app = qt_application()
    if app is None:
        return EXIT_BAD
    from PySide6.QtCore import QSize

    from .ui.preview import render_previews

    try:
        written = render_previews(loaded, out, QSize(*size))
    except OSError as error:
        print(f"kiosk preview: {error}", file=sys.stderr)
        return EXIT_BAD
    print(f"wrote {len(written)} screens to {out}/")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "validate":
            return cmd_validate(args.path)
        if args.command == "preview":
            return cmd_preview(args.content, args.out, args.size)
        if args.command == "run":
            from .app import run

            return run(args.content, windowed=args.windowed, size=args.size)
        parser.print_help()
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_BAD
    except Exception as error:  # a bug of ours: one line for the user, details on request
        if os.environ.get("KIOSK_DEBUG"):
            raise
        print(
            f"kiosk: internal error: {type(error).__name__}: {error} "
            "(set KIOSK_DEBUG=1 to see the details)",
            file=sys.stderr,
        )
        return EXIT_BAD
