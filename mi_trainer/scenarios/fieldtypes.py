"""Field types shared by the scenario models: text, ids, 0..1 numbers, word lists.

A single item where a list is expected becomes a one-item list, so trainers can write
``codes: persuade`` as well as ``codes: [persuade, confront]``.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    WithJsonSchema,
)

from mi_trainer.coding.codes import Code, Reflected
from mi_trainer.scenarios.vocab import Family, Stage

ID_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
ID_RE = re.compile(ID_PATTERN)


class StrictModel(BaseModel):
    """Every part of a scenario file: unknown keys are errors (typos never pass silently)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=False)


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("empty text: write something here or remove the key")
    return value


def _as_list(value: Any) -> Any:
    """A single item where a list is expected becomes a one-item list."""
    if value is None:
        return []
    if isinstance(value, str | int | float):
        return [value]
    return value


Text = Annotated[str, AfterValidator(_not_blank)]
Slug = Annotated[str, Field(pattern=ID_PATTERN, max_length=80)]
Unit = Annotated[float, Field(ge=0.0, le=1.0)]
Delta = Annotated[float, Field(ge=-1.0, le=1.0)]

SAY_SCHEMA = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
    ]
}

Variants = Annotated[
    list[Text],
    BeforeValidator(_as_list),
    Field(min_length=1),
    WithJsonSchema(SAY_SCHEMA),
]
VARIANTS: TypeAdapter[list[str]] = TypeAdapter(Variants)


def _list_of(item_schema: dict[str, Any]) -> WithJsonSchema:
    return WithJsonSchema({"anyOf": [item_schema, {"type": "array", "items": item_schema}]})


def _enum_schema(enum: type) -> dict[str, Any]:
    return {"type": "string", "enum": [str(e) for e in enum]}  # type: ignore[attr-defined]


CodeList = Annotated[list[Code], BeforeValidator(_as_list), _list_of(_enum_schema(Code))]
FamilyList = Annotated[list[Family], BeforeValidator(_as_list), _list_of(_enum_schema(Family))]
ReflectedList = Annotated[
    list[Reflected], BeforeValidator(_as_list), _list_of(_enum_schema(Reflected))
]
StageList = Annotated[list[Stage], BeforeValidator(_as_list), _list_of(_enum_schema(Stage))]
NameList = Annotated[list[Text], BeforeValidator(_as_list), _list_of({"type": "string"})]
