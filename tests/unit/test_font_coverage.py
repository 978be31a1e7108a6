"""Every character of every language is drawn by a font the kiosk will use; `validate` warns,
naming the first missing characters and the screen, where one is not (no Qt)."""

from __future__ import annotations

from pathlib import Path

from fontfixtures import chinese_clinic, cjk_font

from kiosk.content import load_content


def font_warnings(path: Path) -> list[str]:
    loaded = load_content(path)
    return [f"{w.path}: {w.message}" for w in loaded.warnings if "no font" in w.message]


def test_a_chinese_clinic_without_a_chinese_font_is_warned(tmp_path: Path) -> None:
    [warning] = font_warnings(chinese_clinic(tmp_path))
    assert warning.startswith("clinic.name:")  # the first place, on every screen
    assert "中文 (zh)" in warning
    assert "松 (U+677E)" in warning  # the first characters no font has, by name
    assert "brand.fonts" in warning and "Noto Sans SC" in warning


def test_a_chinese_clinic_with_a_chinese_font_validates(tmp_path: Path) -> None:
    (tmp_path / "assets" / "fonts").mkdir(parents=True)
    (tmp_path / "assets" / "fonts" / "TestCJK.ttf").write_bytes(cjk_font())
    path = chinese_clinic(tmp_path, {"zh": "assets/fonts/TestCJK.ttf"})
    assert font_warnings(path) == []
    loaded = load_content(path)
    assert loaded.file("assets/fonts/TestCJK.ttf") is not None  # read into the snapshot


def test_arabic_needs_no_font_of_the_clinics_own(tmp_path: Path) -> None:
    """Noto Sans Arabic ships with the kiosk: an Arabic clinic validates without a font."""
    path = chinese_clinic(tmp_path)
    arabic = path.read_text("utf-8")
    for chinese, words in (
        ("中文", "العربية"),
        ("zh", "ar"),
        ("松林理疗诊所", "عيادة النخيل"),
        ("腰痛很常见。多数人一生中都会有腰痛。", "ألم الظهر شائع جدًا، ويخف غالبًا خلال أسابيع."),
        ("自我检查", "فحص ذاتي"),
        ("现在疼吗\uff1f", "هل تشعر بألم الآن؟"),
        ("请先看医生", "راجع طبيبك أولًا"),
        ("多活动", "ابقَ نشيطًا"),
        ("腰痛", "ألم الظهر"),
    ):
        arabic = arabic.replace(chinese, words)
    path.write_text(arabic, "utf-8")
    assert font_warnings(path) == []


def test_a_missing_font_of_a_language_is_an_error_with_its_line(tmp_path: Path) -> None:
    from kiosk.content import ContentError

    path = chinese_clinic(tmp_path, {"zh": "assets/fonts/Missing.ttf"})
    try:
        load_content(path)
    except ContentError as error:
        [issue] = error.issues
        assert issue.path == "brand.fonts.zh" and issue.line
        assert "does not exist" in issue.message
    else:
        raise AssertionError("a missing font was accepted")


def test_the_bundled_fonts_characters_are_known_without_fonttools() -> None:
    """assets/fonts/characters.json says what each bundled font draws, so a load needs no
    fontTools (4 MB) unless a clinic gives a font; it must match the fonts themselves."""
    import json
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    written = json.loads((root / "assets" / "fonts" / "characters.json").read_text("utf-8"))
    fresh = subprocess.run(
        [sys.executable, str(root / "scripts" / "font_characters.py")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert written == json.loads(fresh), (
        "assets/fonts/characters.json is out of date: run"
        " .venv/bin/python scripts/font_characters.py > assets/fonts/characters.json"
    )
    assert set(written) == {
        "Lato-Regular.ttf",
        "Lato-Bold.ttf",
        "NotoSansArabic-Regular.ttf",
        "NotoSansArabic-Bold.ttf",
    }


def test_a_load_with_no_font_of_its_own_does_not_import_fonttools(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    code = (
        "import sys; from kiosk.content import load_content;"
        f" load_content({str(root / 'examples' / 'nakheel-physio' / 'content.yaml')!r});"
        " print('fontTools' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr
