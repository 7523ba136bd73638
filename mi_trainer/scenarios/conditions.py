"""Conditions (``when:``): which keys must hold for a line to be said.

Conditions are *evaluated* by the engine; :meth:`Condition.matches` is a pure
reference implementation the engine's compiled version is tested against.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from pydantic import Field

from mi_trainer.coding.codes import Code
from mi_trainer.scenarios.comparison import Comparison, ComparisonField
from mi_trainer.scenarios.fieldtypes import (
    CodeList,
    FamilyList,
    NameList,
    ReflectedList,
    StageList,
    StrictModel,
)
from mi_trainer.scenarios.vocab import FAMILY_OF, VARIABLES


class Condition(StrictModel):
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
