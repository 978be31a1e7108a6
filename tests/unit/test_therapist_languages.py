"""Therapists list the languages they speak; the visitor's language ranks them first among
equal matches (the engine, no Qt)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kiosk.content import load_content
from kiosk.content.model import Content
from kiosk.core.engine import Questionnaire
from kiosk.core.session import Session


def content(
    offers: dict[str, list[str]] | None = None, **therapist_languages: list[str]
) -> Content:
    """Therapists speaking the languages given; each offers Swedish massage, or what
    `offers` lists for them (the outcome lists Swedish and deep-tissue massage)."""
    offers = offers or {}
    therapists = [
        {
            "id": tid,
            "name": tid.title(),
            "bio": "Bio.",
            "modalities": offers.get(tid, ["swedish"]),
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
            "modalities": [
                {"id": "swedish", "name": "Swedish", "summary": "Gentle."},
                {"id": "deep", "name": "Deep tissue", "summary": "Firm."},
            ],
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
                        "therapists": ["swedish", "deep"],
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


def test_the_visitors_language_outranks_offering_more_of_the_results_treatments() -> None:
    """Among therapists who fit the answers equally well, the one who speaks the visitor's
    language comes first, even when another offers more of the result's treatments (clinic
    author: the only Arabic speaker was ranked last for an Arabic visitor, because the
    ranking counted treatments before languages, which the guide did not say)."""
    found = content({"amy": ["swedish", "deep"], "bilal": ["swedish"]}, amy=["en"], bilal=["ar"])
    assert names(found, "ar") == ["bilal", "amy"]
    assert names(found, "en") == ["amy", "bilal"]
    assert names(found, None) == ["amy", "bilal"]  # more of the treatments, then file order


def test_a_session_in_arabic_suggests_the_arabic_speaker_first() -> None:
    session = Session(content(amy=[], bilal=["ar"]))
    session.start()
    session.set_language("ar")
    session.show("question:pain")
    session.answer("pain", "no")
    assert next(m.therapist.id for m in session.therapist_matches()) == "bilal"


def test_a_rewritten_offers_line_without_its_feminine_form_is_a_warning(
    content_text: str, write_content: Callable[[str], Path]
) -> None:
    """A clinic that rewrites the line over a therapist's treatments (`offers`) and has a
    woman among its therapists is told to write the feminine form too, with the line."""
    text = content_text.replace(
        "\nmodalities:\n",
        "\nui_text:\n  offers: {en: 'Treats with {modalities}'}\n\nmodalities:\n",
        1,
    )
    text = text.replace(
        "    modalities: [deep_tissue, trigger_point]\n",
        "    modalities: [deep_tissue, trigger_point]\n    grammatical_gender: feminine\n",
        1,
    )
    assert "grammatical_gender" in text and "Treats with" in text
    loaded = load_content(write_content(text))
    [warning] = [str(w) for w in loaded.warnings if "offers_feminine" in str(w)]
    line = next(i + 1 for i, ln in enumerate(text.splitlines()) if "Treats with" in ln)
    assert warning.startswith(f"content.yaml:{line}: warning: ui_text.offers: ")
    assert "you rewrote 'offers' but not 'offers_feminine'" in warning
    fixed = text.replace(
        "  offers: {en: 'Treats with {modalities}'}\n",
        "  offers: {en: 'Treats with {modalities}'}\n"
        "  offers_feminine: {en: 'Treats with {modalities}'}\n",
    )
    assert not [w for w in load_content(write_content(fixed)).warnings if "offers" in str(w)]
