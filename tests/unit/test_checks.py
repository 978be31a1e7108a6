"""The checks a clinic would want: contrast of every colour pair the theme draws, pictures and
fonts that can be read, well-formed links, and warnings (hard reading, old reviews, long
paragraphs) that are printed but do not stop the content from loading. No Qt here."""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from samples import SMALL_JPEG

from kiosk.content import ContentError, load_content
from kiosk.content.checks import Problem, check_content
from kiosk.content.checks.contrast import brand_contrast_problems
from kiosk.content.checks.finding import image_problem, image_size
from kiosk.content.checks.links import link_problem
from kiosk.content.checks.readability import count_syllables, looks_english, reading_grade
from kiosk.content.colors import (
    CONTRAST_PAIRS,
    PALETTE_NAMES,
    contrast_ratio,
    derive_palette,
)
from kiosk.content.model import Brand, Content
from kiosk.content.pictures import MAX_IMAGE_BYTES
from kiosk.paths import resolve_asset

Write = Callable[[str], Path]
ROOT = Path(__file__).resolve().parents[2]
HEX = re.compile(r"#[0-9A-F]{6}")


def replace_once(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    return next(i + 1 for i, line in enumerate(text.splitlines()) if needle in line)


def errors_of(path: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(path)
    return [str(issue) for issue in caught.value.issues]


def problems_of(content: Content, base: Path, today: date) -> list[Problem]:
    problems = check_content(content, lambda rel: resolve_asset(rel, base), today=today).problems
    return problems


def latest_review(content: Content) -> date:
    dates = [s.reviewed for s in content.screens] + [
        o.reviewed for o in content.self_check.outcomes
    ]
    return max(d for d in dates if d is not None)


def png_bytes(width: int, height: int, *, pixels: bool = True) -> bytes:
    """A PNG file: a real one (grey pixels) or only a header claiming the size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    head = b"\x89PNG\r\n\x1a\n" + chunk(
        b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    )
    if not pixels:
        return head
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return head + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def jpeg_header(width: int, height: int) -> bytes:
    """The start of a baseline JPEG: SOI, a JFIF APP0 segment, then the SOF0 frame header."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof0 = b"\xff\xc0" + struct.pack(">HBHHB", 17, 8, height, width, 3) + b"\x01\x11\x00" * 3
    return b"\xff\xd8" + app0 + sof0 + b"\xff\xd9"


# --- contrast ---------------------------------------------------------------------------------


def test_default_brand_has_no_contrast_problem(content_text: str) -> None:
    assert brand_contrast_problems(Brand()) == []
    loaded = load_content(ROOT / "content.yaml")
    assert brand_contrast_problems(loaded.content.brand) == []


def test_palette_of_the_default_brand_is_unchanged() -> None:
    """The look of the kiosk: these are the colours theme.qss drew before the derivation
    moved out of kiosk/ui/theme.py."""
    palette = derive_palette(Brand())
    assert tuple(palette) == PALETTE_NAMES
    assert palette == {
        "primary": "#1F5F5B",
        "primary_dark": "#174744",
        "accent": "#A8551A",
        "background": "#F7F4EF",
        "surface": "#FFFFFF",
        "text": "#1E2A2A",
        "muted": "#545C5B",  # 6.3:1 on the background (was #6A716F, 4.55:1: issue 16)
        "danger": "#B3261E",
        "accent_text": "#A8551A",
        "on_primary": "#FFFFFF",
        "on_accent": "#FFFFFF",
        "on_danger": "#FFFFFF",
        "line": "#DDDFDF",
        "line_strong": "#9A9F9F",
        "selected_bg": "#F3E7DF",
        "callout_bg": "#F8F1ED",
        "pressed": "#D7E2E1",
        "disabled_text": "#838A8A",
        "disabled_line": "#C7CACA",
    }


def test_every_text_colour_of_the_stylesheet_is_checked() -> None:
    """A new `color: $name` in theme.qss needs a pair here (or a reason to be exempt)."""
    qss = (ROOT / "kiosk" / "ui" / "theme.qss").read_text("utf-8")
    drawn = set(re.findall(r"(?<![-\w])color:\s*\$(\w+)", qss))
    assert drawn, "no text colours found in theme.qss"
    checked = {pair.foreground for pair in CONTRAST_PAIRS}
    assert drawn - checked == set()  # disabled words too, though WCAG 2.2 exempts them
    for pair in CONTRAST_PAIRS:
        assert pair.foreground in PALETTE_NAMES and pair.background in PALETTE_NAMES
        assert pair.minimum == (4.5 if pair.kind == "body" else 3.0)


@pytest.mark.parametrize(
    ("brand", "key", "expected"),
    [
        (
            Brand(text="#999999"),
            "text",
            "the text colour #999999 on the background colour #F7F4EF has a contrast of 2.5:1;"
            " body text needs at least 4.5:1 (make text darker, or make background lighter)",
        ),
        (
            Brand(primary="#777777"),  # 4.48:1 with white: shown as 4.4, never rounded up
            "primary",
            "white text (#FFFFFF) on the primary colour #777777 has a contrast of 4.4:1;"
            " body text needs at least 4.5:1 (make primary darker, so that white text reads",
        ),
        (
            Brand(primary="#2E8B57"),
            "primary",
            "near-black text (#111111) on the primary colour #2E8B57 has a contrast of 4.4:1;"
            " body text needs at least 4.5:1 (make primary darker",
        ),
        (
            # the softer text keeps 6:1 on the background (issue 16), so a dull surface
            Brand(text="#000000", background="#FFFFFF", surface="#B8B8B8"),
            "text",
            "the softer text colour #595959 (made from text #000000 and background #FFFFFF)"
            " on the surface colour #B8B8B8 has a contrast of 3.5:1; body text needs at least"
            " 4.5:1 (make surface lighter)",
        ),
        (
            Brand(accent="#F0C080"),
            "accent",
            "the accent colour #F0C080 on the surface colour #FFFFFF has a contrast of 1.6:1;"
            " the outline or mark of a control needs at least 3:1 (make accent darker)",
        ),
        (
            Brand(primary="#9FD3C7"),
            "primary",
            "the primary colour #9FD3C7 on the background colour #F7F4EF has a contrast of"
            " 1.5:1; large text needs at least 3:1",
        ),
    ],
)
def test_a_contrast_failure_names_both_colours_and_the_ratio(
    brand: Brand, key: str, expected: str
) -> None:
    found = brand_contrast_problems(brand)
    assert any(k == key and message.startswith(expected) for k, message in found), found


@pytest.mark.parametrize(
    "brand",
    [
        Brand(text="#999999"),
        Brand(primary="#9FD3C7", accent="#F0C080"),
        Brand(background="#222222", surface="#333333", text="#EEEEEE"),
        Brand(primary="#2E8B57", surface="#F0F0F0"),
    ],
)
def test_every_contrast_message_holds_the_colours_of_a_failing_pair(brand: Brand) -> None:
    palette = derive_palette(brand)
    failing = {
        (palette[p.foreground], palette[p.background], p.minimum)
        for p in CONTRAST_PAIRS
        if contrast_ratio(palette[p.foreground], palette[p.background]) < p.minimum
    }
    found = brand_contrast_problems(brand)
    assert found and len(found) <= len(failing)
    for _, message in found:
        shape = re.match(
            r".*?(#[0-9A-F]{6}).*? on the [\w -]+? colour (#[0-9A-F]{6})"
            r".* has a contrast of (\d+\.\d):1; .* needs at least (\d(?:\.\d)?):1",
            message,
        )
        assert shape, message
        fg, bg, ratio, minimum = shape.groups()
        assert (fg, bg, float(minimum)) in failing, message
        assert float(ratio) == int(contrast_ratio(fg, bg) * 10) / 10


def test_contrast_error_stops_loading_with_the_line_of_the_brand_key(
    content_text: str, write_content: Write
) -> None:
    text = replace_once(content_text, 'text: "#1E2A2A"', 'text: "#A0A0A0"')
    found = errors_of(write_content(text))
    line = line_of(text, 'text: "#A0A0A0"')
    assert found[0].startswith(f"content.yaml:{line}: brand.text: the text colour #A0A0A0 on")
    assert all("brand.text:" in m and "#A0A0A0" in m for m in found)


def test_readable_brand_colours_load(content_text: str, write_content: Write) -> None:
    text = replace_once(content_text, 'primary: "#1F5F5B"', 'primary: "#6A1B9A"')
    assert load_content(write_content(text)).content.brand.primary == "#6A1B9A"


# --- pictures and fonts -------------------------------------------------------------------------


def test_picture_sizes_are_read_from_the_header(tmp_path: Path) -> None:
    png = tmp_path / "a.png"
    png.write_bytes(png_bytes(7, 3))
    jpeg = tmp_path / "b.jpg"
    jpeg.write_bytes(jpeg_header(640, 480))
    real_jpeg = tmp_path / "c.jpg"
    real_jpeg.write_bytes(SMALL_JPEG)
    assert image_size(png) == (7, 3)
    assert image_size(jpeg) == (640, 480)
    assert image_size(real_jpeg) == (16, 8)
    assert image_problem(png) is None
    assert image_problem(real_jpeg) is None


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        (
            "bad.png",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDX" + b"\x00" * 17,
            "PNG header is broken",
        ),
        ("short.png", b"\x89PNG\r\n\x1a\n\x00\x00", "PNG header is broken"),
        ("text.png", b"this is not a picture", "not those of a PNG or JPEG file"),
        ("cut.jpg", jpeg_header(640, 480)[:24], "JPEG header is broken or cut short"),
        ("empty.jpeg", b"", "not those of a PNG or JPEG file"),
        ("zero.png", png_bytes(0, 10, pixels=False), "0 x 10 px"),
    ],
)
def test_unreadable_picture_header(tmp_path: Path, name: str, data: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    problem = image_problem(path)
    assert problem is not None and problem.startswith("cannot be read as a picture")
    assert expected in problem


def test_oversized_pictures(tmp_path: Path) -> None:
    huge = tmp_path / "huge.png"
    huge.write_bytes(png_bytes(10000, 10000, pixels=False))
    assert image_problem(huge) == (
        "is 10000 x 10000 px; a picture can be at most 4096 px on a side (scale it down)"
    )
    wide = tmp_path / "wide.jpg"
    wide.write_bytes(jpeg_header(5000, 100))
    assert "5000 x 100 px" in (image_problem(wide) or "")
    edge = tmp_path / "edge.png"
    edge.write_bytes(png_bytes(4096, 1))
    assert image_problem(edge) is None
    heavy = tmp_path / "heavy.png"
    heavy.write_bytes(png_bytes(10, 10) + b"\x00" * MAX_IMAGE_BYTES)
    assert (image_problem(heavy) or "").startswith("is 5.0 MB; a picture can be at most 5.0 MB")


def test_bad_pictures_and_fonts_in_the_content(content_text: str, write_content: Write) -> None:
    text = replace_once(content_text, "logo: assets/logo.svg", "logo: assets/huge.png")
    text = replace_once(text, "photo: assets/therapists/maya.svg", "photo: assets/broken.svg")
    text = replace_once(text, "photo: assets/therapists/sam.svg", "photo: assets/page.svg")
    text = replace_once(text, "  corner_radius: 18", "  corner_radius: 18\n  font: assets/f.ttf")
    path = write_content(text)
    (path.parent / "assets" / "huge.png").write_bytes(png_bytes(10000, 10000, pixels=False))
    (path.parent / "assets" / "broken.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg">\n  <g>\n</svg>\n', "utf-8"
    )
    (path.parent / "assets" / "page.svg").write_text("<html><body/></html>", "utf-8")
    (path.parent / "assets" / "f.ttf").write_bytes(b"<!DOCTYPE html> not a font")
    found = errors_of(path)
    assert len(found) == 4, found
    assert (
        f"content.yaml:{line_of(text, 'huge.png')}: clinic.logo: 'assets/huge.png' is 10000 x"
        " 10000 px; a picture can be at most 4096 px on a side" in found[0]
    )
    broken = next(m for m in found if "therapists[1].photo" in m)
    assert "'assets/broken.svg' is not a well-formed SVG file: mismatched tag" in broken
    assert "on line 3," in broken
    page = next(m for m in found if "therapists[4].photo" in m)
    assert "is XML but not an SVG picture (it starts with <html>" in page
    font = next(m for m in found if "brand.font" in m)
    assert "'assets/f.ttf' is not a TrueType or OpenType font" in font


def test_the_bundled_font_passes_and_a_web_font_does_not(
    content_text: str, write_content: Write
) -> None:
    text = replace_once(
        content_text,
        "  corner_radius: 18",
        "  corner_radius: 18\n  font: assets/fonts/Lato-Bold.ttf",
    )
    assert load_content(write_content(text)).content.brand.font == "assets/fonts/Lato-Bold.ttf"
    text = text.replace("assets/fonts/Lato-Bold.ttf", "assets/web.otf")
    path = write_content(text)
    (path.parent / "assets" / "web.otf").write_bytes(b"wOFF" + b"\x00" * 60)
    [message] = errors_of(path)
    assert "brand.font: 'assets/web.otf' is a web font (WOFF)" in message


# --- links and the phone ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://localhost/book", "the host name 'localhost' has no dot"),
        ("https://willowstreet/book", "'willowstreet' has no dot"),
        ("https://willow..example/book", "only letters, digits, hyphens and single dots"),
        ("https://willow_street.example/", "only letters, digits, hyphens and single dots"),
        ("https://-willow.example/", "only letters, digits, hyphens and single dots"),
        ("https://user@/book", "has no host name"),
        ("https://[::1/book", "is not a web address the kiosk can read"),
    ],
)
def test_bad_link_host(url: str, expected: str) -> None:
    assert expected in (link_problem(url) or "")


@pytest.mark.parametrize(
    "url",
    [
        "https://willowstreet.example/book",
        "https://book.willow-street.co.uk:8443/a?b=c#d",
        "http://192.168.1.20/booking",
        "https://bücher.example/",
    ],
)
def test_good_link_hosts(url: str) -> None:
    assert link_problem(url) is None


def test_a_bad_booking_host_is_an_error_with_its_line(
    content_text: str, write_content: Write
) -> None:
    text = replace_once(
        content_text,
        "booking_url: https://willowstreet.example/book",
        "booking_url: https://willowstreet/book",
    )
    [message] = errors_of(write_content(text))
    assert message.startswith(
        f"content.yaml:{line_of(text, 'willowstreet/book')}: clinic.booking_url:"
        " the host name 'willowstreet' has no dot"
    )


def test_http_booking_link_and_lettered_phone_are_warnings(
    content_text: str, write_content: Write
) -> None:
    text = replace_once(
        content_text, "https://willowstreet.example/book", "http://willowstreet.example/book"
    )
    text = replace_once(text, "website: https://", "website: http://")
    text = replace_once(text, 'phone: "+1 555 0142 800"', 'phone: "1-800-WILLOWS"')
    loaded = load_content(write_content(text))
    warnings = [str(w) for w in loaded.warnings]
    booking = [w for w in warnings if "booking link starts with http://" in w]
    assert (
        len(booking) == 1 and "clinic.booking_url" in booking[0]
    )  # the website is not a booking link
    assert any("clinic.phone: the phone number '1-800-WILLOWS' has letters" in w for w in warnings)
    assert all(w.severity == "warning" for w in loaded.warnings)


# --- reading ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("the", 1),
        ("make", 1),
        ("makes", 1),
        ("little", 2),
        ("people", 2),
        ("causes", 2),
        ("muscles", 2),
        ("passed", 1),
        ("needed", 2),
        ("massage", 2),
        ("inflammation", 4),
        ("physiotherapy", 5),
        ("42", 1),
    ],
)
def test_syllable_heuristic(word: str, syllables: int) -> None:
    assert count_syllables(word) == syllables


def test_reading_grade() -> None:
    plain = "Sciatica is pain down your leg. It often starts in your lower back. Rest helps."
    hard = (
        "Degenerative intervertebral disc pathology frequently precipitates lumbosacral"
        " radiculopathy, necessitating comprehensive multidisciplinary evaluation."
    )
    assert reading_grade(plain) < 4
    assert reading_grade(hard) > 16
    assert looks_english([plain])
    assert not looks_english(["La sciatique est une douleur qui descend le long de la jambe."])


HARD = (
    "Notwithstanding considerable methodological heterogeneity, systematic evaluations"
    " consistently demonstrate that therapeutic massage interventions substantially"
    " ameliorate musculoskeletal discomfort. Comprehensive multidisciplinary rehabilitation"
    " incorporating progressive therapeutic exercise remains fundamentally recommended."
)


def test_hard_screen_is_a_warning_that_does_not_fail(
    content_text: str, write_content: Write
) -> None:
    text = replace_once(
        content_text,
        "      - paragraph:\n          en: Thank you for stopping by.",
        f"      - paragraph: {HARD}\n      - paragraph:\n          en: Thank you for stopping by.",
    )
    loaded = load_content(write_content(text))
    grades = [str(w) for w in loaded.warnings if "reads at grade" in str(w)]
    assert len(grades) == 1
    assert grades[0].startswith(
        f"content.yaml:{line_of(text, 'id: welcome')}: warning: screens[1]:"
    )
    grade = float(re.search(r"grade (\d+\.\d)", grades[0]).group(1))  # type: ignore[union-attr]
    assert grade > 8
    assert "aim for grade 8 or below" in grades[0]


STORED = "      - paragraph:\n          en: Your answers are not stored."


def test_text_that_is_not_english_is_not_graded(content_text: str, write_content: Write) -> None:
    french = (
        "La sciatique est une douleur considérablement invalidante qui descend habituellement"
        " depuis la région lombaire jusqu'à la jambe. Elle provient généralement d'une"
        " compression radiculaire intervertébrale particulièrement douloureuse."
    )
    text = replace_once(
        content_text,
        STORED,
        f"      - paragraph: {french}\n{STORED}",
    )
    loaded = load_content(write_content(text))
    assert not [w for w in loaded.warnings if "reads at grade" in str(w)]
    english = text.replace(french, HARD)
    graded = load_content(write_content(english))
    at = next(i for i, s in enumerate(graded.content.screens, 1) if s.id == "self_check")
    assert [w.path for w in graded.warnings if "reads at grade" in str(w)] == [f"screens[{at}]"]


def test_long_paragraph_is_a_warning(content_text: str, write_content: Write) -> None:
    ninety = " ".join(["Rest."] * 90)  # 90 words, 539 characters: just fits
    wordy = "Gentle stretching, regular walking and restful sleep support recovery. " * 9
    text = replace_once(
        content_text,
        STORED,
        f"      - paragraph: {ninety}\n      - paragraph: {ninety} Rest.\n"
        f"      - callout: {wordy.strip()}\n{STORED}",
    )
    loaded = load_content(write_content(text))
    long = [w for w in loaded.warnings if "too long to read on one screen" in str(w)]
    assert [w.path for w in long] == [
        "screens[9].body[3].paragraph",  # the self-check screen
        "screens[9].body[4].callout",
    ]
    assert long[0].message.startswith("this paragraph has 91 words (545 characters)")
    assert long[1].message.startswith("this paragraph has 81 words (638 characters)")
    assert "keep it to 90 words and 600 characters at most" in long[0].message


def test_old_review_date_with_an_injected_today() -> None:
    content = load_content(ROOT / "content.yaml").content
    reviewed = content.screens[0].reviewed
    assert reviewed is not None
    year_on = reviewed.replace(year=reviewed.year + 1)
    assert not [p for p in problems_of(content, ROOT, year_on) if "reviewed" in p.message]
    late = problems_of(content, ROOT, year_on + timedelta(days=1))
    old = [p for p in late if p.path[-1:] == ("reviewed",)]
    reviewed_then = [
        (*base, i, "reviewed")
        for base, pages in (
            (("screens",), content.screens),
            (("self_check", "outcomes"), content.self_check.outcomes),
        )
        for i, page in enumerate(pages)
        if page.reviewed is not None and page.reviewed <= reviewed
    ]
    assert len(reviewed_then) >= 10  # every screen and outcome but the newest
    assert [p.path for p in old] == reviewed_then
    assert all(p.severity == "warning" for p in old)
    assert old[0].path == ("screens", 0, "reviewed")
    assert old[0].message.startswith(
        f"last reviewed on {reviewed.isoformat()}, more than a year ago (366 days)"
    )
    assert ("self_check", "outcomes", 0, "reviewed") in [p.path for p in old]


def test_old_review_date_does_not_fail_loading(content_text: str, write_content: Write) -> None:
    text = replace_once(content_text, "reviewed: 2026-11-01", "reviewed: 2019-05-01")
    loaded = load_content(write_content(text))  # the real today: 2019 is years ago
    [old] = [w for w in loaded.warnings if "more than a year ago" in str(w)]
    assert old.path == "screens[1].reviewed"
    assert old.line == line_of(text, "2019-05-01")


def test_default_content_has_only_the_sample_pin_warning() -> None:
    content = load_content(ROOT / "content.yaml").content
    problems = problems_of(content, ROOT, latest_review(content))
    assert [p.severity for p in problems] == ["warning"]
    assert "sample PIN 2580" in problems[0].message


def test_the_quiet_grey_keeps_six_to_one_for_older_eyes() -> None:
    """Hints, sources and bios (muted) at 6:1 or more on the page and on cards, for the
    default brand and for a pale one."""
    for brand in (Brand(), Brand(background="#FFFDF5", text="#3A3A3A")):
        palette = derive_palette(brand)
        for ground in ("background", "surface"):
            assert contrast_ratio(palette["muted"], palette[ground]) >= 6.0, (brand, ground)
