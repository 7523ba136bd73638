"""Session 7 (family-nat): natural questions a worker asks in an assessment, answered with
what was asked. Our own lines, written for the mechanisms, never from the tuning sets."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import mi_trainer.simulation
from mi_trainer.simulation import SimulatedSession
from tests.simulation.bundled import bundled, first_reply, shared_coder

_RULES = Path(mi_trainer.simulation.__file__).parent / "default_rules.yaml"


def _intent(line: str):  # type: ignore[no-untyped-def]
    return shared_coder().code(line).intent


def _in_kind(key: str) -> set[str]:
    """Every line the rules give as an answer in kind of this key, in any mood."""
    answers = yaml.safe_load(_RULES.read_text(encoding="utf-8"))["answers"][key]
    return {line for lines in answers.values() for line in lines}


@pytest.mark.parametrize(
    ("line", "subject"),
    [
        # a choice of drinks is an offer, with or without its "?"
        ("coffee or tea", "drink"),
        ("Water or a cuppa, Pat", "drink"),
        ("a tea or just some juice for you", "drink"),
        # an offer said as a statement: its length, or "if you like" after it
        ("you want a breather for a few minutes", "break"),
        ("We could stop for five if you'd like.", "break"),
        ("I can fetch you some water if you want", "drink"),
    ],
)
def test_offers_not_asked_as_questions(line: str, subject: str) -> None:
    intent = _intent(line)
    assert (intent.kind, intent.subject) == ("offer", subject), intent


@pytest.mark.parametrize(
    "line",
    [
        "You'd like somebody else to take over.",
        "Tea and toast is all they have in the mornings.",  # no choice: "and"
        "You want a break from all of it.",  # a reflection, typed with its full stop
        "You want some time that's just yours.",
    ],
)
def test_reflections_and_statements_are_no_offer(line: str) -> None:
    assert _intent(line).kind != "offer"


@pytest.mark.parametrize(
    ("scenario", "member", "line"),
    [
        ("mum-drinking-school-concerns", "kerry", "Coffee or tea?"),
        ("nan-kinship-care", "pat", "shall we have five minutes break if that helps"),
    ],
)
def test_an_offer_gets_an_answer_in_kind(scenario: str, member: str, line: str) -> None:
    reply = first_reply(scenario, member, line).text
    assert reply in _in_kind("offer"), reply


@pytest.mark.parametrize(
    ("scenario", "member", "line"),
    [
        ("mum-drinking-school-concerns", "kerry", "Did you have a good weekend?"),
        ("nan-kinship-care", "pat", "How was Christmas?"),
        ("teen-cannabis-missing", "kai", "Nice half term?"),
    ],
)
def test_small_talk_gets_small_talk(scenario: str, member: str, line: str) -> None:
    reply = first_reply(scenario, member, line).text
    assert reply in _in_kind("small_talk"), reply


@pytest.mark.parametrize(
    ("scenario", "member", "line", "expect"),
    [
        ("dad-neglect-plo-hopeless", "darren", "Who has your back at the minute?", "sister"),
        ("nan-kinship-care", "pat", "Who do you rely on?", "jean"),
        ("mum-drinking-school-concerns", "kerry", "Who's looking out for you?", "sister"),
        ("dad-minimising-before-icpc", "craig", "Who's stood by you in all this?", "mum"),
    ],
)
def test_who_supports_them(scenario: str, member: str, line: str, expect: str) -> None:
    reply = first_reply(scenario, member, line).text.lower()
    assert expect in reply, reply


@pytest.mark.parametrize(
    ("scenario", "member", "line", "role", "never"),
    [
        (
            "mum-drinking-school-concerns",
            "kerry",
            "What's your daughter's teacher called?",
            "teacher",
            "mia",
        ),
        ("nan-kinship-care", "pat", "what's Jayden's class teacher called", "teacher", "jayden"),
        (
            "teen-cannabis-missing",
            "donna",
            "What's Kai's youth worker called?",
            "youth worker",
            "kai",
        ),
    ],
)
def test_a_role_named_is_not_the_child(
    scenario: str, member: str, line: str, role: str, never: str
) -> None:
    reply = first_reply(scenario, member, line).text.lower()
    assert role in reply and never not in reply, reply


@pytest.mark.parametrize(
    ("scenario", "member", "line", "expect", "never"),
    [
        # a wrong school is corrected from the facts, a right one confirmed
        (
            "mum-drinking-school-concerns",
            "kerry",
            "Mia goes to Hillside, doesn't she?",
            "oakfield",
            "yeah",
        ),
        (
            "mum-drinking-school-concerns",
            "kerry",
            "Tyler's at Oakfield too, isn't he?",
            "oakfield",
            "hillside",
        ),
        ("dad-minimising-before-icpc", "craig", "Lily's in school now, is she?", "nursery", "year"),
        (
            "teen-cannabis-missing",
            "donna",
            "Leah's at Brookside Primary, isn't she?",
            "year 5",
            "brookside",
        ),
    ],
)
def test_a_school_checked_is_confirmed_or_corrected(
    scenario: str, member: str, line: str, expect: str, never: str
) -> None:
    reply = first_reply(scenario, member, line).text.lower()
    assert expect in reply and never not in reply, reply


@pytest.mark.parametrize(
    ("scenario", "member", "line", "expect"),
    [
        ("mum-drinking-school-concerns", "kerry", "Are you okay for money at the minute?", "tight"),
        ("couple-new-baby-low-mood", "ryan", "How are you two fixed financially?", "rent"),
        ("dad-neglect-plo-hopeless", "darren", "How are you doing for money?", "universal"),
    ],
)
def test_money_is_answered_with_money(scenario: str, member: str, line: str, expect: str) -> None:
    reply = first_reply(scenario, member, line).text.lower()
    assert expect in reply, reply


@pytest.mark.parametrize(
    ("scenario", "member", "line", "expect", "never"),
    [
        # a routine asked as "tell me about…", not a view, and not the house
        (
            "mum-drinking-school-concerns",
            "kerry",
            "Tell me about the mornings at yours.",
            "tyler",
            "sleep",
        ),
        (
            "nan-kinship-care",
            "pat",
            "What's the bedtime routine like for the two of them?",
            "bed",
            "pension",
        ),
        # "pick them up": a particle, not getting up in the morning
        (
            "mum-drinking-school-concerns",
            "kerry",
            "When do you collect them, what time?",
            "quarter past three",
            "mornings",
        ),
        (
            "mum-drinking-school-concerns",
            "kerry",
            "So what time do you pick the kids up?",
            "quarter past three",
            "mornings",
        ),
    ],
)
def test_routines_asked_naturally(
    scenario: str, member: str, line: str, expect: str, never: str
) -> None:
    reply = first_reply(scenario, member, line).text.lower()
    assert expect in reply and never not in reply, reply


@pytest.mark.parametrize(
    ("scenario", "member", "line", "expect"),
    [
        # someone doing something asks who does it
        (
            "dad-minimising-before-icpc",
            "craig",
            "I was wondering whether anybody will be coming to the conference with you.",
            "mum",
        ),
        # another member asked about, of the other one
        ("couple-new-baby-low-mood", "ryan", "Is Jade managing to get some sleep?", "nights"),
    ],
)
def test_who_and_the_other_member(scenario: str, member: str, line: str, expect: str) -> None:
    reply = first_reply(scenario, member, line).text.lower()
    assert expect in reply, reply


@pytest.mark.parametrize(
    ("scenario", "member", "line"),
    [
        ("couple-new-baby-low-mood", "jade", "What do you think the social worker's going to do?"),
        (
            "nan-kinship-care",
            "pat",
            "It's a lot to take in. What do you reckon is going to happen?",
        ),
        ("teen-cannabis-missing", "kai", "You're worried what I'm going to do with it, yeah?"),
    ],
)
def test_what_happens_next_gets_their_fear(scenario: str, member: str, line: str) -> None:
    session = SimulatedSession(bundled(scenario), shared_coder(), seed=0, clock=lambda: None)
    fears = [
        *session.facts.voice_lines(member, "worry"),
        *session.facts.voice_lines(member, "test"),
    ]
    reply = first_reply(scenario, member, line).text
    assert reply in fears, reply


@pytest.mark.parametrize(
    "line",
    [
        "What are you going to do about the drinking?",  # evoking: their plan, not their fear
        "I'm going to do a plan with you.",  # a statement
    ],
)
def test_their_own_plans_are_no_fear(line: str) -> None:
    assert shared_coder().code(line).intent.subject != "consequences"


@pytest.mark.parametrize(
    ("scenario", "member", "line", "expect"),
    [
        # a child's contact with a parent who left: the contact fact, not the child's hobbies
        ("mum-drinking-school-concerns", "kerry", "Does Tyler ever get to see his dad?", "left"),
        (
            "nan-kinship-care",
            "pat",
            "I was wondering whether Jayden sees much of his mum.",
            "family centre",
        ),
    ],
)
def test_a_childs_contact_is_the_contact_fact(
    scenario: str, member: str, line: str, expect: str
) -> None:
    reply = first_reply(scenario, member, line).text.lower()
    assert expect in reply, reply
