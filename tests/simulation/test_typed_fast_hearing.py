"""Lines typed fast, heard the way they would be said aloud (session 8, simulation/spelling.py,
coding/intent.py): more text-speak, -ing words without their g, a wh-question's auxiliary
left out, a noun's "'s" (is) typed as "s", a named feeling with "you're" left out (a
reflection), and advice asked as a yes/no question. The lines are our own, not from any
question set."""

from __future__ import annotations

import pytest

from mi_trainer.coding.result import QUESTION_FORM
from mi_trainer.simulation.rules import default_rules
from mi_trainer.simulation.spelling import Spelling
from tests.simulation.bundled import first_reply, shared_coder

SPELLING = Spelling(default_rules()["text_speak"], ["Mia", "Jess", "Kai", "Alfie"])


@pytest.mark.parametrize(
    ("typed", "heard"),
    [
        ("wots up with jess", "what's up with jess"),
        ("hw's ur nan", "how's your nan"),
        ("any1 at home with u", "anyone at home with you"),
        ("r u goin to skool", "are you going to school"),
        ("kai been eatin ok", "kai been eating ok"),
        ("my cousin came in", "my cousin came in"),  # only listed words lose a g
        ("owt else on ur mind", "anything else on your mind"),
        # a wh-question's auxiliary left out, heard with it
        ("hw u gettin on at work", "how are you getting on at work"),
        ("so where she staying", "so where is she staying"),
        ("what class they in", "what class are they in"),
        ("how long uve lived here", "how long have you lived here"),
        ("ok, who you living with", "ok, who are you living with"),
        ("what you said stuck with me", "what you said stuck with me"),  # a frame, no -ing
        ("I know how you coping is hard", "I know how you coping is hard"),  # mid-line
        ("what you've told me matters", "what you've told me matters"),  # not after how long
        ("what u fancy doing later", "what do you fancy doing later"),
        ("what would you like to happen", "what would you like to happen"),  # it is there
        ("how are you doing", "how are you doing"),
        ("where did you stay", "where did you stay"),
        ("what you need is a break", "what you need is a break"),  # a frame before 'is'
        # 'have you' / 'do you' left out at the line's start
        ("ever had help with it", "have you ever had help with it"),
        ("ever since the move", "ever since the move"),
        ("u ever spoken to the school", "have you ever spoken to the school"),
        ("u booked the dentist yet", "have you booked the dentist yet"),
        ("you havent booked it yet", "you haven't booked it yet"),  # a negation: a statement
        ("u hear from ur sister at all", "do you hear from your sister at all"),
        # "how many" typed last, heard first
        ("cigs a day - how many", "how many cigs a day"),
        ("jess missed school how many days", "how many days jess missed school"),
        ("I wonder how many", "I wonder how many"),
        # a wh-word's noun + s before a person: its "'s" (is)
        ("which sets jess in", "which set's jess in"),
        ("what toys alfie likes", "what toys alfie likes"),  # a verb follows: a plural
        ("what colours the door", "what colours the door"),  # no person follows
    ],
)
def test_a_fast_typed_line_is_heard_spelled_out(typed: str, heard: str) -> None:
    assert SPELLING.spelled_out(typed) == heard


@pytest.mark.parametrize(
    "line",
    [
        "you feeling let down by them",
        "you feeling a bit stuck",
        "you feeling pushed into a corner",
    ],
)
def test_a_named_feeling_with_you_re_left_out_is_no_question(line: str) -> None:
    assert shared_coder().code(line).intent.cue != QUESTION_FORM, line


@pytest.mark.parametrize(
    "line", ["you feeling any better", "you feeling ok today", "you feeling better now"]
)
def test_a_state_checked_with_are_left_out_still_asks(line: str) -> None:
    assert shared_coder().code(line).intent.cue == QUESTION_FORM, line


@pytest.mark.parametrize(
    ("scenario", "member", "line", "expect"),
    [
        ("mum-drinking-school-concerns", "kerry", "hw u sleepin these days", ("sleep", "night")),
        ("teen-cannabis-missing", "kai", "hw u gettin on at skool", ("mornings", "timetable")),
        ("nan-kinship-care", "pat", "hw long uve been lookin after them", ("eight months",)),
        (
            "manager-recording-behind",
            "amira",
            "have you tried protected recording time?",
            ("tried", "yes", "comes in"),
        ),
    ],
)
def test_a_fast_typed_question_is_answered(
    scenario: str, member: str, line: str, expect: tuple[str, ...]
) -> None:
    reply = first_reply(scenario, member, line).text.lower()
    assert any(word in reply for word in expect), reply
