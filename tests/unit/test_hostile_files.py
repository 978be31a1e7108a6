"""Content a clinic can trust: files that are not plain files, fonts cut short, pictures that
would freeze or flood the kiosk. Each is refused by `kiosk validate` with a message naming the
file, and never hangs (the subprocess timeout only guards the suite against a hang; it is not
a measurement)."""

from __future__ import annotations

import base64
import os
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.content import ContentError, load_content
from kiosk.content.files import FileReader
from kiosk.content.pictures import MAX_SVG_DRAWN, SvgPlace, svg_problem
from kiosk.content.snapshot import CheckMemo

Write = Callable[[str], Path]
ROOT = Path(__file__).resolve().parents[2]
LATO = ROOT / "assets" / "fonts" / "Lato-Regular.ttf"
HANG_GUARD = 120  # seconds: a hung validate fails the test instead of the whole suite

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
needs_dev_zero = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")


def validate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "validate", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
    )


def errors_of(path: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(path)
    return [str(issue) for issue in caught.value.issues]


def line_of(text: str, needle: str) -> int:
    return next(i + 1 for i, line in enumerate(text.splitlines()) if needle in line)


def png_bytes(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def nested_use_svg(levels: int, copies: int) -> str:
    """A small SVG whose `<use>` copies multiply: `copies ** levels` rectangles."""
    groups = ['<rect id="l0" width="1" height="1"/>']
    for level in range(1, levels + 1):
        uses = "".join(f'<use xlink:href="#l{level - 1}"/>' for _ in range(copies))
        groups.append(f'<g id="l{level}">{uses}</g>')
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        ' width="10" height="10">\n<defs>\n'
        + "\n".join(groups)
        + f'\n</defs>\n<use xlink:href="#l{levels}"/>\n</svg>\n'
    )


def svg_with_image(href: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        ' width="10" height="10">\n'
        f'  <image xlink:href="{href}" width="10" height="10"/>\n</svg>\n'
    )


def with_logo(content_text: str, write_content: Write, logo: str) -> tuple[str, Path]:
    text = content_text.replace("logo: assets/logo.svg", f"logo: {logo}", 1)
    return text, write_content(text)


# --- the content file itself -----------------------------------------------------------------


@needs_dev_zero
def test_a_device_is_refused_without_reading_it() -> None:
    done = validate("/dev/zero")
    assert done.returncode == 1
    assert "/dev/zero: (file): this is a device, not a regular file" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


@needs_fifo
def test_a_fifo_content_file_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "content.yaml"
    os.mkfifo(fifo)
    done = validate(str(fifo))
    assert done.returncode == 1
    assert f"{fifo}: (file): this is a named pipe (FIFO), not a regular file" in done.stderr


def test_a_folder_is_refused(tmp_path: Path) -> None:
    done = validate(str(tmp_path))
    assert done.returncode == 1
    assert "this is a folder, not a file" in done.stderr


# --- assets that are not plain files -----------------------------------------------------------


@needs_fifo
def test_a_fifo_picture_is_refused(content_text: str, write_content: Write) -> None:
    text, path = with_logo(content_text, write_content, "assets/pipe.svg")
    os.mkfifo(path.parent / "assets" / "pipe.svg")
    [message] = errors_of(path)
    assert message == (
        f"content.yaml:{line_of(text, 'pipe.svg')}: clinic.logo: 'assets/pipe.svg' is a named"
        " pipe (FIFO), not a regular file"
    )


@needs_dev_zero
def test_a_picture_linked_to_a_device_is_refused(content_text: str, write_content: Write) -> None:
    _, path = with_logo(content_text, write_content, "assets/zero.png")
    (path.parent / "assets" / "zero.png").symlink_to("/dev/zero")
    [message] = errors_of(path)
    assert "clinic.logo: 'assets/zero.png' is a device, not a regular file" in message


def test_a_folder_named_like_a_picture_is_refused(content_text: str, write_content: Write) -> None:
    _, path = with_logo(content_text, write_content, "assets/folder.svg")
    (path.parent / "assets" / "folder.svg").mkdir()
    [message] = errors_of(path)
    assert "clinic.logo: 'assets/folder.svg' is a folder, not a file" in message


# --- fonts -------------------------------------------------------------------------------------


def with_font(content_text: str, write_content: Write, data: bytes) -> tuple[str, Path]:
    text = content_text.replace("  corner_radius: 18", "  corner_radius: 18\n  font: assets/f.ttf")
    path = write_content(text)
    (path.parent / "assets" / "f.ttf").write_bytes(data)
    return text, path


def test_a_truncated_font_is_refused(content_text: str, write_content: Write) -> None:
    data = LATO.read_bytes()
    text, path = with_font(content_text, write_content, data[: len(data) // 3])
    done = validate(str(path))
    assert done.returncode == 1
    assert f"content.yaml:{line_of(text, 'f.ttf')}: brand.font: 'assets/f.ttf' is a broken or" in (
        done.stderr
    )
    assert "cut short" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_font_with_damaged_glyphs_is_refused(content_text: str, write_content: Write) -> None:
    data = bytearray(LATO.read_bytes())
    data[40_000:40_400] = b"\xff" * 400  # inside the glyph outlines
    _, path = with_font(content_text, write_content, bytes(data))
    [message] = errors_of(path)
    assert "brand.font: 'assets/f.ttf' is a broken or cut-short font" in message


def test_a_whole_font_passes(content_text: str, write_content: Write) -> None:
    _, path = with_font(content_text, write_content, LATO.read_bytes())
    assert load_content(path).content.brand.font == "assets/f.ttf"


# --- pictures ----------------------------------------------------------------------------------


def test_a_truncated_png_is_refused(content_text: str, write_content: Write) -> None:
    _, path = with_logo(content_text, write_content, "assets/cut.png")
    whole = png_bytes(300, 200)
    (path.parent / "assets" / "cut.png").write_bytes(whole[: len(whole) // 2])
    [message] = errors_of(path)
    assert "clinic.logo: 'assets/cut.png' cannot be read as a picture: the file is cut short" in (
        message
    )


def test_a_png_with_damaged_data_is_refused(content_text: str, write_content: Write) -> None:
    _, path = with_logo(content_text, write_content, "assets/bad.png")
    data = bytearray(png_bytes(64, 64))
    data[60] ^= 0xFF  # inside the IDAT chunk: its checksum no longer matches
    (path.parent / "assets" / "bad.png").write_bytes(bytes(data))
    [message] = errors_of(path)
    assert "'assets/bad.png' cannot be read as a picture: it is damaged (the checksum" in message


def test_nested_use_that_would_freeze_the_kiosk_is_refused(
    content_text: str, write_content: Write
) -> None:
    text, path = with_logo(content_text, write_content, "assets/bomb.svg")
    (path.parent / "assets" / "bomb.svg").write_text(nested_use_svg(7, 10), "utf-8")
    assert (path.parent / "assets" / "bomb.svg").stat().st_size < 3000
    done = validate(str(path))
    assert done.returncode == 1
    assert (
        f"content.yaml:{line_of(text, 'bomb.svg')}: clinic.logo: 'assets/bomb.svg' draws more"
        f" than {MAX_SVG_DRAWN:,} shapes once its <use> copies are counted" in done.stderr
    )


def test_use_within_the_bound_is_fine(tmp_path: Path) -> None:
    svg = nested_use_svg(3, 10).encode()  # a thousand rectangles
    assert svg_problem(svg, SvgPlace(tmp_path / "a.svg", (tmp_path,))) is None


def test_a_use_loop_is_refused(tmp_path: Path) -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg">\n<g id="a">\n<use href="#a"/>\n</g>\n</svg>'
    problem = svg_problem(svg, SvgPlace(tmp_path / "a.svg", (tmp_path,)))
    assert problem is not None
    assert "<use> on line 3 of the SVG that shows itself" in problem


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("/etc/hostname", "shows '/etc/hostname', outside the content folder"),
        ("../../outside.png", "shows '../../outside.png', outside the content folder"),
        ("file:///etc/hostname", "shows 'file:///etc/hostname' through 'file:'"),
        ("http://example.com/a.png", "shows 'http://example.com/a.png' from the web"),
        ("https://example.com/a.png", "from the web"),
    ],
)
def test_svg_references_outside_the_content_folder(
    content_text: str, write_content: Write, href: str, expected: str
) -> None:
    text, path = with_logo(content_text, write_content, "assets/out.svg")
    (path.parent / "assets" / "out.svg").write_text(svg_with_image(href), "utf-8")
    [message] = errors_of(path)
    assert message.startswith(
        f"content.yaml:{line_of(text, 'out.svg')}: clinic.logo: 'assets/out.svg' has an <image>"
        " on line 2 of the SVG that "
    )
    assert expected in message


@needs_fifo
def test_an_svg_showing_a_fifo_is_refused(content_text: str, write_content: Write) -> None:
    _, path = with_logo(content_text, write_content, "assets/pipe-ref.svg")
    os.mkfifo(path.parent / "assets" / "pipe.png")
    (path.parent / "assets" / "pipe-ref.svg").write_text(svg_with_image("pipe.png"), "utf-8")
    [message] = errors_of(path)
    assert "shows 'pipe.png', which is a named pipe (FIFO), not a regular file" in message


def test_an_svg_showing_a_picture_beside_it_is_fine(
    content_text: str, write_content: Write
) -> None:
    _, path = with_logo(content_text, write_content, "assets/framed.svg")
    (path.parent / "assets" / "photo.png").write_bytes(png_bytes(40, 30))
    (path.parent / "assets" / "framed.svg").write_text(svg_with_image("photo.png"), "utf-8")
    loaded = load_content(path)
    assert loaded.content.clinic.logo == "assets/framed.svg"
    shown = loaded.file("assets/framed.svg")
    assert shown is not None  # drawn from memory, with the photo inside it as read at load
    photo = base64.b64encode(png_bytes(40, 30))
    assert b'xlink:href="data:image/png;base64,' + photo + b'"' in shown.data


def test_a_huge_png_inside_an_svg_is_refused(content_text: str, write_content: Write) -> None:
    header = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR"
    header += struct.pack(">IIBBBBB", 8000, 8000, 8, 6, 0, 0, 0)
    header += struct.pack(">I", zlib.crc32(header[12:]))
    embedded = "data:image/png;base64," + base64.b64encode(header).decode()
    _, path = with_logo(content_text, write_content, "assets/big.svg")
    (path.parent / "assets" / "big.svg").write_text(svg_with_image(embedded), "utf-8")
    [message] = errors_of(path)
    assert "whose embedded picture is 8000 x 8000 px; a picture can be at most 4096" in message


def test_a_link_in_an_svg_is_not_a_picture(tmp_path: Path) -> None:
    """Drawing programs may keep a link (<a href>) in a picture: Qt never follows it."""
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        b'<a xlink:href="https://example.com/"><rect width="5" height="5"/></a></svg>'
    )
    assert svg_problem(svg, SvgPlace(tmp_path / "a.svg", (tmp_path,))) is None


def test_an_address_written_with_escapes_is_refused(tmp_path: Path) -> None:
    """The kiosk draws an SVG from memory with its pictures inside it; an address it cannot
    find as written would make Qt look for the file from wherever the kiosk runs."""
    (tmp_path / "a b.png").write_bytes(png_bytes(4, 4))
    svg = svg_with_image("a&#32;b.png").encode()
    problem = svg_problem(svg, SvgPlace(tmp_path / "a.svg", (tmp_path,)))
    assert problem is not None and "is written with XML escapes" in problem
    plain = svg_with_image("a b.png").encode()
    assert svg_problem(plain, SvgPlace(tmp_path / "a.svg", (tmp_path,))) is None


def test_a_reload_reads_an_unchanged_font_without_parsing_it_again(
    content_text: str, write_content: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.content import fonts  # the snapshot's reader calls it when it checks a font

    parsed: list[Path] = []
    real = fonts.font_file_problem

    def counting(path: Path, read: FileReader) -> str | None:
        parsed.append(path)
        return real(path, read)

    monkeypatch.setattr(fonts, "font_file_problem", counting)
    text, path = with_font(content_text, write_content, LATO.read_bytes())
    memo = CheckMemo()
    load_content(path, memo=memo)
    path.write_text(text.replace("Willow Street", "Elm Road"), "utf-8")  # an edit of the text
    assert load_content(path, memo=memo).content.clinic.name.startswith("Elm Road")
    assert len(parsed) == 1
    data = LATO.read_bytes()
    (path.parent / "assets" / "f.ttf").write_bytes(data[: len(data) // 3])  # a new font
    [message] = errors_of_memo(path, memo)
    assert "brand.font: 'assets/f.ttf' is a broken or cut-short font" in message
    assert len(parsed) == 2


def errors_of_memo(path: Path, memo: CheckMemo) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(path, memo=memo)
    return [str(issue) for issue in caught.value.issues]
