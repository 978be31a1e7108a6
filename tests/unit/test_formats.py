"""Content that survives upgrades (issue 29, item 4): every content file an earlier version of
the kiosk accepted still loads (tests/corpus: the examples as they were in earlier commits),
an older shape is read as today's with a warning that says what to write, and a file written
for a newer format is refused with a sentence that says what to do."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.content import ContentError, load_content
from kiosk.content.formats import FORMAT
from kiosk.paths import default_content_path, resource_root

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
WRITTEN_BEFORE = sorted(p.parent.name for p in CORPUS.glob("*/content.yaml"))


def test_the_corpus_holds_every_earlier_example() -> None:
    listed = [line.split()[0] for line in (CORPUS / "MANIFEST").read_text("utf-8").splitlines()]
    assert sorted(listed) == WRITTEN_BEFORE and len(listed) >= 15


@pytest.mark.parametrize("name", WRITTEN_BEFORE)
def test_content_written_for_an_earlier_version_still_loads(name: str) -> None:
    loaded = load_content(CORPUS / name / "content.yaml")
    assert loaded.content.screens


def test_the_first_anatomy_screen_reads_as_todays_and_says_what_to_write() -> None:
    """Before figures by element id (December 2026), the anatomy screen named the kiosk's own
    nerve by `segment`: such a file reads the same parts, drawn the same, as today's."""
    loaded = load_content(CORPUS / "default-6a3ab58" / "content.yaml")
    (note,) = [w for w in loaded.warnings if "first form" in w.message]
    assert note.line == 177 and note.path == "screens[3]"
    assert "add `figure: kiosk:anatomy/body_back.svg`" in note.message
    assert "`segment: NAME` as `id: NAME` with `highlight: nerve_NAME`" in note.message
    today = load_content(default_content_path()).content

    def anatomy(content: object) -> list[tuple[str, str]]:
        (screen,) = [s for s in content.screens if s.type == "anatomy"]  # type: ignore[attr-defined]
        return [(p.id, p.highlighted) for p in screen.parts]

    assert anatomy(loaded.content) == anatomy(today)


def test_doing_what_the_warning_says_gives_a_file_without_it(tmp_path: Path) -> None:
    import re

    text = (CORPUS / "default-6a3ab58" / "content.yaml").read_text("utf-8")
    text = text.replace(
        "    type: anatomy\n", "    type: anatomy\n    figure: kiosk:anatomy/body_back.svg\n", 1
    )
    text = re.sub(
        r"^(\s+)- segment: (\w+)$", r"\1- id: \2\n\1  highlight: nerve_\2", text, flags=re.M
    )
    path = tmp_path / "content.yaml"
    path.write_text(text, "utf-8")
    assert not [w for w in load_content(path).warnings if "first form" in w.message]


def test_a_file_for_a_newer_format_is_refused_with_what_to_do(
    content_text: str, tmp_path: Path
) -> None:
    newer = FORMAT + 1
    text = content_text.replace(f"version: {FORMAT}\n", f"version: {newer}\nnew_in_{newer}: 1\n")
    assert f"version: {newer}" in text
    path = tmp_path / "content.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(ContentError) as raised:
        load_content(path)
    (issue,) = raised.value.issues  # that alone: the new key is not called a mistake
    assert issue.path == "version" and issue.line is not None
    assert f"written for content format {newer}" in issue.message
    assert f"reads format {FORMAT} and older: upgrade the kiosk program" in issue.message


def test_a_clinic_with_an_old_inits_copies_of_the_kiosks_figures_still_loads(
    tmp_path: Path, content_text: str
) -> None:
    """Fleet tester: a clinic made three weeks ago, whose folder held the copies an older
    `kiosk init` made of the kiosk's figures, no longer validated after an upgrade (9 errors:
    the old copy of the body-map figure shadowed the kiosk's new one). The body map's default
    figure is now always the kiosk's own, and a copy that stands in for one is named."""
    clinic = tmp_path / "clinic"
    shutil.copytree(resource_root() / "assets", clinic / "assets")  # as the old init did
    old_map = clinic / "assets" / "bodymap" / "body_back.svg"
    old_map.write_text(old_map.read_text("utf-8").replace('id="', 'id="region-'), "utf-8")
    old_nerve = clinic / "assets" / "anatomy" / "body_back.svg"
    old_nerve.write_text(old_nerve.read_text("utf-8") + "<!-- an older drawing -->\n", "utf-8")
    (clinic / "content.yaml").write_text(content_text, "utf-8")

    loaded = load_content(clinic / "content.yaml")
    where = loaded.content.question("where")
    assert where is not None
    assert (
        loaded.asset(where.figure) == (resource_root() / "assets/bodymap/body_back.svg").resolve()
    )
    (note,) = [w for w in loaded.warnings if "stands in for" in w.message]
    assert note.path.endswith(".figure") and note.line is not None
    assert note.message.startswith(
        "'assets/anatomy/body_back.svg' in the clinic's folder stands in for the kiosk's own "
        "figure of that name"
    )
    assert "Write 'kiosk:anatomy/body_back.svg' to use the kiosk's own figure" in note.message


def test_a_kiosk_name_is_the_kiosks_own_file_and_never_leaves_its_assets(
    tmp_path: Path, content_text: str
) -> None:
    clinic = tmp_path / "clinic"
    (clinic / "assets" / "anatomy").mkdir(parents=True)
    (clinic / "assets" / "anatomy" / "body_back.svg").write_text("<svg/>", "utf-8")
    text = content_text.replace(
        "figure: assets/anatomy/body_back.svg", "figure: kiosk:anatomy/body_back.svg"
    )
    assert "kiosk:anatomy" in text
    (clinic / "content.yaml").write_text(text, "utf-8")
    loaded = load_content(clinic / "content.yaml")
    (screen,) = [s for s in loaded.content.screens if s.type == "anatomy"]
    assert (
        loaded.asset(screen.figure) == (resource_root() / "assets/anatomy/body_back.svg").resolve()
    )
    assert not [w for w in loaded.warnings if "stands in for" in w.message]

    # a kiosk: name outside the kiosk's assets (here the clinic's own file) is no file of its own
    import os

    outside = os.path.relpath(clinic / "assets/anatomy/body_back.svg", resource_root() / "assets")
    for name in (outside, "anatomy/no_such_figure.svg"):
        (clinic / "content.yaml").write_text(
            text.replace("kiosk:anatomy/body_back.svg", f"kiosk:{name}"), "utf-8"
        )
        with pytest.raises(ContentError) as raised:
            load_content(clinic / "content.yaml")
        assert any(
            f"the kiosk has no file '{name}' of its own" in issue.message
            for issue in raised.value.issues
        ), raised.value.report()
