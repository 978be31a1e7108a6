"""The registry of kinds: each kind of screen and of question declared once, and nothing else
in the kiosk switching on a kind. No Qt here."""

from __future__ import annotations

import re
import typing
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.content import ContentError, load_content
from kiosk.content.kinds import (
    QUESTION_KINDS,
    SCREEN_KINDS,
    UnknownKindError,
    question_kind,
    screen_kind,
)
from kiosk.content.parts import ScreenBase, assets_of
from kiosk.content.schema import content_schema

Write = Callable[[str], Path]
ROOT = Path(__file__).resolve().parents[2]
KIOSK = ROOT / "kiosk"


def errors_of(path: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(path)
    return [str(issue) for issue in caught.value.issues]


def test_each_kind_is_named_by_its_models_type_and_the_screen_union_holds_them_all() -> None:
    for name, kind in SCREEN_KINDS.items():
        assert typing.get_args(kind.model.model_fields["type"].annotation) == (name,)
    schema = content_schema()
    screens = schema["properties"]["screens"]["items"]
    assert set(screens["discriminator"]["mapping"]) == set(SCREEN_KINDS)
    questions = schema["$defs"]["SelfCheck"]["properties"]["questions"]["items"]
    assert set(questions["discriminator"]["mapping"]) == set(QUESTION_KINDS)
    for name, kind in QUESTION_KINDS.items():
        assert typing.get_args(kind.model.model_fields["type"].annotation) == (name,)


def test_each_kind_of_question_takes_only_its_own_keys_as_the_schema_says() -> None:
    schema = content_schema()
    mapping = schema["$defs"]["SelfCheck"]["properties"]["questions"]["items"]["discriminator"]
    keys = {
        name: set(schema["$defs"][ref.rsplit("/", 1)[-1]]["properties"])
        for name, ref in mapping["mapping"].items()
    }
    assert {"min_label", "max_label", "score"} <= keys["scale"]
    assert {"figure", "figure_name"} <= keys["body_map"]
    for name in ("single_choice", "multi_choice", "yes_no"):
        assert not {"min_label", "max_label", "score", "figure", "figure_name"} & keys[name]
    assert "figure" not in keys["scale"] and "min_label" not in keys["body_map"]


@pytest.mark.parametrize(
    ("after", "key", "message"),
    [
        ("      type: single_choice\n", "min_label", "'min_label' is for scale questions only"),
        ("      type: body_map\n", "max_label", "'max_label' is for scale questions only"),
        ("      type: scale\n", "figure", "'figure' is for body_map questions only"),
        (
            "      type: single_choice\n",
            "score",
            "'score' is for scale questions; give options scores instead",
        ),
    ],
)
def test_a_key_of_another_kind_of_question_is_an_error_at_its_line_naming_its_kind(
    content_text: str, write_content: Write, after: str, key: str, message: str
) -> None:
    value = "kiosk:bodymap/body_back.svg" if key == "figure" else "pain"
    text = content_text.replace(after, f"{after}      {key}: {value}\n", 1)
    line = text.splitlines().index(f"      {key}: {value}") + 1
    [error] = errors_of(write_content(text))
    assert f"content.yaml:{line}:" in error, error
    assert error.endswith(f": {message}"), error


@pytest.mark.parametrize(
    ("typo", "meant"), [("minlabel", "min_label"), ("maxlabel", "max_label"), ("scroe", "score")]
)
def test_a_misspelt_key_of_a_later_question_is_matched_against_its_own_kind(
    content_text: str, write_content: Write, typo: str, meant: str
) -> None:
    """A typo on the scale (not the first question) is matched against the scale's keys,
    not the first question's (clinic tester: `minlabel` listed a yes/no question's keys,
    options among them, and no "did you mean 'min_label'?")."""
    text = content_text.replace("      type: scale\n", f"      type: scale\n      {typo}: x\n", 1)
    [error] = errors_of(write_content(text))
    assert f"unknown key '{typo}' (did you mean '{meant}'?)" in error, error


def test_an_unknown_kind_of_screen_is_a_located_error_listing_every_kind(
    content_text: str, write_content: Write
) -> None:
    text = content_text.replace(
        "  - id: welcome\n    type: article", "  - id: welcome\n    type: artcle"
    )
    [error] = errors_of(write_content(text))
    assert "screens[1].type: unknown type 'artcle' (did you mean 'article'?)" in error
    for name in SCREEN_KINDS:
        assert name in error


def test_an_unknown_kind_of_question_is_an_error_not_a_fall_through(
    content_text: str, write_content: Write
) -> None:
    text = content_text.replace("type: yes_no", "type: yes_or_no", 1)
    [error] = errors_of(write_content(text))
    assert "'yes_or_no'" in error and "yes_no" in error


def test_looking_up_a_kind_the_registry_does_not_hold_fails_clearly() -> None:
    class Leaflet(ScreenBase):
        pass

    with pytest.raises(UnknownKindError, match=r"Leaflet.*not a kind of screen"):
        screen_kind(Leaflet(id="leaflet", title="A leaflet"))
    with pytest.raises(UnknownKindError, match="'poll' is not a kind of question"):
        question_kind("poll")


def test_every_asset_field_is_found_without_a_list_of_where_assets_are(
    content_text: str, write_content: Write
) -> None:
    text = content_text.replace(
        "    body:\n      - paragraph:\n          en: Thank you for stopping by.",
        "    body:\n      - image: assets/no-such-picture.svg\n      - paragraph:\n"
        "          en: Thank you for stopping by.",
    ).replace("  primary:", "  font: assets/no-such-font.ttf\n  primary:", 1)
    errors = errors_of(write_content(text))
    assert any(
        "screens[1].body[1].image: the file 'assets/no-such-picture.svg' does not exist" in e
        for e in errors
    ), errors
    assert any("brand.font: the file 'assets/no-such-font.ttf' does not exist" in e for e in errors)


def test_assets_of_walks_the_content_in_file_order() -> None:
    loaded = load_content(ROOT / "content.yaml")
    found = list(assets_of(loaded.content))
    assert found[0].path == ("clinic", "logo") and found[0].kind == "image"
    assert {a.relative for a in found} == set(loaded.assets)
    for asset in found:
        assert loaded.asset(asset.relative) is not None, asset


SWITCH = re.compile(r"isinstance\([^)]*\b\w+Screen\b|\.type\s*(==|!=|in\b|not in\b)")
"""`isinstance(screen, ArticleScreen)`, `question.type == "scale"`, `q.type in (...)`."""
KIND_NAMES = "|".join([*SCREEN_KINDS, *QUESTION_KINDS])
TABLE = re.compile(rf"[\"'](?:{KIND_NAMES})[\"']\s*:|==\s*[\"'](?:{KIND_NAMES})[\"']")
"""A table or a test keyed by a kind's name: `{"scale": ...}`, `== "body_map"`."""
REGISTRY = KIOSK / "content" / "kinds"
TABLES = {KIOSK / "ui" / "views.py", KIOSK / "ui" / "answers" / "__init__.py"}
"""The UI's two tables: the view of each kind of screen, the answer widget of each kind of
question."""


def test_no_switch_on_a_kind_outside_the_registry() -> None:
    found = []
    for path in sorted(KIOSK.rglob("*.py")):
        if REGISTRY in path.parents:
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if SWITCH.search(line) or (path not in TABLES and TABLE.search(line)):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)


def test_an_answer_cannot_be_both_a_red_flag_and_none_of_these(
    content_text: str, write_content: Callable[[str], Path]
) -> None:
    """ "None of these" marked red_flag too was accepted (clinic tester): it is refused at its
    line, naming both keys."""
    old = 'label: {en: "None of these", es: "Ninguna de estas"}, exclusive: true}'
    text = content_text.replace(old, old[:-1] + ", red_flag: true}", 1)
    assert text != content_text
    line = next(
        i + 1
        for i, ln in enumerate(text.splitlines())
        if "red_flag: true}" in ln and "exclusive" in ln
    )
    found = errors_of(write_content(text))
    assert any(
        f"content.yaml:{line}:" in e and "cannot be both a red flag and exclusive" in e
        for e in found
    ), found


def test_scores_on_a_red_flag_answer_are_said_to_never_count(
    content_text: str, write_content: Callable[[str], Path]
) -> None:
    old = '- {id: "yes", label: {en: "Yes", es: "Sí"}, red_flag: true}'
    text = content_text.replace(old, old[:-1] + ", scores: {sciatica: 2}}", 1)
    assert text != content_text
    warnings = [str(w) for w in load_content(write_content(text)).warnings]
    assert any(
        "a red-flag answer ends the self-check" in w and "scores never count" in w for w in warnings
    ), warnings
