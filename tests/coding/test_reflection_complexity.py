"""Simple or complex: a complex reflection adds meaning the person did not put into words (a
cause and its effect, a change over time); a simple one says back, even in another form of
their words (MITI 4.2.1). Session 6 rows, in social-care language."""

from __future__ import annotations

import pytest

from mi_trainer.coding.coder import Coder
from mi_trainer.coding.codes import Code

RS = Code.REFLECTION_SIMPLE
RC = Code.REFLECTION_COMPLEX


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


# (the client's last line, the worker's reflection, the code, a cue id among the reasons)
COMPLEXITY = [
    # what one thing does to another, which they did not say: cause and effect
    (
        "He's been off school three weeks now and he won't get out of bed.",
        "So not going in is affecting how he sleeps as well.",
        RC,
        "links_cause",
    ),
    (
        "I don't go to the group any more, I just can't face it.",
        "Worrying what they think is holding you back from the group.",
        RC,
        "links_cause",
    ),
    (
        "She was drinking every night after the funeral.",
        "The drinking is taking its toll on you both.",
        RC,
        "links_cause",
    ),
    # where things are going: a change over time
    ("Mm.", "And you're starting to keep the curtains shut in the day.", RC, "names_change"),
    # their words reported, with an adverb between: says back
    (
        "Yeah.",
        "You also mentioned the rent arrears and the letter from the council.",
        RS,
        "repeats_their_words",
    ),
    # their own feeling word in another form is said back, not added
    (
        "The kids are struggling since we moved.",
        "The move has been a struggle for the kids.",
        RS,
        None,
    ),
    # their own cause-and-effect words said back: simple
    (
        "The social worker keeps coming round and it affects the kids.",
        "It affects the kids.",
        RS,
        None,
    ),
]


@pytest.mark.parametrize(("client", "utterance", "expected", "cue_id"), COMPLEXITY)
def test_simple_or_complex(
    coder: Coder, client: str, utterance: str, expected: Code, cue_id: str | None
) -> None:
    coded = coder.code(utterance, previous_client_line=client)
    assert coded.code == expected, coded.sentences
    if cue_id is not None:
        assert cue_id in {c.id for s in coded.sentences for c in s.cues}, coded.sentences
        assert all(c.text for s in coded.sentences for c in s.cues)  # a trainer can read why


def test_the_same_cause_is_added_only_when_they_did_not_name_it(coder: Coder) -> None:
    reflection = "Worrying what they think is holding you back."
    assert coder.code(reflection, "I don't go to the group any more.").code == RC
    named = "The worry about what they think is holding me back from the group."
    assert coder.code(reflection, named).code == RS
