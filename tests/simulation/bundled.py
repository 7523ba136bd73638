"""Helpers for tests that play the bundled scenarios with the real coder."""

from __future__ import annotations

from functools import cache
from typing import Any

from mi_trainer.simulation import SimulatedSession
from mi_trainer.simulation.loading import bundled_scenario_paths, load_for_play, make_coder


@cache
def shared_coder() -> Any:
    return make_coder()


@cache
def bundled(scenario_id: str) -> Any:
    return load_for_play(next(p for p in bundled_scenario_paths() if p.stem == scenario_id))


def first_reply(scenario_id: str, member: str, line: str) -> Any:
    """The addressed member's turn after ``line`` said as a session's first line (seed 0)."""
    session = SimulatedSession(bundled(scenario_id), shared_coder(), seed=0, clock=lambda: None)
    new = session.say(line, addressed=member)
    return next(t for t in new[1:] if t.speaker == member)
