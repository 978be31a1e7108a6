"""One run of the checks: the content checked, what the checks found so far (the asset files,
the figures' ids, the problems) and how each check reports a problem at the path of the value
at fault. No Qt here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..confine import KIOSK_ASSET
from ..errors import PathPart, Severity, did_you_mean
from ..files import FileError, FileReader, read_regular
from ..i18n import Localized
from ..model import Content
from ..pictures import MAX_IMAGE_BYTES, FigureIds, svg_parts
from .finding import AssetFinder, AssetInspector, finding_own, own_of_relative

Path_ = tuple[PathPart, ...]
"""Where a value sits in the file (`("screens", 2, "title")`)."""
Placed = tuple[Path_, str]
"""A text of the content and the path of its value."""


@dataclass(frozen=True)
class Problem:
    path: Path_
    message: str
    severity: Severity = "error"


class Run:
    """The state one run of the checks shares: each check reads the content and what the
    checks before it found, and adds its problems."""

    def __init__(
        self,
        content: Content,
        find_asset: AssetFinder,
        today: date,
        inspect: AssetInspector,
        read: FileReader = read_regular,
    ) -> None:
        self.content = content
        self.find_asset = finding_own(find_asset)
        self.inspect = inspect
        self.today = today
        self.read = read
        self.problems: list[Problem] = []
        self.assets: dict[str, Path] = {}
        """The files the content's asset paths name (those that passed their check)."""
        self.file_problems: dict[tuple[Path, str], str | None] = {}
        self.modality_ids = {m.id for m in content.modalities}
        self.questions = {q.id: q for q in content.self_check.questions}
        self.order = {q.id: i for i, q in enumerate(content.self_check.questions)}
        self.score_names = set().union(*(q.score_names for q in content.self_check.questions))
        self.ids: dict[tuple[Path, bool], FigureIds | None] = {}
        self.guessable_pin: str | None = None
        self.words: dict[str, list[Placed]] | None = None

    def error(self, path: Path_, message: str) -> None:
        self.problems.append(Problem(path, message))

    def warn(self, path: Path_, message: str) -> None:
        self.problems.append(Problem(path, message, "warning"))

    def modality(self, path: Path_, modality_id: str) -> None:
        """An error unless a modality has this id (with "did you mean ...?")."""
        if modality_id not in self.modality_ids:
            known = ", ".join(sorted(self.modality_ids)) or "none defined"
            self.error(
                path,
                f"no modality has the id '{modality_id}'"
                f"{did_you_mean(modality_id, self.modality_ids)} (modalities: {known})",
            )

    def figure_ids(self, relative: str, *, regions: bool = False) -> FigureIds | None:
        """The ids a part (or, with `regions`, a body map's region) of a figure that passed
        its check as a picture may name, or None."""
        found = self.assets.get(relative)
        if found is None or found.suffix.lower() != ".svg":
            return None
        if (found, regions) not in self.ids:
            try:
                self.ids[found, regions] = svg_parts(
                    self.read(found, MAX_IMAGE_BYTES), regions=regions
                )
            except FileError:
                self.ids[found, regions] = None
        return self.ids[found, regions]

    def shadowed(self, relative: str) -> str | None:
        """`kiosk:NAME` when the file found for `relative` is the clinic's own, standing in
        for the kiosk's file of the same name (a copy an older `kiosk init` made, perhaps)."""
        found = self.assets.get(relative)
        if found is None or relative.startswith(KIOSK_ASSET):
            return None
        own = own_of_relative(relative)
        if own is None or own.resolve() == found.resolve():
            return None
        name = Path(relative).as_posix().removeprefix("./").removeprefix("assets/")
        return f"{KIOSK_ASSET}{name}"

    def at(self, base: Path_) -> At:
        """This run as a kind's checks see it: paths from the start of its screen or
        question (`kinds.Checks`)."""
        return At(self, base)


class At:
    """A kind's view of the run: paths from the start of its screen or question."""

    def __init__(self, run: Run, base: Path_) -> None:
        self.run = run
        self.base = base

    def error(self, path: Path_, message: str) -> None:
        self.run.error((*self.base, *path), message)

    def warn(self, path: Path_, message: str) -> None:
        self.run.warn((*self.base, *path), message)

    def modality(self, path: Path_, modality_id: str) -> None:
        self.run.modality((*self.base, *path), modality_id)

    def figure_ids(self, relative: str, *, regions: bool = False) -> FigureIds | None:
        return self.run.figure_ids(relative, regions=regions)

    def shadowed(self, relative: str) -> str | None:
        return self.run.shadowed(relative)


def variants(text: str) -> list[tuple[str | None, str]]:
    """Each language's words of a text, with its code (None for a plain string)."""
    if isinstance(text, Localized) and text.translations:
        return list(text.translations.items())
    return [(None, text)]
