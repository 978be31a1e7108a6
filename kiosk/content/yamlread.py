"""Safe YAML reading that remembers the line of every key and value.

PyYAML's safe loader gives plain data but forgets where it came from; the clinic needs the
line of each mistake. We compose the node tree with the safe loader and build the data from it
ourselves, recording `path -> line` as we go, and refuse duplicate keys and alias bombs.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .errors import Path

MAX_NODES = 200_000
"""More values than any real content file has: stops YAML aliases multiplying a small file."""


class _Loader(yaml.SafeLoader):
    """The safe loader, with YAML 1.2's booleans: only true and false. A clinic writing
    `label: Yes` or `id: no` means the word, not a boolean."""


# Dates stay text too: PyYAML raises on an impossible date like 2026-13-45 with no line;
# the model reads the text and says what is wrong, with the line.
_PLAIN = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp"}
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _PLAIN]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


class YamlReadError(Exception):
    def __init__(self, line: int | None, message: str, path: str = "(file)") -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.path = path


def _yaml_error_message(error: yaml.YAMLError) -> tuple[int | None, str]:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    text = f"{context}, {problem}" if context else str(problem)
    if "'\\t'" in text or "\\t" in text:
        text += " (indent with spaces, not tabs)"
    return line, f"this is not valid YAML: {text}"


def decode(raw: bytes) -> str:
    """Bytes to text: UTF-8, with or without a byte-order mark."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlReadError(
            line, "the file is not UTF-8 text (save it as UTF-8 in your editor)"
        ) from None


def read_yaml(text: str) -> tuple[Any, dict[Path, int]]:
    """Parse `text`; return the data and the 1-based line of every path in it."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise YamlReadError(1, "the file is empty")
        lines: dict[Path, int] = {}
        count = [0]
        data = _build(loader, node, (), lines, count)
    except yaml.YAMLError as error:
        line, message = _yaml_error_message(error)
        raise YamlReadError(line, message) from None
    except RecursionError:
        raise YamlReadError(None, "the file is nested far too deeply") from None
    finally:
        loader.dispose()
    return data, lines


def _build(
    loader: _Loader,
    node: yaml.Node,
    path: Path,
    lines: dict[Path, int],
    count: list[int],
) -> Any:
    count[0] += 1
    if count[0] > MAX_NODES:
        raise YamlReadError(
            node.start_mark.line + 1,
            f"the file holds more than {MAX_NODES} values"
            " (are anchors and aliases multiplying it?)",
        )
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)  # resolves `<<: *anchor` merges
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            key_line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise YamlReadError(key_line, f"a key must be a word, not {key!r}")
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
    return loader.construct_object(node, deep=True)
