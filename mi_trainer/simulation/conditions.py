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
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mi_trainer.simulation.rules import VARIABLES

_RANGE = re.compile(
    r"^\s*(?:(?P<op><=|>=|==|<|>|=)\s*(?P<num>[-+]?\d*\.?\d+)"
    r"|(?P<lo>[-+]?\d*\.?\d+)\s*\.\.\s*(?P<hi>[-+]?\d*\.?\d+))\s*$"
)


@dataclass(frozen=True, slots=True)
class Range:
    """lo <= x <= hi with optional strict ends."""

    lo: float = -math.inf
    hi: float = math.inf
    lo_strict: bool = False
    hi_strict: bool = False

    def __contains__(self, value: float) -> bool:
        if value < self.lo or (self.lo_strict and value == self.lo):
            return False
        return not (value > self.hi or (self.hi_strict and value == self.hi))


def parse_range(value: Any) -> Range:
    """A range from the forms a scenario may hold (string, number, or a parsed object)."""
    if isinstance(value, Range):
        return value
    if isinstance(value, bool):
        raise ValueError(f"not a range: {value!r}")
    if isinstance(value, int | float):
        return Range(lo=float(value))
    if isinstance(value, str):
        match = _RANGE.match(value)
        if not match:
            raise ValueError(f"not a range: {value!r} (write e.g. '< 0.5', '>= 0.3' or '0.2..0.6')")
        if match["op"]:
            num = float(match["num"])
            op = match["op"]
            if op in ("==", "="):
                return Range(lo=num, hi=num)
            if op == "<":
                return Range(hi=num, hi_strict=True)
            if op == "<=":
                return Range(hi=num)
            if op == ">":
                return Range(lo=num, lo_strict=True)
            return Range(lo=num)
        return Range(lo=float(match["lo"]), hi=float(match["hi"]))
    return _range_from_object(value)


def _range_from_object(value: Any) -> Range:
    """Adapt a range object from the scenario models (op/value, or bounds)."""
    get = value.get if isinstance(value, Mapping) else lambda k, d=None: getattr(value, k, d)
    raw = get("raw") or get("text") or get("source")
    if isinstance(raw, str):
        return parse_range(raw)
    op, num = get("op"), get("value")
    if op is not None and num is not None:
        return parse_range(f"{getattr(op, 'value', op)} {num}")
    lo = _first(get, "ge", "min", "low", "lo")
    lo_strict = get("gt")
    hi = _first(get, "le", "max", "high", "hi")
    hi_strict = get("lt")
    rng = Range(
        lo=float(lo_strict if lo_strict is not None else lo if lo is not None else -math.inf),
        hi=float(hi_strict if hi_strict is not None else hi if hi is not None else math.inf),
        lo_strict=lo_strict is not None,
        hi_strict=hi_strict is not None,
    )
    if rng == Range():
        raise ValueError(f"not a range: {value!r}")
    return rng


def _first(get: Any, *names: str) -> Any:
    for name in names:
        value = get(name)
        if value is not None:
            return value
    return None


def _names(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(getattr(v, "value", v)) for v in value)


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


def compile_condition(when: Any) -> Condition:
    """A ``when`` mapping (or model) -> :class:`Condition`; None -> always."""
    if when is None:
        return ALWAYS
    dump = getattr(when, "model_dump", None)
    if callable(dump):
        data = {k: getattr(when, k, None) for k in type(when).model_fields}
    elif isinstance(when, Mapping):
        data = dict(when)
    else:
        raise ValueError(f"not a condition: {when!r}")
    ranges = tuple((var, parse_range(data[var])) for var in VARIABLES if data.get(var) is not None)
    turn = data.get("turn")
    return Condition(
        codes=_names(data.get("codes")),
        families=_names(data.get("families")),
        topics=_names(data.get("topics")),
        reflects=_names(data.get("reflects")),
        ranges=ranges,
        stage=_names(data.get("stage") or data.get("stages")),
        disclosed=_names(data.get("disclosed")),
        not_disclosed=_names(data.get("not_disclosed")),
        turn=parse_range(turn) if turn is not None else None,
        addressed=_names(data.get("addressed")),
    )
