"""Codes -> client reaction: the deterministic family-member engine.

See docs/simulation.md for the state, the rules (with their numbers), how a reply
is chosen, family scenes, how a session ends and how to tune a scenario.
"""

from mi_trainer.simulation.rules import Rules, default_rules, merged_rules
from mi_trainer.simulation.session import MemberAbsent, SessionOver, SimulatedSession

__all__ = [
    "MemberAbsent",
    "Rules",
    "SessionOver",
    "SimulatedSession",
    "default_rules",
    "merged_rules",
]
