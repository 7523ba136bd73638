"""A clipped line that only names someone else of the family ("and Lily?", "maisie ok?")
asks how they are (session 6): it is answered from what is known of them. Our own lines."""

from __future__ import annotations

import pytest

from mi_trainer.simulation import SimulatedSession
from tests.simulation.bundled import bundled, first_reply, shared_coder


@pytest.mark.parametrize(
    ("scenario", "member", "line", "expect"),
    [
        ("dad-minimising-before-icpc", "craig", "and Lily?", ("wetting", "daddy")),
        ("dad-neglect-plo-hopeless", "darren", "what about maisie then", ("carrying",)),
        ("dad-neglect-plo-hopeless", "darren", "maisie alright?", ("carrying",)),
    ],
)
def test_a_person_said_alone_is_asked_about(
    scenario: str, member: str, line: str, expect: tuple[str, ...]
) -> None:
    reply = first_reply(scenario, member, line).text.lower()
    assert any(word in reply for word in expect), reply


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ("and Lily?", True),
        ("lily ok now?", True),
        ("and Lily's school?", False),  # a thing of hers: not how she is
        ("Lily and Alfie?", False),  # two people: which?
        ("and you?", False),
    ],
)
def test_only_a_name_and_fragment_words(line: str, fragment: bool) -> None:
    session = SimulatedSession(
        bundled("dad-minimising-before-icpc"), shared_coder(), seed=0, clock=lambda: None
    )
    assert session.facts.names_only_someone(line, "craig") is fragment
