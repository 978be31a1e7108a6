"""The parts every kind of screen is made of: the value types of `content.yaml` (ids, colours,
links, asset paths, texts), the base of every model, an article's blocks and the base of a
screen. No Qt here. `model.py` builds the whole file from these and from the kinds
(`kinds/`); each kind's model builds on these too.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)

from .errors import PathPart
from .i18n import (
    Localized,
    per_language_schema,
    serialize_text,
    text_schema,
    text_validator,
)

BODY_REGIONS: tuple[str, ...] = (
    "lower_back",
    "buttock_left",
    "buttock_right",
    "thigh_left",
    "thigh_right",
    "calf_left",
    "calf_right",
    "foot_left",
    "foot_right",
)
"""The regions of the lower body seen from behind (`assets/bodymap/body_back.svg`, the visitor's
left on the left): the options of a body map that gives neither figure nor options."""

WHOLE_BODY_REGIONS: tuple[str, ...] = (
    "neck",
    "shoulder_left",
    "shoulder_right",
    "upper_back",
    "lower_back",
    "elbow_left",
    "elbow_right",
    "wrist_hand_left",
    "wrist_hand_right",
    "hip_left",
    "hip_right",
    "knee_left",
    "knee_right",
    "ankle_foot_left",
    "ankle_foot_right",
)
"""The regions of the whole body from the front and from behind
(`assets/bodymap/body_front_back.svg`)."""

REGION_NAMES: tuple[str, ...] = tuple(dict.fromkeys(BODY_REGIONS + WHOLE_BODY_REGIONS))
"""The regions of the figures the kiosk ships, which it names itself (`ui_text.regions`)."""

ElementId = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_.-]*$", max_length=100),
    Field(
        description="The id of an element of the figure's SVG (in Inkscape: Object > Object"
        " Properties > ID): letters, digits, _ . and -, starting with a letter or _."
    ),
]
"""The id of one element (a shape or a group) of an SVG figure."""


@dataclass(frozen=True)
class Asset:
    """Marks a field whose value is the path of a file the content uses (see
    `assets.assets_of`): a picture or a font."""

    kind: Literal["image", "font"]


Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64),
    Field(description="A short name: lower-case letters, digits and _ (e.g. deep_tissue)."),
]
Color = Annotated[
    str,
    StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$"),
    Field(description='A colour as "#RRGGBB", e.g. "#1F5F5B".'),
]
URL_PATTERN = r"^https?://[^\s/$.?#][^\s]*$"
_URL = re.compile(URL_PATTERN)


def _url_validator() -> Any:
    """A web address, or one per language (a booking page in each language)."""
    as_text = text_validator(2000, False)

    def validate(value: Any, info: ValidationInfo) -> Localized:
        text = as_text(value, info)
        for language, link in (text.translations or {None: text}).items():
            if not _URL.match(link):
                where = f"the '{language}' link: " if language else ""
                raise ValueError(
                    f"{where}expected a web address starting with https:// or http://,"
                    f" got '{link[:60]}'"
                )
        return text  # type: ignore[no-any-return]

    return validate


def _url_schema() -> dict[str, Any]:
    return {
        **per_language_schema({"type": "string", "pattern": URL_PATTERN, "maxLength": 2000}),
        "description": "A web address starting with https:// or http://, or one per language"
        " (en: https://..., es: https://...).",
    }


Url = Annotated[
    Localized,
    PlainValidator(_url_validator()),
    PlainSerializer(serialize_text),
    WithJsonSchema(_url_schema()),
]
"""A web address, the same in every language or one per language."""
AssetPath = Annotated[
    str,
    StringConstraints(min_length=1, max_length=500),
    Field(description="A file path, relative to the folder of content.yaml."),
    Asset("image"),
]
"""A picture (SVG, PNG or JPEG), relative to the folder of content.yaml."""
FontPath = Annotated[
    str,
    StringConstraints(min_length=1, max_length=500),
    Field(description="A file path, relative to the folder of content.yaml."),
    Asset("font"),
]
"""A font file (TrueType or OpenType), relative to the folder of content.yaml."""
Text = Annotated[
    Localized,
    PlainValidator(text_validator(4000, True)),
    PlainSerializer(serialize_text),
    WithJsonSchema(text_schema(4000)),
]
"""Words a visitor reads: one string, or one per language (`en: ...`, `es: ...`)."""
ShortText = Annotated[
    Localized,
    PlainValidator(text_validator(120, True)),
    PlainSerializer(serialize_text),
    WithJsonSchema(text_schema(120)),
]
"""A title or a button's words: one string, or one per language."""
Name = Annotated[
    Localized,
    PlainValidator(text_validator(120, False)),
    PlainSerializer(serialize_text),
    WithJsonSchema(text_schema(120)),
]
"""A name or number that usually reads the same in every language (a clinic, a person, a
phone number): one string, or one per language where it differs."""


Citation = Annotated[
    Localized,
    PlainValidator(text_validator(4000, False)),
    PlainSerializer(serialize_text),
    WithJsonSchema(text_schema(4000)),
]
"""A source, cited as published."""


class Model(BaseModel):
    """Base of every part of the content: unknown keys are errors, values never change."""

    # defer_build: a model's validator is built when it first validates (in the content
    # worker, `kiosk validate`), not at import: a start from a kept snapshot never validates
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Link(Model):
    """A page to take home: a QR code a visitor scans with their phone, with its short
    address in words beside it."""

    label: ShortText = Field(description="What the page is, e.g. Our page on sciatica.")
    url: Url = Field(
        description="The page's address (https://...), or one per language (en: ..., es: ...)."
    )
    caption: Text | None = Field(
        None, description="A line under the label, e.g. Scan with your phone's camera."
    )


class Block(Model):
    """One block of an article: exactly one of paragraph, bullets, callout, image or link."""

    paragraph: Text | None = Field(None, description="A paragraph of text.")
    bullets: list[Text] | None = Field(
        None, min_length=1, description="A list of short points, one per line."
    )
    callout: Text | None = Field(None, description="Text in a highlighted box.")
    image: AssetPath | None = Field(
        None, description="A picture (SVG, PNG or JPEG), relative to content.yaml."
    )
    caption: ShortText | None = Field(None, description="Words under an image.")
    link: Link | None = Field(
        None,
        description="A page to take home, drawn as a QR code with its address in words.",
    )

    @model_validator(mode="after")
    def _exactly_one(self) -> Block:
        kinds = ("paragraph", "bullets", "callout", "image", "link")
        given = [k for k in kinds if getattr(self, k)]
        if len(given) != 1:
            raise ValueError(
                "a block needs exactly one of paragraph, bullets, callout, image or link"
                + (f" (found {', '.join(given)})" if given else "")
            )
        if self.caption and not self.image:
            raise ValueError("caption goes with an image")
        return self


class ScreenBase(Model):
    id: Id = Field(description="A short name for this screen (lower-case letters, digits and _).")
    title: ShortText = Field(description="The heading at the top of the screen.")
    sources: list[Citation] = Field(default_factory=list, description="Where the facts come from.")
    reviewed: date | None = Field(None, description="When the text was last checked.")


# --- the files a content uses -----------------------------------------------------------------


@dataclass(frozen=True)
class AssetField:
    """One asset path given in the content: where it sits, the path, and what kind of file."""

    path: tuple[PathPart, ...]
    relative: str
    kind: Literal["image", "font"]


def links_of(
    model: BaseModel, base: tuple[PathPart, ...] = ()
) -> Iterator[tuple[tuple[PathPart, ...], Link]]:
    """Every link block's link in `model` and the models inside it, with its path, in the
    order of the file (articles, results, any kind of screen with blocks)."""
    for name, info in type(model).model_fields.items():
        yield from _links_in(getattr(model, name), (*base, info.alias or name))


def _links_in(
    value: Any, path: tuple[PathPart, ...]
) -> Iterator[tuple[tuple[PathPart, ...], Link]]:
    if isinstance(value, Link):
        yield path, value
    elif isinstance(value, BaseModel):
        yield from links_of(value, path)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _links_in(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _links_in(item, (*path, str(key)))


def assets_of(model: BaseModel, base: tuple[PathPart, ...] = ()) -> Iterator[AssetField]:
    """Every asset path given in `model` and the models inside it, in the order of the file:
    the values of every field typed as an asset (`AssetPath`, `FontPath`), however deep, with
    no list of where assets are. A new kind of screen with a picture needs nothing here."""
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        if value is None:
            continue
        path = (*base, info.alias or name)
        marker = _asset_marker(info.metadata) or _asset_marker([info.annotation])
        if marker is not None and isinstance(value, str):
            yield AssetField(path, value, marker.kind)
        else:
            yield from _assets_in(value, path, _item_marker(info.annotation))


def _assets_in(
    value: Any, path: tuple[PathPart, ...], marker: Asset | None = None
) -> Iterator[AssetField]:
    """The assets inside a value; `marker` marks the items of a list or the values of a
    mapping typed as assets (`brand.fonts: {ar: assets/...}`)."""
    if isinstance(value, str) and marker is not None:
        yield AssetField(path, value, marker.kind)
    elif isinstance(value, BaseModel):
        yield from assets_of(value, path)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _assets_in(item, (*path, index), marker)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _assets_in(item, (*path, str(key)), marker)


def _item_marker(annotation: Any) -> Asset | None:
    """The `Asset` mark of the items of a list, or the values of a mapping, of assets."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return next(
            (m for a in typing.get_args(annotation) if (m := _item_marker(a)) is not None), None
        )
    if origin is dict:
        return _asset_marker([typing.get_args(annotation)[1]])
    if origin in (list, tuple):
        return _asset_marker([typing.get_args(annotation)[0]])
    return None


def _asset_marker(annotations: list[Any]) -> Asset | None:
    """The `Asset` mark of a field: in its metadata, or in an `Annotated` (maybe optional)."""
    for annotation in annotations:
        if isinstance(annotation, Asset):
            return annotation
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            found = _asset_marker(list(annotation.__metadata__))
        elif origin in (typing.Union, types.UnionType):
            found = _asset_marker(list(typing.get_args(annotation)))
        else:
            found = None
        if found is not None:
            return found
    return None
