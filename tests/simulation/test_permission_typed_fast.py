"""Asking leave typed fast, with no '?' and no 'do you'/'is it' ("okay with you if I jot
this down", "mind if we sit"), is asking permission (session 6): the ``permission_form``
rule makes its sentence ask where it opens a clause, so the permission rules apply; said
inside a statement ("I don't mind if I do") it asks nothing. Our own lines."""

from __future__ import annotations

import pytest

from tests.simulation.bundled import first_reply, shared_coder


@pytest.mark.parametrize(
    "line",
    [
        "okay with you if I write that down",
        "mind if i sit down",
        "right, alright if i look around",
        "you alright if i ask about school",
    ],
)
def test_asking_leave_typed_fast_is_permission(line: str) -> None:
    assert shared_coder().code(line).intent.kind == "ask_permission"


@pytest.mark.parametrize("line", ["I don't mind if I do", "She said it was okay if I rang"])
def test_inside_a_statement_it_asks_nothing(line: str) -> None:
    assert shared_coder().code(line).intent.kind != "ask_permission"


def test_the_member_answers_the_permission() -> None:
    from mi_trainer.simulation.rules import default_rules

    reply = first_reply("nan-kinship-care", "pat", "mind if i sit down").text
    permission = default_rules()["answers"]["permission"]
    assert reply in {line for lines in permission.values() for line in lines}
