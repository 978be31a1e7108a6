"""What the speaker button reads for each kind of screen (no Qt)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kiosk.content import load_content
from kiosk.content.model import BODY_REGIONS, Content
from kiosk.core.place import Place
from kiosk.core.readaloud import join_parts, script_for, sentence
from kiosk.core.session import Session

ROOT = Path(__file__).resolve().parents[2]


def content_dict() -> dict[str, Any]:
    return {
        "version": 1,
        "clinic": {"name": "Harbour Clinic", "welcome": "Learn about back pain"},
        "modalities": [
            {"id": "deep", "name": "Deep tissue massage", "summary": "Firm pressure."},
        ],
        "screens": [
            {
                "id": "what",
                "type": "article",
                "title": "What is sciatica?",
                "body": [
                    {"paragraph": "Sciatica is pain along a nerve"},
                    {"bullets": ["It often gets better", "Moving helps!"]},
                    {"callout": "See a doctor if it is severe."},
                    {"image": "assets/a.svg", "caption": "The nerve"},
                    {"image": "assets/b.svg"},
                ],
            },
            {
                "id": "nerve",
                "type": "anatomy",
                "title": "The sciatic nerve",
                "figure": "assets/anatomy/body_back.svg",
                "parts": [
                    {"id": "roots", "label": "Roots", "text": "It starts in the spine."},
                    {"id": "thigh", "label": "Thigh", "text": "It runs down the thigh."},
                ],
            },
            {
                "id": "kinds",
                "type": "cards",
                "title": "Kinds of massage",
                "intro": "Each helps in its own way.",
                "cards": [
                    {"modality": "deep", "text": "Slow and firm."},
                    {"title": "Stretching", "modality": "deep", "text": "Gentle moves."},
                ],
            },
            {"id": "check", "type": "self_check", "title": "A short self-check"},
        ],
        "self_check": {
            "questions": [
                {
                    "id": "numb",
                    "type": "yes_no",
                    "text": "Is your groin numb?",
                    "options": [{"id": "yes", "red_flag": True}, {"id": "no"}],
                },
                {
                    "id": "where",
                    "type": "single_choice",
                    "text": "Where does it hurt most",
                    "help": "Pick the one that fits best.",
                    "options": [
                        {"id": "back", "label": "My back"},
                        {"id": "leg", "label": "My leg"},
                        {"id": "both", "label": "Both"},
                    ],
                },
                {
                    "id": "pain",
                    "type": "scale",
                    "text": "How bad is the pain?",
                    "min_label": "No pain",
                    "max_label": "Worst pain",
                },
                {"id": "map", "type": "body_map", "text": "Where is the pain?"},
            ],
            "outcomes": [
                {
                    "id": "urgent",
                    "kind": "urgent",
                    "title": "Get medical help now",
                    "body": [{"paragraph": "Call 999"}],
                    "when": {"question": "numb", "equals": "yes"},
                },
                {"id": "fine", "kind": "info", "title": "Keep moving", "default": True},
            ],
        },
    }


@pytest.fixture
def content() -> Content:
    return Content.model_validate(content_dict())


def lines(text: str) -> list[str]:
    return text.split("\n")


def test_attract_reads_the_clinic_its_welcome_and_how_to_begin(content: Content) -> None:
    assert lines(script_for(content, Place.parse("attract"))) == [
        "Harbour Clinic.",
        "Learn about back pain.",
        f"{content.ui_text.touch_to_begin}.",
    ]


def test_an_article_reads_its_title_then_every_block_in_order(content: Content) -> None:
    assert lines(script_for(content, Place.parse("screen:what"))) == [
        "What is sciatica?",
        "Sciatica is pain along a nerve.",
        "It often gets better.",
        "Moving helps!",
        "See a doctor if it is severe.",
        "The nerve.",  # the picture without a caption says nothing
    ]


def test_the_self_check_screen_reads_its_title_even_with_no_body(content: Content) -> None:
    assert script_for(content, Place.parse("screen:check")) == "A short self-check."


def test_anatomy_reads_the_hint_without_an_intro_then_each_part(content: Content) -> None:
    tap = sentence(content.ui_text.tap_nerve)
    assert lines(script_for(content, Place.parse("screen:nerve"))) == [
        "The sciatic nerve.",
        tap,
        "Roots.",
        "It starts in the spine.",
        "Thigh.",
        "It runs down the thigh.",
    ]


def test_anatomy_reads_its_intro_and_only_the_part_opened(content: Content) -> None:
    data = content_dict()
    data["screens"][1]["intro"] = "Tap a part."
    content = Content.model_validate(data)
    assert lines(script_for(content, Place.parse("screen:nerve"), part="thigh")) == [
        "The sciatic nerve.",
        "Tap a part.",
        "Thigh.",
        "It runs down the thigh.",
    ]
    assert (
        len(lines(script_for(content, Place.parse("screen:nerve"), part="foot"))) == 6
    )  # unknown: all


def test_cards_read_title_intro_and_each_card_named_by_title_or_modality(
    content: Content,
) -> None:
    assert lines(script_for(content, Place.parse("screen:kinds"))) == [
        "Kinds of massage.",
        "Each helps in its own way.",
        "Deep tissue massage.",
        "Slow and firm.",
        "Stretching.",
        "Gentle moves.",
    ]


def test_a_question_reads_text_help_and_answers_in_order(content: Content) -> None:
    assert lines(script_for(content, Place.parse("question:where"))) == [
        "Where does it hurt most.",
        "Pick the one that fits best.",
        "My back.",
        "My leg.",
        "Both.",
    ]


def test_yes_no_and_body_map_answers_use_the_kiosks_own_words(content: Content) -> None:
    words = content.ui_text
    assert lines(script_for(content, Place.parse("question:numb"))) == [
        "Is your groin numb?",
        sentence(words.yes),
        sentence(words.no),
    ]
    body_map = lines(script_for(content, Place.parse("question:map")))
    assert body_map[1:] == [sentence(words.regions[region]) for region in BODY_REGIONS]


def test_a_scale_reads_its_end_labels(content: Content) -> None:
    assert lines(script_for(content, Place.parse("question:pain"))) == [
        "How bad is the pain?",
        "0: No pain.",
        "10: Worst pain.",
    ]


def test_a_result_reads_heading_title_body_and_the_disclaimer(content: Content) -> None:
    words = content.ui_text
    assert lines(script_for(content, Place.parse("result:urgent"))) == [
        sentence(words.result),
        "Get medical help now.",
        "Call 999.",
        sentence(words.disclaimer),
    ]


def test_unknown_screens_read_nothing(content: Content) -> None:
    for name in ("screen:nope", "question:nope", "result:nope"):
        assert script_for(content, Place.parse(name)) == ""


def test_parts_get_one_final_stop_and_empty_parts_are_skipped() -> None:
    assert sentence("  Two   spaces\nand a line  ") == "Two spaces and a line."
    assert sentence('She said "rest."') == 'She said "rest."'
    assert sentence("¿Qué es la ciática?") == "¿Qué es la ciática?"
    assert sentence("Wait…") == "Wait…"
    assert sentence("أين تشعر بالألم\u061f") == "أين تشعر بالألم\u061f"
    assert join_parts(["Title", None, "", "   ", "Body."]) == "Title.\nBody."


@pytest.mark.parametrize("example", ["harbour-physio", "nakheel-physio"])
def test_every_screen_of_an_example_clinic_has_words(example: str) -> None:
    loaded = load_content(ROOT / "examples" / example / "content.yaml")
    content = loaded.content.in_language(loaded.content.languages[-1].code)
    for name in Session(content).places():
        text = script_for(content, name)
        assert text.strip(), name
        assert all(line[-1] in ".!?:;…\"')\u061f" for line in lines(text)), name
        assert "\u061f." not in text, name  # an Arabic question mark ends a sentence
