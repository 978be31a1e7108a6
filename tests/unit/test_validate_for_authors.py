"""`kiosk validate` as a clinic author meets it: run in the clinic's folder or beside it, on a
file written from the docs alone, with the mistakes a clinic-author tester made. Each test
reads what the author reads: validate's output, or the loader's message."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from kiosk.content.kinds import SCREEN_KINDS
from kiosk.content.kinds.cards import Card, CardsScreen

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = (ROOT / "content.yaml").read_text("utf-8")


def validate(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "validate", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
    )


def clinic(folder: Path, text: str = DEFAULT) -> Path:
    """A clinic's folder: its content.yaml beside a copy of the default assets."""
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "assets").exists():
        shutil.copytree(ROOT / "assets", folder / "assets")
    path = folder / "content.yaml"
    path.write_text(text, "utf-8")
    return path


def changed(old: str, new: str, text: str = DEFAULT) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    return next(i + 1 for i, line in enumerate(text.splitlines()) if needle in line)


# --- 1. validate with no file, inside a clinic's folder -----------------------------------


def test_validate_alone_in_a_clinic_folder_checks_its_content_yaml(tmp_path: Path) -> None:
    text = changed("idle_seconds: 90", "idle_seconds: soon")
    clinic(tmp_path / "physio", text)
    done = validate(cwd=tmp_path / "physio")
    assert done.stdout.splitlines()[0] == "checking content.yaml, the content file in this folder"
    assert done.returncode == 1
    line = line_of(text, "idle_seconds")
    assert f"content.yaml:{line}: settings.idle_seconds: expected a whole number" in done.stderr


def test_validate_alone_elsewhere_says_it_checks_the_default(tmp_path: Path) -> None:
    done = validate(cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[0]
    assert first.startswith("checking the content the kiosk runs, ")
    assert "this folder has no content.yaml" in first


def test_validate_of_a_named_file_says_nothing_more(tmp_path: Path) -> None:
    clinic(tmp_path / "physio")
    done = validate("physio/content.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "physio/content.yaml: valid (9 screens, 12 questions, 4 outcomes, 4 therapists)"
    ]


# --- 2. every message names the file as the author typed it -------------------------------


def test_messages_name_the_file_as_the_author_typed_it(tmp_path: Path) -> None:
    text = changed("idle_seconds: 90", "idle_seconds: soon")
    clinic(tmp_path / "physio", text)
    done = validate("physio/content.yaml", cwd=tmp_path)
    line = line_of(text, "idle_seconds")
    assert f"\nphysio/content.yaml:{line}: settings.idle_seconds:" in done.stderr


def test_warnings_and_a_missing_file_name_it_as_typed_too(tmp_path: Path) -> None:
    clinic(tmp_path / "physio")  # the default content: its sample PIN is warned about
    done = validate("physio/content.yaml", cwd=tmp_path)
    pin = line_of(DEFAULT, "pin_hash")
    assert f"physio/content.yaml:{pin}: warning: staff.pin_hash:" in done.stderr
    missing = validate("physio/nope.yaml", cwd=tmp_path)
    assert "physio/nope.yaml: (file): there is no such file" in missing.stderr


# --- 3. the line of a mistake under a mapping like `bio:` ---------------------------------

MAYA_EN = "      en: Maya has been a massage therapist for 12 years. She works slowly"


def test_a_text_run_onto_the_next_line_under_bio_is_blamed_on_that_line(tmp_path: Path) -> None:
    """The line that goes on with `en:`'s text was said to be the next one (`es:`)."""
    text = changed(MAYA_EN, MAYA_EN.replace(" She works slowly", "\n      She works slowly"))
    clinic(tmp_path / "physio", text)
    done = validate("physio/content.yaml", cwd=tmp_path)
    line = line_of(text, "      She works slowly")
    assert f"physio/content.yaml:{line}: (file): this is not valid YAML:" in done.stderr
    assert "if it goes on with the text of 'en:' above, indent it further than 'en'" in done.stderr


def test_a_key_without_its_colon_under_bio_is_blamed_on_its_own_line(tmp_path: Path) -> None:
    """`en Maya has ...` and the `es:` below it read as one text: libyaml stops at `es:`."""
    text = changed("      en: Maya has been", "      en Maya has been")
    clinic(tmp_path / "physio", text)
    done = validate("physio/content.yaml", cwd=tmp_path)
    line = line_of(text, "en Maya has been")
    assert (
        f"physio/content.yaml:{line}: (file): this is not valid YAML: mapping values are not"
        " allowed in this context ('en' on this line has no ':' after it" in done.stderr
    )


def test_a_key_not_indented_under_bio_is_blamed_on_its_own_line(tmp_path: Path) -> None:
    """`en:` in bio's own column leaves bio empty; libyaml stops at the `es:` under it."""
    text = changed("    bio:\n      en: Maya has been", "    bio:\n    en: Maya has been")
    clinic(tmp_path / "physio", text)
    done = validate("physio/content.yaml", cwd=tmp_path)
    line = line_of(text, "    en: Maya has been")
    assert (
        f"physio/content.yaml:{line}: (file): this is not valid YAML: mapping values are not"
        " allowed in this context ('en' is not indented under 'bio:' above it" in done.stderr
    )


def test_a_quote_never_closed_is_blamed_on_the_line_it_opens(tmp_path: Path) -> None:
    """libyaml reads on to the next quote, 49 lines further, and stops there."""
    text = changed("      en: Maya has been", '      en: "Maya has been')
    clinic(tmp_path / "physio", text)
    done = validate("physio/content.yaml", cwd=tmp_path)
    line = line_of(text, 'en: "Maya has been')
    assert f"physio/content.yaml:{line}: (file): this is not valid YAML:" in done.stderr
    assert 'the text in quotes that starts on this line has no closing "' in done.stderr


# --- 4. rules no answer can meet ------------------------------------------------------------

URGENT_LEFT = "          - any:\n              - {question: where, includes: thigh_left}"


def test_a_rule_above_a_scales_top_is_warned_of_with_its_range(tmp_path: Path) -> None:
    text = changed(
        "          - {question: side, equals: both}",
        "          - {question: pain_now, at_least: 12}",
    )
    clinic(tmp_path / "physio", text)
    done = validate("physio/content.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    line = line_of(text, "at_least: 12")
    assert (
        f"physio/content.yaml:{line}: warning: self_check.outcomes[2].when.any[5].at_least:"
        " this rule can never hold: at_least: 12, but 'pain_now' is answered with a number"
        " between 0 and 10; so it never leads to the outcome 'see_doctor'" in done.stderr
    )


def test_a_score_rule_past_what_the_answers_add_up_to_is_warned_of(tmp_path: Path) -> None:
    text = changed("when: {score: sciatica, at_least: 3}", "when: {score: sciatica, at_most: -1}")
    clinic(tmp_path / "physio", text)
    done = validate("physio/content.yaml", cwd=tmp_path)
    line = line_of(text, "at_most: -1")
    assert (
        f"physio/content.yaml:{line}: warning: self_check.outcomes[3].when.at_most: this rule can"
        " never hold: at_most: -1, but the score 'sciatica' adds up to between 0 and 18"
        in done.stderr
    )


def test_a_rule_that_never_holds_in_the_urgent_outcome_is_refused(tmp_path: Path) -> None:
    """A red-flag path must never be weakened: an urgent rule that never holds is an error."""
    text = changed(
        URGENT_LEFT,
        URGENT_LEFT.replace("- {", "- {question: pain_now, at_least: 11}\n              - {", 1),
    )
    clinic(tmp_path / "physio", text)
    done = validate("physio/content.yaml", cwd=tmp_path)
    assert done.returncode == 1
    line = line_of(text, "at_least: 11")
    assert (
        f"physio/content.yaml:{line}: self_check.outcomes[1].when.all[1].any[1].at_least: this"
        " rule can never hold: at_least: 11, but 'pain_now' is answered with a number between 0"
        " and 10; so it never sends a visitor to urgent care" in done.stderr
    )


def test_a_show_if_that_never_holds_on_a_question_the_urgent_rule_tests_is_refused(
    tmp_path: Path,
) -> None:
    """'side' asked never would hide the urgent outcome's way through its answer."""
    text = changed(
        URGENT_LEFT,
        URGENT_LEFT.replace("- {", "- {question: side, equals: both}\n              - {", 1),
    )
    text = changed(
        "          - {question: where, answered: true}",
        "          - {question: where, answered: true}\n"
        "          - {score: sciatica, at_least: 40}",
        text,
    )
    clinic(tmp_path / "physio", text)
    done = validate("physio/content.yaml", cwd=tmp_path)
    assert done.returncode == 1
    line = line_of(text, "at_least: 40")
    assert (
        f"physio/content.yaml:{line}: self_check.questions[7].show_if.all[2].at_least: this rule"
        " can never hold: at_least: 40, but the score 'sciatica' adds up to between 0 and 18; so"
        " it never lets 'side' be asked, and the urgent outcome's rule tests its answer"
        in done.stderr
    )


def test_rules_every_answer_can_meet_say_nothing(tmp_path: Path) -> None:
    text = changed(
        "          - {question: side, equals: both}",
        "          - {question: pain_now, at_least: 10}",
    )
    text = changed(
        "when: {score: sciatica, at_least: 3}", "when: {score: sciatica, at_least: 18}", text
    )
    clinic(tmp_path / "physio", text)
    done = validate("physio/content.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "never hold" not in done.stderr


# --- 5. hints for the commonest slips ----------------------------------------------------------


def test_a_picture_named_with_other_capitals_gets_its_real_name(tmp_path: Path) -> None:
    text = changed("logo: assets/logo.svg", "logo: Assets/Logo.svg")
    clinic(tmp_path / "physio", text)
    done = validate("physio/content.yaml", cwd=tmp_path)
    line = line_of(text, "Assets/Logo.svg")
    assert (
        f"physio/content.yaml:{line}: clinic.logo: the file 'Assets/Logo.svg' does not exist"
        " (did you mean assets/logo.svg? a name's capitals count here)" in done.stderr
    )


def french(text: str) -> str:
    """The default content with French (its Spanish words, labelled fr) in place of Spanish."""
    text = changed("  - code: es\n    name: Español", "  - code: fr\n    name: Français", text)
    return re.sub(r"([{,]\s*|\n\s+)es: ", r"\1fr: ", text)


def test_a_language_code_one_key_off_gets_the_offered_one(tmp_path: Path) -> None:
    text = changed("      fr: Maya es", "      fe: Maya es", french(DEFAULT))
    clinic(tmp_path / "physio", text)
    done = validate("physio/content.yaml", cwd=tmp_path)
    line = line_of(text, "fe: Maya es")
    assert (
        f"physio/content.yaml:{line}: therapists[1].bio.fe: 'fe' is not one of the languages"
        " offered (en, fr) (did you mean 'fr'?)" in done.stderr
    )


KNEE = "image: assets/steps/knee_to_chest.svg"


def test_a_kiosk_drawing_that_does_not_exist_lists_those_that_do(tmp_path: Path) -> None:
    text = changed(KNEE, "image: kiosk:steps/cat_cow.svg")
    clinic(tmp_path / "physio", text)
    done = validate("physio/content.yaml", cwd=tmp_path)
    line = line_of(text, "kiosk:steps/cat_cow.svg")
    assert (
        f"physio/content.yaml:{line}: screens[8].steps[1].image: the kiosk has no file"
        " 'steps/cat_cow.svg' of its own; its steps/ holds kiosk:steps/figure_four.svg,"
        " kiosk:steps/knee_to_chest.svg, kiosk:steps/pelvic_tilt.svg" in done.stderr
    )
    text = changed(KNEE, "image: kiosk:steps/Knee_to_chest.svg")
    clinic(tmp_path / "physio", text)
    done = validate("physio/content.yaml", cwd=tmp_path)
    assert "(did you mean kiosk:steps/knee_to_chest.svg?); its steps/ holds" in done.stderr


# --- 6. the accent's contrast, worded by what it does in this clinic ------------------------


def test_the_accent_contrast_error_speaks_of_what_this_clinic_draws(tmp_path: Path) -> None:
    """Harbour Physio has no anatomy screen: no nerve, no figure in its accent's errors."""
    shutil.copytree(ROOT / "examples" / "harbour-physio", tmp_path / "harbour")
    path = tmp_path / "harbour" / "content.yaml"
    text = changed('accent: "#B0482A"', 'accent: "#F0C080"', path.read_text("utf-8"))
    path.write_text(text, "utf-8")
    done = validate("harbour/content.yaml", cwd=tmp_path)
    line = line_of(text, 'accent: "#F0C080"')
    assert done.returncode == 1
    assert "nerve" not in done.stderr and "figure" not in done.stderr
    assert (
        f"harbour/content.yaml:{line}: brand.accent: the accent colour #F0C080 on the surface"
        " colour #FFFFFF has a contrast of 1.6:1; the outline or mark of a control needs at"
        " least 3:1 (make accent darker). It is used for the focus ring.\n" in done.stderr
    )
    assert "It is used for the chosen number of a 0 to 10 scale question." in done.stderr


def test_the_accent_contrast_error_names_the_figure_where_there_is_one(tmp_path: Path) -> None:
    text = changed('accent: "#', 'accent: "#F0C080"  # was "#')
    clinic(tmp_path / "physio", text)
    done = validate("physio/content.yaml", cwd=tmp_path)
    assert (
        "It is used for the focus ring and the chosen part of the figure of an anatomy screen."
        in done.stderr
    )


# --- 7. YAML's true-or-false words ------------------------------------------------------------


def test_unquoted_no_yes_on_and_off_are_read_as_the_words(tmp_path: Path) -> None:
    """YAML 1.1 read them as true or false; the kiosk reads YAML 1.2: only true and false."""
    text = DEFAULT.replace('equals: "no"', "equals: no").replace('equals: "yes"', "equals: yes")
    text = text.replace('{id: "yes", label:', "{id: yes, label:")
    text = text.replace('{id: "no", label:', "{id: no, label:")
    text = changed("        - {id: one, label:", "        - {id: on, label:", text)
    text = changed("        - {id: both, label:", "        - {id: off, label:", text)
    text = changed("{question: side, equals: both}", "{question: side, equals: off}", text)
    assert "equals: no}" in text and "{id: no, label:" in text
    clinic(tmp_path / "physio", text)
    done = validate("physio/content.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "physio/content.yaml: valid" in done.stdout


def test_an_unquoted_true_or_false_is_explained_at_its_line(tmp_path: Path) -> None:
    text = changed(
        '{question: doctor_seen, equals: "no"}', "{question: doctor_seen, equals: false}"
    )
    text = changed("    name: Maya Okafor", "    name: true", text)
    clinic(tmp_path / "physio", text)
    done = validate("physio/content.yaml", cwd=tmp_path)
    assert done.returncode == 1
    line = line_of(text, "equals: false")
    assert (
        f"physio/content.yaml:{line}: self_check.outcomes[2].when.any[2].equals: YAML read false"
        " as a true-or-false value, not as an answer's id: a yes_no question's answers are yes"
        ' and no (no quotes needed); an id that is the word false goes in quotes, "false"'
        in done.stderr
    )
    line = line_of(text, "name: true")
    assert (
        f"physio/content.yaml:{line}: therapists[1].name: YAML read true as a true-or-false"
        ' value, not as text: write it in quotes, "true"' in done.stderr
    )


# --- 8. the guide's examples of screens hold the keys the kiosk reads ---------------------


def _guide_screens() -> dict[str, list[dict[str, object]]]:
    """The screens of the clinic guide's YAML examples, by their type."""
    guide = (ROOT / "docs" / "clinic-guide.md").read_text("utf-8")
    found: dict[str, list[dict[str, object]]] = {}
    for block in re.findall(r"```yaml\n(.*?)```", guide, re.S):
        data = yaml.safe_load(block)
        items = data if isinstance(data, list) else []
        for item in items:
            if isinstance(item, dict) and item.get("type") in SCREEN_KINDS:
                found.setdefault(item["type"], []).append(item)
    return found


def test_the_guide_shows_a_cards_screen_with_every_key_a_card_takes() -> None:
    """The cards screen's `cards:` key was nowhere in the guide (clinic-author tester)."""
    [example] = _guide_screens()["cards"]
    assert set(CardsScreen.model_fields) <= set(example)
    cards = example["cards"]
    assert isinstance(cards, list)
    assert set(Card.model_fields) == {key for card in cards for key in card}


def test_every_screen_example_of_the_guide_uses_only_keys_its_kind_takes() -> None:
    examples = _guide_screens()
    assert {"steps", "anatomy", "cards"} <= set(examples)
    for kind, screens in examples.items():
        model = SCREEN_KINDS[kind].model
        keys = {info.alias or name for name, info in model.model_fields.items()}
        for screen in screens:
            assert set(screen) <= keys, (kind, set(screen) - keys)
