"""Load `content.yaml`: read it safely, validate it, check its references, and report every
problem at once as `FILE:LINE: path.to.field: what is wrong (expected ...)`."""

from __future__ import annotations

import logging
import re
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..paths import resource_root
from .confine import find_inside
from .errors import ContentError, ContentIssue, PathPart, did_you_mean, format_path
from .files import FileError, FileTooBigError, MissingFileError, megabytes, read_regular
from .formats import upgrade
from .kinds import misplaced_key
from .model import Content
from .snapshot import (
    AssetFile,
    CheckMemo,
    DrawCheck,
    Progress,
    SnapshotReader,
    snapshot_version,
)
from .yamlread import LIBYAML, YamlReadError, decode, read_yaml

MAX_FILE_BYTES = 2 * 1024 * 1024 if LIBYAML else 128 * 1024
"""Far more than a clinic writes (the default content, in two languages, is under 40 KB): room
for many languages and screens. libyaml reads 2 MB in well under a second; PyYAML's
pure-Python reader, used only where libyaml is missing, is kept to 128 KB (about 0.75 s for the
slowest kind of file, measured by the fuzz tests)."""
TOO_BIG = (
    f"the file is larger than {megabytes(MAX_FILE_BYTES)}, the most a content file may be:"
    " is something pasted into it twice?"
)
MAX_ISSUES = 100
"""More problems than a clinic reads: the rest are counted, not listed (and not worded: a
file of aliases can hold tens of thousands of mistakes)."""


log = logging.getLogger("kiosk")


@dataclass(frozen=True)
class LoadedContent:
    """Valid content and where it came from; assets are resolved to real files."""

    content: Content
    path: Path
    assets: dict[str, Path] = field(default_factory=dict)
    warnings: tuple[ContentIssue, ...] = ()
    guessable_pin: str | None = None
    """The sample or common PIN the staff PIN's hash is made of (`checks.guessable_pin`, what
    `validate` warns about), or None: the staff panel and `kiosk ctl status` say it too."""
    version: str = ""
    """The start of the SHA-256 of the file and every asset: which edit of the content this is."""
    files: Mapping[Path, bytes] = field(default_factory=dict)
    """The bytes of every file read and checked at load (what the version hashes)."""
    shown: Mapping[Path, bytes] = field(default_factory=dict)
    """What the kiosk shows of each asset, from memory: an SVG with its pictures inside."""
    raw: bytes = b""
    """The content file's own bytes, as read (what a copy of the last good content keeps)."""

    def asset(self, relative: str | None) -> Path | None:
        """The file behind an asset path of the content (checked to exist at load)."""
        if relative is None:
            return None
        return self.assets.get(relative)

    def file(self, relative: str | None) -> AssetFile | None:
        """An asset of the snapshot with the bytes read at load: the running kiosk shows these,
        so a picture deleted or replaced on disk changes nothing until a new snapshot."""
        path = self.asset(relative)
        if path is None:
            return None
        data = self.shown.get(path)
        if data is None:
            data = self.files.get(path)
        return AssetFile(path, data) if data is not None else None


def load_content(
    path: str | Path,
    *,
    draw: DrawCheck | None = None,
    memo: CheckMemo | None = None,
    progress: Progress | None = None,
    shown_as: str | None = None,
) -> LoadedContent:
    """Load and check a content file. Raises `ContentError` listing every problem.

    `draw`, when given, draws each picture once under a time budget (see `kiosk.ui.drawcheck`);
    `memo` keeps the verdicts on fonts and PNG/JPEG pictures from one load to the next.
    `shown_as` is how the messages name the file (`kiosk validate` gives the path as the
    author typed it, `physio/content.yaml`); its bare name when None.
    """
    path = Path(path).resolve()
    name = shown_as or path.name
    try:
        raw = read_regular(path, MAX_FILE_BYTES)
    except FileTooBigError:
        raise ContentError([ContentIssue(name, None, "(file)", TOO_BIG)]) from None
    except MissingFileError:
        raise ContentError(
            [ContentIssue(shown_as or str(path), None, "(file)", "there is no such file")]
        ) from None
    except FileError as problem:
        raise ContentError(
            [ContentIssue(shown_as or str(path), None, "(file)", file_message(problem))]
        ) from None
    try:
        return load_content_bytes(
            raw, path, draw=draw, memo=memo, progress=progress, shown_as=shown_as
        )
    except (ContentError, KeyboardInterrupt):
        raise
    except Exception as error:  # a bug of ours, or a file no check foresaw: never a crash
        log.exception("reading %s failed unexpectedly", path)
        raise ContentError(
            [
                ContentIssue(
                    name,
                    None,
                    "(file)",
                    f"the kiosk could not read this file ({type(error).__name__}); kiosk.log "
                    "has the details for whoever looks after the kiosk",
                )
            ]
        ) from None


def file_message(problem: FileError) -> str:
    """A whole-file problem of the content file, as a sentence of its own."""
    if problem.message.startswith("is "):
        return f"this {problem.message} (save the content as a plain file)"
    return problem.message


def load_content_bytes(
    raw: bytes,
    path: Path,
    *,
    draw: DrawCheck | None = None,
    memo: CheckMemo | None = None,
    progress: Progress | None = None,
    shown_as: str | None = None,
) -> LoadedContent:
    name = shown_as or path.name
    if len(raw) > MAX_FILE_BYTES:
        raise ContentError([ContentIssue(name, None, "(file)", TOO_BIG)])
    try:
        source = decode(raw)
        data, lines = read_yaml(source)
    except YamlReadError as problem:
        raise ContentError(
            [ContentIssue(name, problem.line, problem.path, problem.message)]
        ) from None
    if not isinstance(data, dict):
        raise ContentError(
            [
                ContentIssue(
                    name, 1, "(file)", "expected keys like 'clinic:' and 'screens:' at the top"
                )
            ]
        )
    notes = upgrade(data, lines, name)  # an older format's shapes, read as today's
    try:
        content = Content.model_validate(data)
        content = content.in_language(content.default_language)
    except ValidationError as error:
        issues = _issues_from_validation(error, data, lines, name)
        cut_at = _cut_by_comment(source)
        raise ContentError(
            [
                replace(i, message=f"{i.message} ({cut_at[i.line]})") if i.line in cut_at else i
                for i in issues
            ]
        ) from None

    def line_of(at: Sequence[PathPart]) -> int | None:
        return _line_for(tuple(at), lines)

    from .checks import check_content  # here: a start from a kept snapshot never loads them

    roots = (path.parent.resolve(), (resource_root() / "assets").resolve())

    def find_asset(relative: str) -> Path | None:
        return find_inside(relative, *roots)  # raises OutsideFolderError for a path out

    reader = SnapshotReader(roots, memo, progress)
    checked = check_content(content, find_asset, inspect=reader.inspect, read=reader.read)
    if draw is not None and reader.draw(list(checked.assets.values()), draw):
        checked = check_content(content, find_asset, inspect=reader.inspect, read=reader.read)
    problems, assets = checked.problems, checked.assets
    issues = [
        ContentIssue(name, line_of(p.path), format_path(p.path), p.message, p.severity)
        for p in problems
    ]
    errors = [i for i in issues if i.severity == "error"]
    if errors:
        raise ContentError(_capped(errors, name))
    cut = [
        ContentIssue(name, line, _path_at_line(line, lines), advice, "warning")
        for line, advice in _cut_by_comment(source).items()
    ]
    warnings = (*notes, *cut, *(i for i in issues if i.severity == "warning"))
    return LoadedContent(
        content=content,
        path=path,
        assets=assets,
        warnings=warnings,
        guessable_pin=checked.guessable_pin,
        version=snapshot_version(raw, reader.files, reader.roots),
        raw=raw,
        files=MappingProxyType(dict(reader.files)),
        shown=MappingProxyType({found: reader.shown(found) for found in set(assets.values())}),
    )


# --- turning pydantic's errors into a clinic's words -------------------------------------

_COMMENT_CUT = re.compile(
    r"^(?P<indent>[ ]*)(?:-[ ]+)?(?P<key>[A-Za-z_][\w-]*):[ \t]+#(?P<text>\S.*)$"
)


def _cut_by_comment(source: str) -> dict[int, str]:
    """Lines whose value is cut off by '#' ("address: #4 Mill Lane" is an empty address and
    a comment): what to say, by line. Only where the key has nothing under it, so a comment
    after a key whose items follow ("questions:  # the list") is left alone (clinic tester:
    the address quietly became empty; a required name said only "expected text")."""
    found: dict[int, str] = {}
    rows = source.split("\n")
    for index, row in enumerate(rows):
        match = _COMMENT_CUT.match(row)
        if match is None:
            continue
        below = next(
            (r for r in rows[index + 1 :] if r.strip() and not r.lstrip().startswith("#")), ""
        )
        if len(below) - len(below.lstrip(" ")) > len(match["indent"]):
            continue  # the key's own items follow: a comment after a key, as meant
        key, text = match["key"], "#" + match["text"]
        found[index + 1] = (
            f"'{key}' is empty: a '#' after a space starts a comment in YAML, so '{text}' is"
            f' left out; put quotes around the text: {key}: "{text}"'
        )
    return found


def _path_at_line(line: int, lines: dict[tuple[PathPart, ...], int]) -> str:
    paths = [path for path, at in lines.items() if at == line]
    return format_path(max(paths, key=len)) if paths else "(file)"


def _line_for(path: tuple[PathPart, ...], lines: dict[tuple[PathPart, ...], int]) -> int | None:
    while True:
        if path in lines:
            return lines[path]
        if not path:
            return None
        path = path[:-1]


def _data_path(loc: tuple[int | str, ...], data: Any) -> tuple[PathPart, ...]:
    """Follow pydantic's `loc` through the data, dropping union tags it inserts."""
    out: list[PathPart] = []
    current = data
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(current, dict) and isinstance(part, str) and part in current:
            current = current[part]
            out.append(part)
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
            out.append(part)
        elif last and isinstance(current, dict) and isinstance(part, str):
            out.append(part)  # a missing key
        # else: a tag pydantic adds for a union branch, not a place in the file
    return tuple(out)


def _unwrap(annotation: Any) -> list[Any]:
    """The model classes an annotation may hold (through Optional, list, dict, Annotated)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, dict, tuple):
        found: list[Any] = []
        for arg in typing.get_args(annotation):
            found.extend(_unwrap(arg))
        return found
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


def _model_at(path: tuple[PathPart, ...], data: Any) -> type[BaseModel] | None:
    """The model class describing the mapping at `path` in the data."""
    candidates: list[type[BaseModel]] = [Content]
    current = data
    for part in path:
        if isinstance(part, int):
            fits = isinstance(current, list) and -len(current) <= part < len(current)
            current = current[part] if fits else None
            continue
        # a list of several kinds (the questions): the kind of the item reached, not the first
        model = _pick_variant(candidates, current)
        info = _field_by_key(model, part)
        if info is None:
            return None
        candidates = _unwrap(info.annotation)
        current = current.get(part) if isinstance(current, dict) else None
        if not candidates:
            return None
    return _pick_variant(candidates, current)


def _pick_variant(candidates: list[type[BaseModel]], value: Any) -> type[BaseModel]:
    if len(candidates) > 1:
        sample = value[0] if isinstance(value, list) and value else value
        tag = sample.get("type") if isinstance(sample, dict) else None
        for candidate in candidates:
            type_field = candidate.model_fields.get("type")
            if type_field is not None and tag in typing.get_args(type_field.annotation):
                return candidate
    return candidates[0]


def _field_by_key(model: type[BaseModel], key: str) -> Any:
    for name, info in model.model_fields.items():
        if (info.alias or name) == key:
            return info
    return None


def _keys_of(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"'{shown}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of keys"
    return type(value).__name__


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int | float) or (isinstance(value, str) and value.isdigit())


_PATTERN_WORDS = {  # the first whose start the pattern has
    "^#": 'a colour like "#1F5F5B"',
    "^[a-z]{2,3}(": "a language code like fr, en, ar or pt-BR (two or three small letters)",
    "^[a-z]": "a short name of lower-case letters, digits and _ (like deep_tissue)",
    "^https?": "a web address starting with https://",
    "^[A-Za-z0-9]": "a name of letters, digits, '.', '_' and '-' (like elm-road-1)",
}


def _message(err: ErrorDetails, data: Any, path: tuple[PathPart, ...]) -> str:
    kind = err["type"]
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    given = err.get("input")
    got = f", got {_describe(given)}"
    if kind == "missing":
        return "this key is required but missing"
    if path and path[-1] == "equals" and _is_number(given):
        # a number tested with `equals`: the answer to a 0-10 scale (clinic tester: quoting
        # the 8 only swapped one message for another, and neither said how)
        return (
            f"equals takes an answer's id{got}; a 0 to 10 scale's answer is a number: test it"
            f" with at_least and at_most, like {{question: pain_now, at_least: {given}}}"
        )
    if kind == "extra_forbidden":
        key = str(path[-1]) if path else "?"
        model = _model_at(path[:-1], data)
        misplaced = misplaced_key(model, key) if model else None
        if misplaced is not None:
            return misplaced
        allowed = _keys_of(model) if model else []
        hint = did_you_mean(key, allowed)
        expected = f" (expected one of: {', '.join(allowed)})" if allowed and not hint else ""
        return f"unknown key '{key}'{hint}{expected}"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        tags = [t.strip(" '") for t in str(ctx.get("expected_tags", "")).split(",")]
        tag = ctx.get("tag")
        if tag is None:
            return f"type is missing (expected one of: {', '.join(tags)})"
        hint = did_you_mean(str(tag), tags)
        return f"unknown type '{tag}'{hint} (expected one of: {', '.join(tags)})"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "")
        hint = did_you_mean(
            str(given), [e.strip() for e in expected.replace(" or ", ",").split(",")]
        )
        return f"expected one of {expected}{got}{hint}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        words = next((w for p, w in _PATTERN_WORDS.items() if pattern.startswith(p)), None)
        return f"expected {words or 'text matching ' + pattern}{got}"
    if kind in ("string_type", "string_sub_type"):
        if isinstance(given, dict):
            return (
                "expected one value here, the same in every language, not a group of keys"
                " (words a visitor reads and web addresses may be given per language;"
                " codes, colours, file names and ids may not)"
            )
        if isinstance(given, list):
            return f"expected one value here{got}"
        if isinstance(given, bool):
            return _boolean_read(given, path)
        return f"expected text{got} (put quotes around it)"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long ({ctx.get('max_length')} characters at most)"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number{got}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false{got}"
    if kind in ("list_type", "tuple_type"):
        return f"expected a list (lines starting with '- '){got}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a group of keys{got}"
    if kind == "too_short":
        need = ctx.get("min_length", 1)
        return f"needs at least {need} item{'s' if need != 1 else ''}"
    if kind == "too_long":
        most = ctx.get("max_length")
        return f"has {ctx.get('actual_length')} items; at most {most} fit here"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}{got}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}{got}"
    if kind.startswith("date"):
        return f"expected a date like 2026-11-01{got}"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    return str(err["msg"])


def _boolean_read(given: bool, path: tuple[PathPart, ...]) -> str:
    """Text written true or false without quotes: YAML reads a true-or-false value (only
    these two words: yes, no, on and off are read as words, as YAML 1.2 says; clinic tester,
    who knew YAML 1.1's `no` as false)."""
    word = str(given).lower()
    answer = (path[-1:] == ("equals",) or "includes" in path[-2:]) or (
        path[-1:] == ("id",) and "options" in path[-3:-2]
    )
    if answer:
        return (
            f"YAML read {word} as a true-or-false value, not as an answer's id: a yes_no"
            f" question's answers are yes and no (no quotes needed); an id that is the word"
            f' {word} goes in quotes, "{word}"'
        )
    return f'YAML read {word} as a true-or-false value, not as text: write it in quotes, "{word}"'


_TYPE_MISMATCH = {"string_type", "list_type", "int_type", "bool_type", "dict_type", "model_type"}


def _issues_from_validation(
    error: ValidationError, data: Any, lines: dict[tuple[PathPart, ...], int], name: str
) -> list[ContentIssue]:
    """One issue per place. A union (text or a list, say) reports once per branch: keep the
    branch that matched the value's type, not "expected text" for a list."""
    chosen: dict[str, tuple[ErrorDetails, tuple[PathPart, ...]]] = {}
    for err in error.errors(include_url=False):
        path = _data_path(tuple(err["loc"]), data)
        if err["type"] in ("union_tag_invalid", "union_tag_not_found"):
            path = (*path, "type")
        shown = format_path(path)
        if shown not in chosen or (
            chosen[shown][0]["type"] in _TYPE_MISMATCH and err["type"] not in _TYPE_MISMATCH
        ):
            chosen[shown] = (err, path)
    placed = sorted(
        ((_line_for(path, lines), shown, err, path) for shown, (err, path) in chosen.items()),
        key=lambda item: item[0] or 0,
    )
    issues = [
        ContentIssue(name, line, shown, _message(err, data, path))
        for line, shown, err, path in placed[:MAX_ISSUES]
    ]
    if len(placed) > MAX_ISSUES:
        issues.append(_more(len(placed) - MAX_ISSUES, placed[MAX_ISSUES][0], name))
    return issues


def _capped(issues: list[ContentIssue], name: str) -> list[ContentIssue]:
    if len(issues) <= MAX_ISSUES:
        return issues
    return [*issues[:MAX_ISSUES], _more(len(issues) - MAX_ISSUES, issues[MAX_ISSUES].line, name)]


def _more(count: int, line: int | None, name: str) -> ContentIssue:
    return ContentIssue(
        name,
        line,
        "(file)",
        f"and {count} more problem{'s' if count != 1 else ''} not listed"
        " (fix the ones above and check again)",
    )
