"""`when:` conditions, compiled once per session into fast predicates.

A condition holds when every key it names holds (all keys optional):

=================  ==========================================================
``codes``          the practitioner's main code is one of these
``families``       ...or the main code's family is one of these
``topics``         the practitioner mentioned any of these topics
``reflects``       the turn was a reflection of change / sustain / both / neutral
``rapport`` etc.   the member's state variable is in range (``"< 0.5"``,
                   ``">= 0.3"``, ``"0.2..0.6"``; a bare number means ``>=``)
``stage``          the member's stage of change is one of these
``disclosed``      all of these disclosures were made
``not_disclosed``  none of these were made
``turn``           the practitioner turn number (1-based) is in range
``addressed``      (interjections) the practitioner addressed one of these members
=================  ==========================================================
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from mi_trainer.scenarios.models import Comparison, InterjectionCondition
from mi_trainer.scenarios.models import Condition as ConditionModel


@dataclass(frozen=True, slots=True)
class Range:
    """lo <= x <= hi with optional strict ends: a model's Comparison, made fast to test."""

    lo: float = -math.inf
    hi: float = math.inf
    lo_strict: bool = False
    hi_strict: bool = False

    @classmethod
    def of(cls, comparison: Comparison) -> Range:
        return cls(comparison.lo, comparison.hi, comparison.lo_strict, comparison.hi_strict)

    def __contains__(self, value: float) -> bool:
        if value < self.lo or (self.lo_strict and value == self.lo):
            return False
        return not (value > self.hi or (self.hi_strict and value == self.hi))


def _names(values: list[Any]) -> tuple[str, ...]:
    """Enum members or ids -> their values, in authored order."""
    return tuple(str(v) for v in values)


@dataclass(frozen=True, slots=True)
class TurnContext:
    """What the practitioner just did, as the conditions see it."""

    code: str
    family: str
    reflects: str | None
    topics: frozenset[str]
    turn: int  # practitioner turn number, 1-based (0 before the first)
    addressed: str | None
    interrogation: bool = False
    fits: bool = False  # a reflection that fits what they said (coding/accuracy.py)


@dataclass(frozen=True, slots=True)
class Condition:
    codes: tuple[str, ...] = ()
    families: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    reflects: tuple[str, ...] = ()
    ranges: tuple[tuple[str, Range], ...] = ()
    stage: tuple[str, ...] = ()
    disclosed: tuple[str, ...] = ()
    not_disclosed: tuple[str, ...] = ()
    turn: Range | None = None
    addressed: tuple[str, ...] = ()

    @property
    def specificity(self) -> int:
        """How many turn-specific kinds (codes, families, topics, reflects) it names."""
        return sum(1 for kind in (self.codes, self.families, self.topics, self.reflects) if kind)

    @property
    def size(self) -> int:
        """How many keys it names (the more, the more specific)."""
        return (
            self.specificity
            + len(self.ranges)
            + sum(1 for k in (self.stage, self.disclosed, self.not_disclosed, self.addressed) if k)
            + (self.turn is not None)
        )

    def holds(self, ctx: TurnContext | None, state: Any) -> bool:
        """``state`` is a MemberState (values, stage, disclosed)."""
        if ctx is None:  # outside a turn (closings): keys about the turn never hold
            if self.specificity or self.addressed or self.turn is not None:
                return False
        else:
            if self.codes and ctx.code not in self.codes:
                return False
            if self.families and ctx.family not in self.families:
                return False
            if self.topics and not any(t in ctx.topics for t in self.topics):
                return False
            if self.reflects and ctx.reflects not in self.reflects:
                return False
            if self.addressed and ctx.addressed not in self.addressed:
                return False
            if self.turn is not None and ctx.turn not in self.turn:
                return False
        values = state.values
        for var, rng in self.ranges:
            if values[var] not in rng:
                return False
        if self.stage and state.stage not in self.stage:
            return False
        disclosed = state.disclosed
        if any(d not in disclosed for d in self.disclosed):
            return False
        return not any(d in disclosed for d in self.not_disclosed)


ALWAYS = Condition()


def compile_condition(when: ConditionModel | None) -> Condition:
    """A line's validated ``when`` -> :class:`Condition`; None -> always."""
    if when is None:
        return ALWAYS
    return Condition(
        codes=_names(when.codes),
        families=_names(when.families),
        topics=_names(when.topics),
        reflects=_names(when.reflects),
        ranges=tuple((var, Range.of(c)) for var, c in when.ranges().items()),
        stage=_names(when.stage),
        disclosed=_names(when.disclosed),
        not_disclosed=_names(when.not_disclosed),
        turn=None if when.turn is None else Range.of(when.turn),
        addressed=_names(when.addressed) if isinstance(when, InterjectionCondition) else (),
    )
