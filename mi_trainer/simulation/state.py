"""One family member's state during a session."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mi_trainer.scenarios.models import Member
from mi_trainer.simulation.rules import VARIABLES, Rules

GAINS_DAMPENED = ("rapport", "openness", "readiness")


def _clamp(value: float) -> float:
    return 0.0 if value < 0.0 else 1.0 if value > 1.0 else value


@dataclass(slots=True)
class MemberState:
    """rapport, openness, readiness, discord in 0..1; stage derived from readiness."""

    values: dict[str, float]
    stage: str
    disclosed: list[str] = field(default_factory=list)
    plans: list[str] = field(default_factory=list)
    closed_streak: int = 0
    present: bool = True
    # line key -> how many times each variant was used; and the order lines were said
    used_variants: dict[str, list[int]] = field(default_factory=dict)
    recent: list[str] = field(default_factory=list)
    # What the conversation has done with this member (docs/simulation.md):
    heard: list[str] = field(default_factory=list)  # their own last lines, latest last
    explored: dict[str, int] = field(default_factory=dict)  # topic -> turns spent on it
    focus: str | None = None  # the topic the conversation is on
    told: dict[str, int] = field(default_factory=dict)  # fact id -> times given
    tested: bool = False  # has asked what happens with what they say
    pending_disclosure: str | None = None  # tested the worker first; says it next
    pending_worry: bool = False  # after a disclosure: what happens now?
    warned: bool = False  # has warned they will walk out
    rupture_turn: int = -100  # the last directive line or warning
    cause: str | None = None  # what last drove discord up
    repairs: int = 0
    repaired: float = 0.0

    def apply(self, effects: dict[str, float], rules: Rules, share: float = 1.0) -> None:
        """Add effects (x share), damping gains by discord, clamping to 0..1, then re-stage."""
        if not effects:
            return
        discord = self.values["discord"]
        damp = 1.0 - rules.discord_dampens_gains * discord
        readiness = self.values["readiness"]
        for var, delta in effects.items():
            if var not in self.values:
                continue
            amount = delta * share
            if amount > 0 and var in GAINS_DAMPENED:
                amount *= damp * (1.0 - rules.gains_saturate * self.values[var])
            self.values[var] = _clamp(self.values[var] + amount)
        if self.values["readiness"] != readiness:
            self.stage = rules.stage_for(self.values["readiness"])

    def snapshot(self) -> dict[str, Any]:
        """What a Turn records (rounded so JSON stays short and stable)."""
        data: dict[str, Any] = {var: round(self.values[var], 3) for var in VARIABLES}
        data["stage"] = self.stage
        data["disclosed"] = list(self.disclosed)
        data["plans"] = list(self.plans)
        return data


def initial_state(member: Member, rules: Rules) -> MemberState:
    """A member's starting state from its `stage` and `start`, with the rules' defaults."""
    stage = None if member.stage is None else str(member.stage)
    values: dict[str, float] = {}
    for var in VARIABLES:
        given = None if member.start is None else getattr(member.start, var)
        if given is not None:
            values[var] = _clamp(given)
        elif var == "readiness":
            values[var] = rules.stage_start_readiness.get(stage or "precontemplation", 0.1)
        else:
            values[var] = rules.start.get(var, 0.3)
    # An explicit stage wins for the start even if readiness alone would say otherwise;
    # from the first change of readiness on, the stage follows the thresholds.
    derived = rules.stage_for(values["readiness"])
    return MemberState(values=values, stage=stage or derived)
