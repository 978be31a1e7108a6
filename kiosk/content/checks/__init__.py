"""Checks across the parts of valid-shaped content: ids, references, rules, files, colours,
links, and the warnings a clinic would want (hard reading, old reviews, long paragraphs).

One module a concern: `references` (ids, modalities, screens), `assets` (pictures and fonts
found and readable), `questions` (the self-check's rules and conditions), `words` (the
kiosk's own words, languages), `glyphs` (fonts that draw every letter), `pin` (the staff
PIN), `contrast` (the brand's colours), `links`, `reading` (grade, ease, paragraphs, reviews;
the formulas in `readability`). `run` holds what one run shares; `check_content` runs them
all, in this order.

Each problem names the path of the value at fault, so the loader can give its line. Errors stop
the content from loading; warnings are printed by `kiosk validate` and do not.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import NamedTuple

from ..files import FileReader, read_regular
from ..model import Content
from . import assets, contrast, glyphs, links, pin, questions, reading, references, words
from .finding import AssetFinder, AssetInspector, inspect_asset
from .run import Problem, Run

__all__ = ["Checked", "Problem", "check_content"]

CHECKS: tuple[Callable[[Run], None], ...] = (
    references.unique_ids,
    assets.assets,
    references.modality_refs,
    references.screens,
    questions.questions,
    questions.outcomes,
    words.ui_text,
    words.languages,
    glyphs.coverage,
    glyphs.letters,
    pin.staff,
    contrast.contrast,
    links.links,
    reading.reading,
)
"""Every check, in the order it runs (a later check may use what an earlier one found: the
asset files, most of all)."""


class Checked(NamedTuple):
    problems: list[Problem]
    assets: dict[str, Path]
    """The files the content's asset paths name."""
    guessable_pin: str | None
    """The sample or common PIN the staff PIN's hash is made of (`pin.guessable_pin`), or
    None."""


def check_content(
    content: Content,
    find_asset: AssetFinder,
    *,
    today: date | None = None,
    inspect: AssetInspector | None = None,
    read: FileReader = read_regular,
) -> Checked:
    """Every problem of valid-shaped content, the files its asset paths name, and the
    guessable PIN behind its staff PIN hash if it is one.

    `today` (the real date when None) is what review dates are measured against; `inspect`
    checks each asset file (`inspect_asset` when None); `read` reads a figure whose element
    ids the content names. A name `kiosk:NAME` is the kiosk's own `assets/NAME`, whatever
    `find_asset` would find; a figure of the clinic's that stands in for one of the kiosk's
    of the same name is warned about.
    """
    run = Run(content, find_asset, today or date.today(), inspect or inspect_asset, read)
    for check in CHECKS:
        check(run)
    return Checked(run.problems, run.assets, run.guessable_pin)
