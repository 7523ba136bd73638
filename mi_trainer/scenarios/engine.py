"""What the scenario checks know about the engine: its default rules, passed in.

The scenario layer sits below the engine (``simulation`` imports the scenario models),
so it never imports the engine. The checks still compare a scenario with the engine's
defaults (a ``rules:`` key the engine does not have, a walk-out point that makes a
line unreachable), so whoever runs them hands them an :class:`EngineDefaults`:
``mi_trainer.simulation.rules.engine_defaults()`` builds the engine's own.

Building one from defaults that lack what the checks need raises ``ValueError``
naming the missing part: a broken defaults file can never make the checks find
nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mi_trainer.scenarios.vocab import Family, Stage


def _number(data: Mapping[str, Any], key: str, where: str) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"the engine's default rules have no number '{where}{key}'")
    return float(value)


def _section(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key)
    if not isinstance(value, Mapping):
        raise ValueError(f"the engine's default rules have no mapping '{key}'")
    return value


def _stage_numbers(data: Mapping[str, Any], key: str) -> dict[str, float]:
    section = _section(data, key)
    known = {str(s) for s in Stage}
    unknown = sorted(str(k) for k in section if str(k) not in known)
    if unknown:
        raise ValueError(f"the engine's default rules name an unknown stage in '{key}': {unknown}")
    return {str(k): _number(section, k, f"{key}.") for k in section}


def _families(data: Mapping[str, Any], key: str) -> frozenset[str]:
    section = _section(data, key)
    listed = section.get("blocked_after_families", [])
    known = {str(f) for f in Family}
    if not isinstance(listed, list) or any(str(f) not in known for f in listed):
        raise ValueError(
            f"the engine's default rules: '{key}.blocked_after_families' must list code "
            f"families ({', '.join(sorted(known))})"
        )
    return frozenset(str(f) for f in listed)


@dataclass(frozen=True, slots=True)
class EngineDefaults:
    """The engine's defaults, as far as scenario checks use them."""

    rules: Mapping[str, Any]  # every top-level default rule: names and shapes of `rules:` keys
    leave_at_discord: float
    stage_thresholds: Mapping[str, float]  # stage -> readiness it begins at
    stage_start_readiness: Mapping[str, float]  # stage -> readiness at the start
    disclosures_blocked_after: frozenset[str]  # families after which nothing is disclosed
    plans_blocked_after: frozenset[str]

    @classmethod
    def from_rules(cls, data: Mapping[str, Any]) -> EngineDefaults:
        """From the engine's default rules as plain data; ValueError names what is missing."""
        if not isinstance(data, Mapping):
            raise ValueError("the engine's default rules are not a mapping")
        return cls(
            rules=dict(data),
            leave_at_discord=_number(data, "leave_at_discord", ""),
            stage_thresholds=_stage_numbers(data, "stages"),
            stage_start_readiness=_stage_numbers(data, "stage_start_readiness"),
            disclosures_blocked_after=_families(data, "disclosures"),
            plans_blocked_after=_families(data, "plans"),
        )

    def blocked_after(self, kind: str) -> frozenset[str]:
        """Families right after which a line of ``kind`` (disclosure, plan) is never said."""
        return self.disclosures_blocked_after if kind == "disclosure" else self.plans_blocked_after
