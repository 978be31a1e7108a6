"""The README and the pages of docs/ link only to what exists: every relative link and picture
is a file of the repository, and every `#anchor` a heading of the page it names, so a newcomer
following the README's map of the docs never meets a dead link."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"```.*?```", re.S)


def _prose(page: Path) -> str:
    """The page without its fenced code blocks (a `# comment` there is not a heading)."""
    return FENCE.sub("", page.read_text(encoding="utf-8"))


def _anchor(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    return {_anchor(h) for h in re.findall(r"^#+ (.*)$", _prose(page), re.M)}


def _broken_links(page: Path) -> list[str]:
    text = _prose(page)
    targets = re.findall(r"\]\(([^)\s]+)\)", text) + re.findall(r'src="([^"]+)"', text)
    broken = []
    for target in targets:
        if re.match(r"[a-z]+:", target):
            continue  # https:, mailto: ...
        path, _, fragment = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        if not linked.exists():
            broken.append(f"{target}: no such file")
        elif fragment and linked.suffix == ".md" and fragment not in _anchors(linked):
            broken.append(f"{target}: no heading with that anchor")
    return broken


def test_every_link_of_the_readme_and_the_docs_leads_somewhere() -> None:
    assert len(PAGES) > 1
    broken = {
        page.relative_to(ROOT).as_posix(): links for page in PAGES if (links := _broken_links(page))
    }
    assert broken == {}


def test_the_readme_maps_every_page_of_the_docs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    unmapped = [page.name for page in PAGES[1:] if f"](docs/{page.name})" not in readme]
    assert unmapped == []


def test_the_check_finds_a_missing_file_and_a_missing_heading(tmp_path: Path) -> None:
    (tmp_path / "other.md").write_text("# Other\n\n## 6a. Languages\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n\n[fine](other.md#6a-languages) [here](#page) ![gone](images/gone.png)\n"
        "[no heading](other.md#languages)\n\n```sh\n# not a heading\n```\n",
        encoding="utf-8",
    )
    assert _broken_links(page) == [
        "images/gone.png: no such file",
        "other.md#languages: no heading with that anchor",
    ]
