"""The JSON Schema of `content.yaml`, made from the same models that validate it.

Editors use it to autocomplete keys and flag mistakes while a clinic types (the modeline
`# yaml-language-server: $schema=...` at the top of the file points to it). The committed copy
is `kiosk/content/schema.json`; after a change to the models, write it again with
`kiosk schema > kiosk/content/schema.json` (a test says so when it is out of date).
No Qt here.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from .i18n import Localized, serialize_text
from .model import Content

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILE_NAME = "schema.json"
"""The committed schema, beside this module."""

MODELINE_PREFIX = "# yaml-language-server: $schema="
"""The comment at the top of a content file that tells editors where its schema is."""

TITLE = "Clinic kiosk content (content.yaml)"
DESCRIPTION = (
    "Everything the clinic kiosk shows: the clinic, its colours, its words, the screens, "
    "the self-check questions and results, and the therapists. Check a file with "
    "`kiosk validate content.yaml`; it also checks what a schema cannot (references "
    "between parts and that picture files exist)."
)


class _Generator(GenerateJsonSchema):
    """Shows a built-in text's default as it would be written: one string per language."""

    def encode_default(self, dft: Any) -> Any:
        if isinstance(dft, Localized):
            return serialize_text(dft)
        if isinstance(dft, dict) and any(isinstance(v, Localized) for v in dft.values()):
            return {k: serialize_text(v) if isinstance(v, Localized) else v for k, v in dft.items()}
        return super().encode_default(dft)


def content_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a content file, keys as they are written in YAML."""
    schema = Content.model_json_schema(
        by_alias=True, mode="validation", schema_generator=_Generator
    )
    return {
        "$schema": SCHEMA_DIALECT,
        **schema,
        "title": TITLE,
        "description": DESCRIPTION,
    }


def schema_text() -> str:
    """The schema as stable text: sorted keys, two-space indent, ASCII, a final newline."""
    return json.dumps(content_schema(), indent=2, sort_keys=True, ensure_ascii=True) + "\n"


def modeline(schema_path: str) -> str:
    """The first line of a content file whose schema is at `schema_path` (relative to it)."""
    return f"{MODELINE_PREFIX}{schema_path}"
