"""Fuzzing the content loader with mutations of the real `content.yaml`.

The property, for every input given to `load_content_bytes(raw, path)`:

- it returns `LoadedContent` or raises `ContentError`; never any other exception;
- every issue names the file and has a line from 1 to the file's last line (+1 for a problem
  found at the end of the file), with one exception: the whole-file issue `(file)`, line
  None, the file is larger than `MAX_FILE_BYTES` (2 MB; those bytes are not read as YAML).
  `load_content` adds three more whole-file issues before any byte is read (no such file,
  a folder, unreadable); `load_content_bytes` never raises them;
- at most `MAX_ISSUES` issues are listed, plus one "and N more problems" issue;
- it takes less than 2 s (wall clock, the best of three tries: the machine may be busy), and
  the process's peak memory grows by less than 200 MB while it runs.

The loader reads with libyaml and counts values as they are composed, so 2 MB of
`[a, a, a, ...]` (the slowest kind: 700,000 values) is refused after 200,000 of them, in about
0.8 s here; a valid 1 MB file loads in about 0.6 s. Every file it accepts is timed.

Inputs: mutations of the parsed file (dropped keys, wrong types, unknown keys, broken
references, huge strings, deep nesting, moved and duplicated values) dumped back to YAML;
mutations of its bytes (truncation, spliced random bytes, invalid UTF-8, byte-order marks,
tabs, control characters, YAML syntax, line endings); alias and merge-key bombs; deep nesting.

Short run: part of `pytest`. Long run: `KIOSK_FUZZ_EXAMPLES=5000 .venv/bin/pytest tests/fuzz`.
"""

from __future__ import annotations

import copy
import gc
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import currently_in_test_context, event, example, given, note, settings
from hypothesis import strategies as st

from kiosk.content import ContentError, ContentIssue, LoadedContent
from kiosk.content.loader import MAX_FILE_BYTES, MAX_ISSUES, TOO_BIG, load_content_bytes
from kiosk.content.yamlread import YamlReadError, _Loader, _PureLoader, read_yaml

pytestmark = pytest.mark.slow  # named as slow; `make test` runs it all the same

try:
    import resource
except ImportError:  # Windows: no peak RSS to read; time is still measured
    resource = None  # type: ignore[assignment]

CONTENT = Path(__file__).resolve().parents[2] / "content.yaml"
RAW = CONTENT.read_bytes()
TEXT = RAW.decode("utf-8")
BASE, _ = read_yaml(TEXT)

MAX_SECONDS = 2.0
TIMED_BYTES = MAX_FILE_BYTES  # every file the loader accepts is timed
MAX_GROWTH = 200 * 1024 * 1024
LINELESS = {("(file)", TOO_BIG)}
"""The only issues `load_content_bytes` may give without a line: (path, message)."""

LONG = int(os.environ.get("KIOSK_FUZZ_EXAMPLES", "0") or 0)
PROFILE = settings.get_profile("kiosk-fuzz-long" if LONG else "kiosk-fuzz-short")


def fuzz(short_examples: int) -> settings:
    """The profile's settings, with this property's share of the short run."""
    return settings(PROFILE, max_examples=LONG or short_examples)


Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: dumping is not tested


# --- measuring one load -------------------------------------------------------------------


def _rss_now() -> int | None:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def _rss_peak() -> int:
    if resource is None:
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak * 1024 if os.uname().sysname == "Linux" else peak  # kB on Linux, bytes on macOS


def _timed_load(raw: bytes) -> tuple[LoadedContent | ContentError, float, int]:
    """Load once: the outcome, the processor seconds it took (this process's own: a busy
    machine's other work does not count, so the budget does not fail when the suite shares
    the cores) and how far it raised the peak RSS.

    The peak only moves when this load sets a new high-water mark; then the growth is the new
    peak minus the memory in use before the load. Any exception but ContentError escapes."""
    now = _rss_now()
    peak_before = _rss_peak()
    start = time.process_time()
    try:
        outcome: LoadedContent | ContentError = load_content_bytes(raw, CONTENT)
    except ContentError as error:
        outcome = error
    elapsed = time.process_time() - start
    peak_after = _rss_peak()
    base = now if now is not None else peak_before
    grew = peak_after - base if peak_after > peak_before else 0
    return outcome, elapsed, grew


def _last_line(raw: bytes) -> int:
    text = raw.decode("utf-8-sig", "replace")
    return max(raw.count(b"\n"), len(text.splitlines())) + 1


def check(raw: bytes) -> LoadedContent | ContentError:
    """Load `raw` and assert the property; return the outcome for more specific checks."""
    outcome, elapsed, grew = _timed_load(raw)
    for _ in range(2):  # a busy machine, or garbage of earlier examples: the best of 3 tries
        if elapsed < MAX_SECONDS:
            break
        gc.collect()
        outcome, again, grew_again = _timed_load(raw)
        elapsed, grew = min(elapsed, again), max(grew, grew_again)
    if len(raw) <= TIMED_BYTES:
        assert elapsed < MAX_SECONDS, f"took {elapsed:.2f} s for {len(raw)} bytes"
    assert grew < MAX_GROWTH, f"peak memory grew by {grew / 2**20:.0f} MB"
    last = _last_line(raw)
    if currently_in_test_context():
        event(_kind(outcome))
    if isinstance(outcome, ContentError):
        assert outcome.issues, "a ContentError without issues"
        assert len(outcome.issues) <= MAX_ISSUES + 1
        for issue in outcome.issues:
            _check_issue(issue, last)
            assert issue.severity == "error"
        assert str(outcome).startswith(f"{len(outcome.issues)} problem")
    else:
        assert isinstance(outcome, LoadedContent)
        for issue in outcome.warnings:
            _check_issue(issue, last)
            assert issue.severity == "warning"
    return outcome


def _kind(outcome: LoadedContent | ContentError) -> str:
    """A coarse class of the outcome, for `--hypothesis-show-statistics`."""
    if isinstance(outcome, LoadedContent):
        return "loaded"
    first = outcome.issues[0]
    if first.path != "(file)":
        return "refused: the content"
    return "refused: " + first.message.split(":")[0].split("(")[0].split(", not")[0][:40]


def _check_issue(issue: ContentIssue, last: int) -> None:
    assert isinstance(issue, ContentIssue)
    assert issue.file == "content.yaml"
    assert issue.path and issue.message, issue
    if issue.line is None:
        assert (issue.path, issue.message) in LINELESS, f"no line: {issue}"
    else:
        assert 1 <= issue.line <= last, f"line {issue.line} of {last}: {issue}"


# --- mutating the parsed file ----------------------------------------------------------------

REF_KEYS = {"question", "equals", "includes", "score", "modality", "modalities", "therapists"}
REF_KEYS |= {"suggests", "id"}
"""Keys whose values name something defined elsewhere (or define it: `id`)."""

ids = st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True)
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats()
    | st.text(max_size=30)
    | ids
    | st.dates()
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=12) | ids | st.integers(), inner, max_size=4)
    ),
    max_leaves=12,
)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*path, index))


def _get(doc: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        doc = doc[part]
    return doc


def _typo(word: str, draw: Callable[[Any], Any]) -> str:
    """A near miss of `word`: one letter dropped, doubled, swapped or changed."""
    if not word:
        return "x"
    i = draw(st.integers(0, len(word) - 1))
    kind = draw(st.sampled_from(["drop", "double", "swap", "change"]))
    if kind == "drop":
        return word[:i] + word[i + 1 :] or "x"
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    if kind == "swap" and i + 1 < len(word):
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz_0")) + word[i + 1 :]


def _nested(depth: int, kind: str, leaf: Any) -> Any:
    for _ in range(depth):
        leaf = {"not": leaf} if kind == "not" else [leaf] if kind == "list" else {"a": leaf}
    return leaf


MUTATIONS = [
    "drop",
    "retype",
    "unknown_key",
    "break_ref",
    "huge",
    "deep",
    "duplicate",
    "move",
    "transplant",
    "empty",
]


def mutate(doc: Any, draw: Callable[[Any], Any]) -> str:
    """Apply one mutation to `doc` in place; return what it did (for the failure report)."""
    paths = list(_paths(doc))
    kind = draw(st.sampled_from(MUTATIONS))
    if kind == "unknown_key":
        maps = [p for p in paths if isinstance(_get(doc, p), dict)]
        path = draw(st.sampled_from(maps))
        target = _get(doc, path)
        keys = [k for p in paths for k in p[-1:] if isinstance(k, str)]
        how = draw(st.sampled_from(["typo", "known", "random"]))
        if how == "random":
            key = draw(st.text(min_size=1, max_size=12))
        else:
            key = draw(st.sampled_from(keys))
            key = _typo(key, draw) if how == "typo" else key
        target[key] = draw(values)
        return f"unknown key {key!r} at {path}"
    if kind == "break_ref":
        refs = [p for p in paths if p and any(part in REF_KEYS for part in p[-2:])]
        refs = [p for p in refs if isinstance(_get(doc, p), str)] or paths[1:]
        path = draw(st.sampled_from(refs))
        old = _get(doc, path)
        named = [v for p in refs if isinstance(v := _get(doc, p), str)]
        how = draw(st.sampled_from(["typo", "other", "random"]))
        if how == "typo":
            new = _typo(old if isinstance(old, str) else "x", draw)
        else:
            new = draw(st.sampled_from(named or ["x"]) if how == "other" else ids)
        _get(doc, path[:-1])[path[-1]] = new
        return f"reference {old!r} -> {new!r} at {path}"
    if kind == "huge":
        texts = [p for p in paths if isinstance(_get(doc, p), str)]
        if not texts:
            return "no text to make huge"
        path = draw(st.sampled_from(texts))
        piece = draw(st.text(min_size=1, max_size=8))
        length = draw(st.integers(1_000, 1_000_000))
        _get(doc, path[:-1])[path[-1]] = (piece * (length // len(piece) + 1))[:length]
        return f"huge text of {length} characters at {path}"
    if kind == "duplicate" or kind == "move":
        lists = [p for p in paths if isinstance(_get(doc, p), list) and _get(doc, p)]
        if not lists:
            return "nothing to duplicate"
        path = draw(st.sampled_from(lists))
        items = _get(doc, path)
        i = draw(st.integers(0, len(items) - 1))
        j = draw(st.integers(0, len(items)))
        item = copy.deepcopy(items[i]) if kind == "duplicate" else items.pop(i)
        items.insert(min(j, len(items)), item)
        return f"{kind} item {i} to {j} in {path}"
    if len(paths) < 2:
        return "nothing to change"
    path = draw(st.sampled_from(paths[1:]))
    parent = _get(doc, path[:-1])
    if kind == "drop":
        del parent[path[-1]]
        return f"dropped {path}"
    if kind == "retype":
        parent[path[-1]] = draw(values)
    elif kind == "deep":
        depth = draw(st.integers(1, 8) | st.integers(1, 120))
        shape = draw(st.sampled_from(["not", "list", "map"]))
        parent[path[-1]] = _nested(depth, shape, parent[path[-1]])
    elif kind == "transplant":
        parent[path[-1]] = copy.deepcopy(_get(doc, draw(st.sampled_from(paths))))
    else:  # empty
        parent[path[-1]] = draw(st.sampled_from([{}, [], "", None, 0]))
    return f"{kind} at {path}"


@fuzz(50)
@given(data=st.data())
def test_mutated_structure(data: st.DataObject) -> None:
    doc = copy.deepcopy(BASE)
    for _ in range(data.draw(st.integers(1, 4), label="mutations")):
        note(mutate(doc, data.draw))
    text = yaml.dump(
        doc,
        Dumper=Dumper,
        allow_unicode=data.draw(st.booleans(), label="unicode"),
        default_flow_style=data.draw(st.sampled_from([False, None]), label="flow"),
        sort_keys=False,
        width=data.draw(st.sampled_from([80, 4096]), label="width"),
    )
    check(text.encode("utf-8"))


# --- mutating the bytes --------------------------------------------------------------------

BAD_UTF8 = [
    b"\xff",
    b"\xfe",
    b"\xc3",  # a lead byte without its continuation
    b"\x80",  # a continuation without its lead
    b"\xc0\xaf",  # overlong
    b"\xed\xa0\x80",  # a surrogate
    b"\xf4\x90\x80\x80",  # beyond U+10FFFF
    b"Caf\xe9",  # Latin-1
]
ODD_CHARACTERS = [
    "\t",
    "\x00",
    "\x01",
    "\x07",
    "\x1b",
    "\x7f",
    "\x85",
    "\x9f",
    "\u00a0",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\U0001f600",
    "\r",
    "\r\n",
]
YAML_BITS = [
    ": ",
    "- ",
    "? ",
    "{",
    "}",
    "[",
    "]",
    ",",
    "#",
    "&a ",
    "*a",
    "*nope",
    "<<: *a\n",
    "<<: 5\n",
    "!!int ",
    "!!int 0b",
    "!!float ",
    "!!bool ",
    "!!timestamp ",
    "!!timestamp 2026-13-45",
    "!!binary ",
    "!!set ",
    "!!omap ",
    "!!python/object:os.system ",
    "!local ",
    "|\n",
    ">-\n",
    "'",
    '"',
    '"\\x',
    '"\\U0000',
    "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n",
    "---\n",
    "...\n",
    "~",
    "null",
    "9" * 5000,
    ".nan",
    "-.inf",
    "0x",
]

positions = st.integers(0, len(RAW))
BYTE_MUTATIONS = [
    *["truncate", "splice", "overwrite", "delete", "repeat", "tab", "character", "yaml"] * 3,
    *["bom", "line_endings", "bad_utf8", "utf16"],
]
"""What `mutate_bytes` does; the ones that only test the decoding are drawn less often."""


def mutate_bytes(raw: bytes, draw: Callable[[Any], Any]) -> tuple[bytes, str]:
    kind = draw(st.sampled_from(BYTE_MUTATIONS))
    at = draw(st.integers(0, len(raw)))
    if kind == "truncate":
        cut = draw(st.integers(0, len(raw)))
        at = cut if draw(st.booleans()) else len(raw) - cut  # the start is only comments
        return raw[:at], f"truncated at byte {at}"
    junk = draw(st.binary(min_size=1, max_size=64) | st.text(min_size=1).map(str.encode))
    if kind == "splice":
        return raw[:at] + junk + raw[at:], f"spliced {junk!r} at {at}"
    if kind == "overwrite":
        junk = junk[:16]
        return raw[:at] + junk + raw[at + len(junk) :], f"overwrote {junk!r} at {at}"
    if kind == "delete":
        length = draw(st.integers(1, 2000))
        return raw[:at] + raw[at + length :], f"deleted {length} bytes at {at}"
    if kind == "repeat":
        length = draw(st.integers(1, 2000))
        return raw[: at + length] + raw[at : at + length] + raw[at + length :], (
            f"repeated {length} bytes at {at}"
        )
    if kind == "bad_utf8":
        bad = draw(st.sampled_from(BAD_UTF8))
        return raw[:at] + bad + raw[at:], f"inserted {bad!r} at {at}"
    if kind == "bom":
        if draw(st.booleans()):
            return b"\xef\xbb\xbf" + raw, "a byte-order mark"
        return raw[:at] + b"\xef\xbb\xbf" + raw[at:], f"a byte-order mark at {at}"
    if kind == "tab":
        lines = raw.split(b"\n")
        i = draw(st.integers(0, len(lines) - 1))
        stripped = lines[i].lstrip(b" ")
        indent = len(lines[i]) - len(stripped)
        tabs = draw(st.sampled_from([b"\t", b"\t\t", b" \t", b"\t "]))
        lines[i] = (tabs if indent else tabs + b" ") + stripped
        return b"\n".join(lines), f"tab-indented line {i + 1}"
    if kind == "line_endings":
        ending = draw(st.sampled_from([b"\r\n", b"\r", b"\x0b", b"\x0c"]))
        return raw.replace(b"\n", ending), f"line endings {ending!r}"
    if kind == "utf16":
        text = raw.decode("utf-8", "replace")
        encoding = draw(st.sampled_from(["utf-16", "utf-16-le", "utf-32", "latin-1"]))
        return text.encode(encoding, "replace"), f"encoded as {encoding}"
    bit = draw(st.sampled_from(ODD_CHARACTERS if kind == "character" else YAML_BITS))
    if draw(st.booleans()):  # at the start of a line, where YAML reads a key
        at = raw.rfind(b"\n", 0, at) + 1
    return raw[:at] + bit.encode("utf-8") + raw[at:], f"inserted {bit[:20]!r} at {at}"


@fuzz(100)
@given(data=st.data())
@example(data=None)  # the file as it is
def test_mutated_bytes(data: st.DataObject | None) -> None:
    raw = RAW
    if data is not None:
        for _ in range(data.draw(st.integers(1, 4), label="mutations")):
            raw, what = mutate_bytes(raw, data.draw)
            note(what)
    outcome = check(raw)
    if data is None:
        assert isinstance(outcome, LoadedContent)


# --- alias and merge-key bombs, and deep nesting --------------------------------------------

PLACES = {
    # where a bomb goes: (the text it replaces, a leaf that is valid there)
    "condition": ("when: {score: sciatica, at_least: 3}", "{question: where, answered: true}"),
    "show_if": ("show_if: {question: where, answered: true}", "{score: sciatica, at_least: 1}"),
    "modalities": ("modalities: [swedish, deep_tissue]", "swedish"),
    "bullets": (
        "bullets:\n          - Tap Next to go on.\n          - Tap Back to see the page before."
        "\n          - Tap Home to start again at any time.\n",
        "Some text",
    ),
    "unknown_key": ("\nscreens:\n", "x"),
    "whole_file": ("", "x"),
}


def bomb(fan: int, levels: int, leaf: str, form: str) -> str:
    """A value that names `leaf` fan**levels times, with its anchors defined inline."""
    if form == "merge":  # each level merges the one below twice or more: keys double
        text = "&b0 {k: " + leaf + "}"
        for i in range(1, levels + 1):
            text = f"&b{i} {{<<: [{text}, " + ", ".join([f"*b{i - 1}"] * (fan - 1)) + "]}"
        return text
    text = "&b0 [" + ", ".join([leaf] * fan) + "]"
    for i in range(1, levels):
        rest = ", ".join([f"*b{i - 1}"] * (fan - 1))
        if form == "any" and leaf.startswith("{"):
            text = f"&b{i} {{any: [{text}, {rest}]}}"
        elif form == "map":
            keys = ", ".join(f"k{j}: *b{i - 1}" for j in range(1, fan))
            text = f"&b{i} {{k0: {text}, {keys}}}"
        else:
            text = f"&b{i} [{text}, {rest}]"
    return text


def place(where: str, value: str) -> bytes:
    old, _ = PLACES[where]
    if where == "whole_file":
        return f"x: {value}\n".encode()
    if where == "unknown_key":
        return TEXT.replace(old, f"\nx_bomb: {value}\nscreens:\n", 1).encode()
    if where == "bullets":
        return TEXT.replace(old, f"bullets: {value}\n", 1).encode()
    key = old.split(":", 1)[0]
    return TEXT.replace(old, f"{key}: {value}", 1).encode()


@fuzz(30)
@given(
    fan=st.integers(2, 60),
    levels=st.integers(1, 12),
    where=st.sampled_from(sorted(PLACES)),
    form=st.sampled_from(["list", "any", "map", "merge"]),
)
@example(fan=10, levels=9, where="whole_file", form="list")  # a billion laughs
@example(fan=2, levels=40, where="whole_file", form="merge")  # 2**40 merged keys: was minutes
@example(fan=40, levels=3, where="condition", form="any")  # 64000 conditions, all valid
def test_alias_bombs(fan: int, levels: int, where: str, form: str) -> None:
    assert form in {"list", "any", "map", "merge"}
    check(place(where, bomb(fan, levels, PLACES[where][1], form)))


@fuzz(25)
@given(
    depth=st.integers(1, 3000),
    shape=st.sampled_from(["flow_list", "flow_map", "block", "not", "alias"]),
    where=st.sampled_from(["show_if", "whole_file", "unknown_key"]),
)
@example(depth=1000, shape="flow_list", where="whole_file")
@example(depth=300, shape="not", where="show_if")
@example(depth=49, shape="alias", where="unknown_key")  # 200000 deep paths: was 400 MB
def test_deep_nesting(depth: int, shape: str, where: str) -> None:
    leaf = PLACES[where][1] if where == "show_if" else "x"
    if shape == "flow_list":
        value = "[" * depth + leaf + "]" * depth
    elif shape == "flow_map":
        value = "{a: " * depth + leaf + "}" * depth
    elif shape == "not":
        value = "{not: " * depth + leaf + "}" * depth
    elif shape == "alias":  # a deep value repeated: its every copy keeps its long path
        inner = "[" * depth + leaf + "]" * depth
        copies = min(200_000 // (depth + 1), 4000)
        value = "[&d " + inner + ", " + ", ".join(["*d"] * copies) + "]"
    else:  # block mappings, each indented one more step; quadratic in size, so capped
        depth = min(depth, 600)
        indent = 8 if where == "show_if" else 2
        value = "".join("\n" + " " * (indent + i) + "a:" for i in range(depth)) + " " + leaf
    check(place(where, value))


# --- regressions: inputs that once escaped as another exception or blew the budget ------------


def _at(old: str, new: str) -> bytes:
    assert old in TEXT, old
    return TEXT.replace(old, new, 1).encode("utf-8")


REGRESSIONS = {
    # PyYAML's constructors raised ValueError, KeyError, IndexError, AttributeError
    "tag_int": _at("idle_seconds: 90", "idle_seconds: !!int abc"),
    "tag_int_empty": _at("idle_seconds: 90", "idle_seconds: !!int"),
    "tag_float": _at("idle_seconds: 90", "idle_seconds: !!float abc"),
    "tag_bool": _at("idle_seconds: 90", "idle_seconds: !!bool maybe"),
    "tag_timestamp": _at("reviewed: 2026-11-01", "reviewed: !!timestamp 2026-13-45"),
    "tag_timestamp_junk": _at("reviewed: 2026-11-01", "reviewed: !!timestamp soon"),
    "tag_timestamp_offset": _at(
        "reviewed: 2026-11-01", "reviewed: !!timestamp 2001-12-14t21:59:43.10-99:00"
    ),
    "int_of_5000_digits": _at("idle_seconds: 90", "idle_seconds: " + "9" * 5000),
    # yaml.reader.ReaderError escaped: the reader checks every character before parsing
    "nul_character": _at("idle_seconds: 90", "idle_seconds: 9\x000"),
    "control_character": _at("name: Willow", "name: Wil\x1blow"),
    # an alias bomb as a mapping key: repr() of 10**9 items never returned
    "alias_bomb_as_key": ("? " + bomb(10, 9, "x", "list") + "\n: 1\n").encode(),
    # nested merge keys doubled a mapping per level before anything was counted
    "merge_bomb": ("x: " + bomb(2, 30, "x", "merge") + "\n").encode(),
    # a deep value repeated by aliases: 3 kB of YAML held 400 MB of paths
    "deep_alias": (
        "x: [&d " + "[" * 450 + "x" + "]" * 450 + ", " + "*d, " * 440 + "*d]\n"
    ).encode(),
    # tens of thousands of problems took seconds to word; the rest are now counted
    "many_problems": _at(
        "when: {score: sciatica, at_least: 3}",
        "when: " + bomb(40, 3, "{question: where, answered: 7}", "any"),
    ),
}


@pytest.mark.parametrize("name", sorted(REGRESSIONS))
def test_regressions(name: str) -> None:
    outcome = check(REGRESSIONS[name])
    assert isinstance(outcome, ContentError)
    if name == "many_problems":
        assert len(outcome.issues) == MAX_ISSUES + 1
        assert "more problems not listed" in outcome.issues[-1].message


def test_a_file_over_the_size_limit_is_refused_unread() -> None:
    raw = RAW + b"# " + b"x" * MAX_FILE_BYTES + b"\n"
    outcome = check(raw)
    assert isinstance(outcome, ContentError)
    [issue] = outcome.issues
    assert (issue.path, issue.message, issue.line) == (
        "(file)",
        TOO_BIG,
        None,
    )


def test_a_huge_width_in_ui_text_is_refused_without_building_it() -> None:
    """It was tried with str.format: {n:>300000000} built a 300 MB string (10**9: 858 MB)."""
    outcome = check(_at("settings:\n", 'ui_text:\n  step: "{n:>300000000}"\nsettings:\n'))
    assert isinstance(outcome, ContentError)
    assert any("width or precision" in issue.message for issue in outcome.issues)


# --- libyaml reads every file as PyYAML's pure-Python reader does --------------------------


def _read(text: str, loader_class: Any) -> Any:
    """The data and line map of `text`, or the fact of an error and its message."""
    try:
        return read_yaml(text, loader_class)
    except YamlReadError as error:
        return ("error", error.message)


@fuzz(40)
@given(data=st.data())
@example(data=None)
def test_libyaml_reads_as_pyyaml(data: st.DataObject | None) -> None:
    """The same data and the same line of every value, or an error from both (libyaml words
    some errors differently, and may find a broken file a line later or earlier). One known
    difference: YAML allows a tab inside a plain value (`n\tame`), which libyaml reads and
    PyYAML's scanner refuses as a tab; nothing else PyYAML refuses may libyaml read."""
    raw = RAW
    if data is not None:
        for _ in range(data.draw(st.integers(1, 4), label="mutations")):
            raw, what = mutate_bytes(raw, data.draw)
            note(what)
        if data.draw(st.booleans(), label="deep flow"):  # where the two scanners differ most
            at = data.draw(positions, label="at")
            depth = data.draw(st.integers(1, 300), label="depth")
            raw = raw[:at] + b"[{" * depth + b"a: b" + b"}]" * depth + raw[at:]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return
    fast, pure = _read(text, _Loader), _read(text, _PureLoader)
    if fast[0] == "error":
        assert pure[0] == "error", (fast, pure)
    elif pure[0] == "error":
        assert "spaces, not tabs" in pure[1], (fast, pure)
        event("a tab inside a value: read by libyaml only")
    else:
        assert fast == pure
