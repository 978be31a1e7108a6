"""Content stays in its folder (issue 26, item 4): every picture, font and figure the content
names is resolved, following links, and must lie inside the content's folder or the kiosk's
own assets. An absolute path, a path that climbs out and a link that points out are refused
with the file and line; on the sync route a content file that is a link out is refused too."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from fakes import FakeClock
from fleet import Chain, git, needs_git

from kiosk.content import ContentError, load_content
from kiosk.core.control import QUIET_SECONDS, Kiosk

Write = Callable[[str], Path]


def line_of(text: str, needle: str) -> int:
    return next(i + 1 for i, line in enumerate(text.splitlines()) if needle in line)


def refusal(path: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(path)
    return [str(issue) for issue in caught.value.issues]


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file of the machine's that the content's editor must never show (0600, elsewhere)."""
    elsewhere = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    elsewhere.mkdir()
    path = elsewhere / "private.svg"
    path.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>', "utf-8")
    path.chmod(0o600)
    return path


def test_an_absolute_picture_path_is_refused_with_its_line(
    content_text: str, write_content: Write, secret: Path
) -> None:
    text = content_text.replace("logo: assets/logo.svg", f"logo: {secret}")
    [message] = refusal(write_content(text))
    assert message == (
        f"content.yaml:{line_of(text, 'logo:')}: clinic.logo: '{secret}' is an absolute path;"
        " give the file's path relative to the content file, inside its folder (like"
        " assets/logo.svg)"
    )


def test_a_path_climbing_out_of_the_folder_is_refused(
    content_text: str, write_content: Write, secret: Path, tmp_path: Path
) -> None:
    climb = f"../{secret.parent.name}/private.svg"
    text = content_text.replace("logo: assets/logo.svg", f"logo: {climb}")
    [message] = refusal(write_content(text))
    assert message.startswith(
        f"content.yaml:{line_of(text, 'logo:')}: clinic.logo: '{climb}' climbs out of the"
        " content's folder with '..'"
    )


def test_a_picture_and_a_font_linked_out_of_the_folder_are_refused(
    content_text: str, write_content: Write, secret: Path
) -> None:
    path = write_content(content_text)
    logo = path.parent / "assets" / "logo.svg"
    logo.unlink()
    logo.symlink_to(secret)
    outside_font = secret.parent / "Font.ttf"
    outside_font.write_bytes((path.parent / "assets" / "fonts" / "Lato-Regular.ttf").read_bytes())
    (path.parent / "assets" / "fonts" / "Linked.ttf").symlink_to(outside_font)
    text = content_text.replace("brand:\n", "brand:\n  font: assets/fonts/Linked.ttf\n", 1)
    path.write_text(text, "utf-8")
    messages = refusal(path)
    assert (
        f"content.yaml:{line_of(text, 'logo:')}: clinic.logo: 'assets/logo.svg' is a link to"
        f" '{secret}', outside the content's folder; put the file itself inside the folder of"
        " the content file"
    ) in messages
    assert any(
        m.startswith(f"content.yaml:{line_of(text, 'Linked.ttf')}: brand.font:")
        and f"is a link to '{outside_font}'" in m
        for m in messages
    ), messages


def test_links_and_paths_inside_the_folder_and_the_kiosks_own_assets_are_fine(
    content_text: str, write_content: Write, tmp_path: Path
) -> None:
    path = write_content(content_text)
    (path.parent / "brand").mkdir()
    (path.parent / "brand" / "logo.svg").symlink_to(path.parent / "assets" / "logo.svg")
    text = content_text.replace("logo: assets/logo.svg", "logo: brand/../brand/logo.svg")
    path.write_text(text, "utf-8")
    loaded = load_content(path)
    assert loaded.asset("brand/../brand/logo.svg") == (path.parent / "assets" / "logo.svg")


# --- the sync route: content from a git commit ---------------------------------------------


@pytest.fixture
def chain(tmp_path: Path, content_text: str) -> Chain:
    return Chain(tmp_path, content_text)


@needs_git
def test_a_commit_whose_logo_links_out_of_the_repository_is_refused(
    chain: Chain, secret: Path
) -> None:
    good = chain.push(chain.text, "good")
    assert chain.sync().returncode == 0
    logo = chain.editor / "assets" / "logo.svg"
    logo.unlink()
    logo.symlink_to(secret)
    bad = chain.push(chain.text, "a logo from outside")
    done = chain.sync()
    assert done.returncode == 1
    assert f"refused commit {bad[:12]} of main" in done.stderr
    assert "clinic.logo: 'assets/logo.svg' is a link to" in done.stderr
    assert os.readlink(chain.base / "current") == f"releases/{good}"
    assert bad in (chain.base / "refused").read_text().split()


@needs_git
def test_a_commit_whose_content_file_links_out_is_refused_and_remembered(
    chain: Chain, secret: Path, tmp_path: Path
) -> None:
    good = chain.push(chain.text, "good")
    assert chain.sync().returncode == 0
    outside = secret.parent / "content.yaml"
    outside.write_text(chain.text.replace("Willow Street", "Elsewhere"), "utf-8")
    (chain.editor / "content.yaml").unlink()
    (chain.editor / "content.yaml").symlink_to(outside)
    git(chain.editor, "add", "-A")
    git(chain.editor, "commit", "--quiet", "-m", "content from elsewhere")
    git(chain.editor, "push", "--quiet", str(chain.origin), "main")
    bad = git(chain.editor, "rev-parse", "HEAD")
    done = chain.sync()
    assert done.returncode == 1
    assert f"refused commit {bad[:12]} of main: content.yaml is a link to {outside}" in done.stderr
    assert os.readlink(chain.base / "current") == f"releases/{good}"
    assert bad in (chain.base / "refused").read_text().split()
    assert load_content(chain.live).content.clinic.name.startswith("Willow Street")


@needs_git
def test_a_checkout_pulled_in_place_whose_content_file_links_out_is_refused(
    tmp_path: Path, content_text: str, write_content: Write, clock: FakeClock, secret: Path
) -> None:
    path = write_content(content_text)
    git(path.parent, "init", "--quiet", "-b", "main")
    git(path.parent, "add", "-A")
    git(path.parent, "commit", "--quiet", "-m", "good")
    kiosk = Kiosk(load_content(path), clock=clock, source=path)
    outside = secret.parent / "content.yaml"
    outside.write_text(content_text.replace("Willow Street", "Elsewhere"), "utf-8")
    path.unlink()
    path.symlink_to(outside)
    kiosk.check_files()
    clock.now += QUIET_SECONDS
    kiosk.check_files()
    assert kiosk.loaded.content.clinic.name.startswith("Willow Street")
    assert kiosk.content_error is not None
    assert f"the content file is a link to {outside}, outside the synced folder" in (
        kiosk.content_error
    )
