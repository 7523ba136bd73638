"""Practice that looks like MI in form but is not: it must not pay (issue 21), with the real
coder and a bundled scenario."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mi_trainer.simulation import SimulatedSession
from mi_trainer.simulation.loading import load_for_play, make_coder

KERRY = Path(__file__).parents[2] / "scenarios" / "mum-drinking-school-concerns.yaml"
OPENER = "How have things been for you and the kids lately?"


@pytest.fixture(scope="module")
def coder() -> Any:
    return make_coder()


@pytest.fixture(scope="module")
def kerry() -> Any:
    return load_for_play(KERRY)


def _reply(session: SimulatedSession, line: str) -> Any:
    return next(t for t in session.say(line) if t.speaker == "kerry")


@pytest.mark.parametrize(
    "nonsense",
    [
        "So the school run is made of balloons and the kids are kites.",
        "So your drinking is a bit like a polar bear learning French.",
        "You're worried the kettle has been reading your texts.",
        "On one hand you love trampolines, and on the other hand the Thames is tired.",
        "What matters most to you is the alphabet backwards.",
    ],
)
def test_nonsense_with_a_topic_word_or_a_feeling_is_met_with_puzzlement_not_change_talk(
    kerry: Any, coder: Any, nonsense: str
) -> None:
    session = SimulatedSession(kerry, coder, seed=0)
    _reply(session, OPENER)
    reply = _reply(session, nonsense)
    assert reply.talk_type != "change"
    assert reply.response_id in ("voice:misheard", "voice:misheard_thing")


def test_a_reflection_said_again_with_small_edits_is_noticed_and_pays_less(
    kerry: Any, coder: Any
) -> None:
    session = SimulatedSession(kerry, coder, seed=0)
    _reply(session, OPENER)
    first = _reply(session, "You're doing it all on your own, and nobody sees how hard you work.")
    assert first.response_id != "voice:repeated"
    variants = [
        "So, nobody sees how hard you work, and you're doing it all on your own.",  # order
        "It sounds like you're doing all of this on your own and nobody sees how hard you work.",
        "Nobody notices how hard you're working on your own.",  # a small edit
    ]
    for line in variants:
        reply = _reply(session, line)
        assert reply.response_id == "voice:repeated", line
        assert reply.talk_type != "change"


def test_an_apology_coded_as_a_reflection_is_heard_as_an_apology(kerry: Any, coder: Any) -> None:
    session = SimulatedSession(kerry, coder, seed=0)
    _reply(session, "You're putting the children at risk and you're in denial about it.")
    reply = _reply(session, "You're right to be cross with me. I jumped in before I'd listened.")
    assert reply.response_id != "voice:misheard"


@pytest.mark.parametrize(
    ("reflection", "things", "said_back"),
    [
        ("So the school run is made of balloons.", ("balloons",), ("balloons",)),
        ("It sounds like the toaster runs the house.", ("toaster",), ("toaster",)),
        # A new word that is no thing: a question word, a verb or an adjective is never
        # said back as "What whose?" or "What's organised got to do with anything?".
        ("You're not sure whose idea it was.", ("whose",), ()),
        ("You feel organised when the list is up.", ("organised",), ()),
        ("You'd stopped when you were pregnant.", ("pregnant",), ()),
    ],
)
def test_a_missed_reflection_is_questioned_only_about_a_thing_it_named(
    reflection: str, things: tuple[str, ...], said_back: tuple[str, ...]
) -> None:
    from mi_trainer.simulation.rules import default_rules
    from mi_trainer.simulation.session import _named_things

    openers = frozenset(default_rules()["misheard_thing_after"])
    assert _named_things(reflection, things, openers) == said_back
