"""Figures the clinic draws: an anatomy screen's parts and a body map's regions are elements of
an SVG, named by their ids. A name the figure does not have is an error with its line, the
figure's name and the nearest id it does have."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.content import ContentError, load_content
from kiosk.content.parts import WHOLE_BODY_REGIONS
from kiosk.content.pictures import svg_ids, svg_parts
from kiosk.paths import resource_root

ROOT_ASSETS = (resource_root() / "assets").resolve()
Write = Callable[[str], Path]


def line_of(text: str, needle: str) -> int:
    return next(i + 1 for i, line in enumerate(text.splitlines()) if needle in line)


def problems(path: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(path)
    return [str(issue) for issue in caught.value.issues]


def replace_once(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_svg_ids_are_read_with_their_lines() -> None:
    data = (
        b'<svg xmlns="http://www.w3.org/2000/svg">\n<g id="leg">\n<path id="knee" d=""/></g></svg>'
    )
    assert svg_ids(data) == {"leg": 2, "knee": 3}
    assert svg_ids(b"<svg><g>") is None


def test_an_anatomy_part_the_figure_lacks_is_named_with_the_nearest_id(
    content_text: str, write_content: Write
) -> None:
    text = replace_once(content_text, "      - id: tibial\n", "      - id: tibail\n")
    [message] = problems(write_content(text))
    assert message.startswith(f"content.yaml:{line_of(text, 'id: tibail')}: ")
    assert "screens[3].parts[5].id" in message
    assert "the figure 'assets/anatomy/body_back.svg' has no element with the id 'tibail'" in (
        message
    )
    assert "(did you mean 'tibial'?)" in message


def test_a_highlight_the_figure_lacks_is_an_error(content_text: str, write_content: Write) -> None:
    text = replace_once(content_text, "highlight: nerve_thigh", "highlight: nerve_thighs")
    [message] = problems(write_content(text))
    assert message.startswith(f"content.yaml:{line_of(text, 'nerve_thighs')}: ")
    assert "parts[3].highlight" in message and "did you mean 'nerve_thigh'?" in message


def test_an_anatomy_figure_must_be_an_svg(content_text: str, write_content: Write) -> None:
    path = write_content(content_text)
    (path.parent / "assets" / "knee.png").write_bytes(tiny_png())
    text = replace_once(
        content_text, "figure: assets/anatomy/body_back.svg", "figure: assets/knee.png"
    )
    [message] = problems(write_content(text))
    assert message.startswith(f"content.yaml:{line_of(text, 'figure: assets/knee.png')}: ")
    assert "'assets/knee.png' should be an SVG file: its parts are found by their id" in message


def test_a_clinics_own_figure_with_its_own_ids_loads(
    content_text: str, write_content: Write
) -> None:
    path = write_content(content_text)
    (path.parent / "assets" / "mine.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        + "".join(f'<circle id="{p}" cx="5" cy="{i + 1}" r="1"/>' for i, p in enumerate(PARTS))
        + "</svg>",
        "utf-8",
    )
    text = content_text.replace("figure: assets/anatomy/body_back.svg", "figure: assets/mine.svg")
    for part in PARTS:
        text = text.replace(f"highlight: nerve_{part}\n", f"highlight: {part}\n")
    loaded = load_content(write_content(text))
    screen = next(s for s in loaded.content.screens if s.id == "sciatic_nerve")
    assert screen.figure == "assets/mine.svg"  # type: ignore[attr-defined]


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


PARTS = ("roots", "buttock", "thigh", "split", "tibial", "peroneal")


def test_a_body_map_region_the_figure_lacks_is_named_with_the_nearest_id(
    content_text: str, write_content: Write
) -> None:
    text = replace_once(
        content_text,
        "        - {id: lower_back}\n",
        "        - {id: lower_back}\n        - {id: knee_lef, label: Left knee}\n",
    )
    text = replace_once(
        text,
        "      type: body_map\n",
        "      type: body_map\n      figure: assets/bodymap/body_front_back.svg\n",
    )
    text = text.replace("buttock_left, scores", "hip_left, scores").replace(
        "buttock_right, scores", "hip_right, scores"
    )
    found = problems(write_content(text))
    line = line_of(text, "knee_lef")
    [knee] = [m for m in found if "'knee_lef'" in m]
    assert knee.startswith(f"content.yaml:{line}: self_check.questions[6].options[2].id: ")
    assert "the figure 'assets/bodymap/body_front_back.svg' has no region with the id" in knee
    assert "(did you mean 'knee_left'?)" in knee
    # the lower body's thighs and calves are not on the whole-body figure either
    assert any("'thigh_left'" in m for m in found)
    # "None of these" is a button, not a region: it needs no element
    assert not any("none_of_these" in m for m in found)
    # a name no id resembles gets the whole list, the shoulders included: all 15 regions of
    # the whole-body figure, none cut to "and 7 more"
    assert "shoulder_left" in knee and "wrist_hand_right" in knee and " more)" not in knee


def test_the_default_body_map_is_the_lower_body_from_behind(content_text: str) -> None:
    from kiosk.content.model import Content

    loaded = load_content(Path(__file__).resolve().parents[2] / "content.yaml")
    where = loaded.content.question("where")
    # the kiosk's own figure, whatever file of that name a clinic's folder holds
    assert where is not None and where.figure == "kiosk:bodymap/body_back.svg"
    assert loaded.asset(where.figure) == ROOT_ASSETS / "bodymap" / "body_back.svg"
    assert isinstance(loaded.content, Content)


def test_a_body_map_without_options_gets_the_lower_body_regions(
    content_text: str, write_content: Write
) -> None:
    start = content_text.index("        - {id: lower_back}\n")
    end = content_text.index("    - id: side\n")
    text = content_text[:start] + content_text[end:]  # the options, gone
    text = replace_once(text, "dolor?\n      options:\n", "dolor?\n")
    text = replace_once(
        text,
        "{not: {question: where, includes: none_of_these}}",
        "{question: where, answered: true}",
    )
    loaded = load_content(write_content(text))
    where = loaded.content.question("where")
    assert where is not None
    assert [o.id for o in where.options][:3] == ["lower_back", "buttock_left", "buttock_right"]


def test_ui_text_may_rename_a_region_of_the_kiosks_figures_only(
    content_text: str, write_content: Write
) -> None:
    regions = "ui_text:\n  regions:\n    knee_left: Left knee\n    kne_right: Right knee\n\n"
    text = replace_once(content_text, "modalities:\n", regions + "modalities:\n")
    [message] = problems(write_content(text))
    assert "ui_text.regions.kne_right" in message
    assert (
        "'kne_right' is not a region of the kiosk's own figures (did you mean 'knee_right'?)"
        in (message)
    )


def test_none_of_these_on_the_default_body_map_clears_the_rest_and_goes_on() -> None:
    from visits import MASSAGE

    from kiosk.core.session import Session

    loaded = load_content(Path(__file__).resolve().parents[2] / "content.yaml")
    session = Session(loaded.content)
    session.start()
    session.answers.update({k: v for k, v in MASSAGE.items() if k != "where"})
    session.show("question:where", remember=True)
    session.toggle("where", "thigh_left")
    session.toggle("where", "none_of_these")
    assert session.answers["where"] == frozenset({"none_of_these"})
    session.next()
    assert session.current.name == "question:pain_now"  # "one side or both?" is not asked
    session.show("question:where", remember=True)
    session.toggle("where", "calf_right")  # a region clears "None of these"
    assert session.answers["where"] == frozenset({"calf_right"})
    session.next()
    assert session.current.name == "question:side"


def whole_body_map(content_text: str, options: str) -> str:
    """The default content with its body map on the whole-body figure, asking `options`
    (and no rule that names the regions it had)."""
    start = content_text.index("        - {id: lower_back}\n")
    end = content_text.index("    - id: side\n")
    keep = "        - {id: none_of_these"
    text = content_text[:start] + options + content_text[content_text.index(keep, start) : end]
    text = text + content_text[end:]
    # without the urgent outcome's both-legs rule, which names the lower body's regions
    urgent = text.index("      kind: urgent\n") + len("      kind: urgent\n")
    text = text[:urgent] + text[text.index("      title:", urgent) :]
    return replace_once(
        text, "      type: body_map\n", "      type: body_map\n      figure: " + WHOLE + "\n"
    )


WHOLE = "assets/bodymap/body_front_back.svg"


def test_the_ids_offered_for_a_body_map_region_are_regions_a_visitor_can_tap(
    content_text: str, write_content: Write
) -> None:
    """The whole-body figure's views (`front`, `back`), its layer of regions and the spine it
    draws as a detail are elements of the SVG, but not regions: they are neither offered nor
    taken."""
    options = (
        "        - {id: lower_back}\n"
        "        - {id: knee_left}\n"
        "        - {id: front, label: Front}\n"
    )
    text = whole_body_map(content_text, options)
    [message] = problems(write_content(text))
    assert message.startswith(f"content.yaml:{line_of(text, 'id: front')}: ")
    assert f"the figure '{WHOLE}' has no region with the id 'front'" in message
    listed = message.rpartition("(ids in it: ")[2].rstrip(")").split(", ")
    assert listed == sorted(WHOLE_BODY_REGIONS)  # no back, front, regions or spine


def test_a_region_named_in_french_or_spanish_gets_the_english_id(
    content_text: str, write_content: Write
) -> None:
    options = (
        "        - {id: epaule_gauche, label: Épaule gauche}\n"
        "        - {id: bas_du_dos, label: Bas du dos}\n"
        "        - {id: rodilla_derecha, label: Rodilla derecha}\n"
        "        - {id: cheville_gauche, label: Cheville gauche}\n"
    )
    text = whole_body_map(content_text, options)
    found = problems(write_content(text))
    guesses = {
        "epaule_gauche": "shoulder_left",
        "bas_du_dos": "lower_back",
        "rodilla_derecha": "knee_right",
        "cheville_gauche": "ankle_foot_left",
    }
    assert len(found) == len(guesses)
    for said, meant in guesses.items():
        [message] = [m for m in found if f"the id '{said}'" in m]
        assert message.startswith(f"content.yaml:{line_of(text, said)}: ")
        assert f"(did you mean '{meant}'? the ids are English words)" in message


def test_a_region_name_nothing_resembles_is_told_the_ids_are_english(
    content_text: str, write_content: Write
) -> None:
    text = whole_body_map(content_text, "        - {id: neck}\n        - {id: kopf, label: Kopf}\n")
    [message] = problems(write_content(text))
    assert "'kopf' (the kiosk's own figures name their regions in English words)" in message


def test_a_figure_offers_the_ids_it_draws() -> None:
    """Not the root, nothing in <defs> (a gradient, a clip path): those are never drawn where
    they stand, so they can be neither lit nor tapped. A figure that marks no regions offers
    every element it draws (the clinic's own figure, an anatomy's parts and highlights)."""
    data = (
        b'<svg id="svg1" xmlns="http://www.w3.org/2000/svg"><defs id="defs2">'
        b'<linearGradient id="shade"/><circle id="dot" r="1"/></defs>'
        b'<g id="leg"><path id="knee" d="M0 0H1"/></g><title id="t">Leg</title></svg>'
    )
    parts = svg_parts(data)
    assert parts is not None and parts.usable == {"leg", "knee"}
    assert parts.offered == ("knee", "leg")
    assert svg_parts(b"<svg><g>") is None


def test_a_region_the_figure_lacks_gets_one_error_not_a_missing_label_too(
    content_text: str, write_content: Write
) -> None:
    """A clinic tester wrote `{id: epaule_gauche}` (no label: the kiosk names its own
    regions) and got a second error on the same line, "this option needs a label". One mistake
    gives one error: with the id put right, no label is needed."""
    text = whole_body_map(content_text, "        - {id: neck}\n        - {id: epaule_gauche}\n")
    found = problems(write_content(text))
    line = line_of(text, "epaule_gauche")
    assert [m for m in found if m.startswith(f"content.yaml:{line}: ")] == found
    [message] = found
    assert "has no region with the id 'epaule_gauche' (did you mean 'shoulder_left'?" in message
    fixed = text.replace("{id: epaule_gauche}", "{id: shoulder_left}")
    assert load_content(write_content(fixed)).content.question("where") is not None


def test_an_option_of_a_clinics_own_figure_still_needs_a_label(
    content_text: str, write_content: Write
) -> None:
    path = write_content(content_text)
    (path.parent / "assets" / "mine.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        '<circle id="jaw" cx="5" cy="5" r="1"/></svg>',
        "utf-8",
    )
    start = content_text.index("        - {id: lower_back}\n")
    end = content_text.index("        - {id: none_of_these", start)
    text = content_text[:start] + "        - {id: jaw}\n" + content_text[end:]
    text = replace_once(
        text, "      type: body_map\n", "      type: body_map\n      figure: assets/mine.svg\n"
    )
    text = text.replace("includes: buttock_left", "includes: jaw").replace(
        "includes: buttock_right", "includes: jaw"
    )
    found = problems(write_content(text))
    assert any(
        m.startswith(f"content.yaml:{line_of(text, '{id: jaw}')}: ")
        and "options[1].label: this option needs a label" in m
        for m in found
    ), found


def test_a_deeply_nested_figure_is_read_without_running_out_of_stack() -> None:
    """A figure nested 5,000 groups deep (an export gone wrong; well under the 5 MB limit) is
    read like any other: it once raised RecursionError, which no clinic could read and which
    kept the kiosk from starting on its last good content."""
    depth = 5000
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        + "<g>" * depth
        + '<rect id="knee_left" class="region" width="4" height="4"/>'
        + "</g>" * depth
        + "</svg>"
    ).encode()
    parts = svg_parts(svg, regions=True)
    assert parts is not None and "knee_left" in parts.offered
