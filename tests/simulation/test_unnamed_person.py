"""Asked the name of someone the facts know only by relation ("name: my mum"), a member
refuses to give it (``answers.person.unnamed``) instead of saying "My mum." as if it were
the name; a name the facts hold is still said (session 6). Our own lines."""

from __future__ import annotations

import pytest

from mi_trainer.simulation.answers import _proper_name
from mi_trainer.simulation.rules import default_rules
from tests.simulation.bundled import first_reply


@pytest.mark.parametrize(
    ("name", "proper"),
    [("Shannon", True), ("Nan Pat", True), ("my mum", False), ("Ryan's mum", False), ("", False)],
)
def test_a_proper_name_ends_in_a_capital(name: str, proper: bool) -> None:
    assert _proper_name(name) is proper


def test_the_name_of_someone_known_only_as_my_mum_is_refused() -> None:
    reply = first_reply("dad-minimising-before-icpc", "craig", "And your mum, what's she called?")
    unnamed = default_rules()["answers"]["person"]["unnamed"]
    assert reply.text in {line for lines in unnamed.values() for line in lines}, reply.text


def test_a_held_name_is_still_said() -> None:
    reply = first_reply("dad-minimising-before-icpc", "craig", "what's your partner called?")
    assert "shannon" in reply.text.lower()
