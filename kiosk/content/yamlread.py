"""Safe YAML reading that remembers the line of every key and value.

PyYAML's safe loader gives plain data but forgets where it came from; the clinic needs the
line of each mistake. We compose the node tree with libyaml's safe loader (`CSafeLoader`, which
keeps the mark of every node; PyYAML's pure-Python one only where libyaml is missing) and build
the data from it ourselves, recording `path -> line` as we go, and refuse duplicate keys, alias
and merge bombs and deep nesting on the tree.
"""

from __future__ import annotations

import re
import reprlib
from typing import Any

import yaml

from .errors import Path

MAX_NODES = 200_000
"""More values than any real content file has: stops YAML aliases multiplying a small file."""

MAX_DEPTH = 50
"""Deeper than any real content file nests (the default one nests 9 deep). Every value keeps its
path for its line, so a deep value repeated by aliases would otherwise cost memory by the square."""


LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))
"""Whether PyYAML has its C reader, libyaml (every wheel of PyYAML does): seven times faster
than the pure-Python reader, and with a nesting limit of its own."""


class _Guards:
    """What both readers add to PyYAML's safe loader: nodes counted as they are composed (a
    2 MB file of `[a, a, a, ...]` holds 700,000), merge bombs counted before building."""

    merged_sizes: dict[int, int]
    composed: int = 0
    depth: int = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        self.composed += 1
        self.depth += 1
        try:
            if self.composed > MAX_NODES or self.depth > MAX_DEPTH:
                line = self.peek_event().start_mark.line + 1  # type: ignore[attr-defined]
                if self.composed > MAX_NODES:
                    raise YamlReadError(line, _TOO_MANY)
                raise YamlReadError(line, f"this is nested more than {MAX_DEPTH} levels deep")
            node: yaml.Node = super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self.depth -= 1
        return node

    def flatten_mapping(self, node: yaml.MappingNode) -> None:
        """Merge keys (`<<: [*a, *a]`) nested in each other double a mapping per level before
        a single value is built: count first, refuse a merge bomb."""
        _merged_size(node, self.merged_sizes)
        super().flatten_mapping(node)  # type: ignore[misc]


class _PureLoader(_Guards, yaml.SafeLoader):
    """The pure-Python safe loader: only where libyaml is missing."""

    def __init__(self, stream: str | bytes) -> None:
        super().__init__(stream)
        self.merged_sizes = {}


if LIBYAML:

    class _CLoader(_Guards, yaml.composer.Composer, yaml.CSafeLoader):
        """libyaml's safe loader, with the marks (lines) of every node. libyaml reads and
        parses; PyYAML's own Composer builds the nodes from its events, as fast as libyaml's
        composer (the nodes are Python objects either way), and able to stop counting."""

        def __init__(self, stream: str | bytes) -> None:
            yaml.CSafeLoader.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            self.merged_sizes = {}

    _Loader: type[_PureLoader] | type[_CLoader] = _CLoader
else:  # pragma: no cover - every PyYAML wheel has libyaml
    _Loader = _PureLoader


def _merged_size(node: yaml.MappingNode, sizes: dict[int, int]) -> int:
    """How many keys `node` holds once its merges are resolved (nodes are shared: memoised)."""
    if id(node) in sizes:
        return sizes[id(node)]
    sizes[id(node)] = 0  # a merge of itself adds nothing (PyYAML drops it)
    size = 0
    for key_node, value_node in node.value:
        if key_node.tag != "tag:yaml.org,2002:merge":
            size += 1
            continue
        merged = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        for sub in merged:
            if isinstance(sub, yaml.MappingNode):
                size += _merged_size(sub, sizes)
        if size > MAX_NODES:
            raise YamlReadError(node.start_mark.line + 1, _TOO_MANY)
    sizes[id(node)] = size
    return size


# Dates stay text too: PyYAML raises on an impossible date like 2026-13-45 with no line;
# the model reads the text and says what is wrong, with the line.
# YAML 1.2's booleans: only true and false. A clinic writing `label: Yes` or `id: no` means the
# word, not a boolean.
_PLAIN = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp"}
for _reader in {_PureLoader, _Loader}:
    _reader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in _PLAIN]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _reader.add_implicit_resolver(
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"),
    )


_STRAY_BOM = re.compile("^\ufeff+", re.MULTILINE)
_TOO_MANY = f"the file holds more than {MAX_NODES} values (are anchors and aliases multiplying it?)"


class YamlReadError(Exception):
    def __init__(self, line: int | None, message: str, path: str = "(file)") -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.path = path


def _yaml_error_message(error: yaml.YAMLError, source: str) -> tuple[int | None, str]:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    context = getattr(error, "context", None)
    line = mark.line + 1 if mark is not None else None
    problem = getattr(error, "problem", None) or str(error)
    text = f"{context}, {problem}" if context else str(problem)
    if (elsewhere := _blamed_line(source, error, mark, text)) is not None:
        at, said = elsewhere
        return at + 1, f"this is not valid YAML: {text} ({said})"
    if context == "while scanning a simple key" and getattr(error, "context_mark", None):
        mark = error.context_mark  # type: ignore[attr-defined]  # the key's line, not the next
        line = mark.line + 1
    if "'\\t'" in text or "\\t" in text or _tab_at(source, mark):
        text += " (indent with spaces, not tabs)"
    elif (advice := _line_advice(source, mark, text)) is not None:
        text += f" ({advice})"
    else:
        for parser_words, advice in _ADVICE:
            if parser_words in text:
                text += f" ({advice})"
                break
    return line, f"this is not valid YAML: {text}"


_ADVICE: tuple[tuple[str, str], ...] = (
    (
        "did not find expected '-' indicator",
        "a line in this list is indented more or less than the items above it: give each"
        " item's '-' the same indent, and each key under it two spaces more",
    ),
    (
        "did not find expected key",
        "this line is indented more or less than the lines around it: keys of the same"
        " level start in the same column, two spaces in from the key they belong to",
    ),
    (
        "mapping values are not allowed",
        "a key indented under a value, or a text with ': ' in it: line the key up with"
        " the one above, or put quotes around the text",
    ),
    (
        "could not find expected ':'",
        "a key needs a ':' after it, or a text that runs onto the next line needs quotes",
    ),
)
"""What to do about libyaml's commonest complaints, in a clinic's words (its own words stay
first, for anyone who searches them)."""


_BRACKET_VALUE = re.compile(r"^\s*(?:- +)?[^\s:#][^:]*:\s+([\[{])")
_DASH_NO_SPACE = re.compile(r"^\s*-[^\s-]")


def _line_advice(source: str, mark: Any, text: str) -> str | None:
    """What the line libyaml stopped on shows of a cause its words do not name: a text
    starting with '[' or '{' (read as a list or a group), a '-' with no space after it, or a
    text with ': ' inside { } (clinic tester: each was called a matter of indenting)."""
    if mark is None:
        return None
    lines = source.split("\n")
    if mark.line >= len(lines):
        return None
    line = lines[mark.line]
    if "expected ',' or '}'" in text or "expected ',' or ']'" in text:
        return (
            "inside { } or [ ], a text with ': ' or ', ' in it needs quotes:"
            ' {en: "No pain: none", fr: "..."}'
        )
    if any(_DASH_NO_SPACE.match(near) for near in lines[max(mark.line - 1, 0) : mark.line + 1]):
        return "a list item needs a space after its '-': write '- id: ...', not '-id: ...'"
    found = _BRACKET_VALUE.match(line)
    if found is not None:
        return (
            f"a text that starts with '{found.group(1)}' is read as a list or a group of keys:"
            ' put quotes around the whole text, like en: "[Urgent] Is your knee ...?"'
        )
    return None


def _blamed_line(
    source: str, error: yaml.YAMLError, mark: Any, text: str
) -> tuple[int, str] | None:
    """The line of a mistake libyaml finds only on a later line, and what to do about it
    (clinic tester: under `bio:`, such mistakes were said to be on the line after theirs):
    a key without its ':' (`en Maya ...`), a key not indented under the key it belongs to, a
    text run onto a line of its own, a quote never closed. (0-based line, advice), or None."""
    if mark is None:
        return None
    if (missing := _key_without_colon(source, mark, text)) is not None:
        at, key = missing
        return at, (
            f"'{key}' on this line has no ':' after it, so the key below was read as more of"
            f" its text: write '{key}: ...'"
        )
    if (outdented := _not_under(source, mark, text)) is not None:
        at, key, parent = outdented
        return at, (
            f"'{key}' is not indented under '{parent}:' above it, so the line below was read"
            f" as more of its text: indent '{key}' further than '{parent}', like the keys"
            " below it"
        )
    context_mark = getattr(error, "context_mark", None)
    if getattr(error, "context", None) == "while scanning a simple key" and context_mark:
        # libyaml's mark is the line after the one read as a key without its ':'
        above = _text_above(source, context_mark)
        if above is not None:
            return context_mark.line, (
                f"this line is read as a new key: if it goes on with the text of '{above}:'"
                f" above, indent it further than '{above}', or put the whole text in quotes"
            )
    if context_mark is not None and (opened := _open_quote(source, context_mark, mark)):
        at, quote = opened
        return at, (
            f"the text in quotes that starts on this line has no closing {quote}, so YAML read"
            f" on to line {mark.line + 1}: end the text with {quote}"
        )
    return None


_OPENING_QUOTE = re.compile(r"""^\s*(?:- +)?(?:[^\s:#"'][^:]*:\s+)?(["'])(.*)$""")


def _open_quote(source: str, start: Any, mark: Any) -> tuple[int, str] | None:
    """The last line from `start` to before `mark`'s where a text in quotes opens and does not
    close, when the quote libyaml stopped after closes it (a forgotten closing quote). Its
    index and the quote, or None."""
    lines = source.split("\n")
    if not start.line < mark.line < len(lines):
        return None
    for index in range(mark.line - 1, start.line - 1, -1):
        found = _OPENING_QUOTE.match(lines[index])
        if found is None:
            continue
        quote, rest = found.group(1), found.group(2)
        closes = re.search(r'(?<!\\)"', rest) if quote == '"' else "'" in rest.replace("''", "")
        if closes:
            return None
        return (index, quote) if quote in lines[mark.line][: mark.column] else None
    return None


_KEY_THEN_TEXT = re.compile(r"^( *)([A-Za-z_][\w-]*) +[^\s:#]")
_LONE_KEY = re.compile(r"^( *)[A-Za-z_][\w-]*$")


def _key_without_colon(source: str, mark: Any, text: str) -> tuple[int, str] | None:
    """The line above the one libyaml stopped on, when it is a key written without its ':'
    (`en Maya has ...`): libyaml reads it and the next key as one text, and stops on the
    next key's ':', a line late. Its index and its key, or None."""
    if mark is None or not text.startswith("mapping values are not allowed"):
        return None
    lines = source.split("\n")
    if mark.line >= len(lines):
        return None
    here = _LONE_KEY.match(lines[mark.line][: mark.column])
    if here is None:
        return None
    above = _line_above(lines, mark.line)
    if above is None:
        return None
    found = _KEY_THEN_TEXT.match(lines[above])
    if found is None or found.group(1) != here.group(1) or ": " in lines[above]:
        return None
    return above, found.group(2)


_EMPTY_KEY = re.compile(r"^( *)(- +)?([A-Za-z_][\w-]*):\s*(?:#.*)?$")
_KEY_AND_TEXT = re.compile(r"^( *)(- +)?([A-Za-z_][\w-]*): +[^\s#]")


def _not_under(source: str, mark: Any, text: str) -> tuple[int, str, str] | None:
    """`bio:` then `en: ...` in bio's own column: bio is left empty, and a key indented
    under en (`es:`) is read as more of en's text, a line late. The index of en's line, en
    and bio, or None."""
    if not text.startswith("mapping values are not allowed"):
        return None
    lines = source.split("\n")
    if mark.line >= len(lines):
        return None
    indent = len(lines[mark.line]) - len(lines[mark.line].lstrip(" "))
    above = _line_above(lines, mark.line)
    keyed = _KEY_AND_TEXT.match(lines[above]) if above is not None else None
    if above is None or keyed is None:
        return None
    column = len(keyed.group(1)) + len(keyed.group(2) or "")
    parent_at = _line_above(lines, above)
    parent = _EMPTY_KEY.match(lines[parent_at]) if parent_at is not None else None
    if parent is None or column >= indent:
        return None
    if len(parent.group(1)) + len(parent.group(2) or "") != column:
        return None
    return above, keyed.group(3), parent.group(3)


def _text_above(source: str, mark: Any) -> str | None:
    """The key of the line above `mark`'s, when that line is `key: text` with its key in the
    column `mark`'s line starts in (its text runs on to that line, read as a key)."""
    if mark is None:
        return None
    lines = source.split("\n")
    above = _line_above(lines, mark.line)
    if above is None or mark.line >= len(lines):
        return None
    found = re.match(r"^( *)(- +)?([A-Za-z_][\w-]*): +[^\s#]", lines[above])
    if found is None:
        return None
    key_column = len(found.group(1)) + len(found.group(2) or "")
    indent = len(lines[mark.line]) - len(lines[mark.line].lstrip(" "))
    return found.group(3) if key_column == indent else None


def _line_above(lines: list[str], index: int) -> int | None:
    """The index of the nearest line above `index` that holds more than a comment."""
    return next(
        (i for i in range(index - 1, -1, -1) if lines[i].strip() and lines[i].strip()[0] != "#"),
        None,
    )


def _tab_at(source: str, mark: Any) -> bool:
    """Whether the reader stopped at a tab (libyaml's message does not name the character)."""
    if mark is None:
        return False
    lines = source.split("\n", mark.line + 1)
    if mark.line >= len(lines):
        return False
    return "\t" in lines[mark.line][: mark.column + 1]


def decode(raw: bytes) -> str:
    """Bytes to text: UTF-8, with or without a byte-order mark."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlReadError(
            line, "the file is not UTF-8 text (save it as UTF-8 in your editor)"
        ) from None


def _reader_error(error: yaml.reader.ReaderError, source: str | bytes) -> YamlReadError:
    """A character YAML does not allow (libyaml gives its byte offset; PyYAML its index)."""
    if isinstance(source, bytes):
        line = source.count(b"\n", 0, error.position) + 1
    else:
        line = source.count("\n", 0, error.position) + 1
    character = error.character
    code = character if isinstance(character, int) else ord(str(character)[:1] or "?")
    return YamlReadError(
        line, f"this is not valid YAML: the character #x{code:04x} is not allowed (delete it)"
    )


def read_yaml(text: str, loader_class: Any = None) -> tuple[Any, dict[Path, int]]:
    """Parse `text`; return the data and the 1-based line of every path in it.

    libyaml composes the node tree (the pure-Python reader where libyaml is missing, or when
    `loader_class` says so); the data is built from the tree here, with the guards."""
    loader_class = loader_class or _Loader
    # A byte-order mark at the start of a line (files pasted together) is skipped by libyaml
    # and read as a character by PyYAML: drop it, so both readers give the same data
    text = _STRAY_BOM.sub("", text)
    source: str | bytes = text.encode("utf-8") if loader_class is not _PureLoader else text
    try:
        loader = loader_class(source)
    except yaml.reader.ReaderError as error:  # a control character, checked before parsing
        raise _reader_error(error, source) from None
    try:
        node = loader.get_single_node()
        if node is None:
            raise YamlReadError(1, "the file is empty")
        _measure(loader, node, {})
        lines: dict[Path, int] = {}
        count = [0]
        data = _build(loader, node, (), lines, count)
    except yaml.reader.ReaderError as error:  # libyaml finds it while reading
        raise _reader_error(error, source) from None
    except yaml.YAMLError as error:
        line, message = _yaml_error_message(error, text)
        raise YamlReadError(line, message) from None
    except RecursionError:
        line = getattr(loader, "line", 0) + 1
        raise YamlReadError(line, "the file is nested far too deeply") from None
    finally:
        loader.dispose()
    return data, lines


def _measure(loader: Any, node: yaml.Node, known: dict[int, tuple[int, int]]) -> tuple[int, int]:
    """How many values `node` holds once aliases are expanded, and how deep it nests; refuse
    an alias bomb or a deep value before building it. Aliased nodes are shared: memoised."""
    if id(node) in known:
        return known[id(node)]
    known[id(node)] = (1, MAX_DEPTH)  # a node holding itself nests without end: refused
    children: list[yaml.Node] = []
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)  # resolves `<<: *anchor` merges, as _build will
        children = [value for _, value in node.value]
    elif isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    size, depth = 1, 0
    for child in children:
        child_size, child_depth = _measure(loader, child, known)
        size += child_size
        depth = max(depth, child_depth)
        if size > MAX_NODES:
            raise YamlReadError(node.start_mark.line + 1, _TOO_MANY)
    if depth + 1 > MAX_DEPTH:
        raise YamlReadError(
            node.start_mark.line + 1, f"this is nested more than {MAX_DEPTH} levels deep"
        )
    known[id(node)] = (size, depth + 1)
    return size, depth + 1


def _build(
    loader: Any,
    node: yaml.Node,
    path: Path,
    lines: dict[Path, int],
    count: list[int],
) -> Any:
    count[0] += 1
    if count[0] > MAX_NODES:
        raise YamlReadError(node.start_mark.line + 1, _TOO_MANY)
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)  # resolves `<<: *anchor` merges
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = _construct(loader, key_node)
            key_line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise YamlReadError(key_line, f"a key must be a word, not {reprlib.repr(key)}")
            if key in first_line:
                raise YamlReadError(
                    key_line,
                    f"the key '{key}' appears twice here (first on line {first_line[key]})",
                )
            first_line[key] = key_line
            lines[(*path, key)] = key_line
            result[key] = _build(loader, value_node, (*path, key), lines, count)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(loader, item, (*path, index), lines, count)
            for index, item in enumerate(node.value)
        ]
    return _construct(loader, node)


def _construct(loader: Any, node: yaml.Node) -> Any:
    """A scalar (or a key) as Python data. PyYAML's constructors raise plain Python errors on
    an explicit tag they cannot read (`!!int abc`, `!!timestamp 2026-13-45`, `!!bool maybe`)
    and on an integer of more than 4300 digits: give those a line too."""
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, YamlReadError, RecursionError):
        raise
    except Exception:
        kind = str(node.tag).rsplit(":", 1)[-1]
        raise YamlReadError(
            node.start_mark.line + 1, f"this is not valid YAML: this value is not a valid {kind}"
        ) from None
