"""Therapists list the languages they speak; the visitor's language ranks them first among
equal matches (the engine, no Qt)."""

from __future__ import annotations

from kiosk.content.model import Content
from kiosk.core.engine import Questionnaire
from kiosk.core.session import Session


def content(**therapist_languages: list[str]) -> Content:
    therapists = [
        {
            "id": tid,
            "name": tid.title(),
            "bio": "Bio.",
            "modalities": ["swedish"],
            "languages": langs,
        }
        for tid, langs in therapist_languages.items()
    ]
    return Content.model_validate(
        {
            "version": 1,
            "languages": [
                {"code": "en", "name": "English"},
                {"code": "ar", "name": "العربية"},
                {"code": "fr", "name": "Français"},
            ],
            "clinic": {"name": "Test Clinic"},
            "modalities": [{"id": "swedish", "name": "Swedish", "summary": "Gentle."}],
            "therapists": therapists,
            "screens": [{"id": "check", "type": "self_check", "title": "Check"}],
            "self_check": {
                "questions": [{"id": "pain", "type": "yes_no", "text": "Pain?"}],
                "outcomes": [
                    {
                        "id": "ok",
                        "kind": "therapist",
                        "title": "T",
                        "default": True,
                        "therapists": ["swedish"],
                    },
                    {
                        "id": "doc",
                        "kind": "doctor",
                        "title": "D",
                        "when": {"question": "pain", "equals": "yes"},
                    },
                ],
            },
        }
    )


def names(found: Content, language: str | None) -> list[str]:
    engine = Questionnaire(found)
    outcome = engine.outcome({"pain": "no"})
    return [m.therapist.id for m in engine.therapists_for(outcome, {"pain": "no"}, language)]


def test_the_visitors_language_ranks_a_therapist_first_among_equals() -> None:
    found = content(amy=["en"], bilal=["ar", "en"], claire=["fr", "en"])
    assert names(found, "en") == ["amy", "bilal", "claire"]  # all speak it: file order
    assert names(found, "ar") == ["bilal", "amy", "claire"]
    assert names(found, "fr") == ["claire", "amy", "bilal"]
    assert names(found, "fr-CA") == ["claire", "amy", "bilal"]
    assert names(found, None) == ["amy", "bilal", "claire"]


def test_a_session_in_arabic_suggests_the_arabic_speaker_first() -> None:
    session = Session(content(amy=[], bilal=["ar"]))
    session.start()
    session.set_language("ar")
    session.show("question:pain")
    session.answer("pain", "no")
    assert next(m.therapist.id for m in session.therapist_matches()) == "bilal"
