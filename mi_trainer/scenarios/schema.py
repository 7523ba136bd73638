"""The JSON Schema of the scenario format, for editors (VS Code's YAML extension)."""

from __future__ import annotations

import json
from typing import Any

from mi_trainer.scenarios.models import ResponseSetFile, Scenario

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _patch_closing(schema: dict[str, Any]) -> None:
    """`closing` also takes plain text (one line) and text items (neutral lines)."""
    member = schema.get("$defs", {}).get("Member")
    if not member:
        return
    closing = member["properties"]["closing"]
    line = {"anyOf": [{"type": "string", "minLength": 1}, {"$ref": "#/$defs/ClosingLine"}]}
    member["properties"]["closing"] = {
        "anyOf": [{"type": "string", "minLength": 1}, {"type": "array", "items": line}],
        "description": closing.get("description", ""),
        "title": closing.get("title", "Closing"),
    }


def scenario_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of a scenario file."""
    schema = Scenario.model_json_schema()
    _patch_closing(schema)
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": "https://mi-trainer.local/schema/scenario-v1.json",
        **schema,
        "title": "mi-trainer scenario (schema_version 1)",
    }


def include_json_schema() -> dict[str, Any]:
    """JSON Schema of an include file of shared response sets."""
    schema = ResponseSetFile.model_json_schema()
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": "https://mi-trainer.local/schema/response-sets-v1.json",
        **schema,
        "title": "mi-trainer shared response sets (include file)",
    }


def schema_text(include: bool = False) -> str:
    """The schema as stable, indented JSON text (ends with a newline)."""
    schema = include_json_schema() if include else scenario_json_schema()
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
