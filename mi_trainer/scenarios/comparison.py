"""The comparison language of conditions: '< 0.5', '>= 0.3', '0.2..0.6', a bare number."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, PlainSerializer, WithJsonSchema

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
