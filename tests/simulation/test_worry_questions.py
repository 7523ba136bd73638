"""A question about their worry over what the service will do (session 6) gets that worry in
their voice ("What are you going to write in that assessment?"), not a filler ("Hard to
say.") or an unrelated line; a question about what worries them in general keeps its answer.
Our own lines, not from any question set."""

from __future__ import annotations

import pytest

from mi_trainer.simulation import SimulatedSession
from tests.simulation.bundled import bundled, first_reply, shared_coder


def _worries(scenario: str, member: str) -> set[str]:
    session = SimulatedSession(bundled(scenario), shared_coder(), seed=0, clock=lambda: None)
    return set(session.facts.voice_lines(member, "worry"))


@pytest.mark.parametrize(
    ("scenario", "member", "line"),
    [
        ("nan-kinship-care", "pat", "Are you worried about what goes in the assessment?"),
        ("nan-kinship-care", "pat", "What frightens you about social care being involved?"),
        ("nan-kinship-care", "pat", "Pat, what are you afraid we might do?"),
        ("dad-neglect-plo-hopeless", "darren", "are you scared about what the court decides"),
        # "worried" is also a keyword of her referral fact: the worry comes first
        ("couple-new-baby-low-mood", "jade", "Jade, are you worried we might write something?"),
    ],
)
def test_a_worry_question_gets_their_worry(scenario: str, member: str, line: str) -> None:
    reply = first_reply(scenario, member, line)
    assert reply.text in _worries(scenario, member), reply.text


def test_what_worries_them_in_general_is_not_the_consequences_voice() -> None:
    reply = first_reply("dad-neglect-plo-hopeless", "darren", "What worries you most?")
    assert reply.text not in _worries("dad-neglect-plo-hopeless", "darren")
