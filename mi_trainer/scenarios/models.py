"""The scenario format (``schema_version: 1``) as pydantic v2 models.

Trainers write these as YAML; docs/authoring.md describes every field. The models
only check the *shape* (types, ranges, known words); cross-references and
reachability are checked in :mod:`mi_trainer.scenarios.checks`.

Conventions the engine can rely on after loading:

- ``say`` (and ``walk_out``) is always a non-empty ``list[str]`` of variants; ``opening``
  is an :class:`OpeningLine` (its ``say`` likewise; ``talk`` neutral unless labelled).
- Every condition (``when``) is a :class:`Condition` (or :class:`InterjectionCondition`)
  whose list keys are lists (a single word in YAML becomes a one-item list) and whose
  comparisons are parsed :class:`Comparison` objects. Conditions are *evaluated* by the
  engine; :meth:`Condition.matches` is a pure reference implementation.
- ``scenario.response_sets`` holds the scenario's own sets plus every set from
  ``includes``; ``member.resolved_responses`` is the member's own responses followed
  by the responses of each set in ``uses`` (in that order).
- ``scenario.source_hash`` is the sha256 of the file bytes plus every included file.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PrivateAttr,
    TypeAdapter,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    WrapValidator,
    model_validator,
)

from mi_trainer.coding.codes import Code, Reflected, TalkType
from mi_trainer.scenarios.vocab import FAMILY_OF, VARIABLES, DarnCat, Family, Intent, Stage

SCHEMA_VERSION = 1
ID_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
_ID_RE = re.compile(ID_PATTERN)

# -- small reusable types -------------------------------------------------------------------


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

_SAY_SCHEMA = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
    ]
}

Variants = Annotated[
    list[Text],
    BeforeValidator(_as_list),
    Field(min_length=1),
    WithJsonSchema(_SAY_SCHEMA),
]
_VARIANTS: TypeAdapter[list[str]] = TypeAdapter(Variants)


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


# -- comparisons ----------------------------------------------------------------------------

_COMPARISON = re.compile(
    r"^\s*(?:(?P<op><=|>=|==|<|>|=)\s*(?P<num>[-+]?(?:\d+\.?\d*|\.\d+))"
    r"|(?P<lo>[-+]?(?:\d+\.?\d*|\.\d+))\s*\.\.\s*(?P<hi>[-+]?(?:\d+\.?\d*|\.\d+)))\s*$"
)
COMPARISON_HELP = "write a comparison such as '< 0.5', '>= 0.3' or a range '0.2..0.6'"


class Comparison(BaseModel):
    """A parsed comparison from a condition: ``lo (<|<=) x (<|<=) hi``.

    Written in YAML as ``"< 0.5"``, ``"<= 0.5"``, ``"> 0.3"``, ``">= 0.3"``, ``"== 0.5"``,
    a range ``"0.2..0.6"`` (both ends included) or a bare number (meaning ``>=``).
    ``raw`` keeps the text as written; it is what the model serialises back to.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    raw: str
    lo: float = -math.inf
    hi: float = math.inf
    lo_strict: bool = False
    hi_strict: bool = False

    @classmethod
    def parse(cls, value: Any) -> Comparison:
        """From YAML text or a number; raises ValueError with a message for trainers."""
        if isinstance(value, Comparison):
            return value
        if isinstance(value, bool) or value is None:
            raise ValueError(f"{value!r} is not a comparison: {COMPARISON_HELP}")
        if isinstance(value, int | float):
            return cls(raw=f">= {value}", lo=float(value))
        if not isinstance(value, str):
            raise ValueError(f"expected a comparison in quotes: {COMPARISON_HELP}")
        match = _COMPARISON.match(value)
        if not match:
            raise ValueError(f"'{value}' is not a comparison: {COMPARISON_HELP}")
        raw = value.strip()
        if match["op"]:
            num = float(match["num"])
            op = match["op"]
            if op in ("==", "="):
                return cls(raw=raw, lo=num, hi=num)
            if op == "<":
                return cls(raw=raw, hi=num, hi_strict=True)
            if op == "<=":
                return cls(raw=raw, hi=num)
            if op == ">":
                return cls(raw=raw, lo=num, lo_strict=True)
            return cls(raw=raw, lo=num)
        return cls(raw=raw, lo=float(match["lo"]), hi=float(match["hi"]))

    @property
    def op(self) -> str:
        """The operator as written: '<', '<=', '>', '>=', '==' or '..' (a range)."""
        if self.lo == self.hi:
            return "=="
        if math.isinf(self.lo):
            return "<" if self.hi_strict else "<="
        if math.isinf(self.hi):
            return ">" if self.lo_strict else ">="
        return ".."

    def contains(self, value: float) -> bool:
        """Does ``value`` satisfy the comparison?"""
        if value < self.lo or (self.lo_strict and value == self.lo):
            return False
        return not (value > self.hi or (self.hi_strict and value == self.hi))

    __contains__ = contains

    def intersect(self, other: Comparison) -> Comparison:
        """Both comparisons at once (may be empty: see :meth:`is_empty`)."""
        if other.lo > self.lo or (other.lo == self.lo and other.lo_strict):
            lo, lo_strict = other.lo, other.lo_strict
        else:
            lo, lo_strict = self.lo, self.lo_strict
        if other.hi < self.hi or (other.hi == self.hi and other.hi_strict):
            hi, hi_strict = other.hi, other.hi_strict
        else:
            hi, hi_strict = self.hi, self.hi_strict
        raw = f"{self.raw} and {other.raw}"
        return Comparison(raw=raw, lo=lo, hi=hi, lo_strict=lo_strict, hi_strict=hi_strict)

    def is_empty(self) -> bool:
        """True when no number at all satisfies it (e.g. '0.6..0.4')."""
        if self.lo > self.hi:
            return True
        return self.lo == self.hi and (self.lo_strict or self.hi_strict)

    def within(self, lo: float, hi: float) -> bool:
        """Can some value in ``lo..hi`` (inclusive) satisfy it?"""
        return not self.intersect(Comparison(raw=f"{lo}..{hi}", lo=lo, hi=hi)).is_empty()

    @staticmethod
    def between(lo: float, hi: float, *, hi_strict: bool = False) -> Comparison:
        raw = f"{lo}..{hi}"
        return Comparison(raw=raw, lo=lo, hi=hi, hi_strict=hi_strict)

    def __str__(self) -> str:
        return self.raw


def _to_comparison(value: Any) -> Any:
    if isinstance(value, Mapping | list):
        raise ValueError(f"write the comparison as text in quotes: {COMPARISON_HELP}")
    return Comparison.parse(value)


ComparisonField = Annotated[
    Comparison,
    BeforeValidator(_to_comparison),
    PlainSerializer(lambda c: c.raw, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {
                    "type": "string",
                    "pattern": r"^\s*((<=|>=|==|<|>|=)\s*[-+]?(\d+\.?\d*|\.\d+)"
                    r"|[-+]?(\d+\.?\d*|\.\d+)\s*\.\.\s*[-+]?(\d+\.?\d*|\.\d+))\s*$",
                },
                {"type": "number"},
            ]
        }
    ),
]


# -- base -----------------------------------------------------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=False)


# -- conditions -----------------------------------------------------------------------------


class Condition(_Model):
    """When a line may be said: every key given must hold (all keys optional).

    Keys about the practitioner's turn (``codes``, ``families``, ``topics``,
    ``reflects``) never hold outside a turn (openers, closings). State keys refer to
    the member who would speak.
    """

    codes: CodeList = Field(
        default_factory=list,
        description="The practitioner's main code is one of these (MITI codes, e.g. "
        "question_open, reflection_complex, persuade).",
    )
    families: FamilyList = Field(
        default_factory=list,
        description="The main code belongs to one of these families: question, reflection, "
        "directive, adherent, information, other.",
    )
    topics: NameList = Field(
        default_factory=list,
        description="The practitioner mentioned any of these topics (ids from `topics:`).",
    )
    reflects: ReflectedList = Field(
        default_factory=list,
        description="The turn was a reflection of change, sustain, both (double-sided) or "
        "neutral talk.",
    )
    rapport: ComparisonField | None = Field(
        default=None, description="Member's rapport (0..1), e.g. '>= 0.5' or '0.2..0.6'."
    )
    openness: ComparisonField | None = Field(
        default=None, description="Member's openness (0..1), e.g. '>= 0.4'."
    )
    readiness: ComparisonField | None = Field(
        default=None, description="Member's readiness to change (0..1), e.g. '< 0.35'."
    )
    discord: ComparisonField | None = Field(
        default=None, description="Member's discord (0..1), e.g. '>= 0.6'."
    )
    stage: StageList = Field(
        default_factory=list,
        description="The member's current stage of change is one of these.",
    )
    disclosed: NameList = Field(
        default_factory=list,
        description="All of these disclosures (ids of this member's disclosures) were made.",
    )
    not_disclosed: NameList = Field(
        default_factory=list,
        description="None of these disclosures (ids of this member's disclosures) were made.",
    )
    turn: ComparisonField | None = Field(
        default=None,
        description="Practitioner turn number (1-based), e.g. '>= 5' or '1..3'.",
    )

    # -- helpers for the engine and the checks ---------------------------------------------

    def ranges(self) -> dict[str, Comparison]:
        """State-variable comparisons given: {variable: comparison}."""
        return {var: c for var in VARIABLES if (c := getattr(self, var)) is not None}

    @property
    def turn_keys(self) -> tuple[str, ...]:
        """Which keys about the practitioner's turn are given (codes, families, topics...)."""
        return tuple(k for k in ("codes", "families", "topics", "reflects") if getattr(self, k))

    @property
    def is_empty(self) -> bool:
        """No key given: always holds."""
        return not any(getattr(self, name) not in (None, []) for name in type(self).model_fields)

    def allowed_codes(self) -> frozenset[str]:
        """Codes that can satisfy ``codes`` and ``families`` together (all codes if neither)."""
        allowed = {str(c) for c in Code}
        if self.codes:
            allowed &= {str(c) for c in self.codes}
        if self.families:
            allowed &= {c for c, f in FAMILY_OF.items() if f in {str(x) for x in self.families}}
        if self.reflects:
            allowed &= {c for c, f in FAMILY_OF.items() if f == "reflection"}
        return frozenset(allowed)

    def matches(
        self,
        *,
        state: Mapping[str, Any],
        code: str | None = None,
        reflects: str | None = None,
        topics: Collection[str] = (),
        turn: int | None = None,
        family_of: Mapping[str, str] = FAMILY_OF,
    ) -> bool:
        """A pure reference evaluation (the engine has its own compiled version).

        ``state`` holds rapport/openness/readiness/discord floats, ``stage`` and
        ``disclosed`` (ids). ``code`` None means "not in a turn" (openers, closings):
        then turn keys never hold.
        """
        if code is None:
            if self.turn_keys or self.turn is not None:
                return False
        else:
            if self.codes and code not in {str(c) for c in self.codes}:
                return False
            if self.families and family_of.get(code, "other") not in {
                str(f) for f in self.families
            }:
                return False
            if self.topics and not any(t in topics for t in self.topics):
                return False
            if self.reflects and reflects not in {str(r) for r in self.reflects}:
                return False
            if self.turn is not None and (turn is None or not self.turn.contains(turn)):
                return False
        for var, comparison in self.ranges().items():
            if not comparison.contains(float(state.get(var, 0.0))):
                return False
        if self.stage and str(state.get("stage")) not in {str(s) for s in self.stage}:
            return False
        disclosed = set(state.get("disclosed") or ())
        if any(d not in disclosed for d in self.disclosed):
            return False
        return not any(d in disclosed for d in self.not_disclosed)


class InterjectionCondition(Condition):
    """An interjection's condition: state keys refer to the INTERJECTING member."""

    addressed: NameList = Field(
        default_factory=list,
        description="The practitioner addressed one of these members (member ids).",
    )


# -- lines ----------------------------------------------------------------------------------


class Effects(_Model):
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


class Line(_Model):
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


def _closing_list(value: Any) -> Any:
    if isinstance(value, str):
        return [_plain_line(value)]
    if isinstance(value, list):
        return [_plain_line(v) for v in value]
    return value


class ClosingLine(Line):
    """Said when the practitioner ends the session; the most specific line that holds wins."""


class OpeningLine(_Model):
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


def _opening_line(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
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
    return OpeningLine(say=_VARIANTS.validate_python(value))


def _opening_forms(schema: dict[str, Any]) -> None:
    """In the JSON Schema, `opening` also takes plain text or a list of variants."""
    schema["anyOf"][:0] = copy.deepcopy(_SAY_SCHEMA["anyOf"])


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


# -- members --------------------------------------------------------------------------------


class StartState(_Model):
    """A member's starting state, each 0..1 (readiness defaults from the stage)."""

    rapport: Unit | None = Field(default=None, description="Starting rapport (0..1).")
    openness: Unit | None = Field(default=None, description="Starting openness (0..1).")
    readiness: Unit | None = Field(
        default=None, description="Starting readiness (0..1); default from `stage`."
    )
    discord: Unit | None = Field(default=None, description="Starting discord (0..1).")


class Member(_Model):
    """A family member (or a member of staff) the practitioner talks to."""

    id: Slug = Field(description="Member id (lower-case), used for @id and references.")
    name: Text = Field(description="Name shown in the conversation, e.g. 'Kerry'.")
    role: Text | None = Field(
        default=None,
        description="e.g. mother, father, grandmother, young person, social worker.",
    )
    age: int | None = Field(default=None, ge=0, le=120, description="Age in years.")
    persona: Text | None = Field(default=None, description="How they come across.")
    background: Text | None = Field(default=None, description="Their story so far.")
    values: list[Text] = Field(
        default_factory=list, description="What they care about (values, motivations)."
    )
    reasons_against_change: list[Text] = Field(
        default_factory=list, description="Their reasons against change (beliefs, fears)."
    )
    stage: Stage | None = Field(
        default=None,
        description="Stage of change at the start: precontemplation, contemplation, "
        "preparation or action.",
    )
    start: StartState | None = Field(default=None, description="Starting state (0..1 each).")
    leave_at_discord: Unit | None = Field(
        default=None, description="Walks out at this discord (overrides rules)."
    )
    opening: Annotated[OpeningLine | None, WrapValidator(_opening_line)] = Field(
        default=None,
        description="Their first line: a string, a list of variants (one is chosen by the "
        "seed), or a line {say: ..., talk: ...}; plain text is neutral talk.",
        title="Opening",
        json_schema_extra=_opening_forms,
    )
    walk_out: Variants | None = Field(
        default=None, description="Said when discord passes leave_at_discord."
    )
    closing: Annotated[list[ClosingLine], BeforeValidator(_closing_list)] = Field(
        default_factory=list,
        description="Said when the practitioner ends the session (strings or lines with "
        "`when`; the most specific line that holds wins).",
    )
    uses: NameList = Field(
        default_factory=list,
        description="Response sets (names from response_sets or includes) added to this "
        "member's responses.",
    )
    responses: list[Response] = Field(
        default_factory=list, description="Everyday replies with their conditions."
    )
    disclosures: list[Disclosure] = Field(
        default_factory=list,
        description="Said once, only when their condition holds (trust earned).",
    )
    plans: list[Plan] = Field(
        default_factory=list, description="The only plans this member can voice."
    )

    _resolved: list[Response] | None = PrivateAttr(default=None)

    @property
    def resolved_responses(self) -> list[Response]:
        """Own responses, then those of each set in ``uses`` (includes already merged)."""
        return list(self.responses) if self._resolved is None else list(self._resolved)


# -- rules ----------------------------------------------------------------------------------


class StageThresholds(_Model):
    """Readiness from which each stage begins."""

    contemplation: Unit | None = Field(default=None, description="Default 0.35.")
    preparation: Unit | None = Field(default=None, description="Default 0.7.")
    action: Unit | None = Field(default=None, description="Default 0.9.")

    def as_dict(self) -> dict[str, float]:
        return {k: v for k in ("contemplation", "preparation", "action") if (v := getattr(self, k))}


class Rules(_Model):
    """Per-scenario tuning of the engine's default reactions (see docs/simulation.md).

    Any other top-level key of the engine's default rules may also be given; the
    validator checks its name and shape against the defaults.
    """

    model_config = ConfigDict(extra="allow")

    reactions: dict[str, Effects] = Field(
        default_factory=dict,
        description="Practitioner code or family (question, reflection, directive, "
        "adherent, information, other) -> state effects.",
    )
    closed_question_streak: int | None = Field(
        default=None,
        ge=1,
        le=50,
        description="Closed questions in a row that count as interrogation (default 3).",
    )
    leave_at_discord: Unit | None = Field(
        default=None, description="Default walk-out threshold for every member (0.9)."
    )
    stages: StageThresholds | None = Field(
        default=None, description="Readiness thresholds for the stages of change."
    )


# -- scenario -------------------------------------------------------------------------------

Topics = dict[str, Annotated[list[Text], Field(min_length=1)]]
ResponseSets = dict[str, list[Response]]


class Scenario(_Model):
    """A practice scenario: who is in the room and how they respond."""

    schema_version: Literal[1] = Field(description="Format version: always 1 for now.")
    id: Slug = Field(description="Unique scenario id (lower-case, hyphens), e.g. mum-drinking.")
    title: Text = Field(description="Title shown in the scenario list.")
    summary: Text | None = Field(default=None, description="One or two sentences.")
    themes: list[Text] = Field(
        default_factory=list,
        description="Theme tags, e.g. substance misuse, domestic abuse, parental mental "
        "health, neglect, kinship care, staff supervision.",
    )
    difficulty: int | None = Field(
        default=None, ge=1, le=5, description="1 (gentle) to 5 (very hard)."
    )
    setting: Text | None = Field(
        default=None,
        description="Where and why, e.g. home visit before an initial child protection conference.",
    )
    learning_goals: list[Text] = Field(
        default_factory=list, description="What the practitioner practises here."
    )
    content_notes: list[Text] = Field(
        default_factory=list, description="Sensitive content, shown before starting."
    )
    debrief: Text | None = Field(
        default=None, description="For the trainer: what good practice looks like here."
    )
    turn_limit: int = Field(
        default=40, ge=1, le=500, description="Practitioner turns before time is up (40)."
    )
    includes: NameList = Field(
        default_factory=list,
        description="Files holding shared response_sets, relative to this file "
        "(e.g. _shared/common-responses.yaml).",
    )
    topics: Topics = Field(
        default_factory=dict,
        description="Topic id -> keywords (lower-case words or phrases) that mention it.",
    )
    rules: Rules | None = Field(
        default=None, description="Optional tuning of the engine's reactions."
    )
    response_sets: ResponseSets = Field(
        default_factory=dict,
        description="Named lists of responses that members add with `uses`.",
    )
    members: Annotated[list[Member], Field(min_length=1)] = Field(
        description="The people in the room (at least one)."
    )
    interjections: list[Interjection] = Field(
        default_factory=list,
        description="Family scenes: another member speaks up after a reply.",
    )

    _source_path: Path | None = PrivateAttr(default=None)
    _source_hash: str | None = PrivateAttr(default=None)
    _included: list[Path] = PrivateAttr(default_factory=list)
    _set_origin: dict[str, Path] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _resolve_after(self) -> Scenario:
        self.resolve_responses()
        return self

    # -- helpers -----------------------------------------------------------------------------

    @property
    def source_path(self) -> Path | None:
        """The file it was loaded from (None when built in code)."""
        return self._source_path

    @property
    def source_hash(self) -> str | None:
        """sha256 hex of the file bytes plus every included file (None when built in code)."""
        return self._source_hash

    @property
    def included_files(self) -> list[Path]:
        """Included files, in the order they were read."""
        return list(self._included)

    @property
    def member_ids(self) -> list[str]:
        return [m.id for m in self.members]

    def member(self, member_id: str) -> Member:
        """The member with this id (KeyError if none)."""
        for member in self.members:
            if member.id == member_id:
                return member
        raise KeyError(member_id)

    def responses_for(self, member_id: str) -> list[Response]:
        """A member's own responses plus its ``uses`` sets (includes merged)."""
        return self.member(member_id).resolved_responses

    def resolve_responses(self) -> None:
        """(Re)compute each member's resolved responses from ``response_sets``."""
        for member in self.members:
            lines = list(member.responses)
            for name in member.uses:
                lines.extend(self.response_sets.get(name, ()))
            member._resolved = lines


class ResponseSetFile(_Model):
    """An include file: shared response sets (file names start with '_')."""

    schema_version: Literal[1] | None = Field(default=None, description="Format version: 1.")
    description: Text | None = Field(default=None, description="What these sets are for.")
    includes: NameList = Field(
        default_factory=list, description="Further include files, relative to this file."
    )
    response_sets: ResponseSets = Field(
        description="Named lists of responses that members add with `uses`."
    )


def is_valid_id(value: str) -> bool:
    """Is ``value`` a valid id (lower-case letters, digits, single hyphens)?"""
    return bool(_ID_RE.match(value))


def slugify(value: str) -> str:
    """The nearest valid id for a suggestion ('Kerry Smith' -> 'kerry-smith')."""
    slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    return slug or "my-scenario"
