"""Text-speak heard spelled out (session 7, simulation/spelling.py): "u", "r", "ur", "wheres",
"hw", "at the mo", a name's possessive without its apostrophe. The member hears the words a
person would hear said aloud; the transcript keeps what was typed and its code. The lines are
our own, not from any question set."""

from __future__ import annotations

import pytest

from mi_trainer.coding.codes import QUESTIONS
from mi_trainer.coding.result import QUESTION_FORM
from mi_trainer.simulation.rules import default_rules
from mi_trainer.simulation.spelling import Spelling
from tests.simulation.bundled import first_reply, shared_coder

SPELLING = Spelling(default_rules()["text_speak"], ["Mia", "Jess", "Kai"])


@pytest.mark.parametrize(
    ("typed", "heard"),
    [
        ("hw r u", "how are you"),
        ("y did mia n jess go", "why did mia and jess go"),
        ("wheres ur brother", "where's your brother"),
        ("ur ok to carry on", "you're ok to carry on"),
        ("ur coping well", "you're coping well"),
        ("what did u do at the mo", "what did you do at the moment"),
        ("is mias dad about", "is mia's dad about"),
        ("Jess went home", "Jess went home"),  # a name ending in s is left as it is
        ("how are the kids", "how are the kids"),  # a plural is never a possessive
        ("mo and min are names here", "mo and min are names here"),  # only after "the"
        ("Thanks, that's really helpful.", "Thanks, that's really helpful."),
        ("girls ages?", "girls' ages?"),  # a plural owner before what is theirs
        ("the girls came home", "the girls came home"),
        ("any appts this week", "any appointments this week"),
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


# Fast-typed question forms (coding/intent.py, _typed_fast; words in intent-people.json):
# the first words of a question with its auxiliary left out. Our own lines.
FAST_ASKS = [
    "is the baby feeding well",
    "has the school rung",
    "want a biscuit with that",
    "fancy another tea",
    "you fancy a walk round the block",
    "been back to the doctor",
    "got anyone you can call",
    "she sleeping through yet",
    "you eating ok these days",
    "you remember when the nurse came",
    "which bus do they get",
    "what day you sign on",
    "your gp",  # the thing asked for, said alone
    "tyler's teacher",
    "next review when",  # the wh-word typed last
    "where you been living",
    "appetite ok",  # the thing checked, said alone
    "ellie's teacher's name",
]

FAST_STATEMENTS = [
    "you know what, that's fair enough",
    "which is why I came today",
    "she was late again",
    "you did really well to get here",
    "what you said stuck with me",
    "i want a word with the school",
    "we been to see them",
    "I'll let you know when",
    "she told me where",
    "is a lot to carry on your own",  # 'it' left out: a reflection
    "was hard for you to hear",
    "could be worse",
    "been in touch with the school",  # 'I've' left out
    "got a letter from them this morning",
    "sounds ok to me",
    "that's okay",
    "did really well to get them to school",
]


@pytest.mark.parametrize("line", FAST_ASKS)
def test_a_question_with_its_auxiliary_left_out_is_read_as_asking(line: str) -> None:
    coded = shared_coder().code(line)
    intent = coded.intent
    asks = coded.code in QUESTIONS or intent.kind != "other" or intent.cue == QUESTION_FORM
    assert asks, (line, coded.code, intent)


@pytest.mark.parametrize("line", FAST_STATEMENTS)
def test_a_statement_typed_fast_stays_a_statement(line: str) -> None:
    assert shared_coder().code(line).intent.cue != QUESTION_FORM, line


@pytest.mark.parametrize(
    ("scenario", "member", "line", "expect"),
    [
        (
            "dad-neglect-plo-hopeless",
            "darren",
            "want a cuppa while we talk",
            ("yes", "yeah", "please", "go on", "milk", "tea", "no", "thanks"),
        ),
        (
            "teen-cannabis-missing",
            "kai",
            "u going to school at the min",
            ("school", "mornings", "timetable", "college", "no"),
        ),
        ("nan-kinship-care", "pat", "amber ok in herself", ("nightmare", "bed", "fine", "amber")),
    ],
)
def test_a_fast_typed_question_form_is_answered(
    scenario: str, member: str, line: str, expect: tuple[str, ...]
) -> None:
    reply = first_reply(scenario, member, line).text.lower()
    assert any(word in reply for word in expect), reply


@pytest.mark.parametrize(
    ("typed", "heard"),
    [
        ("mia where r u off to", "where r u off to"),  # the name leads: as "Mia, ..." does
        ("any plans mia", "any plans, mia"),
        ("did u ring mia", "did u ring mia"),  # a name after a verb is its object
        ("mia", "mia"),
    ],
)
def test_the_addressed_members_name_is_heard_as_said_to_them(typed: str, heard: str) -> None:
    assert SPELLING.addressed(typed, {"mia"}) == heard


@pytest.mark.parametrize(
    ("scenario", "member", "line", "expect"),
    [
        ("nan-kinship-care", "pat", "grandkids names?", ("jayden", "amber")),
        ("nan-kinship-care", "pat", "pat hows amber", ("nightmare", "bed", "amber", "fine")),
        ("mum-drinking-school-concerns", "kerry", "mias school", ("oakfield",)),
        ("nan-kinship-care", "pat", "jaydens school", ("primary", "year 4")),
        ("teen-cannabis-missing", "kai", "where u been living", ("here", "mum")),
    ],
)
def test_a_fragment_typed_fast_is_answered(
    scenario: str, member: str, line: str, expect: tuple[str, ...]
) -> None:
    reply = first_reply(scenario, member, line).text.lower()
    assert any(word in reply for word in expect), reply


@pytest.mark.parametrize(
    ("scenario", "member", "line", "expect"),
    [
        (
            "nan-kinship-care",
            "pat",
            "how old is amber and what class is she in",
            ("five", "reception"),
        ),
        (
            "mum-drinking-school-concerns",
            "kerry",
            "how old is tyler? which school does he go to",
            ("six", "oakfield"),
        ),
    ],
)
def test_two_short_questions_in_a_line_are_both_answered(
    scenario: str, member: str, line: str, expect: tuple[str, ...]
) -> None:
    reply = first_reply(scenario, member, line).text.lower()
    assert all(word in reply for word in expect), reply


def test_a_line_with_one_answerable_part_is_answered_as_one() -> None:
    # "is she settled" names no fact of its own: her age alone, not a half-made pair
    reply = first_reply("nan-kinship-care", "pat", "how old is amber and is she settled").text
    assert reply.lower().count("why") <= 1 and "five" in reply.lower(), reply
