"""The scenario format (``schema_version: 1``): the shape of a scenario file.

Trainers write these as YAML; docs/authoring.md describes every field. The models
only check the *shape* (types, ranges, known words); cross-references and
reachability are checked in :mod:`mi_trainer.scenarios.checks`.

The format is split by concern: :mod:`~mi_trainer.scenarios.comparison` (the comparison
language, '< 0.5'), :mod:`~mi_trainer.scenarios.conditions` (``when:``),
:mod:`~mi_trainer.scenarios.lines` (authored lines), :mod:`~mi_trainer.scenarios.fieldtypes`
(text, ids, word lists) and this module (members, rules, the scenario, include files).
Everything is importable from here.

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

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BeforeValidator, ConfigDict, Field, PrivateAttr, WrapValidator, model_validator

from mi_trainer.scenarios.comparison import COMPARISON_HELP, Comparison, ComparisonField
from mi_trainer.scenarios.conditions import Condition, InterjectionCondition
from mi_trainer.scenarios.facts import Facts
from mi_trainer.scenarios.fieldtypes import (
    ID_PATTERN,
    ID_RE,
    NameList,
    Slug,
    StrictModel,
    Text,
    Unit,
    Variants,
)
from mi_trainer.scenarios.lines import (
    ClosingLine,
    Disclosure,
    Effects,
    Interjection,
    Line,
    OpeningLine,
    Plan,
    Response,
    closing_list,
    opening_forms,
    opening_line,
)
from mi_trainer.scenarios.vocab import Stage

SCHEMA_VERSION = 1

# -- members --------------------------------------------------------------------------------


class StartState(StrictModel):
    """A member's starting state, each 0..1 (readiness defaults from the stage)."""

    rapport: Unit | None = Field(default=None, description="Starting rapport (0..1).")
    openness: Unit | None = Field(default=None, description="Starting openness (0..1).")
    readiness: Unit | None = Field(
        default=None, description="Starting readiness (0..1); default from `stage`."
    )
    discord: Unit | None = Field(default=None, description="Starting discord (0..1).")


class Member(StrictModel):
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
    opening: Annotated[OpeningLine | None, WrapValidator(opening_line)] = Field(
        default=None,
        description="Their first line: a string, a list of variants (one is chosen by the "
        "seed), or a line {say: ..., talk: ...}; plain text is neutral talk.",
        title="Opening",
        json_schema_extra=opening_forms,
    )
    walk_out: Variants | None = Field(
        default=None, description="Said when discord passes leave_at_discord."
    )
    closing: Annotated[list[ClosingLine], BeforeValidator(closing_list)] = Field(
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


class StageThresholds(StrictModel):
    """Readiness from which each stage begins."""

    contemplation: Unit | None = Field(default=None, description="Default 0.35.")
    preparation: Unit | None = Field(default=None, description="Default 0.7.")
    action: Unit | None = Field(default=None, description="Default 0.9.")

    def as_dict(self) -> dict[str, float]:
        return {k: v for k in ("contemplation", "preparation", "action") if (v := getattr(self, k))}


class Rules(StrictModel):
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


class Scenario(StrictModel):
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
    facts: Facts | None = Field(
        default=None,
        description="What the members know (people, household, events, services) and how "
        "they say it: see docs/authoring.md, 'Facts'.",
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


class ResponseSetFile(StrictModel):
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
    return bool(ID_RE.match(value))


def slugify(value: str) -> str:
    """The nearest valid id for a suggestion ('Kerry Smith' -> 'kerry-smith')."""
    slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    return slug or "my-scenario"


__all__ = [
    "COMPARISON_HELP",
    "ID_PATTERN",
    "SCHEMA_VERSION",
    "ClosingLine",
    "Comparison",
    "ComparisonField",
    "Condition",
    "Disclosure",
    "Effects",
    "Interjection",
    "InterjectionCondition",
    "Line",
    "Member",
    "OpeningLine",
    "Plan",
    "Response",
    "ResponseSetFile",
    "Rules",
    "Scenario",
    "StageThresholds",
    "StartState",
    "is_valid_id",
    "slugify",
]
