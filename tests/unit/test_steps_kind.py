"""The `steps` kind of screen: numbered steps, each a few words and maybe a picture. Its model,
its checks, what the speaker reads and its attract slide. No Qt here."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import ValidationError

from kiosk.content import ContentError, load_content
from kiosk.content.kinds.steps import MAX_STEPS, Step, StepsScreen
from kiosk.content.model import Content
from kiosk.core.place import Place
from kiosk.core.readaloud import script_for
from kiosk.core.teasers import first_sentence, teasers

Write = Callable[[str], Path]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(ROOT / "content.yaml").content


def stretches(content: Content) -> StepsScreen:
    screen = next(s for s in content.screens if s.id == "stretches_at_home")
    assert isinstance(screen, StepsScreen)
    return screen


def line_of(text: str, needle: str) -> int:
    return next(i + 1 for i, line in enumerate(text.splitlines()) if needle in line)


def test_the_default_content_has_three_stretches_in_both_languages(content: Content) -> None:
    screen = stretches(content)
    assert screen.title == "Three gentle stretches to try at home"
    assert [step.title for step in screen.steps] == [
        "Knee to chest",
        "Figure-four stretch",
        "Pelvic tilt",
    ]
    assert all(step.image for step in screen.steps)
    spanish = stretches(content.in_language("es"))
    assert spanish.title == "Tres estiramientos suaves para probar en casa"
    assert spanish.steps[0].title == "Rodilla al pecho"
    for text in (screen.note, spanish.note):  # CONTENT_BRIEF: safety before the stretches
        assert text is not None
    assert "Stop at once if the pain spreads" in str(screen.note)
    assert "doctor or therapist" in str(screen.note)
    assert "not right for everyone" in str(screen.note)


def test_a_step_needs_words_and_a_screen_at_most_nine_steps() -> None:
    with pytest.raises(ValidationError, match="text"):
        Step.model_validate({"title": "Knee to chest"})
    steps = [{"text": f"Step {n}."} for n in range(MAX_STEPS + 1)]
    with pytest.raises(ValidationError, match="at most 9"):
        StepsScreen.model_validate({"id": "s", "type": "steps", "title": "T", "steps": steps})
    screen = StepsScreen.model_validate(
        {"id": "s", "type": "steps", "title": "T", "steps": steps[:MAX_STEPS]}
    )
    assert len(screen.steps) == MAX_STEPS and screen.steps[0].image is None


def test_a_missing_step_picture_is_an_error_at_its_line(
    content_text: str, write_content: Write
) -> None:
    text = content_text.replace("assets/steps/figure_four.svg", "assets/steps/figure_4.svg")
    with pytest.raises(ContentError) as caught:
        load_content(write_content(text))
    [issue] = caught.value.issues
    assert issue.line == line_of(text, "assets/steps/figure_4.svg")
    assert issue.path == "screens[8].steps[2].image"
    assert "the file 'assets/steps/figure_4.svg' does not exist" in issue.message


def test_a_step_that_is_not_a_picture_is_an_error(content_text: str, write_content: Write) -> None:
    text = content_text.replace("assets/steps/pelvic_tilt.svg", "assets/steps/pelvic_tilt.txt")
    with pytest.raises(ContentError) as caught:
        load_content(write_content(text))
    [issue] = caught.value.issues
    assert issue.path == "screens[8].steps[3].image"
    assert "should be a .jpeg or .jpg or .png or .svg file" in issue.message


def test_a_long_step_is_a_warning_at_its_language(content_text: str, write_content: Write) -> None:
    short = "Bend one knee and hold it with both hands."
    long = " ".join(["Move slowly and gently."] * 16)  # 64 words
    text = content_text.replace(
        f"en: {short} Gently pull it toward your chest", f"en: {long} Gently pull it"
    )
    loaded = load_content(write_content(text))
    [warning] = [w for w in loaded.warnings if "steps" in w.path]
    assert warning.path == "screens[8].steps[1].text.en"
    assert warning.line == line_of(text, long)
    assert "step 1 has" in warning.message and "split it into two steps" in warning.message


def test_the_speaker_reads_the_note_then_each_step_by_its_number(content: Content) -> None:
    """When to stop is heard before how to stretch, as it is seen (above the steps)."""
    screen = stretches(content)
    lines = script_for(content, Place.parse("screen:stretches_at_home")).split("\n")
    assert lines[0] == "Three gentle stretches to try at home."
    assert lines[1].startswith("These stretches may ease tight muscles")
    assert lines[2] == screen.note
    assert lines[3:5] == ["1. Knee to chest.", screen.steps[0].text]
    assert lines[5] == "2. Figure-four stretch."
    assert lines[7] == "3. Pelvic tilt."
    assert lines[-1] == screen.steps[-1].text
    spanish = script_for(content.in_language("es"), Place.parse("screen:stretches_at_home")).split(
        "\n"
    )
    assert spanish[3] == "1. Rodilla al pecho."


def test_its_attract_slide_is_the_first_sentence_and_the_first_picture(content: Content) -> None:
    screen = stretches(content)
    [slide] = teasers(content.model_copy(update={"screens": [screen]}))
    assert slide.title == screen.title
    assert slide.line == first_sentence(str(screen.intro))
    assert slide.image == "assets/steps/knee_to_chest.svg"
    bare = screen.model_copy(update={"intro": None})
    [slide] = teasers(content.model_copy(update={"screens": [bare]}))
    assert slide.line == first_sentence(screen.steps[0].text)


def test_ten_steps_are_an_error_at_the_list_of_steps(
    content_text: str, write_content: Write
) -> None:
    one = "      - text: Breathe out slowly.\n"
    anchor = "        image: assets/steps/pelvic_tilt.svg\n"
    text = content_text.replace(anchor, anchor + one * 7)
    with pytest.raises(ContentError) as caught:
        load_content(write_content(text))
    [issue] = caught.value.issues
    assert issue.path == "screens[8].steps"
    assert issue.message == "has 10 items; at most 9 fit here"
