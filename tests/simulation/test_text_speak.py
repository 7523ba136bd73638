"""Text-speak heard spelled out (session 7, simulation/spelling.py): "u", "r", "ur", "wheres",
"hw", "at the mo", a name's possessive without its apostrophe. The member hears the words a
person would hear said aloud; the transcript keeps what was typed and its code. The lines are
our own, not from any question set."""

from __future__ import annotations

import pytest

from mi_trainer.simulation.rules import default_rules
from mi_trainer.simulation.spelling import Spelling
from tests.simulation.bundled import first_reply, shared_coder

SPELLING = Spelling(default_rules()["text_speak"], ["Mia", "Jess", "Kai"])


@pytest.mark.parametrize(
    ("typed", "heard"),
    [
        ("hw r u", "how are you"),
        ("wheres ur brother", "where's your brother"),
        ("ur ok to carry on", "you're ok to carry on"),
        ("ur coping well", "you're coping well"),
        ("what did u do at the mo", "what did you do at the moment"),
        ("is mias dad about", "is mia's dad about"),
        ("Jess went home", "Jess went home"),  # a name ending in s is left as it is
        ("how are the kids", "how are the kids"),  # a plural is never a possessive
        ("mo and min are names here", "mo and min are names here"),  # only after "the"
        ("Thanks, that's really helpful.", "Thanks, that's really helpful."),
    ],
)
def test_text_speak_is_spelled_out(typed: str, heard: str) -> None:
    assert SPELLING.spelled_out(typed) == heard


@pytest.mark.parametrize(
    ("scenario", "member", "line", "expect"),
    [
        ("mum-drinking-school-concerns", "kerry", "hw old is mia", ("nine",)),
        ("mum-drinking-school-concerns", "kerry", "wat school r they at", ("oakfield",)),
        ("teen-cannabis-missing", "kai", "hw old r u kai", ("fifteen", "15")),
        ("nan-kinship-care", "pat", "jaydens age?", ("eight",)),
        ("dad-minimising-before-icpc", "craig", "hw old is lily", ("four",)),
    ],
)
def test_a_text_speak_question_is_answered(
    scenario: str, member: str, line: str, expect: tuple[str, ...]
) -> None:
    reply = first_reply(scenario, member, line).text.lower()
    assert any(word in reply for word in expect), reply


def test_the_transcript_keeps_what_was_typed_and_its_code() -> None:
    from mi_trainer.simulation import SimulatedSession
    from tests.simulation.bundled import bundled

    session = SimulatedSession(
        bundled("mum-drinking-school-concerns"), shared_coder(), seed=0, clock=lambda: None
    )
    worker = session.say("hw old is mia", addressed="kerry")[0]
    assert worker.text == "hw old is mia"
    assert worker.coded.code == shared_coder().code("hw old is mia").code
