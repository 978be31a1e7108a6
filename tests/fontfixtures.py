"""A font for Chinese built for the tests, and a small Chinese clinic (no Qt)."""

from __future__ import annotations

import io
from pathlib import Path

import yaml
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

CJK = [*range(0x3000, 0x3040), *range(0x4E00, 0xA000), *range(0xFF00, 0xFFF0)]


def cjk_font() -> bytes:
    """A small font with one square glyph for every CJK ideograph and CJK punctuation mark:
    enough for the check, which reads which characters a font has (its cmap)."""
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "square"])
    builder.setupCharacterMap({code: "square" for code in CJK})
    pen = TTGlyphPen(None)
    pen.moveTo((100, 0))
    pen.lineTo((100, 800))
    pen.lineTo((900, 800))
    pen.lineTo((900, 0))
    pen.closePath()
    square = pen.glyph()
    builder.setupGlyf({".notdef": TTGlyphPen(None).glyph(), "square": square})
    builder.setupHorizontalMetrics({".notdef": (500, 0), "square": (1000, 100)})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": "Test CJK", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    out = io.BytesIO()
    builder.save(out)
    return out.getvalue()


def chinese_clinic(tmp_path: Path, fonts: dict[str, str] | None = None) -> Path:
    data: dict[str, object] = {
        "version": 1,
        "languages": [{"code": "zh", "name": "中文"}],
        "clinic": {"name": "松林理疗诊所"},
        "screens": [
            {
                "id": "back_pain",
                "type": "article",
                "title": "腰痛",
                "body": [{"paragraph": "腰痛很常见。多数人一生中都会有腰痛。"}],
            },
            {"id": "check", "type": "self_check", "title": "自我检查"},
        ],
        "self_check": {
            "questions": [{"id": "pain", "type": "yes_no", "text": "现在疼吗\uff1f"}],
            "outcomes": [
                {"id": "ok", "kind": "info", "title": "多活动", "default": True},
                {
                    "id": "doc",
                    "kind": "doctor",
                    "title": "请先看医生",
                    "when": {"question": "pain", "equals": "yes"},
                },
            ],
        },
    }
    if fonts is not None:
        data["brand"] = {"fonts": fonts}
    path = tmp_path / "content.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path
