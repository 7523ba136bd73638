"""Questions typed fast (session 6): lower case, no '?', the auxiliary fused ("d'you"),
dropped ("how you sleeping") or its apostrophe lost ("whats"), a fragment opening with
"any…". The intent reads their form (cue ``question_form``) and the member hears the question
it is (coded again with its '?'), so it is answered, not judged as a reflection. The lines are
our own, not from any question set."""

from __future__ import annotations

import pytest

from mi_trainer.coding.result import QUESTION_FORM
from tests.simulation.bundled import first_reply, shared_coder

ASKS = [
    "d'you want a brew",
    "whats your sister called",
    "what've the school said",
    "how you getting on",
    "where you living now",
    "what class she in",
    "anybody help you out",
    "you got any family nearby",
]

STATEMENTS = [  # a negation keeps a 'you … any' line a statement (a reflection)
    "You haven't had any help with it",
    "Nobody has asked you anything",
    "When you get home it all falls apart",
    # a pseudo-cleft frames a reflection: 'what' + a subject, then 'is'/'was'
    "So what you're telling me is the garden gnome runs the house",
    "what I heard was that mornings are the worst",
]


@pytest.mark.parametrize("line", ASKS)
def test_a_fast_typed_question_is_read_as_asking(line: str) -> None:
    intent = shared_coder().code(line).intent
    assert intent.kind != "other" or intent.cue == QUESTION_FORM, intent


@pytest.mark.parametrize("line", STATEMENTS)
def test_a_statement_is_not_read_as_a_question(line: str) -> None:
    intent = shared_coder().code(line).intent
    assert intent.cue != QUESTION_FORM, intent


@pytest.mark.parametrize(
    ("scenario", "member", "line", "expect"),
    [
        ("teen-cannabis-missing", "kai", "where've you been staying", ("here", "mum")),
        ("mum-drinking-school-concerns", "kerry", "whats tyler into", ("dinosaur",)),
        ("teen-cannabis-missing", "kai", "whats leah like", ("bed", "hears")),
    ],
)
def test_a_fast_typed_question_is_answered(
    scenario: str, member: str, line: str, expect: tuple[str, ...]
) -> None:
    reply = first_reply(scenario, member, line).text.lower()
    assert any(word in reply for word in expect), reply


def test_the_transcript_keeps_the_code_of_what_was_typed() -> None:
    from mi_trainer.simulation import SimulatedSession
    from tests.simulation.bundled import bundled

    session = SimulatedSession(
        bundled("mum-drinking-school-concerns"), shared_coder(), seed=0, clock=lambda: None
    )
    worker = session.say("whats tyler into", addressed="kerry")[0]
    assert worker.coded.code == shared_coder().code("whats tyler into").code


@pytest.mark.parametrize(
    "line", ["pat who comes round to help", "craig where you staying these days"]
)
def test_a_lower_case_name_before_a_wh_word_still_opens_the_question(line: str) -> None:
    intent = shared_coder().code(line).intent
    assert intent.kind == "ask_fact", intent
