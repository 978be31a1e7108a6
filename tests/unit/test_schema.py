"""The JSON Schema of content.yaml: in sync with the models, described, and true to the file.

`jsonschema` is not a dependency, so `schema_problems` below checks a file against the schema
for the parts of JSON Schema the models produce (objects, lists, $ref, anyOf, tagged oneOf,
const, enum, patterns, lengths and bounds); enough to catch a key or a shape the schema
would wrongly reject or accept.
"""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from kiosk.content.model import Content
from kiosk.content.schema import (
    MODELINE_PREFIX,
    SCHEMA_DIALECT,
    SCHEMA_FILE_NAME,
    content_schema,
    schema_text,
)

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "kiosk" / "content" / SCHEMA_FILE_NAME
JSON_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


def _is_type(value: Any, name: str) -> bool:
    if isinstance(value, bool) and name in ("integer", "number"):
        return False
    if isinstance(value, datetime.date) and name == "string":
        return True  # YAML reads 2026-11-01 as a date; editors see the text
    return isinstance(value, JSON_TYPES[name])


def schema_problems(node: dict[str, Any], value: Any, where: str = "") -> list[str]:
    """Every place where `value` does not fit the schema `node` (of `content_schema()`)."""
    root = content_schema()

    def check(node: dict[str, Any], value: Any, where: str) -> list[str]:
        if "$ref" in node:
            node = {**root["$defs"][node["$ref"].rsplit("/", 1)[-1]], **node}
            node.pop("$ref")
        if "anyOf" in node:
            tries = [check(branch, value, where) for branch in node["anyOf"]]
            return [] if any(not t for t in tries) else min(tries, key=len)
        if "oneOf" in node:
            tag = (
                value.get(node["discriminator"]["propertyName"])
                if isinstance(value, dict)
                else None
            )
            target = node["discriminator"]["mapping"].get(tag)
            if target is None:
                return [f"{where}: no kind named {tag!r}"]
            return check({"$ref": target}, value, where)
        if "const" in node and value != node["const"]:
            return [f"{where}: expected {node['const']!r}"]
        if "enum" in node and value not in node["enum"]:
            return [f"{where}: {value!r} is not one of {node['enum']}"]
        kind = node.get("type")
        if kind and not _is_type(value, kind):
            return [f"{where}: expected {kind}, got {type(value).__name__}"]
        found: list[str] = []
        if kind == "object":
            props = node.get("properties", {})
            patterns = node.get("patternProperties", {})
            for key in node.get("required", []):
                if key not in value:
                    found.append(f"{where}.{key}: missing")
            for key, item in value.items():
                if key in props:
                    found += check(props[key], item, f"{where}.{key}")
                elif any(re.search(p, key) for p in patterns):
                    sub = next(s for p, s in patterns.items() if re.search(p, key))
                    found += check(sub, item, f"{where}.{key}")
                elif node.get("additionalProperties") is False:
                    found.append(f"{where}.{key}: unknown key")
        elif kind == "array":
            if len(value) < node.get("minItems", 0):
                found.append(f"{where}: fewer than {node['minItems']} items")
            for index, item in enumerate(value):
                found += check(node.get("items", {}), item, f"{where}[{index}]")
        elif kind == "string" and isinstance(value, str):
            if "pattern" in node and not re.search(node["pattern"], value):
                found.append(f"{where}: {value!r} does not match {node['pattern']}")
            if not node.get("minLength", 0) <= len(value) <= node.get("maxLength", 10**9):
                found.append(f"{where}: wrong length")
        elif kind in ("integer", "number") and not (
            node.get("minimum", -(10**12)) <= value <= node.get("maximum", 10**12)
        ):
            found.append(f"{where}: {value} out of bounds")
        return found

    return check(node, value, where)


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return content_schema()


@pytest.fixture
def data() -> dict[str, Any]:
    loaded = yaml.safe_load((ROOT / "content.yaml").read_text("utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_committed_schema_is_in_sync_with_the_models() -> None:
    assert COMMITTED.is_file(), "write it: kiosk schema > kiosk/content/schema.json"
    assert COMMITTED.read_text("utf-8") == schema_text(), (
        "kiosk/content/schema.json is out of date with kiosk/content/model.py; "
        "write it again: kiosk schema > kiosk/content/schema.json"
    )


def test_schema_text_is_stable_sorted_json_with_a_final_newline() -> None:
    text = schema_text()
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert text == schema_text()
    again = json.dumps(json.loads(text), indent=2, sort_keys=True) + "\n"
    assert text == again  # sorted keys, two-space indent


def test_schema_names_its_dialect_title_and_description(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == SCHEMA_DIALECT == "https://json-schema.org/draft/2020-12/schema"
    assert "content.yaml" in schema["title"]
    assert "kiosk validate" in schema["description"]
    assert schema["type"] == "object" and schema["additionalProperties"] is False


def test_schema_describes_every_top_level_key(schema: dict[str, Any]) -> None:
    keys = {info.alias or name for name, info in Content.model_fields.items()}
    assert set(schema["properties"]) == keys
    assert {"version", "clinic", "screens", "self_check"} <= set(schema["required"])
    for key in keys:
        assert schema["properties"][key].get("description"), f"{key} has no description"


def test_every_field_a_clinic_writes_has_a_description(schema: dict[str, Any]) -> None:
    undescribed = [
        f"{model}.{key}"
        for model, node in [("(top)", schema), *schema["$defs"].items()]
        for key, prop in node.get("properties", {}).items()
        if not prop.get("description", "").strip()
    ]
    assert undescribed == [], "add description= to these fields in kiosk/content/model.py"


def test_conditions_use_their_yaml_names(schema: dict[str, Any]) -> None:
    condition = schema["$defs"]["Condition"]["properties"]
    assert {"all", "any", "not", "question", "score", "equals", "includes"} <= set(condition)
    assert not {"all_", "any_", "not_"} & set(condition)
    assert condition["not"]["anyOf"][0] == {"$ref": "#/$defs/Condition"}


def test_the_schema_accepts_the_default_content(data: dict[str, Any]) -> None:
    assert schema_problems(content_schema(), data) == []


def test_the_schema_flags_what_a_clinic_gets_wrong(data: dict[str, Any]) -> None:
    data["brand"]["primry"] = "#112233"
    data["settings"]["idle_seconds"] = "soon"
    data["screens"][0]["type"] = "articel"
    data["self_check"]["outcomes"][0]["when"] = {"al": [{"question": "x", "equals": "yes"}]}
    problems = schema_problems(content_schema(), data)
    assert ".brand.primry: unknown key" in problems
    assert ".settings.idle_seconds: expected integer, got str" in problems
    assert ".screens[0]: no kind named 'articel'" in problems
    assert any(p.startswith(".self_check.outcomes[0].when") for p in problems)
    assert len(problems) == 4, problems


def test_content_yaml_starts_with_the_modeline_to_its_schema() -> None:
    first = (ROOT / "content.yaml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=kiosk/content/schema.json"
    assert first.startswith(MODELINE_PREFIX)
    target = ROOT / first.removeprefix(MODELINE_PREFIX)
    assert target.resolve() == COMMITTED.resolve() and target.is_file()


def test_the_bundle_carries_the_schema() -> None:
    spec = (ROOT / "build_spec.spec").read_text("utf-8")
    assert '"kiosk" / "content" / "schema.json"), "kiosk/content")' in spec


def test_kiosk_schema_prints_the_schema(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "schema"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == schema_text()
    assert json.loads(done.stdout)["properties"]["clinic"]["$ref"] == "#/$defs/Clinic"
