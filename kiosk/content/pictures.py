"""Pictures checked for real, without Qt: an SVG read as a tree whose references stay in the
content folder and whose `<use>` copies are counted before anything is drawn; a PNG or JPEG,
on its own or inside an SVG, read to its end by `raster`.

Each check returns what makes a picture unusable, worded to follow its name in a message
(`'assets/logo.svg' has ...`), or None when it is fine. Budgets:

- at most `MAX_IMAGE_BYTES` a file, `raster.MAX_IMAGE_SIDE` px on a side and
  `raster.MAX_PIXELS` pixels (what a decoded picture costs in memory: 4 bytes a pixel, 64 MB
  at most);
- an SVG draws at most `MAX_SVG_DRAWN` elements once every `<use>` is expanded (a 2 KB file
  of nested `<use>` can ask for ten million), and may refer only to pictures inside the
  content folder (or the kiosk's own `assets/`), by a relative path or embedded as `data:`.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.parsers import expat

from .files import FileError, FileReader, megabytes, read_regular
from .raster import raster_problem

MAX_IMAGE_BYTES = 5 * 1024 * 1024
"""The largest picture file (PNG, JPEG or SVG) the kiosk accepts."""
MAX_SVG_DRAWN = 20_000
"""The most elements an SVG may draw once each `<use>` is expanded. The kiosk's own drawings
draw fewer than 200; Qt draws about 150,000 a second here, so this is well under a second."""
MAX_SVG_NESTING = 2
"""An SVG may show an SVG picture, which may show PNGs or JPEGs, and no deeper."""

XLINK = "http://www.w3.org/1999/xlink"
SVG_NS = "http://www.w3.org/2000/svg"


# --- SVG (a PNG or JPEG is read to its end by `raster`) --------------------------------------


@dataclass(eq=False)
class _Element:
    tag: str
    line: int
    attrs: dict[str, str]
    start: bytes = b""
    """The element's start tag as written (to find an address in it)."""
    children: list[_Element] = field(default_factory=list)


def _parse_svg(data: bytes) -> _Element | str:
    """The element tree with each element's line, or why the SVG is not well-formed."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[_Element] = []
    root: list[_Element] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        begin = parser.CurrentByteIndex
        written = data[begin : data.find(b">", begin) + 1] if _href_of(attrs) else b""
        element = _Element(tag, parser.CurrentLineNumber, attrs, written)
        if stack:
            stack[-1].children.append(element)
        else:
            root.append(element)
        stack.append(element)

    def end(_tag: str) -> None:
        stack.pop()

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        return (
            f"is not a well-formed SVG file: {expat.ErrorString(error.code)}"
            f" on line {error.lineno}, column {error.offset + 1} of the SVG"
        )
    return root[0]


def svg_ids(data: bytes) -> dict[str, int] | None:
    """The ids of an SVG's elements, each with its line in the SVG (for a figure whose parts
    the content names by id), or None when it is not a well-formed SVG."""
    parsed = _parse_svg(data)
    if isinstance(parsed, str):
        return None
    ids: dict[str, int] = {}
    stack = [parsed]
    while stack:
        element = stack.pop()
        ident = element.attrs.get("id")
        if ident and ident not in ids:
            ids[ident] = element.line
        stack.extend(reversed(element.children))
    return ids


DRAWN_TAGS = frozenset(
    {
        "svg",
        "g",
        "a",
        "switch",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "use",
        "image",
        "text",
    }
)
"""Elements drawn where they stand, which the kiosk can draw again to light them up and test
a tap against (`QSvgRenderer.render` by id). Whatever sits in `<defs>`, a gradient, a clip
path, a mask, a marker, a style or Inkscape's own bookkeeping is not drawn there, and the
root is the whole figure, not a part of it."""
CONTAINER_TAGS = frozenset({"svg", "g", "a", "switch"})


@dataclass(frozen=True)
class FigureIds:
    """The ids of a figure that a part (anatomy) or a region (body map) may name."""

    usable: frozenset[str]
    """Every id a part or region may name."""
    offered: tuple[str, ...]
    """Those to list in an error, sorted. On a body map, a group that gathers other regions
    (the `regions` layer of the kiosk's own figures) is left out."""


def _classes(element: _Element) -> set[str]:
    return set(element.attrs.get("class", "").split())


def svg_parts(data: bytes, *, regions: bool = False) -> FigureIds | None:
    """The ids of an SVG's elements that are drawn (not the root, nothing in `<defs>` ...),
    or None when it is not a well-formed SVG. With `regions` (a body map) and a figure that
    marks its tap regions with `class="region"`, as the kiosk's own figures do, only an
    element whose shapes are all regions counts: the body outline, a view of the body
    (`front`, `back`) or the spine drawn as a detail is not a region a visitor can tap."""
    parsed = _parse_svg(data)
    if isinstance(parsed, str):
        return None
    marks_regions = regions and any("region" in _classes(e) for e in _iter(parsed))
    shapes: dict[int, tuple[bool, bool]] = {}
    """id(element) -> (it draws any shape, all its shapes are regions)."""
    gathers: dict[int, bool] = {}
    """id(element) -> a usable id stands below it (a layer of regions, not a region)."""
    usable: list[_Element] = []
    usable_ids: set[int] = set()
    # after its children, each element (a loop, not recursion: a figure may nest deeply)
    stack: list[tuple[_Element, bool, bool]] = [(parsed, False, False)]
    while stack:
        element, inside_region, children_done = stack.pop()
        region = inside_region or "region" in _classes(element)
        container = _local(element.tag) in CONTAINER_TAGS
        drawn = [c for c in element.children if _local(c.tag) in DRAWN_TAGS] if container else []
        if container and not children_done:
            stack.append((element, inside_region, True))
            stack.extend((child, region, False) for child in drawn)
            continue
        if container:
            results = [shapes[id(child)] for child in drawn]
            found = (any(d for d, _ in results), all(r for d, r in results if d))
        else:
            found = (True, region)
        shapes[id(element)] = found
        gathers[id(element)] = any(gathers[id(child)] or id(child) in usable_ids for child in drawn)
        if element is not parsed and element.attrs.get("id") and (not marks_regions or all(found)):
            usable.append(element)
            usable_ids.add(id(element))

    offered = sorted({e.attrs["id"] for e in usable if not (marks_regions and gathers[id(e)])})
    return FigureIds(frozenset(e.attrs["id"] for e in usable), tuple(offered))


def _iter(element: _Element) -> Iterator[_Element]:
    stack = [element]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


def _local(tag: str) -> str:
    return tag.rpartition(" ")[2]


def _href_of(attrs: dict[str, str]) -> str | None:
    return attrs.get(f"{XLINK} href") or attrs.get("href")


def _href(element: _Element) -> str | None:
    return _href_of(element.attrs)


@dataclass(frozen=True)
class SvgPlace:
    """Where an SVG is and which folders its references may reach."""

    location: Path
    roots: tuple[Path, ...]
    read: FileReader = read_regular


def svg_problem(data: bytes, place: SvgPlace, nesting: int = 0) -> str | None:
    """Well-formed, `<svg>` at its root, references inside the content folder, its `<use>`
    copies counted within `MAX_SVG_DRAWN`."""
    parsed = _parse_svg(data)
    if isinstance(parsed, str):
        return parsed
    root = parsed
    if root.tag not in ("svg", f"{SVG_NS} svg"):
        return f"is XML but not an SVG picture (it starts with <{_local(root.tag)}>, not <svg>)"
    ids: dict[str, _Element] = {}
    elements = [root]
    index = 0
    while index < len(elements):  # every element, in document order, without recursion
        element = elements[index]
        index += 1
        elements.extend(element.children)
        element_id = element.attrs.get("id")
        if element_id is not None:
            ids.setdefault(element_id, element)
        if len(elements) > MAX_SVG_DRAWN:
            return _too_many(len(elements))
    for element in elements:
        href = _href(element)
        if href is not None:
            problem = _href_problem(href.strip(), element, place, nesting)
            if problem is not None:
                return problem
    return _use_problem(root, ids)


def _too_many(count: int) -> str:
    shown = f"more than {MAX_SVG_DRAWN:,}" if count > MAX_SVG_DRAWN else f"{count:,}"
    return (
        f"draws {shown} shapes once its <use> copies are counted; a picture can draw at most"
        f" {MAX_SVG_DRAWN:,} (it would freeze the screen: simplify it, or save it as a PNG)"
    )


def _use_problem(root: _Element, ids: dict[str, _Element]) -> str | None:
    """How many elements drawing `root` draws, each `<use>` counting what it copies (shared
    parts counted once and multiplied), without drawing anything; a loop is refused too."""
    cost: dict[int, int] = {}
    visiting: set[int] = set()
    stack: list[tuple[_Element, bool]] = [(root, False)]

    def targets(element: _Element) -> list[_Element]:
        found = list(element.children)
        if _local(element.tag) == "use":
            href = _href(element) or ""
            target = ids.get(href[1:]) if href.startswith("#") else None
            if target is not None:
                found.append(target)
        return found

    while stack:
        element, done = stack.pop()
        key = id(element)
        if done:
            visiting.discard(key)
            total = 1 + sum(cost[id(t)] for t in targets(element))
            cost[key] = min(total, MAX_SVG_DRAWN + 1)
            continue
        if key in cost:
            continue
        if key in visiting:
            return (
                f"has a <use> on line {element.line} of the SVG that shows itself,"
                " without end (a loop of <use> references)"
            )
        visiting.add(key)
        stack.append((element, True))
        for target in targets(element):
            if id(target) in visiting:
                return (
                    f"has a <use> on line {element.line} of the SVG that shows itself,"
                    " without end (a loop of <use> references)"
                )
            if id(target) not in cost:
                stack.append((target, False))
    if cost[id(root)] > MAX_SVG_DRAWN:
        return _too_many(cost[id(root)])
    return None


def _href_problem(href: str, element: _Element, place: SvgPlace, nesting: int) -> str | None:
    where = f"<{_local(element.tag)}> on line {element.line} of the SVG"
    if href.startswith("#") or not href or _local(element.tag) == "a":
        return None  # a part of the picture, or a link (never followed by the kiosk)
    shown = href if len(href) <= 60 else href[:57] + "..."
    scheme = urlsplit(href).scheme.lower() if ":" in href else ""
    if scheme == "data":
        return _data_problem(href, where, place, nesting)
    if scheme in ("http", "https"):
        return (
            f"has an {where} that shows '{shown}' from the web; the kiosk draws only pictures"
            " in the content folder (save the picture there and give its path)"
        )
    if scheme == "file":
        return (
            f"has an {where} that shows '{shown}' through 'file:'; give the picture's path"
            " relative to the SVG, inside the content folder"
        )
    if len(scheme) > 1:
        return (
            f"has an {where} that refers to '{shown}'; an SVG may show only pictures in the"
            " content folder, by their path relative to the SVG"
        )
    if _local(element.tag) not in ("image", "feImage"):
        return (
            f"has an {where} that refers to '{shown}' outside this SVG; only <image> may"
            " show another picture"
        )
    try:
        target = (place.location.parent / unquote(href)).resolve()
    except (OSError, ValueError):
        return f"has an {where} that refers to '{shown}', which is not a file name"
    if not any(target.is_relative_to(root) for root in place.roots):
        return (
            f"has an {where} that shows '{shown}', outside the content folder; an SVG may"
            " show only pictures inside it"
        )
    if nesting >= MAX_SVG_NESTING:
        return f"has an {where} that shows '{shown}', in a picture nested too deeply"
    if not any(q + href.encode("utf-8") + q in element.start for q in (b'"', b"'")):
        return (  # the kiosk puts the picture inside the SVG: it must find the address
            f"has an {where} whose address '{shown}' is written with XML escapes (&...;);"
            " write the file's name plainly"
        )
    try:
        data = place.read(target, MAX_IMAGE_BYTES)
    except FileError as error:
        return f"has an {where} that shows '{shown}', which {_file_words(error)}"
    problem = picture_problem(data, SvgPlace(target, place.roots, place.read), nesting + 1)
    if problem is not None:
        return f"has an {where} that shows '{shown}', which {problem}"
    return None


def _data_problem(href: str, where: str, place: SvgPlace, nesting: int) -> str | None:
    head, _, payload = href[5:].partition(",")
    media = head.split(";")[0].strip().lower()
    if media not in ("image/png", "image/jpeg", "image/jpg", "image/svg+xml"):
        return (
            f"has an {where} that embeds '{media or 'data'}'; only PNG, JPEG and SVG pictures"
            " can be embedded"
        )
    if nesting >= MAX_SVG_NESTING:
        return f"has an {where} that embeds a picture nested too deeply"
    try:
        if head.lower().endswith(";base64"):
            data = base64.b64decode("".join(unquote(payload).split()), validate=True)
        else:
            data = unquote(payload).encode("utf-8")
    except (binascii.Error, ValueError):
        return f"has an {where} whose embedded picture is damaged (its base64 is broken)"
    kind = ".svg" if media == "image/svg+xml" else ".png"
    problem = picture_problem(data, place, nesting + 1, suffix=kind)
    if problem is not None:
        return f"has an {where} whose embedded picture {problem}"
    return None


def _file_words(error: FileError) -> str:
    if error.message.startswith("is larger than"):
        return f"is larger than {megabytes(MAX_IMAGE_BYTES)}"
    return error.message


def picture_problem(
    data: bytes, place: SvgPlace, nesting: int = 0, *, suffix: str | None = None
) -> str | None:
    """What makes a picture's bytes unusable, or None. An SVG is known by its name (or
    `suffix`); anything else must be a PNG or JPEG."""
    kind = (suffix or place.location.suffix).lower()
    if kind == ".svg" or (suffix is None and nesting > 0 and data.lstrip()[:1] == b"<"):
        return svg_problem(data, place, nesting)
    return raster_problem(data)


def image_file_problem(
    path: Path, roots: Sequence[Path] | None = None, read: FileReader = read_regular
) -> str | None:
    """What makes a picture file unusable, or None: a regular file of at most
    `MAX_IMAGE_BYTES`, whose content passes `picture_problem`."""
    try:
        data = read(path, MAX_IMAGE_BYTES)
    except FileError as error:
        if error.message.startswith("is larger than"):
            size = getattr(error, "size", MAX_IMAGE_BYTES + 1)
            return (
                f"is {size / (1024 * 1024):.1f} MB; a picture can be at most"
                f" {megabytes(MAX_IMAGE_BYTES)} (save it smaller)"
            )
        return error.message
    place = SvgPlace(path, tuple(roots) if roots is not None else (path.parent,), read)
    return picture_problem(data, place)


# --- an SVG with its pictures inside it ----------------------------------------------------

_MEDIA = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".svg": "image/svg+xml"}


def with_pictures_inside(data: bytes, place: SvgPlace) -> bytes:
    """The SVG with each `<image>` that shows a file beside it given that file's bytes as a
    `data:` address, so it draws from memory exactly as checked (Qt resolves a relative
    address only when it reads the SVG from a file). Call it on an SVG `svg_problem` passed;
    an address it cannot place in the bytes is left as it is."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    edits: list[tuple[int, int, bytes]] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        if _local(tag) not in ("image", "feImage"):
            return
        href = (attrs.get(f"{XLINK} href") or attrs.get("href") or "").strip()
        if not href or href.startswith("#") or ":" in href[:8]:
            return
        try:
            target = (place.location.parent / unquote(href)).resolve()
            picture = place.read(target, MAX_IMAGE_BYTES)
        except (OSError, ValueError, FileError):
            return
        media = _MEDIA.get(target.suffix.lower(), "image/png")
        address = f"data:{media};base64,{base64.b64encode(picture).decode()}".encode()
        begin = parser.CurrentByteIndex
        end = data.find(b">", begin)
        tag_bytes = data[begin:end]
        for quote in (b'"', b"'"):
            raw = quote + href.encode("utf-8") + quote
            at = tag_bytes.find(raw)
            if at >= 0:
                edits.append((begin + at + 1, begin + at + len(raw) - 1, address))
                return

    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except expat.ExpatError:
        return data
    for begin, end, address in reversed(edits):
        data = data[:begin] + address + data[end:]
    return data
