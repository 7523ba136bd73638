"""Client talk coder: change / sustain / neutral / discord in children's social care language."""

from __future__ import annotations

import pytest

from mi_trainer.coding.client_talk import ClientTalkCoder
from mi_trainer.coding.codes import TalkType

CHANGE, SUSTAIN, NEUTRAL, DISCORD = (
    TalkType.CHANGE,
    TalkType.SUSTAIN,
    TalkType.NEUTRAL,
    TalkType.DISCORD,
)

LINES = [
    # change talk: desire, ability, reason, need
    ("I want to be a better mum for Mia and Tyler.", CHANGE),
    ("I'd like them to stop missing school.", CHANGE),
    ("I wish I could get up for them in the mornings.", CHANGE),
    ("I could cut down a bit in the week.", CHANGE),
    ("I think I can get them to school on time.", CHANGE),
    ("I'm worried about what it's doing to Tyler.", CHANGE),
    ("It's not fair on the kids, them seeing me like that.", CHANGE),
    ("I need to sort myself out before the conference.", CHANGE),
    ("I have to do something about the drinking.", CHANGE),
    ("I can't keep doing this to them.", CHANGE),
    ("I don't want to lose my kids.", CHANGE),
    ("I'm sick of the shouting.", CHANGE),
    ("I don't want to drink anymore.", CHANGE),
    # change talk: commitment, activation, taking steps
    ("I'm going to ring the GP tomorrow.", CHANGE),
    ("I'll talk to my sister about the school run.", CHANGE),
    ("I'm ready to give the family group conference a go.", CHANGE),
    ("I'd be willing to do the parenting course.", CHANGE),
    ("I rang the alcohol service on Monday.", CHANGE),
    ("I haven't had a drink since Sunday.", CHANGE),
    ("I like a drink, but I want to be there for the kids.", CHANGE),
    # sustain talk
    ("I don't need to stop.", SUSTAIN),
    ("It's only at weekends.", SUSTAIN),
    ("It's not a problem, honestly.", SUSTAIN),
    ("The kids are fine.", SUSTAIN),
    ("It helps me sleep.", SUSTAIN),
    ("Everyone round here drinks.", SUSTAIN),
    ("It's my life and my choice.", SUSTAIN),
    ("I'm not ready to stop.", SUSTAIN),
    ("I'm not worried about it.", SUSTAIN),
    ("There's no point, nothing will change.", SUSTAIN),
    ("I can't stop, it's too hard.", SUSTAIN),
    ("It's not that bad, they're making a fuss.", SUSTAIN),
    ("I don't want to go to any meetings.", SUSTAIN),
    ("I want to stop, but it's the only thing that helps me relax.", SUSTAIN),
    # discord
    ("You lot just want to take my kids.", DISCORD),
    ("You don't know anything about my family.", DISCORD),
    ("It's none of your business what I do at night.", DISCORD),
    ("You're not listening to me.", DISCORD),
    ("Who are you to tell me how to raise my kids?", DISCORD),
    ("Just leave me alone.", DISCORD),
    # neutral
    ("Mia is nine and Tyler's six.", NEUTRAL),
    ("Yeah.", NEUTRAL),
    ("The school's on Elm Road.", NEUTRAL),
    ("Their dad sees them on Saturdays.", NEUTRAL),
    ("I work at the Co-op three days a week.", NEUTRAL),
    ("Come in, then.", NEUTRAL),
    ("", NEUTRAL),
]


@pytest.fixture(scope="module")
def coder() -> ClientTalkCoder:
    return ClientTalkCoder()


@pytest.mark.parametrize(("line", "talk"), LINES)
def test_client_line_is_coded(coder, line, talk) -> None:
    result, cues = coder.classify(line)
    assert result == talk, f"{line!r}: {result} {cues}"
    if talk != NEUTRAL:
        assert cues, "a coded line keeps the cues that decided it"


def test_the_table_is_big_enough_to_be_a_specification() -> None:
    assert len(LINES) >= 40
    assert {talk for _, talk in LINES} == {CHANGE, SUSTAIN, NEUTRAL, DISCORD}


def test_negation_is_named_in_the_cue(coder) -> None:
    _, cues = coder.classify("I don't need to stop.")
    assert any("negated" in c for c in cues)


def test_curly_apostrophes_and_stutters_are_read_like_plain_ones(coder) -> None:
    assert coder.classify("I don’t need to stop.")[0] == SUSTAIN
    assert coder.classify("I-I'm going to ring the GP.")[0] == CHANGE


def test_classify_many_matches_classify(coder) -> None:
    texts = [line for line, _ in LINES]
    assert coder.classify_many(texts) == [coder.classify(t) for t in texts]
