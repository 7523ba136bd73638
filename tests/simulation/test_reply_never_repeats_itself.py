"""A member's turn never says the same sentence twice: an answer and the reaction after it
("Out. With mates. Not round here." then the authored "Out. With mates.") are one voice."""

from __future__ import annotations

import re

import pytest

from mi_trainer.simulation import SimulatedSession
from tests.simulation.bundled import bundled, shared_coder

SCRIPTS = [
    (
        "teen-cannabis-missing",
        "kai",
        ["Hi Donna. Is Kai in?", "How long has he been going missing for?"],
    ),
    (
        "teen-cannabis-missing",
        "kai",
        ["Where do you go when you're out?", "Who are you with?", "What's that like?"],
    ),
    ("mum-drinking-school-concerns", "kerry", ["How are the mornings?", "Who picks them up?"]),
    ("nan-kinship-care", "pat", ["How are the kids settling?", "What's a normal day like?"]),
    ("dad-neglect-plo-hopeless", "darren", ["How are things at home?", "What did the letter say?"]),
]


def _sentences(text: str) -> list[str]:
    return [s.strip().lower() for s in re.split(r"(?<=[.?!])\s+", text) if s.strip()]


@pytest.mark.parametrize(
    ("scenario_id", "member", "lines"), SCRIPTS, ids=[s[2][-1] for s in SCRIPTS]
)
def test_no_turn_says_a_sentence_twice(scenario_id: str, member: str, lines: list[str]) -> None:
    session = SimulatedSession(bundled(scenario_id), shared_coder(), seed=0, clock=lambda: None)
    for line in lines:
        for turn in session.say(line, addressed=member)[1:]:
            said = _sentences(turn.text)
            assert len(said) == len(set(said)), turn.text
