"""Simple or complex: a complex reflection adds meaning the person did not put into words (here:
a change over time); a simple one says back, even in another form of their words (MITI 4.2.1).
Session 6 rows, in social-care language."""

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
    # where things are going: a change over time they did not name
    ("Mm.", "You're starting to keep the curtains shut in the day.", RC, "names_change"),
    ("Mm.", "And you're starting to keep the curtains shut in the day.", RC, "names_change"),
    # their words reported, with an adverb between: says back
    (
        "Yeah.",
        "You also mentioned the rent arrears and the letter from the council.",
        RS,
        "repeats_their_words",
    ),
    (
        "Yeah.",
        "You've already told me about the letter from the council.",
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


def test_a_change_said_in_their_own_words_is_still_simple(coder: Coder) -> None:
    reflection = "You're starting to keep the curtains shut in the day."
    assert coder.code(reflection, "Mm.").code == RC
    assert coder.code(reflection, "I keep the curtains shut in the day now.").code == RS
