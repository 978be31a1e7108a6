"""The loader's errors: each names the file, the line and the field, in words a clinic can act
on, and every problem of a file is reported at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.content import ContentError, load_content
from kiosk.content.model import Content

Write = Callable[[str], Path]


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing `needle`."""
    hits = [i + 1 for i, line in enumerate(text.splitlines()) if needle in line]
    assert len(hits) >= occurrence, f"{needle!r} not in the text"
    return hits[occurrence - 1]


def problems(path: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(path)
    return [str(issue) for issue in caught.value.issues]


def replace_once(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_default_content_is_valid() -> None:
    loaded = load_content(Path(__file__).resolve().parents[2] / "content.yaml")
    assert isinstance(loaded.content, Content)
    assert loaded.asset(loaded.content.clinic.logo) is not None


def test_yaml_syntax_error_gives_its_line(content_text: str, write_content: Write) -> None:
    text = replace_once(content_text, "  name: Willow Street", "  name: [Willow Street")
    found = problems(write_content(text))
    assert len(found) == 1
    assert found[0].startswith("content.yaml:")
    assert "not valid YAML" in found[0]


@pytest.mark.parametrize(
    ("mistake", "advice"),
    [
        # a key pushed in under the value above it
        (("\n  logo: assets/logo.svg", "\n    logo: assets/logo.svg"), "a key indented under"),
        # a key pulled out of its block
        (("\n  logo: assets/logo.svg", "\n logo: assets/logo.svg"), "keys of the same level"),
    ],
    ids=["pushed in", "pulled out"],
)
def test_a_broken_indent_says_what_to_do(
    content_text: str, write_content: Write, mistake: tuple[str, str], advice: str
) -> None:
    """libyaml's own words ("did not find expected key") mean nothing to a practice manager:
    the message also says what to do, in the words the guide uses."""
    text = replace_once(content_text, *mistake)
    [message] = problems(write_content(text))
    line = text.count("\n", 0, text.index(mistake[1])) + 2  # the line moved
    assert message.startswith(f"content.yaml:{line}: "), message
    assert advice in message, message


def test_tab_indent_is_explained(content_text: str, write_content: Write) -> None:
    text = replace_once(content_text, "\n  idle_seconds: 90", "\n\tidle_seconds: 90")
    [message] = problems(write_content(text))
    assert f"content.yaml:{line_of(text, 'idle_seconds')}:" in message
    assert "spaces, not tabs" in message


def test_unknown_key_suggests_the_right_one(content_text: str, write_content: Write) -> None:
    text = replace_once(content_text, "  booking_url:", "  bookng_url:")
    [message] = problems(write_content(text))
    line = line_of(text, "bookng_url")
    assert message == (
        f"content.yaml:{line}: clinic.bookng_url: unknown key 'bookng_url'"
        " (did you mean 'booking_url'?)"
    )


def test_wrong_type_names_what_was_expected(content_text: str, write_content: Write) -> None:
    text = replace_once(content_text, "idle_seconds: 90", "idle_seconds: soon")
    [message] = problems(write_content(text))
    line = line_of(text, "idle_seconds")
    assert message == (
        f"content.yaml:{line}: settings.idle_seconds: expected a whole number, got 'soon'"
    )


def test_number_out_of_range(content_text: str, write_content: Write) -> None:
    text = replace_once(content_text, "idle_seconds: 90", "idle_seconds: 2")
    [message] = problems(write_content(text))
    assert "settings.idle_seconds: must be at least 15" in message


def test_missing_key(content_text: str, write_content: Write) -> None:
    text = replace_once(content_text, "    name: Maya Okafor\n", "")
    [message] = problems(write_content(text))
    assert "therapists[1].name: this key is required but missing" in message
    assert f"content.yaml:{line_of(text, 'id: maya')}:" in message


def test_bad_colour(content_text: str, write_content: Write) -> None:
    text = replace_once(content_text, 'primary: "#1F5F5B"', "primary: teal")
    [message] = problems(write_content(text))
    line = line_of(text, "primary: teal")
    assert message == (
        f"content.yaml:{line}: brand.primary: expected a colour like \"#1F5F5B\", got 'teal'"
    )


def test_unknown_screen_type(content_text: str, write_content: Write) -> None:
    text = replace_once(content_text, "type: anatomy", "type: anatomie")
    [message] = problems(write_content(text))
    assert f"content.yaml:{line_of(text, 'type: anatomie')}: screens[3].type:" in message
    assert "unknown type 'anatomie' (did you mean 'anatomy'?)" in message


def test_block_with_two_kinds(content_text: str, write_content: Write) -> None:
    text = replace_once(
        content_text,
        "      - callout:\n          en: Back pain is",
        "      - paragraph: x\n        callout:\n          en: Back pain is",
    )
    [message] = problems(write_content(text))
    assert "needs exactly one of paragraph, bullets, callout, image or link" in message
    assert "(found paragraph, callout)" in message


def test_condition_naming_a_missing_question(content_text: str, write_content: Write) -> None:
    text = replace_once(
        content_text,
        '{question: doctor_seen, equals: "no"}',
        '{question: doctor_sen, equals: "no"}',
    )
    [message] = problems(write_content(text))
    line = line_of(text, "doctor_sen")
    assert message.startswith(f"content.yaml:{line}: self_check.outcomes[2].when.any[2].question:")
    assert "there is no question 'doctor_sen' (did you mean 'doctor_seen'?)" in message


def test_condition_naming_a_missing_option(content_text: str, write_content: Write) -> None:
    text = replace_once(content_text, "equals: getting_worse}", "equals: getting_wrse}")
    [message] = problems(write_content(text))
    assert f"content.yaml:{line_of(text, 'getting_wrse')}:" in message
    assert "'how_long' has no option 'getting_wrse' (did you mean 'getting_worse'?)" in message


def test_show_if_on_a_later_question(content_text: str, write_content: Write) -> None:
    text = replace_once(
        content_text,
        "          - {question: where, answered: true}",
        "          - {question: pressure, answered: true}",
    )
    [message] = problems(write_content(text))
    assert "'pressure' is not asked before this question" in message
    assert "self_check.questions[7].show_if.all[1].question" in message


def test_therapist_with_unknown_modality(content_text: str, write_content: Write) -> None:
    text = replace_once(
        content_text,
        "modalities: [deep_tissue, trigger_point]",
        "modalities: [deep_tisue, trigger_point]",
    )
    [message] = problems(write_content(text))
    line = line_of(text, "deep_tisue")
    assert message.startswith(f"content.yaml:{line}: therapists[1].modalities[1]:")
    assert "no modality has the id 'deep_tisue' (did you mean 'deep_tissue'?)" in message


def test_missing_asset_file(content_text: str, write_content: Write) -> None:
    text = replace_once(content_text, "logo: assets/logo.svg", "logo: assets/logo-new.svg")
    [message] = problems(write_content(text))
    line = line_of(text, "logo-new")
    assert message == (
        f"content.yaml:{line}: clinic.logo: the file 'assets/logo-new.svg' does not exist"
        " (paths are relative to content.yaml)"
    )


def test_duplicate_id(content_text: str, write_content: Write) -> None:
    text = replace_once(content_text, "  - id: daniel", "  - id: maya")
    [message] = problems(write_content(text))
    assert "therapists[2].id: the id 'maya' is used twice" in message


def test_duplicate_yaml_key(content_text: str, write_content: Write) -> None:
    text = replace_once(
        content_text, "  idle_seconds: 90", "  idle_seconds: 90\n  idle_seconds: 60"
    )
    [message] = problems(write_content(text))
    line = line_of(text, "idle_seconds: 60")
    assert message.startswith(f"content.yaml:{line}:")
    assert f"appears twice here (first on line {line - 1})" in message


NONE_OF_THESE = (
    '        - {id: none, label: {en: "None of these", es: "Ninguna de estas"}, exclusive: true}'
)


def test_red_flag_question_must_come_first(content_text: str, write_content: Write) -> None:
    text = replace_once(
        content_text,
        NONE_OF_THESE,
        NONE_OF_THESE + '\n        - {id: fall, label: "I fell", red_flag: true}',
    )
    [message] = problems(write_content(text))
    assert "red-flag question 'worse_with' must come before 'warning_signs'" in message


def test_default_outcome_required(content_text: str, write_content: Write) -> None:
    text = replace_once(content_text, "      default: true\n", "")
    found = problems(write_content(text))
    assert any("one outcome needs 'default: true'" in m for m in found)
    assert any("outcomes[4].when: add 'when'" in m for m in found)


def test_urgent_outcome_never_shows_therapists(content_text: str, write_content: Write) -> None:
    text = replace_once(
        content_text,
        "        es: Busque ayuda médica ahora\n",
        "        es: Busque ayuda médica ahora\n      therapists: [swedish]\n",
    )
    [message] = problems(write_content(text))
    assert "outcomes[1].therapists: the urgent outcome never shows therapists" in message


def test_every_problem_is_reported_at_once(content_text: str, write_content: Write) -> None:
    text = replace_once(content_text, "idle_seconds: 90", "idle_seconds: soon")
    text = replace_once(text, 'primary: "#1F5F5B"', "primary: teal")
    text = replace_once(text, "  booking_url:", "  bookng_url:")
    found = problems(write_content(text))
    assert len(found) == 3
    lines = [int(m.split(":")[1]) for m in found]
    assert lines == sorted(lines)


def test_unquoted_yes_is_read_as_the_word(content_text: str, write_content: Write) -> None:
    text = content_text.replace(
        '{id: "yes", label: "Yes", red_flag: true}', "{id: yes, label: Yes, red_flag: true}"
    )
    text = text.replace('equals: "yes"', "equals: yes")
    loaded = load_content(write_content(text))
    first = loaded.content.self_check.questions[0]
    assert [o.id for o in first.options] == ["yes", "no"]
    assert first.options[0].label == "Yes"


def test_not_utf8(write_content: Write, tmp_path: Path) -> None:
    path = write_content("version: 1\n")
    path.write_bytes(b"version: 1\nclinic:\n  name: Caf\xe9\n")
    [message] = problems(path)
    assert message.startswith("content.yaml:3:")
    assert "not UTF-8" in message


def test_byte_order_mark_is_fine(content_text: str, write_content: Write) -> None:
    path = write_content(content_text)
    path.write_bytes(b"\xef\xbb\xbf" + content_text.encode("utf-8"))
    assert load_content(path).content.clinic.name


def test_empty_file(write_content: Write) -> None:
    [message] = problems(write_content(""))
    assert "the file is empty" in message


def test_missing_file(tmp_path: Path) -> None:
    [message] = problems(tmp_path / "nope.yaml")
    assert "there is no such file" in message


def test_alias_bomb_is_refused(write_content: Write) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 8):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    [message] = problems(write_content("\n".join(lines) + "\n"))
    assert "more than 200000 values" in message


def test_impossible_date_gives_its_line(content_text: str, write_content: Write) -> None:
    text = replace_once(content_text, "reviewed: 2026-11-01", "reviewed: 2026-13-45")
    [message] = problems(write_content(text))
    assert f"content.yaml:{line_of(text, '2026-13-45')}: screens[1].reviewed:" in message
    assert "expected a date like 2026-11-01" in message


def test_file_name_with_a_nul_byte(content_text: str, write_content: Write) -> None:
    text = replace_once(content_text, "logo: assets/logo.svg", 'logo: "assets/lo\\0go.svg"')
    [message] = problems(write_content(text))
    assert "clinic.logo: the file" in message and "does not exist" in message


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("Step {n:s} of {total}", "write placeholders plainly"),
        ("Step {n} of {all}", "unknown placeholder {all}"),
        ("Step {n!z}", "write placeholders plainly"),
    ],
)
def test_ui_text_placeholders(
    content_text: str, write_content: Write, template: str, expected: str
) -> None:
    text = replace_once(content_text, "settings:\n", f'ui_text:\n  step: "{template}"\nsettings:\n')
    [message] = problems(write_content(text))
    assert "ui_text.step:" in message and expected in message


def test_a_therapists_languages_line_may_use_only_its_placeholder(
    content_text: str, write_content: Write
) -> None:
    """`speaks` fills in {languages}; a misspelt placeholder is an error at load, not a
    card that breaks on a visitor's result."""
    text = replace_once(
        content_text, "settings:\n", 'ui_text:\n  speaks: "Talks {langs}"\nsettings:\n'
    )
    [message] = problems(write_content(text))
    assert "ui_text.speaks:" in message and "unknown placeholder {langs}" in message


@pytest.mark.parametrize("value", ["8", "'8'"])
def test_equals_with_a_number_says_how_to_test_a_scale(
    content_text: str, write_content: Write, value: str
) -> None:
    """`equals: 8` on the pain scale (quoted or not) says to use at_least and at_most (clinic
    tester: "put quotes around it", then "expected a short name", and neither said how)."""
    text = replace_once(
        content_text,
        "when: {score: sciatica, at_least: 3}",
        f"when: {{question: pain_now, equals: {value}}}",
    )
    [message] = problems(write_content(text))
    assert "equals takes an answer's id" in message, message
    assert "test it with at_least and at_most" in message


@pytest.mark.parametrize(
    ("old", "new", "advice"),
    [
        (
            "        en: Is the pain on one side of your body, or both?\n",
            "        en: [Urgent] Is the pain on one side of your body, or both?\n",
            "a text that starts with '[' is read as a list",
        ),
        (
            "  - id: maya\n",
            "  -id: maya\n",
            "a list item needs a space after its '-'",
        ),
        (
            '{id: walking, label: {en: "Walking", es: "Caminar"}}',
            "{id: walking, label: {en: Walking: slowly, es: Caminar}}",
            "inside { } or [ ], a text with ': ' or ', ' in it needs quotes",
        ),
    ],
)
def test_yaml_mistakes_with_special_characters_say_their_cause(
    content_text: str, write_content: Write, old: str, new: str, advice: str
) -> None:
    """A leading '[', '-' with no space, ': ' inside { }: each was called a matter of
    indenting, or given no plain words at all (clinic tester)."""
    [message] = problems(write_content(replace_once(content_text, old, new)))
    assert "this is not valid YAML" in message and advice in message, message


def test_a_text_cut_by_a_comment_is_said(content_text: str, write_content: Write) -> None:
    """'#' after a space starts a YAML comment: an address written '#4 Mill Lane' was quietly
    empty, a clinic name so written said only "expected text" (clinic tester)."""
    address = replace_once(
        content_text,
        "  address: 27 Willow Street, Riverton, RV 00000\n",
        "  address: #4 Mill Lane\n",
    )
    warnings = [str(w) for w in load_content(write_content(address)).warnings]
    line = address.splitlines().index("  address: #4 Mill Lane") + 1
    assert any(
        w.startswith(f"content.yaml:{line}: warning: clinic.address: 'address' is empty")
        and 'put quotes around the text: address: "#4 Mill Lane"' in w
        for w in warnings
    ), warnings
    name = replace_once(
        content_text, "  name: Willow Street Massage & Physio\n", "  name: #1 Willow\n"
    )
    [message] = problems(write_content(name))
    assert "clinic.name:" in message and "a '#' after a space starts a comment" in message
    assert not [
        w for w in load_content(write_content(content_text)).warnings if "comment" in str(w)
    ]


def test_a_hint_may_name_the_button_and_nothing_else(
    content_text: str, write_content: Write
) -> None:
    """The hints under a scale, a body map and a choose-all question may say {button} (the
    words on the button that goes on); another placeholder is an error at load."""
    good = replace_once(
        content_text,
        "settings:\n",
        'ui_text:\n  choose_scale: "Pick one, then {button}"\nsettings:\n',
    )
    assert (
        load_content(write_content(good)).content.ui_text.choose_scale == "Pick one, then {button}"
    )
    bad = replace_once(
        content_text,
        "settings:\n",
        'ui_text:\n  choose_scale: "Pick one, then {next}"\nsettings:\n',
    )
    [message] = problems(write_content(bad))
    assert "ui_text.choose_scale:" in message and "unknown placeholder {next}" in message


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("{all: []}", "needs at least 1 item"),
        ("{question: pain_now, at_least: 8, at_most: 2}", "nothing matches"),
        ("{question: where, includes: []}", "needs at least 1 item"),
    ],
)
def test_conditions_that_cannot_be_meant(
    content_text: str, write_content: Write, condition: str, expected: str
) -> None:
    text = replace_once(content_text, "when: {score: sciatica, at_least: 3}", f"when: {condition}")
    found = problems(write_content(text))
    assert any(expected in m and "outcomes[3].when" in m for m in found), found


def test_renaming_one_region_keeps_the_others(content_text: str, write_content: Write) -> None:
    text = replace_once(
        content_text, "settings:\n", "ui_text:\n  regions: {lower_back: Low back}\nsettings:\n"
    )
    words = load_content(write_content(text)).content.ui_text
    assert words.regions["lower_back"] == "Low back"
    assert words.regions["calf_left"] == "Left calf"


# --- libyaml, and room for a large clinic --------------------------------------------------------


def test_libyaml_reads_the_content() -> None:
    """PyYAML's C reader is there (every PyYAML wheel has it) and is the one used."""
    import yaml

    from kiosk.content.yamlread import LIBYAML, _Loader

    assert LIBYAML
    assert issubclass(_Loader, yaml.CSafeLoader)


def many_screens(content_text: str, size: int) -> str:
    """The default content with copies of its first screen (new ids) until it is `size` bytes."""
    start = content_text.index("\n  - id: what_is_sciatica\n")
    end = content_text.index("\n  - id: ", start + 1)
    screen = content_text[start:end]
    copies: list[str] = []
    while len(content_text) + sum(len(c) for c in copies) < size:
        copies.append(screen.replace("id: what_is_sciatica", f"id: also_{len(copies)}", 1))
    return content_text[:end] + "".join(copies) + content_text[end:]


def test_a_one_megabyte_file_is_read(content_text: str, write_content: Write) -> None:
    text = many_screens(content_text, 1024 * 1024)
    loaded = load_content(write_content(text))
    copies = text.count("\n  - id: also_")
    assert copies > 350  # a 1 MB file: hundreds of screens, every one of them read
    assert (
        len(loaded.content.screens)
        == len(load_content(write_content(content_text)).content.screens) + copies
    )


def test_a_file_over_two_megabytes_is_refused_unread(
    content_text: str, write_content: Write
) -> None:
    path = write_content(content_text + "# " + "x" * (2 * 1024 * 1024) + "\n")
    [message] = problems(path)
    assert message == (
        "content.yaml: (file): the file is larger than 2.0 MB, the most a content file may be:"
        " is something pasted into it twice?"
    )


def test_a_long_flat_list_is_refused_while_it_is_read(write_content: Write) -> None:
    """2 MB of `[a, a, a, ...]` holds 700,000 values: counted as they are read, not after."""
    [message] = problems(write_content("x: [" + "a, " * 690_000 + "]\n"))
    assert message == (
        "content.yaml:1: (file): the file holds more than 200000 values (are anchors and"
        " aliases multiplying it?)"
    )


def test_deep_nesting_gives_its_line(content_text: str, write_content: Write) -> None:
    text = content_text + "deep: " + "[" * 60 + "]" * 60 + "\n"
    [message] = problems(write_content(text))
    assert message.startswith(f"content.yaml:{line_of(text, 'deep:')}: ")
    assert "nested more than 50 levels deep" in message


def test_a_therapists_language_that_is_not_a_code_is_named_as_one(
    content_text: str, write_content: Write
) -> None:
    """'arabe' for ar: the message says a language code is wanted (it said "a short name of
    lower-case letters ... like deep_tissue", which 'arabe' is)."""
    text = replace_once(
        content_text, "  - id: maya\n", "  - id: maya\n    languages: [en, arabe]\n"
    )
    [message] = problems(write_content(text))
    assert ".languages[" in message
    assert "]: expected a language code like fr, en, ar" in message
    assert "got 'arabe'" in message


def test_exclusive_on_a_single_choice_is_refused_with_its_line(
    content_text: str, write_content: Write
) -> None:
    """'exclusive' (tick it and the others clear) means nothing where one answer is taken:
    it was accepted silently."""
    old = '        - {id: not_sure, label: {en: "I\'m not sure", es: "No lo sé"}}'
    text = replace_once(content_text, old, old[:-1] + ", exclusive: true}")
    [message] = problems(write_content(text))
    line = line_of(text, "{id: not_sure,")
    assert message.startswith(f"content.yaml:{line}:")
    assert "'exclusive' is for questions where several answers may be ticked" in message
    assert "multi_choice" in message and "single_choice" in message


def test_an_unquoted_comma_in_a_text_is_explained_as_yaml_quoting(
    content_text: str, write_content: Write
) -> None:
    """{en: Yes, of course, es: Sí} was reported as "'of course' is not a language code"."""
    old = '{id: gentle, label: {en: "Gentle and relaxing", es: "Suave y relajante"}'
    text = replace_once(content_text, old, "{id: gentle, label: {en: Gentle, relaxing, es: Suave}")
    [message] = problems(write_content(text))
    line = line_of(text, "en: Gentle, relaxing")
    assert message.startswith(f"content.yaml:{line}:")
    assert "not a language code" not in message
    assert "inside { } a comma ends a text" in message
    assert 'put the text in quotes: en: "Gentle, relaxing"' in message
