"""Authored lines: responses, disclosures, plans, closings, openers and interjections."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import Field, ValidatorFunctionWrapHandler

from mi_trainer.coding.codes import TalkType
from mi_trainer.scenarios.conditions import Condition, InterjectionCondition
from mi_trainer.scenarios.fieldtypes import (
    SAY_SCHEMA,
    VARIANTS,
    Delta,
    Slug,
    StrictModel,
    Variants,
)
from mi_trainer.scenarios.vocab import VARIABLES, DarnCat, Intent


class Effects(StrictModel):
    """Changes to the speaking member's state (each -1..1, added then clamped to 0..1)."""

    rapport: Delta | None = Field(default=None, description="Added to rapport, e.g. +0.05.")
    openness: Delta | None = Field(default=None, description="Added to openness.")
    readiness: Delta | None = Field(default=None, description="Added to readiness.")
    discord: Delta | None = Field(default=None, description="Added to discord, e.g. +0.1.")

    def as_dict(self) -> dict[str, float]:
        return {var: v for var in VARIABLES if (v := getattr(self, var)) is not None}


DarnCatLabel = Annotated[
    DarnCat | None,
    Field(
        description="Optional DARN-CAT subtype: desire, ability, reason, need, commitment, "
        "activation, taking_steps."
    ),
]
IntentLabel = Annotated[
    Intent | None,
    Field(
        description="Optional intent: deny, downplay, blame, engage, inform, hesitate, "
        "acknowledge, plan (weighted by stage of change)."
    ),
]


class Line(StrictModel):
    """An authored line: what a member says, its talk type and when it may be said."""

    id: Slug | None = Field(
        default=None,
        description="Optional id (lower-case, hyphens), needed to refer to the line.",
    )
    say: Variants = Field(
        description="What the member says: a string, or a list of variants (one is chosen)."
    )
    talk: TalkType | None = Field(
        default=None,
        description="Talk type: change, sustain, neutral or discord. Always label it.",
    )
    darn_cat: DarnCatLabel = None
    intent: IntentLabel = None
    when: Condition | None = Field(
        default=None, description="Conditions that must all hold (omit: always possible)."
    )
    effects: Effects | None = Field(
        default=None, description="Extra changes to the member's state when this is said."
    )
    weight: float = Field(
        default=1.0, ge=0.0, le=100.0, description="Base weight when choosing (default 1)."
    )

    @property
    def condition(self) -> Condition:
        """The condition, an always-true empty one if none was given."""
        return self.when or Condition()


class Response(Line):
    """An everyday reply, chosen among those whose condition holds."""


class Disclosure(Line):
    """Said once, when its condition holds; checked before responses."""

    id: Slug = Field(description="Id of the disclosure (used by `disclosed:` conditions).")


class Plan(Line):
    """A plan the member could accept; the only plans a member ever voices."""

    id: Slug = Field(description="Id of the plan.")


def _plain_line(value: Any) -> Any:
    """A closing written as plain text is a neutral line."""
    if isinstance(value, str):
        return {"say": value, "talk": "neutral"}
    return value


def closing_list(value: Any) -> Any:
    if isinstance(value, str):
        return [_plain_line(value)]
    if isinstance(value, list):
        return [_plain_line(v) for v in value]
    return value


class ClosingLine(Line):
    """Said when the practitioner ends the session; the most specific line that holds wins."""


class OpeningLine(StrictModel):
    """A member's first line, before the practitioner speaks: plain text is neutral.

    Only what the opening turn records: no ``when`` (nothing has happened yet), no
    ``effects`` and no ``weight`` (there is nothing to choose between).
    """

    say: Variants = Field(
        description="What the member says first: a string, or a list of variants (one is "
        "chosen by the seed)."
    )
    talk: TalkType = Field(
        default=TalkType.NEUTRAL,
        description="Talk type of the opener: change, sustain, neutral (the default) or discord.",
    )
    darn_cat: DarnCatLabel = None
    intent: IntentLabel = None


def opening_line(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """An opener written as text (or a list of variants) is a neutral line.

    The text forms are checked as ``say`` variants at the opener's own position, so a
    mistake in them reads exactly as one in any other ``say``.
    """
    if value is None or isinstance(value, Mapping | OpeningLine):
        return handler(value)
    if isinstance(value, list) and any(isinstance(v, Mapping) for v in value):
        raise ValueError(
            "a list under 'opening' holds variants of one line, as text; to label the "
            "opener write it as {say: [...], talk: ...}"
        )
    return OpeningLine(say=VARIANTS.validate_python(value))


def opening_forms(schema: dict[str, Any]) -> None:
    """In the JSON Schema, `opening` also takes plain text or a list of variants."""
    schema["anyOf"][:0] = copy.deepcopy(SAY_SCHEMA["anyOf"])


class Interjection(Line):
    """Another member speaks up after a reply (family scenes)."""

    member: Slug = Field(description="Id of the member who interjects.")
    when: InterjectionCondition | None = Field(  # type: ignore[assignment]
        default=None,
        description="Conditions; state keys refer to the interjecting member, `addressed` "
        "to whom the practitioner spoke.",
    )
    chance: float = Field(
        default=1.0, ge=0.0, le=1.0, description="Chance (0..1) once the condition holds."
    )
    leaves: bool = Field(default=False, description="The member leaves the room after this.")
